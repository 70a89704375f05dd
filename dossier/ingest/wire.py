"""Split a wire story into headline, standfirst, photo caption, dateline and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..slugs import slugify

RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр")
EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RU_MONTH = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "ПАРИЖ, 6 января. /ТАСС/." and "PARIS, Jan 6 (Reuters) -"; a story filed from several
# places names them all ("KYIV/MOSCOW, Jan 6 (Reuters) -").
RU_DATELINE = re.compile(
    rf"^(?P<place>[А-ЯЁ][А-ЯЁ\-/ ]*[А-ЯЁ]),\s+(?P<day>\d{{1,2}})\s+(?P<month>{_RU_MONTH})\.?\s*"
    rf"/(?P<agency>[^/\n]{{1,40}})/\.?\s*")
EN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'\-/ ]*[A-Z.]),\s+(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}})\s*"
    rf"\((?P<agency>[^)\n]{{1,40}})\)\s*[-–—]+\s*")


@dataclass
class Dateline:
    place: str  # as a name: "Париж", "Paris"
    day: int
    month: int
    agency: str  # as written: "ТАСС", "Reuters"
    text: str  # the dateline as it stands in the story


@dataclass
class Wire:
    headline: str = ""
    standfirst: str = ""
    caption: str = ""
    credit: str = ""
    dateline: Dateline | None = None
    paragraphs: list[str] = field(default_factory=list)
    lang: str = "ru"


def split_wire(text: str) -> Wire:
    """Return the parts of a wire story; what cannot be placed stays in the body."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
    blocks = [b for b in blocks if b]
    if len(blocks) == 1 and "\n" in text.strip():
        # No blank lines: one paragraph a line.
        blocks = [" ".join(line.split()) for line in text.strip().splitlines() if line.strip()]
    wire = Wire(lang=guess_lang(text))
    index = next((i for i, b in enumerate(blocks) if _dateline(b)), None)
    head = blocks[:index] if index is not None else blocks[:1]
    body = blocks[index:] if index is not None else blocks[1:]
    if index is not None:
        wire.dateline = _dateline(body[0])
    for block in head:
        if "©" in block and not wire.caption:
            caption, _, credit = block.partition("©")
            wire.caption, wire.credit = caption.strip(), credit.strip()
        elif not wire.headline:
            wire.headline = block
        elif not wire.standfirst:
            wire.standfirst = block
        else:
            wire.standfirst += " " + block
    wire.paragraphs = body
    return wire


def _dateline(block: str) -> Dateline | None:
    for pattern, months in ((RU_DATELINE, RU_MONTHS), (EN_DATELINE, EN_MONTHS)):
        match = pattern.match(block)
        if match:
            month_word = match["month"].lower()
            # "ма" must not claim "март": match the longest stem.
            month = max((i for i, stem in enumerate(months) if month_word.startswith(stem)),
                        key=lambda i: len(months[i]))
            return Dateline(place=place_name(match["place"]), day=int(match["day"]), month=month + 1,
                            agency=match["agency"].strip(), text=match.group(0).strip())
    return None


def place_name(written: str) -> str:
    """Return a dateline place as a name: "ПАРИЖ" -> "Париж", "KYIV/MOSCOW" -> "Kyiv/Moscow"."""
    return "/".join("-".join(" ".join(w.capitalize() for w in part.split()) for part in place.strip().split("-"))
                    for place in written.strip().split("/"))


def guess_lang(text: str) -> str:
    """Return 'ru' when most letters are Cyrillic, else 'en'."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    return "ru" if letters and cyrillic / len(letters) > 0.5 else "en"


def agency_slug(agency: str) -> str:
    """Return the source slug of an agency as written in a dateline ("ТАСС" -> "tass")."""
    return slugify(agency)


def read_dateline(block: str) -> Dateline | None:
    """Return the dateline a paragraph opens with ('PARIS, Jan 6 (Reuters) -'), or None."""
    return _dateline(block)
