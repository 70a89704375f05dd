"""A new story built from the page graph: the kept site grown in place, the pages it can change compared.

A story added to a dossier joins the lists of its actors, topics and sources, the lists of
all articles and stories, its period's timeline, the counts of the sections and the
network, and the related articles of those sharing a key with it (site/grow.py). Which
pages those are follows from the plan: the site's pages are planned again (cheap once the
site is grown and the network's drawings counted in, pages/network_grow.py), and only the
pages whose context or whose reads of the site can differ are fingerprinted and compared
with what the output folder holds (the candidates, see `_candidates`). A page that is not a
candidate reads nothing the story changed, so the last build's file and fingerprint stand.

Whatever the grown site cannot bound (see grow and grow_network) returns None, and the full
build runs: several files added, a file removed, a stub, a story told twice, a new year on the
network, or a change `plan_edit` refuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import jinja2

from ..pages.briefing import plan_briefings
from ..pages.network import Network
from ..pages.network_grow import grow_network
from ..pages.network_layout import Layouts
from ..pages.publish import plan_feed_pages, render_publishing
from ..pages.render import Page, article_page, plan_pages, render_pages
from ..site.config import Config
from ..site.grow import Grown, grow
from ..site.read import parse_articles
from ..util.errors import DossierError
from ..util.store import Stamp, digest
from .deps import READS, SCOPED_BY_ARTICLE, SCOPED_BY_PROFILE, Fingerprinter
from .graph import BodyNotLoaded, PageGraph, apply_edits, changed_files, load_bodies, periods_of, read_bytes
from .recorded import Recorded
from .write import WriteReport, write

STEADY = frozenset({"navigation", "has_network"})  # parts of the site a fitting story leaves as they were
# Parts of the site a new story may leave as they were; every other part holds it.
UNCERTAIN = STEADY | {"mentions", "events"}


@dataclass
class Added:
    """A new story's pages: the grown site's plan and which of its pages the story can have changed."""

    pages: list[Page]  # every page of the grown site, in plan order
    removed: list[str]  # output paths of the last build's pages that the grown site has no more
    new: list[str]  # output paths of the grown site's pages that the last build had not
    changed: list[str]  # article files edited since the graph was kept whose pages show another version
    digests: dict[str, str]  # every content file -> its digest, the new story's and the edited ones' included
    network: Network
    last: Network  # the network before the story
    grown: Grown
    old: list[str]  # the output path of each of the graph's pages, in its order
    rels: dict[int, str]  # id of each article of the grown site -> its file
    kept: set[str]  # the last build's page paths but those of the changed edits' pages
    years: set[str]  # the years of the timeline the story (or an event it tells) joins
    whole_timeline: bool  # a period new or gone: every period's neighbours may change


def plan_add(graph: PageGraph, stamps: list[tuple[str, int, int]], config: Config, compared: Iterable[Path],
             shown: dict[str, str], layouts: Layouts, drafts: bool) -> Added | None:
    """Grow graph.site in place by the one article added since graph was kept; None if the change is not that.

    Edits since (shown, and files changed now) are read as plan_edit reads them. The site
    may be changed in place even when None is returned: the caller then drops the graph.
    """
    found = changed_files(graph, stamps, config.root, [str(path) for path in compared])
    last = graph.last_network()
    if found is None or len(found[1]) != 1 or last is None:
        return None
    rel = found[1][0]
    data = read_bytes(config.root, rel)
    if data is None:
        return None
    [(article, warnings, problems)] = parse_articles(config, [(rel, data)])
    if article is None or warnings or problems:
        return None  # the full build reports them, in their order among the others
    rels = {id(known): known.path.as_posix() for known in graph.site.articles}
    old_paths = graph.paths
    edits = apply_edits(graph, found[0], config, shown)
    if edits is None:
        return None
    changed, edited = edits
    site = graph.site
    grown = grow(site, article, drafts)
    if grown is None:
        return None
    network = grow_network(site, layouts, last, article)
    if network is None:
        return None
    rels[id(article)] = rel
    pages = plan_pages(site, network=network) + plan_feed_pages(site) + plan_briefings(site)
    digests = {**graph.digests, **edited, rel: digest(rel, data)}
    # The pages of edits whose version changed, as plan_edit would render them.
    again = {old_paths[index] for changed_rel in changed for index in graph.readers[changed_rel]}
    years = {article.date.date().isoformat()[:4], *(event.date[:4] for event in article.events)}
    new_paths = {page.output_path for page in pages}
    return Added(pages, sorted(set(old_paths) - new_paths), sorted(new_paths - set(old_paths)), changed, digests,
                 network, last, grown, old_paths, rels, set(old_paths) - again, years, periods_of(pages) != graph.periods)


def choose(added: Added, fingerprinter: Fingerprinter, uses: dict[str, frozenset[str]], recorded: Recorded,
           out_dir: Path) -> tuple[list[Page], dict[str, str], dict[int, set[int]]]:
    """Return the candidates to render (their fingerprint or file differs), every candidate's print and reads."""
    todo: list[Page] = []
    prints: dict[str, str] = {}
    reads: dict[int, set[int]] = {}
    every = {id(article) for article in fingerprinter.site.articles}
    for index, certain in _candidates(added, uses):
        page = added.pages[index]
        if certain:
            # It reads a part of the site that now holds the story (all articles, say): it changed.
            # No fingerprint (the next full build makes one), and read as reading every article.
            todo.append(page)
            reads[index] = every
            continue
        prints[page.output_path], reads[index] = fingerprinter.page(page, uses[page.template])
        if not recorded.current(out_dir, page.output_path, prints[page.output_path]):
            todo.append(page)
    return todo, prints, reads


def write_added(added: Added, graph: PageGraph, todo: list[Page], prints: dict[str, str], env: jinja2.Environment,
                recorded: Recorded, out_dir: Path, cache_dir: Path,
                config: Config) -> tuple[WriteReport, dict[str, tuple[str, Stamp]]] | None:
    """Render todo and the publishing files and keep the rest; return what was written and the outputs' record.

    None where the full build must decide: a file of the last build changed or removed, a
    new page where it wrote another file (a static one), a body the graph left out, an error.
    """
    extras = render_publishing(graph.site, added.pages)
    written = {page.output_path for page in todo} | {output.path for output in extras}
    gone = set(added.removed)
    kept = [path for path in recorded.outputs if path not in written and path not in gone]
    if any(path in recorded.outputs for path in added.new) or not all(recorded.intact(out_dir, path) for path in kept) \
            or not load_bodies(graph, todo, config):
        return None
    try:
        report = write(chain(render_pages(todo, env), extras), out_dir, cache_dir, kept)
    except (BodyNotLoaded, TypeError, DossierError):
        return None  # a page printed a body the graph left out, or failed: the full build decides
    outputs = {path: recorded.outputs[path] for path in kept}
    outputs.update((path, (prints.get(path, ""), stamp)) for path, stamp in report.stamps.items())
    return report, outputs


def regraph(graph: PageGraph, added: Added, reads: dict[int, set[int]], build_id: str,
            stamps: Iterable[tuple[str, int, int]], trusted_ns: int) -> PageGraph:
    """Return graph as the grown site's: its pages, and each article's readers (the candidates' read again)."""
    site = graph.site
    pages = added.pages
    by_id = added.rels
    read_again = {pages[number].output_path for number in reads}
    index_of = {page.output_path: number for number, page in enumerate(pages)}
    # Each kept page's new index (-1: gone, or read again below); indexes are remapped in C-speed comprehensions.
    remap = [-1 if path in read_again else index_of.get(path, -1) for path in added.old]
    readers = {rel: [remap[index] for index in indexes if remap[index] >= 0]
               for rel, indexes in graph.readers.items()}
    for rel in by_id.values():
        readers.setdefault(rel, [])
    for number, ids in reads.items():
        for article in ids:
            readers[by_id[article]].append(number)
    # An article's own page kept as its file, as make_graph keeps it.
    kept: list[Page | str] = [by_id[id(page.context["article"])] if page.template == "article.html"
                              and page == article_page(page.context["article"]) else page for page in pages]
    return PageGraph(build_id, {path: (mtime, size) for path, mtime, size in stamps}, trusted_ns, site, kept,
                     {rel: tuple(sorted(indexes)) for rel, indexes in readers.items()}, added.digests,
                     graph.warnings, added.network, [page.output_path for page in pages], periods_of(pages))


def _candidates(added: Added, uses: dict[str, frozenset[str]]) -> list[tuple[int, bool]]:
    """Return the indexes of the pages a new story can have changed, each with whether it certainly did.

    The others read nothing it changed.
    """
    grown, last = added.grown, added.last
    graphs = {id(graph) for graph in last.graphs}
    profiles = {(section, slug) for section, slugs in grown.profiles.items() for slug in slugs}
    feeds = {""} | {f"{section}/{slug}/" for section, slug in profiles}
    prefixes = tuple(f"timeline/{year}/" for year in added.years)
    found = []
    wholes: dict[tuple[str, bool, bool], set[str]] = {}  # the same for each page of a template and kind
    for number, page in enumerate(added.pages):
        context = page.context
        profile, section, article = context.get("profile"), context.get("section"), context.get("article")
        kind = (page.template, article is not None, profile is not None and bool(section))
        whole = wholes.get(kind)
        if whole is None:
            # The parts of the site a fingerprint reads by the page's own slug (output/deps.py).
            scoped = (SCOPED_BY_ARTICLE if kind[1] else frozenset()) | (SCOPED_BY_PROFILE if kind[2] else frozenset())
            whole = wholes[kind] = {name for name in uses[page.template] if name not in scoped
                                    and not name.startswith(READS)}
        if not whole <= UNCERTAIN:
            found.append((number, True))
            continue
        feed = context.get("feed")
        if (page.output_path not in added.kept
                or not whole <= STEADY
                or (article is not None and article.slug in grown.related)
                or (profile is not None and (section, profile.slug) in profiles)
                or ("pager" in context and profile is None and "period" not in context)  # all stories, sections
                or ("period" in context and (added.whole_timeline or page.url == "timeline/"
                                             or page.url.startswith(prefixes)))
                or (context.get("neighbourhood") is not None
                    and context["neighbourhood"] is not last.neighbourhoods.get(profile.slug))
                or ("graph" in context and id(context["graph"]) not in graphs)
                # The whole dossier's, its profiles', and an empty list's (updated when the dossier is).
                or (feed is not None and (feed.page_url in feeds or not feed.articles))):
            found.append((number, False))
    return found
