"""The preview's HTTP face: files under the base path, the reload script in pages, foreign hosts refused."""

from __future__ import annotations

import http.server
import ipaddress
import mimetypes
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, unquote, urlsplit

from . import livereload
from .desk import ACTION_PATH, DESK_PATH, HEADER_CSP, STATIC, Answer, loopback, static_file

if TYPE_CHECKING:
    from .serve import Preview

_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".json": "application/json",
          ".xml": "application/xml; charset=utf-8", ".svg": "image/svg+xml",
          ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8"}
_NOT_BUILT = (b"<!doctype html><html><head><meta charset='utf-8'><title>dossier preview</title>"
              b"</head><body><p>Nothing built yet.</p></body></html>")


def refusal(host: str | None, origin: str | None, reading: bool, *, bound: str, port: int) -> int:
    """Return 0 for a request the preview at bound:port answers, else the status refusing it.

    A page of another site that a browser resolves to 127.0.0.1 (DNS rebinding) sends its
    own name as Host (421); a page elsewhere sending a form or a script's request here
    names itself as Origin (403). Only the names the preview is served under, and
    addresses, are answered.
    """
    if host is not None and not _ours(host, bound, port):
        return 421
    if not reading and origin is not None and not (origin.startswith("http://") and _ours(origin[7:], bound, port)):
        return 403
    return 0


def _ours(netloc: str, bound: str, port: int) -> bool:
    try:
        parts = urlsplit("//" + netloc)
        asked_port = parts.port or 80
    except ValueError:
        return False
    name = (parts.hostname or "").lower()
    if asked_port != port or parts.path or parts.username is not None:
        return False
    if name in ("localhost", bound.lower()):
        return True
    try:
        ipaddress.ip_address(name)  # an address, not a name: nothing a rebinding page can send
    except ValueError:
        return False
    return True


class PreviewServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that knows its preview and keeps dropped tabs out of the terminal."""

    daemon_threads = True
    allow_reuse_address = True
    # A page opens a burst of connections (its styles, scripts, images, the reload stream);
    # socketserver's backlog of 5 drops the rest, and the browser waits a second to try again.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: type, preview: Preview):
        super().__init__(address, handler)
        self.preview = preview

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        # A tab closed or reloaded mid-answer is no news: the terminal is for build results.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class Handler(http.server.BaseHTTPRequestHandler):
    """Serve the preview folder under the base path, with the reload script in every page."""

    server: PreviewServer
    server_version = "dossier-preview"

    def log_message(self, *args: object) -> None:
        pass  # the terminal is for build results

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        preview = self.server.preview
        status = refusal(self.headers.get("Host"), self.headers.get("Origin"),
                         reading=self.command in ("GET", "HEAD"), bound=preview.host, port=preview.port)
        if not status:
            return True
        self.close_connection = True
        self._respond(status, _TYPES[".txt"], f"This preview answers only at {preview.url}\n".encode("utf-8"))
        return False

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        preview = self.server.preview
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == livereload.EVENTS_PATH:
            self._stream(parse_qs(parts.query))
            return
        if path == livereload.SCRIPT_PATH:
            self._respond(200, _TYPES[".js"], livereload.SCRIPT.encode("utf-8"))
            return
        if path.startswith(DESK_PATH):
            self._desk_get(path)
            return
        base = preview.base_path
        if not path.startswith(base):
            self._redirect(base)
            return
        target = _resolve(preview.out_dir, path[len(base):])
        if target is not None and target.is_dir():
            # Rebuilt from the parts, not the request: '/%2Farticles' must not become '//articles/',
            # which a browser reads as another host.
            folder = "".join(quote(part) + "/" for part in path[len(base):].split("/") if part)
            self._redirect(base + folder + (f"?{parts.query}" if parts.query else ""))
            return
        generation = preview.broadcaster.generation
        if target is not None and target.is_file():
            self._send(200, target, generation, page=path.removesuffix("index.html"))
            return
        missing = preview.out_dir / "404.html"
        # A tab on a missing page reloads on any change: the page may exist now.
        self._send(404, missing if missing.is_file() else None, generation, page=None)

    def do_POST(self) -> None:
        if unquote(urlsplit(self.path).path) != ACTION_PATH:
            self._respond(405, _TYPES[".txt"], b"Only the desk takes POST requests\n")
            return
        preview = self.server.preview
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20))
        refused = self._desk_refusal()
        # A request from another origin, or none named, is refused before its token is even read.
        if not refused and self.headers.get("Origin") is None:
            refused = Answer(403, _TYPES[".txt"], b"The desk answers only requests from its own page\n")
        if not refused and self.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            refused = Answer(403, _TYPES[".txt"], b"The desk answers only requests from its own page\n")
        answer = refused or preview.desk.act(self.headers.get("X-Desk-Token", ""),
                                              self.headers.get("Content-Type", ""), body)
        self._answer(answer)

    def _desk_get(self, path: str) -> None:
        preview = self.server.preview
        refused = self._desk_refusal()
        if refused:
            self._answer(refused)
        elif path in STATIC:
            self._answer(static_file(path))
        elif path == DESK_PATH:
            tag = livereload.script_tag(preview.broadcaster.session, preview.broadcaster.generation, None)
            self._answer(preview.desk.page(preview.base_path, tag))
        else:
            self._respond(404, _TYPES[".txt"], b"No such desk page\n")

    def _desk_refusal(self) -> Answer | None:
        """Refuse the desk on a preview other machines can reach, or to a client that is not this one."""
        if loopback(self.server.preview.host) and loopback(self.client_address[0]):
            return None
        return Answer(403, _TYPES[".txt"], b"The desk answers only on a loopback address (serve --host 127.0.0.1)\n")

    def _answer(self, answer: Answer) -> None:
        self._respond(answer.status, answer.kind, answer.data, {"Content-Security-Policy": HEADER_CSP})

    def _send(self, status: int, file: Path | None, generation: int, page: str | None) -> None:
        try:
            data = file.read_bytes() if file is not None else _NOT_BUILT
        except OSError:  # removed by a rebuild between the check and the read
            data, file = _NOT_BUILT, None
        kind = _content_type(file) if file is not None else _TYPES[".html"]
        if kind.startswith("text/html"):
            tag = livereload.script_tag(self.server.preview.broadcaster.session, generation, page)
            data = livereload.inject(data, tag)
        self._respond(status, kind, data)

    def _respond(self, status: int, kind: str, data: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        # One leading slash: '//host/' or '/\\host/' would send the browser to another host.
        self.send_header("Location", "/" + location.lstrip("/\\"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, query: dict[str, list[str]]) -> None:
        session = query.get("session", [""])[0]
        try:
            since = int(query.get("since", ["-1"])[0])
        except ValueError:
            since = -1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

        def send(text: str) -> None:
            self.wfile.write(text.encode("utf-8"))
            self.wfile.flush()

        try:
            self.server.preview.broadcaster.stream(session, since, send)
        except OSError:
            pass  # the tab went away


def _resolve(out_dir: Path, rel: str) -> Path | None:
    """Map a URL path below the base path to a file in out_dir, None if it would leave it."""
    parts = [p for p in rel.split("/") if p]
    if any(p in ("..", ".") or "\\" in p or "\0" in p for p in parts):
        return None
    target = out_dir.joinpath(*parts)
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target


def _content_type(file: Path) -> str:
    suffix = file.suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
