"""What the desk reads of a dossier: each profile's and article's text, front matter and body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..ingest.held import read_held
from ..ingest.profiles import Held
from ..site.corrections import Corrections, read_corrections
from ..site.read import content_files
from ..util.errors import DossierError, Problem
from ..util.slugs import slugify
from .lines import names_slugs, split_text

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Doc:
    """One content file as the desk edits it: its text, and its front matter as data."""

    rel: str  # POSIX path relative to the site root
    text: str
    meta: dict[str, Any]
    body: str

    @property
    def slug(self) -> str:
        if not self.rel.startswith("content/articles/"):
            return Path(self.rel).stem
        return str(self.meta.get("slug") or "") or slugify(str(self.meta.get("title") or ""))

    @property
    def names(self) -> list[str]:
        """A profile's names: canonical, per language, aliases; no repeats."""
        meta = self.meta
        found = [str(meta.get("name") or self.slug)]
        if isinstance(meta.get("names"), dict):
            found += [str(v) for v in meta["names"].values() if v]
        if isinstance(meta.get("aliases"), list):
            found += [str(v) for v in meta["aliases"] if v]
        return list(dict.fromkeys(found))

    @property
    def date(self) -> str:
        value = self.meta.get("date")
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value or "")


@dataclass
class Dossier:
    """A site's actor profiles and articles, read for the desk."""

    root: Path
    actors: dict[str, Doc] = field(default_factory=dict)  # by slug
    articles: list[Doc] = field(default_factory=list)
    corrections: Corrections = field(default_factory=Corrections)
    held: list[Held] = field(default_factory=list)  # people ingest held back (content/held.yml)
    held_warning: str = ""  # why content/held.yml could not be read, '' when it could
    _by_actor: dict[str, list[Doc]] | None = field(default=None, init=False, repr=False)

    def articles_of(self, slug: str) -> list[Doc]:
        """Return the articles naming an actor anywhere in their front matter, newest first."""
        if self._by_actor is None:
            self._by_actor = {}
            for doc in sorted(self.articles, key=lambda doc: doc.date, reverse=True):
                for named in names_slugs(doc.meta):
                    self._by_actor.setdefault(named, []).append(doc)
        return self._by_actor.get(slug, [])

    def article(self, key: str) -> Doc:
        """Return the article with this slug or path; raise DossierError naming the key."""
        for doc in self.articles:
            if key in (doc.slug, doc.rel, doc.rel.removeprefix("content/articles/")):
                return doc
        raise DossierError(Problem("content/articles", f"no article {key!r}: name one by its slug or its path"))


def read_dossier(root: Path, known: dict[str, Doc] | None = None) -> Dossier:
    """Read root's actor profiles and articles; raise DossierError for a file the desk cannot read.

    known: the documents of the last read by path, kept by the caller: a file whose text is
    the same is not parsed again, and known is left holding this read's.
    """
    dossier = Dossier(root, corrections=read_corrections(root))
    dossier.held, dossier.held_warning = read_held(root)
    docs: dict[str, Doc] = {}
    for section, rel in content_files(root):
        if section not in ("articles", "actors"):
            continue
        doc = docs[rel] = _read(root, rel, known or {})
        if section == "actors":
            dossier.actors[doc.slug] = doc
        else:
            dossier.articles.append(doc)
    if known is not None:
        # The preview's desk reads all 1,200 files of a 700-story dossier for every
        # correction; parsing their YAML again took 0.2 to 0.4 s of each.
        known.clear()
        known.update(docs)
    return dossier


def _read(root: Path, rel: str, known: dict[str, Doc]) -> Doc:
    try:
        text = (root / rel).read_text(encoding="utf-8").replace("\r\n", "\n")
        last = known.get(rel)
        if last is not None and last.text == text:
            return last  # the desk never changes a Doc: a correction writes new text
        head, body = split_text(text)
        meta = yaml.load(head, Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise DossierError(Problem(rel, f"cannot be read for the desk ({type(exc).__name__}): "
                                        "run build.py build to see what to fix")) from None
    if not isinstance(meta, dict):
        raise DossierError(Problem(rel, "front matter must be YAML fields (key: value)"))
    return Doc(rel, text, meta, body)
