"""Read the words of a Russian name: which part of the name each is, and its nominative."""

from __future__ import annotations

import re
from typing import Any

from .. import nlp

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.?$")
CYRILLIC = re.compile(r"[а-яё]", re.I)
_PARTICLES = frozenset({"ле", "ла", "де", "дель", "ди", "да", "фон", "ван", "дер", "бин", "ибн", "аль", "эль"})


def indeclinable(word: str) -> bool:
    """Return whether a surname looks the same in every case (Мелони, Карни)."""
    morph = nlp.models().morph
    parses = morph.parse(word)
    if any("Fixd" in p.tag for p in parses[:1]):
        return True
    declines = any({"Surn", "Name"} & p.tag.grammemes and "Fixd" not in p.tag for p in parses)
    if declines and morph.word_is_known(word):
        return False  # a dictionary surname ending in a vowel is an oblique case ("Санникову")
    return word[-1:].lower() in "иоуеэю"


def assign_parts(words: list[str]) -> dict[str, str]:
    """Decide which words are the first name, patronymic and surname."""
    kinds = [part_of(w) for w in words]
    if len(words) == 1:
        return {"first": words[0]} if kinds[0] == "first" else {"last": words[0]}
    if len(words) == 2 and kinds[1] == "middle":
        return {"first": words[0], "middle": words[1]}
    if len(words) == 2:
        if kinds[0] == "last" and kinds[1] == "first" and not INITIAL.match(words[0]):
            return {"first": words[1], "last": words[0]}
        return {"first": words[0], "last": words[1]}
    if kinds[1] == "middle":
        return {"first": words[0], "middle": words[1], "last": " ".join(words[2:])}
    if len(words) == 3 and kinds[2] == "middle":
        return {"first": words[1], "middle": words[2], "last": words[0]}
    # "Реджеп Тайип Эрдоган", "Жан-Мари Ле Пен": given names first, then the surname
    # with any particle before it.
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return {"first": words[0], "middle": " ".join(words[1:cut]), "last": " ".join(words[cut:])}


def part_of(word: str) -> str:
    """Guess whether a lone word is a first name, a patronymic or a surname."""
    if INITIAL.match(word):
        return "first"
    tags = [p.tag for p in nlp.models().morph.parse(word)]
    # pymorphy guesses any unknown "-евич" to be a patronymic; a surname (Статкевич) is likelier.
    if any("Patr" in t for t in tags) and nlp.models().morph.word_is_known(word):
        return "middle"
    if any("Surn" in t for t in tags):
        return "last"
    if any("Name" in t for t in tags) and nlp.models().morph.word_is_known(word):
        return "first"
    return "last"


def gender_of(first: str, case: str, tagged: str) -> str:
    """Return 'masc' or 'femn' for the person, from the first name where it says."""
    if first and case == "Nom":
        for p in nlp.models().morph.parse(first):
            if "Name" in p.tag and "nomn" in p.tag and p.tag.gender in ("masc", "femn"):
                return p.tag.gender
        if first.lower().endswith(("а", "я")):
            return "femn"
    return {"Fem": "femn", "Masc": "masc"}.get(tagged, "")


def nominative(word: str, part: str, case: str, gender: str = "", certain: bool = False) -> str:
    """Return the nominative of one name word, given its case and the person's gender."""
    if INITIAL.match(word):
        return word.rstrip(".")
    if not CYRILLIC.search(word):
        return word
    morph = nlp.models().morph
    known = morph.word_is_known(word)
    wanted = {"first": "Name", "middle": "Patr", "last": "Surn"}[part]
    parses = morph.parse(word)
    if case == "Nom" and certain:
        return word
    if case == "Nom":
        # Trust the tagger unless the dictionary knows this name and never as a nominative
        # ("Наине" tagged Nom).
        named = [p for p in parses if wanted in p.tag]
        singular = [p for p in named if "sing" in p.tag]
        if not (known and singular and not any("nomn" in p.tag for p in named)):
            return word
        case = ""
    if not known and part == "last":
        adjectival = _adjectival_surname(parses, gender)
        if adjectival:
            return _recase(adjectival, word)
    if not known and part in ("first", "last") and gender == "masc":
        return _recase(_strip_masculine_ending(word.lower(), case), word)
    if part == "first" and gender == "masc" and word.lower().endswith("и"):
        # "Аркади" is how Georgian writes Аркадий; pymorphy would read a woman's "Аркадя".
        full = morph.parse(word + "й")
        if any("Name" in p.tag and "masc" in p.tag and "nomn" in p.tag for p in full):
            return _recase(word.lower() + "й", word)
    grammeme = _CASES.get(case)
    ranked = [p for p in parses if wanted in p.tag and (grammeme is None or grammeme in p.tag)
              and not (gender and part == "first" and p.tag.gender in ("masc", "femn") and p.tag.gender != gender)]
    ranked = ranked or [p for p in parses if wanted in p.tag]
    if grammeme is not None:
        ranked = ranked or [p for p in parses if p.tag.POS in ("NOUN", "ADJF") and grammeme in p.tag]
    ranked.sort(key=lambda p: "Fixd" in p.tag)  # pymorphy lists "Марку" as an indeclinable name
    if not ranked or "Fixd" in ranked[0].tag:
        return word
    parse = ranked[0]
    lemma = parse.normal_form
    if part == "last" and gender and ("Surn" in parse.tag or parse.tag.POS == "ADJF"):
        inflected = parse.inflect({"nomn", "sing", gender})
        if inflected is not None:
            lemma = inflected.word
    if not known:
        lemma = _drop_fleeting_vowel(word.lower(), lemma)
        if len(lemma) > len(word):
            return word  # a guess that adds letters ("Беназир" -> "Беназира") is a guess too far
    return _recase(lemma, word)


def _adjectival_surname(parses: list[Any], gender: str) -> str:
    """Return the nominative of a surname declined as an adjective (Рымашевского), or ""."""
    for parse in parses:
        if parse.tag.POS == "ADJF" and parse.normal_form.endswith(("ский", "цкий", "ской", "цкой")):
            if gender == "femn":
                feminine = parse.inflect({"nomn", "sing", "femn"})
                return feminine.word if feminine else ""
            return parse.normal_form
    return ""


def _strip_masculine_ending(form: str, case: str) -> str:
    """Return the nominative of a foreign masculine name the dictionary does not know."""
    endings = {"Gen": ("а", "я"), "Acc": ("а", "я"), "Dat": ("у", "ю"), "Ins": ("ым", "ом", "ем"), "Loc": ("е",)}
    for ending in endings.get(case, ()):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)]
            return stem + "й" if ending in ("я", "ю", "ем") and stem[-1] in "аеоу" else stem
    return form


def _drop_fleeting_vowel(form: str, lemma: str) -> str:
    """Undo a vowel the lemmatiser guessed into a foreign name (Мерца -> мерец -> мерц)."""
    if len(lemma) >= 3 and lemma[-2] in "еоё" and not form.startswith(lemma[:-1]):
        shorter = lemma[:-2] + lemma[-1]
        if form.startswith(shorter):
            return shorter
    return lemma


def _recase(lemma: str, like: str) -> str:
    """Capitalise lemma the way names are written (each hyphenated part)."""
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))

