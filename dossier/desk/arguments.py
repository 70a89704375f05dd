"""The actors command's arguments, apart from its code: declaring them imports nothing heavy."""

from __future__ import annotations

import argparse


def add_actors_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the actors command's subcommands and options (all but --root) to parser."""
    parser.add_argument("--dry-run", action="store_true", help="write nothing; say what would change")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per line)")
    verbs = parser.add_subparsers(dest="verb")
    listing = verbs.add_parser("list", help="profiles with their article counts, newest first")
    review = verbs.add_parser("review", help="profiles and pairs that need an editor's eye, with their sentences")
    merge = verbs.add_parser("merge", help="merge profiles into one; their names become its aliases")
    merge.add_argument("slugs", nargs="+", metavar="SRC")
    merge.add_argument("--into", required=True, metavar="TARGET")
    split = verbs.add_parser("split", help="give some of a profile's articles to a new profile")
    split.add_argument("slugs", nargs=1, metavar="SLUG")
    split.add_argument("--articles", nargs="+", required=True, metavar="ARTICLE")
    split.add_argument("--name", help="the new profile's name (default: the same name)")
    rename = verbs.add_parser("rename", help="give a profile another name (and with --slug another address)")
    rename.add_argument("slugs", nargs=1, metavar="SLUG")
    rename.add_argument("value", metavar="NEW-NAME")
    rename.add_argument("--slug", action="store_true", help="move the profile to the new name's slug")
    reject = verbs.add_parser("reject", help="not an actor: remove it and never make it again")
    reject.add_argument("slugs", nargs=1, metavar="NAME|SLUG")
    kind = verbs.add_parser("kind", help="say whether a profile is a person, an organisation or a state")
    kind.add_argument("slugs", nargs=1, metavar="SLUG")
    kind.add_argument("value", choices=["person", "organisation", "state"])
    accept = verbs.add_parser("accept", help="reviewed and right as it is: leave the review list")
    accept.add_argument("slugs", nargs="+", metavar="SLUG")
    for sub in (listing, review, merge, split, rename, reject, kind, accept):
        sub.add_argument("--dry-run", action="store_true", default=argparse.SUPPRESS)
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
