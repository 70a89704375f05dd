#!/usr/bin/env python3
"""dossier command line: build, serve, ingest, fetch and correct a briefing dossier."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from pathlib import Path


def _not_set_up(missing: ModuleNotFoundError) -> str:
    """Return the one line telling someone who ran a Python without dossier's packages what to do."""
    return (f"error: {sys.executable} has no module '{missing.name}' that dossier needs: "
            "set up once with scripts/dev setup, then run .venv/bin/python build.py")


try:
    from dossier import DossierError
    from dossier.build import Builder
except ModuleNotFoundError as missing:  # run by a Python without requirements.txt installed
    sys.exit(_not_set_up(missing))


def main(argv: list[str] | None = None, ending: bool = False) -> int:
    """Parse the command line, run the command, turn user errors into one line each.

    ending: the process ends when the command returns (run as a script), so a build may end it at once.
    """
    args = _parser().parse_args(argv if argv is not None else sys.argv[1:] or ["build"])
    args.ending = ending
    try:
        return args.run(args)
    except DossierError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as missing:  # serve and ingest import their packages late
        print(_not_set_up(missing), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _build(args: argparse.Namespace) -> int:
    # One build, then the process ends: the collector of reference cycles would walk every
    # object the build made once more (its first pass after the build, and again at exit)
    # to free next to nothing, 0.3 s of CPU at 10,000 articles. The workers collect theirs.
    gc.disable()
    builder = Builder(args.root, args.out, args.base_url, args.drafts, args.strict, background=True)
    report = builder.build(search=not args.no_search)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"built {report.pages} pages into {report.out_dir} "
          f"({report.written} written, {report.unchanged} unchanged, {report.removed} removed"
          + (f", {report.rendered} pages rendered for {report.edited} edited article{'s' * (report.edited > 1)} "
             "from the page graph" if report.edited else "")
          + (f", {report.rendered} pages rendered for a new story from the page graph" if report.added else "") + ")"
          + (f"; {report.search}" if report.search else ""))
    if args.ending:
        # Freeing the site the builder holds (millions of objects at 10,000 articles) and tearing
        # the interpreter down cost a new story's rebuild 0.1 to 0.2 s, to free memory the exit
        # frees anyway. Every file is written and closed; the child storing the graph goes on.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    gc.freeze()  # the collection at exit skips what is frozen
    return 0


def _serve(args: argparse.Namespace) -> int:
    from dossier.preview.serve import serve
    return serve(args.root, host=args.host, port=args.port, drafts=args.drafts,
                 search=not args.no_search, open_browser=args.open)


def _ingest(args: argparse.Namespace) -> int:
    from dossier.ingest.command import run
    return run(args.root, args.paths, _day(args.date), dry_run=args.dry_run, as_json=args.json, strict=args.strict)


def _fetch(args: argparse.Namespace) -> int:
    from dossier.ingest.fetch import run
    return run(args.root, args.source, dry_run=args.dry_run, as_json=args.json)


def _day(text: str | None) -> dt.date | None:
    """Return the date an option gives as YYYY-MM-DD, None when it is not given."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DossierError(f"--date {text!r}: expected YYYY-MM-DD") from None


def _actors(args: argparse.Namespace) -> int:
    from dossier.desk.command import run
    return run(args.root, args.verb or "list", args.slugs, getattr(args, "value", None) or "", args.articles,
               reslug=args.slug, dry_run=args.dry_run, as_json=args.json)


def _add_actors(parser: argparse.ArgumentParser) -> None:
    """Declare `actors` and its verbs; --dry-run and --json may come before or after the verb."""
    parser.set_defaults(slugs=[], articles=[], slug=False)
    parser.add_argument("--dry-run", action="store_true", help="write nothing; say what would change")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per line)")
    verbs = parser.add_subparsers(dest="verb")

    def verb(name: str, help_text: str, slugs: str = "", many: bool = False) -> argparse.ArgumentParser:
        sub = verbs.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--dry-run", action="store_true", default=argparse.SUPPRESS)
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        if slugs:
            sub.add_argument("slugs", nargs="+" if many else 1, metavar=slugs)
        return sub

    verb("list", "Profiles with their article counts, newest first.")
    verb("review", "Profiles and pairs that need an editor's eye, with the sentences they come from.")
    verb("merge", "One person in several profiles: merge them into one.", "SRC", many=True).add_argument(
        "--into", dest="value", required=True, metavar="TARGET")
    split = verb("split", "One profile holding two people: give some articles to a new profile.", "SLUG")
    split.add_argument("--articles", nargs="+", required=True, metavar="ARTICLE")
    split.add_argument("--name", dest="value", help="the new profile's name (default: the same name)")
    rename = verb("rename", "Give a profile another name (with --slug, another address too).", "SLUG")
    rename.add_argument("value", metavar="NEW-NAME")
    rename.add_argument("--slug", action="store_true", help="move the profile to the new name's slug")
    verb("reject", "Not an actor: remove it everywhere and never make it again.", "NAME|SLUG")
    verb("kind", "Say whether a profile is a person, an organisation or a state.", "SLUG").add_argument(
        "value", choices=["person", "organisation", "state"])
    verb("accept", "Reviewed and right as it is: leave the review list.", "SLUG", many=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, run, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", type=Path, default=Path.cwd(), help="site folder (default: .)")
        sub.set_defaults(run=run)
        return sub

    b = add("build", _build, "Build the site into its output folder.")
    b.add_argument("--out", type=Path, help="output folder (default: site.yml output_dir)")
    b.add_argument("--base-url", help="published URL, e.g. https://user.github.io/dossier/")
    b.add_argument("--drafts", action="store_true", help="include articles marked draft")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--no-search", action="store_true", help="skip the search index")

    s = add("serve", _serve, "Build, serve and rebuild on change with live reload.")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    s.add_argument("--drafts", action="store_true", help="include articles marked draft")
    s.add_argument("--no-search", action="store_true", help="do not refresh the search index")

    i = add("ingest", _ingest, "Turn raw wire stories into articles.")
    i.add_argument("paths", nargs="*", default=[],
                   help="stories (wire text, .html, .mhtml, .eml, .pdf, .docx), folders of them "
                        "or http(s) URLs of pages (default: inbox/ under the root)")
    i.add_argument("--dry-run", action="store_true", help="write nothing; say what would be written")
    i.add_argument("--json", action="store_true", help="print one JSON object per input (JSON Lines)")
    i.add_argument("--date", help="the stories' date, YYYY-MM-DD (overrides the inferred year)")
    i.add_argument("--strict", action="store_true",
                   help="exit 1 when a story needs review, not only when one fails")

    f = add("fetch", _fetch, "Read the sources' feeds and ingest the items not seen before.")
    f.add_argument("--source", metavar="SLUG", help="read only this source's feeds")
    f.add_argument("--dry-run", action="store_true", help="write nothing; say what would be written")
    f.add_argument("--json", action="store_true", help="print one JSON object per feed and per item")

    _add_actors(add("actors", _actors, "List, review and correct the dossier's actors."))
    return parser


if __name__ == "__main__":
    sys.exit(main(ending=True))
