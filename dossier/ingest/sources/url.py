"""Fetch a web page (http/https only, bounded in time and size) for ingest."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...util.slugs import slugify
from ..http import FetchError, FetchLimits, Response, WrongType, get
from .story import SourceError

HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "dossier-ingest/1"


def is_url(text: str) -> bool:
    """Return whether an ingest argument is an address rather than a path."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def fetch_url(url: str, limits: FetchLimits = FetchLimits()) -> Response:
    """Return a web page as the server sent it, after redirects; raise SourceError saying why not."""
    try:
        return get(url, limits, USER_AGENT, "page", {"Accept": "text/html,application/xhtml+xml;q=0.9"}, HTML_TYPES)
    except WrongType as exc:
        raise SourceError(f"not a web page: {exc.url + ' is ' if exc.url != url else ''}{exc.media_type}, "
                          "not HTML (save a PDF or Word file and ingest the file)") from None
    except FetchError as exc:
        raise SourceError(str(exc)) from None


def name_for_url(url: str) -> str:
    """Return a file name to keep a fetched page under: host and path, made safe."""
    parts = urlsplit(url)
    stem = slugify(f"{parts.hostname or ''} {parts.path}")[:100].strip("-") or "page"
    return f"{stem}.html"
