"""The page graph a build keeps for the next: its site, its pages, and which articles each page read.

An edit that leaves the site's shape as it was (an article's text, title or summary, not
its path, slug, date, draft, story, references, quotes or events, nor what reading it
warns of) changes no list, order, count or link: only the pages whose fingerprint read the
article's key can differ. A new process then reads the edited files, updates their records
in the kept site in place and renders those pages, instead of reading, assembling,
planning and fingerprinting the whole dossier. Anything the graph cannot bound (a file
added, removed or renamed, a profile, settings, layouts, static files or code changed, a
record that reads otherwise) leaves it unused, and the full build keeps a new one.

Its pages and the network's drawings are pickled apart from the site, naming the site's
articles and profiles rather than copying them, and unpickled when first wanted: a new
story needs the drawings and only the pages' paths, an edit the pages and not the drawings
(each about a fifth of the graph's load at 10,000 articles).

The graph is kept without the articles' bodies, most of its size: a body is read again
from its file for the pages the bundled layouts print it on (an article's own page, the
whole-dossier feed, a briefing's sources without a summary). A page that would print
another finds `Unloaded` there, which refuses every use, and the full build runs instead.
"""

from __future__ import annotations

import fcntl
import io
import os
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..pages.network import Network
from ..pages.render import Page, article_page
from ..site.assemble import Site
from ..site.config import Config
from ..site.model import Article, Profile
from ..site.read import parse_articles
from ..util.errors import Problem
from ..util.store import Stamp, digest, load_keyed, no_cycle_collection, save_keyed
from ..util.walk import LOCK_PREFIX
from .deps import Fingerprinter

# What assemble and the page planners read of an article: if any of it changes, lists,
# counts, links or pages can change where the article's key is not read.
SHAPE = ("path", "slug", "date", "draft", "story", "source", "via", "actors", "topics", "quotes", "events")
SHAPELESS = tuple(f.name for f in fields(Article) if f.name not in SHAPE)
MAX_EDITED = 32  # files edited since the graph was kept; past this a full build keeps a new one


class BodyNotLoaded(Exception):
    """A page read an article's body that the kept graph does not hold."""


class Unloaded:
    """Stands for an article body left out of the kept graph: every use of it raises BodyNotLoaded."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise BodyNotLoaded

    __str__ = __html__ = __len__ = __bool__ = __iter__ = __getitem__ = __contains__ = _refuse
    __eq__ = __lt__ = __add__ = __radd__ = __mod__ = __format__ = _refuse  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]


@dataclass
class PageGraph:
    """What the last full build into one output folder made, for edits to be built from."""

    build_id: str  # the full build that kept it: its record of the output folder carries the same
    stamps: dict[str, Stamp]  # every input path (files and folders) -> its stamp when scanned
    trusted_ns: int  # a stamp of a file modified before this shows every change to it
    site: Site  # without its links between articles, which the next full build keeps apart
    # The build's pages in order; an article's own page by its file, planned again when wanted.
    # Bytes as loaded (pickled apart): page_list() unpickles them.
    pages: list[Page | str] | bytes
    readers: dict[str, tuple[int, ...]]  # article file -> indexes in pages of the pages that read its key
    digests: dict[str, str]  # content file -> digest of its path and bytes, as the site holds it
    warnings: dict[str, tuple[Problem, ...]]  # article file -> what reading it warned of, where it did
    # The drawings and their counts, for a new story to be counted in (bytes as loaded: last_network()).
    network: Network | bytes | None = None
    paths: list[str] = field(default_factory=list)  # the output path of each of pages, in its order
    periods: set[str] = field(default_factory=set)  # the timeline's periods that pages show

    def page_list(self) -> list[Page | str]:
        """Return the pages, unpickled when first wanted."""
        if isinstance(self.pages, bytes):
            self.pages = _joined(self.pages, self.site)
        return self.pages

    def last_network(self) -> Network | None:
        """Return the network, unpickled when first wanted."""
        if isinstance(self.network, bytes):
            self.network = _joined(self.network, self.site)
        return self.network


@dataclass
class Edit:
    """The pages an edit renders again, the site updated in place to render them."""

    pages: list[Page]
    changed: list[str]  # the article files whose pages are rendered again: changed since the last build
    shown: dict[str, str]  # every article file edited since the graph was kept -> digest of its version


def make_graph(build_id: str, stamps: Iterable[tuple[str, int, int]], trusted_ns: int, site: Site,
               pages: list[Page], read: list[set[int]], digests: dict[str, str],
               warnings: dict[str, tuple[Problem, ...]], network: Network | None = None) -> PageGraph | None:
    """Return the graph of a full build: read holds, page by page, the ids of the articles it read."""
    by_id = {id(article): article.path.as_posix() for article in site.articles}
    readers: dict[str, list[int]] = {rel: [] for rel in by_id.values()}
    # Unpickling 10,000 pages that article_page makes again from the article costs a new process more.
    kept: list[Page | str] = [by_id[id(page.context["article"])] if page.template == "article.html"
                              and page == article_page(page.context["article"]) else page for page in pages]
    for index, ids in enumerate(read):
        for article in ids:
            rel = by_id.get(article)
            if rel is None:
                return None  # a page read an article the site does not list: nothing to bound
            readers[rel].append(index)
    return PageGraph(build_id, {path: (mtime, size) for path, mtime, size in stamps}, trusted_ns, site, kept,
                     {rel: tuple(indexes) for rel, indexes in readers.items()}, dict(digests),
                     {rel: found for rel, found in warnings.items() if rel in readers and found}, network,
                     [page.output_path for page in pages], periods_of(pages))


def periods_of(pages: Iterable[Page | str]) -> set[str]:
    """Return the timeline periods that pages show."""
    return {page.context["period"] for page in pages if isinstance(page, Page) and "period" in page.context}


def fingerprint_pages(fingerprinter: Fingerprinter, pages: list[Page],
                      uses: dict[str, frozenset[str]]) -> tuple[dict[str, str], list[set[int]]]:
    """Return each page's fingerprint by output path, and the ids of the articles each page read."""
    prints: dict[str, str] = {}
    read: list[set[int]] = []
    for page in pages:
        prints[page.output_path], articles = fingerprinter.page(page, uses[page.template])
        read.append(articles)
    return prints, read


def save_graph(path: Path, key: str, graph: PageGraph, background: bool = False) -> None:
    """Store graph under key without the articles' bodies or links (the site in memory keeps them).

    In background, a forked child stores it while the caller goes on (and may exit): pickling a
    10,000-article site costs a third of a second. load_graph waits for that child, so no build
    reads the graph it replaces meanwhile.
    """
    with _locked(path, fcntl.LOCK_EX):  # waits for a child of the last build still storing its graph
        if background and os.fork() == 0:
            try:
                # The caller's output may be a pipe its reader waits on to close: not ours to hold.
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                _save(path, key, graph)
            finally:
                os._exit(0)  # the lock goes with the child's last descriptor of it
        if not background:
            _save(path, key, graph)


def _save(path: Path, key: str, graph: PageGraph) -> None:
    site = graph.site
    articles, links = site.articles, site.links
    bodies = [article.body_html for article in articles]
    pages, network = graph.page_list(), graph.last_network()
    unloaded = Unloaded()
    try:
        site.links = None
        for article in articles:
            article.body_html = unloaded  # type: ignore[assignment]
        graph.pages = _apart(pages, site)
        graph.network = None if network is None else _apart(network, site)
        save_keyed(path, key, graph)
    finally:
        site.links = links
        for article, body in zip(articles, bodies):
            article.body_html = body
        graph.pages, graph.network = pages, network


# The site a part is being unpickled into (_joined): what _article and _profile look their names up in.
_JOINING: ContextVar[Site] = ContextVar("joining")


def _apart(value: Any, site: Site) -> bytes:
    """Pickle a part of the graph on its own, naming the site's articles and profiles, not copying them."""
    # Reducers by type, called only for those records: a persistent_id would be called for every
    # object of the part, and double the time of pickling it.
    articles = {id(article): number for number, article in enumerate(site.articles)}

    def article(record: Article) -> tuple[Any, ...]:
        number = articles.get(id(record))
        return (_article, (number,)) if number is not None else record.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

    def profile(record: Profile) -> tuple[Any, ...]:
        if site.profiles.get(record.section, {}).get(record.slug) is record:
            return _profile, (record.section, record.slug)
        return record.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {Article: article, Profile: profile}
    pickler.dump(value)
    return buffer.getvalue()


def _joined(data: bytes, site: Site) -> Any:
    token = _JOINING.set(site)
    try:
        # As load_pickle: unpickling builds many small objects, which the collector would only walk.
        with no_cycle_collection():
            return pickle.loads(data)
    finally:
        _JOINING.reset(token)


def _article(number: int) -> Article:
    return _JOINING.get().articles[number]


def _profile(section: str, slug: str) -> Profile:
    return _JOINING.get().profiles[section][slug]


def load_graph(path: Path, key: str) -> PageGraph | None:
    """Return the graph kept at path under key, or None."""
    with _locked(path, fcntl.LOCK_SH):
        graph = load_keyed(path, key)
    return graph if isinstance(graph, PageGraph) else None


@contextmanager
def _locked(path: Path, how: int) -> Iterator[None]:
    """Hold a lock beside path; closing, not unlocking, so that a forked child keeps holding it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, how)
        yield
    finally:
        os.close(fd)


def graph_key(base: str, out_dir: Path, strict: bool) -> str:
    """Return the key a graph is kept under: code, layouts, settings, output folder."""
    return digest(base, str(out_dir), repr(strict))


def plan_edit(graph: PageGraph, stamps: list[tuple[str, int, int]], config: Config,
              compared: Iterable[Path], shown: dict[str, str]) -> Edit | None:
    """Update graph.site in place for the articles edited since graph was kept; None if the change is not such an edit.

    compared are the input files and folders whose changes the graph's key already covers
    (settings, layouts); shown, the articles earlier builds from this graph read, with the
    digest of the version their pages show. Every one of those is read again (a new process
    finds the graph's version in it); the pages of those whose version differs from what
    they show are returned to render, their articles' bodies loaded.
    """
    found = changed_files(graph, stamps, config.root, [str(path) for path in compared])
    if found is None or found[1]:
        return None
    edits = apply_edits(graph, found[0], config, shown)
    if edits is None:
        return None
    changed, digests = edits
    by_path = {article.path.as_posix(): article for article in graph.site.articles}
    indexes = sorted({index for rel in changed for index in graph.readers[rel]})
    kept = graph.page_list()
    pages = [page if isinstance(page, Page) else article_page(by_path[page]) for page in (kept[index] for index in indexes)]
    if not load_bodies(graph, pages, config):
        return None
    return Edit(pages, changed, digests)


def apply_edits(graph: PageGraph, candidates: set[str], config: Config,
                shown: dict[str, str]) -> tuple[list[str], dict[str, str]] | None:
    """Read again the candidates and the shown, update their records in place; None if one changed the site's shape.

    Return the article files whose version differs from what their pages show, and the
    digest of every file read (the edited since the graph was kept).
    """
    files = {rel: read_bytes(config.root, rel) for rel in sorted(candidates | shown.keys())}
    digests = {rel: digest(rel, data) for rel, data in files.items() if data is not None}
    edited = sorted(rel for rel in files if rel in shown or digests.get(rel) != graph.digests.get(rel))
    if len(edited) > MAX_EDITED or any(rel not in digests or rel not in graph.readers for rel in edited):
        return None  # many edits, a file gone since the scan, or a profile or draft changed
    by_path = {article.path.as_posix(): article for article in graph.site.articles}
    parsed = parse_articles(config, [(rel, files[rel] or b"") for rel in edited])
    for rel, (article, warnings, problems) in zip(edited, parsed):
        if article is None or problems or tuple(warnings) != graph.warnings.get(rel, ()) \
                or _shape(article) != _shape(by_path[rel]):
            return None
    # Every check has passed: only now is the kept site changed.
    for rel, (article, _, _) in zip(edited, parsed):
        kept = by_path[rel]
        for name in SHAPELESS:
            setattr(kept, name, getattr(article, name))
    changed = [rel for rel in edited if digests[rel] != shown.get(rel, graph.digests[rel])]
    return changed, {rel: digests[rel] for rel in edited}


def load_bodies(graph: PageGraph, pages: list[Page], config: Config) -> bool:
    """Read again the bodies the bundled layouts print (article pages, the full feed, briefings); False if changed."""
    wanted: dict[str, Article] = {}
    for page in pages:
        article = page.context.get("article")
        if isinstance(article, Article):
            wanted[article.path.as_posix()] = article
        feed = page.context.get("feed")
        if feed is not None and feed.full_content:
            wanted.update((listed.path.as_posix(), listed) for listed in feed.articles)
        briefing = page.context.get("briefing")
        if briefing is not None:  # its sources without a summary quote their body's first words
            wanted.update((listed.path.as_posix(), listed) for listed in briefing.articles
                          if not (listed.summary or listed.subtitle))
    missing = sorted(rel for rel, article in wanted.items() if isinstance(article.body_html, Unloaded))
    files = [(rel, read_bytes(config.root, rel)) for rel in missing]
    if any(data is None or digest(rel, data) != graph.digests[rel] for rel, data in files):
        return False
    for (rel, _), (article, _, _) in zip(files, parse_articles(config, [(rel, data or b"") for rel, data in files])):
        if article is None:
            return False
        wanted[rel].body_html = article.body_html
    return True


def changed_files(graph: PageGraph, stamps: list[tuple[str, int, int]], root: Path,
                  compared: list[str]) -> tuple[set[str], list[str]] | None:
    """Return the content files whose stamp does not show them unchanged, and the articles added (new
    Markdown files under content/articles/); None if anything else changed (a file removed, say)."""
    prefix = f"{root}{os.sep}"
    articles = f"{prefix}content{os.sep}articles{os.sep}"
    folders = {os.path.dirname(path) for path in graph.stamps}
    changed: set[str] = set()
    added: list[str] = []
    seen = 0
    for path, mtime, size in stamps:
        before = graph.stamps.get(path)
        if before is None:
            if not path.startswith(articles) or os.path.islink(path):
                return None  # a link is followed or refused by the full build's listing
            # The build reads only Markdown files there; a new folder's files are listed too.
            if path.endswith(".md") and os.path.isfile(path) and not os.path.basename(path).startswith(LOCK_PREFIX):
                added.append(path[len(prefix):].replace(os.sep, "/"))
            continue
        seen += 1
        if before == (mtime, size) and mtime < graph.trusted_ns:
            continue
        rel = path[len(prefix):].replace(os.sep, "/") if path.startswith(prefix) else ""
        if rel in graph.digests:
            changed.add(rel)
        # A folder's own stamp changes with its entries, which are all compared.
        elif path not in folders and not any(path == c or path.startswith(c + os.sep) for c in compared):
            return None
    if seen != len(graph.stamps):
        return None  # a file or folder removed
    return changed, added


def read_bytes(root: Path, rel: str) -> bytes | None:
    try:
        with open(root / rel, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _shape(article: Article) -> tuple[Any, ...]:
    # An aware datetime compares by instant: the offset shown is compared too.
    return (*(getattr(article, name) for name in SHAPE), article.date.isoformat(), repr(article.date.tzinfo))
