"""The basic fixture builds to exactly its golden output (see tests/golden.py to regenerate)."""

from __future__ import annotations

from pathlib import Path

from golden import EXPECTED, build_fixture, differences, generated_files


def test_basic_site_matches_golden_output(tmp_path: Path) -> None:
    assert EXPECTED.is_dir(), "no golden output: run .venv/bin/python tests/golden.py --update"
    actual = generated_files(build_fixture(tmp_path))
    report = differences(actual, generated_files(EXPECTED))
    assert not report, "\n\n".join(report) + "\n\nIf intended: .venv/bin/python tests/golden.py --update"


def test_differences_are_readable() -> None:
    report = differences({"a.html": b"one\ntwo\n", "new.html": b""}, {"a.html": b"one\nthree\n", "gone.html": b""})
    assert report[0] == "missing from the build: gone.html"
    assert report[1] == "not in the golden output: new.html"
    assert "-three\n+two" in report[2]
