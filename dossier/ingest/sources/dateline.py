"""Read a dateline, the place, date and agency a story opens with ("ПАРИЖ, 6 января. /ТАСС/.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...util.slugs import slugify
from ..months import EN, RU_GENITIVE, UK_GENITIVE, month_number

_RU_MONTH = f"(?:{'|'.join(RU_GENITIVE + UK_GENITIVE)})"
_EN_MONTH = f"(?:{'|'.join(name[:3].capitalize() for name in EN)})[a-z]*\\.?"
# "ПАРИЖ, 6 января. /ТАСС/.", "КИЇВ, 6 січня /Укрінформ/." and "PARIS, Jan 6 (Reuters) -"; a story filed from several
# places names them all ("KYIV/MOSCOW, Jan 6 (Reuters) -").
RU_DATELINE = re.compile(
    rf"^(?P<place>[А-ЯЁІЇЄҐ][А-ЯЁІЇЄҐ'’\-/ ]*[А-ЯЁІЇЄҐ]),\s+(?P<day>\d{{1,2}})\s+(?P<month>{_RU_MONTH})\.?\s*"
    rf"/(?P<agency>[^/\n]{{1,40}})/\.?\s*")
# The agencies' English styles: "PARIS, Jan 6 (Reuters) -", "MOSCOW (AP) —", "Paris (AFP) -",
# "WASHINGTON, Jan. 6, 2026 /PRNewswire/ --", "NORTHGATE, Testland (AP) —" (AP names the
# state or country after a place the reader may not know).
EN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.'\-/ ]{{0,40}}?[A-Za-z.])(?:,\s+(?!{_EN_MONTH}\s+\d)[A-Z][A-Za-z.' ]{{1,30}}?(?=\s*\())?"
    rf"(?:,\s+(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?\s*"
    rf"(?:\((?P<agency>[^)\n]{{1,40}})\)|/(?P<wire>[^/\n]{{1,40}})/)\s*[-–—]+\s*")


@dataclass(frozen=True)
class Dateline:
    """The dateline a story's body opens with, read into its parts."""

    place: str  # as a name: "Париж", "Paris"
    day: int  # 0 when the dateline gives no date ("MOSCOW (AP) —")
    month: int
    agency: str  # as written: "ТАСС", "Reuters"
    text: str  # the dateline as it stands in the story
    year: int = 0  # when written ("WASHINGTON, Jan. 6, 2026 /PRNewswire/ --")


def read_dateline(block: str) -> Dateline | None:
    """Return the dateline a paragraph opens with ('PARIS, Jan 6 (Reuters) -'), or None."""
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
