"""Atom feeds parse with a real feed parser, list what they should and link to live pages."""

from __future__ import annotations

import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from helpers import SITES, copy_site, run_build

EXAMPLE_SITE = "https://example.org/dossier/"  # conftest.example_build
BASIC_SITE = "https://example.test/dossier/"  # tests/sites/basic/site.yml
HOSTILE_TITLE = 'Synthetic <b>bold</b> & "quoted" title'


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the basic fixture with two entries per feed and a title full of markup characters."""
    root = copy_site(SITES / "basic", tmp_path_factory.mktemp("feeds"))
    with (root / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write("feed_entries: 2\nauthor: Test Desk\n")
    (root / "content/articles/2024/hostile.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\nslug: hostile\ndate: 2024-05-20\nactors: [alpha-quill]\n---\n"
        "Synthetic body with <em>emphasis</em> & an ampersand.\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public"


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    assert feed.version == "atom10"
    return feed


def local(url: str, site_url: str, served_at: str) -> str:
    assert url.startswith(site_url), f"{url} is not on {site_url}"
    return served_at + url[len(site_url):]


def entry_dates(feed: feedparser.FeedParserDict) -> list[tuple[int, ...]]:
    return [tuple(e.published_parsed) for e in feed.entries]


def test_every_profile_has_a_feed_and_all_parse(example_build: Path) -> None:
    profiles = [p.parent for section in ("actors", "topics", "sources")
                for p in (example_build / section).glob("*/index.html") if p.parent.name != "page"]
    assert len(profiles) == 17
    for folder in profiles:
        feed = parse(folder / "feed.xml")
        rel = folder.relative_to(example_build).as_posix()
        assert feed.feed.link == EXAMPLE_SITE + rel + "/"
        assert [l.href for l in feed.feed.links if l.rel == "self"] == [EXAMPLE_SITE + rel + "/feed.xml"]
    main = parse(example_build / "feed.xml")
    assert main.feed.title == "Коалиция желающих: досье"
    assert len(main.entries) == 1


def test_entry_links_resolve_over_http(example_build: Path, example_url: str) -> None:
    feeds = [example_build / "feed.xml", *example_build.glob("*/*/feed.xml")]
    links = {link for path in feeds for feed in [parse(path)]
             for link in [feed.feed.link, *(e.link for e in feed.entries)]}
    assert len(links) > 17
    for link in sorted(links):
        with urllib.request.urlopen(local(link, EXAMPLE_SITE, example_url)) as response:
            assert response.status == 200, link
            assert response.headers["Content-Type"].startswith("text/html")


def test_main_feed_is_newest_first_and_cut_to_feed_entries(basic: Path) -> None:
    feed = parse(basic / "feed.xml")
    assert [e.link for e in feed.entries] == [BASIC_SITE + "articles/hostile/", BASIC_SITE + "articles/third-item/"]
    assert entry_dates(feed) == sorted(entry_dates(feed), reverse=True)
    assert feed.feed.author == "Test Desk"
    assert feed.feed.updated == feed.entries[0].updated


def test_profile_feed_lists_only_its_articles(basic: Path) -> None:
    feed = parse(basic / "actors/alpha-quill/feed.xml")
    titles = [e.title for e in feed.entries]
    assert titles == [HOSTILE_TITLE, "Второй синтетический материал"]  # the oldest is cut by feed_entries
    # Bodies travel only in the whole-dossier feed; profile feeds carry summaries.
    assert not any("content" in e for e in feed.entries)
    assert "content" in parse(basic / "feed.xml").entries[0]


def test_markup_in_titles_and_bodies_is_escaped_not_interpreted(basic: Path) -> None:
    entry = parse(basic / "feed.xml").entries[0]
    assert entry.title == HOSTILE_TITLE
    assert entry.content[0].type == "text/html"
    assert entry.content[0].value == "<p>Synthetic body with <em>emphasis</em> &amp; an ampersand.</p>"
    assert "&lt;b&gt;bold&lt;/b&gt;" in (basic / "feed.xml").read_text(encoding="utf-8")


def test_entries_carry_source_and_topics(basic: Path) -> None:
    entry = parse(basic / "topics/test-topic/feed.xml").entries[-1]
    assert entry.title == "Synthetic council of Zorbia meets in Quellport"
    assert entry.author == "Wire One"
    assert {t.term for t in entry.tags} == {"test-topic"}
    assert entry.summary == "Test fixture text. The Zorbian council and Actor Alpha Quill meet."


class AlternateLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") == "application/atom+xml":
            self.feeds.append(values.get("href") or "")


def alternate_feeds(page: Path) -> list[str]:
    parser = AlternateLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.feeds


@pytest.mark.parametrize(("page", "expected"), [
    ("index.html", ["/dossier/feed.xml"]),
    ("articles/index.html", ["/dossier/feed.xml"]),
    ("actors/alpha-quill/index.html", ["/dossier/actors/alpha-quill/feed.xml", "/dossier/feed.xml"]),
    ("actors/alpha-quill/page/2/index.html", ["/dossier/actors/alpha-quill/feed.xml", "/dossier/feed.xml"]),
    ("topics/test-topic/index.html", ["/dossier/topics/test-topic/feed.xml", "/dossier/feed.xml"]),
    ("sources/wire-one/index.html", ["/dossier/sources/wire-one/feed.xml", "/dossier/feed.xml"]),
])
def test_pages_link_their_own_feed_first(basic: Path, page: str, expected: list[str]) -> None:
    feeds = alternate_feeds(basic / page)
    assert feeds == expected
    for href in feeds:
        assert (basic / href.removeprefix("/dossier/")).is_file()
