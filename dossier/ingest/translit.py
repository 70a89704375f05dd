"""Romanise Cyrillic names in several systems, and key names so spellings across scripts meet."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that every system writes alike.
_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ы": "y",
    "ь": "", "ъ": "", "э": "e", "і": "i", "ґ": "g",
}
# Where the systems differ: BGN/PCGN (wires, "Zelenskiy"), the passport system of 2013
# ("Zelenskii", "Sergei"), the popular English spelling ("Zelensky", "Sergey", "Dmitry")
# and Ukrainian's national system ("Volodymyr", "Zelenskyi").
_SYSTEMS = {
    "bgn": {"е": "e", "ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
            "ю": "yu", "я": "ya", "й": "y", "и": "i", "є": "ye", "ї": "yi"},
    "passport": {"е": "e", "ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                 "ю": "iu", "я": "ia", "й": "i", "и": "i", "є": "ie", "ї": "i"},
    "popular": {"е": "e", "ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                "ю": "yu", "я": "ya", "й": "y", "и": "i", "є": "ye", "ї": "yi"},
    "ukrainian": {"е": "e", "ё": "io", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                  "ю": "iu", "я": "ia", "й": "i", "и": "y", "є": "ie", "ї": "i", "г": "h"},
}
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


# Letters alike in Latin and Cyrillic, typed into a word of the other script ("Джoнсон" with a Latin o).
_LATIN_ALIKE, _CYRILLIC_ALIKE = "aceopxyAEKMHOPCTXBiI", "асеорхуАЕКМНОРСТХВіІ"
_TO_CYRILLIC = str.maketrans(_LATIN_ALIKE, _CYRILLIC_ALIKE)
_TO_LATIN = str.maketrans(_CYRILLIC_ALIKE, _LATIN_ALIKE)
_MIXED = re.compile(r"[^\W\d_]*(?:[а-яёіїєґ][a-z]|[a-z][а-яёіїєґ])[^\W\d_]*", re.I)


def unmix(text: str) -> str:
    """Return text with each word of both scripts written in its main one, where the others are look-alikes.

    Letter for letter, so offsets into the text stay true.
    """
    def one_script(match: re.Match[str]) -> str:
        word = match.group(0)
        cyrillic = sum(bool(_CYRILLIC.match(ch)) for ch in word)
        table = _TO_CYRILLIC if cyrillic * 2 >= len(word) else _TO_LATIN
        written = word.translate(table)
        return written if not _MIXED.fullmatch(written) else word

    return _MIXED.sub(one_script, text)


@functools.cache
def _table(system: str) -> dict[int, str]:
    """Return str.translate's table for one system, capitals included."""
    letters = {**_COMMON, **_SYSTEMS[system]}
    table = {ord(k): v for k, v in letters.items()}
    table.update({ord(k.upper()): v.capitalize() for k, v in letters.items()})
    return table


# Where "е" is said "ye": at a word's start in the popular spelling, and after a vowel
# or a sign too in BGN/PCGN ("Yeltsin", "Kiyevskiy").
_YE = {"bgn": re.compile(r"(?<![^\W\d_])[еЕ]|(?<=[аеёиоуыэюяьъАЕЁИОУЫЭЮЯЬЪ])[еЕ]"),
       "popular": re.compile(r"(?<![^\W\d_])[еЕ]")}


def romanise(text: str, system: str = "popular") -> str:
    """Return text with its Cyrillic letters written in Latin by one system."""
    if system in _YE:
        text = _YE[system].sub(lambda m: "Ye" if m.group(0) == "Е" else "ye", text)
    written = text.translate(_table(system))
    # "ий"/"ый" at a word's end: "-y" in the popular spelling (Zelensky, Dmitry).
    return re.sub(r"[iy]y\b", "y", written) if system == "popular" else written


def romanisations(text: str) -> list[str]:
    """Return text's distinct romanisations in every system (text itself if it has no Cyrillic)."""
    if not is_cyrillic(text):
        return [text]
    return list(dict.fromkeys(romanise(text, s) for s in _SYSTEMS))


# Spellings that romanisations and English usage give one sound: folded before comparing.
_FOLDS = (
    (r"dzh", "j"), (r"shch", "sh"), (r"sch", "sh"), (r"tch", "ch"), (r"kh", "h"), (r"ck", "k"), (r"ph", "f"), (r"th", "t"),
    (r"tz", "ts"), (r"z$", "ts"), (r"w", "v"), (r"x", "ks"), (r"q", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"),
    (r"j", "y"), (r"(?<=[aeiou])y(?=[aeiou])", "y"), (r"iy$|yy$|yi$|ii$|ij$|y$", "i"), (r"ey$|ei$", "ei"),
    (r"ie", "ie"), (r"y(?=[aeiou])", "y"), (r"(?<=[^aeiou])y", "i"), (r"ou", "u"), (r"ee", "i"),
    # A letter written twice is said once (Hussein, Хуссейн: Хусейн); an h unsaid after a
    # vowel (John, Johnson: Джон, Джонсон); an s said z between vowels (Theresa: Тереза).
    (r"(.)\1", r"\1"), (r"(?<=[aeiou])h(?=[^aeiou])", ""), (r"(?<=[aeiou])s(?=[aeiou])", "z"),
    # and an English s said z before a consonant is written з or с (Rees-Mogg: Риз-Могг, Рис-Могг).
    (r"(?<=[aeiou])z(?=[^aeiou])", "s"),
    (r"h$", ""), (r"'", ""),
    # Indian and Pakistani names' aspirates, written or not: Chaudhry and Чаудри, Gandhi and Ганди.
    (r"(?<=[db])h", ""),
    # Ukrainian and older Russian write an h as г: Vyhadanenko, Hitler (Гитлер).
    (r"(?<![sczktpd])h", "g"),
)


_DOUBLED = _FOLDS.index((r"(.)\1", r"\1"))


@functools.lru_cache(maxsize=8192)
def _key_word(word: str, doubles: bool = False) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if ch.isalpha() or ch == "'")
    for number, (pattern, repl) in enumerate(_FOLDS):
        if not (doubles and number == _DOUBLED):
            word = re.sub(pattern, repl, word)
    return word


def latin_key(word: str) -> str:
    """Return a Latin word's key with its doubled letters kept: written in one script, Weber and Webber are two names."""
    return _key_word(word, doubles=True)


def word_keys(word: str) -> set[str]:
    """Return the phonetic keys of one name word in every romanisation and spelling."""
    return {_key_word(form) for spelling in _spellings(word) for form in romanisations(spelling)}


# How Russian and Ukrainian spell one English or Indian sound two ways: "ai"/"ay" as ей, эй or
# ай (Шейлеш and Шайлеш Вара, Мейер and Майер, Мэй and Май), a final "-ey" as -ей or -и/-і
# (Маквей, Макві).
_SPELLINGS = ((re.compile(r"[еэ]й(?![аеёиоуыэюяіїє])", re.I), "ай"),
              (re.compile(r"(?<=[^аеёиоуыэюяіїєй\W]{2})ей$", re.I), "и"))


def _spellings(word: str) -> set[str]:
    """Return word and, if it is Cyrillic, its spellings by the alternations above."""
    spellings = {word}
    if is_cyrillic(word):
        for pattern, repl in _SPELLINGS:
            spellings |= {pattern.sub(repl, spelt) for spelt in spellings}
    return spellings


def edits(a: str, b: str) -> int:
    """Return the Levenshtein distance of two words (letters added, dropped or changed)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


# Arabic writes no short vowels, and Russian and Ukrainian spell its fatha а or е and its damma у
# or о: Мухаммад, Мухаммед and Мохаммед, Ахмад and Ахмед, Усман and Осман are one name's spellings.
_ARABIC_VOWELS = str.maketrans({"е": "а", "ё": "а", "о": "у"})


def vowel_key(word: str) -> str:
    """Return one key for the Cyrillic spellings of a name that differ only as Arabic's short vowels may."""
    return word.lower().translate(_ARABIC_VOWELS)


# Feminine surname endings and their masculine twins: one person's key whatever the gender.
_FEMININE = (("ская", "ский"), ("цкая", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"))


def surname_key(last: str) -> str:
    """Return one key for a surname whatever its gender ("Лаврова" and "Лавров" agree)."""
    key = last.lower().replace("ё", "е")
    for feminine, masculine in _FEMININE:
        if key.endswith(feminine) and len(key) > len(feminine) + 1:
            return key[: -len(feminine)] + masculine
    return key
