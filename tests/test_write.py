"""The writer: unchanged files are not rewritten; pages of deleted content disappear."""

from __future__ import annotations

from pathlib import Path

from dossier.pages.render import Output
from dossier.output.write import write
from helpers import SITES, copy_site, run_build


def test_unchanged_files_keep_their_mtime_and_stale_pages_go(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    out = root / "public"
    assert run_build(root, "--no-search").returncode == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = run_build(root, "--no-search")
    assert "0 written" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    (root / "content/articles/2024/third.md").unlink()
    result = run_build(root, "--no-search")
    assert result.returncode == 0
    assert not (out / "articles/third-item").exists()


def test_writer_never_removes_files_it_did_not_write(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    (out / "mine.txt").write_text("a user's file")
    write([Output("a/index.html", b"one")], out, cache)
    write([Output("b/index.html", b"two")], out, cache)
    assert (out / "mine.txt").read_text() == "a user's file"
    assert not (out / "a").exists()
    assert (out / "b/index.html").read_bytes() == b"two"
