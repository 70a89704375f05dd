"""Search in a real browser: Russian morphology, names across scripts, facets, the URL, offline."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from helpers import EXAMPLE_SITE, REPO, SITES, chromium, copy_site, run_build, static_server

pytestmark = pytest.mark.browser
SEED = "articles/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe/"
RU_STORY = "articles/uchebnye-peregovory-o-peremirii-proshli-v-nizhnem-obraztse/"
EN_STORY = "articles/synthetic-drill-talks-resume-in-sampleton/"
LATER_RU_STORY = "articles/ministr-orvin-prokommentirovala-uchebnoe-peremirie/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as context:
        yield context


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build tests/sites/search (Russian and English stories) for a /dossier/ subpath."""
    root = copy_site(SITES / "search", tmp_path_factory.mktemp("search-site"))
    result = run_build(root, "--out", str(root / "public"), "--base-url", "https://example.org/dossier/")
    assert result.returncode == 0, result.stderr
    return root / "public"


@pytest.fixture(scope="module")
def fixture_url(fixture_build: Path) -> Iterator[str]:
    with static_server(fixture_build, "/dossier/") as url:
        yield url


class Page:
    """A browser tab on the search page that records errors and every request it makes."""

    def __init__(self, context: object, base_url: str):
        self.base_url = base_url
        self.tab = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.tab.on("pageerror", lambda error: self.errors.append(str(error)))
        self.tab.on("request", lambda request: self.requests.append(request.url))

    def search(self, query: str = "", **params: str) -> list[str]:
        """Open /search/?q=query&... and return the result links, in order."""
        pairs = ([("q", query)] if query else []) + list(params.items())
        self.tab.goto(self.base_url + "search/?" + "&".join(f"{k}={quote(v)}" for k, v in pairs))
        return self.results()

    def results(self) -> list[str]:
        """Wait for the search to settle; return the result links relative to the base URL."""
        self.tab.wait_for_function("() => !document.getElementById('search-results').hasAttribute('aria-busy')"
                                   " && document.getElementById('search-status').textContent !== ''")
        links = self.tab.locator("#search-results h2 a")
        prefix = urlsplit(self.base_url).path
        return [href.removeprefix(prefix) for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))")]

    def close(self) -> None:
        self.tab.close()


@pytest.fixture
def page(browser, example_url: str) -> Iterator[Page]:
    tab = Page(browser, example_url)
    yield tab
    assert tab.errors == []
    tab.close()


@pytest.fixture
def fixture_page(browser, fixture_url: str) -> Iterator[Page]:
    tab = Page(browser, fixture_url)
    yield tab
    assert tab.errors == []
    tab.close()


@pytest.mark.parametrize("query", ["Макрон", "Макрона", "Пескова", "Песков", "перемирие", "перемирии",
                                   "Macron", "Witkoff", "Zelensky"])
def test_query_finds_the_seed_story(page: Page, query: str) -> None:
    assert SEED in page.search(query)


def test_a_word_bound_to_its_preposition_by_a_non_breaking_space_is_found(page: Page, example_build: Path) -> None:
    html = (example_build / SEED / "index.html").read_text(encoding="utf-8")
    # The page has the word only after "по" and a non-breaking space (dossier/typography.py).
    assert "по&nbsp;инициативе" in html and "по инициативе" not in html
    assert SEED in page.search("инициативе")


@pytest.mark.parametrize(("query", "actor"), [("Macron", "emmanuel-makron"), ("Макрон", "emmanuel-makron"),
                                              ("Witkoff", "stiven-uitkoff"), ("Zelensky", "vladimir-zelensky"),
                                              ("Пескова", "dmitry-peskov")])
def test_an_actors_own_page_ranks_first_for_their_name(page: Page, query: str, actor: str) -> None:
    assert page.search(query)[0] == f"actors/{actor}/"


def test_russian_words_are_found_in_any_form(fixture_page: Page) -> None:
    # Only the stem joins these: no alias lists them and neither is a prefix of the other.
    assert LATER_RU_STORY in fixture_page.search("перемирии")  # its text says "перемирие"
    assert fixture_page.search("переговоров") == [RU_STORY]  # its title says "переговоры"


def test_excerpts_show_page_text_not_the_hidden_names(page: Page) -> None:
    page.search("Пескова")
    excerpts = page.tab.locator("#search-results .search-excerpt").all_inner_texts()
    assert excerpts and not any("Пескову" in text or "Peskov ·" in text for text in excerpts)
    page.search("Macron")
    seed = page.tab.locator("#search-results li", has=page.tab.locator(f'a[href$="{SEED}"]'))
    assert "Макрону" not in seed.locator(".search-excerpt").inner_text()


def test_labels_and_section_names_are_not_searched_text(page: Page) -> None:
    # The story's date/place/source block and a profile's section label are metadata only:
    # a label run into its value would head excerpts, and the label would match every page.
    assert page.search("Место") == []  # the place label, which no text of the example has
    page.search("Лавров")
    excerpts = page.tab.locator("#search-results .search-excerpt").all_inner_texts()
    assert excerpts and not any("Персоны и организации" in text for text in excerpts)


def test_a_result_shows_title_date_source_place_and_highlighted_excerpt(page: Page) -> None:
    page.search("перемирии")
    card = page.tab.locator("#search-results li", has=page.tab.locator(f'a[href$="{SEED}"]'))
    assert "Уиткофф и\xa0Кушнер" in card.locator("h2").inner_text()
    assert card.locator(".byline").inner_text() == "6 января 2026 · Париж · ТАСС"
    assert card.locator(".search-excerpt mark").first.inner_text().lower().startswith("перемири")
    assert page.tab.locator("#search-status").inner_text() == "Найдено: 2 по запросу «перемирии»"


def test_navigation_is_not_indexed(page: Page) -> None:
    # "Хронология" is only in the site navigation and the timeline page, never in content.
    assert page.search("Хронология") == []
    assert page.tab.locator("#search-status").inner_text() == "По запросу «Хронология» ничего не найдено"


def test_the_url_restores_a_search_and_typing_updates_it(page: Page) -> None:
    assert SEED in page.search("Witkoff", sort="date")
    assert page.tab.input_value("#search-q") == "Witkoff"
    assert page.tab.input_value("#site-search") == "Witkoff"
    assert page.tab.input_value("#search-sort") == "date"
    page.tab.fill("#search-q", "Lavrov")
    page.tab.wait_for_function("() => location.search === '?q=Lavrov&sort=date'")
    page.tab.reload()
    assert page.results() == [SEED]  # sorted by date: dated stories only


def test_search_runs_offline_under_the_subpath(page: Page) -> None:
    links = page.search("Макрон")
    assert links and all(not link.startswith(("/", "http")) for link in links)
    origin = page.base_url.split("/dossier/")[0]
    assert all(url.startswith(origin + "/dossier/") for url in page.requests), page.requests
    response = page.tab.request.get(page.base_url + links[0])
    assert response.status == 200


def test_search_works_within_the_pages_content_security_policy(page: Page) -> None:
    # The policy forbids inline script and eval; Pagefind's module and WebAssembly still run.
    # A refused script or fetch would be a console error, which the fixture fails on.
    assert SEED in page.search("Макрон")
    policy = page.tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy and "unsafe-inline" not in policy


def test_one_search_finds_russian_and_english_stories(fixture_page: Page) -> None:
    assert {RU_STORY, EN_STORY} <= set(fixture_page.search("Dulm"))
    assert {RU_STORY, EN_STORY} <= set(fixture_page.search("Дульма"))
    assert {RU_STORY, EN_STORY, LATER_RU_STORY} <= set(fixture_page.search("ceasefire"))


def test_yo_and_ye_are_one_letter(fixture_page: Page) -> None:
    assert fixture_page.search("елочный") == [RU_STORY]
    assert fixture_page.search("ёлочный") == [RU_STORY]
    # One story spells "ещё", the other "еще": either spelling finds both.
    assert set(fixture_page.search("еще")) == {RU_STORY, LATER_RU_STORY}
    assert set(fixture_page.search("ещё")) == {RU_STORY, LATER_RU_STORY}


def test_sort_by_date_or_by_relevance(fixture_page: Page) -> None:
    assert fixture_page.search("перемирие", sort="date") == [LATER_RU_STORY, EN_STORY, RU_STORY]
    fixture_page.tab.select_option("#search-sort", "")
    fixture_page.tab.wait_for_function("() => !location.search.includes('sort=')")
    # By relevance the topic's own page leads, and it has no date to sort by.
    assert fixture_page.results()[0] == "topics/uchebnoe-peremirie/"


def facet_counts(page: Page, facet: str) -> dict[str, int]:
    """Return the facet's values and counts as shown."""
    rows = page.tab.locator(f'.search-facet[data-facet="{facet}"] li')
    rows.first.wait_for()
    return {row.locator(".search-facet-name").inner_text(): int(row.locator(".count").inner_text())
            for row in rows.all()}


def test_facets_narrow_results_and_their_counts_follow(fixture_page: Page) -> None:
    tab = fixture_page.tab
    assert set(fixture_page.search("Зельда")) == {"actors/zelda-orvin/", RU_STORY, LATER_RU_STORY}
    tab.click('.search-facet[data-facet="year"] summary')
    assert facet_counts(fixture_page, "year") == {"2026": 1, "2025": 1}
    tab.click('.search-facet[data-facet="actor"] summary')
    assert facet_counts(fixture_page, "actor") == {"Зельда Орвин": 2, "Кравикс Дульм": 1}
    tab.check('.search-facet[data-facet="actor"] input[value="Кравикс Дульм"]')
    tab.wait_for_function("() => location.search.includes('actor=')")
    assert fixture_page.results() == [RU_STORY]
    assert facet_counts(fixture_page, "year") == {"2025": 1}
    assert tab.locator("#search-status").inner_text() == "Найдено: 1 по запросу «Зельда»"
    # Facets combine: a second one narrows what the first left.
    tab.check('.search-facet[data-facet="year"] input[value="2025"]')
    tab.wait_for_function("() => location.search.includes('year=2025')")
    assert fixture_page.results() == [RU_STORY]


def test_topic_source_and_place_facets_count_and_narrow(fixture_page: Page) -> None:
    tab = fixture_page.tab
    fixture_page.search("перемирие")
    for facet in ("topic", "source", "place"):
        tab.click(f'.search-facet[data-facet="{facet}"] summary')
    assert facet_counts(fixture_page, "topic") == {"Учебное перемирие": 3}
    # The source facet counts the agency and every outlet it cites.
    assert facet_counts(fixture_page, "source") == {"Пример-Пресс": 2, "Газета «Образец»": 2}
    assert facet_counts(fixture_page, "place") == {"Нижний Образец": 2, "Sampleton": 1}
    tab.check('.search-facet[data-facet="source"] input[value="Газета «Образец»"]')
    tab.wait_for_function("() => location.search.includes('source=')")
    assert set(fixture_page.results()) == {RU_STORY, LATER_RU_STORY}  # cited by one, filed by the other
    assert facet_counts(fixture_page, "place") == {"Нижний Образец": 2}
    tab.uncheck('.search-facet[data-facet="source"] input[value="Газета «Образец»"]')
    tab.check('.search-facet[data-facet="place"] input[value="Sampleton"]')
    tab.wait_for_function("() => location.search.includes('place=Sampleton') && !location.search.includes('source=')")
    assert fixture_page.results() == [EN_STORY]
    assert facet_counts(fixture_page, "source") == {"Пример-Пресс": 1}
    assert facet_counts(fixture_page, "topic") == {"Учебное перемирие": 1}


def test_a_facet_opened_as_the_results_are_redrawn_stays_open(fixture_page: Page) -> None:
    # The browser reports an opened <details> a moment after the click; a redraw landing
    # in that moment (here, clearing the query in the same task) once lost the facet.
    fixture_page.search("перемирие")
    fixture_page.tab.evaluate("""() => {
        document.querySelector('.search-facet[data-facet="place"] summary').click();
        const form = document.querySelector('#search form');
        form.elements.q.value = '';
        form.requestSubmit();
        form.elements.q.value = 'перемирие';
        form.requestSubmit();
    }""")
    fixture_page.results()
    assert facet_counts(fixture_page, "place") == {"Нижний Образец": 2, "Sampleton": 1}


def test_a_long_facet_shows_its_top_values_until_asked_for_all(page: Page) -> None:
    page.search("перемирии")
    page.tab.click('.search-facet[data-facet="actor"] summary')
    facet = page.tab.locator('.search-facet[data-facet="actor"]')
    facet.locator("li").first.wait_for()
    assert facet.locator("li").count() == 8
    facet.get_by_role("button", name="Показать все (10)").click()
    assert facet.locator("li").count() == 10
    assert page.tab.evaluate("document.activeElement.value") == facet.locator("input").nth(8).get_attribute("value")


def test_facets_come_back_from_the_url(fixture_page: Page) -> None:
    links = fixture_page.search(source="Газета «Образец»", month="2026-02")
    assert links == [LATER_RU_STORY]
    month = fixture_page.tab.locator('.search-facet[data-facet="month"] input[value="2026-02"]')
    assert month.is_checked()
    assert "Февраль 2026" in fixture_page.tab.locator('.search-facet[data-facet="month"] label').first.inner_text()
    assert fixture_page.tab.locator("#search-status").inner_text() == "Найдено: 1"


def test_search_by_keyboard_alone(browser, fixture_url: str) -> None:
    tab = Page(browser, fixture_url)
    keys = tab.tab.keyboard
    tab.tab.goto(fixture_url)
    while tab.tab.evaluate("document.activeElement.id") != "site-search":
        keys.press("Tab")
    keys.type("Kravix")
    keys.press("Enter")
    tab.tab.wait_for_url("**/search/?q=Kravix")
    assert "actors/kraviks-dulm/" in tab.results()
    while tab.tab.evaluate("document.activeElement.tagName") != "SUMMARY":
        keys.press("Tab")
    keys.press("Enter")  # opens the first facet, the actors
    tab.tab.locator('.search-facet[data-facet="actor"] input').first.wait_for()
    keys.press("Tab")
    keys.press("Space")
    tab.tab.wait_for_function("() => location.search.includes('actor=')")
    tab.results()
    # The facets were rebuilt by the search; the reader's focus stays on the same box.
    assert tab.tab.evaluate("document.activeElement.checked && document.activeElement.name") == "actor"
    assert tab.errors == []
    tab.close()


def test_screen_reader_gets_a_labelled_input_and_a_live_status(fixture_page: Page) -> None:
    fixture_page.search("Орвин")
    assert fixture_page.tab.get_by_label("Что найти").get_attribute("id") == "search-q"
    status = fixture_page.tab.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("Найдено: ")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlights_use_the_sites_colours(browser, fixture_url: str, scheme: str) -> None:
    context = browser.browser.new_context(color_scheme=scheme)
    try:
        tab = Page(context, fixture_url)
        tab.search("Орвин")
        colours = tab.tab.evaluate("""() => {
            const mark = document.querySelector('#search-results mark');
            const probe = document.createElement('span');
            probe.style.background = 'var(--accent-soft)';
            document.body.append(probe);
            return [getComputedStyle(mark).backgroundColor, getComputedStyle(probe).backgroundColor];
        }""")
        assert colours[0] == colours[1]
        assert tab.errors == []
    finally:
        context.close()


def test_rebuilding_replaces_the_bundle_and_drops_pagefinds_own_ui(tmp_path: Path) -> None:
    root = copy_site(SITES / "search", tmp_path / "site")
    out = root / "public"
    assert run_build(root, "--out", str(out)).returncode == 0
    first = sorted(p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*"))
    (root / "content/articles/2026/orvin-kommentariy.md").unlink()
    assert run_build(root, "--out", str(out)).returncode == 0
    second = sorted(p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*"))
    assert len([p for p in second if "/fragment/" in p]) == len([p for p in first if "/fragment/" in p]) - 1
    # The newest month's one story gone, the month before (in UTC) is the open shard.
    shards = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert [shard["name"] for shard in shards] == ["2026-01", "archive"]
    assert sorted(p for p in second if p.count("/") == 1) == [
        *(f"pagefind/{shard['name']}" for shard in shards), "pagefind/shards.json"]
    for shard in shards:
        assert f"pagefind/{shard['name']}/pagefind.js" in second
        assert not [p for p in second if p.startswith(f"pagefind/{shard['name']}/pagefind-ui")]
    assert not [p for p in second if p.rsplit("/", 1)[-1].startswith(".")]  # no file half written left behind


def test_a_site_built_without_search_says_so(browser, tmp_path: Path) -> None:
    root = copy_site(SITES / "search", tmp_path / "site")
    result = run_build(root, "--out", str(root / "public"), "--base-url", "https://example.org/dossier/",
                       "--no-search")
    assert result.returncode == 0, result.stderr
    with static_server(root / "public", "/dossier/") as url:
        tab = Page(browser, url)
        assert tab.search("Dulm") == []
        assert tab.tab.locator("#search-status").inner_text() == "Поиск недоступен: сайт собран без поискового индекса."
        tab.close()


def test_a_profile_cut_at_list_pages_links_to_a_search_listing_all_of_it(browser, tmp_path: Path) -> None:
    root = copy_site(SITES / "search", tmp_path / "site")
    with (root / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write("pagination: 1\nlist_pages: 1\n")  # one story listed of Zelda Orvin's two
    result = run_build(root, "--base-url", "https://example.org/dossier/")
    assert result.returncode == 0, result.stderr
    with static_server(root / "public", "/dossier/") as url:
        tab = Page(browser, url)
        tab.tab.goto(url + "actors/zelda-orvin/")
        assert tab.tab.locator(".list-more").inner_text() == "Здесь — последние 1 из 2. Найти все 2 в поиске."
        tab.tab.get_by_role("link", name="Найти все 2 в поиске").click()
        # Every story of hers, newest first, with her facet ticked and no query typed.
        assert tab.results() == [LATER_RU_STORY, RU_STORY]
        tab.tab.click('.search-facet[data-facet="actor"] summary')
        assert tab.tab.locator('.search-facet[data-facet="actor"] input[value="Зельда Орвин"]').is_checked()
        assert tab.tab.locator("#search-sort").input_value() == "date"
        assert tab.errors == []
        tab.close()


def test_a_name_finds_only_the_stories_that_name_its_person(browser, tmp_path: Path) -> None:
    """A story about an invented 'Jane Starner' once made her an alias of Keir Starmer, whose
    names every story of his carries in its hidden search terms: a query for 'Starner' then
    listed the Paris story, which never names her (issue 21: 'Sondland' finding that story)."""
    root = copy_site(EXAMPLE_SITE, tmp_path / "site")
    (root / "inbox").mkdir()
    (root / "inbox" / "harbour.txt").write_text(
        "Harbour board names new chair\n\nPORTVALE, March 3 (Testwire) - Jane Starner, a harbour board member in "
        "the invented town of Portvale, was named its chair on Tuesday. \"We will dredge the channel,\" Starner said.",
        encoding="utf-8")
    ingest = subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(root),
                             "--date", "2026-03-03"], capture_output=True, text=True, check=False)
    assert ingest.returncode == 0, ingest.stderr
    result = run_build(root, "--base-url", "https://example.org/dossier/")
    assert result.returncode == 0, result.stderr
    with static_server(root / "public", "/dossier/") as url:
        tab = Page(browser, url)
        assert tab.search("Starner") == ["articles/harbour-board-names-new-chair/"]
        assert SEED in tab.search("Starmer")
        assert tab.errors == []
        tab.close()


def test_shards_are_the_newest_month_the_newest_years_other_months_and_the_archive() -> None:
    import datetime as dt

    from dossier.output.search import plan_shards

    def day(text: str) -> int:
        return int(dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc).timestamp())

    dates: dict[str, int | None] = {"actors/a/index.html": None}
    for month in range(1, 13):
        for year in (2023, 2024):
            dates[f"articles/{year}-{month:02d}/index.html"] = day(f"{year}-{month:02d}-10")
    dates.update({"articles/2025-01/index.html": day("2025-01-31"), "articles/2025-02/index.html": day("2025-02-01"),
                  "articles/2025-02b/index.html": day("2025-02-02")})
    plan = plan_shards(dates, 30)
    # A month's end moves a month into "2025", not into the archive; a year's end moves a year into the archive.
    assert list(plan) == ["2025-02", "2025", "archive"]
    # The profiles, which a new story leaves as search reads them, are not in the open shard it re-indexes.
    assert plan["2025-02"] == ["articles/2025-02/index.html", "articles/2025-02b/index.html"]
    assert plan["2025"] == ["actors/a/index.html", "articles/2025-01/index.html"]
    assert len(plan["archive"]) == 24
    # In a year's first month they are in the open shard: no shard of their own for every query to fetch.
    january = {path: date for path, date in dates.items() if "2025-02" not in path}
    assert plan_shards(january, 30) == {"2025-01": ["actors/a/index.html", "articles/2025-01/index.html"],
                                        "archive": sorted(path for path in dates if "/202" in path and "2025" not in path)}
    # Past the limit the archive is cut by year, then quarter; the newest year's months by quarter.
    assert list(plan_shards(dates, 12)) == ["2025-02", "2025", "2024", "2023"]
    assert list(plan_shards(dates, 5))[:4] == ["2025-02", "2025", "2024-q4", "2024-q3"]
    dates.update({f"articles/2025-{month:02d}/index.html": day(f"2025-{month:02d}-15") for month in range(2, 10)})
    assert list(plan_shards(dates, 5))[:4] == ["2025-09", "2025-q3", "2025-q2", "2025-q1"]
    assert "actors/a/index.html" in plan_shards(dates, 5)["2025-q3"]
