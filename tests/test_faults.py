"""Faults and hostile input around the output folder: a killed build, foreign files, links, a broken cache."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus import article_path, dossier_article, generate, write_dossier, write_file
from dossier.util.store import digest
from dossier.preview.serve import Preview
from dossier.output.write import MANIFEST, STAGING, recover
from helpers import REPO, SITES, copy_site, run_build


def snapshot(out: Path) -> dict[str, bytes]:
    """Return every file below out by its POSIX path, the staging folder left out."""
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*"))
            if path.is_file() and STAGING not in path.relative_to(out).parts}


def strays(root: Path) -> list[str]:
    """Return temporary files and staging folders anywhere under root."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")
                  if path.name.startswith(".tmp-") or path.name == STAGING)


def basic_site(tmp_path: Path) -> Path:
    root = copy_site(SITES / "basic", tmp_path / "site")
    assert run_build(root, "--no-search").returncode == 0
    return root


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr.splitlines()


# --- a killed build leaves the old site or the new one ---------------------------------

KILLS = 5
ARTICLES = 80  # with the corpus's 380 profiles, about 650 files


def change(root: Path) -> None:
    """Turn the old synthetic site into the new one: every page changes, pages go and come."""
    (root / "site.yml").write_text("title: Synthetic dossier, second edition\nlanguage: en\n"
                                   "base_url: http://127.0.0.1/\n", encoding="utf-8")
    for path in sorted((root / "content/articles").rglob("*.md"))[:20]:
        path.unlink()
    for article in generate(ARTICLES + 20).articles[ARTICLES:]:
        write_file(root / "content" / article_path(article), dossier_article(article))


def test_a_killed_build_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    base = tmp_path / "base"
    write_dossier(generate(ARTICLES), base)
    assert run_build(base, "--no-search").returncode == 0
    old = snapshot(base / "public")
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    change(reference)
    started = time.perf_counter()
    assert run_build(reference, "--no-search").returncode == 0
    duration = time.perf_counter() - started
    new = snapshot(reference / "public")
    assert new != old and len(new) > 500
    rng = random.Random()
    outcomes = []
    for number in range(KILLS):
        root = tmp_path / f"run-{number}"
        shutil.copytree(base, root)
        change(root)
        out = root / "public"
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
                                    "--no-search"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # One kill in each fifth of the time from reading (the first 30 %) to just past
        # the end, at a random moment within it: most land while pages are staged or moved.
        time.sleep(duration * (0.3 + 0.75 * (number + rng.random()) / KILLS))
        process.send_signal(signal.SIGKILL)
        process.wait()
        committed = (out / STAGING / "journal.json").is_file()
        # Not committed: the folder holds the old site, whatever the build had staged.
        assert committed or snapshot(out) in (old, new)
        recover(out)  # what the next build or preview does first
        after = snapshot(out)
        assert after == old or after == new, f"kill {number} after {process.returncode}: a mixed site"
        outcomes.append(("new" if after == new else "old") + (", finished by recover" if committed else ""))
        result = run_build(root, "--no-search")
        assert result.returncode == 0, result.stderr
        assert snapshot(out) == new
        assert strays(root) == []
    print("outcomes:", outcomes)


def test_the_next_start_finishes_a_committed_write_and_drops_a_torn_one(tmp_path: Path) -> None:
    root = basic_site(tmp_path)
    out = root / "public"
    old = snapshot(out)
    staging = out / STAGING
    # As a build killed while moving files into place leaves it; one entry tries to leave.
    staging.mkdir()
    (staging / "0").write_bytes(b"new home")
    (staging / "1").write_bytes(b"escaped")
    journal = {"moves": [["index.html", "0"], ["../escaped.html", "1"]],
               "removes": ["articles/third-item/index.html", "../site.yml"], "files": None}
    (staging / "journal.json").write_text(json.dumps(journal)[:-20], encoding="utf-8")  # torn: not committed
    recover(out)
    assert snapshot(out) == old and not staging.exists()
    staging.mkdir()
    (staging / "0").write_bytes(b"new home")
    (staging / "1").write_bytes(b"escaped")
    (staging / "journal.json").write_text(json.dumps(journal), encoding="utf-8")
    recover(out)
    assert (out / "index.html").read_bytes() == b"new home"
    assert not (out / "articles/third-item").exists() and (root / "site.yml").is_file()
    assert not (root / "escaped.html").exists() and not staging.exists()


def test_the_preview_finishes_a_build_killed_while_moving_files_as_build_does(tmp_path: Path) -> None:
    root = basic_site(tmp_path)
    out = root / "public"
    staging = out / STAGING
    staging.mkdir()
    (staging / "0").write_bytes(b"new home")
    journal = {"moves": [["index.html", "0"]], "removes": ["articles/third-item/index.html"], "files": None}
    (staging / "journal.json").write_text(json.dumps(journal), encoding="utf-8")  # committed, then killed
    with Preview(root, port=0, search=False):
        assert (out / "index.html").read_bytes() == b"new home"
        assert not (out / "articles/third-item").exists() and not staging.exists()


def kill_while_staging(root: Path) -> bool:
    """Start a preview and kill it while its first build is staged; say whether that was caught."""
    staging = root / ".cache/preview" / STAGING
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root),
                                "--port", "0", "--no-search"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not staging.is_dir() and time.monotonic() < deadline:
        time.sleep(0.002)
    # Frozen first, so the staged files cannot be committed between the look and the kill.
    process.send_signal(signal.SIGSTOP)
    caught = staging.is_dir()
    process.send_signal(signal.SIGKILL)
    process.wait()
    return caught


def test_a_killed_preview_leaves_no_temporary_files(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_dossier(generate(150), root)
    for _ in range(5):  # the staging window is short on a fast machine: try again until it is hit
        if kill_while_staging(root):
            break
        shutil.rmtree(root / ".cache", ignore_errors=True)
    assert (root / ".cache/preview" / STAGING).is_dir()
    with Preview(root, port=0, search=False):
        assert (root / ".cache/preview/index.html").is_file()
    assert strays(root / ".cache") == []


# --- files that must not be touched ------------------------------------------------------

@pytest.mark.parametrize("out, problem", [
    ("layouts", "the output folder is the source folder {root}/layouts"),
    ("static", "the output folder is the source folder {root}/static"),
    ("content", "the output folder is the source folder {root}/content"),
    ("content/articles/x", "the output folder is inside the source folder {root}/content"),
    (".", "the output folder is the site folder"),
    ("..", "the output folder contains the site folder"),
])
def test_an_output_folder_over_the_sources_is_refused(tmp_path: Path, out: str, problem: str) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / "layouts").mkdir()
    (root / "layouts/404.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_build(root, "--no-search", "--out", str(root / out))
    shown = (root / out).resolve()
    assert error_lines(result) == [
        f"error: {shown}: {problem.format(root=root)}: choose another with --out or output_dir in site.yml"]
    assert snapshot(tmp_path) == before


def test_the_file_system_root_and_the_bundled_layouts_are_refused(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    assert error_lines(run_build(root, "--no-search", "--out", "/")) == [
        "error: /: the output folder cannot be the file system's root: "
        "choose another with --out or output_dir in site.yml"]
    assert error_lines(run_build(root, "--no-search", "--out", str(REPO))) == [
        f"error: {REPO}: the output folder contains the source folder {REPO}/layouts: "
        "choose another with --out or output_dir in site.yml"]


def test_a_foreign_folder_is_never_overwritten(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "index.html").write_text("someone else's page", encoding="utf-8")
    fix = "choose another with --out or output_dir in site.yml"
    for root, setting, problem in [
        (foreign / "site", "output_dir: ..", "the output folder contains the site folder:"),
        (tmp_path / "site", f"output_dir: {foreign}",
         "the output folder is not empty and dossier did not write it (no .dossier.json): empty it, or"),
    ]:
        copy_site(SITES / "basic", root)
        with (root / "site.yml").open("a", encoding="utf-8") as handle:
            handle.write(setting + "\n")
        assert error_lines(run_build(root, "--no-search")) == [f"error: {foreign}: {problem} {fix}"]
        assert (foreign / "index.html").read_text(encoding="utf-8") == "someone else's page"
        assert not (foreign / MANIFEST).exists()


def test_the_list_of_own_files_never_leads_outside_the_output_folder(tmp_path: Path) -> None:
    root = basic_site(tmp_path)
    out = root / "public"
    outside = tmp_path / "outside"
    outside.mkdir()
    victims = [tmp_path / "victim.txt", root / "victim.txt", outside / "victim.txt"]
    for victim in victims:
        victim.write_text("not dossier's", encoding="utf-8")
    (out / "escape").symlink_to(outside)
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed["files"] += ["../../victim.txt", "../victim.txt", "escape/victim.txt", "/etc/hostname"]
    (out / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    (root / "content/articles/2024/third.md").unlink()
    assert run_build(root, "--no-search").returncode == 0
    assert not (out / "articles/third-item").exists()
    assert all(victim.read_text(encoding="utf-8") == "not dossier's" for victim in victims)


# --- deleted pages go, wherever the site moved and whatever became of the list ---------------

def test_deleted_pages_go_after_the_site_moved(tmp_path: Path) -> None:
    root = basic_site(tmp_path)
    moved = root.rename(tmp_path / "moved")
    (moved / "content/articles/2024/third.md").unlink()
    result = run_build(moved, "--no-search")
    assert result.returncode == 0, result.stderr
    assert not (moved / "public/articles/third-item").exists()


@pytest.mark.parametrize("damage", [b'{"generator": "dossier", "files": [', b'{"files": 3}'])
def test_deleted_pages_go_after_the_list_was_damaged(tmp_path: Path, damage: bytes) -> None:
    root = basic_site(tmp_path)
    out = root / "public"
    (out / MANIFEST).write_bytes(damage)
    (root / "content/articles/2024/third.md").unlink()
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    assert not (out / "articles/third-item").exists()
    cold = tmp_path / "cold"
    assert run_build(root, "--no-search", "--out", str(cold)).returncode == 0
    assert snapshot(out) == snapshot(cold)


def test_a_site_built_by_the_previous_version_is_taken_over(tmp_path: Path) -> None:
    root = basic_site(tmp_path)
    out = root / "public"
    # As the previous version left it: its list in the cache, none in the folder, and the
    # temporary files of a killed build beside the pages.
    files = sorted(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"])
    (out / MANIFEST).unlink()
    legacy = root / ".cache" / f"outputs-{digest(str(out.resolve()))[:12]}.json"
    legacy.write_text(json.dumps({"out_dir": str(out.resolve()), "paths": files}), encoding="utf-8")
    (out / "articles/.tmp-999999-index.html").write_text("half", encoding="utf-8")
    (root / "content/articles/2024/third.md").unlink()
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    assert not (out / "articles/third-item").exists()
    assert strays(root) == []
    assert (out / MANIFEST).is_file() and not legacy.exists()


# --- the cache and the output folder as something else ------------------------------------

def test_cache_or_output_as_a_plain_file_is_one_line(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / ".cache").write_text("not a folder", encoding="utf-8")
    assert error_lines(run_build(root, "--no-search")) == [
        f"error: {root}/.cache: is a file, but dossier keeps its cache in a folder of this name: "
        "remove or rename the file"]
    (root / ".cache").unlink()
    (root / "public").write_text("not a folder", encoding="utf-8")
    assert error_lines(run_build(root, "--no-search")) == [
        f"error: {root}/public: the output folder is a file: remove it, or choose another with --out "
        "or output_dir in site.yml"]


def test_anything_damaged_in_the_cache_is_rebuilt(tmp_path: Path) -> None:
    root = basic_site(tmp_path)
    cold = snapshot(root / "public")
    cached = [path for path in (root / ".cache").rglob("*") if path.is_file()]
    assert any(path.parent.name == "jinja" for path in cached) and any(path.suffix == ".pickle" for path in cached)
    rng = random.Random(13)
    for path in cached:
        data = bytearray(path.read_bytes())
        # 32 bytes garbled past the headers: Jinja's own cache then ran broken bytecode.
        start = min(len(data) - 1, max(0, len(data) // 2))
        data[start:start + 32] = bytes(rng.randrange(256) for _ in range(32))
        path.write_bytes(bytes(data))
    (root / "content/articles/2024/third.md").touch()  # no "nothing changed" shortcut
    shutil.rmtree(root / "public")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "public") == cold


# --- symbolic links ---------------------------------------------------------------------------

def test_a_link_out_of_the_site_is_refused(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "leak.md").write_text("---\ntitle: Leak\ndate: 2024-01-01\n---\nsecret\n", encoding="utf-8")
    (root / "static/passwd.txt").symlink_to("/etc/passwd")
    (root / "content/articles/leak.md").symlink_to(secret / "leak.md")
    (root / "content/articles/private").symlink_to(secret)
    assert sorted(error_lines(run_build(root, "--no-search"))) == [
        f"error: content/articles/leak.md: symlink to {secret}/leak.md, outside the site folder: "
        "only links within the site are followed; copy the file into the site instead",
        f"error: content/articles/private: symlink to {secret}, outside the site folder: "
        "only links within the site are followed; copy the file into the site instead",
    ]
    for name in ("leak.md", "private"):
        (root / "content/articles" / name).unlink()
    assert error_lines(run_build(root, "--no-search")) == [
        "error: static/passwd.txt: symlink to /etc/passwd, outside the site folder: "
        "only links within the site are followed; copy the file into the site instead"]
    shutil.rmtree(root / "static")
    (root / "static").symlink_to(secret)  # the folder itself leads out
    assert error_lines(run_build(root, "--no-search")) == [
        f"error: static: symlink to {secret}, outside the site folder: "
        "only links within the site are followed; copy the file into the site instead"]
    assert not (root / "public").exists()


def test_a_link_within_the_site_is_followed(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / "shared").mkdir()
    (root / "shared/linked.md").write_text("---\ntitle: Linked\ndate: 2024-02-01\n---\nshared text\n",
                                           encoding="utf-8")
    (root / "content/articles/linked.md").symlink_to("../../shared/linked.md")
    (root / "static/shared").symlink_to("../shared")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    assert "shared text" in (root / "public/articles/linked/index.html").read_text(encoding="utf-8")
    assert (root / "public/shared/linked.md").is_file()


def test_a_dangling_link_or_a_loop_is_one_line(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    articles = root / "content/articles"
    # An editor's lock link points nowhere by design and is no article.
    (articles / ".#first.md").symlink_to("editor@host.4242:1700000000")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    (articles / "gone.md").symlink_to("nowhere.md")
    (articles / "self.md").symlink_to("self.md")
    (articles / "again").symlink_to(".")
    assert sorted(error_lines(run_build(root, "--no-search"))) == [
        "error: content/articles/again: symlink loop: it leads back to content/articles: remove the link",
        "error: content/articles/gone.md: symlink to nowhere.md, which does not exist: "
        "remove the link or restore what it points to",
        "error: content/articles/self.md: symlink loop: remove the link",
    ]
