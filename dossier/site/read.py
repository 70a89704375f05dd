"""Read content/: split front matter, type every field, gather every problem."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..util.errors import DossierError, Problem, shown
from ..util.parallel import map_forked
from ..util.slugs import is_slug, slugify
from ..util.store import Stamp, digest, now_ns, stamp_of
from ..util.walk import list_files
from ..util.yamlio import decode_utf8, load_yaml
from . import fields
from .cache import ContentCache, Entry
from .config import Config
from .corrections import read_corrections
from .markup import MarkdownRenderer
from .model import PROFILE_KINDS, Article, Profile

SECTIONS = ("actors", "topics", "sources")
ARTICLE_FIELDS = frozenset({
    "title", "date", "slug", "subtitle", "summary", "source", "via", "place", "lang", "byline",
    "actors", "topics", "image", "quotes", "events", "url", "story", "draft", "needs_review",
})
PROFILE_FIELDS = frozenset({
    "name", "names", "aliases", "kind", "role", "country", "description", "keywords", "not_keywords", "url",
    "stub", "feeds",
})


@dataclass
class Content:
    articles: list[Article] = field(default_factory=list)
    profiles: dict[str, dict[str, Profile]] = field(
        default_factory=lambda: {section: {} for section in SECTIONS})
    warnings: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # relative path -> digest of its bytes
    moved: dict[str, str] = field(default_factory=dict)  # the editor's merged actor slug -> the slug it became


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
    [(article, _, problems)] = parse_articles(config, [(rel, data)])
    return None if problems else article


def parse_articles(config: Config, files: list[tuple[str, bytes]]) -> list[tuple[Article | None, list[Problem],
                                                                                  list[Problem]]]:
    """Parse article files (relative path, bytes) as read_content does: (article, warnings, problems) each."""
    parser = _Parser(_zone(config.timezone), config.base_path)
    parsed = [parser.parse(("articles", rel, data)) for rel, data in files]
    return [(item if isinstance(item, Article) else None, warnings, problems) for item, warnings, problems in parsed]


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
    reader = fields.FieldReader(path, meta, lines)
    take, problems = reader.take, reader.problems
    title = take("title", fields.as_text("title"), "", required=True)
    date = take("date", lambda v: fields.as_moment(v, zone), None, required=True)
    slug = take("slug", fields.as_slug("slug"), "")
    image = take("image", fields.as_image)
    url = take("url", lambda v: fields.checked_url("url", v, warnings, path, lines), "")
    article = Article(
        path=path,
        slug=slug or slugify(title),
        title=title,
        date=date or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc),
        subtitle=take("subtitle", fields.as_text("subtitle"), ""),
        summary=take("summary", fields.as_text("summary"), ""),
        source=take("source", fields.as_slug("source"), ""),
        via=take("via", fields.as_slugs("via"), ()),
        place=take("place", fields.as_text("place"), ""),
        lang=take("lang", fields.as_text("lang"), ""),
        byline=take("byline", fields.as_text("byline"), ""),
        actors=take("actors", fields.as_slugs("actors"), ()),
        topics=take("topics", fields.as_slugs("topics"), ()),
        image=fields.safe_image(image, warnings, path, lines),
        quotes=take("quotes", fields.as_quotes, ()),
        events=take("events", fields.as_events, ()),
        url=url,
        story=take("story", fields.as_slug("story"), ""),
        draft=take("draft", fields.as_bool("draft"), False),
        needs_review=take("needs_review", fields.as_bool("needs_review"), False),
        extra=fields.extra_fields(meta, ARTICLE_FIELDS, warnings, path, lines),
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
    reader = fields.FieldReader(path, meta, lines)
    take, problems = reader.take, reader.problems
    slug = path.stem
    if not is_slug(slug):
        problems.append(Problem(path, f"file name '{path.name}' is not a slug: rename it to "
                                      f"'{slugify(slug) or 'some-name'}.md'"))

    name = take("name", fields.as_text("name"), "")
    if not name:
        problems.append(Problem(path, "missing required field 'name': add 'name: ...' to the front matter", 2))
    kind = take("kind", fields.as_text("kind"), "")
    if kind and kind not in PROFILE_KINDS:
        problems.append(Problem(path, f"'kind': {shown(kind)} is not one of {', '.join(PROFILE_KINDS)}",
                                lines.get("kind")))
    profile = Profile(
        section=section,
        slug=slug,
        name=name,
        path=path,
        names=take("names", fields.as_names, {}),
        aliases=take("aliases", fields.as_texts("aliases"), ()),
        kind=kind,
        role=take("role", fields.as_text("role"), ""),
        country=take("country", fields.as_text("country"), ""),
        description=take("description", fields.as_text("description"), ""),
        keywords=take("keywords", fields.as_texts("keywords"), ()),
        not_keywords=take("not_keywords", fields.as_texts("not_keywords"), ()),
        url=take("url", lambda v: fields.checked_url("url", v, warnings, path, lines), ""),
        stub=take("stub", fields.as_bool("stub"), False),
        feeds=take("feeds", fields.as_feed_urls, ()),
        extra=fields.extra_fields(meta, PROFILE_FIELDS, warnings, path, lines),
    )
    if problems:
        raise DossierError(problems)
    profile.body_html = renderer.render(body)
    return profile


def _zone(name: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DossierError(Problem("site.yml", f"'timezone': unknown zone '{name}': use an IANA "
                                               "name such as Europe/Moscow or UTC")) from None
