"""Watching: a pure classifier of changed paths, a handler that only enqueues, a debounce."""

from __future__ import annotations

import enum
import queue
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from ..ingest.inbox import INBOX, is_story_name
from ..site.corrections import CORRECTIONS

# The folders and the one file of a site that a preview follows.
WATCHED_DIRS = ("content", "layouts", "static", INBOX)
SETTINGS_FILE = "site.yml"
PROFILE_SECTIONS = ("actors", "topics", "sources")
# Editors save through these; none of them is ever content.
_TEMP_SUFFIXES = (".swp", ".swo", ".swx", ".swpx", ".tmp", ".temp", ".bak", ".orig", ".part",
                  ".crdownload", ".kate-swp")
_TEMP_NAMES = frozenset({"4913", ".DS_Store", "Thumbs.db", "desktop.ini"})


class Kind(enum.Enum):
    """What a changed path is, which decides what must be rebuilt."""

    ARTICLE = "article"
    PROFILE = "profile"
    LAYOUT = "layout"
    STATIC = "static"
    SETTINGS = "settings"
    INBOX = "inbox"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Change:
    """One filesystem event, relative to the site root."""

    path: PurePosixPath
    is_dir: bool = False
    deleted: bool = False


@dataclass
class Plan:
    """What one batch of changes asks the preview to do, in the order it does it."""

    ingest: list[PurePosixPath] = field(default_factory=list)  # inbox stories, and folders to walk for them
    # Article files saved in place: their own pages can be shown before the rest is rebuilt.
    saved: list[PurePosixPath] = field(default_factory=list)
    content: bool = False  # articles or profiles changed: re-read, re-render dependants, re-index
    layouts: bool = False  # templates changed: re-render the pages using them
    static: bool = False  # static files changed: copy them
    settings: bool = False  # site.yml changed: everything, base path included

    @property
    def rebuild(self) -> bool:
        return self.content or self.layouts or self.static or self.settings

    @property
    def reindex(self) -> bool:
        """Whether page text may have changed, so the search index must follow."""
        return self.content or self.layouts or self.settings


def is_editor_temp(name: str) -> bool:
    """Tell whether a file name is an editor's swap, backup or half-written temp file."""
    return (name in _TEMP_NAMES or name.startswith((".#", ".~", "~$", ".tmp-", ".goutputstream"))
            or name.endswith("~") or (name.startswith("#") and name.endswith("#"))
            or name.lower().endswith(_TEMP_SUFFIXES))


def classify(path: PurePosixPath, is_dir: bool = False) -> Kind:
    """Say what a path relative to the site root is, from its name alone."""
    parts = path.parts
    if not parts or any(is_editor_temp(p) for p in parts) or any(p.startswith(".") for p in parts):
        return Kind.IGNORED
    top = parts[0]
    if len(parts) == 1:
        if top == SETTINGS_FILE and not is_dir:
            return Kind.SETTINGS
        # A whole watched folder appearing or vanishing (a checkout, an rm -r); inbox/
        # made with stories already in it raises no event for them: it is walked.
        folders = {"content": Kind.ARTICLE, "layouts": Kind.LAYOUT, "static": Kind.STATIC, INBOX: Kind.INBOX}
        return folders.get(top, Kind.IGNORED) if is_dir else Kind.IGNORED
    if top == "layouts":
        return Kind.LAYOUT
    if top == "static":
        return Kind.STATIC
    if top == INBOX:
        # A story at any depth, as `ingest` walks folders; a folder is walked when it
        # appears, since one made or moved in with stories inside raises no event for them.
        return Kind.INBOX if all(is_story_name(p) for p in parts[1:]) else Kind.IGNORED
    if top != "content":
        return Kind.IGNORED
    return _classify_content(parts[1:], is_dir)


def _classify_content(parts: tuple[str, ...], is_dir: bool) -> Kind:
    section = parts[0]
    markdown = not is_dir and parts[-1].endswith(".md")
    if parts == (PurePosixPath(CORRECTIONS).name,) and not is_dir:
        return Kind.PROFILE  # the editor's corrections: redirects of actors' old addresses
    if section == "articles":
        # A moved or deleted folder of articles takes its pages with it.
        return Kind.ARTICLE if markdown or is_dir or len(parts) == 1 else Kind.IGNORED
    if section in PROFILE_SECTIONS:
        # Only the top level holds profiles: content/sources/raw/ keeps ingested originals.
        if len(parts) == 1:
            return Kind.PROFILE
        return Kind.PROFILE if len(parts) == 2 and markdown else Kind.IGNORED
    return Kind.IGNORED


def plan(changes: Iterable[Change]) -> Plan:
    """Fold a batch of changes into one plan: each kind rebuilt once, inbox stories listed once."""
    result = Plan()
    for change in changes:
        kind = classify(change.path, change.is_dir)
        if kind is Kind.INBOX:
            if not change.deleted and change.path not in result.ingest:
                result.ingest.append(change.path)
        elif kind in (Kind.ARTICLE, Kind.PROFILE):
            result.content = True
            if kind is Kind.ARTICLE and not (change.deleted or change.is_dir) and change.path not in result.saved:
                result.saved.append(change.path)
        elif kind is Kind.LAYOUT:
            result.layouts = True
        elif kind is Kind.STATIC:
            result.static = True
        elif kind is Kind.SETTINGS:
            result.settings = True
    return result


class Enqueue(FileSystemEventHandler):
    """Put every event's paths, relative to root, on a queue; decide nothing here."""

    def __init__(self, root: Path, events: queue.Queue[Change]):
        self.root = root
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        # A folder's "modified" only says its listing changed; the file events say what.
        if event.event_type in ("opened", "closed_no_write") or (
                event.is_directory and event.event_type == "modified"):
            return
        deleted = event.event_type in ("deleted", "moved")
        for raw, gone in ((event.src_path, deleted), (getattr(event, "dest_path", ""), False)):
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode())
            try:
                rel = PurePosixPath(path.relative_to(self.root).as_posix())
            except ValueError:
                continue
            self.events.put(Change(rel, event.is_directory, gone))


def collect(events: queue.Queue[Change], first: Change, quiet: float = 0.05,
            longest: float = 3.0) -> list[Change]:
    """Gather first and what follows until quiet seconds pass with no event (at most longest)."""
    # A checkout or an editor's write-then-rename arrives as a burst: one rebuild for all.
    batch = [first]
    deadline = time.monotonic() + longest
    while True:
        wait = min(quiet, deadline - time.monotonic())
        if wait <= 0:
            return batch
        try:
            batch.append(events.get(timeout=wait))
        except queue.Empty:
            return batch
