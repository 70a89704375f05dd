"""The search index is kept when its pages did not change, and made again when anything it stands on did."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dossier.output.search import index
from helpers import SITES, chromium, copy_site, run_build, static_server

ARTICLE = Path("content/articles/2026/drill-talks-resume.md")
EN_STORY = "articles/synthetic-drill-talks-resume-in-sampleton/"


def bundle(out: Path) -> dict[str, tuple[int, int]]:
    """Return (inode, mtime) of every file of the search bundle, by path."""
    found = {}
    for folder, _, files in os.walk(out / "pagefind"):
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            found[os.path.relpath(os.path.join(folder, name), out)] = (stat.st_ino, stat.st_mtime_ns)
    return found


def summary(root: Path) -> str:
    """Build root into root/public with search; return the search part of the summary line."""
    result = run_build(root, "--out", str(root / "public"))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("; ", 1)[1]


def search(out: Path, query: str) -> list[str]:
    """Return the result links of query on the built search page, in headless Chromium."""
    with static_server(out) as url, chromium() as context:
        tab = context.new_page()
        tab.goto(url + "search/?q=" + query)
        tab.wait_for_function("() => !document.getElementById('search-results').hasAttribute('aria-busy')"
                              " && document.getElementById('search-status').textContent !== ''")
        return tab.locator("#search-results h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.browser
def test_an_unchanged_site_keeps_its_index_and_an_edit_replaces_it(tmp_path: Path) -> None:
    root = copy_site(SITES / "search", tmp_path / "site")
    out = root / "public"
    assert summary(root) == "search index of 8 pages in 3 shards (3 indexed)"
    first = bundle(out)
    assert summary(root) == "search index unchanged (8 pages in 3 shards)"
    assert bundle(out) == first  # Pagefind did not run: not one file of the bundle was replaced

    # The story (1 February in Moscow, still January in UTC) is in the shard of the newest
    # year's closed months (with the profiles): the open shard (the newest month) and the
    # archive (2025) are kept.
    with (root / ARTICLE).open("a", encoding="utf-8") as story:
        story.write("\nThe delegates met in Quillowmarsh, a plainly invented town.\n")
    assert summary(root) == "search index of 8 pages in 3 shards (1 indexed)"
    after = bundle(out)
    changed = {path for path, stamp in after.items() if first.get(path) != stamp}
    assert changed and all(path.startswith("pagefind/2026/") for path in changed)
    # Only the files that differ are written: the fragments of the shard's other pages are the same files.
    kept = {path for path in first.keys() & after.keys() if path.startswith("pagefind/2026/fragment/")}
    assert len(kept) == len([path for path in after if path.startswith("pagefind/2026/fragment/")]) - 1
    assert kept and all(after[path] == first[path] for path in kept)  # the profiles' fragments, untouched
    assert search(out, "Quillowmarsh") == ["/" + EN_STORY]

    (root / ARTICLE).unlink()
    # Its shard is gone, and the profiles it held go to the open shard.
    assert summary(root) == "search index of 7 pages in 2 shards (1 indexed)"
    assert search(out, "Quillowmarsh") == []


def test_a_missing_damaged_or_half_written_bundle_or_another_language_indexes_again(tmp_path: Path) -> None:
    root = copy_site(SITES / "search", tmp_path / "site")
    out = root / "public"
    assert summary(root) == "search index of 8 pages in 3 shards (3 indexed)"

    shutil.rmtree(out / "pagefind")
    assert summary(root) == "search index of 8 pages in 3 shards (3 indexed)"
    assert summary(root) == "search index unchanged (8 pages in 3 shards)"

    entry = out / "pagefind" / "archive" / "pagefind-entry.json"
    entry.write_text("{}", encoding="utf-8")
    assert summary(root) == "search index of 8 pages in 3 shards (1 indexed)"
    assert entry.read_text(encoding="utf-8") != "{}"

    (out / "pagefind" / "shards.json").write_text("[]", encoding="utf-8")
    (out / "pagefind" / "2019").mkdir()  # a shard no longer planned
    assert summary(root) == "search index of 8 pages in 3 shards (0 indexed)"
    assert sorted(os.listdir(out / "pagefind")) == ["2026", "2026-02", "archive", "shards.json"]

    # A run killed while it wrote a shard: a file half there beside the last good ones.
    stray = out / "pagefind" / "2026-02" / "fragment" / "ru_0123abc.pf_fragment"
    stray.write_bytes(b"half")
    assert summary(root) == "search index of 8 pages in 3 shards (1 indexed)"
    assert not stray.exists()
    # A shard's folder made a link to elsewhere: nothing is written through it.
    outside, chunks = tmp_path / "outside", out / "pagefind" / "2026-02" / "index"
    outside.mkdir()
    shutil.rmtree(chunks)
    chunks.symlink_to(outside, target_is_directory=True)
    assert summary(root) == "search index of 8 pages in 3 shards (1 indexed)"
    assert not chunks.is_symlink() and any(chunks.iterdir()) and not any(outside.iterdir())

    # The same pages stemmed for another language make another index.
    before = bundle(out)
    assert index("en", out, root / ".cache" / "build") == "search index of 8 pages in 3 shards (3 indexed)"
    assert bundle(out) != before
    assert summary(root) == "search index of 8 pages in 3 shards (3 indexed)"  # back to the site's ru


def test_shards_restored_from_the_pages_workflows_cache_are_kept(tmp_path: Path) -> None:
    """The workflow restores .cache/ and public/ with actions/cache (tar --posix): new inodes, same stamps."""
    root = copy_site(SITES / "search", tmp_path / "site")
    assert summary(root) == "search index of 8 pages in 3 shards (3 indexed)"
    packed = tmp_path / "cache.tar"
    subprocess.run(["tar", "--posix", "-cf", str(packed), "-C", str(root), ".cache", "public"], check=True)
    shutil.rmtree(root / ".cache")
    shutil.rmtree(root / "public")
    subprocess.run(["tar", "-xf", str(packed), "-C", str(root)], check=True)
    assert summary(root) == "search index unchanged (8 pages in 3 shards)"
    # A new story in the newest month re-indexes that month's shard alone.
    story = root / "content/articles/2026/later.md"
    story.write_text("---\ntitle: Synthetic later item\ndate: 2026-02-20\n---\nQuillowmarsh talks.\n",
                     encoding="utf-8")
    assert summary(root) == "search index of 9 pages in 3 shards (1 indexed)"
