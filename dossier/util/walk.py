"""List the files of a source folder, following symbolic links only where they stay inside the site."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import DossierError, Problem

# Emacs marks a file being edited with a link `.#name` that points nowhere by design.
LOCK_PREFIX = ".#"
_ONLY_WITHIN = "only links within the site are followed; copy the file into the site instead"


def list_files(folder: Path, root: Path, recursive: bool = True, suffix: str = "") -> list[str]:
    """Return the POSIX paths, relative to folder, of the files below it; raise DossierError on a bad link.

    A link is followed only if what it points to is inside root: `static/passwd.txt ->
    /etc/passwd` must not be published. A link leading out, to nothing, or back into a
    folder already listed stops the build with one line naming it. Only files whose
    name ends with suffix are listed, and only links that could be one of them are checked.
    """
    start = str(folder)
    if not os.path.isdir(start):
        return []
    home = os.path.realpath(root)
    real_start = os.path.realpath(start)
    if folder.is_relative_to(root) and not _within(real_start, home):
        # content/ or static/ itself (or a folder above it) is the link that leads out.
        raise DossierError(Problem(_shown(start, root), f"symlink to {real_start}, outside the site folder: "
                                                        f"{_ONLY_WITHIN}"))
    seen = {real_start}  # real paths of the folders listed: a link back to one is a loop
    found: list[str] = []
    problems: list[Problem] = []
    # os.scandir on strings: at 10,000 articles pathlib's objects cost more than the listing.
    todo = [("", start, real_start)]
    while todo:
        rel, current, real = todo.pop()
        with os.scandir(current) as listing:
            for entry in listing:
                if entry.name.startswith(LOCK_PREFIX):
                    continue
                child = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_symlink():
                    target = _follow(entry.path, home, root, problems, entry.name.endswith(suffix))
                    if target is None:
                        continue
                    is_dir, child_real = os.path.isdir(target), target
                else:
                    is_dir, child_real = entry.is_dir(follow_symlinks=False), os.path.join(real, entry.name)
                if not is_dir:
                    if entry.name.endswith(suffix):
                        found.append(child)
                elif recursive and child_real in seen:
                    problems.append(Problem(_shown(entry.path, root), f"symlink loop: it leads back to "
                                                                     f"{_shown(child_real, root)}: remove the link"))
                elif recursive:
                    seen.add(child_real)
                    todo.append((child, entry.path, child_real))
    if problems:
        raise DossierError(problems)
    return found


def _follow(link: str, home: str, root: Path, problems: list[Problem], wanted: bool) -> str | None:
    """Return the real path a link points to if it may be followed; else note why not and return None.

    A link that is not wanted as a file (not named *.md in content/) matters only as a folder.
    """
    shown = _shown(link, root)
    try:
        target = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(Problem(shown, "symlink loop: remove the link"))
        elif wanted:
            problems.append(Problem(shown, f"symlink to {os.readlink(link)}, which does not exist: "
                                           "remove the link or restore what it points to"))
        return None
    if not _within(target, home):
        if wanted or os.path.isdir(target):
            problems.append(Problem(shown, f"symlink to {target}, outside the site folder: {_ONLY_WITHIN}"))
        return None
    return target


def _within(path: str, home: str) -> bool:
    return path == home or path.startswith(home + os.sep)


def _shown(path: str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return path
