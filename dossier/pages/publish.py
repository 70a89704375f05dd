"""Files a publisher needs beside the pages: feeds, sitemap, robots.txt, .nojekyll, CNAME."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from ..site.assemble import Site
from ..site.config import Config
from ..site.model import Article
from ..site.read import SECTIONS
from ..util.errors import Problem
from .render import Output, Page

# The sitemap protocol's limit of URLs per file; past it sitemap.xml becomes an index.
SITEMAP_LIMIT = 50_000
# A path of these only is the same percent-encoded and entity-escaped: a slug's, nearly always.
_AS_IS = re.compile(r"[A-Za-z0-9/_.~-]*").fullmatch
# An empty feed still needs an <updated>; a fixed instant keeps rebuilds byte-identical.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Feed:
    """An Atom feed that follows one page of the site."""

    page_url: str  # URL path of the page it follows, relative to the base path: '' or 'actors/x/'
    title: str
    articles: Sequence[Article]  # newest first, already cut to config.feed_entries
    updated: dt.datetime
    full_content: bool  # only the whole-dossier feed carries bodies: per-profile copies would swell the site

    @property
    def path(self) -> str:
        return self.page_url + "feed.xml"


def render_publishing(site: Site, pages: Sequence[Page]) -> list[Output]:
    """Return the files beside the pages; the sitemap only when base_url is absolute."""
    config = site.config
    outputs = [Output(".nojekyll", b"")]  # GitHub Pages must not run Jekyll over the output
    if config.cname:
        outputs.append(Output("CNAME", config.cname.strip().encode("utf-8") + b"\n"))
    if config.site_url:
        outputs += render_sitemaps(config.site_url, sitemap_entries(pages), SITEMAP_LIMIT)
    outputs.append(render_robots(config))
    return outputs


def publishing_warnings(config: Config) -> list[Problem]:
    """Say what a build for a base_url without a host leaves out."""
    if config.site_url:
        return []
    return [Problem("site.yml", f"base_url '{config.base_url}' has no host, so the Atom feeds and "
                                "sitemap.xml (which need absolute URLs) are not written: set base_url "
                                "to e.g. https://user.github.io/dossier/ or pass --base-url")]


def plan_feeds(site: Site) -> list[Feed]:
    """List the whole-dossier feed and one feed per actor, topic and source."""
    limit = site.config.feed_entries
    newest = site.articles[0].date if site.articles else EPOCH
    # A story told by several agencies is one entry, as on the page the feed follows.
    feeds = [Feed("", site.config.title, [s.article for s in site.stories[:limit]], newest, full_content=True)]
    for section in SECTIONS:
        for slug, profile in site.profiles[section].items():
            articles = [s.article for s in site.stories_by_profile[section].get(slug, [])[:limit]]
            updated = articles[0].date if articles else newest
            feeds.append(Feed(f"{section}/{slug}/", f"{profile.name} · {site.config.title}",
                              articles, updated, full_content=False))
    return feeds


def plan_feed_pages(site: Site) -> list[Page]:
    """Plan every feed as a page of layouts/feed.xml; none when base_url has no host."""
    if not site.config.site_url:
        return []  # Atom needs absolute URLs
    # As pages, feeds are rendered only when what they list changed, like any other page.
    return [Page(feed.page_url, "feed.xml", {"feed": feed}, filename="feed.xml") for feed in plan_feeds(site)]


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # URL path relative to the base path
    lastmod: dt.datetime | None = None


def sitemap_entries(pages: Sequence[Page]) -> list[SitemapEntry]:
    """List every page a search engine should know: all HTML pages but 404.html and redirects."""
    entries = []
    for page in pages:
        if page.filename != "index.html" or page.template == "redirect.html":
            continue
        article = page.context.get("article")
        entries.append(SitemapEntry(page.url, article.date if article else None))
    return entries


def render_sitemaps(site_url: str, entries: Sequence[SitemapEntry], limit: int) -> list[Output]:
    """Return sitemap.xml, or past limit URLs an index of sitemap-N.xml files."""
    chunks = [entries[i:i + limit] for i in range(0, len(entries), limit)] or [[]]
    if len(chunks) == 1:
        return [Output("sitemap.xml", _urlset(site_url, chunks[0]))]
    names = [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
    index = "".join(f"<sitemap><loc>{_loc(site_url, name)}</loc></sitemap>\n" for name in names)
    outputs = [Output("sitemap.xml", _xml("sitemapindex", index))]
    outputs += [Output(name, _urlset(site_url, chunk)) for name, chunk in zip(names, chunks)]
    return outputs


def _urlset(site_url: str, entries: Sequence[SitemapEntry]) -> bytes:
    rows = []
    # Every page is listed on each rebuild (14,000 at 10,000 articles): quote and escape only what needs it.
    base = _loc(site_url, "")
    for entry in entries:
        lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        loc = base + entry.url if _AS_IS(entry.url) else _loc(site_url, entry.url)
        rows.append(f"<url><loc>{loc}</loc>{lastmod}</url>\n")
    return _xml("urlset", "".join(rows))


def _xml(root: str, body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</{root}>\n').encode("utf-8")


def _loc(site_url: str, path: str) -> str:
    # The protocol wants URLs percent-encoded and then entity-escaped (html's escape, not
    # xml.sax.saxutils', whose import pulls in urllib.request and http.client: 15 ms a rebuild).
    return escape(site_url + quote(path, safe="/"), quote=False)


def render_robots(config: Config) -> Output:
    """Allow every crawler and point it to the sitemap when there is one."""
    lines = ["User-agent: *", "Allow: /"]
    if config.site_url:
        lines.append(f"Sitemap: {config.site_url}sitemap.xml")
    return Output("robots.txt", ("\n".join(lines) + "\n").encode("utf-8"))
