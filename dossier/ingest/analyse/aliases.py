"""Fold the people a story says are one: "Азия Норин, известная как Азия Биби", "Асия Биби (Норин)".

A text that gives a second name for someone is the surest evidence there is that the two
names are one person's: a real name and the one the press uses, a maiden name, the same
name in another script. Only the text's own words join them, never a likeness of names.
"""

from __future__ import annotations

import re

from ..translit import is_cyrillic
from .findings import Mention, Person
from .names import bare_surname, same_given, same_surname
from .ru_people import same_stem

# Words between two names that say the second is the first's other name, in Russian and Ukrainian.
_KNOWN_AS = re.compile(
    r"\s*,?\s*(?:она же|он же|(?:также |тоже |более |больше |широко |шире |також |більш |більше |краще |широко )?"
    r"(?:известн|відом)\w*\s+(?:как|як|под именем|під ім['’ʼ]ям))\s*$", re.I)
# An opening bracket, perhaps with words saying the name inside is the real or the former one.
_PREFIX = (r"\s*\(\s*(?:(?:настоящее|полное|справжнє|повне)\s+(?:имя|ім['’ʼ]я)\s*:?\s*"
           r"|(?:урожд[её]нная|в девичестве|уроджена|у дівоцтві)\s+)?")
_BRACKET = re.compile(_PREFIX + "$", re.I)
# A lone word in brackets after a name, which the tagger may not mark: "Азия Биби (Норин)".
_BRACKETED_WORD = re.compile(_PREFIX + r"([A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]+)\s*\)")


def fold_aliases(text: str, persons: list[Person]) -> list[Person]:
    """Return persons with each one the text names as another's other name folded into that other."""
    folded = True
    while folded:
        folded = False
        for first, second in _pairs(persons):
            stated = _stated(text, first, second)
            if stated:
                persons = [p for p in persons if p is not second]
                _absorb(first, second, stated == "known as")
                folded = True
                break
    return persons


def _pairs(persons: list[Person]) -> list[tuple[Person, Person]]:
    return [(a, b) for a in persons for b in persons if a is not b]


def _stated(text: str, first: Person, second: Person) -> str:
    """Return how text says second is first's other name: "known as", "bracket", or "" when it does not."""
    for a in first.mentions:
        end = a.start + len(a.text)
        word = _BRACKETED_WORD.match(text, end)
        if word and second.last and not second.first and same_stem(word.group(1).lower(), bare_surname(second.last).lower()):
            return "bracket"
        for b in second.mentions:
            if b.start < end or b.start - end > 40:
                continue
            gap = text[end:b.start]
            if _KNOWN_AS.fullmatch(gap):
                return "known as"
            bracket = _BRACKET.fullmatch(gap)
            if bracket and re.match(r"\s*\)", text[b.start + len(b.text):]) \
                    and (bracket.group(0).strip() != "(" or _may_be_one(a, b)):
                return "bracket"
    return ""


def _may_be_one(a: Mention, b: Mention) -> bool:
    """Return whether a name in bracket after another may be its other name, not a second person's.

    A bare bracket says less than "known as": the name in it must be a lone surname (a real
    or maiden one: "Асия Биби (Норин)"), share a given name or surname with the first, or
    be the same name in another script ("Алессандро Монтедуро (Alessandro Monteduro)").
    """
    if not (b.first or b.middle):
        return True
    if is_cyrillic(a.text) != is_cyrillic(b.text):
        return True
    givens = [(x, y) for x in (a.first, a.given) for y in (b.first, b.given) if x and y]
    return any(x == y or same_given(x, y) for x, y in givens) or bool(a.last and b.last and same_surname(a.last, b.last))


def _absorb(person: Person, other: Person, known_as: bool) -> None:
    """Fold other's mentions into person; a full name leads a lone one, then the name named most
    often, on a tie the better known (the one after "known as").

    The name that does not lead is kept (person.also), so a profile under either is found.
    """
    ours, theirs = ((bool(p.first and p.last), len(p.mentions)) for p in (person, other))
    lead = theirs > ours or theirs == ours and known_as
    second = Person(person.first, person.last, person.middle) if lead else Person(other.first, other.last, other.middle)
    if lead:
        person.first, person.middle, person.last = other.first, other.middle, other.last
    person.also += [second, *other.also]
    person.mentions += other.mentions
    person.forms += other.forms
    person.roles += [r for r in other.roles if r not in person.roles]
    person.start = min(person.start, other.start)
