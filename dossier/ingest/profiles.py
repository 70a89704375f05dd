"""Read the profiles ingest matches against, and match names to them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..site.corrections import Corrections, read_corrections
from ..site.read import split_front_matter
from ..util.errors import DossierError
from ..util.slugs import slugify
from ..util.yamlio import load_yaml
from . import translit
from .analyse import names
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
class Held:
    """A person ingest met once with weak evidence: recorded, given no profile yet."""

    name: str
    lang: str
    article: str  # the article that named them, relative to the site's root
    forms: list[str] = field(default_factory=list)


@dataclass
class KnownProfiles:
    """The profiles of a site: actors, topics and sources by slug; the people held back."""

    actors: dict[str, Known] = field(default_factory=dict)
    topics: dict[str, Known] = field(default_factory=dict)
    sources: dict[str, Known] = field(default_factory=dict)
    language: str = "en"  # the dossier's language (site.yml), for what ingest writes in it
    corrections: Corrections = field(default_factory=Corrections)  # the editor's, from the desk
    held: list[Held] = field(default_factory=list)
    held_readable: bool = True  # False: content/held.yml could not be read, so it is not rewritten

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


@dataclass(frozen=True)
class Match:
    """Which profile a person of a story is: one, none, or none because several fit equally."""

    profile: Known | None = None
    several: tuple[str, ...] = ()  # the slugs a lone surname fits, none of them linked


def match_person(person: Person, known: dict[str, Known]) -> Match:
    """Return the actor profile a person is, under their name or another the story gives them."""
    match = _match(person, known)
    if match.profile is None and not match.several:
        # "Азия Норин, более известная как Азия Биби": the profile may be under the other name.
        match = next((m for m in (_match(other, known) for other in person.also) if m.profile), match)
    if match.profile is None and not match.several and person.readings:
        # "Евгению Тимакову" is Евгения Тимакова's accusative or Евгений Тимаков's dative: the
        # one profile the other reading names, when only that reading names one.
        found = {m.profile.slug: m.profile for m in (_match(Person(*reading), known) for reading in person.readings)
                 if m.profile}
        return Match(*found.values()) if len(found) == 1 else match
    return match


def _match(person: Person, known: dict[str, Known]) -> Match:
    """Return the actor profile a person's name is when nothing contradicts it.

    A profile fits when one of its surnames is the person's in some script or gender and
    its given names agree with the person's (a variant, an initial, another script), or it
    has none. A person named by surname alone is the one profile with that surname; when
    several have it, none; so too a given name two profiles' names fit.
    """
    full = fold(person.name)
    # An editor said this name is an organisation or a state: it still leads to that profile.
    declared = [p for p in known.values() if p.kind and p.kind != "person" and full in {fold(n) for n in p.names}]
    if len(declared) == 1:
        return Match(declared[0])
    last = person.last.split()[-1] if person.last else ""
    people = [p for p in known.values() if not (p.kind and p.kind != "person")]
    if not last:
        # A given name or a patronymic alone: only a profile of that very name, not one
        # that has it as the given name of a full name ("Борис" is not Борис Джонсон).
        target = fold(person.name)
        same = [p for p in people if any(fold(n) == target or " " not in n and names.same_spelling(n, person.name)
                                         for n in p.names)
                and not (_name_parts(p.names)[0] and target in {fold(g) for g in _name_parts(p.names)[1]})]
        return Match(same[0]) if len(same) == 1 else Match(several=tuple(p.slug for p in same))
    keys = names.surname_keys(last)
    # "Хадим Хусейн Ризви" is the profile "Хусейн Ризви": any given name of the person's may agree.
    own = [person.first, *(w for w in person.middle.split() if not names.is_initial(w))] if person.first else []
    fitting, surname_only = [], []
    for profile in people:
        surnames, givens = _name_parts(profile.names)
        if not keys & surnames or not _same_latin_surname(last, profile.names):
            continue
        if not givens or not own:
            surname_only.append(profile)
        elif any(names.same_given(mine, given) for mine in own for given in givens):
            fitting.append(profile)
    exact = [p for p in fitting if full in {fold(n) for n in p.names}]
    if len(exact) == 1 or len(fitting) == 1:
        return Match((exact or fitting)[0])
    if fitting:
        return Match(several=tuple(p.slug for p in fitting))  # "Bill" may be William or Robert
    if len(surname_only) == 1:
        return Match(surname_only[0])
    return Match(several=tuple(p.slug for p in surname_only) if not person.first else ())


def _same_latin_surname(last: str, profile_names: tuple[str, ...]) -> bool:
    """Return whether a Latin surname is spelt as the profile's Latin surnames are, doubled letters counted.

    Keys fold a doubled letter, as Cyrillic often drops it (Hussein: Хусейн); two Latin
    spellings that differ by one (Weber, Webber) are two names. True when either side has no Latin surname.
    """
    if translit.is_cyrillic(last):
        return True
    theirs = _latin_surnames(profile_names)
    return not theirs or translit.latin_key(last) in theirs


@functools.lru_cache(maxsize=65536)
def _latin_surnames(profile_names: tuple[str, ...]) -> frozenset[str]:
    """Return the keys, doubled letters kept, of a profile's surnames written in Latin letters."""
    lasts = [words[-1] for words in map(str.split, profile_names) if words]
    return frozenset(translit.latin_key(last) for last in lasts if not translit.is_cyrillic(last))


@functools.lru_cache(maxsize=65536)
def _name_parts(profile_names: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the keys of a profile's surnames and its given names (the words before a full name's last)."""
    surnames: set[str] = set()
    givens = []
    for name in profile_names:
        words = name.split()
        if not words:
            continue
        surnames |= names.surname_keys(words[-1])
        # "Хадим Хусейн Ризви" is also "Хусейн Ризви"; "фон дер Ляйен" gives no given name.
        givens += [w for w in words[:-1] if not w.islower()]
    return frozenset(surnames), tuple(dict.fromkeys(givens))


def match_name(name: str, known: dict[str, Known]) -> Known | None:
    """Return the profile called name (or one of its aliases), case-folded."""
    target = fold(name)
    slug = slugify(name)
    for profile in known.values():
        if profile.slug == slug or target in {fold(n) for n in profile.names}:
            return profile
    return None
