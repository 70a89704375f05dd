"""Read content/: split front matter, type every field, gather every problem."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from ..util.errors import DossierError, Problem, shown
from ..util.parallel import map_forked
from ..util.slugs import is_slug, slugify
from ..util.store import Stamp, digest, now_ns, stamp_of
from ..util.walk import list_files
from ..util.yamlio import decode_utf8, load_yaml
from .cache import ContentCache, Entry
from .config import Config
from .corrections import read_corrections
from .markup import MarkdownRenderer
from .model import PROFILE_KINDS, SEASONS, Article, Event, Image, Profile, Quote

SECTIONS = ("actors", "topics", "sources")
ARTICLE_FIELDS = frozenset({
    "title", "date", "slug", "subtitle", "summary", "source", "via", "place", "lang", "byline",
    "actors", "topics", "image", "quotes", "events", "url", "story", "draft", "needs_review",
})
PROFILE_FIELDS = frozenset({
    "name", "names", "aliases", "kind", "role", "country", "description", "keywords", "url", "stub", "feeds",
})
SAFE_URL_SCHEMES = ("http", "https", "")


@dataclass
class Content:
    articles: list[Article] = field(default_factory=list)
    profiles: dict[str, dict[str, Profile]] = field(
        default_factory=lambda: {section: {} for section in SECTIONS})
    warnings: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # relative path -> digest of its bytes
    moved: dict[str, str] = field(default_factory=dict)  # the editor's merged actor slug -> the slug it became


class FieldError(Exception):
    """A front-matter field has a value we cannot use; the message says the fix."""

    def __init__(self, name: str, message: str):
        super().__init__(f"'{name}': {message}")
        self.name = name


def read_content(config: Config, renderer: MarkdownRenderer | None = None,
                 cache: ContentCache | None = None) -> Content:
    """Read every article and profile under config.root/content; raise all problems at once."""
    root = config.root
    parser = _Parser(_zone(config.timezone), config.base_path, renderer)
    cache = cache if cache is not None else ContentCache(None, "")
    files = content_files(root)
    scanned = now_ns()
    entries: dict[str, Entry] = {}
    todo: list[tuple[str, str, bytes, Stamp, str]] = []
    for section, rel in files:
        path = os.path.join(root, rel)
        stamp = stamp_of(os.stat(path))
        entry = cache.get(rel)
        if entry is not None and entry.matches(stamp):
            entries[rel] = entry
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        key = digest(rel, data)
        if entry is not None and entry.digest == key:
            cache.restamp(rel, stamp, scanned)
            entries[rel] = entry
        else:
            todo.append((section, rel, data, stamp, key))
    failed: dict[str, list[Problem]] = {}
    # Markdown is most of a cold build's time: parse changed files on every core.
    for (_, rel, _, stamp, key), (item, warnings, problems) in zip(
            todo, map_forked(parser.parse, [(section, rel, data) for section, rel, data, _, _ in todo])):
        if problems:
            failed[rel] = problems
        else:
            entries[rel] = Entry(stamp, scanned, key, item, tuple(warnings))
            cache.put(rel, entries[rel])
    cache.keep_only(entries)
    content = _collect(files, entries, failed)
    content.moved = read_corrections(root).merged
    return content


def read_profiles(config: Config, section: str) -> dict[str, Profile]:
    """Read one section's profiles (no articles, no cache); raise all problems at once."""
    parser = _Parser(_zone(config.timezone), config.base_path)
    profiles: dict[str, Profile] = {}
    problems: list[Problem] = []
    for rel in _markdown_files(config.root, f"content/{section}", recursive=False):
        item, _, found = parser.parse((section, rel, (config.root / rel).read_bytes()))
        problems += found
        if isinstance(item, Profile):
            profiles[item.slug] = item
    if problems:
        raise DossierError(problems)
    return profiles


def read_article(config: Config, rel: str) -> Article | None:
    """Read one article file (a POSIX path relative to the root); None if it cannot be read."""
    try:
        data = (config.root / rel).read_bytes()
    except OSError:
        return None
    item, _, problems = _Parser(_zone(config.timezone), config.base_path).parse(("articles", rel, data))
    return None if problems or not isinstance(item, Article) else item


def content_files(root: Path) -> list[tuple[str, str]]:
    """List (section, POSIX path relative to root) of every content file, in reading order."""
    files = [("articles", rel) for rel in _markdown_files(root, "content/articles", recursive=True)]
    # Only the top level: content/sources/raw/ keeps ingested originals, not profiles.
    for section in SECTIONS:
        files += [(section, rel) for rel in _markdown_files(root, f"content/{section}", recursive=False)]
    return files


def _markdown_files(root: Path, folder: str, recursive: bool) -> list[str]:
    found = [f"{folder}/{rel}" for rel in list_files(root / folder, root, recursive, suffix=".md")]
    return sorted(found, key=lambda rel: rel.split("/"))  # as sorted Paths: folder by folder


def _collect(files: list[tuple[str, str]], entries: dict[str, Entry],
             failed: dict[str, list[Problem]]) -> Content:
    content = Content()
    problems: list[Problem] = []
    for section, rel in files:
        if rel in failed:
            problems.extend(failed[rel])
            continue
        entry = entries[rel]
        content.digests[rel] = entry.digest
        content.warnings.extend(entry.warnings)
        if isinstance(entry.item, Article):
            content.articles.append(entry.item)
        else:
            content.profiles[section][entry.item.slug] = entry.item
    if problems:
        raise DossierError(problems)
    return content


@dataclass
class _Parser:
    """Turn one content file's bytes into an Article or Profile, in any process."""

    zone: dt.tzinfo
    base_path: str
    renderer: MarkdownRenderer | None = None

    def parse(self, task: tuple[str, str, bytes]) -> tuple[Article | Profile | None, list[Problem], list[Problem]]:
        """Return (item, warnings, problems) for (section, relative path, bytes)."""
        section, rel, data = task
        if self.renderer is None:
            self.renderer = MarkdownRenderer(self.base_path)
        path = Path(rel)
        warnings: list[Problem] = []
        try:
            meta, body, lines = split_front_matter(data, path)
            if section == "articles":
                return _article(path, meta, body, lines, self.zone, self.renderer, warnings), warnings, []
            return _profile(section, path, meta, body, lines, self.renderer, warnings), warnings, []
        except DossierError as exc:
            return None, warnings, exc.problems


def split_front_matter(data: bytes, path: Path) -> tuple[dict[str, Any], str, dict[str, int]]:
    """Return (front matter, Markdown body, line of each key) of a content file."""
    text = decode_utf8(data, path).replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise DossierError(Problem(path, "no front matter: start the file with a line '---', "
                                         "then YAML fields, then '---'", 1))
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise DossierError(Problem(path, "front matter is not closed: add a line '---' after it", 1))
    yaml_text = text[4:end + 1]
    body = text[end + 5:]
    meta = load_yaml(yaml_text, path, line_offset=1)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DossierError(Problem(path, "front matter must be YAML fields (key: value)", 2))
    return meta, body, _key_lines(yaml_text)


def _key_lines(yaml_text: str) -> dict[str, int]:
    """Map each top-level key to its line in the file (the '---' line is line 1)."""
    lines = {}
    for number, line in enumerate(yaml_text.split("\n"), start=2):
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip().strip("'\""), number)
    return lines


def _article(path: Path, meta: dict[str, Any], body: str, lines: dict[str, int],
             zone: dt.tzinfo, renderer: MarkdownRenderer, warnings: list[Problem]) -> Article:
    problems: list[Problem] = []

    def take(name: str, convert: Callable[[Any], Any], default: Any = None, required: bool = False) -> Any:
        if name not in meta or meta[name] is None:
            if required:
                problems.append(Problem(path, f"missing required field '{name}': add '{name}: ...' "
                                              "to the front matter", 2))
            return default
        try:
            return convert(meta[name])
        except FieldError as exc:
            problems.append(Problem(path, str(exc), lines.get(name)))
            return default

    title = take("title", _text("title"), "", required=True)
    date = take("date", lambda v: _datetime(v, zone), None, required=True)
    slug = take("slug", _slug("slug"), "")
    image = take("image", _image)
    url = take("url", lambda v: _url("url", v, warnings, path, lines), "")
    article = Article(
        path=path,
        slug=slug or slugify(title),
        title=title,
        date=date or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc),
        subtitle=take("subtitle", _text("subtitle"), ""),
        summary=take("summary", _text("summary"), ""),
        source=take("source", _slug("source"), ""),
        via=take("via", _slugs("via"), ()),
        place=take("place", _text("place"), ""),
        lang=take("lang", _text("lang"), ""),
        byline=take("byline", _text("byline"), ""),
        actors=take("actors", _slugs("actors"), ()),
        topics=take("topics", _slugs("topics"), ()),
        image=_safe_image(image, warnings, path, lines),
        quotes=take("quotes", _quotes, ()),
        events=take("events", _events, ()),
        url=url,
        story=take("story", _slug("story"), ""),
        draft=take("draft", _bool("draft"), False),
        needs_review=take("needs_review", _bool("needs_review"), False),
        extra=_extra(meta, ARTICLE_FIELDS, warnings, path, lines),
    )
    if title and not article.slug:
        problems.append(Problem(path, "the title gives no usable slug: add 'slug: some-words'",
                                lines.get("title")))
    if problems:
        raise DossierError(problems)
    article.body_html = renderer.render(body)
    return article


def _profile(section: str, path: Path, meta: dict[str, Any], body: str, lines: dict[str, int],
             renderer: MarkdownRenderer, warnings: list[Problem]) -> Profile:
    problems: list[Problem] = []
    slug = path.stem
    if not is_slug(slug):
        problems.append(Problem(path, f"file name '{path.name}' is not a slug: rename it to "
                                      f"'{slugify(slug) or 'some-name'}.md'"))

    def take(name: str, convert: Callable[[Any], Any], default: Any) -> Any:
        if name not in meta or meta[name] is None:
            return default
        try:
            return convert(meta[name])
        except FieldError as exc:
            problems.append(Problem(path, str(exc), lines.get(name)))
            return default

    name = take("name", _text("name"), "")
    if not name:
        problems.append(Problem(path, "missing required field 'name': add 'name: ...' to the front matter", 2))
    kind = take("kind", _text("kind"), "")
    if kind and kind not in PROFILE_KINDS:
        problems.append(Problem(path, f"'kind': {shown(kind)} is not one of {', '.join(PROFILE_KINDS)}",
                                lines.get("kind")))
    profile = Profile(
        section=section,
        slug=slug,
        name=name,
        path=path,
        names=take("names", _names, {}),
        aliases=take("aliases", _texts("aliases"), ()),
        kind=kind,
        role=take("role", _text("role"), ""),
        country=take("country", _text("country"), ""),
        description=take("description", _text("description"), ""),
        keywords=take("keywords", _texts("keywords"), ()),
        url=take("url", lambda v: _url("url", v, warnings, path, lines), ""),
        stub=take("stub", _bool("stub"), False),
        feeds=take("feeds", _feed_urls, ()),
        extra=_extra(meta, PROFILE_FIELDS, warnings, path, lines),
    )
    if problems:
        raise DossierError(problems)
    profile.body_html = renderer.render(body)
    return profile


def _extra(meta: dict[str, Any], known: frozenset[str], warnings: list[Problem], path: Path,
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


def _zone(name: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DossierError(Problem("site.yml", f"'timezone': unknown zone '{name}': use an IANA "
                                               "name such as Europe/Moscow or UTC")) from None


def _text(name: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        raise FieldError(name, f"expected text, got {type(value).__name__}")
    return convert


def _texts(name: str) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise FieldError(name, f"expected a list of text, got {type(value).__name__}")
        return tuple(_text(name)(item) for item in items)
    return convert


def _slug(name: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = _text(name)(value)
        if not is_slug(text):
            suggestion = slugify(text)
            fix = f"write '{suggestion}'" if suggestion else "use lowercase letters, digits and hyphens"
            raise FieldError(name, f"{shown(text)} is not a slug: {fix}")
        return text
    return convert


def _slugs(name: str) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise FieldError(name, f"expected a list of slugs, got {type(value).__name__}")
        return tuple(dict.fromkeys(_slug(name)(item) for item in items))
    return convert


def _bool(name: str) -> Callable[[Any], bool]:
    def convert(value: Any) -> bool:
        if not isinstance(value, bool):
            raise FieldError(name, f"expected true or false, got {shown(value)}")
        return value
    return convert


def _datetime(value: Any, zone: dt.tzinfo) -> dt.datetime:
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


def _partial_date(value: Any) -> str:
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


def _mapping(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(name, f"expected fields (key: value), got {type(value).__name__}")
    return value


def _image(value: Any) -> Image:
    if isinstance(value, str):
        return Image(src=value)
    data = _mapping("image", value)
    return Image(src=_text("image")(data.get("src") or ""),
                 caption=_text("image")(data.get("caption") or ""),
                 credit=_text("image")(data.get("credit") or ""))


def _quotes(value: Any) -> tuple[Quote, ...]:
    if not isinstance(value, list):
        raise FieldError("quotes", "expected a list of {actor, text, via}")
    quotes = []
    for item in value:
        data = _mapping("quotes", item)
        if not data.get("text"):
            raise FieldError("quotes", "every quote needs 'text'")
        quotes.append(Quote(text=_text("quotes")(data["text"]),
                            actor=_slug("quotes")(data["actor"]) if data.get("actor") else "",
                            via=_slug("quotes")(data["via"]) if data.get("via") else ""))
    return tuple(quotes)


def _events(value: Any) -> tuple[Event, ...]:
    if not isinstance(value, list):
        raise FieldError("events", "expected a list of {date, text, actors}")
    events = []
    for item in value:
        data = _mapping("events", item)
        if not data.get("date") or not data.get("text"):
            raise FieldError("events", "every event needs 'date' and 'text'")
        events.append(Event(date=_partial_date(data["date"]), text=_text("events")(data["text"]),
                            actors=_slugs("events")(data.get("actors") or [])))
    return tuple(events)


def _names(value: Any) -> dict[str, str]:
    data = _mapping("names", value)
    return {str(lang): _text("names")(name) for lang, name in data.items()}


def is_safe_url(url: str) -> bool:
    """Return whether url may appear in an href or src (no javascript:, data: and the like)."""
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    return urlsplit(cleaned).scheme in SAFE_URL_SCHEMES and not cleaned.startswith("//")


def _feed_urls(value: Any) -> tuple[str, ...]:
    urls = _texts("feeds")(value)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FieldError("feeds", f"'{url}' is not an http(s) URL: write the feed's full "
                                      "address, e.g. https://agency.example/rss.xml")
    return tuple(dict.fromkeys(urls))


def _url(name: str, value: Any, warnings: list[Problem], path: Path, lines: dict[str, int]) -> str:
    url = _text(name)(value)
    if url and not is_safe_url(url):
        warnings.append(Problem(path, f"'{name}': unsafe URL {shown(url)} dropped: use http(s)",
                                lines.get(name)))
        return ""
    return url


def _safe_image(image: Image | None, warnings: list[Problem], path: Path,
                lines: dict[str, int]) -> Image | None:
    if image is None or not image.src or is_safe_url(image.src):
        return image
    warnings.append(Problem(path, f"'image': unsafe src {shown(image.src)} dropped: use a path or "
                                  "an http(s) URL", lines.get("image")))
    return Image(src="", caption=image.caption, credit=image.credit)
