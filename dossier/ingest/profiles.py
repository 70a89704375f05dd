"""Read the profiles ingest matches against, and match names to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..site.corrections import Corrections, read_corrections
from ..site.read import split_front_matter
from ..util.errors import DossierError
from ..util.slugs import slugify
from ..util.yamlio import load_yaml
from . import translit
from .analyse.findings import Person

SECTIONS = ("actors", "topics", "sources")


@dataclass
class Known:
    """One existing profile, as much of it as ingest needs."""

    section: str
    slug: str
    name: str
    names: tuple[str, ...]  # canonical, per-language names and aliases
    kind: str = ""
    keywords: tuple[str, ...] = ()
    path: Path | None = None  # None for a stub made in this run and not yet written
    not_keywords: tuple[str, ...] = ()  # a topic's words that rule it out
    stub: bool = False  # written by ingest, not yet edited


@dataclass
class KnownProfiles:
    """The profiles of a site: actors, topics and sources by slug."""

    actors: dict[str, Known] = field(default_factory=dict)
    topics: dict[str, Known] = field(default_factory=dict)
    sources: dict[str, Known] = field(default_factory=dict)
    language: str = "en"  # the dossier's language (site.yml), for what ingest writes in it
    corrections: Corrections = field(default_factory=Corrections)  # the editor's, from the desk

    def section(self, name: str) -> dict[str, Known]:
        return {"actors": self.actors, "topics": self.topics, "sources": self.sources}[name]

    def rejected(self, person: Person) -> bool:
        """Tell whether the editor said a person's name is no actor."""
        rejected = {fold(name) for name in self.corrections.rejected}
        return bool(rejected & {fold(person.name), *(fold(form) for form in person.forms)})

    def merged_into(self, name: str) -> Known | None:
        """Return the profile a name's would-be stub was merged into by the editor, if any."""
        slug = slugify(name)
        target = self.corrections.resolve(slug)
        return self.actors.get(target) if target != slug else None


def load_profiles(root: Path) -> tuple[KnownProfiles, list[str]]:
    """Return the profiles under root/content, and a warning for each unreadable one."""
    known = KnownProfiles(language=_site_language(root))
    warnings = []
    try:
        known.corrections = read_corrections(root)
    except DossierError as exc:
        warnings.append(f"{exc}; the editor's corrections are ignored until it is fixed")
    for section in SECTIONS:
        for path in sorted((root / "content" / section).glob("*.md")):
            try:
                meta, _, _ = split_front_matter(path.read_bytes(), path.relative_to(root))
            except DossierError as exc:
                warnings.append(f"{exc}; profile ignored for matching")
                continue
            known.section(section)[path.stem] = profile_from_meta(section, path.stem, meta, path)
    return known, warnings


def _site_language(root: Path) -> str:
    """Return site.yml's language, or 'en' when it cannot be read (build reports that)."""
    try:
        meta = load_yaml((root / "site.yml").read_text(encoding="utf-8"), Path("site.yml"))
    except Exception:  # a missing or broken site.yml is the build's error to report
        return "en"
    return str(meta.get("language") or "en") if isinstance(meta, dict) else "en"


def profile_from_meta(section: str, slug: str, meta: dict[str, Any], path: Path | None) -> Known:
    """Return the matching data of a profile's front matter, ignoring malformed fields."""
    name = str(meta.get("name") or slug)
    names = [name]
    if isinstance(meta.get("names"), dict):
        names += [str(v) for v in meta["names"].values() if v]
    if isinstance(meta.get("aliases"), list):
        names += [str(v) for v in meta["aliases"] if v]
    keywords, ruled_out = ([str(k) for k in meta[key] if k] if isinstance(meta.get(key), list) else []
                           for key in ("keywords", "not_keywords"))
    return Known(section, slug, name, tuple(dict.fromkeys(names)), str(meta.get("kind") or ""),
                 tuple(keywords), path, tuple(ruled_out), meta.get("stub") is True)


def fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def match_person(person: Person, known: dict[str, Known]) -> Known | None:
    """Return the actor profile a person is, by name, alias or surname with a fitting first name."""
    forms = {fold(person.name), *(fold(f) for f in person.forms)}
    slug = slugify(person.name)
    for profile in known.values():
        if profile.slug == slug or forms & {fold(n) for n in profile.names}:
            return profile
    last = translit.surname_key(person.last) if person.last else ""
    if not last:
        return None
    def same_name(words: list[str]) -> bool:
        return translit.surname_key(words[-1]) == last and (
            len(words) == 1 or _same_first(words[0], person.first))

    candidates = _persons_named(known, same_name) or _persons_named(known, _sounds_like(person))
    return candidates[0] if len(candidates) == 1 else None


def _persons_named(known: dict[str, Known], fits: Callable[[list[str]], bool]) -> list[Known]:
    """Return the person profiles one of whose names, split into words, fits."""
    return [profile for profile in known.values() if not (profile.kind and profile.kind != "person")
            and any(words and fits(words) for words in (name.split() for name in profile.names))]


def _sounds_like(person: Person) -> Callable[[list[str]], bool]:
    """Return a test of whether a name sounds like the person's in any romanisation.

    "Zelenskiy", "Zelensky" and "Зеленский" share a key; "Volodymyr" and "Владимир" are
    a first name's Ukrainian and Russian forms, two letters apart once romanised.
    """
    lasts = translit.word_keys(person.last.split()[-1])
    firsts = translit.word_keys(person.first) if person.first else set()

    def fits(words: list[str]) -> bool:
        if not any(translit.close(a, b) for a in lasts for b in translit.word_keys(words[-1])):
            return False
        return len(words) == 1 or not firsts or any(
            translit.close(a, b, loose=True) for a in firsts for b in translit.word_keys(words[0]))
    return fits


def _same_first(a: str, b: str) -> bool:
    if not b:
        return True
    from . import nlp
    return fold(a) == fold(b) or nlp.stem(a) == nlp.stem(b) or (len(b) == 1 and fold(a).startswith(fold(b))) \
        or (len(a) == 1 and fold(b).startswith(fold(a)))  # "Н Кан" is Наото Кан, either met first


def match_name(name: str, known: dict[str, Known]) -> Known | None:
    """Return the profile called name (or one of its aliases), case-folded."""
    target = fold(name)
    slug = slugify(name)
    for profile in known.values():
        if profile.slug == slug or target in {fold(n) for n in profile.names}:
            return profile
    return None
