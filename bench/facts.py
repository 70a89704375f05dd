"""Score the events, quote speakers and cited outlets ingest finds in hand-made agency stories.

Run: .venv/bin/python bench/facts.py [--show]

tests/data/facts/ holds stories written in the styles of English (AP, Reuters, AFP),
Russian (TASS, Interfax) and Ukrainian (Ukrinform) agencies about invented people,
places and outlets, and gold.json, which gives for each story its date and:

- events: [a piece of the sentence, its date (YYYY-MM-DD, YYYY-MM or YYYY)]. A sentence
  of the story that is not listed (an anniversary, a chart, a bond yield) is no event;
- quotes: [a piece of the quote, its speaker's name or null when no person said it];
- outlets: the media the story names as its sources (not countries, bodies or crowds).

Each story goes through `build.py ingest --dry-run --json --date DATE` in a scratch site,
what an editor runs, and its front matter is compared with the gold:

- event dates right: events found with the gold's date, of the gold's events plus every
  event ingest gives that is no event (the wrong-date and missed ones count against);
- quote speakers right: of the gold's quotes ingest gives a speaker, the share whose
  speaker is the gold's (a speaker given to a quote no person said is wrong); given a
  speaker: the share of the gold's quotes with a speaker that get one;
- outlets right: outlets in both, of outlets in either (the slugs of the gold's names).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.tally import Tally  # noqa: E402
from dossier.util.slugs import slugify  # noqa: E402

FACTS = ROOT / "tests" / "data" / "facts"


def ingest(names: list[str], date: str, site: Path) -> dict[str, dict]:
    """Return the front matter ingest gives each story, by file name."""
    command = [sys.executable, str(ROOT / "build.py"), "ingest", "--root", str(site), "--dry-run",
               "--json", "--date", date, *(str(FACTS / n) for n in names)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = {}
    for line in done.stdout.splitlines():
        record = json.loads(line)
        found[Path(record["input"]).name] = record.get("front_matter") or {}
    return found


def score(gold: dict[str, dict], matter: dict[str, dict]) -> dict[str, Tally]:
    tallies = {k: Tally() for k in ("events", "speakers", "given", "outlets")}
    for name, want in gold.items():
        got = matter.get(name, {})
        events = got.get("events") or []
        matched = set()
        for piece, date in want["events"]:
            hit = next((i for i, e in enumerate(events) if piece in e["text"]), None)
            if hit is None:
                tallies["events"].add(False, f"{name}: missed {piece!r} ({date})")
                continue
            matched.add(hit)
            given = str(events[hit]["date"])
            tallies["events"].add(given == date, f"{name}: {piece!r} dated {given}, not {date}")
        for i, event in enumerate(events):
            if i not in matched:
                tallies["events"].add(False, f"{name}: no event: {event['date']} {event['text'][:70]!r}")
        quotes = got.get("quotes") or []
        for piece, speaker in want["quotes"]:
            quote = next((q for q in quotes if piece in q["text"] or q["text"] in piece), None)
            actor = quote.get("actor", "") if quote else ""
            if speaker:
                tallies["given"].add(bool(actor), f"{name}: {piece!r} has no speaker, not {speaker}")
            if actor:
                tallies["speakers"].add(actor == slugify(speaker or ""),
                                        f"{name}: {piece!r} given to {actor}, not {speaker}")
        given_outlets, wanted = set(got.get("via") or []), {slugify(o) for o in want["outlets"]}
        for outlet in sorted(given_outlets | wanted):
            tallies["outlets"].add(outlet in given_outlets and outlet in wanted,
                                   f"{name}: {outlet} {'not cited' if outlet in wanted else 'is no outlet'}")
    return tallies


def main() -> int:
    """Print the share of event dates, quote speakers and outlets right."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args()
    gold = json.loads((FACTS / "gold.json").read_text(encoding="utf-8"))
    by_date: dict[str, list[str]] = defaultdict(list)
    for name, want in gold.items():
        by_date[want["date"]].append(name)
    matter: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch)
        shutil.copy(ROOT / "site.yml", site / "site.yml")
        (site / "content").mkdir()
        for date, names in sorted(by_date.items()):
            matter.update(ingest(names, date, site))
    tallies = score(gold, matter)
    print(f"{len(gold)} stories: {sum(len(g['events']) for g in gold.values())} events, "
          f"{sum(len(g['quotes']) for g in gold.values())} quotes, "
          f"{sum(len(g['outlets']) for g in gold.values())} outlets")
    labels = {"events": "event dates right", "speakers": "quote speakers right (of those given one)",
              "given": "quotes given a speaker (of those with one)", "outlets": "outlets right (of either)"}
    for key, label in labels.items():
        print(f"{label:44} {tallies[key]}")
        if args.show:
            for miss in tallies[key].misses:
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
