"""Find the dates a story mentions, and infer the year its dateline leaves out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..site.model import season_to_month
from .months import EN, RU_GENITIVE, RU_LOCATIVE, UK_GENITIVE, UK_LOCATIVE, month_number
_EN_RE = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

_SEASON_WORDS = {"весной": "spring", "летом": "summer", "осенью": "autumn", "зимой": "winter",
                 "навесні": "spring", "влітку": "summer", "восени": "autumn", "взимку": "winter",
                 "spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}

# Most precise first: a span claimed by a full date is not read again as a month.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<mon>{'|'.join(RU_GENITIVE + UK_GENITIVE)})\s+(?P<year>\d{{4}})(?:\s+(?:года|року|г\.|р\.))?", re.I), "day"),
    (re.compile(rf"\b{_EN_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b"), "day"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_EN_RE}\s+(?P<year>\d{{4}})\b"), "day"),
    (re.compile(rf"\b(?P<mon>{'|'.join(RU_LOCATIVE + UK_LOCATIVE)})\s+(?P<year>\d{{4}})(?:\s+(?:года|року|г\.|р\.))?", re.I), "month"),
    (re.compile(rf"\b{_EN_RE}\s+(?P<year>\d{{4}})\b"), "month"),
    (re.compile(rf"\b(?P<season>{'|'.join(_SEASON_WORDS)})\s+(?:of\s+)?(?P<year>\d{{4}})(?:\s+(?:года|року))?", re.I), "season"),
    (re.compile(r"\b(?:в|у|in)\s+(?P<year>\d{4})(?:\s+(?:году|році))?\b", re.I), "year"),
)


@dataclass(frozen=True)
class Mention:
    """A date written in the text, as precise as the text is."""

    value: str  # 'YYYY-MM-DD', 'YYYY-MM', 'YYYY-season' or 'YYYY'
    start: int
    end: int
    text: str

    @property
    def earliest(self) -> dt.date:
        """The first day the mention can mean."""
        parts = [int(p) for p in season_to_month(self.value).split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])


def find_dates(text: str) -> list[Mention]:
    """Return the dates written in text with a year, in order of appearance."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for pattern, precision in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _value(match, precision)
            if value is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(Mention(value, match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda m: m.start)


def _value(match: re.Match[str], precision: str) -> str | None:
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        return None
    if precision == "year":
        return f"{year:04d}"
    if precision == "season":
        return f"{year:04d}-{_SEASON_WORDS[match['season'].lower()]}"
    month = month_number(match["mon"])
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    day = int(match["day"])
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def infer_year(month: int, day: int, past: list[Mention], fallback: dt.date) -> tuple[int, str]:
    """Return the dateline's year and why: after the latest past date, else the file's time."""
    if past:
        latest = max(past, key=lambda m: m.earliest)
        year = latest.earliest.year
        while not _on_or_after(year, month, day, latest.earliest):
            year += 1
        return year, f"after '{latest.text}' in the text"
    year = fallback.year
    while not _valid(year, month, day) or dt.date(year, month, day) > fallback:
        year -= 1
    return year, f"from the file's date {fallback.isoformat()}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _on_or_after(year: int, month: int, day: int, bound: dt.date) -> bool:
    return _valid(year, month, day) and dt.date(year, month, day) >= bound


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?:(?:on|last|next|this)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:in|since|until|by)\s+(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?!\s+\d)"
    r"|(?P<which>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter|year|month)"
    r"|(?P<day>yesterday|tomorrow))\b")
_FUTURE = re.compile(r"\b(?:will|would|to be|is to|are to|plans? to|next|tomorrow|due)\b", re.I)
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def find_relative(text: str, story: dt.date) -> list[Mention]:
    """Return English dates written without a year ("on Tuesday", "in August", "last spring"),
    read against the story's date: the past unless the sentence speaks of the future."""
    found = []
    future = bool(_FUTURE.search(text))
    for match in _RELATIVE.finditer(text):
        value = _relative_value(match, story, future)
        if value:
            found.append(Mention(value, match.start(), match.end(), match.group(0)))
    return found


def _relative_value(match: re.Match[str], story: dt.date, future: bool) -> str:
    if match["weekday"]:
        shift = _WEEKDAYS.index(match["weekday"].lower()) - story.weekday()
        word = match.group(0).split()[0].lower()
        ahead = word == "next" or (word != "last" and future)
        if ahead and shift < 0:
            shift += 7
        elif not ahead and shift > 0:
            shift -= 7
        return (story + dt.timedelta(days=shift)).isoformat()
    if match["month"]:
        month = EN.index(match["month"].lower()) + 1
        year = story.year + (1 if future and month < story.month else 0) - (1 if not future and month > story.month else 0)
        return f"{year:04d}-{month:02d}"
    if match["day"]:
        shift = {"yesterday": -1, "tomorrow": 1}[match["day"].lower()]
        return (story + dt.timedelta(days=shift)).isoformat()
    which, unit = match["which"].lower(), match["season"].lower()
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return f"{story.year + step:04d}"
    if unit == "month":
        month_index = story.year * 12 + story.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    season = "autumn" if unit == "fall" else unit

    def begins(year: int) -> dt.date:
        return dt.date(year, _SEASON_START[season], 1)

    def ends(year: int) -> dt.date:  # the day after its third month
        month = _SEASON_START[season] + 3
        return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    year = story.year - (1 if season == "winter" and story.month < 3 else 0)
    if step < 0:  # the last one over before the story
        year = story.year
        while ends(year) > story:
            year -= 1
    elif step > 0:  # the first one to begin after it
        year = story.year
        while begins(year) <= story:
            year += 1
    return f"{year:04d}-{season}"
