"""Read RSS and Atom feeds over HTTP: conditional requests, new items, remembered state."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

from ...util.errors import DossierError, Problem
from ..http import FetchError, FetchLimits, get
from .story import clean

# Kept with the content, so a fresh clone (or the scheduled workflow) knows what it has seen.
STATE_FILE = "content/sources/feeds-seen.json"
USER_AGENT = "dossier-fetch/1"
FEED_LIMITS = FetchLimits(max_bytes=10 * 2**20)


@dataclass
class FeedState:
    """What one feed's last fetch left: validators for a conditional request, items seen."""

    etag: str = ""
    last_modified: str = ""
    seen: list[str] = field(default_factory=list)  # item keys (GUID, else link), sorted


def load_state(root: Path) -> dict[str, FeedState]:
    """Return each feed's state by feed URL; an unreadable state file counts as empty."""
    path = root / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeDecodeError):
        raise DossierError(Problem(STATE_FILE, "not valid JSON: repair it, or delete it to fetch "
                                               "every item again")) from None
    return {url: FeedState(str(entry.get("etag", "")), str(entry.get("last_modified", "")),
                           sorted(str(k) for k in entry.get("seen", [])))
            for url, entry in data.items() if isinstance(entry, dict)}


def state_text(states: dict[str, FeedState]) -> str:
    """Return the state file's text: sorted, one item key a line, so a diff shows what changed."""
    data = {url: {"etag": s.etag, "last_modified": s.last_modified, "seen": sorted(s.seen)}
            for url, s in sorted(states.items()) if s.etag or s.last_modified or s.seen}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as plain data: nothing in it is trusted."""

    key: str  # GUID, else link: what marks the item as seen
    title: str
    link: str
    html: str  # the entry's content or summary, as feedparser sanitised it
    published: dt.datetime | None
    author: str


@dataclass
class FeedRead:
    """One fetch of a feed: its items, or word that it has not changed."""

    url: str
    modified: bool  # False: the server answered 304 Not Modified
    items: list[FeedItem] = field(default_factory=list)
    unkeyed: list[str] = field(default_factory=list)  # titles of items with neither link nor guid
    etag: str = ""
    last_modified: str = ""


def read_feed(url: str, state: FeedState, limits: FetchLimits = FEED_LIMITS) -> FeedRead:
    """Fetch one feed (conditionally, by the state's validators) and return its items."""
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1"}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    reply = get(url, limits, USER_AGENT, "feed", headers)
    if reply.status == 304:
        return FeedRead(url, modified=False)
    # A stream, never a string: feedparser would take a string for a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(reply.body), response_headers={
        "content-type": reply.content_type, "content-location": reply.url})
    if not parsed.version:
        why = f" ({clean(str(parsed.bozo_exception))})" if parsed.get("bozo") else ""
        raise FetchError(f"not an RSS or Atom feed: the server sent {reply.media_type or 'no type'}{why}")
    items = [_item(entry) for entry in parsed.entries]
    return FeedRead(url, True, [i for i in items if i.key], [i.title for i in items if not i.key],
                    reply.etag, reply.last_modified)


def _item(entry: feedparser.FeedParserDict) -> FeedItem:
    link = str(entry.get("link") or "").strip()
    content = entry.get("content") or []
    html = max((str(c.get("value", "")) for c in content), key=len, default="") or str(entry.get("summary", ""))
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc) if stamp else None
    return FeedItem(key=str(entry.get("id") or link).strip(), title=clean(str(entry.get("title", ""))),
                    link=link, html=html, published=published, author=clean(str(entry.get("author", ""))))
