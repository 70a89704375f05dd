"""Score person extraction per document on factRuEval-2016 and on the seed wire story.

Run: .venv/bin/python bench/actors.py [--devset DIR] [--limit N] [--show]

The devset is read from --devset, else $DOSSIER_FACTRUEVAL_DEVSET, else the copy kept
in tests/data/ (the development part only: the test part stays held out).

For each devset document the gold set is its persons (coref blocks with firstname /
lastname), each written "Firstname Lastname", or the one part given. Our set is the
names ingest extracts. Two names are the same person when their words, case-folded
with ё as е, agree in any order: same Snowball stem, or one word is the other plus a
case ending (Snowball stems "Рамзан" to "рамза" but "Рамзану" to "рамзан"). The gold
itself is sometimes inflected ("Рамзану Кадыров") and writes some Chinese names family
name last. The
stricter "exact spelling" line compares the case-folded words themselves. A first name
given as an initial matches any first name with that letter. Precision, recall and F1
are micro-averaged over all documents (true positives summed over documents).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier.ingest import nlp  # noqa: E402
from dossier.ingest.analyse import ru  # noqa: E402

DATA = ROOT / "tests" / "data"
DEVSET = Path(os.environ.get("DOSSIER_FACTRUEVAL_DEVSET") or DATA / "factrueval-2016-devset")
SEED = DATA / "wire" / "000_00b64ad341f35e56.txt"
SEED_PEOPLE = {
    "Стивен Уиткофф", "Джаред Кушнер", "Эмманюэль Макрон", "Кир Стармер", "Фридрих Мерц",
    "Джорджа Мелони", "Марк Карни", "Владимир Зеленский", "Дмитрий Песков", "Сергей Лавров",
}


def gold_persons(coref: Path) -> set[str]:
    """Return the persons of one devset document as 'Firstname Lastname' strings."""
    persons = set()
    for block in coref.read_text(encoding="utf-8").split("\n\n"):
        attrs: dict[str, str] = {}
        for line in block.strip().splitlines()[1:]:
            key, _, value = line.partition(" ")
            attrs.setdefault(key, value.strip())
        if "firstname" in attrs or "lastname" in attrs:
            persons.add(" ".join(v for v in (attrs.get("firstname"), attrs.get("lastname")) if v))
    return persons


def fold(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


_CASE_ENDINGS = ("а", "я", "у", "ю", "е", "ы", "и", "ом", "ем", "ой", "ей", "ым", "им")


def same_word(a: str, b: str) -> bool:
    """Return whether two folded name words are forms of one word (same stem, or one inflected)."""
    if a == b or nlp.stem(a) == nlp.stem(b):
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short) and long[len(short):] in _CASE_ENDINGS


def matches(ours: str, gold: str, strict: bool = False) -> bool:
    """Return whether an extracted name is the gold name (initials match a full first name)."""
    a, b = fold(ours).split(), fold(gold).split()
    if strict and sorted(a) == sorted(b):
        return True
    if not strict and len(a) == len(b) and (
            all(map(same_word, a, b)) or all(map(same_word, a, reversed(b)))):
        return True  # the gold writes some East Asian names family name last
    if len(a) == len(b) == 2 and (a[1] == b[1] or not strict and same_word(a[1], b[1])):
        return (len(b[0].rstrip(".")) == 1 and a[0].startswith(b[0].rstrip("."))) or (
            len(a[0].rstrip(".")) == 1 and b[0].startswith(a[0].rstrip(".")))
    return False


def score(ours: set[str], gold: set[str], strict: bool = False) -> tuple[int, list[str], list[str]]:
    """Return true positives, false positives and misses for one document (one-to-one)."""
    unmatched_gold = set(gold)
    false_pos = []
    for name in sorted(ours):
        hit = next((g for g in sorted(unmatched_gold) if matches(name, g, strict)), None)
        if hit is None:
            false_pos.append(name)
        else:
            unmatched_gold.discard(hit)
    return len(gold) - len(unmatched_gold), false_pos, sorted(unmatched_gold)


def persons_in(text: str) -> set[str]:
    return {p.name for p in ru.extract(text).persons}


def prf(tp: int, n_ours: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_ours if n_ours else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def devset_documents(limit: int | None = None, devset: Path = DEVSET) -> list[Path]:
    """Return the devset's texts in document order; exit with a message if there are none."""
    docs = sorted(devset.glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1]))[:limit]
    if not docs:
        raise SystemExit(f"no factRuEval devset at {devset}: give its folder with --devset DIR "
                         "or DOSSIER_FACTRUEVAL_DEVSET")
    return docs


def run_devset(docs: list[Path], strict: bool = False, show: bool = False) -> tuple[float, float, float, float]:
    """Return (precision, recall, F1, seconds per document) over the given devset documents."""
    tp = n_ours = n_gold = 0
    seconds = 0.0
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        started = time.perf_counter()
        ours = persons_in(text)
        seconds += time.perf_counter() - started
        gold = gold_persons(doc.with_suffix(".coref"))
        hits, false_pos, missed = score(ours, gold, strict)
        tp, n_ours, n_gold = tp + hits, n_ours + len(ours), n_gold + len(gold)
        if show and (false_pos or missed):
            print(f"{doc.name}: extra {false_pos} missed {missed}")
    return (*prf(tp, n_ours, n_gold), seconds / max(len(docs), 1))


def main() -> int:
    """Print devset P/R/F1 and time per document, then the seed story's result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="folder of book_N.txt and book_N.coref")
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    parser.add_argument("--show", action="store_true", help="list each document's errors")
    args = parser.parse_args()
    started = time.perf_counter()
    ru.extract("Загрузка.")  # load the models once, outside the per-document timing
    print(f"model load: {time.perf_counter() - started:.2f} s")
    docs = devset_documents(args.limit, args.devset)
    for strict in (False, True):
        precision, recall, f1, per_doc = run_devset(docs, strict, args.show and not strict)
        label = "exact spelling" if strict else "same person"
        print(f"devset ({len(docs)} docs, {label}): P {precision:.3f}  R {recall:.3f}  "
              f"F1 {f1:.3f}  ({per_doc * 1000:.0f} ms/doc)")
    seed = persons_in(SEED.read_text(encoding="utf-8"))
    verdict = "exact" if seed == SEED_PEOPLE else f"extra {sorted(seed - SEED_PEOPLE)} missing {sorted(SEED_PEOPLE - seed)}"
    print(f"seed: {len(seed)} people, {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
