"""One story told by several agencies: lists, the timeline and search show it once, with its sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import SITES, chromium, copy_site, run_build, static_server
from test_a11y import AXE, describe, violations
from test_search import Page, facet_counts

pytestmark = pytest.mark.browser
# tests/sites/story: Norvane Wire's report leads (the others name it in `story:`), though
# Quillmark News filed its own first; the ferry timetable is another story.
LEAD = "articles/synthetic-harbour-accord-signed-in-tessaly-bay/"
SAMPLETON = "articles/tessaly-bay-ports-to-share-a-pier-invented-officials-say/"
QUILLMARK = "articles/pier-accord-reached-in-tessaly-bay/"
FERRY = "articles/synthetic-ferry-timetable-changes-for-spring/"
SOURCES = {LEAD: "Norvane Wire", SAMPLETON: "Sampleton Press", QUILLMARK: "Quillmark News"}


@pytest.fixture(scope="module")
def story_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build tests/sites/story with search for a /dossier/ subpath and serve it."""
    root = copy_site(SITES / "story", tmp_path_factory.mktemp("story-site"))
    result = run_build(root, "--base-url", "https://example.org/dossier/")
    assert result.returncode == 0, result.stderr
    assert "search index of 8 pages" in result.stdout  # 2 stories, 3 actors, 3 sources
    with static_server(root / "public", "/dossier/") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as context:
        yield context


@pytest.fixture
def tab(browser, story_url: str) -> Iterator[Page]:
    page = Page(browser, story_url)
    yield page
    assert page.errors == []
    page.close()


def relative(tab: Page, hrefs: list[str]) -> list[str]:
    return [href.removeprefix("/dossier/") for href in hrefs]


def entries(tab: Page, path: str, item: str = ".card") -> list[tuple[str, list[str]]]:
    """Open path; return each listed entry's link and the links of its 'also reported by' line."""
    tab.tab.goto(tab.base_url + path)
    found = []
    for entry in tab.tab.locator(item).all():
        title = entry.locator(".card-title a, .timeline-title a").get_attribute("href")
        also = entry.locator(".also-reported a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        found.append((title.removeprefix("/dossier/"), relative(tab, also)))
    return found


@pytest.mark.parametrize("path", ["", "articles/"])
def test_the_home_page_and_all_articles_list_the_story_once_with_its_sources(tab: Page, path: str) -> None:
    assert entries(tab, path) == [(FERRY, []), (LEAD, [QUILLMARK, SAMPLETON])]
    line = tab.tab.locator(".card", has=tab.tab.locator(f'a[href="/dossier/{LEAD}"]')).locator(".also-reported")
    assert line.inner_text() == "Also reported by Quillmark News, Sampleton Press"
    assert tab.tab.locator(".card .byline .source").all_inner_texts() == ["Sampleton Press", "Norvane Wire"]


def test_the_timeline_lists_the_story_once_with_its_sources(tab: Page) -> None:
    assert entries(tab, "timeline/", ".timeline-article") == [(FERRY, []), (LEAD, [QUILLMARK, SAMPLETON])]



def events(tab: Page, path: str, item: str) -> list[tuple[str, str]]:
    """Open path; return each in-text event's text and the report it links to."""
    tab.tab.goto(tab.base_url + path)
    return [(entry.locator("p").first.inner_text(),
             entry.locator(".event-source a").get_attribute("href").removeprefix("/dossier/"))
            for entry in tab.tab.locator(item).all()]


@pytest.mark.parametrize(("paths", "item"), [(["timeline/2026/02/", "timeline/2026/01/"], ".timeline-event"),
                                              ([""], ".home-events .event")])
def test_an_event_the_lead_gives_is_not_repeated_from_the_other_reports(tab: Page, paths: list[str], item: str) -> None:
    # All three reports date an event 10 February; only Sampleton's tells of 15 January.
    assert [event for path in paths for event in events(tab, path, item)] == [("Synthetic talks on the shared pier began", LEAD),
                                       ("The ferry captains’ guild asked for a lighthouse clause", SAMPLETON)]


def test_an_actors_events_are_the_storys_once(tab: Page) -> None:
    assert events(tab, "actors/pim-drostan/", ".column-side .event") == [("Synthetic talks on the shared pier began", LEAD)]


@pytest.mark.parametrize(("path", "listed", "count"), [
    # An agency's page shows its own report of the story, the others beside it, oldest first.
    ("sources/sampleton-press/", [(FERRY, []), (SAMPLETON, [QUILLMARK, LEAD])], "2"),
    ("sources/quillmark-news/", [(QUILLMARK, [LEAD, SAMPLETON])], "1"),
    ("sources/norvane-wire/", [(LEAD, [QUILLMARK, SAMPLETON])], "1"),
    # Named by two reports: the story once, by its lead.
    ("actors/pim-drostan/", [(LEAD, [QUILLMARK, SAMPLETON])], "1"),
    ("actors/orla-vennick/", [(FERRY, []), (LEAD, [QUILLMARK, SAMPLETON])], "2"),
    # Named by one report that does not lead: that report, with the lead among the others.
    ("actors/edda-marrow/", [(SAMPLETON, [QUILLMARK, LEAD])], "1"),
])
def test_a_profile_lists_each_story_once_by_a_report_it_holds(tab: Page, path: str, listed: list, count: str) -> None:
    assert entries(tab, path) == listed
    assert tab.tab.locator("#articles-h .count").inner_text() == count


def test_the_directories_count_stories(tab: Page) -> None:
    tab.tab.goto(tab.base_url + "actors/")
    counts = dict(zip(tab.tab.locator(".directory li > a").all_inner_texts(),
                      tab.tab.locator(".directory li > .count").all_inner_texts(), strict=True))
    assert counts == {"Orla Vennick": "2", "Edda Marrow": "1", "Pim Drostan": "1"}


def test_a_name_card_shows_the_story_its_profile_lists_first(tmp_path: Path) -> None:
    # Without the ferry story, Orla's newest report is Sampleton's; her page lists the story by its lead.
    root = copy_site(SITES / "story", tmp_path / "site")
    (root / "content/articles/2026/ferry-timetable.md").unlink()
    assert run_build(root, "--no-search").returncode == 0
    card = json.loads((root / "public/actors/orla-vennick/card.json").read_text(encoding="utf-8"))
    assert card["latest"] == {"title": "Synthetic harbour accord signed in Tessaly Bay", "url": "/" + LEAD}


@pytest.mark.parametrize("report", [LEAD, SAMPLETON, QUILLMARK])
def test_every_report_keeps_its_page_and_links_the_others(tab: Page, report: str) -> None:
    response = tab.tab.goto(tab.base_url + report)
    assert response.status == 200
    also = tab.tab.locator(".also-reported dd a")
    assert sorted(relative(tab, also.evaluate_all("links => links.map(a => a.getAttribute('href'))"))) == sorted(
        r for r in SOURCES if r != report)
    assert sorted(also.all_inner_texts()) == sorted(name for r, name in SOURCES.items() if r != report)


@pytest.mark.parametrize("query", ["pier", "accord", "Drostan",
                                   "lighthouse"])  # only in Sampleton's standfirst: found through the lead
def test_search_returns_the_story_once(tab: Page, query: str) -> None:
    assert [link for link in tab.search(query) if link.startswith("articles/")] == [LEAD]


def test_the_facets_count_the_story_once_and_find_it_by_any_of_its_agencies(tab: Page) -> None:
    assert tab.search("accord") == [LEAD]
    for facet in ("source", "actor", "place"):
        tab.tab.click(f'.search-facet[data-facet="{facet}"] summary')
    assert facet_counts(tab, "source") == {"Norvane Wire": 1, "Quillmark News": 1, "Sampleton Press": 1}
    assert facet_counts(tab, "actor") == {"Edda Marrow": 1, "Orla Vennick": 1, "Pim Drostan": 1}
    assert facet_counts(tab, "place") == {"Port Quill": 1, "Tessaly Bay": 1}
    assert tab.search(source="Quillmark News") == [LEAD]
    assert tab.search(source="Sampleton Press", sort="date") == [FERRY, LEAD]
    # The ticked facet opens by itself.
    assert facet_counts(tab, "source") == {"Sampleton Press": 2, "Norvane Wire": 1, "Quillmark News": 1}


def test_a_section_with_nothing_in_it_is_not_shown(tab: Page) -> None:
    # The story site has no topics: no page links to the topics, and the home page has no heading for them.
    for path in ("", "articles/", LEAD, "actors/orla-vennick/", "timeline/", "search/"):
        tab.tab.goto(tab.base_url + path)
        assert tab.tab.locator(".site-nav a").all_inner_texts() == ["Articles", "Actors", "Sources", "Timeline", "Network"]
        assert tab.tab.locator('a[href="/dossier/topics/"]').count() == 0
    tab.tab.goto(tab.base_url)
    assert tab.tab.locator("h2").all_text_contents() == ["Latest articles", "Recent events", "Most mentioned"]


def test_the_example_with_topics_shows_them(example_build: Path) -> None:
    home = (example_build / "index.html").read_text(encoding="utf-8")
    assert '<a href="/dossier/topics/">Темы</a>' in home and '<h2 id="topics-heading">Темы</h2>' in home


def test_an_empty_dossier_has_no_navigation_and_no_empty_headings(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.yml").write_text("title: Empty Bench\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert "site-nav" not in home and "<h2" not in home
    assert "<p>Nothing here yet.</p>" in home


def test_a_bare_article_gets_no_empty_aside_and_only_the_lists_it_fills(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "content/articles").mkdir(parents=True)
    (root / "site.yml").write_text("title: Bare Bench\n", encoding="utf-8")
    (root / "content/articles/bare.md").write_text(
        "---\ntitle: A bare synthetic note\ndate: 2026-03-01\n---\nNothing but text.\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    page = (root / "public/articles/a-bare-synthetic-note/index.html").read_text(encoding="utf-8")
    assert "<aside" not in page and "<h2" not in page
    nav = page.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert nav.count("<li>") == 2 and 'href="/articles/"' in nav and 'href="/timeline/"' in nav
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert home.count("<h2") == 1 and "<aside" not in home


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_story_pages_have_no_serious_accessibility_violations(browser, story_url: str, scheme: str) -> None:
    context = browser.browser.new_context(color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    try:
        page = context.new_page()
        for path in ("", "timeline/", "sources/sampleton-press/", SAMPLETON):
            found = violations(page, story_url + path)
            assert not found, f"{path or 'home'} ({scheme}):\n{describe(found)}"
    finally:
        context.close()
