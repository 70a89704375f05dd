"""Split a wire story into headline, standfirst, photo caption, dateline and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..util.slugs import slugify
from .analyse.langid import guess_lang
from .months import EN, RU_GENITIVE, month_number

_RU_MONTH = f"(?:{'|'.join(RU_GENITIVE)})"
_EN_MONTH = f"(?:{'|'.join(name[:3].capitalize() for name in EN)})[a-z]*\\.?"
# "ПАРИЖ, 6 января. /ТАСС/." and "PARIS, Jan 6 (Reuters) -"; a story filed from several
# places names them all ("KYIV/MOSCOW, Jan 6 (Reuters) -").
RU_DATELINE = re.compile(
    rf"^(?P<place>[А-ЯЁ][А-ЯЁ\-/ ]*[А-ЯЁ]),\s+(?P<day>\d{{1,2}})\s+(?P<month>{_RU_MONTH})\.?\s*"
    rf"/(?P<agency>[^/\n]{{1,40}})/\.?\s*")
# The agencies' English styles: "PARIS, Jan 6 (Reuters) -", "MOSCOW (AP) —", "Paris (AFP) -",
# "WASHINGTON, Jan. 6, 2026 /PRNewswire/ --", "NORTHGATE, Testland (AP) —" (AP names the
# state or country after a place the reader may not know).
EN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.'\-/ ]{{0,40}}?[A-Za-z.])(?:,\s+(?!{_EN_MONTH}\s+\d)[A-Z][A-Za-z.' ]{{1,30}}?(?=\s*\())?"
    rf"(?:,\s+(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?\s*"
    rf"(?:\((?P<agency>[^)\n]{{1,40}})\)|/(?P<wire>[^/\n]{{1,40}})/)\s*[-–—]+\s*")


@dataclass
class Dateline:
    place: str  # as a name: "Париж", "Paris"
    day: int  # 0 when the dateline gives no date ("MOSCOW (AP) —")
    month: int
    agency: str  # as written: "ТАСС", "Reuters"
    text: str  # the dateline as it stands in the story
    year: int = 0  # when written ("WASHINGTON, Jan. 6, 2026 /PRNewswire/ --")


@dataclass
class Wire:
    headline: str = ""
    standfirst: str = ""
    caption: str = ""
    credit: str = ""
    dateline: Dateline | None = None
    paragraphs: list[str] = field(default_factory=list)
    lang: str = "ru"
    byline: str = ""  # the credits, taken out of the body: "Reporting by ...; Editing by ..."
    lead_title: bool = False  # the headline was made from the lead's first sentence


def split_wire(text: str) -> Wire:
    """Return the parts of a wire story; what cannot be placed stays in the body."""
    raw_blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    lines = raw_blocks[0].splitlines() if raw_blocks else []
    if len(raw_blocks) > 1 and len(lines) > 1 and len(lines[0]) <= TITLE_MAX and not lines[0].rstrip().endswith(".") \
            and not _dateline(" ".join(lines[1].split())):
        # A headline copied from a wire terminal with its standfirst on the next line.
        raw_blocks[:1] = [lines[0], "\n".join(lines[1:])]
    blocks = [" ".join(b.split()) for b in raw_blocks]
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
    wire.paragraphs, wire.byline = _credits(body)
    if len(wire.headline) > TITLE_MAX:
        # No headline line: the first line is the lead. It stays the body's first paragraph;
        # the title is its first sentence, cut to a headline's length.
        wire.paragraphs.insert(0, wire.headline)
        wire.headline, wire.lead_title = _first_sentence(wire.headline), True
    return wire


TITLE_MAX = 200  # characters: longer than any headline, shorter than a lead paragraph


def _first_sentence(text: str) -> str:
    """Return a paragraph's first sentence, cut at a word near 120 characters if it is longer."""
    match = re.match(r"(.+?[.!?…])(?:\s+[«\"„“]?[А-ЯЁA-Z]|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) <= 160:
        return sentence
    cut = sentence[:120].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—- ") + "…"


# "(Reporting by Julie Marchand; Editing by Ann Carrow)", "By Jane Doe", "Автор: Иван Петров".
_CREDIT = re.compile(r"^\(?\s*(?:(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Edited|Written|"
                     r"Produced)(?:\s+and\s+\w+)?\s+by\b|By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$|"
                     r"(?:Автор|Авторы|Редактор|Текст)\s*[:—-])")


def _credits(paragraphs: list[str]) -> tuple[list[str], str]:
    """Return the body without its credit lines, and the credits joined into one byline."""
    body, credits = [], []
    for index, paragraph in enumerate(paragraphs):
        # Credits open or close a story; a line in the middle starting "By" is prose.
        if (index == 0 and not paragraph.startswith("(") or index == len(paragraphs) - 1 or index == 1) \
                and _CREDIT.match(paragraph) and len(paragraph) < 300:
            credits.append(paragraph.strip().strip("()").strip())
        else:
            body.append(paragraph)
    return body, "; ".join(credits)


def _dateline(block: str) -> Dateline | None:
    for pattern in (RU_DATELINE, EN_DATELINE):
        match = pattern.match(block)
        if match:
            groups = match.groupdict()
            month = month_number(match["month"]) if groups.get("month") else 0
            agency = groups.get("agency") or groups.get("wire") or ""
            return Dateline(place=place_name(match["place"]), day=int(groups.get("day") or 0), month=month,
                            agency=agency.strip(), text=match.group(0).strip(),
                            year=int(groups.get("year") or 0))
    return None


def place_name(written: str) -> str:
    """Return a dateline place as a name: "ПАРИЖ" -> "Париж", "KYIV/MOSCOW" -> "Kyiv/Moscow"."""
    return "/".join("-".join(" ".join(w.capitalize() for w in part.split()) for part in place.strip().split("-"))
                    for place in written.strip().split("/"))


def agency_slug(agency: str) -> str:
    """Return the source slug of an agency as written in a dateline ("ТАСС" -> "tass")."""
    return slugify(agency)


def read_dateline(block: str) -> Dateline | None:
    """Return the dateline a paragraph opens with ('PARIS, Jan 6 (Reuters) -'), or None."""
    return _dateline(block)
