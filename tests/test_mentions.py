"""Names in an article's text link to the actors' profiles, with a card on hover or focus."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.pages.mentions import link_mentions, target
from helpers import SITES, chromium, copy_site, run_build, static_server

FIRST = "articles/synthetic-council-of-zorbia-meets-in-quellport/index.html"
SECOND = "articles/vtoroy-sintetichesky-material/index.html"
MENTION = re.compile(r'<a class="mention" href="([^"]+)">([^<]+)</a>')


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the basic fixture (invented actors) under /dossier/; return its output."""
    root = copy_site(SITES / "basic", tmp_path_factory.mktemp("mentions"))
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public"


def body(out: Path, rel: str) -> str:
    page = (out / rel).read_text(encoding="utf-8")
    return page.split('<div class="story-body">', 1)[1].split("</div>", 1)[0]


def test_the_first_mention_of_each_actor_links_to_its_profile_and_no_later_one(basic: Path) -> None:
    text = body(basic, FIRST)
    assert MENTION.findall(text) == [("/dossier/actors/alpha-quill/", "Alpha Quill"),
                                     ("/dossier/actors/beta-morrow/", "Beta Morrow")]
    assert "</a>’s envoy met" in text, "a possessive links the name alone"
    assert "later Quill spoke again, and Beta Morrow answered." in text, "later mentions stay text"


def test_headings_quotes_and_links_are_left_alone(basic: Path) -> None:
    text = body(basic, FIRST)
    assert ('<h3>Beta Morrow and <a href="/dossier/actors/alpha-quill/" rel="noopener noreferrer">'
            "Alpha Quill</a> in a heading</h3>") in text
    assert '<a href="/dossier/actors/beta-morrow/" rel="noopener noreferrer">Beta Morrow’s page</a>' in text
    assert "“Alpha Quill and Beta Morrow agree,” said" in text, "words in quotation marks are not linked"
    assert "<p>A blockquote of invented words, Quill’s among them.</p>" in text


def test_a_declined_russian_name_is_linked_and_a_quoted_one_is_not(basic: Path) -> None:
    text = body(basic, SECOND)
    assert MENTION.findall(text) == [("/dossier/actors/alpha-quill/", "Альфой Квиллом")]
    assert "«Квилла» не цитируют" in text


def test_text_stays_escaped_when_a_name_in_it_is_linked() -> None:
    html = "<p>&lt;script&gt;alert(1)&lt;/script&gt; Alpha Quill &amp; co&nbsp;met.</p>"
    linked = link_mentions(html, [target("/actors/alpha-quill/", ("Alpha Quill",))])
    assert linked == ('<p>&lt;script&gt;alert(1)&lt;/script&gt; <a class="mention" '
                      'href="/actors/alpha-quill/">Alpha Quill</a> &amp; co&nbsp;met.</p>')


def test_each_actor_has_a_card_with_its_latest_article(basic: Path) -> None:
    card = json.loads((basic / "actors/alpha-quill/card.json").read_text(encoding="utf-8"))
    assert card == {"name": "Alpha Quill", "role": "synthetic envoy", "country": "Zorbia",
                    "latest": {"title": "Второй синтетический материал",
                               "url": "/dossier/articles/vtoroy-sintetichesky-material/"}}


@pytest.fixture(scope="module")
def served(basic: Path) -> Iterator[str]:
    with static_server(basic, "/dossier/") as url:
        yield url


def test_focusing_a_linked_name_by_keyboard_shows_its_card(served: str) -> None:
    with chromium() as context:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + FIRST.removesuffix("index.html"))
        link = page.locator(".story-body a.mention").first
        # Tab from the link just before it, as a keyboard user reaches it.
        page.locator(".story-body a[href$='/beta-morrow/']:not(.mention)").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Alpha Quill"
        card = page.locator("#mention-card")
        card.wait_for(state="visible")
        assert card.locator("strong").inner_text() == "Alpha Quill"
        assert "synthetic envoy, Zorbia" in card.inner_text()
        assert link.get_attribute("aria-describedby") == "mention-card"
        page.keyboard.press("Tab")  # the card's own link comes next
        assert page.evaluate("document.activeElement.textContent") == "Второй синтетический материал"
        page.keyboard.press("Escape")
        card.wait_for(state="hidden")
        assert errors == []


def test_without_javascript_a_linked_name_is_a_plain_link(served: str) -> None:
    with chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(served + FIRST.removesuffix("index.html"))
        link = page.locator(".story-body a.mention").first
        link.focus()
        assert page.locator("#mention-card").count() == 0
        link.click()
        page.wait_for_url(served + "actors/alpha-quill/")
        assert page.locator("h1").inner_text() == "Alpha Quill"
