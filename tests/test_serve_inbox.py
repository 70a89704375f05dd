"""A story saved into inbox/ while serving is ingested, appears, and leaves inbox/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.serve import Preview
from helpers import EXAMPLE_SITE, SEED
from serve_helpers import EventStream, open_url, save, status_of, wait_for

SLUG = "tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The example's settings and profiles, no articles, and an empty inbox/."""
    root = tmp_path / "site"
    for section in ("actors", "topics", "sources"):
        shutil.copytree(EXAMPLE_SITE / "content" / section, root / "content" / section,
                        ignore=shutil.ignore_patterns("raw"))
    settings = (EXAMPLE_SITE / "site.yml").read_text(encoding="utf-8")
    (root / "site.yml").write_text(settings.replace("base_url: /\n", "base_url: /dossier/\n"), encoding="utf-8")
    (root / "inbox").mkdir()
    return root


@pytest.fixture
def preview(site: Path) -> Iterator[Preview]:
    with Preview(site, port=0, search=False) as running:
        yield running


def test_a_story_saved_into_inbox_is_ingested_and_appears(preview: Preview, site: Path) -> None:
    page = preview.url + f"articles/{SLUG}/"
    assert status_of(page) == 404
    stream = EventStream(preview.url)
    save(site / "inbox" / SEED.name, SEED.read_text(encoding="utf-8"))
    stream.wait("reload")
    wait_for(lambda: status_of(page) == 200, "the ingested article's page")
    assert "Уиткофф и Кушнер" in open_url(page)
    assert (site / "content" / "sources" / "raw" / SEED.name).read_bytes() == SEED.read_bytes()
    wait_for(lambda: not (site / "inbox" / SEED.name).exists(), "the original to leave inbox/")
    assert (site / "content" / "articles" / "2026" / f"{SLUG}.md").is_file()


def test_a_story_that_cannot_be_ingested_stays_in_inbox(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url)
    assert stream.next() == ("ok", {"lines": []})
    save(site / "inbox" / "photo.txt", "")
    lines = stream.wait("problems")["lines"]
    assert len(lines) == 1 and lines[0].startswith("inbox/photo.txt: ")
    assert (site / "inbox" / "photo.txt").is_file()
    assert not (site / "content" / "sources" / "raw" / "photo.txt").exists()


def test_stories_waiting_in_inbox_are_ingested_at_start(site: Path) -> None:
    shutil.copy(SEED, site / "inbox" / SEED.name)
    with Preview(site, port=0, search=False) as running:
        assert status_of(running.url + f"articles/{SLUG}/") == 200
        assert not (site / "inbox" / SEED.name).exists()
