"""Find the dates a story mentions, read those without a year against the story's date,
and infer the year its dateline leaves out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..site.model import season_to_month
from . import nlp
from .months import EN, RU_GENITIVE, RU_LOCATIVE, UK_GENITIVE, UK_LOCATIVE, month_number

_EN_RE = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

_SEASON_WORDS = {"весной": "spring", "летом": "summer", "осенью": "autumn", "зимой": "winter",
                 "spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}

# Most precise first: a span claimed by a full date is not read again as a month.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<mon>{'|'.join(RU_GENITIVE + UK_GENITIVE)})\s+(?P<year>\d{{4}})"
                rf"(?:\s+(?:года|року|г\.|р\.))?", re.I), "day"),
    (re.compile(rf"\b{_EN_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b"), "day"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_EN_RE}\s+(?P<year>\d{{4}})\b"), "day"),
    (re.compile(rf"\b(?P<mon>{'|'.join(RU_LOCATIVE + UK_LOCATIVE)})\s+(?P<year>\d{{4}})(?:\s+(?:года|року|г\.|р\.))?",
                re.I), "month"),
    (re.compile(rf"\b{_EN_RE}\s+(?P<year>\d{{4}})\b"), "month"),
    (re.compile(rf"\b(?P<season>{'|'.join(_SEASON_WORDS)})\s+(?:of\s+)?(?P<year>\d{{4}})(?:\s+года)?", re.I), "season"),
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


_WEEKDAYS = {"en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
             "ru": ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"),
             "uk": ("понеділок", "вівторок", "середу", "четвер", "п'ятницю", "суботу", "неділю")}
_EN_MONTH = "|".join(name.capitalize() for name in EN)
_EN_MON = _EN_RE.replace("(?P<mon>", "(?P<dmon>")
_NO_YEAR = r"(?!\d|,?\s+\d{4}|\s+(?:года|року|г\.|р\.))"
_RELATIVE = {
    "en": re.compile(
        r"\b(?:(?:(?P<when>on|last|next|this)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        rf"|(?:in|since|until|by)\s+(?P<month>{_EN_MONTH})(?!\s+\d)"
        rf"|{_EN_MON}\s+(?P<day>\d{{1,2}}){_NO_YEAR}(?:st|nd|rd|th)?"
        r"|(?P<which>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter|year|month)"
        r"|(?P<shift>yesterday|tomorrow))\b"),
    "ru": re.compile(
        rf"\bв(?:о)?\s+(?P<weekday>{'|'.join(_WEEKDAYS['ru'])})\b"
        rf"|\bв\s+(?P<month>{'|'.join(RU_LOCATIVE)})\b(?!\s+\d)"
        rf"|\b(?P<day>\d{{1,2}})\s+(?P<dmon>{'|'.join(RU_GENITIVE)})\b{_NO_YEAR}"
        r"|\b(?P<shift>вчера|завтра)\b", re.I),
    "uk": re.compile(
        r"\b[ув]\s+(?P<weekday>понеділок|вівторок|середу|четвер|п['’ʼ]ятницю|суботу|неділю)\b"
        rf"|\b[ув]\s+(?P<month>{'|'.join(UK_LOCATIVE)})\b(?!\s+\d)"
        rf"|\b(?P<day>\d{{1,2}})\s+(?P<dmon>{'|'.join(UK_GENITIVE)})\b{_NO_YEAR}"
        r"|\b(?P<shift>вчора|завтра)\b", re.I),
}
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
_SHIFTS = {"yesterday": -1, "tomorrow": 1, "вчера": -1, "завтра": 1, "вчора": -1}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# What ends the clause a date stands in: its verb is the one that says when.
_CLAUSE = re.compile(r"[,;:()«»\"“”„]|\s[-–—]\s|\b(?:that|and|but|while|as|after|before|when|что|чтобы|и|но|а|"
                     r"після|що|щоб|та|і)\b", re.I)
_EN_FUTURE = re.compile(r"\b(?:will|would|shall|is to|are to|was to|were to|to be|due to|set to|plans? to|"
                        r"planned to|expected to|scheduled|going to|\w+'ll|wo?n't)\b", re.I)
_EN_PAST = re.compile(r"\b(?:\w+ed|said|told|met|held|began|took|gave|made|went|came|saw|won|lost|left|"
                      r"sent|spoke|wrote|led|fell|rose|ran|put|set|cut|hit|quit|was|were|had|did)\b", re.I)


def find_relative(text: str, story: dt.date, lang: str = "en") -> list[Mention]:
    """Return the dates text writes without a year ("on Tuesday", "in August", "во вторник",
    "10 марта"), read against the story's date: the last such day on or before it, unless
    the verb of the date's clause speaks of the future ("will meet on Tuesday")."""
    if lang == "ru" and _UKRAINIAN.search(text):
        lang = "uk"  # read as Russian until the language guess tells the two apart
    pattern = _RELATIVE.get(lang)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        value = _relative_value(match, story, lang, _future(text, match.start(), match.end(), lang))
        if value:
            found.append(Mention(value, match.start(), match.end(), match.group(0)))
    return found


def _future(text: str, start: int, end: int, lang: str) -> bool:
    """Tell whether the verb of the clause a date stands in speaks of the future."""
    before = [m.end() for m in _CLAUSE.finditer(text, 0, start)]
    left = text[before[-1] if before else 0:start]
    after = _CLAUSE.search(text, end)
    right = text[end:after.start() if after else len(text)]
    if lang == "en":
        if _EN_FUTURE.search(left):
            return True
        if _EN_PAST.search(left) or _EN_FUTURE.search(right):
            return not _EN_PAST.search(left)
        # A clause in the present ("when he travels on Sunday") takes the tense of the one before.
        marks = [(m.start(), True) for m in _EN_FUTURE.finditer(text, 0, start)]
        marks += [(m.start(), False) for m in _EN_PAST.finditer(text, 0, start)]
        return max(marks)[1] if marks else False
    # The verb nearest the date tells; Russian and Ukrainian mark the future in the verb's form.
    words = [(abs(m.start() - start), m.group(0)) for m in re.finditer(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?", left)]
    words += [(abs(m.start() - end), m.group(0)) for m in re.finditer(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?", right)]
    for _, word in sorted(words):
        tense = _tense(word.lower().replace("’", "'").replace("ʼ", "'"), lang)
        if tense:
            return tense == "futr"
    return False


def _tense(word: str, lang: str) -> str:
    """Return a verb's tense ('past', 'futr', 'pres'), '' when the word is no finite verb."""
    parse = nlp.morph(lang).parse(word)[0]
    return str(parse.tag.tense or "") if parse.tag.POS == "VERB" else ""


def _relative_value(match: re.Match[str], story: dt.date, lang: str, future: bool) -> str:
    if match["weekday"]:
        names = _WEEKDAYS[lang]
        weekday = names.index(match["weekday"].lower().replace("’", "'").replace("ʼ", "'"))
        shift = weekday - story.weekday()
        word = match.groupdict().get("when") or ""
        ahead = word.lower() == "next" or (word.lower() != "last" and future)
        if ahead and shift < 0:
            shift += 7
        elif not ahead and shift > 0:
            shift -= 7
        return (story + dt.timedelta(days=shift)).isoformat()
    if match["month"]:
        month = month_number(match["month"])
        year = story.year + (1 if future and month < story.month else 0) - (1 if not future and month > story.month else 0)
        return f"{year:04d}-{month:02d}"
    if match["day"]:
        month, day = month_number(match["dmon"]), int(match["day"])
        year = story.year
        step = 1 if future else -1
        for _ in range(8):  # the nearest such day on the right side of the story's date (29 February: 8 years)
            if _valid(year, month, day) and (dt.date(year, month, day) >= story if future
                                             else dt.date(year, month, day) <= story):
                return f"{year:04d}-{month:02d}-{day:02d}"
            year += step
        return ""
    if match["shift"]:
        return (story + dt.timedelta(days=_SHIFTS[match["shift"].lower()])).isoformat()
    return _season_value(match["which"].lower(), match["season"].lower(), story)


def _season_value(which: str, unit: str, story: dt.date) -> str:
    """Return "last spring", "this year", "next month" as a period of the story's calendar."""
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


# "(Graphic: ...)", "Chart:", "Factbox": a pointer to a picture of data, not a happening.
_CHART = re.compile(r"^\W*(?:graphic|graphics|chart|interactive|factbox|table|video|photos?|инфографика|"
                    r"график|таблица|інфографіка|графік)s?\b\s*[:-]", re.I)
# A market's level on a day is a data series, not an event: a market word, a moving verb
# and a figure ("the 10-year yield rose to 4.21% on Wednesday").
_MARKET = re.compile(r"\b(?:yields?|index|indices|shares|stocks?|bonds?|futures|prices?|currency|crude|brent|"
                     r"доходност\w*|индекс\w*|акци[ийя]\w*|котировк\w*|облигаци\w*|фьючерс\w*|курс\w*|цен[аыу]\b|"
                     r"дохідн\w*|індекс\w*|облігаці\w*)", re.I)
_MOVE = re.compile(r"\b(?:rose|fell|climbed|dropped|slipped|gained|jumped|slid|eased|edged|was|were|stood|traded|"
                   r"closed|ended|hit|выросл\w*|вырос|снизил\w*|упал\w*|подешевел\w*|подорожал\w*|составил\w*|"
                   r"зросл\w*|зріс|знизил\w*|впал\w*)\b", re.I)
_FIGURE = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:%|percent|per cent|процент\w*|відсот\w*|basis points|п\.\s?п\.)", re.I)
# "18 years after the attacks of September 11, 2001", "20 лет со дня наводнения": the date
# after such words is what is remembered, not what happened.
_ANNIVERSARY = re.compile(r"\b(?:\w+[\s-])?years?\s+(?:after|since)\b|\banniversary\b|\bгодовщин\w*|"
                          r"\b(?:лет|года?)\s+(?:со\s+дня|с\s+момента|после|спустя)\b|\bрічниц\w*|"
                          r"\bрок(?:и|ів)\s+(?:від|з|після)\b", re.I)
_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”]|(?<!\w)'[^']*'(?!\w)")


def event_dates(sentence: str, story: dt.date | None, lang: str) -> list[Mention]:
    """Return the dates a sentence reports something on; none for a chart, a market's level
    or an anniversary. With the story's date, dates without a year count too, but not
    inside a quotation: the speaker's "on Tuesday" is not the reporter's."""
    if _CHART.match(sentence) or (_MARKET.search(sentence) and _MOVE.search(sentence)
                                  and _FIGURE.search(sentence)):
        return []
    remembered = _ANNIVERSARY.search(sentence)
    found = [m for m in find_dates(sentence) if not remembered or m.start < remembered.start()]
    if story is not None:
        quoted = [q.span() for q in _QUOTED.finditer(sentence)]
        found += [m for m in find_relative(sentence, story, lang)
                  if not any(s <= m.start < e for s, e in quoted)
                  and not any(f.start < m.end and m.start < f.end for f in found)
                  and not (remembered and m.start > remembered.start())]
    return sorted(found, key=lambda m: m.start)
