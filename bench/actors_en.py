"""Score English person extraction per document on CoNLL-2003's development part.

Run: .venv/bin/python bench/actors_en.py --devset PATH/eng.testa [--show] [--limit N]

The devset file is read from --devset, else $DOSSIER_CONLL_DEVSET. It is never part of
the project (the Reuters text is licensed for research): give your own copy. Only the
development part (eng.testa) is for measuring; the test part (eng.testb) stays held out.

Documents: the ones whose headline (first sentence) is not about sport. A headline is
sport when its first words, before a dash, name a sport ("SOCCER - ...", "Boxing-Bruno
quits ...", "NFL AMERICAN FOOTBALL-RANDALL ..."), as Reuters' sports desk writes them;
those are results and scores, full of players and teams, not the news a dossier reads.

Gold: one person per surname per document: the last word of each PER span. Ours: the
names the English analyser extracts from the document's text (its sentences, one a line,
tokens joined back as written: "Yeltsin 's" -> "Yeltsin's"). A gold surname is found
when an extracted person's name contains it as a word (case-folded); an extracted name
is right when it contains some gold surname. Precision, recall and F1 are micro-averaged.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier.ingest.analyse import en

SPORTS = re.compile(
    r"^(?:soccer|cricket|tennis|golf|baseball|basketball|boxing|squash|athletics|rugby(?: league| union)?"
    r"|cycling|motor racing|horse racing|nfl|american football|ice hockey|nhl|nba|formula one|swimming"
    r"|skiing|rowing|sailing|yachting|badminton|volleyball|handball|judo|wrestling|snooker|darts)\w*\b[^-]{0,30}-",
    re.I)


@dataclass
class Document:
    headline: str
    text: str
    gold: set[str]  # surnames, case-folded


def detokenise(tokens: list[str]) -> str:
    """Join CoNLL tokens back into text as a wire writes it."""
    text = " ".join(tokens)
    text = re.sub(r" (?=[,.;:!?)\]]|'s\b|'\s|n't\b)", "", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


def read_conll(path: Path) -> list[Document]:
    """Return the documents of a CoNLL-2003 file: text and gold surnames."""
    documents: list[Document] = []
    sentences: list[list[tuple[str, str]]] = []

    def close() -> None:
        lines = [detokenise([w for w, _ in s]) for s in sentences if s]
        if not lines:
            return
        gold = set()
        for sentence in sentences:
            span: list[str] = []
            for word, tag in [*sentence, ("", "O")]:
                if tag.endswith("PER") and not (tag.startswith("B-") and span):
                    span.append(word)
                    continue
                if span:
                    gold.add(span[-1].lower())
                span = [word] if tag.endswith("PER") else []
        documents.append(Document(lines[0], "\n\n".join(lines), gold))

    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if current:
                sentences.append(current)
            close()
            sentences, current = [], []
        elif not line.strip():
            if current:
                sentences.append(current)
            current = []
        else:
            parts = line.split()
            current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    close()
    return documents


def news(documents: list[Document]) -> list[Document]:
    """Return the documents whose headline is not a sports one."""
    return [d for d in documents if not SPORTS.match(d.headline)]


def contains(name: str, surname: str) -> bool:
    return surname in name.lower().replace("-", " ").split() or surname in name.lower().split()


def run(documents: list[Document], show: bool = False) -> tuple[float, float, float, float]:
    """Return (precision, recall, F1, seconds per document)."""
    right = ours_total = found = gold_total = 0
    seconds = 0.0
    for doc in documents:
        started = time.perf_counter()
        ours = {p.name for p in en.extract(doc.text).persons}
        seconds += time.perf_counter() - started
        wrong = sorted(n for n in ours if not any(contains(n, g) for g in doc.gold))
        missed = sorted(g for g in doc.gold if not any(contains(n, g) for n in ours))
        right += len(ours) - len(wrong)
        ours_total += len(ours)
        found += len(doc.gold) - len(missed)
        gold_total += len(doc.gold)
        if show and (wrong or missed):
            print(f"{doc.headline[:60]!r}: extra {wrong} missed {missed}")
    precision = right / ours_total if ours_total else 1.0
    recall = found / gold_total if gold_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, seconds / max(len(documents), 1)


def main() -> int:
    """Print P/R/F1 over the devset's non-sports documents and the time per document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=os.environ.get("DOSSIER_CONLL_DEVSET"),
                        help="CoNLL-2003 eng.testa (or $DOSSIER_CONLL_DEVSET)")
    parser.add_argument("--limit", type=int, help="score only the first N news documents")
    parser.add_argument("--show", action="store_true", help="list each document's errors")
    args = parser.parse_args()
    if args.devset is None or not Path(args.devset).is_file():
        where = f" (no file at {args.devset})" if args.devset else ""
        raise SystemExit(f"no CoNLL-2003 devset{where}: give eng.testa with --devset PATH "
                         "or DOSSIER_CONLL_DEVSET")
    started = time.perf_counter()
    en.extract("Loading the name lists.")
    print(f"model load: {time.perf_counter() - started:.2f} s")
    documents = read_conll(Path(args.devset))
    chosen = news(documents)[:args.limit]
    precision, recall, f1, per_doc = run(chosen, args.show)
    print(f"devset ({len(chosen)} of {len(documents)} docs, non-sports): P {precision:.3f}  R {recall:.3f}  "
          f"F1 {f1:.3f}  ({per_doc * 1000:.1f} ms/doc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
