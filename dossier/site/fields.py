"""Front-matter fields typed and checked: one converter per kind of value, each error naming its field and fix."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from ..util.errors import Problem, shown
from ..util.slugs import is_slug, slugify
from .model import SEASONS, Event, Image, Quote

SAFE_URL_SCHEMES = ("http", "https", "")


class FieldError(Exception):
    """A front-matter field has a value we cannot use; the message says the fix."""

    def __init__(self, name: str, message: str):
        super().__init__(f"'{name}': {message}")
        self.name = name


@dataclass
class FieldReader:
    """Take one file's front-matter fields, typed, gathering a problem for each bad one."""

    path: Path
    meta: dict[str, Any]
    lines: dict[str, int]  # field name -> its line in the file
    problems: list[Problem] = field(default_factory=list)

    def take(self, name: str, convert: Callable[[Any], Any], default: Any = None, required: bool = False) -> Any:
        """Return meta[name] converted, or default when it is missing or bad (a problem noted)."""
        if name not in self.meta or self.meta[name] is None:
            if required:
                self.problems.append(Problem(self.path, f"missing required field '{name}': add "
                                                        f"'{name}: ...' to the front matter", 2))
            return default
        try:
            return convert(self.meta[name])
        except FieldError as exc:
            self.problems.append(Problem(self.path, str(exc), self.lines.get(name)))
            return default


def extra_fields(meta: dict[str, Any], known: frozenset[str], warnings: list[Problem], path: Path,
                 lines: dict[str, int]) -> dict[str, Any]:
    """Return the fields not in known, warning of those that look like a misspelt known one."""
    extra = {key: value for key, value in meta.items() if key not in known}
    for key in extra:
        # A close cutoff: ingest's own 'raw' and a site's custom fields are not typos.
        hint = difflib.get_close_matches(str(key), known, n=1, cutoff=0.8)
        if hint:
            warnings.append(Problem(path, f"unknown field {shown(key)} kept in extra: did you mean "
                                          f"'{hint[0]}'?", lines.get(str(key))))
    return extra


def as_text(name: str) -> Callable[[Any], str]:
    """Convert a text field (numbers read as text)."""
    def convert(value: Any) -> str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        raise FieldError(name, f"expected text, got {type(value).__name__}")
    return convert


def as_texts(name: str) -> Callable[[Any], tuple[str, ...]]:
    """Convert a text or a list of texts."""
    return _list_of(as_text, name, "text")


def as_slug(name: str) -> Callable[[Any], str]:
    """Convert a slug field, suggesting the slug when it is not one."""
    def convert(value: Any) -> str:
        text = as_text(name)(value)
        if not is_slug(text):
            suggestion = slugify(text)
            fix = f"write '{suggestion}'" if suggestion else "use lowercase letters, digits and hyphens"
            raise FieldError(name, f"{shown(text)} is not a slug: {fix}")
        return text
    return convert


def as_slugs(name: str) -> Callable[[Any], tuple[str, ...]]:
    """Convert a slug or a list of slugs, each kept once."""
    convert = _list_of(as_slug, name, "slugs")
    return lambda value: tuple(dict.fromkeys(convert(value)))


def _list_of(item: Callable[[str], Callable[[Any], str]], name: str,
             what: str) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise FieldError(name, f"expected a list of {what}, got {type(value).__name__}")
        return tuple(item(name)(entry) for entry in items)
    return convert


def as_bool(name: str) -> Callable[[Any], bool]:
    """Convert a true/false field."""
    def convert(value: Any) -> bool:
        if not isinstance(value, bool):
            raise FieldError(name, f"expected true or false, got {shown(value)}")
        return value
    return convert


def as_moment(value: Any, zone: dt.tzinfo) -> dt.datetime:
    """Convert an article's date, in zone when it names none."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise FieldError("date", f"{shown(value)} is not a date: write 2026-01-06 or "
                                     "2026-01-06T09:30:00+03:00") from None
    else:
        raise FieldError("date", f"expected a date such as 2026-01-06, got {shown(value)}")
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def as_partial_date(value: Any) -> str:
    """Convert an event's date: a day, a month, a year or a season."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    year, _, season = text.partition("-")
    if season in SEASONS and year.isdigit() and len(year) == 4:
        return text
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(text, fmt)
            return text
        except ValueError:
            continue
    raise FieldError("events", f"date {shown(text)} must be YYYY-MM-DD, YYYY-MM, YYYY or YYYY-season "
                               "(spring, summer, autumn, winter)")


def as_mapping(name: str, value: Any) -> dict[str, Any]:
    """Check that a field holds key: value pairs."""
    if not isinstance(value, dict):
        raise FieldError(name, f"expected fields (key: value), got {type(value).__name__}")
    return value


def as_image(value: Any) -> Image:
    """Convert an image: a path, or src with caption and credit."""
    if isinstance(value, str):
        return Image(src=value)
    data = as_mapping("image", value)
    return Image(src=as_text("image")(data.get("src") or ""),
                 caption=as_text("image")(data.get("caption") or ""),
                 credit=as_text("image")(data.get("credit") or ""))


def as_quotes(value: Any) -> tuple[Quote, ...]:
    """Convert quotes: each with text, and an actor and via as slugs."""
    if not isinstance(value, list):
        raise FieldError("quotes", "expected a list of {actor, text, via}")
    quotes = []
    for item in value:
        data = as_mapping("quotes", item)
        if not data.get("text"):
            raise FieldError("quotes", "every quote needs 'text'")
        quotes.append(Quote(text=as_text("quotes")(data["text"]),
                            actor=as_slug("quotes")(data["actor"]) if data.get("actor") else "",
                            via=as_slug("quotes")(data["via"]) if data.get("via") else ""))
    return tuple(quotes)


def as_events(value: Any) -> tuple[Event, ...]:
    """Convert events: each with a date, text and the actors in it."""
    if not isinstance(value, list):
        raise FieldError("events", "expected a list of {date, text, actors}")
    events = []
    for item in value:
        data = as_mapping("events", item)
        if not data.get("date") or not data.get("text"):
            raise FieldError("events", "every event needs 'date' and 'text'")
        events.append(Event(date=as_partial_date(data["date"]), text=as_text("events")(data["text"]),
                            actors=as_slugs("events")(data.get("actors") or [])))
    return tuple(events)


def as_names(value: Any) -> dict[str, str]:
    """Convert names per language code."""
    data = as_mapping("names", value)
    return {str(lang): as_text("names")(name) for lang, name in data.items()}


def is_safe_url(url: str) -> bool:
    """Return whether url may appear in an href or src (no javascript:, data: and the like)."""
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    return urlsplit(cleaned).scheme in SAFE_URL_SCHEMES and not cleaned.startswith("//")


def as_feed_urls(value: Any) -> tuple[str, ...]:
    """Convert a source's feeds: full http(s) addresses, each kept once."""
    urls = as_texts("feeds")(value)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FieldError("feeds", f"'{url}' is not an http(s) URL: write the feed's full "
                                      "address, e.g. https://agency.example/rss.xml")
    return tuple(dict.fromkeys(urls))


def checked_url(name: str, value: Any, warnings: list[Problem], path: Path, lines: dict[str, int]) -> str:
    """Return a field's URL, or '' with a warning when its scheme is unsafe."""
    url = as_text(name)(value)
    if url and not is_safe_url(url):
        warnings.append(Problem(path, f"'{name}': unsafe URL {shown(url)} dropped: use http(s)",
                                lines.get(name)))
        return ""
    return url


def safe_image(image: Image | None, warnings: list[Problem], path: Path,
               lines: dict[str, int]) -> Image | None:
    """Return image, without its src (with a warning) when that is unsafe."""
    if image is None or not image.src or is_safe_url(image.src):
        return image
    warnings.append(Problem(path, f"'image': unsafe src {shown(image.src)} dropped: use a path or "
                                  "an http(s) URL", lines.get("image")))
    return Image(src="", caption=image.caption, credit=image.credit)
