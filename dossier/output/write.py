"""The only module that writes the output folder: all or nothing, unchanged files untouched.

A build stages the files it changes in <out>/.dossier-staging/, then writes there a
journal of what goes where and what goes away. Before the journal the folder still
holds the old site; once the journal is written the build is committed, and whoever
opens the folder next (this build, or the next one after a kill) moves the staged files
into place. So a killed build leaves the old site or, at the next start, the new one.
The list of dossier's own files, `.dossier.json`, lives in the output folder: it moves
with the site, and it is how dossier knows a folder it may write.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..util.errors import DossierError, Problem
from ..util.store import Stamp, digest, stamp_of

if TYPE_CHECKING:
    from ..pages.render import Output

MANIFEST = ".dossier.json"  # dossier's own files, in the output folder
STAGING = ".dossier-staging"  # a build's files before they are moved into place
JOURNAL = "journal.json"  # in STAGING: present once the build is committed
SEARCH_BUNDLE = "pagefind"  # written by the search stage, beside the pages
_LEGACY_MANIFEST = "outputs"  # where earlier versions kept the list: .cache/outputs-<digest>.json
_FIX = "choose another with --out or output_dir in site.yml"


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    changed_paths: list[str] = field(default_factory=list)  # written or removed, sorted
    stamps: dict[str, Stamp] = field(default_factory=dict)  # of every output file given


@dataclass(frozen=True)
class Journal:
    """What a committed build still has to do in the output folder."""

    moves: list[tuple[str, str]]  # (output path, staged file name)
    removes: list[str]  # output paths of stale files
    files: list[str] | None  # the new list of dossier's own files; None: unchanged


def check_out_dir(out_dir: Path, root: Path, sources: Sequence[Path], cache_dir: Path) -> None:
    """Raise DossierError unless out_dir is a folder the build may fill: new, empty or dossier's own."""
    out_dir = out_dir.resolve()
    shown = str(out_dir)
    if out_dir.parent == out_dir:
        raise DossierError(Problem(shown, f"the output folder cannot be the file system's root: {_FIX}"))
    for name, folder in [("the site folder", root), *((f"the source folder {s}", s) for s in sources)]:
        folder = folder.resolve()
        if out_dir == folder or out_dir in folder.parents:
            what = "is" if out_dir == folder else "contains"
            raise DossierError(Problem(shown, f"the output folder {what} {name}: {_FIX}"))
        if folder != root.resolve() and folder in out_dir.parents:
            raise DossierError(Problem(shown, f"the output folder is inside {name}: {_FIX}"))
    if out_dir.exists() and not out_dir.is_dir():
        raise DossierError(Problem(shown, f"the output folder is a file: remove it, or {_FIX}"))
    if out_dir.is_dir() and not claimed(out_dir, cache_dir) and any(out_dir.iterdir()):
        raise DossierError(Problem(shown, "the output folder is not empty and dossier did not write it "
                                          f"(no {MANIFEST}): empty it, or {_FIX}"))


def claimed(out_dir: Path, cache_dir: Path) -> bool:
    """Tell whether dossier wrote out_dir: it holds dossier's list or staging, or an older dossier listed it."""
    return (os.path.lexists(out_dir / MANIFEST) or os.path.lexists(out_dir / STAGING)
            or _read_legacy(cache_dir, out_dir) is not None)


def write(outputs: Iterable[Output], out_dir: Path, cache_dir: Path, kept: Collection[str] = ()) -> WriteReport:
    """Write outputs under out_dir, keep the kept paths, remove what an earlier build wrote besides.

    outputs may be produced lazily: if producing them raises, nothing is written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir):
        _recover(out_dir)
        previous, listed_whole = _own_files(out_dir, cache_dir)
        staged, stamps = _stage_changed(outputs, out_dir)
        current = set(stamps) | set(kept)
        removed = sorted(path for path in previous - current if _removable(out_dir, path))
        listed = sorted(current) if current != previous or not listed_whole else None
        _commit(out_dir, Journal(staged, removed, listed))
        _forget_legacy(cache_dir, out_dir)
    changed = sorted([path for path, _ in staged] + removed)
    return WriteReport(len(staged), len(stamps) - len(staged) + len(kept), len(removed), changed, stamps)


def write_now(outputs: Iterable[Output], out_dir: Path) -> list[str]:
    """Replace files of the last build in place, outside a build; return the paths that changed."""
    with _locked(out_dir):
        _recover(out_dir)
        staged, _ = _stage_changed(outputs, out_dir)
        _commit(out_dir, Journal(staged, [], None))
    return [path for path, _ in staged]


def recover(out_dir: Path) -> None:
    """Finish the write of a build killed after it committed, or undo one killed before."""
    if os.path.isdir(out_dir / STAGING):
        with _locked(out_dir):
            _recover(out_dir)


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    # Two builds into one folder (the CLI beside a script) take turns: neither undoes
    # the other's staging as the leftovers of a killed build.
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _recover(out_dir: Path) -> None:
    staging = out_dir / STAGING
    if not os.path.lexists(staging):
        return
    if not staging.is_dir():
        staging.unlink()
        return
    journal = _read_journal(staging / JOURNAL)
    if journal is None:
        shutil.rmtree(staging)  # killed before it committed: the old site is all there
    else:
        _roll_forward(out_dir, journal)


def _stage_changed(outputs: Iterable[Output], out_dir: Path) -> tuple[list[tuple[str, str]], dict[str, Stamp]]:
    """Stage each output whose file differs; return (output path, staged name) of those and every output's stamp."""
    staging = out_dir / STAGING
    staging.mkdir()
    staged: list[tuple[str, str]] = []
    stamps: dict[str, Stamp] = {}
    try:
        for output in outputs:
            stamp = _same_bytes(out_dir / output.path, output.data)
            if stamp is None:
                name = str(len(staged))
                stamp = _stage(staging / name, output.data)
                staged.append((output.path, name))
            stamps[output.path] = stamp
    except BaseException:
        # A page failed to render: the previous output stays exactly as it was.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staged, stamps


def _commit(out_dir: Path, journal: Journal) -> None:
    staging = out_dir / STAGING
    # Written whole and renamed: a journal is either all there or not at all.
    text = json.dumps({"moves": journal.moves, "removes": journal.removes, "files": journal.files})
    _stage(staging / f"{JOURNAL}.new", text.encode("utf-8"))
    os.replace(staging / f"{JOURNAL}.new", staging / JOURNAL)
    _roll_forward(out_dir, journal)


def _roll_forward(out_dir: Path, journal: Journal) -> None:
    """Move the staged files into place and remove the stale ones; safe to run again after a kill."""
    staging = out_dir / STAGING
    folders: set[Path] = set()  # made already: one mkdir per folder, not per file
    for path, name in journal.moves:
        target = _inside(out_dir, path)
        if target is None:
            continue
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        try:
            os.replace(staging / name, target)  # keeps the mtime, so the stamp taken when staging holds
        except FileNotFoundError:
            pass  # moved already, by the run this one finishes
    for path in journal.removes:
        if _removable(out_dir, path):
            target = out_dir / path
            target.unlink()
            _remove_empty_parents(target.parent, out_dir)
    if journal.files is not None:
        text = json.dumps({"generator": "dossier", "files": journal.files}, indent=0)
        _stage(staging / f"{MANIFEST}.new", text.encode("utf-8"))
        os.replace(staging / f"{MANIFEST}.new", out_dir / MANIFEST)
    shutil.rmtree(staging)


def _inside(out_dir: Path, path: str) -> Path | None:
    """Return out_dir/path if path is a plain relative path, one that cannot leave out_dir; else None."""
    # The lists come from files anyone could edit: "../../x" must never reach outside.
    parts = PurePosixPath(path).parts if path else ()
    if not parts or parts[0] == "/" or any(p in ("..", ".") or "\0" in p or "\\" in p for p in parts):
        return None
    return out_dir.joinpath(*parts)


def _removable(out_dir: Path, path: str) -> bool:
    """Tell whether path names a file inside out_dir, reached through no link that leads out."""
    target = _inside(out_dir, path)
    if target is None or not target.is_file():
        return False
    folder, home = target.parent.resolve(), out_dir.resolve()
    return folder == home or home in folder.parents


def _own_files(out_dir: Path, cache_dir: Path) -> tuple[set[str], bool]:
    """Return the files an earlier build wrote into out_dir, and whether its list of them was whole."""
    try:
        data = json.loads((out_dir / MANIFEST).read_bytes())
    except FileNotFoundError:
        legacy = _read_legacy(cache_dir, out_dir)
        if legacy is None:
            return set(), False
        # It staged files as .tmp-<pid>-<name> beside their targets, and a killed build left them.
        return legacy | {path for path in _scan(out_dir) if path.rsplit("/", 1)[-1].startswith(".tmp-")}, False
    except (OSError, ValueError):
        data = None
    files = data.get("files") if isinstance(data, dict) else None
    if isinstance(files, list) and all(isinstance(path, str) for path in files):
        return set(files), True
    # A damaged list: dossier made this folder, so every file in it but the search
    # bundle (rewritten by its own stage) is taken as dossier's, to be kept or removed.
    bundles = (SEARCH_BUNDLE, f".{SEARCH_BUNDLE}-new")
    return {path for path in _scan(out_dir) if path.split("/")[0] not in bundles}, False


def _scan(out_dir: Path) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(out_dir):
        rel = Path(folder).relative_to(out_dir).as_posix()
        dirs[:] = [d for d in dirs if not (rel == "." and d == STAGING)]
        found += [name if rel == "." else f"{rel}/{name}" for name in files if not (rel == "." and name == MANIFEST)]
    return found


def _legacy_path(cache_dir: Path, out_dir: Path) -> Path:
    return cache_dir / f"{_LEGACY_MANIFEST}-{digest(str(out_dir.resolve()))[:12]}.json"


def _read_legacy(cache_dir: Path, out_dir: Path) -> set[str] | None:
    """Return the files an earlier version of dossier listed in the cache for out_dir; None if it did not."""
    try:
        data = json.loads(_legacy_path(cache_dir, out_dir).read_bytes())
    except (OSError, ValueError):
        return None
    paths = data.get("paths") if isinstance(data, dict) and data.get("out_dir") == str(out_dir.resolve()) else None
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        return None
    return set(paths)


def _forget_legacy(cache_dir: Path, out_dir: Path) -> None:
    _legacy_path(cache_dir, out_dir).unlink(missing_ok=True)


def _read_journal(path: Path) -> Journal | None:
    try:
        data = json.loads(path.read_bytes())
        moves = [(str(target), str(name)) for target, name in data["moves"]]
        removes = [str(target) for target in data["removes"]]
        files = data["files"]
        if files is not None:
            files = [str(file) for file in files]
        return Journal(moves, removes, files)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no journal, or one torn by a kill: the build had not committed


def _same_bytes(target: Path, data: bytes) -> Stamp | None:
    """Return target's stamp if it already holds data, else None."""
    try:
        stat = target.stat()
        if stat.st_size != len(data) or target.read_bytes() != data:
            return None
        return stamp_of(stat)
    except OSError:
        return None


def _stage(path: Path, data: bytes) -> Stamp:
    """Write data to a new file at path; return its stamp."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, data)
        return stamp_of(os.fstat(fd))
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (a signal, a full disk): go on until all is out.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
