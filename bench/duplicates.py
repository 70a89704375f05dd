"""Score near-duplicate detection (dossier.ingest.duplicates): precision and recall on real pairs.

Run: .venv/bin/python bench/duplicates.py [--conll PATH] [--sweep] [--scale N]

PATH is CoNLL-2003 English's development part, eng.testa (else $DOSSIER_CONLL_TESTA).
It is not in the repository and nothing derived from it is: the pairs below name its
documents by their position (0-215). The test part, eng.testb, is never read.

Every pair of texts in the pool is scored as ingest scores a new story against an
article (the older text's sketch against the newer text's shingles) and counts as
"one story" at or above the threshold. The pool:

- CoNLL-2003 dev documents (216 Reuters stories of 30-31 August 1996). Gold pairs were
  chosen by reading the headlines and texts, before any scoring:
  RETOLD: one report sent twice or retold line for line under another headline;
  OTHER_WRITE_UPS: one match or event in two different write-ups (a feature and a
  results brief, the toss and the result, a case and its next day). Shingles cannot see
  these; they are reported, not targeted, and are not counted as false when flagged.
  Everything else is a negative, many on the same topic (standings of two days, one
  template of results for different matches, the Iraq and Chechnya stories).
- Versions made from each CoNLL story of prose (five sentences or more), as agencies
  make them: the first take (headline, dateline and two sentences) that the story
  writes through, and an "UPDATE 1" (new headline, two paragraphs swapped, last dropped).
- Versions of the seed story and its English telling, tests/data/duplicates/: first
  takes, updates, corrected headlines, another agency's retelling; the seed against its
  English telling is the same story in another language (reported, not targeted).
- Different stories: the factRuEval devset (122 Russian texts) and the synthetic
  fixtures of tests/ingest/ (two stories on one invented topic).

The threshold is chosen on the CoNLL part (real and made pairs) as the one with the
best F1 among those with precision >= 0.95; the seed pairs check it afterwards.
--scale N times what ingest adds on a synthetic site of N articles (bench/corpus.py):
building the sketch index without a cache, loading it with one, comparing one story.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from dossier.ingest import duplicates
from dossier.ingest.sources.text import story_from_text

DATA = ROOT / "tests" / "data"
DEVSET = DATA / "factrueval-2016-devset"
SEED_DIR = DATA / "duplicates"
WIRE = DATA / "wire"
SYNTHETIC = ROOT / "tests" / "ingest"
DOCUMENTS = 216  # in eng.testa
# Different stories on one invented topic (the fixtures of the duplicate tests are one story).
DIFFERENT_SYNTHETIC = ("synthetic_en.txt", "synthetic_ru.txt", "synthetic_ru_followup.txt")

RETOLD = [(5, 168), (132, 133), (192, 193), (158, 159)]
OTHER_WRITE_UPS = [(25, 27), (27, 28), (25, 28), (107, 111), (103, 104), (126, 127), (153, 161),
                   (155, 156), (157, 160), (162, 164), (37, 174), (176, 208), (207, 213), (72, 73),
                   (45, 52)]
# A scoreboard or a table of results beside the report of its match, and a federation's
# decision beside the match that caused it: neither one story nor plainly two.
UNCLEAR = [(25, 26), (26, 27), (26, 28), (107, 109), (109, 111), (16, 17), (19, 20), (128, 129)]
SEED_GROUPS = {
    "seed-ru": ["../wire/000_00b64ad341f35e56.txt", "ru_first_take.txt", "ru_update.txt",
                "ru_corrected_headline.txt", "ru_other_agency.txt"],
    "seed-en": ["../wire/en_paris_reuters_style.txt", "en_first_take.txt", "en_update.txt",
                "en_corrected_headline.txt", "en_other_agency.txt"],
}
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'/-]* \d{4}-\d\d-\d\d$")


@dataclass
class Item:
    name: str
    group: str  # items of one group are one story
    kind: str  # what sort of text: for recall by kind of pair
    text: str


def conll_documents(path: Path) -> list[list[str]]:
    """Return each document of a CoNLL-2003 file as its sentences (tokens joined by spaces)."""
    documents: list[list[str]] = []
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            documents.append([])
            continue
        token = line.split(" ", 1)[0]
        if token:
            sentence.append(token)
        elif sentence:
            documents[-1].append(" ".join(sentence))
            sentence = []
    if sentence:
        documents[-1].append(" ".join(sentence))
    return documents


def wire_text(headline: str, sentences: list[str]) -> str:
    return duplicates.story_text(headline, "", "\n\n".join(sentences))


def conll_items(documents: list[list[str]]) -> list[Item]:
    """Return the documents, joined into one group per retold pair, and the versions made of them."""
    group = {i: f"conll-{i}" for i in range(len(documents))}
    for a, b in RETOLD:
        group[b] = group[a]
    items = []
    for index, sentences in enumerate(documents):
        headline, body = sentences[0], sentences[1:]
        items.append(Item(f"conll-{index}", group[index], "conll", wire_text(headline, body)))
        dateline = body[:1] if body and _DATELINE.match(body[0]) else []
        prose = body[len(dateline):]
        if len(prose) >= 5 and sum(len(s.split()) for s in prose) / len(prose) >= 12:
            items.append(Item(f"conll-{index}-first-take", group[index], "first take",
                              wire_text(headline, dateline + prose[:2])))
            update = prose[:1] + prose[2:3] + prose[1:2] + prose[3:-1]
            items.append(Item(f"conll-{index}-update-1", group[index], "update",
                              wire_text("UPDATE 1-" + headline, dateline + update)))
    return items


def file_item(path: Path, group: str, kind: str) -> Item:
    story = story_from_text(path.read_text(encoding="utf-8"), b"", "text")
    return Item(path.name, group, kind,
                duplicates.story_text(story.headline, story.standfirst, "\n\n".join(story.paragraphs)))


def seed_items() -> list[Item]:
    items = []
    for group, names in SEED_GROUPS.items():
        for name in names:
            kind = "agency" if "other_agency" in name else "seed original" if name.startswith("..") else "version"
            items.append(file_item(SEED_DIR / name, group, kind))
    return items


def other_items() -> list[Item]:
    items = [Item(p.name, f"factrueval-{p.stem}", "different", p.read_text(encoding="utf-8"))
             for p in sorted(DEVSET.glob("*.txt"))]
    items += [file_item(SYNTHETIC / name, f"synthetic-{name}", "different") for name in DIFFERENT_SYNTHETIC]
    return items


@dataclass
class Scored:
    a: Item
    b: Item
    score: float
    shared: int

    def flagged(self, threshold: float) -> bool:
        return self.score >= threshold and self.shared >= duplicates.MIN_SHARED


def score_pairs(items: list[Item]) -> list[Scored]:
    hashes = [duplicates.shingles(item.text) for item in items]
    sketches = [duplicates.Sketch.of(h) for h in hashes]
    scored = []
    for i, j in itertools.combinations(range(len(items)), 2):
        score, shared = duplicates.overlap(sketches[i], hashes[j])
        scored.append(Scored(items[i], items[j], score, min(shared, len(hashes[j]))))
    return scored


def pair_kind(pair: Scored) -> str | None:
    """Return the kind of a gold pair, 'other write-up', 'unclear', or None for a negative."""
    a, b = pair.a, pair.b
    names = {a.name, b.name}
    if a.group == b.group:
        kinds = {a.kind, b.kind}
        if a.group.startswith("seed"):
            return "seed: another agency's retelling" if "agency" in kinds else "seed: first take, update, corrected headline"
        if kinds == {"conll"}:
            return "CoNLL: one report under two headlines"
        if "first take" in kinds:
            return "CoNLL: first take and its write-through"
        return "CoNLL: UPDATE 1 and the story"
    if {a.group, b.group} == set(SEED_GROUPS):
        return "other write-up" if {a.kind, b.kind} == {"seed original"} else "unclear"
    if all(n.startswith("conll-") for n in names):
        x, y = sorted(int(n.split("-")[1]) for n in names)
        if (x, y) in OTHER_WRITE_UPS:
            return "other write-up" if {a.kind, b.kind} == {"conll"} else "unclear"
        if (x, y) in UNCLEAR:
            return "unclear"
    return None


def measure(scored: list[Scored], threshold: float) -> dict[str, tuple[int, int]]:
    """Return per kind of pair (flagged, total); None-kind pairs are the negatives."""
    counts: dict[str, tuple[int, int]] = {}
    for pair in scored:
        kind = pair_kind(pair) or "negative"
        flagged, total = counts.get(kind, (0, 0))
        counts[kind] = (flagged + pair.flagged(threshold), total + 1)
    return counts


def precision_recall(counts: dict[str, tuple[int, int]]) -> tuple[float, float, int, int, int]:
    positive = {k: v for k, v in counts.items() if k not in ("negative", "other write-up", "unclear")}
    tp = sum(f for f, _ in positive.values())
    gold = sum(t for _, t in positive.values())
    fp = counts.get("negative", (0, 0))[0]
    return tp / max(1, tp + fp), tp / max(1, gold), tp, fp, gold


def choose(scored: list[Scored]) -> tuple[float, list[tuple[float, float, float]]]:
    rows = []
    for step in range(5, 96):
        threshold = step / 100
        p, r, *_ = precision_recall(measure(scored, threshold))
        rows.append((threshold, p, r))
    fine = [row for row in rows if row[1] >= 0.95]
    best = max(fine, key=lambda row: (2 * row[1] * row[2] / max(1e-9, row[1] + row[2]), -row[0]))
    # The middle of the plateau of best F1: the most room on both sides.
    top = [row[0] for row in fine if abs(2 * row[1] * row[2] / max(1e-9, row[1] + row[2])
                                         - 2 * best[1] * best[2] / max(1e-9, best[1] + best[2])) < 1e-9]
    return top[len(top) // 2], rows


def report(title: str, scored: list[Scored], threshold: float) -> None:
    counts = measure(scored, threshold)
    p, r, tp, fp, gold = precision_recall(counts)
    print(f"{title} at {threshold:.2f}: precision {p:.3f}, recall {r:.3f} "
          f"({tp} of {gold} same-story pairs found, {fp} false of {counts.get('negative', (0, 0))[1]} negatives)")
    for kind in sorted(counts):
        flagged, total = counts[kind]
        print(f"  {kind:48} {flagged:5} of {total:6} flagged")


def misses(scored: list[Scored], threshold: float) -> None:
    for pair in sorted(scored, key=lambda s: -s.score):
        kind = pair_kind(pair)
        wrong = (kind is None and pair.flagged(threshold)) or (
            kind not in (None, "other write-up", "unclear") and not pair.flagged(threshold))
        if wrong:
            print(f"  {'missed' if kind else 'false '} {pair.score:.2f} {pair.a.name} ~ {pair.b.name}")


def time_scale(count: int, text: str) -> None:
    """Time ingest's look-up on a synthetic site of count articles: index cold, index warm, one story."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus.write_dossier(corpus.generate(count), root)
        started = time.perf_counter()
        stories = duplicates.load_stories(root)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        stories = duplicates.load_stories(root)
        warm = time.perf_counter() - started
        hashes = duplicates.shingles(text)
        started = time.perf_counter()
        found = stories.similar(hashes)
        look_up = time.perf_counter() - started
        size = (root / duplicates.INDEX).stat().st_size
    print(f"{count} articles: index built in {cold:.1f} s (no cache), loaded in {warm:.2f} s (cached, "
          f"{size / 1e6:.1f} MB in .cache), one story compared with all in {look_up * 1000:.0f} ms "
          f"({len(found)} found)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", default=os.environ.get("DOSSIER_CONLL_TESTA", ""),
                        help="CoNLL-2003 eng.testa (default: $DOSSIER_CONLL_TESTA)")
    parser.add_argument("--sweep", action="store_true", help="print precision and recall at every threshold")
    parser.add_argument("--misses", action="store_true", help="list the missed and the false pairs")
    parser.add_argument("--scale", type=int, default=0,
                        help="also time ingest's look-up on a synthetic site of N articles")
    args = parser.parse_args()
    path = Path(args.conll) if args.conll else None
    if path is None or not path.is_file():
        where = f"{path} is not a file" if path else "no path given"
        print(f"error: CoNLL-2003 eng.testa needed ({where}): pass --conll PATH or set DOSSIER_CONLL_TESTA",
              file=sys.stderr)
        return 2
    if path.name == "eng.testb":
        print("error: eng.testb is the held-out test part: give the development part, eng.testa", file=sys.stderr)
        return 2
    documents = conll_documents(path)
    if len(documents) != DOCUMENTS:
        print(f"error: {path}: {len(documents)} documents, expected eng.testa's {DOCUMENTS}", file=sys.stderr)
        return 2
    conll = conll_items(documents)
    others = other_items()
    started = time.perf_counter()
    choice = score_pairs(conll)
    threshold, rows = choose(choice)
    if args.sweep:
        for t, p, r in rows:
            print(f"  threshold {t:.2f}: precision {p:.3f} recall {r:.3f}")
    everything = score_pairs(conll + seed_items() + others)
    print(f"{len(conll) + len(seed_items()) + len(others)} texts, {len(everything)} pairs scored "
          f"in {time.perf_counter() - started:.1f} s; sketch {duplicates.SKETCH_SIZE} hashes of word "
          f"{duplicates.SHINGLE_WORDS}-grams, at least {duplicates.MIN_SHARED} shared")
    print(f"best threshold on the CoNLL part (max F1 with precision >= 0.95): {threshold:.2f}; "
          f"ingest uses {duplicates.THRESHOLD:.2f}")
    report("CoNLL part", choice, duplicates.THRESHOLD)
    report("everything", everything, duplicates.THRESHOLD)
    if args.misses:
        misses(everything, duplicates.THRESHOLD)
    if args.scale:
        time_scale(args.scale, conll[0].text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
