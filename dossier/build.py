"""The build, stage by stage: the order listed is the order of execution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from .output.recorded import Recorded, Scan
from .output.write import check_out_dir, recover
from .site.cache import FOLDER, ContentCache, check_cache_folder, code_key
from .site.config import DEFAULT_LAYOUTS, DEFAULT_STATIC, Config, load_config
from .util.errors import Problem
from .util.store import (digest, load_keyed, load_pickle, no_cycle_collection, now_ns, racy_ns, remove_strays,
                         save_keyed, save_pickle, scan_stamps, versions)

# The stages' modules (Markdown, Jinja, nh3, babel) load only when something changed:
# a no-change rebuild answers from the stamps alone, in a fraction of their import time.
if TYPE_CHECKING:
    import jinja2

    from .output.graph import PageGraph
    from .pages.network_layout import Layouts
    from .pages.render import Page
    from .site.assemble import Links, Site
    from .site.read import Content

# What each template reads of the site (output/deps.py's site_uses), by the digest of the
# code, layouts and settings it holds for: parsing every template costs 0.4 s, paid once
# per process, not once per build of a site without its cache (or of another site).
_USES: dict[str, dict[str, frozenset[str]]] = {}


@dataclass
class BuildReport:
    out_dir: Path
    pages: int
    written: int
    unchanged: int
    removed: int
    warnings: list[Problem] = field(default_factory=list)
    search: str = ""
    changed_paths: list[str] = field(default_factory=list)  # output paths written or removed, sorted
    rendered: int = 0  # pages rendered; the others had the same inputs as in the last build
    drawn: int = 0  # network drawings laid out; the others had the same inputs as in the last build
    # articles changed since the last build whose pages were rendered from the kept page graph
    # (output/graph.py); 0 when the whole site was read (or no article changed)
    edited: int = 0
    added: int = 0  # articles added since the last build whose pages were found from the kept page graph


def build(root: Path, *, out_dir: Path | None = None, base_url: str | None = None,
          drafts: bool = False, strict: bool = False, search: bool = True, background: bool = False) -> BuildReport:
    """Build the dossier at root into its output folder; raise DossierError on bad input.

    background: store the page graph from a forked child, for a caller with no threads that
    need not wait for it (the command line, which exits).
    """
    return Builder(root, out_dir, base_url, drafts, strict, background).build(search=search)


def template_dirs(root: Path) -> tuple[list[Path], list[Path]]:
    """Return the layout and static folders, the site's before the bundled ones."""
    # A fixture or forked site without its own layouts/static uses the bundled ones.
    return [root / "layouts", DEFAULT_LAYOUTS], [root / "static", DEFAULT_STATIC]


def open_out_dir(root: Path, out_dir: Path) -> None:
    """Check out_dir is a folder the build may fill; finish or undo a build killed while writing it.

    Raise DossierError when the folder is not one to write. `build` and the preview's start
    call it alike, so a killed build never leaves a mixed site for long.
    """
    layout_dirs, static_dirs = template_dirs(root)
    check_out_dir(out_dir, root, [root / "content", *layout_dirs, *static_dirs], root / ".cache")
    recover(out_dir)


class Builder:
    """Build one site into one folder, again and again, doing only what changed.

    What the last build read and wrote is kept in <root>/.cache/build/ (so a fresh
    process is incremental too) and in memory (so the live preview need not reload it).
    """

    def __init__(self, root: Path, out_dir: Path | None = None, base_url: str | None = None,
                 drafts: bool = False, strict: bool = False, background: bool = False):
        self.root = root.resolve()
        self.background = background
        self.out_dir = out_dir
        self.base_url = base_url
        self.drafts = drafts
        self.strict = strict
        self._site: Site | None = None
        self._cache: ContentCache | None = None
        self._links: Links | None = None
        self._layouts: tuple[str, Layouts] | None = None  # with the key of the code that computed them
        self._recorded: dict[Path, Recorded] = {}
        self._env: tuple[str, jinja2.Environment, dict[str, frozenset[str]]] | None = None
        self._built_into: Path | None = None  # where the last full build (of self._site) wrote
        self._graph: tuple[str, PageGraph] | None = None  # the last page graph, with its key

    def build(self, search: bool = False) -> BuildReport:
        """Build into the output folder, rendering only pages whose inputs changed; raise DossierError."""
        config = load_config(self.root, {"base_url": self.base_url})
        out_dir = (self.out_dir or self.root / config.output_dir).resolve()
        layout_dirs, static_dirs = template_dirs(self.root)
        check_cache_folder(self.root)
        remove_strays(self.root / FOLDER)
        open_out_dir(self.root, out_dir)
        code = code_key()
        scan = self._inputs(code, config, out_dir, layout_dirs + static_dirs)
        recorded = self._previous(out_dir)
        if self._nothing_changed(recorded, scan.inputs, scan.settled_ns, out_dir):
            result = BuildReport(out_dir, recorded.pages, 0, len(recorded.outputs), 0, list(recorded.warnings))
        else:
            # The stages make the site and its lasting indexes, and next to no garbage in
            # cycles (81 objects after a cold build); the workers that render collect theirs.
            with no_cycle_collection():
                result = (self._build_edit(config, out_dir, layout_dirs, code, scan, recorded)
                          or self._build_add(config, out_dir, layout_dirs, code, scan, recorded)
                          or self._build(config, out_dir, layout_dirs, static_dirs, code, scan, recorded))
        if search:
            from .output.search import index
            result.search = index(config.language, out_dir, self.root / FOLDER, config.search_shard_pages)
        return result

    def _build(self, config: Config, out_dir: Path, layout_dirs: list[Path], static_dirs: list[Path],
               code: str, scan: Scan, recorded: Recorded) -> BuildReport:
        """Read, assemble, render what changed and write: the stages, in order."""
        from .output.deps import Fingerprinter
        from .output.graph import fingerprint_pages, graph_key, make_graph
        from .output.write import write
        from .pages.briefing import plan_briefings
        from .pages.network import plan_network
        from .pages.publish import plan_feed_pages, publishing_warnings, render_publishing
        from .pages.render import check_collisions, collect_static, plan_pages, render_pages
        from .site.read import read_content

        scanned = now_ns()
        cache = self._content_cache(code, config)
        try:
            content = read_content(config, cache=cache)
        finally:
            cache.save()  # the files that parsed are worth keeping even when others did not
        site = self._site = self._assemble(config, content, code)
        layouts_key, layouts = self._layouts_of(code)
        network = plan_network(site, layouts)
        pages = plan_pages(site, network=network) + plan_feed_pages(site) + plan_briefings(site)
        drawn = layouts.drawn
        if layouts.settle():
            save_keyed(self.root / FOLDER / "layouts.pickle", layouts_key, layouts.kept)
        base = self._base(code, config, layout_dirs)
        env = self._environment(base, site, layout_dirs)
        prints, read = fingerprint_pages(Fingerprinter(site, content.digests, base), pages, self._uses(env, pages))
        kept = {path for path, print_ in prints.items() if recorded.current(out_dir, path, print_)}
        todo = [page for page in pages if page.output_path not in kept]
        extras = render_publishing(site, pages) + collect_static(static_dirs, self.root)
        check_collisions(chain(prints, (output.path for output in extras)))
        # Pages render lazily as write consumes them; a template error leaves out_dir untouched.
        report = write(chain(render_pages(todo, env), extras), out_dir, self.root / ".cache", kept)
        warnings = site.warnings + publishing_warnings(config)
        outputs = {path: recorded.outputs[path] for path in kept}
        outputs.update((path, (prints.get(path, ""), stamp)) for path, stamp in report.stamps.items())
        build_id = digest(scan.inputs, str(scanned))
        graph = make_graph(build_id, scan.stamps, scan.trusted_ns, site, pages, read, content.digests,
                           {rel: entry.warnings for rel, entry in cache.entries.items()}, network)
        self._keep_graph(graph_key(base, out_dir, self.strict), out_dir, graph)
        self._record(out_dir, Recorded(scan.inputs, scanned, outputs, len(pages), warnings,
                                       build_id if graph else "", paths=scan.paths))
        self._built_into = out_dir
        return BuildReport(out_dir, len(pages), report.written, report.unchanged, report.removed, warnings,
                           changed_paths=report.changed_paths, rendered=len(todo), drawn=drawn)

    def _build_edit(self, config: Config, out_dir: Path, layout_dirs: list[Path], code: str, scan: Scan,
                    recorded: Recorded) -> BuildReport | None:
        """Render again only the pages that read the edited articles; None where the graph cannot bound the change."""
        from .output.graph import BodyNotLoaded, graph_key, plan_edit
        from .output.write import write
        from .pages.render import render_pages
        from .util.errors import DossierError

        scanned = now_ns()
        if not recorded.build_id or recorded.paths != scan.paths:
            return None  # no graph, or a file added, removed or renamed: not an edit (and no graph loaded)
        base = self._base(code, config, layout_dirs)
        graph = self._graph_of(graph_key(base, out_dir, self.strict), out_dir)
        if graph is None or graph.build_id != recorded.build_id:
            return None
        # The graph's key holds the settings and every layout file: their stamps need not be compared.
        edit = plan_edit(graph, scan.stamps, config, [self.root / "site.yml", *layout_dirs], recorded.edited)
        report = None
        if edit is not None:
            todo = {page.output_path for page in edit.pages}
            kept = [path for path in recorded.outputs if path not in todo]
            env = self._environment(base, graph.site, layout_dirs)
            env.globals["once"].clear()  # the cards of records changed in place
            # A file of the last build changed or removed: the full build writes it again.
            if all(recorded.intact(out_dir, path) for path in kept):
                try:
                    report = write(render_pages(edit.pages, env), out_dir, self.root / ".cache", kept)
                except (BodyNotLoaded, TypeError, DossierError):
                    pass  # a page printed a body the graph left out, or failed: the full build decides
        if edit is None or report is None:
            # Its records may have been changed in place for edits no record of the output lists.
            self._graph = None
            self._site = None if self._site is graph.site else self._site
            return None
        outputs = {path: recorded.outputs[path] for path in kept}
        # No fingerprint: the next full build renders these pages again rather than trust one.
        outputs.update((path, ("", stamp)) for path, stamp in report.stamps.items())
        self._record(out_dir, Recorded(scan.inputs, scanned, outputs, recorded.pages, recorded.warnings,
                                       recorded.build_id, edit.shown, recorded.paths))
        return BuildReport(out_dir, recorded.pages, report.written, report.unchanged, report.removed,
                           list(recorded.warnings), changed_paths=report.changed_paths, rendered=len(edit.pages),
                           edited=len(edit.changed))

    def _build_add(self, config: Config, out_dir: Path, layout_dirs: list[Path], code: str, scan: Scan,
                   recorded: Recorded) -> BuildReport | None:
        """Grow the kept site by one new story and render the pages it changed; None where the graph cannot bound it."""
        from .output.added import choose, plan_add, regraph, write_added
        from .output.deps import Fingerprinter
        from .output.graph import graph_key

        scanned = now_ns()
        if not recorded.build_id or recorded.paths == scan.paths:
            return None  # no graph, or no file added (an edit the graph refused)
        base = self._base(code, config, layout_dirs)
        key = graph_key(base, out_dir, self.strict)
        graph = self._graph_of(key, out_dir)
        if graph is None or graph.build_id != recorded.build_id:
            return None
        layouts_key, layouts = self._layouts_of(code)
        added = plan_add(graph, scan.stamps, config, [self.root / "site.yml", *layout_dirs], recorded.edited,
                         layouts, self.drafts)
        drawn = layouts.drawn
        layouts.fold()  # the drawings it laid out, for the next full build to reuse
        written = None
        if added is not None:
            site = graph.site
            env = self._environment(base, site, layout_dirs)
            env.globals["once"].clear()  # the cards of records changed in place
            todo, prints, reads = choose(added, Fingerprinter(site, added.digests, base),
                                         self._uses(env, added.pages), recorded, out_dir)
            written = write_added(added, graph, todo, prints, env, recorded, out_dir, self.root / ".cache", config)
        if added is None or written is None:
            self._graph = None  # its site may have been changed in place
            self._site = None if self._site is graph.site else self._site
            return None
        report, outputs = written
        if drawn:
            save_keyed(self.root / FOLDER / "layouts.pickle", layouts_key, layouts.kept)
        build_id = digest(scan.inputs, str(scanned))
        self._site = self._site if self._site is site else None  # another site of this builder's is behind it
        self._keep_graph(key, out_dir, regraph(graph, added, reads, build_id, scan.stamps, scan.trusted_ns))
        warnings = list(recorded.warnings)  # the new story warns of nothing, edits as before (plan_add)
        self._record(out_dir, Recorded(scan.inputs, scanned, outputs, len(added.pages), warnings, build_id,
                                       paths=scan.paths))
        return BuildReport(out_dir, len(added.pages), report.written, report.unchanged, report.removed, warnings,
                           changed_paths=report.changed_paths, rendered=len(todo), drawn=drawn, added=1)

    def _graph_of(self, key: str, out_dir: Path) -> PageGraph | None:
        """Return the page graph of the last full build under key, from memory or .cache/."""
        from .output.graph import load_graph

        if self._graph is None or self._graph[0] != key:
            graph = load_graph(self._graph_path(out_dir), key)
            self._graph = (key, graph) if graph is not None else None
        return self._graph[1] if self._graph else None

    def _keep_graph(self, key: str, out_dir: Path, graph: PageGraph | None) -> None:
        from .output.graph import save_graph

        self._graph = (key, graph) if graph is not None else None
        if graph is not None:
            save_graph(self._graph_path(out_dir), key, graph, self.background)

    def _graph_path(self, out_dir: Path) -> Path:
        return self.root / FOLDER / f"graph-{digest(str(out_dir))[:12]}.pickle"

    def render_edited(self, rels: Sequence[str]) -> list[str]:
        """Re-render the own pages of edited articles against the last site; return what changed.

        For the live preview, ahead of the build that follows, which brings the lists and
        profiles up to date. Returns [] where the last site cannot stand in: no full build
        yet, a file that does not read, a new file, a new slug, a new draft or a new actor.
        """
        if self._site is None or self._env is None or self._built_into is None:
            return []
        from .output.write import write_now
        from .pages.render import article_page, render_pages
        from .site.read import read_article
        from .util.errors import DossierError

        site = self._site
        known = {article.path.as_posix(): article for article in site.articles if article.path}
        pages = []
        for rel in rels:
            article, before = read_article(site.config, rel), known.get(rel)
            if article is None or before is None or article.slug != before.slug or article.draft != before.draft \
                    or not site.profiles["actors"].keys() >= set(article.actors):
                return []  # a new actor (the desk's split, say) has no profile in the last site
            pages.append(article_page(article))
        try:
            outputs = list(render_pages(pages, self._env[1]))
        except DossierError:
            return []  # the build that follows reports it
        return write_now(outputs, self._built_into)

    @property
    def site(self) -> Site:
        """Return the site as last built (assembled from the cache if the build had no need to)."""
        if self._site is None:
            from .site.read import read_content

            config = load_config(self.root, {"base_url": self.base_url})
            code = code_key()
            content = read_content(config, cache=self._content_cache(code, config))
            self._site = self._assemble(config, content, code)
        return self._site

    def _assemble(self, config: Config, content: Content, code: str) -> Site:
        """Assemble the site, reusing the last build's links between articles where they hold."""
        from .site.assemble import Links, assemble

        path = self.root / FOLDER / "links.pickle"
        if self._links is None:
            # Links computed by other code may rank differently: only this code's are reused.
            stored = load_keyed(path, code)
            self._links = stored if isinstance(stored, Links) else None
        site = assemble(config, content, drafts=self.drafts, strict=self.strict, links=self._links)
        if site.links is not self._links:
            self._links = site.links
            save_keyed(path, code, site.links)
        return site

    def _layouts_of(self, code: str) -> tuple[str, Layouts]:
        """Return the network drawings of the last build by this code, from memory or .cache/, and their key."""
        from .pages.network_layout import Layouts

        # Layouts computed by other code, or by another numpy's arithmetic, may differ: not reused.
        key = digest(code, *versions(["numpy"]))
        if self._layouts is None or self._layouts[0] != key:
            stored = load_keyed(self.root / FOLDER / "layouts.pickle", key)
            self._layouts = (key, Layouts(stored if isinstance(stored, dict) else {}))
        return self._layouts

    def _inputs(self, code: str, config: Config, out_dir: Path, folders: Sequence[Path]) -> Scan:
        """Return a digest of every input stamp and the settings, the stamps, and when they settle."""
        begun = now_ns()
        stamps = scan_stamps([self.root / "content", self.root / "site.yml", *folders])
        parts = [code, repr(config), str(out_dir), repr((self.drafts, self.strict)), repr(stamps)]
        mtimes = [mtime for _, mtime, _ in stamps]
        window = racy_ns(mtimes)
        # The newest mtime, moved later by the window in which its stamp may still change.
        return Scan(digest(*parts), max(mtimes, default=0) + window, stamps, begun - window,
                    digest(*(path for path, _, _ in stamps)))

    def _nothing_changed(self, recorded: Recorded, inputs: str, settled_ns: int, out_dir: Path) -> bool:
        # A file written just before the last scan may have changed since with the same stamp.
        if recorded.inputs != inputs or settled_ns >= recorded.scanned_ns:
            return False
        return recorded.all_intact(out_dir)

    def _content_cache(self, code: str, config: Config) -> ContentCache:
        key = digest(code, config.base_path, config.timezone)
        if self._cache is None or self._cache.key != key:
            self._cache = ContentCache(self.root / FOLDER, key)
        return self._cache

    def _base(self, code: str, config: Config, layout_dirs: list[Path]) -> str:
        """Return a digest of what shapes every page: code, layouts, settings."""
        from .output.deps import layouts_key

        return digest(code, layouts_key(layout_dirs), repr(config), repr(self.drafts))

    def _environment(self, base: str, site: Site, layout_dirs: list[Path]) -> jinja2.Environment:
        """Return a Jinja environment bound to site, for the code, layouts and settings base digests."""
        from .pages.render import bind_site, make_environment
        from .site.templates import TemplateCache

        if self._env is None or self._env[0] != base:
            # Compiled templates are kept: in memory here, on disk for the next process.
            self._env = (base, make_environment(site, layout_dirs, TemplateCache(self.root / FOLDER / "jinja")), {})
        return bind_site(self._env[1], site)

    def _uses(self, env: jinja2.Environment, pages: list[Page]) -> dict[str, frozenset[str]]:
        from .output.deps import site_uses

        assert self._env is not None
        base, _, uses = self._env
        missing = {page.template for page in pages} - uses.keys()
        if missing:
            # Parsing every template costs a fresh process 0.4 s: keep the answers beside the
            # compiled templates, valid while the layouts, settings and code are the same.
            path = self.root / FOLDER / "uses.pickle"
            stored = _USES.get(base) or load_keyed(path, base) or {}
            uses.update((name, stored[name]) for name in missing & stored.keys())
            if missing - uses.keys():
                uses.update((name, site_uses(env, name)) for name in missing - uses.keys())
                save_keyed(path, base, dict(uses))
            _USES[base] = dict(uses)
        return uses

    def _previous(self, out_dir: Path) -> Recorded:
        if out_dir not in self._recorded:
            data = load_pickle(self._state_path(out_dir))
            self._recorded[out_dir] = data if isinstance(data, Recorded) else Recorded()
        return self._recorded[out_dir]

    def _record(self, out_dir: Path, recorded: Recorded) -> None:
        # Only after a successful write: a failed build leaves the last record true.
        self._recorded[out_dir] = recorded
        save_pickle(self._state_path(out_dir), recorded)

    def _state_path(self, out_dir: Path) -> Path:
        return self.root / FOLDER / f"state-{digest(str(out_dir))[:12]}.pickle"

