"""Tell whether two written names may be one person's: scripts, declension, variants, initials.

Spelling tolerance comes only from transliteration and the lists below, never from edit
distance: Starmer and Starner, Johnson and Johnston are different names.

- Transliteration: every romanisation of Cyrillic translit knows, folded to one key
  ("Зеленский", "Zelenskiy", "Zelensky" and "Zelenskyy" share one).
- Ukrainian names in their Russian form from names_translator's dictionaries (MIT,
  github.com/dchaplinsky/names-translator): Володимир is Владимир, Микола Николай.
- Given names and their diminutives from the nicknames package (Apache-2.0,
  github.com/carltonnorthern/nicknames): William is Bill, Rudolph Rudy, and, read back from
  their transcription (transcribed.py), Мэтт is Мэттью. It lists English names only; no
  package on PyPI lists Russian diminutives (Александр/Саша), so those are not matched.
- Initials: "Дж." may be Joe, "Б." Boris, in any script.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..translit import is_cyrillic, romanisations, surname_key, vowel_key, word_keys
from .lexicon import given_names, surnames
from .transcribed import diminutive, nicknames

# How long an initial may be written: "Б", "Дж", "Ch" (with or without the dot).
_INITIAL = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐ][a-zа-яё]?)\.?$")


def is_initial(word: str) -> bool:
    """Return whether a given name is written as an initial ("Б.", "Дж.", "J")."""
    return bool(_INITIAL.match(word)) and (word.endswith(".") or len(word) == 1 or word == "Дж")


@functools.cache
def _translator() -> Any:
    from names_translator.dicts import default_dicts

    return default_dicts()


def is_given_name(word: str) -> bool:
    """Return whether a Cyrillic word, as written, is a given name the Ukrainian dictionary lists."""
    return is_cyrillic(word) and bool(_translator().lookup(word, "first"))


def _russian(word: str, category: str) -> list[str]:
    """Return a Ukrainian name's Russian forms (Володимир -> Владимир), [] for a Latin one."""
    return [t for t in _translator().lookup(word, category) if t] if is_cyrillic(word) else []


# Ukraine's national romanisation read backwards, longest spellings first: "Volodymyr" is
# Володимир, whose Russian form the dictionary knows.
_FROM_LATIN = (("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
               ("ya", "я"), ("ye", "є"), ("yi", "ї"), ("iu", "ю"), ("ia", "я"), ("ie", "є"), ("a", "а"), ("b", "б"),
               ("v", "в"), ("h", "г"), ("g", "ґ"), ("d", "д"), ("e", "е"), ("z", "з"), ("y", "и"), ("i", "і"),
               ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
               ("t", "т"), ("u", "у"), ("f", "ф"))


def _cyrillic_forms(name: str) -> list[str]:
    """Return a Latin given name's Russian forms when it reads as a romanised Ukrainian one."""
    if is_cyrillic(name) or not name.isalpha():
        return []
    word = name.lower()
    for latin, cyrillic in _FROM_LATIN:
        word = word.replace(latin, cyrillic)
    return _russian(word.capitalize(), "first") if is_cyrillic(word) and word.isalpha() else []


@functools.lru_cache(maxsize=16384)
def _own_keys(name: str) -> frozenset[str]:
    """Return the keys of a given name as written: its romanisations and its Russian form's."""
    forms = {name, *_russian(name, "first"), *_cyrillic_forms(name)}
    forms |= {_devoiced(form) for form in forms if is_cyrillic(form)}
    # "Alexander", "Peter" and "Александр", "Пётр" say one name.
    return frozenset(re.sub(r"(?<=[^aeiou])er$", "r", k) for form in forms for k in word_keys(form))


# A voiced consonant ending a word is said voiceless, and names heard are written so:
# Ашиг and Ашик, Ахмед and Ахмет, Давид and Давит.
_DEVOICED = str.maketrans("бвгджз", "пфктшс")


def _devoiced(name: str) -> str:
    return name[:-1] + name[-1:].translate(_DEVOICED)


@functools.lru_cache(maxsize=16384)
def _variant_keys(name: str) -> frozenset[str]:
    """Return the keys of a given name and of its listed variants (William: Bill, Will, Willy ...)."""
    nick = nicknames()
    keys = set(_own_keys(name))
    for form in {name, *_russian(name, "first")}:
        for latin in romanisations(form):
            variants = nick.nicknames_of(latin.lower()) | nick.canonicals_of(latin.lower())
            keys |= {k for v in variants for k in _own_keys(v.capitalize())}
    return frozenset(keys)


# Arabic articles joined to a surname by a hyphen, which a story may drop or glue to the given
# name before it: "Саиф уль-Малук", "Малук", "Саифул Малук" (Saif-ul-Malook, Saiful Malook).
_JOINED_PARTICLES = ("аль-", "эль-", "уль-", "ул-", "ур-", "ад-", "ас-", "бин-", "ель-", "ал-", "al-", "el-", "ul-",
                     "ur-", "ud-")
# A name written as one word, the article inside it: "Саиф-ул-Мулук", "Fazal-ur-Rehman".
_ARTICLE_INSIDE = re.compile(r"^([^\W\d_]{2,})-((?:уль|ул|ур|уд|аль|ал|эль|ель|ul|ur|ud|al|el)-[^\W\d_]{2,})$",
                             re.I)


def bare_surname(last: str) -> str:
    """Return the last word of a surname without an article joined to it ("уль-Малук": "Малук")."""
    word = last.split(" ")[-1]
    particle = _joined_particle(word)
    return word[len(particle) + 1:] if particle else word


def _joined_particle(word: str) -> str:
    """Return the article joined to a surname by a hyphen ("уль" of "уль-Малук"), or ""."""
    for particle in _JOINED_PARTICLES:
        if word.lower().startswith(particle) and len(word) > len(particle) + 2:
            return word[:len(particle) - 1]
    return ""


def split_article_inside(word: str) -> tuple[str, str]:
    """Return a one-word name with an article inside as given name and surname ("Саиф", "ул-Мулук"), or ("", "")."""
    match = _ARTICLE_INSIDE.match(word)
    return (match.group(1), match.group(2)) if match else ("", "")


def recase(lemma: str) -> str:
    """Capitalise lemma the way names are written: each hyphenated part, a leading article not ("уль-Малук"),
    and the letter after a one-letter prefix's apostrophe ("О'Лири", "Д’Амато"; not Ukrainian's "Дем'ян")."""
    particle = _joined_particle(lemma)
    head, rest = (particle.lower() + "-", lemma[len(particle) + 1:]) if particle else ("", lemma)
    written = head + "-".join(part[:1].upper() + part[1:] for part in rest.split("-"))
    return _AFTER_PREFIX.sub(lambda m: m.group(0).upper(), written)


_AFTER_PREFIX = re.compile(r"(?<=(?<!\w)\w['’])\w")


def unshouted(word: str) -> str:
    """Return a name word written in capitals as a name is written ("БУЛАТОВ": "Булатов"); others as they are."""
    return recase(word.lower()) if len(word) > 1 and word.isupper() else word


@functools.lru_cache(maxsize=16384)
def surname_keys(name: str) -> frozenset[str]:
    """Return the keys of a surname in every script, gender folded ("Лаврова" is Лавров's), an article dropped."""
    forms = {name, bare_surname(name), *_russian(name, "last")}
    forms |= {spelt for form in forms for spelt in _english_a(form)}
    return frozenset(k for form in forms for k in word_keys(surname_key(form)))


# English "a" said as in "Jacob" or "Baden" is transcribed ей or а (Джейкобс and Якобс, Бейден and
# Баден; the j's дж or й the keys fold already). Only between consonants, and never in a name
# Faker lists for Russia, Ukraine or Bulgaria or one the change would make: Нейко and Нако are two.
_ENGLISH_A = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[еэ]й(?=[бвгджзклмнпрстфхцчшщ])", re.I)


def _english_a(word: str) -> list[str]:
    """Return a Cyrillic surname spelt with а where it writes English "a" as ей ("Джейкобс": "Джакобс"), or []."""
    spelt = _ENGLISH_A.sub("а", word)
    return [spelt] if spelt != word and not _slavic_names() & {word, spelt} else []


def same_given(a: str, b: str) -> bool:
    """Return whether two given names may be one person's: variants, scripts, or an initial of the other."""
    if not a or not b:
        return True
    if is_initial(a) or is_initial(b):
        initial, full = (a, b) if is_initial(a) else (b, a)
        heads = _latin(initial.rstrip("."))
        return any(form.startswith(head) for form in _latin(full, *_russian(full, "first")) for head in heads)
    # Variants of one of the names, not of a third: Theresa and Terence share "Terry" only.
    return bool(_own_keys(a) & _variant_keys(b) or _own_keys(b) & _variant_keys(a)) or same_spelling(a, b) \
        or _article_glued(a, b) or _article_glued(b, a) or _transcribed_diminutive(a, b)


def _transcribed_diminutive(a: str, b: str) -> bool:
    """Return whether two given names, one Cyrillic, transcribe an English name and its diminutive (Мэтт, Мэттью;
    Мэтт, Matthew). Never a Slavic name (Саша is Александра's diminutive, but no list says so in Russian).
    """
    return (is_cyrillic(a) or is_cyrillic(b)) and not _slavic_given() & {a, b} \
        and (diminutive(a, b) or diminutive(b, a))


# Arabic's article glued to the given name before a surname, as ul, ur or il: Saiful Malook is
# Saif-ul-Malook, Fazlur Rehman Fazl-ur-Rehman, Sayfil Saif-il. The name before it must be long
# enough to be one (not Тим of Тимур).
_GLUED_ARTICLE = re.compile(r"(?<=\w{4})(?:уль|ул|ур|иль|ил|ul|ur|il)$", re.I)


def _article_glued(a: str, b: str) -> bool:
    """Return whether given name a is given name b, either with the article glued on ("Саифул", "Саиф", "Сайфил")."""
    glued = _GLUED_ARTICLE.search(a)
    if not glued or a in _slavic_given():  # Михаил is no Миха with an article
        return False
    other = _GLUED_ARTICLE.search(b)
    return bool(_own_keys(a[:glued.start()]) & _own_keys(b[:other.start()] if other else b))


def same_spelling(a: str, b: str) -> bool:
    """Return whether two Cyrillic names are one spelt as Arabic's short vowels are (Мухаммед, Мохаммад)."""
    # Only names transcribed, not Slavic ones with a spelling of their own (Милан, Милен; Елена),
    # and not short ones, where one vowel is the whole difference between two names (Ален, Алан).
    return is_cyrillic(a) and is_cyrillic(b) and min(len(a), len(b)) >= 5 and vowel_key(a) == vowel_key(b) \
        and not (_slavic_given() & {a, b})


_SLAVIC = ("ru_RU", "uk_UA", "bg_BG")


@functools.cache
def _slavic_given() -> frozenset[str]:
    """Return the Cyrillic given names Faker lists for Russia, Ukraine and Bulgaria, as written."""
    return frozenset(name for country in _SLAVIC for name in given_names(country)
                     if is_cyrillic(name))


@functools.cache
def _slavic_names() -> frozenset[str]:
    """Return the Cyrillic given names and surnames Faker lists for Russia, Ukraine and Bulgaria, as written."""
    return _slavic_given() | frozenset(name for country in _SLAVIC for name in surnames(country) if is_cyrillic(name))


def _latin(*names: str) -> set[str]:
    """Return the names' romanisations, lower-cased, "dzh" read as the j it is ("Дж." for Joe)."""
    return {r.lower().replace("dzh", "j") for name in names for r in romanisations(name) if r}


def same_surname(a: str, b: str) -> bool:
    """Return whether two surnames are one, in any script or gender ("Зеленський", "Zelensky")."""
    return bool(surname_keys(a) & surname_keys(b))
