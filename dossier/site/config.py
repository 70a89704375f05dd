"""site.yml: one schema table, typed settings, clear errors."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..util.errors import DossierError, Problem, shown
from ..util.yamlio import decode_utf8, load_yaml

# The layouts and static files bundled with dossier: a site without its own uses these.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LAYOUTS = PACKAGE_ROOT / "layouts"
DEFAULT_STATIC = PACKAGE_ROOT / "static"


@dataclass(frozen=True)
class Setting:
    name: str
    type: type | tuple[type, ...]
    default: Any
    doc: str
    minimum: int = 1  # the least an int setting may be
    form: re.Pattern[str] | None = None  # what a str setting must match in full, when set
    form_doc: str = ""  # what form is and the fix, for the message


# BCP 47 as far as Babel and Pagefind read it: a 2-3 letter language, then short subtags.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")
# A domain name: dot-separated labels of letters, digits and inner hyphens (RFC 1123).
_HOST = re.compile(r"(?=.{4,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]")


# The one place every key of site.yml is defined.
SCHEMA: tuple[Setting, ...] = (
    Setting("title", str, "Dossier", "The dossier's name, shown in every page header."),
    Setting("description", str, "", "One sentence on what the dossier covers (meta and feeds)."),
    Setting("language", str, "en", "Site language code (ru, en): <html lang>, dates, search stemming.",
            form=_LANGUAGE, form_doc="a language code: write one such as en, ru or pt-BR"),
    Setting("base_url", str, "/", "Where the site is published, e.g. https://user.github.io/dossier/."),
    Setting("output_dir", str, "public", "Build output folder, relative to the site root."),
    Setting("pagination", int, 20, "Items per page on long lists."),
    Setting("list_pages", int, 10, "Pages a list of articles runs to (an actor's, a topic's, all "
            "articles); older ones are found in search and the timeline. 0: no limit.", minimum=0),
    Setting("home_articles", int, 10, "Latest articles shown on the home page."),
    Setting("home_actors", int, 12, "Most-mentioned actors shown on the home page."),
    Setting("home_events", int, 8, "Recent in-text events shown on the home page."),
    Setting("related_articles", int, 5, "Related articles listed under an article."),
    Setting("co_actors", int, 10, "Actors listed on a profile as the ones its articles name most."),
    Setting("briefing_articles", int, 10, "Latest articles an actor's or topic's briefing book gathers. "
            "0: no briefing books.", minimum=0),
    Setting("feed_entries", int, 50, "Entries per Atom feed."),
    Setting("author", str, "", "Publisher named in feeds and meta tags."),
    Setting("cname", str, "", "Custom domain for GitHub Pages: written to CNAME when set.",
            form=_HOST, form_doc="a host name: write one such as dossier.example.org"),
    Setting("timezone", str, "UTC", "Zone (IANA name) for articles whose date has no time."),
    Setting("search_shard_pages", int, 10000, "Most pages in one shard of the search index: Pagefind "
            "needs about 150 KB of memory a page of the largest shard."),
    Setting("fetch_private_networks", bool, False, "Let ingest and fetch reach loopback, private and "
            "link-local addresses (sources on an intranet); off, only public addresses are fetched."),
)
_BY_NAME = {s.name: s for s in SCHEMA}


@dataclass(frozen=True)
class Config:
    root: Path
    title: str = "Dossier"
    description: str = ""
    language: str = "en"
    base_url: str = "/"
    output_dir: str = "public"
    pagination: int = 20
    list_pages: int = 10
    home_articles: int = 10
    home_actors: int = 12
    home_events: int = 8
    related_articles: int = 5
    co_actors: int = 10
    briefing_articles: int = 10
    feed_entries: int = 50
    author: str = ""
    cname: str = ""
    timezone: str = "UTC"
    search_shard_pages: int = 10000
    fetch_private_networks: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always with a trailing slash ('/dossier/')."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_url(self) -> str:
        """The absolute base URL with a trailing slash, '' if base_url has no host."""
        parts = urlsplit(self.base_url)
        if not parts.scheme or not parts.netloc:
            return ""
        return f"{parts.scheme}://{parts.netloc}{self.base_path}"


def schema_table() -> str:
    """Return the settings as a Markdown table (for the README)."""
    rows = ["| key | type | default | meaning |", "| --- | --- | --- | --- |"]
    for s in SCHEMA:
        rows.append(f"| `{s.name}` | {s.type.__name__} | `{s.default!r}` | {s.doc} |")
    return "\n".join(rows)


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read root/site.yml against SCHEMA; apply command-line overrides."""
    path = root / "site.yml"
    raw: dict[str, Any] = {}
    text = decode_utf8(path.read_bytes(), "site.yml") if path.exists() else ""
    if text:
        data = load_yaml(text, "site.yml")
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise DossierError(Problem("site.yml", "must be a mapping of settings (key: value)"))
        raw = data
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    keys, values_at = _positions(text)
    for key, value in raw.items():
        setting = _BY_NAME.get(str(key))
        if setting is None:
            hint = difflib.get_close_matches(str(key), _BY_NAME, n=1)
            fix = f"did you mean '{hint[0]}'?" if hint else "known keys: " + ", ".join(_BY_NAME)
            problems.append(Problem("site.yml", f"unknown setting {shown(key)}: {fix}", *keys.get(str(key), ())))
            continue
        if setting.type is int and isinstance(value, bool) or not isinstance(value, setting.type):
            problems.append(Problem(
                "site.yml",
                f"'{key}' must be {setting.type.__name__}, got {type(value).__name__} {shown(value)}",
                *values_at.get(str(key), ()),
            ))
            continue
        if setting.type is int and value < setting.minimum:
            problems.append(Problem("site.yml", f"'{key}' must be {setting.minimum} or more, got {value}",
                                    *values_at.get(key, ())))
            continue
        if setting.form is not None and value and not setting.form.fullmatch(value):
            problems.append(Problem("site.yml", f"'{key}': {shown(value)} is not {setting.form_doc}",
                                    *values_at.get(key, ())))
            continue
        values[key] = value
    if problems:
        raise DossierError(problems)
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    return Config(root=root, **values)


def _positions(text: str) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Map each top-level key of YAML text to where it and its value start: (line, column), from 1."""
    keys: dict[str, tuple[int, int]] = {}
    values: dict[str, tuple[int, int]] = {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return keys, values
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            keys[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            # A wrong value is fixed where it is written, which may be the next line.
            values[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
    return keys, values
