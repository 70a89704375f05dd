"""`build.py fetch` end to end: real feeds from a real HTTP server on 127.0.0.1, the real CLI."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import os
import pty
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest

from helpers import REPO, http_server

FIXTURES = Path(__file__).resolve().parent / "fetch"
MINISTER = "content/articles/2026/testland-minister-alice-example-meets-council-chair-robert-sample.md"
HARBOUR = "content/articles/2026/invented-harbour-reopens-in-testville.md"
BUDGET = "content/articles/2026/council-of-testland-votes-on-an-invented-budget.md"


class Site:
    """What the server serves (path -> (content type, bytes)) and what it was asked for."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.base = ""


class _Handler(http.server.BaseHTTPRequestHandler):
    site: Site
    stamp = formatdate(1772000000, usegmt=True)

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.site.hits[self.path] += 1
        if self.path not in self.site.files:
            self.send_error(404, "Not Found")
            return
        kind, body = self.site.files[self.path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        # Feeds carry validators; a repeat request with them is answered 304, as real servers do.
        if self.headers.get("If-None-Match") == etag and self.headers.get("If-Modified-Since") == self.stamp:
            self.site.not_modified[self.path] += 1
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if kind.endswith("xml"):
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", self.stamp)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def web() -> Iterator[Site]:
    """Serve the fixtures: an RSS 2.0 feed, an Atom feed, a page that is not a feed, item pages."""
    site = Site()
    with http_server(type("Handler", (_Handler,), {"site": site})) as base:
        site.base = base
        for name, kind in (("rss.xml", "application/rss+xml"), ("atom.xml", "application/atom+xml"),
                           ("not-a-feed.html", "text/html; charset=utf-8")):
            text = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base)
            site.files[f"/{name}"] = (kind, text.encode("utf-8"))
        for page in ("minister-meets-chair", "budget-vote"):  # harbour-reopens is a dead link
            site.files[f"/news/{page}.html"] = ("text/html; charset=utf-8",
                                               (FIXTURES / "news" / f"{page}.html").read_bytes())
        yield site


def make_site(root: Path, base: str) -> Path:
    """A site whose three source profiles list the served feeds, on 127.0.0.1: it opts in to private networks."""
    (root / "site.yml").write_text("title: Fetch test\nfetch_private_networks: true\n", encoding="utf-8")
    sources = root / "content" / "sources"
    sources.mkdir(parents=True)
    for slug, name, feed in (("synthetic-wire", "Synthetic Wire", "rss.xml"),
                             ("testland-courier", "Testland Courier", "atom.xml"),
                             ("broken-herald", "Broken Herald", "not-a-feed.html")):
        (sources / f"{slug}.md").write_text(f"---\nname: {name}\nfeeds: ['{base}/{feed}']\n---\n",
                                            encoding="utf-8")
    (root / "content" / "actors").mkdir()
    (root / "content" / "actors" / "robert-sample.md").write_text(
        "---\nname: Robert Sample\nkind: person\nrole: council chair (synthetic)\n---\n", encoding="utf-8")
    return root


def fetch(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "fetch", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fetch_ingests_new_items_reports_bad_ones_and_fetches_nothing_twice(tmp_path: Path, web: Site) -> None:
    root = make_site(tmp_path, web.base)
    first = fetch(root)
    assert first.returncode == 1  # a feed and an item failed; the others went on
    assert "Traceback" not in first.stderr and "\r" not in first.stderr  # no progress line off a terminal
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert errors[0].startswith(f"error: broken-herald: {web.base}/not-a-feed.html: not an RSS or Atom "
                                "feed: the server sent text/html")
    assert errors[1:] == [f"error: synthetic-wire: {web.base}/news/harbour-reopens.html: "
                          "dead link: HTTP 404 Not Found"]
    assert first.stdout.splitlines()[-1] == ("fetch: 3 feeds (0 not modified, 1 failed), 3 new items, "
                                             "2 ingested, 1 failed")
    assert f"synthetic-wire: {web.base}/rss.xml: 2 new of 2 items" in first.stdout
    assert f"  {web.base}/news/minister-meets-chair.html: wrote {MINISTER} (2 actors, 1 new)" in first.stdout

    minister = (root / MINISTER).read_text(encoding="utf-8")
    assert minister.startswith("---\ntitle: Testland minister Alice Example meets council chair Robert Sample\n"
                               "date: 2026-03-03 06:30:00+00:00\nplace: Testville\nsource: synthetic-wire\n")
    assert f"url: {web.base}/news/minister-meets-chair.html\nbyline: desk@wire.example (Jane Placeholder)\n" in minister
    assert "raw: content/sources/raw/synthetic-wire-minister-meets-chair.html\n" in minister
    assert "we discussed every invented question today" in minister
    # The page is the original, byte for byte; the feed's script is text nowhere, run nowhere.
    assert (root / "content/sources/raw/synthetic-wire-minister-meets-chair.html").read_bytes() == \
        (FIXTURES / "news/minister-meets-chair.html").read_bytes()
    budget = (root / BUDGET).read_text(encoding="utf-8")
    assert "source: testland-courier\n" in budget and "byline: Sam Fictional\n" in budget
    assert "pwned" not in budget and "<script" not in budget and "<b>" not in budget
    assert "The council of Testland voted on an invented budget on Thursday." in budget
    assert f"warning: testland-courier: {web.base}/news/budget-vote.html: no dateline in the feed's text: " \
           "place unknown" in first.stderr
    assert not (root / HARBOUR).exists()

    state = json.loads((root / "content/sources/feeds-seen.json").read_text(encoding="utf-8"))
    assert state[f"{web.base}/atom.xml"]["seen"] == ["urn:synthetic:courier:budget"]
    assert state[f"{web.base}/atom.xml"]["etag"].startswith('"')
    # The failed item is not seen, and no validators are kept, so the next run retries it.
    assert state[f"{web.base}/rss.xml"] == {"etag": "", "last_modified": "", "seen": ["synthetic-wire-0001"]}
    assert f"{web.base}/not-a-feed.html" not in state

    # The dead link comes back to life: the second run ingests it, and only it.
    web.files["/news/harbour-reopens.html"] = ("text/html", (FIXTURES / "news/harbour-reopens.html").read_bytes())
    second = fetch(root, "--source", "synthetic-wire")
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == [
        f"synthetic-wire: {web.base}/rss.xml: 1 new of 2 items",
        f"  {web.base}/news/harbour-reopens.html: wrote {HARBOUR} (1 actors, 0 new)",
        "    wrote content/sources/raw/synthetic-wire-harbour-reopens.html",
        "fetch: 1 feeds (0 not modified, 0 failed), 1 new items, 1 ingested, 0 failed"]
    assert web.hits["/news/minister-meets-chair.html"] == 1

    # Nothing new: every good feed answers 304, nothing is fetched again, nothing written.
    web.files.pop("/not-a-feed.html")
    (root / "content/sources/broken-herald.md").unlink()
    before = snapshot(root)
    third = fetch(root)
    assert third.returncode == 0, third.stderr
    assert third.stdout.splitlines() == [
        f"synthetic-wire: {web.base}/rss.xml: not modified since the last fetch",
        f"testland-courier: {web.base}/atom.xml: not modified since the last fetch",
        "fetch: 2 feeds (2 not modified, 0 failed), 0 new items, 0 ingested, 0 failed"]
    assert web.not_modified == Counter({"/rss.xml": 1, "/atom.xml": 1})
    assert snapshot(root) == before


def test_dry_run_json_writes_nothing_and_prints_one_object_per_feed_and_item(tmp_path: Path, web: Site) -> None:
    root = make_site(tmp_path, web.base)
    before = snapshot(root)
    result = fetch(root, "--dry-run", "--json")
    assert result.returncode == 1
    assert snapshot(root) == before
    records = [json.loads(line) for line in result.stdout.splitlines()]
    feeds = [r for r in records if "status" in r]
    items = [r for r in records if "item" in r]
    assert len(records) == len(feeds) + len(items)
    assert [(f["source"], f["status"], f["items"], f["new"]) for f in feeds] == [
        ("broken-herald", "error", 0, 0), ("synthetic-wire", "fetched", 2, 2), ("testland-courier", "fetched", 1, 1)]
    assert feeds[0]["error"].startswith("not an RSS or Atom feed")
    assert [(i["item"], i["path"], i.get("error")) for i in items] == [
        ("synthetic-wire-0001", MINISTER, None),
        ("synthetic-wire-0002", None, "dead link: HTTP 404 Not Found"),
        ("urn:synthetic:courier:budget", BUDGET, None)]
    assert items[0]["written"] == [
        "content/sources/raw/synthetic-wire-minister-meets-chair.html", MINISTER, "content/actors/alice-example.md",
        "content/actors/robert-sample.md"]  # a new actor's stub, and an alias the profile lacked
    assert items[0]["front_matter"]["url"] == f"{web.base}/news/minister-meets-chair.html"
    assert result.stderr.splitlines()[-1] == ("fetch: 3 feeds (0 not modified, 1 failed), 3 new items, "
                                              "2 would ingest, 1 failed")


def test_a_feed_that_is_no_http_url_is_one_line_naming_file_line_and_fix(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text("title: Fetch test\n", encoding="utf-8")
    (tmp_path / "content/sources").mkdir(parents=True)
    (tmp_path / "content/sources/synthetic-wire.md").write_text(
        "---\nname: Synthetic Wire\nfeeds:\n  - file:///etc/passwd\n---\n", encoding="utf-8")
    result = fetch(tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("error: content/sources/synthetic-wire.md:3: 'feeds': 'file:///etc/passwd' is not "
                             "an http(s) URL: write the feed's full address, e.g. https://agency.example/rss.xml\n")


def test_progress_is_shown_on_a_terminal(tmp_path: Path, web: Site) -> None:
    root = make_site(tmp_path, web.base)
    for slug in ("synthetic-wire", "broken-herald"):
        (root / f"content/sources/{slug}.md").unlink()
    main, terminal = pty.openpty()
    with os.fdopen(main, "rb", buffering=0) as screen:
        done = subprocess.run([sys.executable, str(REPO / "build.py"), "fetch", "--root", str(root)],
                              stdout=subprocess.PIPE, stderr=terminal, text=True, check=False)
        os.close(terminal)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the terminal's other end is closed
            while chunk := screen.read(4096):
                shown += chunk
    assert done.returncode == 0
    # Each progress line overwrites the last and is wiped before anything else is said.
    assert shown.decode().split("warning:")[0] == (
        f"\r\x1b[K[1/1] testland-courier: {web.base}/atom.xml\r\x1b[K"
        "\r\x1b[K  [1/1] Council of Testland votes on an invented budget\r\x1b[K")


def test_a_broken_state_file_is_one_line_and_nothing_is_fetched(tmp_path: Path) -> None:
    root = make_site(tmp_path, "http://127.0.0.1:9")  # the discard port: nothing may be asked of it
    (root / "content/sources/feeds-seen.json").write_text('{"http://x": {"seen": [', encoding="utf-8")
    result = fetch(root)
    assert result.returncode == 1
    assert result.stderr == ("error: content/sources/feeds-seen.json: not valid JSON: repair it, or delete it "
                             "to fetch every item again\n")
    assert result.stdout == ""


BRIEFS = [("Testland council approves an invented bridge toll",
           "TESTVILLE, Mar 5 (Synthetic Wire) - The invented council of Testland approved a toll on the "
           "Exampleton bridge on Thursday, chair Robert Sample said."),
          ("Synthetic ferry strike ends in Exampleton",
           "EXAMPLETON, Mar 5 (Synthetic Wire) - Invented ferry crews in Exampleton ended a two-day strike "
           "after talks with the harbour office, a union spokesman said."),
          ("Testland minister Alice Example opens an invented school",
           "OTHERTOWN, Mar 5 (Synthetic Wire) - Testland minister Alice Example opened a synthetic school "
           "in Othertown on Thursday, the ministry said in a statement.")]
VIDEO_PAGE = b"<!doctype html><html><head><title>Video</title></head><body><p>Watch the video.</p></body></html>"


def briefs_feed(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed of (guid, title, text) briefs whose links all lead to one short video page."""
    entries = "".join(f"<item><title>{title}</title><link>{base}/short/{guid}</link><guid isPermaLink='false'>brief-{guid}</guid>"
                      f"<pubDate>Thu, 05 Mar 2026 10:00:00 GMT</pubDate><description>{text}</description></item>"
                      for guid, title, text in items)
    return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Synthetic briefs</title>"
            f"{entries}<item><title>An invented brief with no address</title><description>No link, no guid."
            f"</description></item></channel></rss>").encode("utf-8")


def test_briefs_linking_one_page_are_three_stories_and_a_resent_brief_is_one(tmp_path: Path, web: Site) -> None:
    root = make_site(tmp_path, web.base)
    for slug in ("testland-courier", "broken-herald"):
        (root / f"content/sources/{slug}.md").unlink()
    items = [(str(401 + n), title, text) for n, (title, text) in enumerate(BRIEFS)]
    # The first brief again under another guid and link: the same story, not a fourth.
    items.append(("404", *BRIEFS[0]))
    web.files["/rss.xml"] = ("application/rss+xml", briefs_feed(web.base, items))
    for guid, _, _ in items:
        web.files[f"/short/{guid}"] = ("text/html; charset=utf-8", VIDEO_PAGE)
    first = fetch(root)
    assert first.returncode == 0, first.stderr
    out = first.stdout.splitlines()
    assert out[0] == f"synthetic-wire: {web.base}/rss.xml: 4 new of 4 items"
    assert out[-1] == "fetch: 1 feeds (0 not modified, 0 failed), 4 new items, 3 ingested, 1 already ingested, 0 failed"
    articles = sorted((root / "content/articles/2026").glob("*.md"))
    assert [p.stem for p in articles] == ["synthetic-ferry-strike-ends-in-exampleton",
                                          "testland-council-approves-an-invented-bridge-toll",
                                          "testland-minister-alice-example-opens-an-invented-school"]
    for path, (title, text) in zip(articles, [BRIEFS[1], BRIEFS[0], BRIEFS[2]]):
        written = path.read_text(encoding="utf-8")
        assert f"title: {title}\n" in written and text.split(" - ")[1][:40] in written
    toll = "content/articles/2026/testland-council-approves-an-invented-bridge-toll.md"
    assert f"  {web.base}/short/404: already ingested as {toll}: nothing written" in out
    assert ("warning: synthetic-wire: " f"{web.base}/rss.xml: the item 'An invented brief with no address' has "
            "neither link nor guid: skipped, as it can be neither fetched nor marked as seen") in first.stderr
    state = json.loads((root / "content/sources/feeds-seen.json").read_text(encoding="utf-8"))
    assert state[f"{web.base}/rss.xml"]["seen"] == ["brief-401", "brief-402", "brief-403", "brief-404"]
    # A run with the feed changed (validators do not match) finds nothing new.
    web.files["/rss.xml"] = ("application/rss+xml", briefs_feed(web.base, items) + b"\n")
    again = fetch(root)
    assert again.stdout.splitlines()[0] == f"synthetic-wire: {web.base}/rss.xml: 0 new of 4 items"


def test_an_item_is_the_feeds_sources_and_a_dry_run_says_would_write(tmp_path: Path, web: Site) -> None:
    root = make_site(tmp_path, web.base)
    for slug in ("testland-courier", "broken-herald"):
        (root / f"content/sources/{slug}.md").unlink()
    # The brief's dateline names another agency: the feed is Synthetic Wire's, so is the story.
    title, text = BRIEFS[0][0], BRIEFS[0][1].replace("(Synthetic Wire)", "(Northwind Wire)")
    web.files["/rss.xml"] = ("application/rss+xml", briefs_feed(web.base, [("401", title, text)]))
    web.files["/short/401"] = ("text/html; charset=utf-8", VIDEO_PAGE)
    toll = "content/articles/2026/testland-council-approves-an-invented-bridge-toll.md"
    dry = fetch(root, "--dry-run")
    assert f"  {web.base}/short/401: would write {toll} (1 actors, 0 new)" in dry.stdout.splitlines()
    assert "    would write content/sources/raw/synthetic-wire-401.html" in dry.stdout.splitlines()
    assert "wrote" not in dry.stdout
    done = fetch(root)
    assert done.returncode == 0, done.stderr
    written = (root / toll).read_text(encoding="utf-8")
    assert "\nsource: synthetic-wire\n" in written and "raw: content/sources/raw/synthetic-wire-401.html\n" in written
