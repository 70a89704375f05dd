"""What an analyser finds in a story: its people and organisations, as typed records."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class Findings:
    """What one analyser found in a text."""

    persons: list[Person]
    organisations: list[Organisation]
