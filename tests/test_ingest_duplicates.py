"""One story, several reports: the real CLI ingests a story, its update and another agency's report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dossier.ingest import duplicates
from helpers import DATA, EXAMPLE_SITE, SEED, run_build
from test_ingest_cli import ARTICLE, FIXTURES, ingest

STORY = "content/articles/2025/testland-council-approves-the-invented-harbourtown-bridge-plan.md"
SLUG = "testland-council-approves-the-invented-harbourtown-bridge-plan"
OTHER = "content/articles/2025/harbourtown-to-get-its-invented-bridge-to-examplea.md"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with the example's settings (in Russian) and profiles, two agencies' profiles and the story ingested."""
    root = tmp_path_factory.mktemp("story")
    shutil.copy(EXAMPLE_SITE / "site.yml", root / "site.yml")
    for section in ("actors", "topics", "sources"):
        shutil.copytree(EXAMPLE_SITE / "content" / section, root / "content" / section,
                        ignore=shutil.ignore_patterns("raw"))
    for slug, name in (("synthetic-wire", "Synthetic Wire"), ("example-press", "Example Press")):
        (root / f"content/sources/{slug}.md").write_text(f"---\nname: {name}\n---\n", encoding="utf-8")
    first = ingest(root, "--date", "2025-03-03", str(FIXTURES / "synthetic_story.txt"))
    assert first.returncode == 0, first.stderr
    return root


@pytest.fixture
def site(ingested: Path, tmp_path: Path) -> Path:
    """A copy of the ingested site for one test (file times kept, as the story index compares them)."""
    return Path(shutil.copytree(ingested, tmp_path / "site"))


def articles(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "content/articles").rglob("*.md"))


def test_an_update_from_the_same_agency_replaces_the_story_in_place(site: Path) -> None:
    result = ingest(site, "--date", "2025-03-03", str(FIXTURES / "synthetic_story_update.txt"))
    assert result.returncode == 0, result.stderr
    assert articles(site) == [STORY]
    text = (site / STORY).read_text(encoding="utf-8")
    # The desk's "UPDATE 1-" flag is not part of the headline, and the URL stays.
    assert text.startswith("---\ntitle: Testland council approves the invented Harbourtown bridge plan\n")
    assert "UPDATE 1" not in text.split("\n---\n", 1)[0]
    assert articles(site) == [f"content/articles/2025/{SLUG}.md"]
    assert "Council member Alice Example, who voted against the plan" in text
    assert f"warning: {FIXTURES / 'synthetic_story_update.txt'}: update of {STORY} (synthetic-wire, 1.00 alike): " \
           "replaced in place, same URL" in result.stderr
    # Both originals are kept, and ingest knows the replaced file as its own.
    assert (site / "content/sources/raw/synthetic_story.txt").is_file()
    assert (site / "content/sources/raw/synthetic_story_update.txt").is_file()
    assert duplicates.load_stories(site).untouched(STORY)


def test_an_update_of_a_hand_edited_story_is_written_beside_it_with_a_warning(site: Path) -> None:
    edited = (site / STORY).read_text(encoding="utf-8") + "\nAn editor's note.\n"
    (site / STORY).write_text(edited, encoding="utf-8")
    result = ingest(site, "--date", "2025-03-03", str(FIXTURES / "synthetic_story_update.txt"))
    assert result.returncode == 0, result.stderr
    beside = f"content/articles/2025/{SLUG}-update.md"
    assert articles(site) == [beside, STORY]
    assert (site / STORY).read_text(encoding="utf-8") == edited
    text = (site / beside).read_text(encoding="utf-8")
    assert f"\nslug: {SLUG}-update\n" in text and f"\nstory: {SLUG}\n" in text
    assert f"warning: {FIXTURES / 'synthetic_story_update.txt'}: update of {STORY}, which was edited by hand: " \
           f"written beside it as {beside}; merge the two by hand" in result.stderr
    # Sent again, the update changes nothing.
    assert ingest(site, "--date", "2025-03-03", str(FIXTURES / "synthetic_story_update.txt")).returncode == 0
    assert articles(site) == [beside, STORY]
    assert (site / STORY).read_text(encoding="utf-8") == edited


def test_another_agency_s_report_is_its_own_article_shown_with_the_first_as_one_story(site: Path) -> None:
    # Built before the second report arrives, so the first report's page must be rebuilt to list it.
    assert run_build(site, "--no-search").returncode == 0
    assert "Также сообщили" not in (site / f"public/articles/{SLUG}/index.html").read_text(encoding="utf-8")
    result = ingest(site, "--json", "--date", "2025-03-03", str(FIXTURES / "synthetic_story_other_agency.txt"))
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["path"] == OTHER and record["front_matter"]["story"] == SLUG
    assert f"same story as {STORY} (synthetic-wire): linked to it as another report (story: {SLUG})" \
        in record["warnings"]
    assert articles(site) == [OTHER, STORY]
    built = run_build(site, "--no-search")
    assert built.returncode == 0, built.stderr
    first = (site / f"public/articles/{SLUG}/index.html").read_text(encoding="utf-8")
    other = (site / "public/articles/harbourtown-to-get-its-invented-bridge-to-examplea/index.html").read_text(
        encoding="utf-8")
    assert re.search(r'<dt>Также сообщили</dt><dd><a href="/articles/harbourtown-to-get-its-invented-bridge-to-'
                     r'examplea/" title="Harbourtown to get its invented bridge to Examplea">Example Press</a></dd>',
                     first)
    assert re.search(rf'<dt>Также сообщили</dt><dd><a href="/articles/{SLUG}/" title="Testland council approves '
                     r'the invented Harbourtown bridge plan">Synthetic Wire</a></dd>', other)


def test_the_seed_story_writes_through_its_first_take_into_the_example_article(tmp_path: Path) -> None:
    # Real text: TASS's first take (headline and lead) of the seed story, then the story itself.
    for section in ("actors", "topics", "sources"):
        shutil.copytree(EXAMPLE_SITE / "content" / section, tmp_path / "content" / section,
                        ignore=shutil.ignore_patterns("raw"))
    assert ingest(tmp_path, str(DATA / "duplicates" / "ru_first_take.txt")).returncode == 0
    result = ingest(tmp_path, str(SEED))
    assert result.returncode == 0, result.stderr
    assert articles(tmp_path) == [ARTICLE]
    assert (tmp_path / ARTICLE).read_bytes() == (EXAMPLE_SITE / ARTICLE).read_bytes()
    assert f"update of {ARTICLE} (tass, 0.95 alike): replaced in place, same URL" in result.stderr
