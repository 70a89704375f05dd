"""The `ingest` command: read inbox files, write articles, keep the originals."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

from ..site.config import load_config
from ..util.errors import DossierError, Problem
from ..util.slugs import slugify
from ..util.store import write_atomic
from . import duplicates
from .compose import Draft, IngestResult, Placement, compose, draft_source
from .held import HELD_FILE, WEAK_EVIDENCE, read_held, render_held
from .journal import finish_commit
from .http import private_networks
from .inbox import INBOX, stories_in
from .ledger import Ledger, locked, read_ledger
from .profiles import Known, KnownProfiles, load_profiles
from .sources import (
    FetchLimits,
    SourceError,
    fetch_url,
    is_url,
    name_for_url,
    safe_name,
)
from .stubs import add_aliases, learn_language, learn_name, render_source_stub, render_stub, stub_profile


@dataclass
class Outcome:
    """What happened to one input: the files written and what to tell the user."""

    written: list[str] = field(default_factory=list)  # or, in a dry run, that would be written
    notes: list[str] = field(default_factory=list)
    already: str = ""  # the kept original of a story ingested before: nothing was done
    dry_run: bool = False


def run(root: Path, paths: list[str], date: dt.date | None = None, dry_run: bool = False,
        as_json: bool = False, strict: bool = False) -> int:
    """Ingest every file, folder and URL of paths (none: the inbox); return 1 if any failed.

    With strict, a story that needs review counts as failed. Raise DossierError when the
    site cannot be ingested into at all.
    """
    if not root.is_dir():
        raise DossierError(Problem(root, "no such folder: --root names the site's folder"))
    with session(root, sys.stderr, dry_run) as (known, ledger):
        tally, review = _run(root, paths, date, known, ledger, dry_run, as_json)
    if not as_json:
        done_word = "to ingest" if dry_run else "ingested"
        count = tally["new"] + tally["already"] + tally["failed"]
        print(f"{count} {'story' if count == 1 else 'stories'}: {tally['new']} {done_word}, {tally['already']} "
              f"already ingested, {tally['failed']} failed" + ("; dry run, nothing written" if dry_run else ""))
        if tally["held"]:
            print(f"{tally['held']} {'person' if tally['held'] == 1 else 'people'} held back ({WEAK_EVIDENCE}): "
                  f"listed in {HELD_FILE}, not published")
    return 1 if tally["failed"] or (strict and review) else 0


@contextlib.contextmanager
def session(root: Path, err: TextIO, dry_run: bool = False) -> Iterator[tuple[KnownProfiles, Ledger]]:
    """Hold ingest's lock and yield the profiles and the ledger, read under it; warn of bad profiles.

    Ingest, fetch and the preview's inbox all write through one session at a time. A dry run
    writes nothing, not even the lock file.
    """
    with contextlib.nullcontext() if dry_run else locked(root, err):
        if not dry_run:
            finish_commit(root)  # a desk correction stopped half-way is finished before anything reads
        # Read once the lock is held: another ingest may have just added profiles and articles.
        known, warnings = load_profiles(root)
        known.held, unreadable = read_held(root)
        known.held_readable = not unreadable
        for warning in [*warnings, *([unreadable] if unreadable else [])]:
            print(f"warning: {warning}", file=err)
        yield known, read_ledger(root, save_index=not dry_run)


def _run(root: Path, paths: list[str], date: dt.date | None, known: KnownProfiles, ledger: Ledger,
         dry_run: bool, as_json: bool) -> tuple[dict[str, int], bool]:
    """Ingest each input, reporting as it goes; return the tally and whether a story needs review."""
    out, err = sys.stdout, sys.stderr
    urls = [path for path in paths if is_url(path)]
    names = [path for path in paths if not is_url(path)]
    files, missing = _inputs(root, names) if names or not urls else ([], [])
    # A missing path is an input too: with --json it gets its line like any other.
    for name in missing:
        report(IngestResult(input=name, raw=b"", error="no such file or folder"), Outcome(), as_json, out, err)
    # Only an address needs site.yml here: a broken setting must not stop a file's ingest.
    limits = FetchLimits(private_networks=private_networks(load_config(root))) if urls else FetchLimits()
    tally = {"new": 0, "already": 0, "failed": len(missing), "held": 0}
    review = False
    for source in [*files, *urls]:
        if isinstance(source, str):
            done = ingest_url(root, source, known, ledger, date, dry_run=dry_run, limits=limits)
        else:
            done = ingest_file(root, source, known, ledger, date, dry_run=dry_run)
        for result, outcome in done:
            report(result, outcome, as_json, out, err)
            tally["failed" if result.error else "already" if outcome.already else "new"] += 1
            review |= bool(result.front_matter.get("needs_review"))
            tally["held"] += len(result.held) if outcome.written else 0
    return tally, review


Done = list[tuple[IngestResult, Outcome]]  # what became of each story one input gave


def ingest_file(root: Path, path: Path, known: KnownProfiles, ledger: Ledger, date: dt.date | None = None,
                dry_run: bool = False) -> Done:
    """Ingest one source file unless the site holds it already; write its stories unless dry_run.

    An e-mail gives a story for its body and one for each attachment. Call it holding
    a `session(root, ...)`, with the known profiles and ledger it yields.
    """
    shown = _shown(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [(IngestResult(input=shown, raw=b"", error=f"cannot read it ({exc.strerror})"), Outcome())]
    return ingest_with(root, raw, shown, lambda: _ingest_file(path, known, date, shown, raw), known, ledger, dry_run)


def ingest_url(root: Path, url: str, known: KnownProfiles, ledger: Ledger, date: dt.date | None = None,
               dry_run: bool = False, limits: FetchLimits = FetchLimits()) -> Done:
    """Fetch a web page and ingest it unless the site holds it already; a page not had is one error."""
    try:
        page = fetch_url(url, limits)
    except SourceError as exc:
        return [(IngestResult(input=url, raw=b"", error=str(exc)), Outcome())]
    name = name_for_url(page.url)

    def analyse() -> list[Draft]:
        return _labelled(draft_source(page.body, name, known, date=date, file_date=dt.date.today(),
                                      content_type=page.content_type, url=page.url), name, url)

    return ingest_with(root, page.body, url, analyse, known, ledger, dry_run)


def ingest_with(root: Path, raw: bytes, shown: str, analyse: Callable[[], list[Draft]],
                known: KnownProfiles, ledger: Ledger, dry_run: bool, story_is_raw: bool = True) -> Done:
    """Ingest an original unless the site holds its story already: analyse it, then place and write each story.

    story_is_raw: the original alone makes the story (a file, a page), so one kept with these
    very bytes means the story is in. A feed item's story is also the feed's text: three
    briefs may link one video page, so it is known by the article it makes instead.
    """
    kept = ledger.original_of(raw) if story_is_raw else None
    if kept is not None:
        # Known by its bytes: nothing is analysed or written, so no profile changes either.
        result = IngestResult(input=shown, raw=raw, article_path=ledger.articles.get(kept, ""), raw_path=kept)
        return [(result, Outcome(already=kept, dry_run=dry_run))]
    try:
        drafts = analyse()
    except Exception as exc:  # one bad file must not stop the others
        drafts = [Draft(input=shown, raw=b"", error=f"ingest failed ({type(exc).__name__}: {exc})")]
    return [_write_story(draft, root, known, ledger, dry_run) if not draft.error else (compose(draft), Outcome())
            for draft in drafts]


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


def _ingest_file(path: Path, known: KnownProfiles, date: dt.date | None, shown: str,
                 raw: bytes) -> list[Draft]:
    file_date = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    name = safe_name(path.name)
    return _labelled(draft_source(raw, name, known, date=date, file_date=file_date), name, shown)


def _labelled(drafts: list[Draft], name: str, shown: str) -> list[Draft]:
    """Name each draft by its input as the user gave it ('inbox/a.eml:release.pdf')."""
    for draft in drafts:
        draft.input = shown + draft.input[len(name):] if draft.input.startswith(name) else shown
    return drafts


def _write_story(draft: Draft, root: Path, known: KnownProfiles, ledger: Ledger,
                 dry_run: bool) -> tuple[IngestResult, Outcome]:
    """Place a new story among the reports it repeats, compose it there, then write it unless dry_run."""
    placement, folding, slug, notes = _place(draft, root, ledger)
    result = compose(draft, placement)
    kept = ledger.original_of(draft.raw) if folding.same else None
    if kept is not None:
        # The same article from the same original (a feed item sent again under a new key).
        result.raw_path = kept
        return result, Outcome(already=kept, dry_run=dry_run)
    try:
        outcome = _apply(result, root, known, ledger, dry_run, folding, slug)
        outcome.notes[:0] = notes
        outcome.notes += folding.notes
        duplicates.remember(ledger.stories, result.article_path, result.article_text, result.front_matter,
                            result.body, written=result.article_path in outcome.written and not dry_run)
    except OSError as exc:  # a full disk or a read-only folder: say so, go on with the others
        result.error = f"cannot write {exc.filename or 'its files'} ({exc.strerror})"
        return result, Outcome()
    return result, outcome


def _place(draft: Draft, root: Path, ledger: Ledger) -> tuple[Placement, duplicates.Folding, str, list[str]]:
    """Decide where a story goes: fold it into the reports it repeats, else give it a free slug.

    Returns the placement, the folding, the slug the ledger records ('' for a text already
    in) and notes for the user.
    """
    # One story, several reports: an update replaces what it updates, another agency's links to it.
    folding = duplicates.fold(ledger.stories, draft.article_path, draft.title, draft.subtitle, draft.body,
                              draft.source, str(draft.date)[:10], draft.raw_path, draft.raw)
    raw_path, notes = draft.raw_path, []
    if (root / raw_path).exists() and not (folding.same and ledger.original_of(draft.raw)):
        # Another story already has this file name: keep both, byte for byte.
        digest = hashlib.sha256(draft.raw).hexdigest()[:8]
        path = PurePosixPath(raw_path)
        raw_path = str(path.with_name(f"{path.stem}-{digest}{path.suffix}"))
    if folding.same:
        return Placement(folding.article_path, raw_path), folding, "", notes
    if folding.replaces:
        # An update of ingest's own, unedited file: same path, same URL.
        slug = folding.slug or PurePosixPath(folding.article_path).stem
        return Placement(folding.article_path, raw_path, folding.slug, folding.story), folding, slug, notes
    base = PurePosixPath(folding.article_path).stem
    slug = ledger.free_slug(base)
    if slug != base:
        notes.append(f"slug '{base}' is another article's: this story is '{slug}'")
    # The build takes an article's slug from its title unless front matter names one.
    placement = Placement(f"content/articles/{draft.date.year:04d}/{slug}.md", raw_path,
                          slug if slugify(draft.title) != slug else "", folding.story)
    return placement, folding, slug, notes


def _apply(result: IngestResult, root: Path, known: KnownProfiles, ledger: Ledger, dry_run: bool,
           folding: duplicates.Folding, slug: str) -> Outcome:
    """Work out every write for one placed story, then do them unless dry_run; update known and ledger."""
    outcome = Outcome(dry_run=dry_run)
    # The kept original first: if the run stops after it, the next run knows the story.
    creates: list[tuple[Path, bytes]] = [(root / result.raw_path, result.raw)]
    updates: list[tuple[Path, bytes]] = []
    article = (root / result.article_path, result.article_text.encode("utf-8"))
    if folding.same:
        # The same text under other bytes: keep the original, so the next run knows it too.
        ledger.record(result.raw_path, result.raw, folding.same, PurePosixPath(folding.same).stem)
        outcome.notes.append(f"the same text as {folding.same}: only its original is kept")
    elif folding.replaces:
        updates.append(article)
    else:
        creates.append(article)
    for actor in [] if folding.same else result.actors:
        path = root / "content" / "actors" / f"{actor.slug}.md"
        if actor.new and not path.exists():
            creates.append((path, render_stub(actor, known.language).encode("utf-8")))
            known.actors[actor.slug] = stub_profile(actor, path)
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
    for source, name in [] if folding.same else result.sources.items():
        path = root / "content" / "sources" / f"{source}.md"
        if source not in known.sources and not path.exists():
            creates.append((path, render_source_stub(name, known.language).encode("utf-8")))
            known.sources[source] = Known("sources", source, name, (name,), path=path, stub=True)
    if (result.held or result.confirmed) and known.held_readable and not folding.same:
        for person in result.held:
            person.article = result.article_path
        known.held = [h for h in known.held if h not in result.confirmed] + result.held
        updates.append((root / HELD_FILE, render_held(known.held).encode("utf-8")))
    if slug:
        ledger.record(result.raw_path, result.raw, result.article_path, slug)
    for path, data, create in [(p, d, True) for p, d in creates] + [(p, d, False) for p, d in updates]:
        rel = path.relative_to(root).as_posix()
        if not dry_run:
            try:
                write_atomic(path, data, create)
            except FileExistsError:
                outcome.notes.append(f"{rel} appeared meanwhile: left as it is")
                continue
        outcome.written.append(rel)
    return outcome


def report(result: IngestResult, outcome: Outcome, as_json: bool, out: TextIO, err: TextIO) -> None:
    """Print what became of one story: one JSON line, or human lines (what was written, then warnings)."""
    if as_json:
        record = {"input": result.input, "path": result.article_path or None,
                  "front_matter": result.front_matter, "actors": [a.as_json() for a in result.actors],
                  "warnings": result.warnings + outcome.notes, "written": outcome.written,
                  "held": [h.name for h in result.held]}
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
