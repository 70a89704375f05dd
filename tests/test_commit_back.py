"""scripts/commit-back against a real bare repository: what it commits, says and pushes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO
from test_fetch import Site, make_site, web  # noqa: F401 - web is a fixture

SCRIPT = REPO / "scripts" / "commit-back"
STORY = b"Synthetic: Testland council meets\n\nTESTVILLE, Mar 3 (Synthetic Wire) - An invented council met.\n"
ARTICLE = "content/articles/2026/testland-council-meets.md"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def clone(remote: Path, target: Path) -> Path:
    git(remote.parent, "clone", "--quiet", str(remote), str(target))
    git(target, "config", "user.name", "Test Editor")
    git(target, "config", "user.email", "editor@example.invalid")
    return target


def commit_back(root: Path, output: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GITHUB_OUTPUT": str(output)}
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), "--branch", "main"],
                          capture_output=True, text=True, check=False, env=env)


@pytest.fixture
def repos(tmp_path: Path) -> tuple[Path, Path]:
    """A bare 'GitHub' repository holding a site with a story in inbox/, and a runner's clone of it."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    seed = clone(remote, tmp_path / "seed")
    (seed / "site.yml").write_text("title: Commit-back test\n", encoding="utf-8")
    (seed / "inbox").mkdir()
    (seed / "inbox" / "council.txt").write_bytes(STORY)
    (seed / "content/sources").mkdir(parents=True)
    (seed / "content/sources/synthetic-wire.md").write_text("---\nname: Synthetic Wire\n---\n", encoding="utf-8")
    git(seed, "add", "--all")
    git(seed, "commit", "--quiet", "-m", "A site with a story in inbox/")
    git(seed, "push", "--quiet", "origin", "main")
    return remote, clone(remote, tmp_path / "runner")


def ingest_by_hand(root: Path) -> None:
    """Lay out what `build.py ingest` leaves: an article, a stub, the original, the feed state."""
    (root / "content/articles/2026").mkdir(parents=True)
    (root / ARTICLE).write_text("---\ntitle: Testland council meets\ndate: 2026-03-03\n---\nAn invented council met.\n",
                                encoding="utf-8")
    (root / "content/actors").mkdir()
    (root / "content/actors/robert-sample.md").write_text("---\nname: Robert Sample\n---\n", encoding="utf-8")
    (root / "content/sources/raw").mkdir()
    (root / "content/sources/raw/council.txt").write_bytes(STORY)
    (root / "content/sources/feeds-seen.json").write_text('{"http://127.0.0.1/rss.xml": {"seen": ["a"]}}\n',
                                                          encoding="utf-8")


def test_commit_back_pushes_one_commit_listing_the_story_then_nothing(repos: tuple[Path, Path], tmp_path: Path) -> None:
    remote, runner = repos
    ingest_by_hand(runner)
    output = tmp_path / "github_output"
    result = commit_back(runner, output)
    assert result.returncode == 0, result.stderr
    sha = git(remote, "rev-parse", "main").strip()
    assert result.stdout == f"commit-back: pushed {sha[:12]} to origin main: Ingest 1 story: Testland council meets\n"
    assert output.read_text(encoding="utf-8") == f"pushed=true\nsha={sha}\n"
    assert git(remote, "log", "-1", "--format=%B", "main") == (
        "Ingest 1 story: Testland council meets\n\n"
        f"- Testland council meets ({ARTICLE})\n\n"
        "Also: 1 original kept, 1 new actor stub, 1 story taken out of inbox/, the feed state.\n\n")
    assert git(remote, "log", "-1", "--format=%an <%ae>", "main") == "Test Editor <editor@example.invalid>\n"
    tree = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert ARTICLE in tree and "content/sources/raw/council.txt" in tree and "inbox/council.txt" not in tree

    # Nothing new, or only the feed state changed: no commit, nothing pushed.
    (runner / "content/sources/feeds-seen.json").write_text("{}\n", encoding="utf-8")
    output.unlink()
    again = commit_back(runner, output)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "commit-back: nothing new: no commit\n"
    assert output.read_text(encoding="utf-8") == "pushed=false\n"
    assert git(remote, "rev-parse", "main").strip() == sha


def test_commit_back_rebases_onto_a_push_made_meanwhile(repos: tuple[Path, Path], tmp_path: Path) -> None:
    remote, runner = repos
    editor = clone(remote, tmp_path / "editor")
    (editor / "site.yml").write_text("title: Renamed while the feed workflow ran\n", encoding="utf-8")
    git(editor, "commit", "--quiet", "-am", "Rename the dossier")
    git(editor, "push", "--quiet", "origin", "main")
    ingest_by_hand(runner)
    result = commit_back(runner, tmp_path / "github_output")
    assert result.returncode == 0, result.stderr
    assert git(remote, "log", "--format=%s", "main").splitlines() == [
        "Ingest 1 story: Testland council meets", "Rename the dossier", "A site with a story in inbox/"]


def test_the_feed_workflow_steps_commit_fetched_stories_once(tmp_path: Path, web: Site) -> None:
    """feed.yml's steps in a clone: fetch from a local server, commit back; then again, with nothing new."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    seed = make_site(clone(remote, tmp_path / "seed"), web.base)
    git(seed, "add", "--all")
    git(seed, "commit", "--quiet", "-m", "Sources with feeds")
    git(seed, "push", "--quiet", "origin", "main")
    runner = clone(remote, tmp_path / "runner")
    output = tmp_path / "github_output"
    for run in (1, 2):
        fetched = subprocess.run([sys.executable, str(REPO / "build.py"), "fetch", "--root", str(runner)],
                                 capture_output=True, text=True, check=False)
        assert fetched.returncode == 1  # the broken feed and the dead link, every time
        result = commit_back(runner, output)
        assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").splitlines()[-1] == "pushed=false"
    assert git(remote, "log", "--format=%B", "main") == (
        "Ingest 2 stories\n\n"
        "- Council of Testland votes on an invented budget (content/articles/2026/"
        "council-of-testland-votes-on-an-invented-budget.md)\n"
        "- Testland minister Alice Example meets council chair Robert Sample (content/articles/2026/"
        "testland-minister-alice-example-meets-council-chair-robert-sample.md)\n\n"
        "Also: 2 originals kept, 1 new actor stub, the feed state, the ingest record, 1 other file.\n\n"
        "Sources with feeds\n\n")
