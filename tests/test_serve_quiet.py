"""A quiet preview terminal: each warning printed once, when its cause appears."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.preview.serve import Preview
from serve_helpers import article, save, wait_for, write_site


def test_each_warning_is_printed_once_when_its_cause_appears(tmp_path: Path,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site")
    articles = site / "content" / "articles"
    save(articles / "story-1.md", article("story-1", "Synthetic story one").replace(
        "source: test-wire", "source: ghost-wire"))
    with Preview(site, port=0, search=False) as preview:
        first = preview.rebuilds
        for n, title in enumerate(("Synthetic edit one", "Synthetic edit two"), start=1):
            save(articles / "story-2.md", article("story-2", title))
            wait_for(lambda n=n: preview.rebuilds >= first + n, "a rebuild")
        save(articles / "story-4.md", article("story-4", "Synthetic story four").replace(
            "source: test-wire", "source: phantom-wire"))
        wait_for(lambda: preview.rebuilds >= first + 3, "a rebuild")
    err = capfd.readouterr().err
    ghost = [line for line in err.splitlines() if "'ghost-wire' has no profile" in line]
    phantom = [line for line in err.splitlines() if "'phantom-wire' has no profile" in line]
    assert len(ghost) == 1 and len(phantom) == 1, err
    assert err.index("ghost-wire") < err.index("phantom-wire")
