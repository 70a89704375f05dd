"""Fold the mentions of one Russian text into persons: full names, bare surnames, first names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .. import nlp
from ..translit import edits, surname_key
from .findings import Mention, Person

# Case endings of nouns: a word that is a known surname plus one of these is that surname.
_CASE_ENDINGS = ("а", "я", "у", "ю", "е", "ом", "ем", "ым", "ой")


def _first_key(first: str) -> str:
    return first.lower().replace("ё", "е")


def _compatible(a: str, b: str) -> bool:
    """Return whether two first names may be the same person's (equal, or one is the initial)."""
    if not a or not b:
        return True
    a, b = _first_key(a), _first_key(b)
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def merge(mentions: list[Mention]) -> list[Person]:
    """Fold mentions into persons: full names first, then bare surnames, then bare first names."""
    persons: list[Person] = []
    keyed: dict[str, list[Person]] = {}

    def attach(person: Person, mention: Mention) -> None:
        person.mentions.append(mention)
        person.forms.append(mention.text)
        if mention.role:
            person.roles.append(mention.role)

    def new(mention: Mention) -> Person:
        person = Person(mention.first, mention.last, mention.middle, start=mention.start)
        attach(person, mention)
        persons.append(person)
        if mention.last:
            keyed.setdefault(surname_key(mention.last), []).append(person)
            if bare_surname(mention.last) != mention.last:
                keyed.setdefault(surname_key(bare_surname(mention.last)), []).append(person)
        return person

    full = [m for m in mentions if m.first and m.last]
    bare_last = [m for m in mentions if m.last and not m.first]
    bare_first = [m for m in mentions if m.first and not m.last]
    for mention in full:
        same = [p for p in _by_surname(keyed, mention.last)
                if any(_same_given(m, mention) for m in p.mentions if m.first)]
        same = same or [p for p in persons if p.last and _misspelt(p.last, mention.last)
                        and _first_key(p.first) == _first_key(mention.first)]
        if same:
            attach(same[0], mention)
        else:
            new(mention)
    for mention in bare_last:
        same = _by_surname(keyed, mention.last)
        if not same and not nlp.models().morph.word_is_known(mention.last):
            # A word no dictionary knows, a letter off a surname in the text ("Бонер"
            # beside "Джон Бенер"), is that surname misspelt.
            same = [p for p in persons if p.last and _misspelt(p.last, mention.last, shortest=5)]
        if same:
            attach(max(same, key=lambda p: len(p.mentions)), mention)
        else:
            new(mention)
    for mention in bare_first:
        same = [p for p in persons if p.first and _first_key(p.first) == _first_key(mention.first)]
        # "По словам Данна" after "Питер Данн", "Уильямс добавил" after "Джеффри Уильямс":
        # a lone word that is a surname in the text, or its case, is that person, though
        # the dictionary also knows it as a first name.
        surnamed = [] if same else _by_surname(keyed, mention.text, loose=False)
        if surnamed:
            attach(max(surnamed, key=lambda p: len(p.mentions)), mention)
        elif len(same) == 1:
            attach(same[0], mention)
        elif not same:
            new(mention)
    for person in persons:
        _settle_name(person)
    persons.sort(key=lambda p: min(m.start for m in p.mentions))
    for person in persons:
        person.start = min(m.start for m in person.mentions)
    return persons


def _by_surname(keyed: dict[str, list[Person]], last: str, loose: bool = True) -> list[Person]:
    """Return the persons whose surname last is, as written or in an oblique case.

    loose also accepts a surname with the same Snowball stem.
    """
    key = surname_key(last)
    found = list(keyed.get(key, []))
    if not found:
        # The tagger may take an oblique case for a nominative ("Данна" for Данн).
        found = [p for ending in _CASE_ENDINGS if key.endswith(ending)
                 for p in keyed.get(key[: -len(ending)], [])]
    if not found and loose:
        # The lemmatiser may read two forms of one foreign surname differently
        # (Мерца -> "Мерец", Мерцем -> "Мерц"): fall back to the Snowball stem.
        stem = nlp.stem(key)
        for other, people in keyed.items():
            if nlp.stem(other) == stem and len(stem) >= 3:
                found.extend(people)
    return found


def _same_given(a: Mention, b: Mention) -> bool:
    """Return whether two mentions with one surname give the same first name.

    Equal (or one an initial), written alike, or, where the tagger was unsure of a case,
    one letter apart at the end: "Веселина Топалова" is Веселин's genitive, not Веселина.
    """
    if _compatible(a.first, b.first) or (a.given and a.given == b.given):
        return True
    short, long = sorted((_first_key(a.first), _first_key(b.first)), key=len)
    if not (len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 1):
        return False
    if not (a.sure and b.sure):
        return True
    # The tagger read both as nominatives; trust it unless the dictionary's likeliest
    # reading of the longer is the shorter's oblique case (Веселина, Александра).
    return nlp.models().morph.parse(long)[0].normal_form == short


def _misspelt(a: str, b: str, shortest: int = 7) -> bool:
    """Return whether two surnames are one misspelt: one letter off, two if ten letters long.

    Both must have shortest letters or more; a short surname a letter off is as likely
    another person's.
    """
    a, b = surname_key(a), surname_key(b)
    shorter = min(len(a), len(b))
    if a == b or shorter < shortest:
        return False
    return edits(a, b) <= (2 if shorter >= 10 else 1)


def _settle_name(person: Person) -> None:
    """Pick the person's name from the mentions, trusting forms written in the nominative."""
    for part in ("first", "middle", "last"):
        values = [(m.sure, getattr(m, part)) for m in person.mentions if getattr(m, part)]
        if not values:
            continue
        sure = [v for s, v in values if s and len(v) > 1] or [v for s, v in values if len(v) > 1]
        chosen = Counter(sure or [v for _, v in values]).most_common(1)[0][0]
        setattr(person, part, chosen)
    if person.first and person.last and _first_key(person.first) == _first_key(person.last):
        person.first = ""  # "Джонсон Джонсон": a surname the tagger also read as a given name



def find_surnames(text: str, persons: list[Person], declines: Callable[[Person], bool]) -> None:
    """Add the mentions the tagger missed of a surname the text gives in full, and tell which are nominative.

    "— сказал Дымов", "Пробник підтримала Вигаданенка": the tagger finds "Кирилл Дымов"
    and not the lone surname after a verb. Where the person's surname declines (declines
    tells), a lone form written as its nominative is one, so it may be a verb's subject (a
    quote's speaker).
    """
    taken = {(m.start, m.start + len(m.text)) for p in persons for m in p.mentions}
    for person in persons:
        if not (person.first and person.last) or len(person.last) < 4:
            continue
        surname = bare_surname(person.last)
        nominative = declines(person)
        for mention in person.mentions:
            if not mention.first and mention.text == surname:
                mention.sure = mention.sure or nominative
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname[:-1])}\w{{0,4}}(?![\w-])", text):
            if same_stem(match.group(0).lower(), surname.lower()) and not any(
                    s <= match.start() < e for s, e in taken):
                sure = nominative and match.group(0) == surname
                person.mentions.append(Mention(match.group(0), match.start(), last=person.last, sure=sure))
                person.forms.append(match.group(0))
                taken.add((match.start(), match.end()))


# Particles joined to a surname by a hyphen, which a story may drop ("Саиф уль-Малук", "Малук").
_JOINED_PARTICLES = ("аль-", "эль-", "уль-", "ур-", "ад-", "ас-", "бин-", "ель-", "ал-")


def bare_surname(last: str) -> str:
    """Return the last word of a surname without a particle joined to it ("уль-Малук": "Малук")."""
    word = last.split(" ")[-1]
    for particle in _JOINED_PARTICLES:
        if word.lower().startswith(particle) and len(word) > len(particle) + 2:
            return word[len(particle):]
    return word


def same_stem(word: str, surname: str) -> bool:
    """Return whether word is surname, or surname in another case ("Гантом" of Гант)."""
    stem = surname[:-1] if len(surname) > 3 and surname[-1] in "аяоеиіуює" else surname
    return word.startswith(stem) and len(word) - len(stem) <= 3
