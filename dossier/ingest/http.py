"""GET over http(s) only, to public addresses, bounded in time, size and redirects: the one client ingest and fetch share."""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from email.message import Message
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from ..site.config import Config
from .addresses import ALL, Refused, networks, resolve


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
    # Networks beyond the public internet that may be fetched from, in CIDR form: every one
    # (addresses.ALL) when site.yml says fetch_private_networks: true, for sources on an intranet.
    private_networks: tuple[str, ...] = ()


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


def private_networks(config: Config) -> tuple[str, ...]:
    """Return the networks beyond the public internet a site lets ingest and fetch reach."""
    return ALL if config.fetch_private_networks else ()


def get(url: str, limits: FetchLimits, agent: str, what: str, headers: dict[str, str] | None = None,
        types: Collection[str] = ()) -> Response:
    """Return url's answer, a what ('page', 'feed'); raise FetchError saying why not.

    With types, an answer of another media type raises WrongType before its body is read.
    Every hop of a redirect is checked as the first address is: scheme, host, addresses.
    """
    check_scheme(url)
    deadline = time.monotonic() + limits.timeout  # one for the whole fetch, every hop included
    current, hops = url, 0
    while True:
        connection = _Connection(current, limits.private_networks, deadline)
        try:
            reply = _ask(connection, current, url, {"User-Agent": agent, **(headers or {})}, limits)
            location = reply.getheader("Location", "").strip()
            if reply.status in _REDIRECTS and location:
                if hops == limits.max_redirects:
                    raise FetchError(f"too many redirects (over {limits.max_redirects})")
                current, hops = urljoin(current, location), hops + 1
                check_scheme(current, redirected=True)
                continue
            if reply.status == 304:
                return Response(url, 304)
            if not 200 <= reply.status < 300:
                raise FetchError(f"HTTP {reply.status} {reply.reason}" + (f" at {current}" if current != url else ""))
            return _read(reply, connection, current, url, what, limits, types)
        finally:
            connection.end()


_REDIRECTS = (301, 302, 303, 307, 308)
_SAFE = "/%:@!$&'()*+,;=~"  # what a path keeps as it is; spaces and other letters are %-escaped


def _ask(connection: _Connection, current: str, asked: str, headers: dict[str, str],
         limits: FetchLimits) -> http.client.HTTPResponse:
    """Connect, send the request and read the answer's headers, all within the fetch's deadline."""
    parts = urlsplit(current)
    redirected = f"redirected to {current}: " if current != asked else ""
    try:
        connection.connect()
    except Refused as exc:
        raise FetchError(redirected + str(exc)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(_slow(limits)) from None
    except socket.gaierror as exc:
        raise FetchError(f"{redirected}cannot connect: no address for {parts.hostname} ({exc.strerror})") from None
    except OSError as exc:
        raise FetchError(f"{redirected}cannot connect: {exc}") from None
    try:
        target = urlunsplit(("", "", quote(parts.path or "/", _SAFE), quote(parts.query, _SAFE + "?"), ""))
        connection.request("GET", target, headers=headers)
        return connection.getresponse()
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(_slow(limits) if _expired(connection, exc) else f"cannot fetch: {exc}") from None


def _expired(connection: _Connection, exc: Exception) -> bool:
    """Return whether exc is the fetch's deadline: the timer's cut, or the socket's timeout set to it."""
    # Both end at the same moment; whichever comes first, the answer was not complete in time.
    return connection.cut or isinstance(exc, TimeoutError)


def _read(reply: http.client.HTTPResponse, connection: _Connection, final: str, asked: str, what: str,
          limits: FetchLimits, types: Collection[str]) -> Response:
    """Return the answer with its body, read within the size limit and the fetch's deadline."""
    media_type = reply.headers.get_content_type()
    if types and media_type not in types:
        raise WrongType(final, media_type)
    length = reply.getheader("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"{what} too large: {_at(final, asked)}{size_text(int(length))}, "
                         f"the limit is {size_text(limits.max_bytes)}")
    body = b""
    try:
        # read1 returns what one receive brings: a body without Content-Length stops at the limit.
        while chunk := reply.read1(65536):
            body += chunk
            if len(body) > limits.max_bytes:
                raise FetchError(f"{what} too large: {_at(final, asked)}over the "
                                 f"{size_text(limits.max_bytes)} limit")
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(_slow(limits) if _expired(connection, exc) else f"cannot fetch: {exc}") from None
    if connection.cut:
        raise FetchError(_slow(limits))  # the end of the body was only the deadline closing it
    return Response(final, reply.status, body, reply.getheader("Content-Type", ""),
                    reply.getheader("ETag", ""), reply.getheader("Last-Modified", ""))


def check_scheme(url: str, redirected: bool = False) -> None:
    """Raise FetchError unless url is an http(s) address with a host."""
    parts = urlsplit(url)
    said = "redirected to " + url + ": " if redirected else ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(said + "only http:// and https:// addresses are fetched")
    try:
        parts.port
    except ValueError:
        raise FetchError(said + "the port is not a number from 0 to 65535") from None
    if not parts.hostname:
        raise FetchError(said + "the address names no host")


def _at(final: str, asked: str) -> str:
    """Name the address a message is about when redirects led away from the one asked for."""
    return f"{final} is " if final != asked else ""


def size_text(count: int) -> str:
    """Return a byte count as people read it: '3.0 GB', '1.5 MB', '2.0 kB', '12 bytes'."""
    if count >= 2**30:
        return f"{count / 2**30:.1f} GB"
    if count >= 2**20:
        return f"{count / 2**20:.1f} MB"
    return f"{count / 1024:.1f} kB" if count >= 1024 else f"{count} bytes"


def _slow(limits: FetchLimits) -> str:
    return f"no complete answer within {limits.timeout:g} s"


class _Connection(http.client.HTTPConnection):
    """One connection to an address checked before it is used, cut when the fetch's time is up."""

    def __init__(self, url: str, private: tuple[str, ...], deadline: float):
        parts = urlsplit(url)
        tls = parts.scheme == "https"
        super().__init__(parts.hostname or "", parts.port or (443 if tls else 80))
        self.default_port = 443 if tls else 80  # so the Host header names no port when none is needed
        self.tls = ssl.create_default_context() if tls else None
        self.private = networks(private)
        self.deadline = deadline
        self.cut = False  # set when the deadline closed the connection
        self._watch: threading.Timer | None = None
        self._raw: socket.socket | None = None

    def connect(self) -> None:
        """Connect to one of the host's checked addresses: never a second, unchecked lookup."""
        resolved = resolve(self.host, self.port, self._left(), self.private)
        failure: OSError = OSError(f"no address for {self.host}")
        for family, sockaddr in resolved.addresses:
            raw = socket.socket(family, socket.SOCK_STREAM)
            raw.settimeout(self._left())
            try:
                raw.connect(sockaddr)
            except OSError as exc:
                raw.close()
                failure = exc
                continue
            break
        else:
            raise failure
        # Headers trickled a byte a second pass any per-receive timeout: a timer cuts the
        # connection at the deadline, whatever stage the exchange is in.
        self._raw = raw
        self._watch = threading.Timer(self._left(), self._cut)
        self._watch.daemon = True
        self._watch.start()
        self.sock = self._raw = self.tls.wrap_socket(raw, server_hostname=self.host) if self.tls else raw

    def end(self) -> None:
        """Close the connection and stop its timer (http.client's close may come before the body is read)."""
        if self._watch is not None:
            self._watch.cancel()
        if self._raw is not None:
            self._raw.close()
        self.close()

    def _left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the fetch's time is up")
        return left

    def _cut(self) -> None:
        self.cut = True
        if self._raw is not None:
            with contextlib.suppress(OSError):
                # The plain socket's shutdown, also under TLS: the reading thread then meets the end.
                socket.socket.shutdown(self._raw, socket.SHUT_RDWR)
