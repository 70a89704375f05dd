"""What the desk lists: every profile with its articles, and the ones that need an editor's eye."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

from ..ingest import translit
from ..ingest.analyse.names import same_given
from ..ingest.held import WEAK_EVIDENCE
from ..ingest.profiles import fold
from ..ingest.quotes import sentences
from .held import article_of
from .state import Doc, Dossier

SENTENCES = 3  # sentences shown per profile: enough to tell who is meant
HELD_REASON = f"held back: {WEAK_EVIDENCE}"


@dataclass
class Entry:
    """One profile in the list: its name, kind and how many articles name it."""

    slug: str
    name: str
    kind: str
    articles: int
    newest: str  # the newest article's date, '' when none names it
    stub: bool


@dataclass
class Item:
    """One thing to review: a profile or a pair, why, and the sentences its names come from."""

    reasons: list[str]
    slugs: list[str]
    names: list[str]
    sentences: list[str] = field(default_factory=list)  # 'article-slug: sentence'
    held: bool = False  # a name ingest held back: no profile, so no slug; the desk acts on the name

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def list_actors(dossier: Dossier) -> list[Entry]:
    """Return every actor profile, the most recently named first, then by name."""
    entries = []
    for slug, doc in dossier.actors.items():
        named = dossier.articles_of(slug)
        entries.append(Entry(slug, doc.names[0], str(doc.meta.get("kind") or ""), len(named),
                             named[0].date if named else "", doc.meta.get("stub") is True))
    entries.sort(key=lambda e: e.name.lower())
    entries.sort(key=lambda e: e.newest, reverse=True)  # stable: names stay in order within a date
    return entries


def review(dossier: Dossier) -> list[Item]:
    """Return what needs an eye: names held back, doubtful profiles, then pairs that may be one person or two."""
    accepted = set(dossier.corrections.accepted)
    items = [Item([HELD_REASON], [], [person.name],
                  _sentences([doc] if (doc := article_of(dossier, person)) else [], [person.name, *person.forms]),
                  held=True) for person in dossier.held]
    for slug, doc in sorted(dossier.actors.items()):
        if slug in accepted:
            continue
        reasons = []
        if doc.meta.get("stub") is True:
            reasons.append("stub")
        if _is_person(doc) and len(doc.names[0].split()) == 1:
            reasons.append("one-word name")
        if len(dossier.articles_of(slug)) == 1:
            reasons.append("one article")
        if reasons:
            items.append(Item(reasons, [slug], [doc.names[0]], _profile_sentences(dossier, doc)))
    for a, b, reason in _pairs(dossier):
        if f"{a.slug} {b.slug}" not in accepted:
            items.append(Item([reason], [a.slug, b.slug], [a.names[0], b.names[0]],
                              _profile_sentences(dossier, a) + _profile_sentences(dossier, b)))
    return items


def _is_person(doc: Doc) -> bool:
    return str(doc.meta.get("kind") or "person") == "person"


def _main_names(doc: Doc) -> list[str]:
    """Return a profile's own names (canonical and per language), not the inflected aliases."""
    names = doc.meta.get("names")
    return list(dict.fromkeys([doc.names[0], *(str(v) for v in names.values() if v)]
                              if isinstance(names, dict) else [doc.names[0]]))


def _pairs(dossier: Dossier) -> list[tuple[Doc, Doc, str]]:
    """Return person pairs with one surname in some script: one person twice, or two people?"""
    by_key: dict[str, set[str]] = {}
    for slug, doc in dossier.actors.items():
        if _is_person(doc):
            for name in _main_names(doc):
                for key in translit.word_keys(name.split()[-1]) if name.split() else ():
                    by_key.setdefault(key, set()).add(slug)
    pairs: dict[tuple[str, str], str] = {}
    for slugs in by_key.values():
        for a, b in combinations(sorted(slugs), 2):
            if (a, b) not in pairs:
                pairs[(a, b)] = _relation(dossier.actors[a], dossier.actors[b])
    return [(dossier.actors[a], dossier.actors[b], reason) for (a, b), reason in sorted(pairs.items())]


def _relation(a: Doc, b: Doc) -> str:
    if _given(a) and _given(b) and not any(same_given(x, y) for x in _given(a) for y in _given(b)):
        return "same surname, different given names"
    return "may be one person: same name in two scripts or spellings"


def _given(doc: Doc) -> list[str]:
    return [name.split()[0] for name in _main_names(doc) if len(name.split()) > 1]


def _profile_sentences(dossier: Dossier, doc: Doc) -> list[str]:
    return _sentences(dossier.articles_of(doc.slug), doc.names)


def _sentences(articles: list[Doc], names: list[str]) -> list[str]:
    """Return the first sentence of each article (at most SENTENCES) that uses one of the names."""
    folded = [fold(n) for n in names if len(n) > 1]
    found = []
    for article in articles:
        for paragraph in article.body.split("\n\n"):
            text = re.sub(r"\\(.)", r"\1", paragraph.strip())  # ingest's Markdown escapes
            whole = fold(text)
            if not any(name in whole for name in folded):
                continue  # no sentence of it can hold a name: splitting it was most of the desk page's time
            for start, end in sentences(text):
                if any(name in fold(text[start:end]) for name in folded):
                    found.append(f"{article.slug}: {text[start:end].strip()}")
                    break
            else:
                continue
            break
        if len(found) >= SENTENCES:
            break
    return found
