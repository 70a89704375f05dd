"""Fetch a web page (http/https only, bounded in time and size) for ingest."""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from ...slugs import slugify
from .story import SourceError

HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "dossier-ingest/1"


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0  # seconds for the whole fetch, from connecting to the last byte
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


class Fetched(NamedTuple):
    raw: bytes  # the body as the server sent it
    url: str  # after redirects
    content_type: str  # the header as sent, e.g. 'text/html; charset=windows-1251'


def is_url(text: str) -> bool:
    """Return whether an ingest argument is an address rather than a path."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def fetch_url(url: str, limits: FetchLimits = FetchLimits()) -> Fetched:
    """Return a web page's bytes, final URL and media type; raise SourceError saying why not."""
    _check_scheme(url)
    opener = urllib.request.build_opener(_Redirects(limits.max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html,application/xhtml+xml;q=0.9"})
    deadline = time.monotonic() + limits.timeout
    try:
        with opener.open(request, timeout=limits.timeout) as response:
            final = response.geturl()
            media_type = response.headers.get_content_type()
            if media_type not in HTML_TYPES:
                raise SourceError(f"not a web page: {_at(final, url)}{media_type}, not HTML "
                                  "(save a PDF or Word file and ingest the file)")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limits.max_bytes:
                raise SourceError(f"page too large: {_at(final, url)}{_size(int(length))}, "
                                  f"the limit is {_size(limits.max_bytes)}")
            raw = b""
            # read1 returns what one receive brings: a server trickling bytes cannot hold
            # the fetch past its deadline, nor a body without Content-Length past the limit.
            while chunk := response.read1(65536):
                raw += chunk
                if len(raw) > limits.max_bytes:
                    raise SourceError(f"page too large: {_at(final, url)}over the "
                                      f"{_size(limits.max_bytes)} limit")
                if time.monotonic() > deadline:
                    raise SourceError(_slow(limits))
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise SourceError(f"too many redirects (over {limits.max_redirects})") from None
        raise SourceError(f"HTTP {exc.code} {exc.reason}" + (f" at {exc.url}" if exc.url != url else "")) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise SourceError(_slow(limits)) from None
        raise SourceError(f"cannot connect: {exc.reason}") from None
    except (socket.timeout, TimeoutError):
        raise SourceError(_slow(limits)) from None
    except (ConnectionError, OSError) as exc:
        raise SourceError(f"cannot fetch: {exc}") from None
    return Fetched(raw, final, response.headers.get("Content-Type", media_type))


def name_for_url(url: str) -> str:
    """Return a file name to keep a fetched page under: host and path, made safe."""
    parts = urlsplit(url)
    stem = slugify(f"{parts.hostname or ''} {parts.path}")[:100].strip("-") or "page"
    return f"{stem}.html"


def _check_scheme(url: str, redirected: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(("redirected to " + url + ": " if redirected else "")
                          + "only http:// and https:// addresses are fetched")


def _at(final: str, asked: str) -> str:
    """Name the address a message is about when redirects led away from the one asked for."""
    return f"{final} is " if final != asked else ""


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:.1f} MB"
    return f"{count / 1024:.1f} kB" if count >= 1024 else f"{count} bytes"


def _slow(limits: FetchLimits) -> str:
    return f"no complete answer within {limits.timeout:g} s"


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only, and only so many."""

    def __init__(self, most: int):
        super().__init__()
        self.max_redirections = most

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _check_scheme(newurl, redirected=True)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
