"""What a site has ingested already, and the lock that lets one ingest write to it at a time."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..util.errors import DossierError, Problem
from .compose import RAW_DIR
from .duplicates import Stories, load_stories

ARTICLES_DIR = "content/articles"
LOCK = ".cache/ingest.lock"


@dataclass
class Ledger:
    """The stories a site holds: kept originals, the articles naming them, the slugs taken."""

    root: Path
    stories: Stories  # every article's text, to find the reports a new story repeats
    originals: dict[int, list[str]] = field(default_factory=dict)  # by size: only equal sizes are read
    articles: dict[str, str] = field(default_factory=dict)  # kept original -> the article whose `raw` it is
    slugs: set[str] = field(default_factory=set)  # every article's URL slug and file name, all years
    recorded: dict[str, bytes] = field(default_factory=dict)  # originals of this run: a dry run writes none

    def original_of(self, raw: bytes) -> str | None:
        """Return the kept original with exactly these bytes, if there is one."""
        # A story is known by its bytes, not by what analysing it today would write:
        # the profiles have changed since, so a new rendering may differ from the first.
        for rel in self.originals.get(len(raw), []):
            kept = self.recorded.get(rel)
            if kept is None:
                try:
                    kept = (self.root / rel).read_bytes()
                except OSError:
                    continue
            if kept == raw:
                return rel
        return None

    def free_slug(self, slug: str) -> str:
        """Return slug, or the first of slug-2, slug-3, ... that no article of any year has."""
        # Every year shares /articles/<slug>/: a slug taken in 2024 is taken in 2026 too.
        candidate, n = slug, 2
        while candidate in self.slugs:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def record(self, raw_path: str, raw: bytes, article_path: str, slug: str) -> None:
        """Note a story written (or, in a dry run, planned) in this run, so the next ones see it."""
        self.originals.setdefault(len(raw), []).append(raw_path)
        self.recorded[raw_path] = raw
        self.articles[raw_path] = article_path
        self.slugs.add(slug)


def read_ledger(root: Path, save_index: bool = True) -> Ledger:
    """Return what the site under root has ingested: its kept originals, its articles and their texts.

    save_index: keep the articles' sketches in .cache for the next run (not in a dry run).
    """
    ledger = Ledger(root, load_stories(root, save=save_index))
    for path in _files(root / RAW_DIR, "*"):
        ledger.originals.setdefault(path.stat().st_size, []).append(path.relative_to(root).as_posix())
    # A file the story index could not read (the build reports it) still holds its name.
    ledger.slugs.update(path.stem for path in _files(root / ARTICLES_DIR, "*.md"))
    # The story index reads each article once and keeps it in .cache: no second reading here.
    for rel, report in ledger.stories.reports.items():
        ledger.slugs.add(report.slug)
        if report.raw:
            ledger.articles[report.raw] = rel
    return ledger


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and not p.name.startswith("."))


@contextlib.contextmanager
def locked(root: Path, err: TextIO) -> Iterator[None]:
    """Hold the site's ingest lock: two ingests at once would each miss the other's profiles."""
    path = root / LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise DossierError(Problem(LOCK, f"cannot open ingest's lock file ({exc.strerror}): "
                                         "make .cache a writable folder")) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another ingest of this site to finish ({LOCK})", file=err, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock, also when the process is killed
