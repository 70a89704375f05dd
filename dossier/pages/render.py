"""Render the site to (path, bytes) outputs: pure, writes nothing."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ..site.assemble import Site
from ..site.config import DEFAULT_STATIC
from ..site.model import Article, season_to_month
from ..util.errors import DossierError, Problem
from ..util.parallel import map_forked
from ..util.walk import list_files
from . import i18n
from .fragments import Once
from .mentions import Target, link_mentions, mention_forms, target
from .network import Layouts, Network, plan_network
from .typography import typeset, typeset_html

BUNDLED_STATIC = DEFAULT_STATIC.resolve()


@dataclass(frozen=True)
class Output:
    path: str  # POSIX path relative to the output folder, e.g. 'actors/x/index.html'
    data: bytes


@dataclass(frozen=True)
class Paginator:
    items: Sequence[Any]
    number: int
    count: int
    first_url: str  # URL path of page 1, e.g. 'actors/x/'
    listed: int = 0  # items on all the pages together
    total: int = 0  # items in the whole list: more than listed past list_pages

    def url_of(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None

    @property
    def unlisted(self) -> int:
        """Items of the list that no page shows: the older ones, past list_pages."""
        return self.total - self.listed


@dataclass
class Page:
    url: str  # URL path relative to the base path: '' for home, 'articles/x/' for others
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    filename: str = "index.html"

    @property
    def output_path(self) -> str:
        return self.url + self.filename


def make_environment(site: Site, layout_dirs: Sequence[Path],
                     bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Create the Jinja environment: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in layout_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiled templates kept between runs (the caller's cache); Jinja checks each
        # against its source.
        bytecode_cache=bytecode_cache,
        auto_reload=bytecode_cache is None,
    )
    config = site.config
    language = config.language
    base_path = config.base_path
    env.globals.update(
        config=config,
        t=i18n.labels(language),
        url=lambda path="": base_path + path.lstrip("/"),
        once=Once(),
        absolute_url=lambda path="": (config.site_url or base_path) + path.lstrip("/"),
    )
    env.filters.update(
        long_date=lambda moment: i18n.long_date(moment.date() if hasattr(moment, "date") else moment,
                                                language),
        partial_date=lambda iso: i18n.partial_date(iso, language),
        period_in_year=lambda iso: i18n.period_in_year(iso, language),
        period_url=period_url,
        number=lambda value: i18n.number(value, language),
        month_name=lambda key: i18n.month_name(key[0], key[1], language),
        # In Python, not a loop in the template: the search page, rendered again for every new
        # story, went through 10,000 articles in Jinja for it (30 ms).
        month_names=lambda articles: {f"{year:04d}-{month:02d}": i18n.month_name(year, month, language)
                                      for year, month in dict.fromkeys((a.date.year, a.date.month) for a in articles)},
        # Looked up at call time, so bind_site can hand a kept environment a new site.
        profile=lambda slug, section: env.globals["site"].profiles[section][slug],
        # Typeset before linking, so that the linker sees the quotation marks the reader sees.
        linked_body=lambda article: markupsafe.Markup(link_mentions(
            typeset_html(article.body_html, article.lang or language),
            mention_targets(env.globals["site"], article, base_path))),
        typeset=lambda text, lang="": typeset(text, lang or language),
    )
    return bind_site(env, site)


def bind_site(env: jinja2.Environment, site: Site) -> jinja2.Environment:
    """Point env's `site` global and `profile` filter at site (same settings assumed)."""
    if env.globals.get("site") is not site:
        env.globals["once"].clear()  # fragments of the last site
    env.globals["site"] = site
    return env


def mention_targets(site: Site, article: Article, base_path: str) -> list[Target]:
    """Return what to link in an article's body: each of its actors, in the order listed."""
    # Only the article's own actors: their profiles are in its fingerprint (dossier/deps.py).
    actors = site.profiles["actors"]
    found = (target(f"{base_path}actors/{slug}/", mention_forms(actors[slug])) for slug in dict.fromkeys(article.actors))
    return [t for t in found if t is not None]


def paginate(items: Sequence[Any], size: int, first_url: str, max_pages: int = 0) -> Iterator[Paginator]:
    """Yield one Paginator per page, at most max_pages (0: all); an empty list still gets its first page."""
    listed = items[:size * max_pages] if max_pages else items
    count = max(1, math.ceil(len(listed) / size))
    for number in range(1, count + 1):
        yield Paginator(listed[(number - 1) * size:number * size], number, count, first_url,
                        len(listed), len(items))


def plan_pages(site: Site, layouts: Layouts | None = None, network: Network | None = None) -> list[Page]:
    """List every page of the site with its template and context; reuse the drawings layouts holds (or network)."""
    size, max_pages = site.config.pagination, site.config.list_pages
    pages = [
        Page("", "home.html", {"page_kind": "home"}),
        Page("search/", "search.html", {"page_kind": "search"}),
        Page("", "404.html", {"page_kind": "404"}, filename="404.html"),
    ]
    timeline_pages, timeline = plan_timeline(site, size * 3)
    pages += timeline_pages
    # Lists show a story told by several agencies once (Site.stories, dossier/assemble.py).
    for pager in paginate(site.stories, size, "articles/", max_pages):
        context = {"page_kind": "articles", "pager": pager}
        if pager.unlisted and pager.number == pager.count:
            context["older_url"] = _first_timeline_page(timeline, [s.article for s in site.stories[pager.listed:]])
        pages.append(Page(pager.url_of(pager.number), "list.html", context))
    pages += [article_page(article) for article in site.articles]
    network = plan_network(site, layouts) if network is None else network
    periods = network.periods
    pages += [Page(graph.url, "network.html", {"page_kind": "network", "graph": graph, "periods": periods})
              for graph in network.graphs]
    for section in ("actors", "topics", "sources"):
        for pager in paginate(site.mentions(section), size * 3, f"{section}/"):
            pages.append(Page(pager.url_of(pager.number), "section.html",
                              {"page_kind": section, "section": section, "pager": pager}))
        for slug, profile in site.profiles[section].items():
            stories = site.stories_by_profile[section].get(slug, [])
            for pager in paginate(stories, size, f"{section}/{slug}/", max_pages):
                pages.append(Page(pager.url_of(pager.number), "profile.html", {
                    "page_kind": section[:-1], "section": section, "profile": profile, "pager": pager,
                    "neighbourhood": network.neighbourhoods.get(slug) if section == "actors" and pager.number == 1
                    else None,
                }))
    # The card a linked name in an article shows, fetched by static/js/cards.js when wanted:
    # kept out of the article pages, which would otherwise carry it once per name.
    # Its latest article is the one the profile's page lists first: a story's lead, not whichever
    # of its reports came last.
    for slug, profile in site.profiles["actors"].items():
        stories = site.stories_by_profile["actors"].get(slug)
        pages.append(Page(f"actors/{slug}/", "card.json", {
            "page_kind": "card", "section": "actors", "profile": profile,
            "latest": stories[0].article if stories else None}, filename="card.json"))
    # A merged or re-slugged profile's old address leads to its new one (content/corrections.yml).
    pages += [Page(f"actors/{old}/", "redirect.html", {"page_kind": "redirect", "target": f"actors/{new}/",
                                                       "name": site.profiles["actors"][new].name})
              for old, new in sorted(site.redirects.items())]
    return pages


def plan_timeline(site: Site, size: int) -> tuple[list[Page], list[Paginator]]:
    """Plan the timeline's landing page and each period's pages; return them and the periods' pagers in order."""
    # The timeline is the complete archive: every article, never cut to list_pages. A period's
    # pages show nothing of the others but their neighbours' names, so a new story re-renders
    # its period's pages and the landing page, not the whole archive.
    periods = timeline_periods(timeline_entries(site))
    years = [(year, [(p.url, p.key, len(p.entries)) for p in group])
             for year, group in groupby(periods, key=attrgetter("year"))]
    in_year = dict(years)
    pages: list[Page] = []
    pagers: list[Paginator] = []
    links = [period.link for period in periods]
    for number, period in enumerate(periods):
        # Entries dated by the year alone are on the year's own page, under its periods.
        year_periods = {"year_periods": in_year[period.year]} if period.key == period.year else {}
        for pager in paginate(period.entries, size, period.url):
            pagers.append(pager)
            pages.append(Page(pager.url_of(pager.number), "timeline.html", {
                "page_kind": "timeline", "period": period.key, "pager": pager, **_neighbours(links, number),
                **year_periods}))
    pages += _year_pages(years, {period.key for period in periods}, size)
    newest = pagers[0] if pagers else next(paginate([], size, "timeline/"))
    landing = Page("timeline/", "timeline.html", {"page_kind": "timeline", "years": years, "pager": newest,
                                                  "period": periods[0].key if periods else ""})
    return [landing, *pages], pagers


def _year_pages(years: list[tuple[str, list[tuple[str, str, int]]]], keys: set[str], size: int) -> list[Page]:
    """Plan /timeline/YYYY/ for each year that has no entries dated by the year alone: its periods."""
    # A reader who trims /timeline/2024/03/ to /timeline/2024/ finds the year, not a 404.
    pages = []
    links = [(period_url(year), year) for year, _ in years]
    for number, (year, listed) in enumerate(years):
        if year in keys:
            continue  # the year-only entries' page lists the year's periods
        url = period_url(year)
        pages.append(Page(url, "timeline.html", {
            "page_kind": "timeline", "period": year, "pager": next(paginate([], size, url)), "year_periods": listed,
            **_neighbours(links, number)}))
    return pages


def _neighbours(links: Sequence[tuple[str, str]], number: int) -> dict[str, tuple[str, str] | None]:
    """Return the links (URL, period key) of the number-th page's newer and older neighbours in links."""
    return {"newer": links[number - 1] if number else None,
            "older": links[number + 1] if number + 1 < len(links) else None}


def _first_timeline_page(timeline: Sequence[Paginator], articles: Sequence[Article]) -> str:
    """Return the URL of the first timeline page that lists any of articles itself."""
    # Not simply the page of the newest of them: the timeline orders by local day, the lists
    # by the exact moment, so another may come first there.
    wanted = {id(article) for article in articles}
    for pager in timeline:
        if any(id(entry.article) in wanted and not entry.event_text for entry in pager.items):
            return pager.url_of(pager.number)
    return "timeline/"


def article_page(article: Article) -> Page:
    """Plan an article's own page."""
    return Page(f"articles/{article.slug}/", "article.html", {"page_kind": "article", "article": article})


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # ISO, possibly partial
    article: Article
    event_text: str = ""  # '' for the article itself
    others: tuple[Article, ...] = ()  # the story's other reports, for the article itself

    @property
    def period(self) -> str:
        """The timeline section the entry goes under: 'YYYY-MM', 'YYYY-season' or 'YYYY'."""
        return "-".join(self.date.split("-")[:2])


@dataclass(frozen=True)
class Period:
    key: str  # TimelineEntry.period
    entries: tuple[TimelineEntry, ...]  # newest first

    @property
    def year(self) -> str:
        return self.key.partition("-")[0]

    @property
    def url(self) -> str:
        return period_url(self.key)

    @property
    def link(self) -> tuple[str, str]:
        """Return what a neighbour's page shows of the period: its URL and key, never its entries."""
        return self.url, self.key


def period_url(key: str) -> str:
    """Return the URL of a period or year: 'timeline/2024/03/', 'timeline/2024/spring/', 'timeline/2024/'."""
    return f"timeline/{key.replace('-', '/')}/"


def timeline_periods(entries: Sequence[TimelineEntry]) -> list[Period]:
    """Group entries (newest first) by period, newest period first, a season just before its first month."""
    by_key: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        by_key.setdefault(entry.period, []).append(entry)
    return [Period(key, tuple(by_key[key]))
            for key in sorted(by_key, key=lambda k: (season_to_month(k), k), reverse=True)]


def timeline_entries(site: Site) -> list[TimelineEntry]:
    """Stories, each once, and the in-text events of every report, newest first."""
    entries = [TimelineEntry(s.article.date.date().isoformat(), s.article, others=s.others) for s in site.stories]
    entries += [TimelineEntry(d.event.date, d.article, d.event.text) for d in site.events]
    return sorted(entries, key=lambda e: (season_to_month(e.date), not e.event_text, e.article.slug),
                  reverse=True)


def render_pages(pages: Sequence[Page], env: jinja2.Environment) -> Iterator[Output]:
    """Yield the output of each page, rendered on every core; raise on a template error."""
    templates = {name: _template(env, name) for name in dict.fromkeys(p.template for p in pages)}

    def render_one(page: Page) -> Output | Problem:
        try:
            html = templates[page.template].render(page=page, **page.context)
        except jinja2.TemplateError as exc:
            return _template_problem(exc, page.template)
        return Output(page.output_path, html.encode("utf-8"))

    for result in map_forked(render_one, pages):
        if isinstance(result, Problem):
            raise DossierError(result)
        yield result


def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise DossierError(Problem(exc.filename or name, f"template: {exc.message}", exc.lineno)) from None
    except jinja2.TemplateNotFound:
        raise DossierError(Problem(f"layouts/{name}", "template not found: add it to layouts/")) from None


def _template_problem(exc: jinja2.TemplateError, name: str) -> Problem:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return Problem(f"layouts/{name}", f"template: {exc}", line)


def collect_static(static_dirs: Sequence[Path], root: Path) -> list[Output]:
    """Read static files, the first folder given winning for a path present in several."""
    found: dict[str, Path] = {}
    for folder in static_dirs:
        for rel in list_files(folder, root):
            found.setdefault(rel, folder / rel)
    return [Output(rel, _published(path)) for rel, path in sorted(found.items())]


def _published(path: Path) -> bytes:
    """Return a static file's bytes; the bundled scripts and styles without comments and indents.

    They are written to be read and published to be fetched: minified, the search page's
    script and styles weigh 6 KB less of a reader's first query. A site's own static
    files are published as written.
    """
    data = path.read_bytes()
    if path.suffix in (".js", ".css") and path.resolve().is_relative_to(BUNDLED_STATIC):
        import rcssmin
        import rjsmin

        minify = rjsmin.jsmin if path.suffix == ".js" else rcssmin.cssmin
        return minify(data, keep_bang_comments=True)
    return data


def check_collisions(paths: Iterable[str]) -> None:
    """Raise if two outputs would write the same file."""
    seen: set[str] = set()
    problems = []
    for path in paths:
        if path in seen:
            problems.append(Problem(path, "two outputs write this file: rename the static "
                                          "file or the slug that produces it"))
        seen.add(path)
    if problems:
        raise DossierError(problems)
