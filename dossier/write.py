"""The only module that writes the output folder: atomic, and unchanged files untouched."""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Stamp, digest, stamp_of
from .render import Output

MANIFEST = "outputs"


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    changed_paths: list[str] = field(default_factory=list)  # written or removed, sorted
    stamps: dict[str, Stamp] = field(default_factory=dict)  # of every output file given


def write(outputs: Iterable[Output], out_dir: Path, cache_dir: Path, kept: Collection[str] = ()) -> WriteReport:
    """Write outputs under out_dir, keep the kept paths, remove what an earlier build wrote besides.

    outputs may be produced lazily: if producing them raises, nothing is written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path, str]] = []  # (output path, target, temporary file)
    stamps: dict[str, Stamp] = {}
    folders: set[Path] = set()  # made already: one mkdir per folder, not per file
    unchanged = 0
    try:
        for output in outputs:
            target = out_dir / output.path
            stamp = _same_bytes(target, output.data)
            if stamp is None:
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                tmp, stamp = _stage(target, output.data)
                staged.append((output.path, target, tmp))
            else:
                unchanged += 1
            stamps[output.path] = stamp
    except BaseException:
        # A page failed to render: the previous output stays exactly as it was.
        for _, target, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
            _remove_empty_parents(target.parent, out_dir)
        raise
    for _, target, tmp in staged:
        os.replace(tmp, target)  # keeps the mtime, so the stamp taken when staging holds
    manifest = cache_dir / _manifest_name(out_dir)
    previous = _read_manifest(manifest, out_dir)
    current = set(stamps) | set(kept)
    removed = []
    for stale in sorted(previous - current):
        target = out_dir / stale
        if target.is_file():
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, out_dir)
    if current != previous:
        _save_manifest(manifest, out_dir, current)
    changed = sorted([path for path, _, _ in staged] + removed)
    return WriteReport(len(staged), unchanged + len(kept), len(removed), changed, stamps)


def write_now(outputs: Iterable[Output], out_dir: Path) -> list[str]:
    """Replace files of the last build in place, outside a build; return the paths that changed."""
    changed = []
    for output in outputs:
        target = out_dir / output.path
        if _same_bytes(target, output.data) is None:
            _atomic_write(target, output.data)
            changed.append(output.path)
    return changed


def _same_bytes(target: Path, data: bytes) -> Stamp | None:
    """Return target's stamp if it already holds data, else None."""
    try:
        stat = target.stat()
        if stat.st_size != len(data) or target.read_bytes() != data:
            return None
        return stamp_of(stat)
    except OSError:
        return None


def _stage(target: Path, data: bytes) -> tuple[str, Stamp]:
    """Write data to a temporary file beside target; return its name and stamp."""
    # Renamed into place once every output is ready: readers (the preview server,
    # a browser) never see half a file or half a build.
    tmp = str(target.with_name(f".tmp-{os.getpid()}-{target.name}"))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, data)
        stamp = stamp_of(os.fstat(fd))
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp, stamp


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (a signal, a full disk): go on until all is out.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_stage(target, data)[0], target)


def _manifest_name(out_dir: Path) -> str:
    # The preview and `build` write different folders: each keeps its own list.
    return f"{MANIFEST}-{digest(str(out_dir.resolve()))[:12]}.json"


def _read_manifest(manifest: Path, out_dir: Path) -> set[str]:
    # Only files we wrote ourselves are ever removed, so a user's --out folder is safe.
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if data.get("out_dir") != str(out_dir.resolve()):
        return set()
    return set(data.get("paths", []))


def _save_manifest(manifest: Path, out_dir: Path, paths: set[str]) -> None:
    manifest.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"out_dir": str(out_dir.resolve()), "paths": sorted(paths)})
    _atomic_write(manifest, text.encode("utf-8"))


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
