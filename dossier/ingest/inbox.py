"""What in inbox/ (or any folder given to ingest) is a story to ingest."""

from __future__ import annotations

from pathlib import Path

INBOX = "inbox"
# inbox/ ships with a note saying what to drop there; a note is never a story.
_NOTES = frozenset({"readme", "readme.md", "readme.txt"})


def is_story_name(name: str) -> bool:
    """Tell whether a file or folder name inside an inbox can hold a story (not hidden, not a note)."""
    return not name.startswith(".") and name.lower() not in _NOTES


def stories_in(folder: Path) -> list[Path]:
    """Return the story files in folder and its sub-folders, in name order."""
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if not is_story_name(path.name):
            continue
        if path.is_dir():
            # A linked folder may loop back on itself: only real folders are walked.
            if not path.is_symlink():
                found += stories_in(path)
        elif path.is_file():
            found.append(path)
    return found
