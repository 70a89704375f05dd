"""Make a title from a lead paragraph when a story has no headline line: its first sentence,
cut at a phrase boundary when it is longer than a headline."""

from __future__ import annotations

import re

HEADLINE_MAX = 100  # characters: a headline's length; a cut may run a little over to reach a clause's end
# Where a cut may fall, best first: a clause's end a headline's length in, a little over it,
# earlier, then a phrase's end (before a preposition). A piece under 35 characters says too little.
_TIERS = (("clause", 60, HEADLINE_MAX), ("clause", HEADLINE_MAX + 1, HEADLINE_MAX + 20), ("clause", 35, 59),
          ("phrase", 35, HEADLINE_MAX))
_FIRST_SENTENCE = re.compile(r"(.+?[.!?…])(?:\s+[«\"„“(]?[А-ЯЁA-Z0-9]|$)")
# Where a clause or a phrase ends: before a comma, a dash, a colon, a semicolon or a bracket,
# or before a conjunction or a relative word that opens the next clause.
_CLAUSE = re.compile(
    r"(?=[,;:]\s|\s[—–]\s|\s\()"
    r"|(?=\s(?:и|а|но|или|либо|однако|причем|причём|зато|который|которая|которое|которые|которого|которой|"
    r"которых|которым|которыми|котором|что|чтобы|когда|где|куда|откуда|если|хотя|поскольку|пока|так как|"
    r"потому что|после того как|and|but|or|which|who|whose|that|when|where|while|after|before|because|"
    r"although|as|if|though|until|since)\s)", re.I)
# Failing those, a phrase ends before a preposition: "акция протеста | у здания мэрии".
_PHRASE = re.compile(
    r"(?=\s(?:в|во|на|у|с|со|к|ко|по|о|об|от|до|из|за|для|при|без|под|над|перед|через|между|после|"
    r"против|среди|около|in|on|at|to|from|with|for|of|by|over|under|after|before|against|near)\s)", re.I)
_OPENERS, _CLOSERS = "«(„“[", "»)“”]"
_ABBREVIATED = re.compile(r"\b(?:etc|Inc|Ltd|Co|Corp|Jr|Sr|St|млн|млрд|тыс)\.$")


def title_from_lead(paragraph: str) -> str:
    """Return the title a lead paragraph gives: its first sentence without the full stop, or, when that
    is longer than a headline, its longest piece ending at a clause (else a phrase) boundary, with '…'."""
    match = _FIRST_SENTENCE.match(paragraph)
    sentence = match.group(1) if match else paragraph
    if len(sentence) <= HEADLINE_MAX:
        # The full stop goes; an abbreviation's ("U.S.", "т.д.", "Inc.") stays.
        return sentence[:-1] if re.search(r"[^.\s]{2}\.$", sentence) and not _ABBREVIATED.search(sentence) \
            else sentence
    ends = {"clause": [m.start() for m in _CLAUSE.finditer(sentence)],
            "phrase": [m.start() for m in _PHRASE.finditer(sentence)]}
    for kind, shortest, longest in _TIERS:
        pieces = [piece for end in ends[kind] if shortest <= len(piece := _piece(sentence, end)) <= longest
                  and _closed(piece) and not _PHRASE.match(f" {piece.rsplit(' ', 1)[-1]} ")]
        if pieces:
            return pieces[-1] + "…"
    return _piece(sentence, sentence[:HEADLINE_MAX].rfind(" ")) + "…"


def _piece(sentence: str, end: int) -> str:
    """Return the sentence up to end, without the comma or dash it would end on."""
    return sentence[:end].rstrip(",;:—–- ")


def _closed(piece: str) -> bool:
    """Tell whether a piece of text closes every bracket and quotation mark it opens."""
    depth = 0
    for ch in piece:
        if ch in _OPENERS and not (ch == "“" and depth):
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth == 0 and piece.count('"') % 2 == 0
