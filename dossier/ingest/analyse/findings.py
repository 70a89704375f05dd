"""What an analyser finds in a story: people, organisations, outlets, quotes, events, terms."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Mention:
    """One span of text the tagger marked as a person, split into name parts."""

    text: str
    start: int
    given: str = ""  # the first name as written, before folding
    first: str = ""
    middle: str = ""
    last: str = ""
    sure: bool = False  # the parts are nominative as written (the tagger said so)
    role: str = ""
    plural: bool = False
    acts: bool = False  # the subject of a verb of saying or doing beside the name ("Vell said")
    # (first, last) read as the other gender's name in another case, when the given name reads both
    # ways: "Евгению Тимакову" is Евгения Тимакова's accusative or Евгений Тимаков's dative.
    other: tuple[str, str] | None = None


@dataclass
class Person:
    """A person as named in one text: every mention folded into one nominative name."""

    first: str
    last: str
    middle: str = ""
    forms: list[str] = field(default_factory=list)  # surface texts of the mentions
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    start: int = 0
    also: list[Person] = field(default_factory=list)  # the other names the text says are this person's
    readings: list[tuple[str, str]] = field(default_factory=list)  # other (first, last) its case forms may be

    @property
    def name(self) -> str:
        # Without a surname, the patronymic is part of how the person is named ("Илья Васильевич").
        return " ".join(part for part in (self.first, self.last or self.middle) if part)

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else ""


@dataclass
class Organisation:
    name: str
    forms: list[str]
    start: int
    kind: str = "ORG"  # the tagger's type: ORG, or LOC (a state or place)


def organisations(spans: Iterable[Any], name: Callable[[Any], str]) -> list[Organisation]:
    """Return the organisations and places of a tagger's spans, one per name (case-folded), in order.

    name gives a span's name: its nominative where the language's lemmatiser knows it.
    """
    found: dict[str, Organisation] = {}
    for span in spans:
        if span.type in ("ORG", "LOC"):
            key = name(span)
            found.setdefault(key.lower(), Organisation(key, [], span.start, span.type)).forms.append(span.text)
    return list(found.values())


@dataclass
class Outlet:
    """An outlet the story cites, as a source slug: a profile's, else made from its name."""

    slug: str
    name: str  # as cited: "TF1", "Die Welt"
    profiled: bool  # a source profile names it


@dataclass
class Quote:
    """Someone's words the story quotes, with the person saying them and the outlet that had them."""

    text: str
    speaker: Person | None = None
    via: str = ""  # an outlet's slug, '' when the story's own agency heard it


@dataclass
class Event:
    """A dated sentence of the body and the people it names."""

    date: str  # as precise as written: "2025-12-17", "2025-12", "2025"
    text: str
    persons: list[Person] = field(default_factory=list)  # one per mention, in order


@dataclass
class Term:
    """A short quoted term ("коалиции желающих") a topic may be missing, and the name it would give one."""

    text: str
    name: str  # the term with its first word in the nominative: a topic file's name


@dataclass
class Findings:
    """What one analyser found in a story."""

    persons: list[Person]
    organisations: list[Organisation]
    outlets: list[Outlet] = field(default_factory=list)  # in order of first citation, the agency left out
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader should know about the reading
