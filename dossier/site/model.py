"""The dossier's data model: typed records with no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROFILE_KINDS = ("person", "organisation", "state")
# A season-only date ('2025-spring') sorts with the month it starts in.
SEASONS = {"winter": "12", "spring": "03", "summer": "06", "autumn": "09"}


@dataclass(frozen=True)
class Image:
    src: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Quote:
    text: str
    actor: str = ""  # actor slug, '' when the speaker is not named
    via: str = ""  # source slug the quote was reported through


@dataclass(frozen=True)
class Event:
    """A dated happening mentioned inside an article's text."""

    date: str  # ISO 'YYYY-MM-DD', or 'YYYY-MM', 'YYYY-spring', 'YYYY' when only that is known
    text: str
    actors: tuple[str, ...] = ()

    @property
    def sort_key(self) -> str:
        return season_to_month(self.date)


def season_to_month(date: str) -> str:
    """Return a partial ISO date with a season replaced by its first month."""
    year, _, rest = date.partition("-")
    return f"{year}-{SEASONS[rest]}" if rest in SEASONS else date


@dataclass
class Article:
    path: Path  # the source file, relative to the site root
    slug: str
    title: str
    date: dt.datetime  # always timezone-aware
    subtitle: str = ""
    summary: str = ""
    source: str = ""
    via: tuple[str, ...] = ()
    place: str = ""
    lang: str = ""
    byline: str = ""  # the story's credits as written: "Reporting by ...; Editing by ..."
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    image: Image | None = None
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    url: str = ""
    story: str = ""  # slug of the first report of the same story, '' for a first report
    draft: bool = False
    needs_review: bool = False
    body_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def story_key(self) -> str:
        """The slug that names this article's story: the first report's."""
        return self.story or self.slug

    @property
    def outlets(self) -> tuple[str, ...]:
        """The agency and the outlets it cites, agency first, no repeats."""
        seen = dict.fromkeys(([self.source] if self.source else []) + list(self.via))
        return tuple(seen)


@dataclass
class Profile:
    """An actor, topic or source page's own data, from content/<section>/<slug>.md."""

    section: str  # 'actors', 'topics' or 'sources'
    slug: str
    name: str
    path: Path | None = None  # None when the slug is used but has no file
    names: dict[str, str] = field(default_factory=dict)  # language -> name
    aliases: tuple[str, ...] = ()
    kind: str = ""
    role: str = ""
    country: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    not_keywords: tuple[str, ...] = ()  # words that rule a topic out for ingest ("trade truce")
    url: str = ""
    stub: bool = False  # written by ingest and not yet edited: no bio, kept out of search
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds `fetch` reads (sources)
    body_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_file(self) -> bool:
        return self.path is not None

    def all_names(self) -> tuple[str, ...]:
        """Every name this profile is known by, canonical first, no repeats."""
        return tuple(dict.fromkeys([self.name, *self.names.values(), *self.aliases]))
