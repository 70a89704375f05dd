"""Split a wire story into headline, standfirst, photo caption, dateline and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..util.slugs import slugify

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
# The agencies' English styles: "PARIS, Jan 6 (Reuters) -", "MOSCOW (AP) —", "Paris (AFP) -",
# "WASHINGTON, Jan. 6, 2026 /PRNewswire/ --".
EN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.'\-/ ]{{0,40}}?[A-Za-z.])"
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
    for pattern, months in ((RU_DATELINE, RU_MONTHS), (EN_DATELINE, EN_MONTHS)):
        match = pattern.match(block)
        if match:
            groups = match.groupdict()
            month = 0
            if groups.get("month"):
                month_word = match["month"].lower()
                # "ма" must not claim "март": match the longest stem.
                month = 1 + max((i for i, stem in enumerate(months) if month_word.startswith(stem)),
                                key=lambda i: len(months[i]))
            agency = groups.get("agency") or groups.get("wire") or ""
            return Dateline(place=place_name(match["place"]), day=int(groups.get("day") or 0), month=month,
                            agency=agency.strip(), text=match.group(0).strip(),
                            year=int(groups.get("year") or 0))
    return None


def place_name(written: str) -> str:
    """Return a dateline place as a name: "ПАРИЖ" -> "Париж", "KYIV/MOSCOW" -> "Kyiv/Moscow"."""
    return "/".join("-".join(" ".join(w.capitalize() for w in part.split()) for part in place.strip().split("-"))
                    for place in written.strip().split("/"))


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


def agency_slug(agency: str) -> str:
    """Return the source slug of an agency as written in a dateline ("ТАСС" -> "tass")."""
    return slugify(agency)


def read_dateline(block: str) -> Dateline | None:
    """Return the dateline a paragraph opens with ('PARIS, Jan 6 (Reuters) -'), or None."""
    return _dateline(block)
