"""Every reference in every page resolves to a file when the site lives under /dossier/."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import SUBPATH

SITE = "https://example.org"


class References(HTMLParser):
    """Collect the URLs a page refers to and the ids it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src", "action"):
            if values.get(name):
                self.urls.append(values[name] or "")
        if values.get("srcset"):
            self.urls += [part.split()[0] for part in (values["srcset"] or "").split(",")]
        if tag == "meta" and values.get("property") == "og:url":
            self.urls.append(values.get("content") or "")


def parse(path: Path) -> References:
    refs = References()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def page_url(out: Path, path: Path) -> str:
    rel = path.relative_to(out).as_posix()
    rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    return SITE + SUBPATH + rel


def target_file(out: Path, url: str) -> Path | None:
    """Map an absolute URL on our site to the file that serves it, None if off-site."""
    parts = urlsplit(url)
    if parts.netloc != urlsplit(SITE).netloc:
        return None
    path = unquote(parts.path)
    assert path.startswith(SUBPATH), f"{url} escapes the base path {SUBPATH}"
    rel = path[len(SUBPATH):]
    return out / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def test_every_reference_resolves_under_the_subpath(example_build: Path) -> None:
    pages = sorted(p for p in example_build.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 20
    ids = {p: parse(p).ids for p in pages}
    broken = []
    checked = 0
    for page in pages:
        for ref in parse(page).urls:
            url = urljoin(page_url(example_build, page), ref)
            if urlsplit(url).scheme not in ("http", "https"):
                broken.append(f"{page}: {ref} (scheme)")
                continue
            target = target_file(example_build, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(example_build)}: {ref} -> missing {target}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html" and fragment not in ids.get(target, parse(target).ids):
                broken.append(f"{page.relative_to(example_build)}: {ref} -> no id '{fragment}'")
    assert not broken, "\n".join(broken)
    assert checked > 200


def test_404_links_are_absolute_so_it_works_at_any_depth(example_build: Path) -> None:
    refs = parse(example_build / "404.html").urls
    internal = [u for u in refs if not u.startswith(("http:", "https:", "#"))]
    assert internal, "404.html links nowhere"
    assert all(u.startswith(SUBPATH) for u in internal), internal
