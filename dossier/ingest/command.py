"""The `ingest` command: read inbox files, write articles, keep the originals."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..slugs import slugify
from . import duplicates
from .compose import IngestResult, ingest_text
from .profiles import Known, KnownProfiles, load_profiles, profile_from_meta, read_front_matter
from .stubs import add_aliases, render_stub


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ingest command's arguments (all but --root) to parser."""
    parser.add_argument("paths", nargs="*", default=["inbox"],
                        help="wire files or folders of them (default: inbox/ under the root)")
    parser.add_argument("--dry-run", action="store_true", help="write nothing; say what would be written")
    parser.add_argument("--json", action="store_true", help="print one JSON object per input (JSON Lines)")
    parser.add_argument("--date", help="the stories' date, YYYY-MM-DD (overrides the inferred year)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a story needs review, not only when one fails")


@dataclass
class Outcome:
    """What happened to one input: the files written and what to tell the user."""

    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    files, missing = _inputs(root, args.paths or ["inbox"])
    # A missing path is an input too: with --json it gets its line like any other.
    for name in missing:
        _report(IngestResult(input=name, raw=b"", error="no such file or folder"), Outcome(), args.json, out, err)
    known, warnings = load_profiles(root)
    for warning in warnings:
        print(f"warning: {warning}", file=err)
    failed = bool(missing)
    stories = duplicates.load_stories(root, save=not args.dry_run)
    for path in files:
        shown = _shown(path, root)
        try:
            result = _ingest_file(path, known, date)
        except Exception as exc:  # one bad file must not stop the others
            result = IngestResult(input=shown, raw=b"",
                                  error=f"ingest failed ({type(exc).__name__}: {exc})")
        result.input = shown
        if result.error:
            failed = True
            _report(result, Outcome(), args.json, out, err)
            continue
        outcome = write_story(result, root, known, stories, dry_run=args.dry_run)
        _report(result, outcome, args.json, out, err)
        if args.strict and result.front_matter.get("needs_review"):
            failed = True
    return 1 if failed else 0


def _inputs(root: Path, paths: list[str]) -> tuple[list[Path], list[str]]:
    """Return the files to ingest (folders expanded, sorted) and the paths that do not exist."""
    files, missing = [], []
    for name in paths:
        path = Path(name)
        if not path.is_absolute() and not path.exists():
            path = root / path
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
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


def write_story(result: IngestResult, root: Path, known: KnownProfiles, stories: duplicates.Stories,
                dry_run: bool) -> Outcome:
    """Fold a story into the reports it repeats, then write it unless dry_run; return what happened."""
    # One story, several reports: an update replaces what it updates, another agency's links to it.
    result.article_path, folding = duplicates.fold(stories, result.article_path, result.front_matter,
                                                   result.body, result.raw_path, result.raw)
    outcome = _apply(result, root, known, dry_run=dry_run, replace=folding.replaces)
    outcome.notes += folding.notes
    duplicates.remember(stories, result.article_path, result.article_text, result.front_matter,
                        result.body, written=result.article_path in outcome.written and not dry_run)
    return outcome


def _apply(result: IngestResult, root: Path, known: KnownProfiles, dry_run: bool,
           replace: bool = False) -> Outcome:
    """Work out every write for one result, then do them unless dry_run; update known.

    replace: the article updates the file at its path (which ingest wrote, unedited since).
    """
    outcome = Outcome()
    writes: list[tuple[Path, bytes]] = []
    raw_path = root / result.raw_path
    if raw_path.exists() and raw_path.read_bytes() != result.raw:
        # Another story already has this file name: keep both, byte for byte.
        digest = __import__("hashlib").sha256(result.raw).hexdigest()[:8]
        raw_path = raw_path.with_name(f"{raw_path.stem}-{digest}{raw_path.suffix}")
        result.raw_path = raw_path.relative_to(root).as_posix()
        result.front_matter["raw"] = result.raw_path
    if not raw_path.exists():
        writes.append((raw_path, result.raw))
    article = root / result.article_path
    text = result.article_text.encode("utf-8")
    if article.exists():
        if article.read_bytes() == text:
            outcome.notes.append(f"already ingested: {result.article_path} is up to date, nothing added")
        elif replace:
            writes.append((article, text))
        else:
            outcome.notes.append(f"{result.article_path} exists and differs (edited?): left as it is")
    else:
        writes.append((article, text))
    for actor in result.actors:
        path = root / "content" / "actors" / f"{actor.slug}.md"
        if actor.new and not path.exists():
            stub = render_stub(actor)
            writes.append((path, stub.encode("utf-8")))
            meta = read_front_matter(stub.encode("utf-8"), path.relative_to(root))
            known.actors[actor.slug] = profile_from_meta("actors", actor.slug, meta, path)
        elif actor.aliases and path.exists():
            updated = add_aliases(path.read_text(encoding="utf-8"), actor.aliases)
            if updated is None:
                outcome.notes.append(f"content/actors/{actor.slug}.md: could not add aliases "
                                     f"{actor.aliases}: add them by hand")
            elif updated != path.read_text(encoding="utf-8"):
                writes.append((path, updated.encode("utf-8")))
                profile = known.actors.get(actor.slug)
                if profile is not None:
                    profile.names = tuple(dict.fromkeys([*profile.names, *actor.aliases]))
    for path, data in writes:
        outcome.written.append(path.relative_to(root).as_posix())
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
    return outcome


def _report(result: IngestResult, outcome: Outcome, as_json: bool, out: TextIO, err: TextIO) -> None:
    """Print one JSON line, or human lines: what was written, then the warnings."""
    if as_json:
        record = {"input": result.input, "path": result.article_path or None,
                  "front_matter": result.front_matter, "actors": [a.as_json() for a in result.actors],
                  "warnings": result.warnings + outcome.notes, "written": outcome.written}
        if result.error:
            record["error"] = result.error
        print(json.dumps(record, ensure_ascii=False, default=str), file=out)
        if result.error:
            print(f"error: {result.input}: {result.error}", file=err)
        return
    if result.error:
        print(f"error: {result.input}: {result.error}", file=err)
        return
    new = sum(a.new for a in result.actors)
    verb = "wrote" if outcome.written else "unchanged"
    print(f"{result.input}: {verb} {result.article_path} ({len(result.actors)} actors, {new} new)", file=out)
    for path in outcome.written:
        if path != result.article_path:
            print(f"  wrote {path}", file=out)
    for note in result.warnings + outcome.notes:
        print(f"warning: {result.input}: {note}", file=err)
