"""Which pages a rebuild must render: a fingerprint of everything each page can show.

A page's fingerprint digests its URL, template and context, the data its templates
read through the `site` global, the templates themselves, the settings and our code.
Articles and profiles enter it by key: the digest of their file (which decides every
field) and, for an article, the keys of every profile it names, since its card and
page print their names. A page whose fingerprint and output file are unchanged since
the last build would render to the same bytes, so it is not rendered again.

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
    """Return the `site` attributes a template and the templates it pulls in read."""
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


@dataclass
class Fingerprinter:
    """Compute page fingerprints for one assembled site."""

    site: Site
    digests: dict[str, str]  # content file (relative POSIX path) -> digest of its bytes
    base: str  # digest of code, settings and templates
    _profiles: dict[tuple[str, str], str] = field(default_factory=dict)
    _articles: dict[int, str] = field(default_factory=dict)
    # Each part below is kept with the ids of the articles it was made from (Read).
    _globals: dict[str, Read] = field(default_factory=dict)
    _slices: dict[tuple[str, str, str], Read] = field(default_factory=dict)
    # A story, a node or a neighbourhood recurs on many pages: each is described once.
    # Keyed by id, and holding the object, so that no other object can take its id.
    _shared: dict[int, tuple[Any, str, frozenset[int]]] = field(default_factory=dict)

    def page(self, page: Page, uses: Iterable[str]) -> tuple[str, set[int]]:
        """Return the fingerprint of page, whose template reads the site attributes uses, and its readings.

        The readings are the ids of the articles whose keys the fingerprint was made from:
        while the site's shape holds, only an edit of one of them can change the page.
        """
        parts: list[str] = [self.base, page.url, page.filename, page.template]
        read: set[int] = set()
        self._encode(page.context, parts, read)
        for name in sorted(uses):
            parts.append("@" + name)
            key, articles = self._site_part(name, page)
            parts.append(key)
            read |= articles
        return _hash(parts), read

    def profile_key(self, section: str, slug: str) -> str:
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
        key = self._articles.get(id(article))
        if key is None:
            parts = [self.digests[article.path.as_posix()]]
            for section, slugs in references(article).items():
                parts += [self.profile_key(section, slug) for slug in slugs]
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
            key = self._list([(s, n, self.profile_key("actors", s))
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
