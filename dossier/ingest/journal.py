"""Change several content files as one: staged, listed in a journal, then moved into place."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from ..util.store import write_atomic

# The desk's changes of several files at once: staged, listed here, then moved into place.
JOURNAL = ".cache/content-journal.json"


def commit_files(root: Path, writes: Mapping[str, bytes], removes: list[str]) -> None:
    """Change several files under root as one: all of them, or (if stopped while staging) none.

    Each new text is staged beside its file and a journal lists the moves; once the journal
    is on disk the change is decided, and `finish_commit` completes it after a crash.
    """
    moves = []
    for rel, data in writes.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.desk.tmp")
        with open(staged, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        moves.append([staged.relative_to(root).as_posix(), rel])
    journal = root / JOURNAL
    journal.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(journal, json.dumps({"moves": moves, "removes": removes}).encode("utf-8"))
    finish_commit(root)


def finish_commit(root: Path) -> None:
    """Complete a change `commit_files` decided but did not finish (a crash); call under the lock."""
    journal = root / JOURNAL
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)  # absent, or torn before it was decided: nothing to finish
        return
    for staged, rel in plan.get("moves", []):
        if (root / staged).exists():
            os.replace(root / staged, root / rel)
    for rel in plan.get("removes", []):
        (root / rel).unlink(missing_ok=True)
    journal.unlink()
