"""A story saved into inbox/ while serving is ingested, appears, and leaves inbox/."""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.preview.serve import Preview
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
    assert "Уиткофф и\xa0Кушнер" in open_url(page)
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


EN_SLUG = "synthetic-testland-minister-alice-example-meets-robert-sample"
EN_STORY = Path(__file__).resolve().parent / "ingest" / "synthetic_en.txt"


def test_a_folder_moved_into_inbox_with_stories_inside_is_ingested(preview: Preview, site: Path,
                                                                   tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    (batch / "day-2").mkdir(parents=True)
    shutil.copy(SEED, batch / SEED.name)
    shutil.copy(EN_STORY, batch / "day-2" / "en.txt")
    batch.rename(site / "inbox" / "batch")  # one event for the folder, none made by its files
    for slug in (SLUG, EN_SLUG):
        wait_for(lambda slug=slug: status_of(preview.url + f"articles/{slug}/") == 200, f"{slug}'s page")
    wait_for(lambda: not any(p.is_file() for p in (site / "inbox").rglob("*")), "the originals to leave inbox/")
    assert (site / "content/sources/raw/en.txt").read_bytes() == EN_STORY.read_bytes()


def test_inbox_made_and_filled_at_once_is_ingested(site: Path, tmp_path: Path) -> None:
    (site / "inbox").rmdir()
    with Preview(site, port=0, search=False) as running:
        incoming = tmp_path / "incoming"
        incoming.mkdir()
        shutil.copy(EN_STORY, incoming / "en.txt")
        incoming.rename(site / "inbox")
        wait_for(lambda: status_of(running.url + f"articles/{EN_SLUG}/") == 200, "the article's page")
        wait_for(lambda: not (site / "inbox" / "en.txt").exists(), "the original to leave inbox/")


def test_the_inbox_note_is_no_story(site: Path) -> None:
    note = "# inbox/\n\nDrop wire stories here.\n"
    (site / "inbox" / "README.md").write_text(note, encoding="utf-8")
    with Preview(site, port=0, search=False) as running:
        stream = EventStream(running.url)
        assert stream.next() == ("ok", {"lines": []})
        save(site / "inbox" / "README.md", note + "Ingest skips this note.\n")
        save(site / "inbox" / "en.txt", EN_STORY.read_text(encoding="utf-8"))
        wait_for(lambda: not (site / "inbox" / "en.txt").exists(), "the story to leave inbox/")
    assert (site / "inbox" / "README.md").is_file()
    assert [p.name for p in (site / "content/sources/raw").iterdir()] == ["en.txt"]


def test_the_preview_waits_while_another_ingest_holds_the_lock(
        preview: Preview, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = site / ".cache" / "ingest.lock"
    lock.parent.mkdir(exist_ok=True)
    with open(lock, "a+b") as held:  # as `build.py ingest` holds it while it runs
        fcntl.flock(held, fcntl.LOCK_EX)
        save(site / "inbox" / "en.txt", EN_STORY.read_text(encoding="utf-8"))
        wait_for(lambda: "waiting for another ingest" in capsys.readouterr().err, "the preview to wait")
        assert not (site / "content/sources/raw/en.txt").exists()
    wait_for(lambda: (site / "content/sources/raw/en.txt").is_file(), "the story once the lock is free")
