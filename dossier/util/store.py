"""Files kept between runs: stamps, digests, and pickles written atomically and checked on load.

Anything that does not load or fails its digest reads as missing, so a torn or stale
file is rebuilt, never trusted. A file being written is a temporary named after the
writing process, so a killed writer's leftovers can be told apart and removed.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISDIR
from typing import Any

# A file changed within this long of the scan that stamped it might change again
# with the same size and mtime (coarse clocks): such a stamp is not trusted.
RACY_NS = 2_000_000_000
# Where mtimes have sub-second parts the kernel stamps writes at its clock tick (a few
# ms), so a stamp this much older than the scan is trusted for the whole input set.
FINE_RACY_NS = 100_000_000
_CHECK = 16  # bytes of digest ahead of each checked file's payload
_TMP = ".tmp-"  # a file being written: .tmp-<pid>-<random>

Stamp = tuple[int, int]  # (mtime_ns, size)


def stamp_of(stat: os.stat_result) -> Stamp:
    """Return the part of a stat that changes when a file is written."""
    return (stat.st_mtime_ns, stat.st_size)


def racy_ns(mtimes: Iterable[int]) -> int:
    """Return how long before a scan a file's mtime must be for its stamp to be trusted."""
    # A file system that keeps whole seconds (FAT, some network mounts) needs the long window.
    return FINE_RACY_NS if any(mtime % 1_000_000_000 for mtime in mtimes) else RACY_NS


def scan_stamps(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Return (path, mtime_ns, size) of each path and of everything below it, sorted.

    A missing path has size -1. Folders count too: their mtime changes when an
    entry is added, removed or renamed.
    """
    found: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            found.append((str(path), 0, -1))
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
        if os.path.isdir(path):
            _scan_folder(str(path), found, set())
    found.sort()
    return found


def _scan_folder(folder: str, found: list[tuple[str, int, int]], seen: set[str]) -> None:
    # os.scandir, not Path.rglob: at 10,000 files the pathlib objects cost more than the stats.
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                info = entry.stat()
            except OSError:  # a link to nothing, or a loop: the reader says which, in one line
                info = entry.stat(follow_symlinks=False)
            found.append((entry.path, info.st_mtime_ns, info.st_size))
            if not S_ISDIR(info.st_mode):
                continue
            if entry.is_symlink():
                # Each linked folder once, so a link back up does not go round forever.
                real = os.path.realpath(entry.path)
                if real in seen:
                    continue
                seen.add(real)
            _scan_folder(entry.path, found, seen)


def digest(*parts: bytes | str) -> str:
    """Return a short, collision-safe hex digest of parts."""
    # The repr of the strings (and the lengths of the bytes) is unambiguous and made in C:
    # fingerprinting 15,000 pages of ~40 parts each, per-part updates cost seconds.
    header = repr([part if isinstance(part, str) else len(part) for part in parts])
    hasher = hashlib.blake2b(header.encode("utf-8", "surrogatepass"), digest_size=16)
    for part in parts:
        if not isinstance(part, str):
            hasher.update(part)
    return hasher.hexdigest()


def versions(names: Iterable[str]) -> list[str]:
    """Return 'name==version' for each installed distribution, 'name missing' for the others."""
    # Every build asks (the code's key): read from the dist-info folders' names, which installers
    # write as {name}-{version}.dist-info. importlib.metadata, for an install without one, costs
    # a rebuild 20 to 40 ms to import.
    listed = _dist_infos()
    found = []
    for name in names:
        version = listed.get(_normal(name))
        if version is None:
            import importlib.metadata

            try:
                version = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                found.append(f"{name} missing")
                continue
        found.append(f"{name}=={version}")
    return found


def _dist_infos() -> dict[str, str]:
    """Return the version of each distribution with a dist-info folder on sys.path; the first found wins."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(_normal(name), version)
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # a distribution's name as installers compare it


def load_pickle(path: Path) -> Any:
    """Return what save_pickle stored at path, or None if it is missing, damaged or unreadable."""
    data = load_checked(path)
    if data is None:
        return None
    # Unpickling builds many small objects: collecting garbage meanwhile only slows it.
    with no_cycle_collection():
        try:
            return pickle.loads(data)
        except Exception:  # a cache from another version: rebuild instead
            return None


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the collector of reference cycles while a stage builds many lasting objects.

    Each of its full passes walks every object alive: with a 10,000-article site in
    memory, the passes that allocating the site's indexes set off cost a third of a
    second of a rebuild, and find next to nothing to free.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save_pickle(path: Path, value: Any) -> None:
    """Store value at path atomically, so a reader never sees half a cache file."""
    save_checked(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def load_checked(path: Path) -> bytes | None:
    """Return the bytes save_checked stored at path; None if missing or not the bytes stored."""
    # A cache file torn or garbled by anything (a full disk, a stray edit) must never be
    # trusted: a pickle or compiled template loaded from it could crash every build.
    try:
        data = path.read_bytes()
    except OSError:
        return None
    check, payload = data[:_CHECK], data[_CHECK:]
    return payload if check == hashlib.blake2b(payload, digest_size=_CHECK).digest() else None


def save_checked(path: Path, payload: bytes) -> None:
    """Store payload at path atomically, with a digest that load_checked verifies."""
    write_atomic(path, hashlib.blake2b(payload, digest_size=_CHECK).digest() + payload)


def write_atomic(path: Path, data: bytes, create: bool = False) -> None:
    """Write data to path whole or not at all; when create, never replace a file (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Hidden and ending in .tmp, so that watchers and content readers pass it by.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{_TMP}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if create:
            os.link(tmp, path)  # fails if path exists, unlike a rename
        else:
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def remove_strays(folder: Path) -> None:
    """Remove the temporary files that killed processes left in folder and its subfolders."""
    for current, _, files in os.walk(folder):
        for name in files:
            pid = name[len(_TMP):].split("-", 1)[0] if name.startswith(_TMP) else ""
            if pid.isdigit() and not _alive(int(pid)):
                Path(current, name).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def load_keyed(path: Path, key: str) -> Any:
    """Return the value save_keyed stored at path under key; None if missing, unreadable or keyed otherwise."""
    data = load_pickle(path)
    return data[1] if isinstance(data, tuple) and len(data) == 2 and data[0] == key else None


def save_keyed(path: Path, key: str, value: Any) -> None:
    """Store value at path with the key (a digest of what produced it) it is valid for."""
    save_pickle(path, (key, value))


def now_ns() -> int:
    """Return the wall clock in nanoseconds, comparable with file mtimes."""
    return time.time_ns()
