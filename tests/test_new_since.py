"""What's new since the last visit: Chromium marks newer articles from localStorage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import SITES, chromium, copy_site, run_build, static_server
from test_validate import validate

KEY = "dossier-visits:/dossier/"
# The reader's last page view was on 1 April 2024: "second" (10 April) and "third" (1 May)
# came after it, "first" (5 March) before.
LAST_VIEW = "2024-04-01T00:00:00Z"


@pytest.fixture(scope="module")
def basic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the basic fixture site and serve it under /dossier/; yield its base URL."""
    root = copy_site(SITES / "basic", tmp_path_factory.mktemp("basic"))
    out: Path = root / "public"
    result = run_build(root, "--out", str(out))
    assert result.returncode == 0, result.stderr
    with static_server(out, "/dossier/") as url:
        yield url


def came_back(page: object, url: str, last_view: str) -> None:
    """Load url as a reader whose previous visit's last page view was at last_view."""
    page.goto(url)
    page.evaluate("([key, last]) => localStorage.setItem(key, JSON.stringify({previous: null, last: Date.parse(last)}))",
                  [KEY, last_view])
    page.reload()


def new_titles(page: object) -> list[str]:
    """Return the titles of the cards marked new, each checked to carry the word, not only colour."""
    cards = page.locator(".card.is-new")
    for index in range(cards.count()):
        assert cards.nth(index).locator(".byline .new-mark").inner_text() == "New"
    return cards.locator(".card-title").all_inner_texts()


def test_home_marks_articles_since_the_previous_visit_and_counts_them(basic_url: str, tmp_path: Path) -> None:
    # A German browser: the date follows the page's language, not the browser's.
    with chromium(timezone_id="UTC", locale="de-DE") as context:
        page = context.new_page()
        came_back(page, basic_url, LAST_VIEW)
        assert new_titles(page) == ["A third synthetic item", "Второй синтетический материал"]
        assert page.locator(".card").count() == 3
        assert page.locator(".new-since").inner_text() == "2 new since April 1, 2024 at 12:00 AM"
        # The page as the script left it is still valid HTML.
        marked = tmp_path / "marked.html"
        marked.write_text(page.content(), encoding="utf-8")
        result = validate([marked])
        assert result.returncode == 0, result.stdout + result.stderr
        # A reload within the same visit keeps the marks: the previous visit is still 1 April.
        page.reload()
        assert len(new_titles(page)) == 2
        assert page.locator(".new-since").count() == 1


def test_first_visit_marks_nothing(basic_url: str) -> None:
    with chromium(timezone_id="UTC") as context:
        page = context.new_page()
        page.goto(basic_url)
        page.reload()
        assert page.locator(".card").count() == 3
        assert page.locator(".new-mark").count() == 0
        assert page.locator(".new-since").count() == 0


def test_profile_page_marks_its_newer_articles(basic_url: str) -> None:
    with chromium(timezone_id="UTC") as context:
        page = context.new_page()
        came_back(page, basic_url + "actors/alpha-quill/", LAST_VIEW)
        assert page.locator(".card").count() == 2
        assert new_titles(page) == ["Второй синтетический материал"]
        assert page.locator(".new-since").count() == 0  # the count is the home page's
