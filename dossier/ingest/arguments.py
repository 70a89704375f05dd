"""The command line of ingest and fetch, apart from their code: declaring it imports nothing heavy."""

from __future__ import annotations

import argparse


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ingest command's arguments (all but --root) to parser."""
    parser.add_argument("paths", nargs="*", default=[],
                        help="stories (wire text, .html, .mhtml, .eml, .pdf, .docx), folders of them "
                             "or http(s) URLs of pages (default: inbox/ under the root)")
    parser.add_argument("--dry-run", action="store_true", help="write nothing; say what would be written")
    parser.add_argument("--json", action="store_true", help="print one JSON object per input (JSON Lines)")
    parser.add_argument("--date", help="the stories' date, YYYY-MM-DD (overrides the inferred year)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a story needs review, not only when one fails")


def add_fetch_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the fetch command's arguments (all but --root) to parser."""
    parser.add_argument("--source", metavar="SLUG", help="read only this source's feeds")
    parser.add_argument("--dry-run", action="store_true", help="write nothing; say what would be written")
    parser.add_argument("--json", action="store_true", help="print one JSON object per feed and per item")
