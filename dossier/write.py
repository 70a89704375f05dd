"""The only module that writes the output folder: atomic, and unchanged files untouched."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .render import Output

MANIFEST = "outputs.json"


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write(outputs: Sequence[Output], out_dir: Path, cache_dir: Path) -> WriteReport:
    """Write outputs under out_dir and remove files an earlier build wrote but this one did not."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    for output in outputs:
        target = out_dir / output.path
        if _same_bytes(target, output.data):
            unchanged += 1
            continue
        _atomic_write(target, output.data)
        written += 1
    manifest = cache_dir / MANIFEST
    previous = _read_manifest(manifest, out_dir)
    current = {o.path for o in outputs}
    removed = 0
    for stale in sorted(previous - current):
        target = out_dir / stale
        if target.is_file():
            target.unlink()
            removed += 1
            _remove_empty_parents(target.parent, out_dir)
    _save_manifest(manifest, out_dir, current)
    return WriteReport(written, unchanged, removed)


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


def _atomic_write(target: Path, data: bytes) -> None:
    # Readers (the preview server, a browser) never see half a file.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
