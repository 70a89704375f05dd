"""Tell the language of a story from its letters and its commonest words."""

from __future__ import annotations

import re

# The commonest short words of each Latin-script language ingest knows: the language with
# the most of them in a story is the story's.
_FUNCTION_WORDS = {
    "en": frozenset("the of and to in a is that for on with was as by at from it said will would has have be".split()),
    "fr": frozenset("le la les de des du et un une est dans pour que qui sur au aux avec par pas ne se a été".split()),
    "de": frozenset("der die das und den dem des ein eine ist nicht mit von zu im auf für sich auch wird bei".split()),
}


def guess_lang(text: str) -> str:
    """Return the story's language: 'ru' when most letters are Cyrillic, else en, fr, de or '' (unknown)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "en"
    cyrillic = sum(1 for ch in letters if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    if cyrillic / len(letters) > 0.5:
        return "ru"
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f")
    if latin / len(letters) < 0.5:
        return ""  # another script: Greek, Arabic, Chinese ...
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in _FUNCTION_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] else "en"
