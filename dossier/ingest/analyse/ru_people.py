"""Fold the mentions of one Russian text into persons: full names, bare surnames, first names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .. import nlp
from ..translit import edits, surname_key
from .findings import Mention, Person
from .names import bare_surname, is_initial, same_given

# Case endings of nouns: a word that is a known surname plus one of these is that surname.
_CASE_ENDINGS = ("а", "я", "у", "ю", "е", "ом", "ем", "ым", "ой")
# The endings that take the place of a final -а or -я in the other cases.
_A_ENDINGS = frozenset({"ы", "и", "е", "у", "ю", "ой", "ей", "ою", "ею"})


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
        same = _by_surname(keyed, mention.last) or _glued_name(persons, mention.last)
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
        # "Супруг Асии", "Асию с родными" beside "Асия Биби": a case of the one given name in the story.
        same = same or [p for p in persons if p.first and p.last and case_of(mention.given or mention.first, p.first)]
        # "По словам Данна" after "Питер Данн", "Уильямс добавил" after "Джеффри Уильямс":
        # a lone word that is a surname in the text, or its case, is that person, though
        # the dictionary also knows it as a first name.
        surnamed = [] if same else _by_surname(keyed, mention.text, loose=False)
        if surnamed:
            # The word is the surname here, not a given name the person's name might take.
            mention.first, mention.last = "", mention.text
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
    if not found:
        # A surname in -а or -я declines as such a noun does ("Раджи", "Радже" of Раджа).
        found = [p for other, people in keyed.items() if other[-1:] in "ая" and len(other) > 3
                 and key[:len(other) - 1] == other[:-1] and key[len(other) - 1:] in _A_ENDINGS for p in people]
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
    if not (a.sure and b.sure) and case_of(a.first, b.first) or same_given(a.first, b.first):
        # "Асие Биби" (a dative misspelt) or "Азия Биби" beside "Асия Биби": one name in
        # another case or another transliteration.
        return True
    short, long = sorted((_first_key(a.first), _first_key(b.first)), key=len)
    if not (len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 1):
        return False
    if not (a.sure and b.sure):
        return True
    # The tagger read both as nominatives; trust it unless the dictionary's likeliest
    # reading of the longer is the shorter's oblique case (Веселина, Александра).
    return nlp.models().morph.parse(long)[0].normal_form == short


# What a given name's case endings may add to its stem: "Асия", "Асии", "Асию", "Асией", "Асие".
_GIVEN_ENDING = re.compile(r"(?:[иі]?[яюиеєії]|[аоуыеиі]|[оеє]ю|[ое]й|[оеє]м|ов[іи]|ев[іи])$")


def _given_stem(first: str) -> str:
    """Return a given name without its case ending, or "" when too little would be left to tell names apart."""
    stem = _GIVEN_ENDING.sub("", _first_key(first))
    return stem if len(stem) >= 2 and not stem[-1] in "аеиоуыэюяіїє" else ""


def case_of(word: str, first: str) -> bool:
    """Return whether word is the given name first in some case, perhaps transliterated otherwise ("Азию": Асия)."""
    stem, own = _given_stem(word), _given_stem(first)
    if not stem or not own:
        return False
    return stem == own or same_given((stem + _first_key(first)[len(own):]).capitalize(), first)


def _glued_name(persons: list[Person], word: str) -> list[Person]:
    """Return the one person a hyphen-glued given name and surname is ("Азию-Биби" beside "Асия Биби")."""
    head, _, tail = word.partition("-")
    if not tail or "-" in tail or not _given_stem(head):
        return []
    found = [p for p in persons if p.first and p.last and case_of(head, p.first)
             and same_stem(tail.lower(), bare_surname(p.last).lower())]
    return found if len(found) == 1 else []


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
        sure = [v for s, v in values if s and not is_initial(v)] or [v for s, v in values if not is_initial(v)]
        chosen = Counter(sure or [v for _, v in values]).most_common(1)[0][0]
        setattr(person, part, chosen)
    if person.first and person.last and _first_key(person.first) == _first_key(person.last):
        person.first = ""  # "Джонсон Джонсон": a surname the tagger also read as a given name
    # A name no mention gives in the nominative may be another's in another case ("Евгению Тимакову").
    if not any(m.sure for m in person.mentions):
        person.readings = list(dict.fromkeys(m.other for m in person.mentions if m.other))



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


def same_stem(word: str, surname: str) -> bool:
    """Return whether word is surname, or surname in another case ("Гантом" of Гант)."""
    stem = surname[:-1] if len(surname) > 3 and surname[-1] in "аяоеиіуює" else surname
    return word.startswith(stem) and len(word) - len(stem) <= 3
