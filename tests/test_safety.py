"""A hostile article is neutralised: no script, handler or javascript: URL reaches a page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from dossier.read import is_safe_url
from helpers import SITES, copy_site, run_build

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


class Markup(HTMLParser):
    """Record every tag and attribute the browser would actually see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Hostile synthetic item" in text
    assert "Body  text." in text


def test_the_check_itself_sees_each_kind_of_danger() -> None:
    assert dangers('<p onclick="x">a</p><script></script><a href=" javascript:x">b</a>') == [
        "<script>", "<p onclick>", "<a href=' javascript:x'>"]
