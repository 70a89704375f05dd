"""The `actors` command: list, review and correct the dossier's actors from the terminal."""

from __future__ import annotations

import contextlib
import json
import shlex
import sys
from pathlib import Path
from typing import TextIO

from ..ingest.journal import commit_files, finish_commit
from ..ingest.ledger import locked
from ..util.errors import DossierError
from .actions import Action, Change, plan
from .review import list_actors, review
from .state import Doc, read_dossier


def correct(root: Path, action: Action, dry_run: bool = False, err: TextIO = sys.stderr,
            known: dict[str, Doc] | None = None) -> Change:
    """Make one correction under ingest's lock, all its files or none; raise DossierError on bad input.

    known: the documents of the last read, as read_dossier takes them.
    """
    with contextlib.nullcontext() if dry_run else locked(root, err):
        if not dry_run:
            finish_commit(root)
        # Planned from what is on disk once the lock is held: an ingest may just have written.
        change = plan(read_dossier(root, known), action)
        if not dry_run and (change.writes or change.removes):
            commit_files(root, {rel: text.encode("utf-8") for rel, text in change.writes.items()}, change.removes)
    return change


def run(root: Path, verb: str, slugs: list[str], value: str = "", articles: list[str] | None = None, *,
        reslug: bool = False, dry_run: bool = False, as_json: bool = False) -> int:
    """Run `build.py actors VERB ...`: list, review or make one correction; raise DossierError on bad input."""
    if not root.is_dir():
        raise DossierError(f"{root}: no such folder: --root names the site's folder")
    if verb in ("list", "review"):
        _show(root, verb, as_json, sys.stdout)
        return 0
    action = Action(verb, tuple(slugs), value, tuple(articles or ()), reslug)
    report(correct(root, action, dry_run), action, dry_run, as_json, sys.stdout)
    return 0


def report(change: Change, action: Action, dry_run: bool, as_json: bool, out: TextIO) -> None:
    """Print what a correction changed (or, in a dry run, would change)."""
    if as_json:
        print(json.dumps({"command": action.command(), "dry_run": dry_run, "written": sorted(change.writes),
                          "removed": change.removes, "said": change.said}, ensure_ascii=False), file=out)
        return
    would = "would " if dry_run else ""
    for line in change.said:
        print(line, file=out)
    for rel in sorted(change.writes):
        print(f"  {would}write {rel}", file=out)
    for rel in change.removes:
        print(f"  {would}remove {rel}", file=out)
    if not change.writes and not change.removes:
        print("nothing to change", file=out)


def _show(root: Path, verb: str, as_json: bool, out: TextIO) -> None:
    dossier = read_dossier(root)
    if verb == "list":
        entries = list_actors(dossier)
        if as_json:
            for entry in entries:
                print(json.dumps(entry.__dict__, ensure_ascii=False), file=out)
            return
        for e in entries:
            print(f"{e.articles:5d}  {e.newest[:10] or '-':10}  {e.slug}  {e.name}"
                  + (f" ({e.kind})" if e.kind else "") + ("  [stub]" if e.stub else ""), file=out)
        print(f"{len(entries)} actors", file=out)
        return
    items = review(dossier)
    if dossier.held_warning:
        print(dossier.held_warning, file=sys.stderr)
    for item in items:
        if as_json:
            print(json.dumps(item.as_json(), ensure_ascii=False), file=out)
            continue
        # A held name has no slug: it is shown as the commands take it.
        label = " + ".join(item.slugs) or shlex.quote(item.names[0])
        print(f"{label}: {', '.join(item.reasons)} ({' / '.join(item.names)})", file=out)
        for sentence in item.sentences:
            print(f"    {sentence}", file=out)
    if not as_json:
        print(f"{len(items)} to review", file=out)
