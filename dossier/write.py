"""The only module that writes the output folder: atomic, and unchanged files untouched."""

from __future__ import annotations

import json
import os
import tempfile
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
    unchanged = 0
    try:
        for output in outputs:
            target = out_dir / output.path
            stamp = _same_bytes(target, output.data)
            if stamp is not None:
                stamps[output.path] = stamp
                unchanged += 1
            else:
                staged.append((output.path, target, _stage(target, output.data)))
    except BaseException:
        # A page failed to render: the previous output stays exactly as it was.
        for _, target, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
            _remove_empty_parents(target.parent, out_dir)
        raise
    for path, target, tmp in staged:
        os.replace(tmp, target)
        stamps[path] = stamp_of(target.stat())
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


def _same_bytes(target: Path, data: bytes) -> Stamp | None:
    """Return target's stamp if it already holds data, else None."""
    try:
        stat = target.stat()
        if stat.st_size != len(data) or target.read_bytes() != data:
            return None
        return stamp_of(stat)
    except OSError:
        return None


def _stage(target: Path, data: bytes) -> str:
    # Written beside the target and renamed into place once every output is ready:
    # readers (the preview server, a browser) never see half a file or half a build.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _atomic_write(target: Path, data: bytes) -> None:
    os.replace(_stage(target, data), target)


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
