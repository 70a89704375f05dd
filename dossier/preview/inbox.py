"""Stories dropped into inbox/ while the preview runs: ingested under ingest's own lock, then removed."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

from ..util.errors import Problem


def ingest_stories(root: Path, stories: list[Path]) -> tuple[bool, list[Problem]]:
    """Ingest inbox stories into content/, each leaving inbox/ once its original is kept there.

    Return whether any article was written, and a problem for each story that was not.
    """
    # The ingest command's own steps and lock, so serve and `build.py ingest` write the
    # same files, and one waits for the other instead of both writing at once. Imported
    # here: ingest loads its language models, which a preview without stories never needs.
    from ..ingest.command import ingest_file, report, session

    written, problems = False, []
    with session(root, sys.stderr) as (known, ledger):
        for story in stories:
            if not story.is_file():
                continue  # already handled, or renamed away within the same burst
            shown = story.relative_to(root).as_posix()
            try:
                done = ingest_file(root, story, known, ledger)
            except Exception as exc:  # noqa: BLE001 - a story the ingester trips on stays in inbox/
                problems.append(Problem(shown, f"ingest failed ({type(exc).__name__}: {exc})"))
                continue
            failed = [Problem(result.input, result.error) for result, _ in done if result.error]
            if failed:
                problems += failed
                continue
            for result, outcome in done:
                report(result, outcome, False, sys.stdout, sys.stderr)
                written |= bool(outcome.written)
            # The original leaves inbox/ once its byte-for-byte copy is kept in content/ (an
            # e-mail with no body of its own is kept only as its attachments).
            kept = [root / (outcome.already or result.raw_path) for result, outcome in done]
            if any(path.is_file() and path.read_bytes() == story.read_bytes() for path in kept):
                story.unlink()
    return written, problems


def inbox_stories(root: Path, paths: list[PurePosixPath]) -> list[Path]:
    """Return the story files paths name: files as they are, folders walked; each once."""
    from ..ingest.inbox import stories_in

    found: dict[Path, None] = {}
    for path in paths:
        full = root / path
        for story in stories_in(full) if full.is_dir() else [full] if full.is_file() else []:
            found[story] = None
    return list(found)
