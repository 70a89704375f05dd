"""Plumbing for the preview tests: a synthetic site, an event-stream client, bounded waits."""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
WAIT = 30.0  # seconds before a wait gives up: a bound on failure, not a speed assertion
_SCRIPT_STATE = re.compile(r'<script src="/__dossier/livereload.js" data-dossier-livereload '
                           r'data-session="([0-9a-f]+)" data-since="(\d+)"')


def article(slug: str, title: str, *, date: str = "2024-03-05", actors: str = "alpha-person",
            body: str = "Synthetic body text for a preview test.") -> str:
    """Return a synthetic article file."""
    return (f"---\ntitle: {title}\ndate: {date}\nslug: {slug}\nsource: test-wire\n"
            f"actors: [{actors}]\n---\n{body}\n")


def write_site(root: Path, articles: int = 3) -> Path:
    """Write a small, plainly synthetic site published under /dossier/; return root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text(
        "title: Synthetic preview dossier\nlanguage: en\nbase_url: https://example.org/dossier/\n",
        encoding="utf-8")
    for section, slug, text in (("actors", "alpha-person", "name: Alpha Person\nkind: person\n"),
                                ("sources", "test-wire", "name: Test Wire\n")):
        folder = root / "content" / section
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(f"---\n{text}---\nA synthetic profile.\n", encoding="utf-8")
    folder = root / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, articles + 1):
        save(folder / f"story-{i}.md", article(f"story-{i}", f"Synthetic story number {i}",
                                                date=f"2024-03-{i:02d}"))
    return root


def save(path: Path, text: str) -> None:
    """Save like an editor does: write a temp file beside the target, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


def fetch(url: str) -> tuple[int, str, dict[str, str]]:
    """GET url without following redirects; return status, body text and headers."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=WAIT)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
    finally:
        conn.close()


def wait_for(check: Callable[[], T | None], what: str, timeout: float = WAIT) -> T:
    """Poll check until it returns something truthy; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


class EventStream:
    """The reload stream a page opens, read the way the injected script reads it."""

    def __init__(self, page_url: str, since: int | None = None):
        """Open the stream page_url's script opens, or, given since, the one it opens after
        hearing that generation since changed other pages, not its own."""
        status, html, _ = fetch(page_url)
        assert status in (200, 404), status
        match = _SCRIPT_STATE.search(html)
        assert match, "the page carries no reload script"
        session = match.group(1)
        since = int(match.group(2)) if since is None else since
        parts = urlsplit(page_url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=WAIT)
        self.conn.request("GET", f"/__dossier/events?session={session}&since={since}")
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> tuple[str, dict]:
        """Return the next event's name and data, skipping heartbeats (bounded by WAIT)."""
        name, data = "", ""
        while True:
            line = self.response.fp.readline().decode("utf-8")
            if not line:
                raise AssertionError("the event stream closed")
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and name:
                return name, json.loads(data)

    def wait(self, wanted: str) -> dict:
        """Read events until one named wanted arrives; return its data."""
        while True:
            name, data = self.next()
            if name == wanted:
                return data
            if name == "reload":
                raise AssertionError(f"stream ended with reload while waiting for {wanted}")

    def close(self) -> None:
        self.conn.close()


def status_of(url: str) -> int:
    """Return the HTTP status of a GET, redirects not followed."""
    return fetch(url)[0]


def open_url(url: str) -> str:
    """GET url following redirects; return the body text."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8")
