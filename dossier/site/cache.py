"""The build cache in <root>/.cache/build/: parsed content files and what the last build wrote.

Deleting the folder gives a cold build. Every entry is keyed by what produced it
(the file's bytes and path, the code and the settings that shape parsing), so a
stale entry is never used, only ignored and pruned.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..util.errors import DossierError, Problem
from ..util.store import RACY_NS, Stamp, digest, load_keyed, save_keyed, versions
from .model import Article, Profile

FOLDER = Path(".cache") / "build"
SHARDS = 16  # an edit rewrites one shard, not the whole parsed corpus
_PACKAGE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("Markdown", "nh3", "Jinja2", "PyYAML", "babel")


def check_cache_folder(root: Path) -> None:
    """Raise DossierError if <root>/.cache exists but is not a folder."""
    cache = root / FOLDER.parent
    if cache.exists() and not cache.is_dir():
        raise DossierError(Problem(cache, "is a file, but dossier keeps its cache in a folder of this name: "
                                          "remove or rename the file"))


def code_key() -> str:
    """Return a digest of this package's code and the libraries that shape its output."""
    parts: list[str] = []
    # Ingest never shapes a build: the site is made from content/ alone.
    for path in sorted(_PACKAGE.rglob("*.py")):
        rel = path.relative_to(_PACKAGE)
        if rel.parts[0] != "ingest":
            parts += [rel.as_posix(), path.read_text(encoding="utf-8")]
    return digest(*parts, *versions(_LIBRARIES))


@dataclass
class Entry:
    """One parsed content file and the warnings reading it produced."""

    stamp: Stamp
    seen_ns: int  # when stamp was taken
    digest: str  # of the file's path and bytes
    item: Article | Profile
    warnings: tuple[Problem, ...] = ()

    def matches(self, stamp: Stamp) -> bool:
        """Tell whether a file with this stamp certainly still has the cached bytes."""
        return stamp == self.stamp and stamp[0] < self.seen_ns - RACY_NS


@dataclass
class ContentCache:
    """Parsed content files by path, in shards loaded once and saved when they change."""

    folder: Path | None  # None: keep entries in memory only
    key: str  # digest of the code and settings that shape a parsed file
    entries: dict[str, Entry] = field(default_factory=dict)
    _dirty: set[int] = field(default_factory=set)
    _loaded: bool = False

    def get(self, rel: str) -> Entry | None:
        self._load()
        return self.entries.get(rel)

    def put(self, rel: str, entry: Entry) -> None:
        self._load()
        self.entries[rel] = entry
        self._dirty.add(_shard(rel))

    def restamp(self, rel: str, stamp: Stamp, seen_ns: int) -> None:
        """Record that the file still has the cached bytes under a new stamp."""
        entry = self.entries[rel]
        if (entry.stamp, entry.seen_ns) != (stamp, seen_ns):
            entry.stamp, entry.seen_ns = stamp, seen_ns
            self._dirty.add(_shard(rel))

    def keep_only(self, rels: Iterable[str]) -> None:
        """Forget entries of files that no longer exist."""
        self._load()
        wanted = set(rels)
        for rel in [r for r in self.entries if r not in wanted]:
            del self.entries[rel]
            self._dirty.add(_shard(rel))

    def save(self) -> None:
        """Write the shards that changed since they were loaded."""
        if self.folder is None or not self._dirty:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        shards: dict[int, dict[str, Entry]] = {n: {} for n in self._dirty}
        for rel, entry in self.entries.items():
            number = _shard(rel)
            if number in shards:
                shards[number][rel] = entry
        for number, entries in shards.items():
            save_keyed(self.folder / f"content-{number:02d}.pickle", self.key, entries)
        self._dirty.clear()

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self.folder is None:
            return
        for number in range(SHARDS):
            entries = load_keyed(self.folder / f"content-{number:02d}.pickle", self.key)
            if entries is None:
                self._dirty.add(number)
            else:
                self.entries.update(entries)


def _shard(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8")) % SHARDS


