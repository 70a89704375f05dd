"""GET over http(s) only, bounded in time, size and redirects: the one client ingest and fetch share."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Collection
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit


class FetchError(Exception):
    """An address could not be had; the message is the one line the user sees."""


class WrongType(FetchError):
    """The server answered with a media type the caller does not read."""

    def __init__(self, url: str, media_type: str):
        super().__init__(f"{url} is {media_type}")
        self.url = url
        self.media_type = media_type


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0  # seconds for the whole fetch, from connecting to the last byte
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    """An HTTP answer, read whole (within its limit)."""

    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request whose answer has not changed
    body: bytes = b""
    content_type: str = ""  # the header as sent, e.g. 'text/html; charset=windows-1251'
    etag: str = ""
    last_modified: str = ""

    @property
    def media_type(self) -> str:
        message = Message()
        message["Content-Type"] = self.content_type
        return message.get_content_type()


def get(url: str, limits: FetchLimits, agent: str, what: str, headers: dict[str, str] | None = None,
        types: Collection[str] = ()) -> Response:
    """Return url's answer, a what ('page', 'feed'); raise FetchError saying why not.

    With types, an answer of another media type raises WrongType before its body is read.
    """
    check_scheme(url)
    opener = urllib.request.build_opener(_Redirects(limits.max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": agent, **(headers or {})})
    deadline = time.monotonic() + limits.timeout
    try:
        with opener.open(request, timeout=limits.timeout) as reply:
            final = reply.geturl()
            if types and reply.headers.get_content_type() not in types:
                raise WrongType(final, reply.headers.get_content_type())
            length = reply.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limits.max_bytes:
                raise FetchError(f"{what} too large: {_at(final, url)}{_size(int(length))}, "
                                 f"the limit is {_size(limits.max_bytes)}")
            body = b""
            # read1 returns what one receive brings: a server trickling bytes cannot hold
            # the fetch past its deadline, nor a body without Content-Length past the limit.
            while chunk := reply.read1(65536):
                body += chunk
                if len(body) > limits.max_bytes:
                    raise FetchError(f"{what} too large: {_at(final, url)}over the {_size(limits.max_bytes)} limit")
                if time.monotonic() > deadline:
                    raise FetchError(_slow(limits))
            return Response(final, reply.status, body, reply.headers.get("Content-Type", ""),
                            reply.headers.get("ETag", ""), reply.headers.get("Last-Modified", ""))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url, 304)
        if 300 <= exc.code < 400:
            raise FetchError(f"too many redirects (over {limits.max_redirects})") from None
        raise FetchError(f"HTTP {exc.code} {exc.reason}" + (f" at {exc.url}" if exc.url != url else "")) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise FetchError(_slow(limits)) from None
        raise FetchError(f"cannot connect: {exc.reason}") from None
    except (socket.timeout, TimeoutError):
        raise FetchError(_slow(limits)) from None
    except (ConnectionError, OSError) as exc:
        raise FetchError(f"cannot fetch: {exc}") from None


def check_scheme(url: str, redirected: bool = False) -> None:
    """Raise FetchError unless url is an http(s) address with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(("redirected to " + url + ": " if redirected else "")
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
        check_scheme(newurl, redirected=True)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
