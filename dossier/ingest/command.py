"""The `ingest` command: read inbox files, write articles, keep the originals."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

from ..slugs import slugify
from .compose import IngestResult, give_slug, ingest_text
from .inbox import INBOX, stories_in
from .ledger import Ledger, locked, read_ledger
from .profiles import KnownProfiles, load_profiles, profile_from_meta, read_front_matter
from .stubs import add_aliases, learn_language, learn_name, render_stub


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ingest command's arguments (all but --root) to parser."""
    parser.add_argument("paths", nargs="*", default=[],
                        help="wire files or folders of them (default: inbox/ under the root)")
    parser.add_argument("--dry-run", action="store_true", help="write nothing; say what would be written")
    parser.add_argument("--json", action="store_true", help="print one JSON object per input (JSON Lines)")
    parser.add_argument("--date", help="the stories' date, YYYY-MM-DD (overrides the inferred year)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a story needs review, not only when one fails")


@dataclass
class Outcome:
    """What happened to one input: the files written and what to tell the user."""

    written: list[str] = field(default_factory=list)  # or, in a dry run, that would be written
    notes: list[str] = field(default_factory=list)
    already: str = ""  # the kept original of a story ingested before: nothing was done
    dry_run: bool = False


def run(args: argparse.Namespace) -> int:
    """Ingest every file named by args.paths; return the exit code (1 if any file failed)."""
    root = Path(args.root)
    out, err = sys.stdout, sys.stderr
    date = None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"error: --date {args.date!r}: expected YYYY-MM-DD", file=err)
            return 1
    if not root.is_dir():
        print(f"error: {root}: no such folder: --root names the site's folder", file=err)
        return 1
    # A dry run writes nothing, not even the lock file.
    with contextlib.nullcontext() if args.dry_run else locked(root, err):
        return _run(root, args, date, out, err)


def _run(root: Path, args: argparse.Namespace, date: dt.date | None, out: TextIO, err: TextIO) -> int:
    files, missing = _inputs(root, args.paths)
    # A missing path is an input too: with --json it gets its line like any other.
    for name in missing:
        report(IngestResult(input=name, raw=b"", error="no such file or folder"), Outcome(), args.json, out, err)
    # Read after the lock is taken: another ingest may have just added profiles and articles.
    known, warnings = load_profiles(root)
    for warning in warnings:
        print(f"warning: {warning}", file=err)
    ledger = read_ledger(root)
    tally = {"new": 0, "already": 0, "failed": len(missing)}
    review = False
    for path in files:
        result, outcome = ingest_file(root, path, known, ledger, date, dry_run=args.dry_run)
        report(result, outcome, args.json, out, err)
        tally["failed" if result.error else "already" if outcome.already else "new"] += 1
        review |= bool(result.front_matter.get("needs_review"))
    if not args.json:
        done = "to ingest" if args.dry_run else "ingested"
        count = len(files) + len(missing)
        print(f"{count} {'story' if count == 1 else 'stories'}: {tally['new']} {done}, {tally['already']} already "
              f"ingested, {tally['failed']} failed" + ("; dry run, nothing written" if args.dry_run else ""),
              file=out)
    return 1 if tally["failed"] or (args.strict and review) else 0


def ingest_file(root: Path, path: Path, known: KnownProfiles, ledger: Ledger, date: dt.date | None = None,
                dry_run: bool = False) -> tuple[IngestResult, Outcome]:
    """Ingest one story file unless the site holds it already; write its files unless dry_run.

    Call it holding `locked(root)`, with known and ledger read under that lock.
    """
    shown = _shown(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return IngestResult(input=shown, raw=b"", error=f"cannot read it ({exc.strerror})"), Outcome()
    kept = ledger.original_of(raw)
    if kept is not None:
        # Known by its bytes: nothing is analysed or written, so no profile changes either.
        result = IngestResult(input=shown, raw=raw, article_path=ledger.articles.get(kept, ""), raw_path=kept)
        return result, Outcome(already=kept, dry_run=dry_run)
    try:
        result = _ingest_file(path, known, date)
    except Exception as exc:  # one bad file must not stop the others
        result = IngestResult(input=shown, raw=b"", error=f"ingest failed ({type(exc).__name__}: {exc})")
    result.input = shown
    if result.error:
        return result, Outcome()
    try:
        return result, _apply(result, root, known, ledger, dry_run)
    except OSError as exc:  # a full disk or a read-only folder: say so, go on with the others
        result.error = f"cannot write {exc.filename or 'its files'} ({exc.strerror})"
        return result, Outcome()


def _inputs(root: Path, paths: list[str]) -> tuple[list[Path], list[str]]:
    """Return the files to ingest (folders walked, in name order) and the paths that do not exist.

    A relative path is the site's (under root) when it exists there, else the working
    directory's; no paths: the site's inbox/.
    """
    files, missing = [], []
    for name in paths or [INBOX]:
        path = Path(name)
        if (root / path).exists() or not paths:
            path = root / path
        if path.is_dir():
            files += stories_in(path)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(name)
    return files, missing


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _ingest_file(path: Path, known: KnownProfiles, date: dt.date | None) -> IngestResult:
    raw = path.read_bytes()
    file_date = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    return ingest_text(raw, _safe_name(path.name), known, date=date, file_date=file_date)


def _safe_name(name: str) -> str:
    """Return the file name to keep the original under: its own name when that is safe."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}", name):
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    clean = slugify(stem) or "story"
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)
    return clean + ("." + ext if ext else "")


def _apply(result: IngestResult, root: Path, known: KnownProfiles, ledger: Ledger, dry_run: bool) -> Outcome:
    """Work out every write for one new story, then do them unless dry_run; update known and ledger."""
    outcome = Outcome(dry_run=dry_run)
    raw_path = root / result.raw_path
    if raw_path.exists():
        # Another story already has this file name: keep both, byte for byte.
        digest = hashlib.sha256(result.raw).hexdigest()[:8]
        raw_path = raw_path.with_name(f"{raw_path.stem}-{digest}{raw_path.suffix}")
        result.raw_path = raw_path.relative_to(root).as_posix()
        result.front_matter["raw"] = result.raw_path
    base = PurePosixPath(result.article_path).stem
    slug = ledger.free_slug(base)
    give_slug(result, slug)
    if slug != base:
        outcome.notes.append(f"slug '{base}' is another article's: this story is '{slug}'")
    # The kept original first: if the run stops after it, the next run knows the story.
    creates: list[tuple[Path, bytes]] = [(raw_path, result.raw),
                                         (root / result.article_path, result.article_text.encode("utf-8"))]
    updates: list[tuple[Path, bytes]] = []
    for actor in result.actors:
        path = root / "content" / "actors" / f"{actor.slug}.md"
        if actor.new and not path.exists():
            stub = render_stub(actor, known.language)
            creates.append((path, stub.encode("utf-8")))
            meta = read_front_matter(stub.encode("utf-8"), path.relative_to(root))
            known.actors[actor.slug] = profile_from_meta("actors", actor.slug, meta, path)
        elif actor.aliases and path.exists():
            current = path.read_text(encoding="utf-8")
            fuller = next((n for n in (learn_name(current, f, actor.lang) for f in actor.aliases) if n), None)
            # The stub learns its name in the story's language from the fullest form met.
            widest = max(actor.aliases, key=lambda f: len(f.split()))
            fuller = learn_language(fuller or current, widest, actor.lang) or fuller
            updated = add_aliases(fuller or current, actor.aliases)
            if updated is None:
                outcome.notes.append(f"content/actors/{actor.slug}.md: could not add aliases "
                                     f"{actor.aliases}: add them by hand")
            elif updated != current:
                updates.append((path, updated.encode("utf-8")))
                profile = known.actors.get(actor.slug)
                if profile is not None:
                    profile.names = tuple(dict.fromkeys([*profile.names, *actor.aliases]))
    ledger.record(result.raw_path, result.raw, result.article_path, slug)
    for path, data, create in [(p, d, True) for p, d in creates] + [(p, d, False) for p, d in updates]:
        rel = path.relative_to(root).as_posix()
        if not dry_run:
            try:
                _write(path, data, create)
            except FileExistsError:
                outcome.notes.append(f"{rel} appeared meanwhile: left as it is")
                continue
        outcome.written.append(rel)
    return outcome


def _write(path: Path, data: bytes, create: bool) -> None:
    """Write data to path through a temporary file; when create, never replace a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    try:
        if create:
            os.link(tmp, path)  # fails if path exists, unlike a rename
        else:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def report(result: IngestResult, outcome: Outcome, as_json: bool, out: TextIO, err: TextIO) -> None:
    """Print what became of one story: one JSON line, or human lines (what was written, then warnings)."""
    if as_json:
        record = {"input": result.input, "path": result.article_path or None,
                  "front_matter": result.front_matter, "actors": [a.as_json() for a in result.actors],
                  "warnings": result.warnings + outcome.notes, "written": outcome.written}
        if outcome.already:
            record["already_ingested"] = outcome.already
        if result.error:
            record["error"] = result.error
        print(json.dumps(record, ensure_ascii=False, default=str), file=out)
        if result.error:
            print(f"error: {result.input}: {result.error}", file=err)
        return
    if result.error:
        print(f"error: {result.input}: {result.error}", file=err)
        return
    if outcome.already:
        where = (f"as {result.article_path}" if result.article_path else
                 f"(original kept as {outcome.already}; no article names it, deleted?)")
        print(f"{result.input}: already ingested {where}: nothing written", file=out)
        return
    new = sum(a.new for a in result.actors)
    verb = "would write" if outcome.dry_run else "wrote"
    if result.article_path not in outcome.written:
        verb = "did not write"
    print(f"{result.input}: {verb} {result.article_path} ({len(result.actors)} actors, {new} new)", file=out)
    for path in outcome.written:
        if path != result.article_path:
            print(f"  {'would write' if outcome.dry_run else 'wrote'} {path}", file=out)
    for note in result.warnings + outcome.notes:
        print(f"warning: {result.input}: {note}", file=err)
