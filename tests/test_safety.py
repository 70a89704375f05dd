"""A hostile article is neutralised: no script, handler or javascript: URL reaches a page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier.site.fields import is_safe_url
from helpers import SITES, chromium, copy_site, run_build, static_server

CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; '
       "style-src 'self'; img-src 'self' data: https: http:; connect-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'\">")

HOSTILE = """---
title: '<script>alert("title")</script> Hostile synthetic item'
subtitle: '<img src=x onerror=alert(1)>'
summary: '"><svg onload=alert(2)>'
date: 2024-01-01
place: '<b onmouseover=alert(3)>Nowhere</b>'
url: 'javascript:alert(4)'
image:
  src: 'javascript:alert(5)'
  caption: '<script>alert(6)</script>'
  credit: '</figcaption><script>alert(7)</script>'
quotes:
- text: '<iframe src="javascript:alert(8)"></iframe>'
events:
- date: 2024-01-01
  text: '<a href="javascript:alert(9)">x</a>'
custom: '<script>alert(10)</script>'
---
Body <script>alert(11)</script> text.

<img src="x" onerror="alert(12)"> <a href="javascript:alert(13)">link</a>
<a href="JaVaScRiPt&colon;alert(14)">encoded</a> <div onclick="alert(15)">div</div>
<iframe src="https://evil.example/"></iframe> <style>body{display:none}</style>

[md link](javascript:alert(16)) ![md image](javascript:alert(17))
"""

# The site's own scripts the layouts load (the basic site lives under /dossier/).
OUR_SCRIPTS = {"/dossier/js/new.js", "/dossier/js/cards.js"}


class Markup(HTMLParser):
    """Record every tag and attribute the browser would actually see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # The layouts' own external scripts are not something the article brought; their
        # attributes are still checked below.
        if not (tag == "script" and dict(attrs).get("src") in OUR_SCRIPTS):
            self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def dangers(html: str) -> list[str]:
    markup = Markup()
    markup.feed(html)
    found = [f"<{tag}>" for tag in markup.tags if tag in ("script", "iframe", "style", "object", "embed", "svg")]
    for tag, name, value in markup.attributes:
        if name.startswith("on"):
            found.append(f"<{tag} {name}>")
        if name in ("href", "src", "action") and not is_safe_url(value):
            found.append(f"<{tag} {name}={value!r}>")
    return found


def test_hostile_article_is_neutralised_everywhere(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / "content/articles/hostile.md").write_text(HOSTILE, encoding="utf-8")
    # An actor named with markup, drawn on the network beside another.
    (root / "content/actors/hazard.md").write_text(
        "---\nname: '<script>alert(18)</script> Hazard'\nkind: person\n---\n", encoding="utf-8")
    (root / "content/articles/pairing.md").write_text(
        "---\ntitle: Synthetic pairing item\ndate: 2024-01-02\nactors: [hazard, alpha-quill]\n---\nLorem.\n",
        encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    hostile_pages = 0
    for page in (root / "public").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "Hostile synthetic item" in text:
            hostile_pages += 1
            assert dangers(text) == [], page
    assert hostile_pages >= 4  # the article, home, lists, timeline
    article = root / "public/articles/script-alert-title-script-hostile-synthetic-item/index.html"
    text = article.read_text(encoding="utf-8")
    # Escaped, and typeset as the English text it is (dossier/typography.py).
    assert "&lt;script&gt;alert(“title”)&lt;/script&gt; Hostile synthetic item" in text
    assert "Body  text." in text
    # A drawing prints its coordinates unescaped (layouts/graph.html): names in it are escaped still.
    drawn = [page.read_text(encoding="utf-8") for page in (root / "public/network").rglob("index.html")]
    assert drawn and all("<script>alert(18)" not in text for text in drawn)
    assert any('>&lt;script&gt;alert(18)&lt;/script&gt; Hazard</text>' in text for text in drawn)


def test_the_check_itself_sees_each_kind_of_danger() -> None:
    assert dangers('<p onclick="x">a</p><script></script><a href=" javascript:x">b</a>') == [
        "<script>", "<p onclick>", "<a href=' javascript:x'>"]


# What a careless layout or a missed escape could put in a page: none of it may run.
INJECTED_LAYOUT = """{% extends "base.html" %}
{% block main %}
<p id="home">Synthetic home</p>
<script>document.body.dataset.inline = "ran"</script>
<img src="x" onerror="document.body.dataset.handler = 'ran'">
<a id="link" href="javascript:void(document.body.dataset.link = 'ran')">link</a>
{% endblock %}
{% block scripts %}<script src="{{ url('js/own.js') }}"></script>{% endblock %}
"""


@pytest.mark.browser
def test_the_content_security_policy_runs_only_the_sites_own_scripts(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / "layouts").mkdir()
    (root / "layouts" / "home.html").write_text(INJECTED_LAYOUT, encoding="utf-8")
    (root / "static" / "js").mkdir(parents=True, exist_ok=True)
    (root / "static" / "js" / "own.js").write_text('document.body.dataset.own = "ran";\n', encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    pages = list((root / "public").rglob("*.html"))
    searching = CSP.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';")
    assert len(pages) > 5 and {page.relative_to(root / "public").as_posix(): page.read_text(encoding="utf-8").count(
        searching if page.parent.name == "search" else CSP) for page in pages} == dict.fromkeys(
        [page.relative_to(root / "public").as_posix() for page in pages], 1)
    with static_server(root / "public", "/dossier/") as url, chromium() as context:
        tab = context.new_page()
        refused: list[str] = []
        tab.on("console", lambda message: refused.append(message.text)
               if "Content Security Policy" in message.text else None)
        tab.goto(url, wait_until="networkidle")
        tab.click("#link")
        ran = tab.evaluate("() => ({...document.body.dataset})")
        assert tab.locator("#home").inner_text() == "Synthetic home"
        assert ran == {"own": "ran"}  # the site's own script file ran; nothing inline did
        assert len(refused) == 3, refused
