"""The `fetch` command: read the sources' feeds and ingest the items not seen before."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..site.config import Config, load_config
from ..site.read import read_profiles
from ..util.errors import DossierError, Problem
from ..util.slugs import slugify
from ..util.store import write_atomic
from .command import Done, Outcome, ingest_with, session
from .compose import Draft, FeedFacts, IngestResult, draft_source, draft_story
from .http import FetchError, FetchLimits, private_networks
from .ledger import Ledger
from .profiles import KnownProfiles
from .sources import SourceError, fetch_url
from .sources.feed import FEED_LIMITS, STATE_FILE, FeedItem, FeedState, load_state, read_feed, state_text
from .sources.html import html_paragraphs
from .sources.text import story_from_blocks


@dataclass
class Tally:
    """What a run did, counted for its summary line."""

    feeds: int = 0
    unchanged: int = 0
    failed_feeds: int = 0
    new: int = 0
    ingested: int = 0
    already: int = 0  # new items whose story the site holds already
    failed_items: int = 0

    def line(self, dry_run: bool) -> str:
        verb = "would ingest" if dry_run else "ingested"
        already = f"{self.already} already ingested, " if self.already else ""
        return (f"fetch: {self.feeds} feeds ({self.unchanged} not modified, {self.failed_feeds} failed), "
                f"{self.new} new items, {self.ingested} {verb}, {already}{self.failed_items} failed")


@dataclass
class Printer:
    """Say what happens: human lines or JSON Lines on stdout, errors on stderr, progress on a tty."""

    as_json: bool
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    def progress(self, text: str) -> None:
        if self.err.isatty():
            self.err.write("\r\x1b[K" + text[:100])
            self.err.flush()

    def done_progress(self) -> None:
        if self.err.isatty():
            self.err.write("\r\x1b[K")
            self.err.flush()

    def feed(self, source: str, url: str, status: str, items: int = 0, new: int = 0, error: str = "") -> None:
        self.done_progress()
        if self.as_json:
            record: dict[str, Any] = {"feed": url, "source": source, "status": status, "items": items, "new": new}
            if error:
                record["error"] = error
            print(json.dumps(record, ensure_ascii=False), file=self.out, flush=True)
        if error:
            print(f"error: {source}: {url}: {error}", file=self.err, flush=True)
        elif not self.as_json:
            said = "not modified since the last fetch" if status == "not-modified" else f"{new} new of {items} items"
            print(f"{source}: {url}: {said}", file=self.out, flush=True)

    def skipped(self, source: str, feed: str, title: str) -> None:
        self.done_progress()
        print(f"warning: {source}: {feed}: the item {title[:80]!r} has neither link nor guid: skipped, as it "
              "can be neither fetched nor marked as seen", file=self.err, flush=True)

    def item(self, source: str, feed: str, item: FeedItem, result: IngestResult, outcome: Outcome) -> None:
        self.done_progress()
        if self.as_json:
            record = {"feed": feed, "source": source, "item": item.key, "link": item.link,
                      "path": result.article_path or None, "front_matter": result.front_matter,
                      "actors": [a.as_json() for a in result.actors],
                      "warnings": result.warnings + outcome.notes, "written": outcome.written}
            if result.error:
                record["error"] = result.error
            print(json.dumps(record, ensure_ascii=False, default=str), file=self.out, flush=True)
        shown = item.link or item.key
        if result.error:
            print(f"error: {source}: {shown}: {result.error}", file=self.err, flush=True)
            return
        if outcome.already and not self.as_json:
            print(f"  {shown}: already ingested as {result.article_path}: nothing written", file=self.out, flush=True)
        elif not self.as_json:
            wrote = "would write" if outcome.dry_run else "wrote"
            verb = wrote if outcome.written else "unchanged"
            new = sum(a.new for a in result.actors)
            print(f"  {shown}: {verb} {result.article_path} ({len(result.actors)} actors, {new} new)",
                  file=self.out, flush=True)
            for path in outcome.written:
                if path != result.article_path:
                    print(f"    {wrote} {path}", file=self.out, flush=True)
        for note in result.warnings + outcome.notes:
            print(f"warning: {source}: {shown}: {note}", file=self.err, flush=True)


def run(root: Path, source: str | None = None, dry_run: bool = False, as_json: bool = False) -> int:
    """Fetch every feed (or one source's), ingest the new items; return 1 if any failed."""
    config = load_config(root)
    feeds = _feeds(config, source)
    private = private_networks(config)
    printer = Printer(as_json)
    if not feeds:
        print("fetch: no feeds: list some in a source profile, e.g. "
              "'feeds: [https://agency.example/rss.xml]' in content/sources/<slug>.md", file=sys.stderr)
        return 0
    states = load_state(root)
    tally = Tally()
    # The same lock as ingest's: a fetch beside an ingest or the preview's inbox waits its turn.
    with session(root, sys.stderr, dry_run) as (known, ledger):
        for slug, url in feeds:
            tally.feeds += 1
            printer.progress(f"[{tally.feeds}/{len(feeds)}] {slug}: {url}")
            states[url] = _fetch_feed(root, slug, url, states.get(url, FeedState()), known, ledger, printer,
                                      tally, dry_run, private)
    if source is None:
        # A feed no profile lists any more leaves the state with it.
        states = {url: state for url, state in states.items() if url in {u for _, u in feeds}}
    if not dry_run:
        _write_state(root, states)
    print(tally.line(dry_run), file=sys.stderr if as_json else sys.stdout)
    return 1 if tally.failed_feeds or tally.failed_items else 0


def _feeds(config: Config, only: str | None) -> list[tuple[str, str]]:
    """Return (source slug, feed URL) for every feed the source profiles list."""
    sources = read_profiles(config, "sources")
    if only is not None:
        if only not in sources:
            raise DossierError(Problem(f"content/sources/{only}.md",
                                       f"--source {only}: no such source profile"))
        if not sources[only].feeds:
            raise DossierError(Problem(f"content/sources/{only}.md", "lists no feeds: add "
                                       "'feeds: [https://agency.example/rss.xml]'"))
        sources = {only: sources[only]}
    return [(slug, url) for slug, profile in sorted(sources.items()) for url in profile.feeds]


def _fetch_feed(root: Path, source: str, url: str, state: FeedState, known: KnownProfiles, ledger: Ledger,
                printer: Printer, tally: Tally, dry_run: bool, private: tuple[str, ...]) -> FeedState:
    """Read one feed, ingest its new items; return the feed's state for the next run."""
    try:
        read = read_feed(url, state, replace(FEED_LIMITS, private_networks=private))
    except FetchError as exc:
        tally.failed_feeds += 1
        printer.feed(source, url, "error", error=str(exc))
        return state
    if not read.modified:
        tally.unchanged += 1
        printer.feed(source, url, "not-modified")
        return state
    for title in read.unkeyed:
        printer.skipped(source, url, title)
    seen = set(state.seen)
    new = [item for item in read.items if item.key not in seen]
    printer.feed(source, url, "fetched", len(read.items), len(new))
    tally.new += len(new)
    done = set()
    for number, item in enumerate(new, start=1):
        printer.progress(f"  [{number}/{len(new)}] {item.title or item.link}")
        try:
            stories = ingest_item(root, item, source, known, ledger, dry_run, FetchLimits(private_networks=private))
        except Exception as exc:  # one bad item must not stop the others
            stories = [(IngestResult(input=item.link, raw=b"",
                                     error=f"ingest failed ({type(exc).__name__}: {exc})"), Outcome())]
        for result, outcome in stories:
            printer.item(source, url, item, result, outcome)
        if any(result.error for result, _ in stories):
            tally.failed_items += 1
            continue
        if all(outcome.already for _, outcome in stories):
            tally.already += 1
        else:
            tally.ingested += 1
        done.add(item.key)
    current = {item.key for item in read.items}
    # Keys of items that left the feed are dropped: the file stays as long as the feed is.
    kept = sorted((seen & current) | done)
    if len(done) < len(new):
        # An item failed: without the validators the next run gets the whole feed and retries it.
        return FeedState("", "", kept)
    return FeedState(read.etag, read.last_modified, kept)


def ingest_item(root: Path, item: FeedItem, source: str, known: KnownProfiles, ledger: Ledger,
                dry_run: bool, limits: FetchLimits = FetchLimits()) -> Done:
    """Fetch an item's page and ingest it as a web page, with what the feed says about it."""
    if not item.link:
        return [(IngestResult(input=item.key, raw=b"", error="the item has no link"), Outcome())]
    try:
        page = fetch_url(item.link, limits)
    except SourceError as exc:
        return [(IngestResult(input=item.link, raw=b"", error=f"dead link: {exc}"), Outcome())]
    name = _raw_name(source, item)

    def analyse() -> list[Draft]:
        feed = FeedFacts(source, item.link, item.author, item.published)
        drafts = draft_source(page.body, name, known, content_type=page.content_type, url=page.url, feed=feed)
        if all(draft.error for draft in drafts):
            # A page with no article to extract (a brief, a video page): the feed's text is the story.
            drafts = [_feed_story(item, name, page.body, known, feed)]
        for draft in drafts:
            draft.input = item.link
        return drafts

    return ingest_with(root, page.body, item.link, analyse, known, ledger, dry_run, story_is_raw=False)


def _feed_story(item: FeedItem, name: str, page: bytes, known: KnownProfiles, feed: FeedFacts) -> Draft:
    """Return the article the feed's own title and text make, keeping the page as its original."""
    blocks = [b for b in [item.title, *(html_paragraphs(item.html) if item.html.strip() else [])] if b]
    date = (item.published or dt.datetime.now(dt.timezone.utc)).date()
    story = story_from_blocks(blocks, page, "feed", titled=bool(item.title))
    return draft_story(story, name, known, date=date, feed=feed)


def _raw_name(source: str, item: FeedItem) -> str:
    """Return a file name for the item's page: source, then the link's last path segment."""
    segment = urlsplit(item.link).path.rstrip("/").rpartition("/")[2]
    stem, dot, _ = segment.rpartition(".")
    stem = slugify(stem if dot else segment)[:60].strip("-") or slugify(item.title)[:60].strip("-") or "item"
    return f"{source}-{stem}.html"


def _write_state(root: Path, states: dict[str, FeedState]) -> None:
    path = root / STATE_FILE
    text = state_text(states)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return  # a run with nothing new leaves the file, and git, as they were
    write_atomic(path, text.encode("utf-8"))

