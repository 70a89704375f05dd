"""Read an English given name back from its Russian or Ukrainian transcription, to find its diminutives.

Russian and Ukrainian write English names as they sound, so "Мэтт" and "Мэттью" romanise to
no name the nicknames package lists (Apache-2.0, github.com/carltonnorthern/nicknames). Each
Cyrillic letter is read as the English spellings it transcribes (э: a or e, т: t or th, ью: ew),
and only the readings that are names the package lists are kept: Мэтт is Matt, Мэттью Matthew (тт
read t and th),
and the package says Matt is Matthew's. A reading is built letter by letter and dropped as soon
as no listed name starts so, which keeps the readings few.
"""

from __future__ import annotations

import functools
from typing import Any

# The English spellings each Cyrillic letter or pair transcribes, longest first. The first
# spelling is the popular romanisation's; the others are English spellings said alike.
_SPELLINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("дж", ("j", "g")), ("кс", ("x", "ks")), ("уи", ("wi",)), ("ья", ("ia", "ya")), ("ль", ("ll", "l")), ("ью", ("ew", "u", "eu")), ("эй", ("ay", "a", "ai")),
    ("ей", ("ey", "ay", "a")), ("ай", ("i", "y", "ai")), ("ий", ("y", "ie", "i")), ("ой", ("oy", "oi")),
    ("а", ("a", "u")), ("б", ("b",)), ("в", ("v", "w")), ("г", ("g", "h")), ("д", ("d",)), ("е", ("e", "a")),
    ("ё", ("yo", "o")), ("ж", ("zh", "g", "j")), ("з", ("z", "s")), ("и", ("i", "ee", "y", "e")), ("й", ("y", "i")),
    ("к", ("k", "c", "ck", "ch")), ("л", ("l", "ll")), ("м", ("m", "mm")), ("н", ("n", "nn")), ("о", ("o", "a", "au")),
    ("п", ("p",)), ("р", ("r", "rr")), ("с", ("s", "c", "ss")), ("т", ("t", "th")), ("у", ("u", "oo", "ou")),
    ("ф", ("f", "ph")), ("х", ("h", "kh")), ("ц", ("ts", "tz")), ("ч", ("ch",)), ("ш", ("sh",)),
    ("щ", ("shch",)), ("ъ", ("",)), ("ы", ("y",)), ("ь", ("",)), ("э", ("a", "e")), ("ю", ("u", "yu", "ew")),
    ("я", ("ya", "ia")), ("і", ("i", "ee", "y")), ("ї", ("yi",)), ("є", ("ye",)), ("ґ", ("g",)),
)


@functools.cache
def nicknames() -> Any:
    from nicknames import NickNamer

    return NickNamer()


@functools.cache
def _listed() -> tuple[frozenset[str], frozenset[str]]:
    """Return the names the nicknames package lists (lower case), and every start of one."""
    lookup = nicknames().nickname_lookup
    names = frozenset({*lookup, *(n for nicks in lookup.values() for n in nicks)})
    return names, frozenset(name[:i] for name in names for i in range(1, len(name) + 1))


@functools.lru_cache(maxsize=16384)
def english_readings(name: str) -> frozenset[str]:
    """Return the listed English names a Cyrillic given name may transcribe ("Мэттью": matthew), lower case.

    A Latin name is read as written.
    """
    names, starts = _listed()
    word = name.lower()
    if word.isascii():
        return frozenset({word} & names)
    readings = {("", 0)}
    found = set()
    while readings:
        latin, at = readings.pop()
        if at == len(word):
            # An English name's final e is unsaid, so untranscribed (Майк: Mike, Джейк: Jake).
            found |= {latin, latin + "e"} & names
            continue
        for cyrillic, spellings in _SPELLINGS:
            if word.startswith(cyrillic, at):
                readings |= {(latin + spelling, at + len(cyrillic)) for spelling in spellings
                             if not latin + spelling or latin + spelling in starts}
    return frozenset(found)


def diminutive(a: str, b: str) -> bool:
    """Return whether one of two given names is (or transcribes) an English name the other's is a diminutive of."""
    nick = nicknames()
    theirs = english_readings(b)
    return bool(theirs) and any(theirs & (nick.nicknames_of(mine) | nick.canonicals_of(mine))
                                for mine in english_readings(a))
