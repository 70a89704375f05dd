"""Pagefind: index lean copies of pages through its service, and return the bundle's files.

Pagefind reads from a page the elements marked data-pagefind-body, the data-pagefind-*
attributes anywhere, the first <h1>, the first image after it and the <title>. A page of
the dossier keeps all of that in its body element, so Pagefind is handed only that
element with the <html> tag and the title: 2.1 MB instead of 15 MB for the 676 pages of
the open shard at 10,000 articles, and the same bundle (bench/README.md, issue 23).
Through its service (`pagefind --service`, messages on stdin and stdout) the pages go
from memory and the bundle comes back in memory: nothing is staged on disk for Pagefind
to walk, and the search stage writes only the files that changed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from ..util.errors import DossierError, Problem

# Pagefind writes its own ready-made interfaces too; our search page has its own
# (static/js/search.js), so a deployed site does not carry 400 KB nobody loads.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

_BODY = b"data-pagefind-body"
_IGNORE = b"data-pagefind-ignore"
_NAME = re.compile(rb"<([a-z][a-z0-9]*)")
# What Pagefind reads outside a body element: a page that has any of it there is handed whole.
_OUTSIDE = (b"data-pagefind-", b"<h1", b"<img")
_HTML = re.compile(rb"<html\b[^>]*>")
_TITLE = re.compile(rb"<title\b[^>]*>.*?</title\s*>", re.DOTALL)


def lean(html: bytes) -> bytes:
    """Return what Pagefind reads of a page, as a page it reads alike; b"" for a page it does not index."""
    low = html.lower()  # HTML's names are read in any case; the positions stay those of html
    bodies = list(_elements(low))
    if not bodies:
        return b""
    gaps = zip([end for _, end in [(0, 0), *bodies]], [start for start, _ in [*bodies, (len(low), 0)]])
    if any(low.find(needle, start, end) >= 0 for start, end in gaps for needle in _OUTSIDE):
        return html
    opening, title = _HTML.search(low), _TITLE.search(low)
    return _without_ignored(b"".join([
        html[opening.start():opening.end()] if opening else b"<html>", b"<head>",
        html[title.start():title.end()] if title else b"", b"</head><body>",
        *(html[start:end] for start, end in bodies), b"</body></html>"]))


def _without_ignored(page: bytes) -> bytes:
    """Return page without the elements marked data-pagefind-ignore that hold no other data-pagefind- attribute.

    Pagefind indexes none of their text, so a change in them (a profile's briefing link,
    which comes with its first story) need not index the profile's shard again. One whose
    end is not found (a void element) is kept.
    """
    low = page.lower()
    kept, at = [], 0
    for start, end in _elements(low, _IGNORE):
        # A filter or meta inside one still counts (data-pagefind-ignore="index", the default).
        if end < len(low) and low.count(b"data-pagefind-", start, end) == 1:
            kept.append(page[at:start])
            at = end
    return b"".join([*kept, page[at:]])


def _elements(low: bytes, marker: bytes = _BODY) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each outermost element carrying the marker attribute in a lower-cased page, in its order."""
    at = 0
    # Found as bytes, then the tag around it: a regular expression tried at every tag is
    # three times slower on a profile's long lists.
    while (attribute := low.find(marker, at)) >= 0:
        start = low.rfind(b"<", 0, attribute)
        name = _NAME.match(low, start)
        if start < 0 or name is None or low.find(b">", start, attribute) >= 0:  # not inside a tag: text
            at = attribute + len(marker)
            continue
        # The element ends where the tags of its name that open and close after it balance.
        tags = re.compile(rb"<(/?)" + re.escape(name.group(1)) + rb"\b[^>]*>")
        depth, end = 0, len(low)
        for match in tags.finditer(low, start):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                end = match.end()
                break
        yield start, end
        at = end


def url_of(path: str) -> str:
    """Return the URL Pagefind gives the page at path (relative to the output folder): without index.html."""
    return "/" + path.removesuffix("index.html") if path.endswith("/index.html") or path == "index.html" else "/" + path


def run(language: str, pages: Iterable[tuple[str, bytes]], where: Path) -> dict[str, bytes]:
    """Index pages ((URL, lean copy), in this order) as one bundle; return its files by relative path.

    pages may be read lazily: Pagefind indexes each while the next is read. where names the
    output folder in an error. Pagefind numbers pages in the order given, so the same pages
    in the same order give the same bundle.
    """
    try:  # the binary's own package: the Python API's imports asyncio (80 ms)
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise DossierError(Problem(where, "search index failed: Pagefind is not installed:"
                                          " .venv/bin/pip install -r requirements.txt")) from None
    with tempfile.TemporaryFile() as errors:
        service = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=errors)
        # Written from a thread while the answers are read, so neither pipe fills up and stops the other.
        failed: list[Exception] = []
        writer = threading.Thread(target=_send, args=(service, language, pages, failed), daemon=True)
        writer.start()
        try:
            answer = _answer(service, where, errors)
        finally:
            writer.join()
            try:
                service.stdin.close()  # Pagefind's service ends when its input does
            except BrokenPipeError:
                pass
            service.wait()
            if failed:  # the pages could not be read: that, not Pagefind's end, is the reason
                raise failed[0]
    return {file["path"]: base64.b64decode(file["content"]) for file in answer["files"] if file["path"] not in UNUSED}


# Message 1 makes the index, the pages are 3 and on, 2 asks for the bundle's files: sent
# last, answered last (the service answers in order).
_NEW, _FILES, _PAGES = 1, 2, 3


def _send(service: subprocess.Popen, language: str, pages: Iterable[tuple[str, bytes]], failed: list[Exception]) -> None:
    """Send Pagefind's service a new index, each page, then the request for the files."""
    messages = chain(
        [(_NEW, {"type": "NewIndex", "config": {"force_language": language}})],
        ((number, {"type": "AddFile", "index_id": 0, "url": url, "file_contents": html.decode("utf-8", "replace")})
         for number, (url, html) in enumerate(pages, _PAGES)),
        [(_FILES, {"type": "GetFiles", "index_id": 0})])
    try:
        for number, payload in messages:
            service.stdin.write(base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode()) + b",")
        service.stdin.flush()
    except BrokenPipeError:  # Pagefind died: its reason is on stderr
        pass
    except Exception as error:  # noqa: BLE001 (handed to the caller, which raises it)
        failed.append(error)
        with contextlib.suppress(BrokenPipeError):
            service.stdin.close()  # stops Pagefind, so the reader does not wait for an answer that never comes


def _answer(service: subprocess.Popen, where: Path, errors) -> dict:
    """Read Pagefind's answers until the one with the bundle's files; return its payload."""
    parts: list[bytes] = []
    while chunk := service.stdout.read1(1 << 20):
        *ends, rest = chunk.split(b",")
        for end in ends:
            answer = json.loads(base64.b64decode(b"".join([*parts, end])))
            parts = []
            payload = answer["payload"]
            if payload["type"] == "Error":
                raise DossierError(Problem(where, f"search index failed: {payload['message']}"))
            if answer["message_id"] == _FILES:
                return payload
        parts.append(rest)
    service.wait()
    errors.seek(0)
    reason = errors.read().decode("utf-8", "replace").strip().splitlines() or [f"exit code {service.returncode}"]
    raise DossierError(Problem(where, f"search index failed: {reason[-1]}"))
