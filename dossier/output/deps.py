"""Which pages a rebuild must render: a fingerprint of everything each page can show.

A page's fingerprint digests its URL, template and context, the data its templates
read through the `site` global, the templates themselves, the settings and our code.
Articles and profiles enter it by key: the digest of their file (which decides every
field) and, for an article, what its page's templates can read of every profile it
names. A template reaches a named profile only through the `profile` filter (or
`linked_body`, or `site.profiles`): when every such profile is only read field by field
(`(slug | profile('actors')).name`, or a variable set so and read so), the article's key
holds those fields of its profiles, so that an alias added to a profile leaves the lists
of cards that print only its name as they were; any other use counts the whole file. A
page whose fingerprint and output file are unchanged since the last build would render
to the same bytes, so it is not rendered again.

Templates are read, not trusted: every `site.<name>` they (or what they extend,
include or import) use adds that part of the site to the fingerprint. Eight parts
are looked up by the page's own slug, and only that slice counts: `site.related`,
`site.reports` and `site.leads` on an article page; `site.by_profile`, `quotes_by_actor`, `quotes_by_topic`,
`co_actors` and `events_by_actor` on a profile page. `site.navigation` and `site.has_network`
count as what they list and as their yes or no. Any other use of `site` counts the whole site.

A fingerprint comes with the articles it read (their ids): the page graph (output/graph.py)
keeps, for each article, the pages to render again when only its text changes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from jinja2 import nodes

from ..pages.render import Page, Paginator
from ..site.assemble import Site, references
from ..site.model import Article, Profile
from ..util.store import digest

EVERYTHING = "*"
# A `uses` entry naming a profile field its templates read through the `profile` filter.
READS = "profile."
PROFILE_FIELDS = frozenset(item.name for item in dataclasses.fields(Profile))
# Filters that take a slug or an article and read its profiles in Python: `profile`
# hands a profile to the template, `linked_body` reads every actor's names.
REACHING = frozenset({"profile", "linked_body"})
# What a name set inside stays inside: never an attribute of the template imported.
SCOPES = (nodes.Macro, nodes.For, nodes.Block, nodes.CallBlock, nodes.FilterBlock, nodes.With)
NONE: frozenset[int] = frozenset()
Read = tuple[str, frozenset[int]]  # a part's digest, and the ids of the articles it was made from
SCOPED_BY_ARTICLE = frozenset({"related", "reports", "leads"})
SCOPED_BY_PROFILE = frozenset({"by_profile", "quotes_by_actor", "quotes_by_topic", "co_actors", "events_by_actor"})


def layouts_key(layout_dirs: Sequence[Path]) -> str:
    """Return a digest of every file in the layout folders, in lookup order."""
    parts: list[str | bytes] = []
    for number, folder in enumerate(layout_dirs):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                parts += [f"{number}:{path.relative_to(folder).as_posix()}", path.read_bytes()]
    return digest(*parts)


def site_uses(env: jinja2.Environment, name: str) -> frozenset[str]:
    """Return the `site` attributes, and as READS entries the profile fields, a template and those it pulls in read."""
    return _site_uses(env, name) | {READS + f for f in profile_reads(env, name)}


def _site_uses(env: jinja2.Environment, name: str) -> frozenset[str]:
    uses: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0] if env.loader else ""
            tree = env.parse(source)
        except (jinja2.TemplateError, OSError):
            return frozenset({EVERYTHING})  # rendering reports it; here, assume the worst
        uses |= _site_attributes(tree)
        for other in jinja2.meta.find_referenced_templates(tree):
            if other is None:  # a name computed at render time could be any template
                return frozenset({EVERYTHING})
            todo.append(other)
    return frozenset(uses)


def _site_attributes(tree: nodes.Template) -> set[str]:
    attributes = set()
    through: set[int] = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "site":
            attributes.add(node.attr)
            through.add(id(node.node))
    for node in tree.find_all(nodes.Name):
        if node.name == "site" and id(node) not in through:
            attributes.add(EVERYTHING)  # site passed around or subscripted: anything may be read
    return attributes


def profile_reads(env: jinja2.Environment, name: str) -> frozenset[str]:
    """Return the profile fields a template reads through the `profile` filter; EVERYTHING if not only fields."""
    reached = _reached(env, name)
    return frozenset({EVERYTHING} if reached is None else _field_reads(reached))


def _reached(env: jinja2.Environment, name: str) -> list[nodes.Node] | None:
    """Return what of a template and those it pulls in can run when it renders; None if that is unknown."""
    # `{% from "x" import a %}` runs x's top level and a, and what a calls, not x's other macros.
    todo: list[tuple[str, frozenset[str] | None]] = [(name, None)]
    seen: set[tuple[str, frozenset[str] | None]] = set()
    reached: list[nodes.Node] = []
    while todo:
        current, macros = todo.pop()
        if (current, macros) in seen:
            continue
        seen.add((current, macros))
        try:
            tree = env.parse(env.loader.get_source(env, current)[0] if env.loader else "")
        except (jinja2.TemplateError, OSError):
            return None  # rendering reports it; here, assume the worst
        parts = [tree] if macros is None else _macros_run(tree, macros)
        reached += parts
        for part in parts:
            for ref in [part, *part.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport))]:
                if isinstance(ref, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
                    if not isinstance(ref.template, nodes.Const) or not isinstance(ref.template.value, str):
                        return None  # a name computed at render time could be any template
                    names = (frozenset(n if isinstance(n, str) else n[0] for n in ref.names)
                             if isinstance(ref, nodes.FromImport) else None)
                    todo.append((ref.template.value, names))
    return reached


def _macros_run(tree: nodes.Template, names: frozenset[str]) -> list[nodes.Node]:
    """Return a template's top level but its macros, and the macros named and those they call."""
    macros = {node.name: node for node in tree.body if isinstance(node, nodes.Macro)}
    parts: list[nodes.Node] = [node for node in tree.body if not isinstance(node, nodes.Macro)]
    parts += [macros.pop(n) for n in sorted(names) if n in macros]
    todo = list(parts)
    while todo:
        for used in todo.pop().find_all(nodes.Name):
            macro = macros.pop(used.name, None)
            if macro is not None:
                parts.append(macro)
                todo.append(macro)
    return parts


def _field_reads(reached: Sequence[nodes.Node]) -> set[str]:
    # A name set to a profile may be read in any template of the page (a macro's
    # argument of the same name, say): every load of that name, anywhere, must be a
    # field read, which can only overstate what is read.
    walked = [step for part in reached for step in _walk(part, None, False)]
    reads: set[str] = set()
    held: set[str] = set()
    for node, parent, scoped in walked:
        if isinstance(node, nodes.Filter) and node.name in REACHING:
            if node.name != "profile":
                return {EVERYTHING}
            if isinstance(parent, nodes.Getattr) and parent.node is node:
                reads.add(parent.attr)
            # Set at a template's top level, a name is exported: read as the imported
            # template's attribute (`x.who`), it escapes this count.
            elif isinstance(parent, nodes.Assign) and parent.node is node and isinstance(parent.target, nodes.Name) \
                    and scoped:
                held.add(parent.target.name)
            else:
                return {EVERYTHING}  # printed, filtered, subscripted, passed on: anything may be read
        elif isinstance(node, nodes.Filter) and node.name == "map" and node.args and not (
                isinstance(node.args[0], nodes.Const) and node.args[0].value not in REACHING):
            return {EVERYTHING}  # `map('profile', …)` calls the filter by name
    for node, parent, _ in walked:
        if isinstance(node, nodes.Name) and node.name in held and node.ctx == "load":
            if not (isinstance(parent, nodes.Getattr) and parent.node is node):
                return {EVERYTHING}
            reads.add(parent.attr)
    # A method or property (all_names) reads fields of its own choosing.
    return reads if reads <= PROFILE_FIELDS else {EVERYTHING}


def _walk(node: nodes.Node, parent: nodes.Node | None,
          scoped: bool) -> Iterable[tuple[nodes.Node, nodes.Node | None, bool]]:
    """Yield each node with its parent, and whether it lies in a scope that exports no name."""
    yield node, parent, scoped
    scoped = scoped or isinstance(node, SCOPES)
    for child in node.iter_child_nodes():
        yield from _walk(child, node, scoped)


@dataclass
class Fingerprinter:
    """Compute page fingerprints for one assembled site."""

    site: Site
    digests: dict[str, str]  # content file (relative POSIX path) -> digest of its bytes
    base: str  # digest of code, settings and templates
    # The profile fields the templates read through the `profile` filter: articles' keys
    # hold these of the profiles they name. Pages of templates that read others are
    # fingerprinted by a Fingerprinter of their own, kept in _views.
    reads: frozenset[str] = frozenset({EVERYTHING})
    _views: dict[frozenset[str], Fingerprinter] = field(default_factory=dict)
    _profiles: dict[tuple[str, str], str] = field(default_factory=dict)
    _read: dict[tuple[str, str], str] = field(default_factory=dict)
    _articles: dict[int, str] = field(default_factory=dict)
    # Each part below is kept with the ids of the articles it was made from (Read).
    _globals: dict[str, Read] = field(default_factory=dict)
    _slices: dict[tuple[str, str, str], Read] = field(default_factory=dict)
    # A story, a node or a neighbourhood recurs on many pages: each is described once.
    # Keyed by id, and holding the object, so that no other object can take its id.
    _shared: dict[int, tuple[Any, str, frozenset[int]]] = field(default_factory=dict)

    def page(self, page: Page, uses: Iterable[str]) -> tuple[str, set[int]]:
        """Return the fingerprint of page, whose template reads uses (site_uses: site attributes, profile fields).

        With it come the page's readings: the ids of the articles whose keys the fingerprint
        was made from; while the site's shape holds, only an edit of one of them can change the page.
        """
        reads = frozenset(name.removeprefix(READS) for name in uses if name.startswith(READS))
        if reads != self.reads:
            view = self._views.get(reads)
            if view is None:
                view = self._views[reads] = Fingerprinter(self.site, self.digests, self.base, reads,
                                                          _profiles=self._profiles)
            return view.page(page, uses)
        parts: list[str] = [self.base, page.url, page.filename, page.template]
        read: set[int] = set()
        self._encode(page.context, parts, read)
        for name in sorted(uses):
            parts.append("@" + name)
            if not name.startswith(READS):
                key, articles = self._site_part(name, page)
                parts.append(key)
                read |= articles
        return _hash(parts), read

    def profile_read(self, section: str, slug: str) -> str:
        """Return a key of what the templates can read of a named profile: the fields they read, or its file."""
        if EVERYTHING in self.reads:
            return self.profile_key(section, slug)
        key = self._read.get((section, slug))
        if key is None:
            profile = self.site.profiles[section].get(slug)
            parts = ["missing" if profile is None else "read"]
            for name in sorted(self.reads) if profile is not None else ():
                parts.append(name)
                self._encode(getattr(profile, name), parts, set())  # a profile's fields hold no article
            key = self._read[(section, slug)] = _hash(parts)
        return key

    def profile_key(self, section: str, slug: str) -> str:
        """Return a key of everything of a profile: the digest of its file."""
        key = self._profiles.get((section, slug))
        if key is None:
            profile = self.site.profiles[section].get(slug)
            if profile is None or profile.path is None:
                key = f"stub:{section}:{slug}"  # a stub's every field follows from its slug
            else:
                key = self.digests[profile.path.as_posix()]
            self._profiles[(section, slug)] = key
        return key

    def article_key(self, article: Article) -> str:
        """Return a key of an article's file and of what the templates can read of the profiles it names."""
        key = self._articles.get(id(article))
        if key is None:
            parts = [self.digests[article.path.as_posix()]]
            for section, slugs in references(article).items():
                parts += [self.profile_read(section, slug) for slug in slugs]
            key = self._articles[id(article)] = _hash(parts)
        return key

    def _site_part(self, name: str, page: Page) -> Read:
        context = page.context
        if name in SCOPED_BY_ARTICLE and "article" in context:
            return self._scoped(name, "articles", context["article"].slug)
        if name in SCOPED_BY_PROFILE and "profile" in context and "section" in context:
            return self._scoped(name, context["section"], context["profile"].slug)
        return self._global(name)

    def _scoped(self, name: str, section: str, slug: str) -> Read:
        # Every page of a paginated profile reads the same slice: digest it once.
        known = self._slices.get((name, section, slug))
        if known is not None:
            return known
        site = self.site
        key: Read
        if name == "leads":
            key = digest(site.leads.get(slug, "")), NONE
        elif name in SCOPED_BY_ARTICLE:
            key = self._articles_list((site.related if name == "related" else site.reports).get(slug, []))
        elif name == "by_profile":
            key = self._articles_list(site.by_profile[section].get(slug, []))
        elif name == "quotes_by_actor":
            key = self._list([(repr(q), a) for q, a in site.quotes_by_actor.get(slug, [])])
        elif name == "quotes_by_topic":
            # A speaker's name is printed through the articles' keys: they name the quotes' actors.
            key = self._list([(speaker, [(repr(q), a) for q, a in said])
                              for speaker, said in site.quotes_by_topic.get(slug, [])])
        elif name == "co_actors":
            key = self._list([(s, n, self.profile_read("actors", s))
                              for s, n in site.co_actors[section].get(slug, [])])
        else:
            key = self._list([(d,) for d in site.events_by_actor.get(slug, [])])
        self._slices[(name, section, slug)] = key
        return key

    def _global(self, name: str) -> Read:
        key = self._globals.get(name)
        if key is None:
            site = self.site
            if name == "articles":
                key = self._articles_list(site.articles)
            elif name == "navigation":
                key = digest(*site.navigation), NONE
            elif name == "stories":
                key = self._list([(story,) for story in site.stories])
            elif name == "mentions":
                key = self._list([(s, p, n) for s in site.profiles for p, n in site.mentions(s)])
            elif name == "events":
                key = self._list([(d,) for d in site.events])
            elif name == "has_network":  # read by every page, for one menu entry
                key = repr(site.has_network), NONE
            else:
                # Everything a Site holds follows from its articles, profiles and settings.
                key = self._list([(a,) for a in site.articles]
                                 + [(p,) for s in site.profiles.values() for p in s.values()]
                                 + [tuple(map(str, site.warnings))])
            self._globals[name] = key
        return key

    def _articles_list(self, articles: Sequence[Article]) -> Read:
        return _hash([self.article_key(article) for article in articles]), frozenset(map(id, articles))

    def _list(self, rows: Sequence[tuple[Any, ...]]) -> Read:
        parts: list[str] = []
        read: set[int] = set()
        for row in rows:
            parts.append("(")
            self._encode(row, parts, read)
        return _hash(parts), frozenset(read)

    def _encode(self, value: Any, parts: list[str], read: set[int]) -> None:
        """Append a canonical description of value to parts, and the ids of the articles it holds to read."""
        kind = type(value)
        if kind is str or kind is int or kind is float or kind is bool or value is None:
            parts.append(kind.__name__[0] + repr(value))
        elif kind is Article:
            parts.append("A" + self.article_key(value))
            read.add(id(value))
        elif kind is Profile:
            parts.append("P" + self.profile_key(value.section, value.slug))
        elif kind is list or kind is tuple:
            parts.append(f"[{len(value)}")
            for item in value:
                self._encode(item, parts, read)
        elif kind is dict:
            parts.append(f"{{{len(value)}")
            for key in sorted(value, key=str):
                parts.append(str(key))
                self._encode(value[key], parts, read)
        elif kind is Paginator:
            parts.append(f"G{value.number}/{value.count}:{value.first_url}:{len(value.items)}"
                         f":{value.listed}/{value.total}")
            for item in value.items:
                self._encode(item, parts, read)
        elif dataclasses.is_dataclass(value):
            known = self._shared.get(id(value))
            if known is None:
                fields = [kind.__name__]
                inner: set[int] = set()
                for name in _field_names(kind):
                    self._encode(getattr(value, name), fields, inner)
                known = self._shared[id(value)] = (value, _hash(fields), frozenset(inner) if inner else NONE)
            parts.append("D" + known[1])
            if known[2]:
                read |= known[2]
        else:
            parts.append(kind.__name__ + repr(value))


def _hash(parts: list[str]) -> str:
    """Return a digest of text parts: their list's repr, made in C, is an unambiguous encoding."""
    # cache.digest takes bytes too, and checks each part for them: fingerprinting a
    # 10,000-article site digests some 70,000 lists.
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(kind))
