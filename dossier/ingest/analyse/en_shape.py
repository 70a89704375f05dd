"""The shape of English words and lines: a name's word, a common word, a Title Case headline, a credit."""

from __future__ import annotations

import re

from .lexicon import Lexicon

POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
INITIAL = re.compile(r"^[A-Z]\.$")

# Small words a Title Case headline leaves in lower case.
SMALL = frozenset("a an the of in on at for to and or but nor with by from as vs via into over per up".split())
# A credit as a sentence: contributors, or a reporter introduced after the story.
CREDIT_LINE = re.compile(r"\bcontributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))\b"
                          r"|^(?:[A-Z][\w'’.-]*\s+){1,3}(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,3}(?:reporter|writer|"
                          r"correspondent|editor|journalist|columnist|producer|contributor|photographer|"
                          r"photojournalist)s?\b")


def title_case(line: str) -> bool:
    """Return whether a line of four words or more capitalises all its words but the small ones."""
    if line.lstrip().startswith("-"):
        return False  # "-- Jo Doe, London Newsroom": a wire's sign-off, names written as names
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in SMALL]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def common(word: str, lex: Lexicon) -> bool:
    """Return whether a capitalised word is an English common word ("Woman", "Gaming", "Boatmen") no name list holds."""
    return word not in lex.given and word not in lex.surnames and in_dictionary(word, lex)


def in_dictionary(word: str, lex: Lexicon) -> bool:
    """Return whether the dictionary holds a word as a common word or a proper noun no name list has."""
    if word in lex.things:
        return True  # "Jupiter", "European"
    if "-" in word:
        # "Content-Length", "Ultra-Fast"; not "Dong-hoon", a Korean given name
        parts = [part for part in word.split("-") if part]
        return all(p[0].isupper() and in_dictionary(p, lex) for p in parts)
    w = word.lower()
    # Plurals only: "-ing" and "-ed" end many surnames (Goering, Manning, Reed).
    forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w,
             w[:-3] + "y" if w.endswith("ies") else w, w[:-3] + "man" if w.endswith("men") else w}
    return any(len(f) > 2 and f in lex.common for f in forms)


def capitalised(word: str) -> bool:
    """Return whether a word may stand in a name: capitalised, or an initial; not code, not glued to another."""
    word = POSSESSIVE.sub("", word)
    if any(ch.isdigit() for ch in word) or re.fullmatch(r"[A-Z][a-z]*['’](?:ve|re|ll|d|m|t)|[A-Z]{2,}[a-z].*", word):
        return False  # "Cara194": a name glued to a count; "I've"; "IOUtils", "ETag": code, not names
    if re.match(r"(?:al|el|ad|as|ash|bin|ibn|abu)-[A-Z]", word) or re.fullmatch(r"(?:[A-Z]\.){2,}", word):
        return True  # "al-Saadani"; "U.S." in "U.S. President Donald Trump"
    if re.fullmatch(r"[A-Z]{2,}s", word):
        return False  # "GDRs", "CEOs": an acronym's plural
    if re.search(r"[a-z][A-Z]", word) and not re.fullmatch(r"(?:Mc|Mac|O'|D'|De|Di|La|Le|Van|Al-)[A-Z][a-z'’]+", word):
        return False  # "KeyCorp", "NationsBank", "LaurenThe" (two words glued): never a person's name
    return bool(word) and word[0].isupper() and (word[0].isalpha()) and not word.isupper() or bool(
        INITIAL.match(word)) or (len(word) > 1 and word[0].isupper() and word[1:2] in "'’")
