"""The sharded index reads as one: the same results as a single Pagefind index, in Chromium.

The example dossier (a real story, names in Cyrillic and Latin letters) plus a synthetic
corpus of invented people, cut in many small shards (search_shard_pages: 20), is searched
beside one Pagefind index of the same pages, through the same search page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.corpus import generate, write_dossier
from bundles import by_page, read
from dossier.output.search import DATE_ORDER, date_order, fragment_path
from helpers import EXAMPLE_SITE, chromium, copy_site, run_build, static_server
from test_search import Page, facet_counts

pytestmark = pytest.mark.browser
SHARD_PAGES = 20
CORPUS = generate(80, seed=15)
ACTORS = [actor.name for actor in CORPUS.actors if any(actor.slug in a.actors for a in CORPUS.articles)]
TOPIC = next(topic.name for topic in CORPUS.topics if sum(topic.slug in a.topics for a in CORPUS.articles) > 3)

# Names in both scripts (a Latin query finds a Cyrillic name) and inflected Russian words:
# the same ten, in the same order.
NAMES_AND_WORDS = ("Макрон", "Макрона", "Macron", "Makron", "Уиткофф", "Witkoff", "Witkoff Kushner", "Зеленский",
                   "Zelensky", "Песков", "Пескова", "Lavrov", "Мерц", "Merz", "перемирие", "перемирия",
                   "коалиции желающих", "гарантии безопасности", "встреча", "Париже")
# Invented names and Latin filler words, which most synthetic pages hold, alone and with
# facets: the same ten, in the same order, ties included.
BY_RELEVANCE: list[dict[str, str]] = [
    *({"q": name.split()[0]} for name in ACTORS[:4]), {"q": ACTORS[5]}, {"q": ACTORS[6].lower()},
    *({"q": q} for q in ("lorem", "consequatur", "tempor", "reprehenderit")),
    {"q": "dolor", "actor": ACTORS[0]}, {"q": "amet", "topic": TOPIC}, {"q": "lorem", "year": "2023"},
]
# Pairs of filler words and a prefix, each term matching several indexed words: everything
# one index finds, in an order that may differ (each indexed word has its own weight, and
# search.js can only weigh the term).
COMMON_WORDS = ("dolor sit", "volup", "magna aliqua", "officia deserunt")
PREFIXES = ("volup",)
BY_DATE: list[dict[str, str]] = [
    {"q": "lorem", "sort": "date"}, {"q": "dolor", "sort": "date"}, {"q": "перемирие", "sort": "date"},
    {"actor": ACTORS[1], "sort": "date"}, {"topic": TOPIC, "sort": "date"}, {"year": "2022", "sort": "date"},
    {"q": "amet", "year": "2023", "sort": "date"},
]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the fixture sharded; copy its pages beside one single index of them; return both outputs."""
    root = copy_site(EXAMPLE_SITE, tmp_path_factory.mktemp("shards"))
    corpus = tmp_path_factory.mktemp("corpus")
    write_dossier(CORPUS, corpus)
    for section in ("actors", "topics", "sources", "articles"):
        shutil.copytree(corpus / "content" / section, root / "content" / section, dirs_exist_ok=True)
    with (root / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"search_shard_pages: {SHARD_PAGES}\npagination: 2\nlist_pages: 1\n")
    # A later month: January 2026 closes, and the real story and the profiles go to the shard of 2026.
    (root / "content" / "articles" / "synthetic-february-item.md").write_text(
        "---\ntitle: Synthetic February item\ndate: 2026-02-10\n---\nQuillowmarsh lorem.\n", encoding="utf-8")
    out = root / "public"
    result = run_build(root, "--out", str(out), "--base-url", "https://example.org/dossier/")
    assert result.returncode == 0, result.stderr
    single = root / "single"
    shutil.copytree(out, single, ignore=shutil.ignore_patterns("pagefind"))
    # One Pagefind run over every page, as dossier indexed before shards, listed as the one shard.
    pagefind = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(single), "--output-path",
                               str(single / "pagefind" / "all"), "--force-language", "ru", "--silent"],
                              capture_output=True, text=True, check=False)
    assert pagefind.returncode == 0, pagefind.stderr
    (single / "pagefind" / "shards.json").write_text(
        json.dumps({"shards": [{"name": "all", "pages": 0, "dated": True}]}), encoding="utf-8")
    dates = {path.relative_to(single).as_posix(): page_date(path) for path in single.rglob("*.html")}
    fragments = {path.name.removesuffix(".pf_fragment"): fragment_path(path.read_bytes())
                 for path in (single / "pagefind" / "all" / "fragment").iterdir()}
    (single / "pagefind" / "all" / DATE_ORDER).write_text(json.dumps(date_order(fragments, dates)), encoding="utf-8")
    return out, single


def page_date(path: Path) -> int | None:
    """Return the date a written page gives the search stage, in seconds since 1970, or None."""
    found = re.search(r'data-search-date="(-?\d+)"', path.read_text(encoding="utf-8"))
    return int(found.group(1)) if found else None


@pytest.fixture(scope="module")
def tabs(sites: tuple[Path, Path]) -> Iterator[tuple[Page, Page]]:
    with static_server(sites[0], "/dossier/") as sharded, static_server(sites[1], "/dossier/") as single, \
            chromium() as context:
        tabs = Page(context, sharded), Page(context, single)
        yield tabs
        assert tabs[0].errors == tabs[1].errors == []


# Every result of each query, in Pagefind's order: the shards listed in shards.json
# merged as search.js merges them, with the number of words found on each page.
EVERY_RESULT = """async (queries) => {
  const bundle = new URL("../pagefind/", location.href).pathname;
  const { shards } = await (await fetch(bundle + "shards.json")).json();
  const options = { ranking: { metaWeights: { names: 7, mentions: 0.1 }, pageLength: 0 } };
  const pagefind = await import(`${bundle}${shards[0].name}/pagefind.js`);
  await pagefind.options({ ...options, noWorker: true });
  await pagefind.init();
  await Promise.all(shards.slice(1).map((shard) => pagefind.mergeIndex(`${bundle}${shard.name}/`, options)));
  const found = {};
  for (const q of queries) {
    const search = await pagefind.search(q);
    found[q] = await Promise.all(search.results.map(async (result) => [(await result.data()).url, result.words.length]));
  }
  return found;
}"""


def every_result(tab: Page, queries: list[str]) -> dict[str, dict[str, int]]:
    """Return every result of each query with the number of its words found, from a search page that has not searched."""
    blank = tab.tab.context.new_page()
    blank.goto(tab.base_url + "search/")  # no query: search.js loads nothing until asked
    found = blank.evaluate(EVERY_RESULT, queries)
    blank.close()
    return {q: dict(results) for q, results in found.items()}


def retype(tab: Page, q: str) -> list[str]:
    """Search for q from the search box of the page on screen (the search page if none is); return the result links."""
    # A worker that runs this module's tests in another order starts on a blank tab.
    if tab.tab.locator("#search-q").count() == 0:
        tab.tab.goto(tab.base_url + "search/")
    tab.tab.fill("#search-q", q)
    tab.tab.press("#search-q", "Enter")
    tab.tab.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)", arg=q)
    return tab.results()


def test_the_fixture_is_cut_in_many_shards(sites: tuple[Path, Path]) -> None:
    shards = json.loads((sites[0] / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    names = [shard["name"] for shard in shards]
    assert names[:2] == ["2026-02", "2026"] and len(names) >= 7  # the open shard: the newest month alone
    assert shards[0]["pages"] == 1 and shards[1]["pages"] > 300  # 2026's closed months and the profiles
    assert all(shard["pages"] <= SHARD_PAGES for shard in shards[2:])


def test_pagefind_makes_of_the_lean_copies_what_its_command_line_makes_of_the_whole_pages(
        sites: tuple[Path, Path], tmp_path: Path) -> None:
    """The shard of the example's real story and every profile as Pagefind's command line indexes it."""
    shard = sites[0] / "pagefind" / "2026"
    staged = tmp_path / "pages"
    for fragment in (shard / "fragment").iterdir():
        path = fragment_path(fragment.read_bytes())
        (staged / path).parent.mkdir(parents=True, exist_ok=True)
        (staged / path).hardlink_to(sites[0] / path)
    assert len(list(staged.rglob("*.html"))) > 300
    cli = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(staged), "--output-path", str(tmp_path / "cli"),
                          "--force-language", "ru", "--silent"], capture_output=True, text=True, check=False)
    assert cli.returncode == 0, cli.stderr
    assert by_page(shard) == by_page(tmp_path / "cli")


def test_by_date_the_shards_list_what_one_index_lists_in_its_order(tabs: tuple[Page, Page]) -> None:
    for params in BY_DATE:
        query = dict(params)
        q = query.pop("q", "")
        got, want = (tab.search(q, **query) for tab in tabs)
        assert want, params
        assert got == want, params
        assert tabs[0].tab.locator("#search-status").inner_text() == tabs[1].tab.locator("#search-status").inner_text()


def test_by_date_every_dated_result_comes_newest_first_from_every_shard(sites: tuple[Path, Path],
                                                                       tabs: tuple[Page, Page]) -> None:
    """The order by date is the pages' own dates (ties by path), across every shard, the archive's too."""
    sharded, single = tabs
    prefix = urlsplit(single.base_url).path
    dates = {path.relative_to(sites[0]).as_posix(): page_date(path) for path in sites[0].rglob("*.html")}
    q = "lorem"  # in most stories: every shard answers, and the list runs to many batches
    found = [url.removeprefix(prefix) + "index.html" for url in every_result(single, [q])[q]]
    paths = sorted((path for path in found if dates[path] is not None), key=lambda path: (-dates[path], path))
    assert len({dt.datetime.fromtimestamp(dates[path], dt.UTC).year for path in paths}) >= 3  # old shards too
    sharded.search(q, sort="date")
    assert every_link(sharded) == [path.removesuffix("index.html") for path in paths]


def test_a_search_by_relevance_fetches_no_order_by_date(sites: tuple[Path, Path], tabs: tuple[Page, Page]) -> None:
    """Pagefind's metadata, which every query loads, holds no sort: only a search by date fetches the order."""
    for meta in (sites[0] / "pagefind").glob("*/*.pf_meta"):
        assert read(meta)[4] == [], meta  # [version, pages, index chunks, filters, sorts, meta fields]
    sharded = tabs[0]
    sharded.requests.clear()
    assert sharded.search("lorem")
    assert any(url.endswith(".pf_index") for url in sharded.requests)
    assert not [url for url in sharded.requests if url.endswith(DATE_ORDER)]
    assert sharded.search("lorem", sort="date")
    assert len([url for url in sharded.requests if url.endswith(DATE_ORDER)]) >= 3


def test_names_and_russian_words_give_the_top_ten_of_one_index(tabs: tuple[Page, Page]) -> None:
    for tab in tabs:
        tab.search(NAMES_AND_WORDS[0])
    for q in NAMES_AND_WORDS:
        got, want = (retype(tab, q) for tab in tabs)
        assert want and got == want, q
        assert tabs[0].tab.locator("#search-status").inner_text() == tabs[1].tab.locator("#search-status").inner_text()


def test_invented_names_filler_words_and_facets_give_the_top_ten_of_one_index(tabs: tuple[Page, Page]) -> None:
    for params in BY_RELEVANCE:
        query = dict(params)
        q = query.pop("q")
        got, want = (tab.search(q, **query) if query else retype(tab, q) for tab in tabs)
        assert want and got == want, params


def test_the_shards_find_what_one_index_finds(tabs: tuple[Page, Page]) -> None:
    """Every page one index finds is found.

    A shard where no page has a query's word lets Pagefind match its metadata loosely:
    those extra results have no word found on the page. A prefix extends to the words of
    each shard on its own, and may find a few pages more.
    """
    words = [params["q"] for params in BY_RELEVANCE if len(params) == 1] + list(COMMON_WORDS)
    sharded, single = (every_result(tab, words) for tab in tabs)
    for q in words:
        assert single[q] and single[q].keys() <= sharded[q].keys(), q
        extra = sharded[q].keys() - single[q].keys()
        assert all(sharded[q][url] == 0 for url in extra) or q in PREFIXES, (q, extra)


def test_facet_counts_are_summed_over_the_shards(tabs: tuple[Page, Page]) -> None:
    for query in ({"q": "dolor sit"},):
        counts = []
        for tab in tabs:
            params = dict(query)
            tab.search(params.pop("q", ""), **params)
            for facet in ("actor", "year"):
                tab.tab.click(f'.search-facet[data-facet="{facet}"] summary')
            counts.append({facet: facet_counts(tab, facet) for facet in ("actor", "year")})
        assert counts[0] == counts[1] and len(counts[0]["year"]) > 1, query


def every_link(tab: Page) -> list[str]:
    """Show every result of the search on screen, page by page; return their links."""
    tab.results()
    while tab.tab.locator("#search-more").is_visible():
        shown = tab.tab.locator("#search-results li").count()
        tab.tab.click("#search-more")  # hides itself at once when the last batch is asked for, shown later
        tab.tab.wait_for_function("n => document.querySelectorAll('#search-results li').length > n", arg=shown)
    prefix = urlsplit(tab.base_url).path
    links = tab.tab.locator("#search-results h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [link.removeprefix(prefix) for link in links]


def test_find_all_from_a_profile_lists_all_across_shards(tabs: tuple[Page, Page]) -> None:
    sharded = tabs[0]
    stories, actor = max(((sum(a.slug in article.actors for article in CORPUS.articles), a) for a in CORPUS.actors),
                         key=lambda pair: pair[0])
    assert stories > 2  # past the two a profile lists (pagination: 2, list_pages: 1)
    sharded.tab.goto(sharded.base_url + f"actors/{actor.slug}/")
    sharded.tab.get_by_role("link", name=f"Найти все {stories} в поиске").click()
    links = every_link(sharded)
    assert len(set(links)) == stories == len(links)
    dates = sharded.tab.locator("#search-results .byline").all_inner_texts()
    assert len(dates) == stories
