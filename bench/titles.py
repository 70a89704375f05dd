"""Measure the titles ingest gives headline-less texts: the factRuEval-2016 devset as a dossier.

Run: .venv/bin/python bench/titles.py [--devset DIR] [--show]

Each devset text (book_N.txt; the development part only: the test part stays held out)
opens with its lead paragraph and has no headline line. Each is read as `build.py ingest`
reads a plain-text file (dossier.ingest.sources.read_source) and its title is measured:

- length: median and longest, in characters;
- whole lead sentence: the title is the lead's first sentence and is over 100 characters;
- cut: the title is a piece of the lead's first sentence (it ends "…"), and where the lead
  goes on after it: at a clause boundary (punctuation , ; : — ( or a conjunction that opens
  a clause: и, а, но, который, что, чтобы, когда, где, если, ...), before a preposition (a
  phrase ends, its clause goes on), or mid-phrase (anywhere else: mid-clause);
- first paragraph lost: the first block is a lead (it ends with a full stop or holds more
  than one sentence; a headline does neither) and is not the body's first paragraph.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier.ingest.sources import read_source  # noqa: E402

DEVSET = Path(os.environ.get("DOSSIER_FACTRUEVAL_DEVSET") or ROOT / "tests" / "data" / "factrueval-2016-devset")
_CLAUSE_OPENERS = re.compile(
    r"\s*(?:[,;:(—–-]|(?:и|а|но|или|либо|который|которая|которое|которые|которого|которой|которых|которым|"
    r"которыми|котором|что|чтобы|когда|где|куда|откуда|если|хотя|поскольку|так как|потому что|пока|как|"
    r"после того как|чем|ибо|причем|причём|однако|зато)\b)", re.I)
_PREPOSITIONS = re.compile(r"\s+(?:в|во|на|у|с|со|к|ко|по|о|об|от|до|из|за|для|при|без|под|над|перед|через|"
                           r"между|после|против|среди|около)\s", re.I)
_LEAD = re.compile(r"\.$|[.!?…][»\"”]?\s+[«\"„“]?[А-ЯЁA-Z]")


def measure(path: Path) -> dict[str, object]:
    """Return a text's title and what is wrong with it."""
    raw = path.read_bytes()
    lead = next(b for b in re.split(r"\n\s*\n", raw.decode("utf-8").strip()) if b.strip())
    lead = " ".join(lead.split())
    story = read_source(raw, path.name)
    title = story.headline
    first = re.match(r"(.+?[.!?…])(?:\s+[«\"„“]?[А-ЯЁA-Z]|$)", lead)
    sentence = first.group(1) if first else lead
    cut = title.endswith("…") and not lead.startswith(title)
    piece = title.rstrip("…").rstrip()
    rest = lead[len(piece):] if lead.startswith(piece) else ""
    clause = bool(_CLAUSE_OPENERS.match(rest))
    phrase = not clause and bool(_PREPOSITIONS.match(rest))
    return {"title": title, "length": len(title),
            "whole": title.rstrip(".") == sentence.rstrip(".") and len(title) > 100,
            "clause": cut and clause, "phrase": cut and phrase, "mid_clause": cut and not clause and not phrase,
            "lost": bool(_LEAD.search(lead)) and story.paragraphs[:1] != [lead]}


def main() -> int:
    """Print the titles' lengths and faults over the devset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--show", action="store_true", help="print every title")
    args = parser.parse_args()
    found = [measure(path) for path in sorted(args.devset.glob("book_*.txt"))]
    lengths = [int(f["length"]) for f in found]  # type: ignore[call-overload]
    print(f"{len(found)} texts: title length median {statistics.median(lengths):.0f}, longest {max(lengths)} "
          f"characters")
    for key, label in (("whole", "a whole lead sentence over 100 characters"),
                       ("clause", "cut at a clause boundary"), ("phrase", "cut before a preposition"),
                       ("mid_clause", "cut mid-phrase"), ("lost", "a lead lost from the body")):
        print(f"{label:44} {sum(bool(f[key]) for f in found)}")
    if args.show:
        for f in found:
            flags = " ".join(k for k in ("whole", "clause", "phrase", "mid_clause", "lost") if f[k])
            print(f"{f['length']:4} {flags:20} {f['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
