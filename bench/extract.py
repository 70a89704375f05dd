"""Score main-text extraction on the saved news pages of tests/data/pages/.

Run: .venv/bin/python bench/extract.py [--show]
(once: `.venv/bin/pip install readability-lxml==0.9`, the peer, from PyPI; in the same
pip run as trafilatura, pip 23.2 trips over their lxml extras, hence not in requirements)

Each page of tests/data/pages/expected.json lists its body paragraphs and strings of its
boilerplate (menus, cookie banners, related links, comments, scripts, the footer). An
extractor's output is its article text, whitespace folded. "Body complete" means every
expected paragraph is in it; "clean" means none of the boilerplate strings is. Per
extractor the table gives pages complete, pages clean, paragraphs found of all expected,
boilerplate strings leaked, and the median time a page. Compared:

- dossier: `read_source` (trafilatura, precision mode, plus dropping staff sign-offs and
  the outlet's notices at the article's end), what `build.py ingest` uses;
- trafilatura: `trafilatura.extract` with its default settings;
- readability-lxml: `Document(page).summary()`, its paragraphs' text;
- all <p>: every <p> of the page, the naive baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from lxml import html as lxml_html  # noqa: E402

from dossier.ingest.sources import SourceError, read_source

PAGES = ROOT / "tests" / "data" / "pages"
NO_ARTICLE = ["front_page.html", "not_found.html", "login_wall.html"]


def dossier_text(raw: bytes, name: str) -> str:
    story = read_source(raw, name)
    return "\n".join([story.headline, story.standfirst, *story.paragraphs])


def trafilatura_text(raw: bytes, name: str) -> str:
    return trafilatura.extract(raw) or ""


def readability_text(raw: bytes, name: str) -> str:
    from readability import Document  # the peer, installed by hand (see above)
    summary = lxml_html.fromstring(Document(raw).summary())
    return "\n".join(p.text_content() for p in summary.iter("p", "li", "h1", "h2", "h3"))


def all_paragraphs(raw: bytes, name: str) -> str:
    return "\n".join(p.text_content() for p in lxml_html.document_fromstring(raw).iter("p"))


EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "dossier": dossier_text, "trafilatura": trafilatura_text,
    "readability-lxml": readability_text, "all <p>": all_paragraphs,
}


def fold(text: str) -> str:
    return " ".join(text.split())


def score(extract: Callable[[bytes, str], str], expected: dict, show: bool) -> dict[str, float]:
    complete = clean = found = wanted = leaked = 0
    times = []
    for name, page in expected.items():
        raw = (PAGES / name).read_bytes()
        start = time.perf_counter()
        text = fold(extract(raw, name))
        times.append(time.perf_counter() - start)
        missing = [p for p in page["body"] if fold(p) not in text]
        leaks = [b for b in page["boilerplate"] if b in text]
        complete += not missing
        clean += not leaks
        found += len(page["body"]) - len(missing)
        wanted += len(page["body"])
        leaked += len(leaks)
        if show and (missing or leaks):
            print(f"  {name}: missing {[m[:40] for m in missing]}, leaked {leaks}")
    return {"complete": complete, "clean": clean, "found": found, "wanted": wanted,
            "leaked": leaked, "ms": statistics.median(times) * 1000}


def main() -> int:
    """Print one line per extractor: complete and clean pages, paragraphs, leaks, time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list what each extractor missed or leaked")
    args = parser.parse_args()
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    boilerplate = sum(len(p["boilerplate"]) for p in expected.values())
    print(f"{len(expected)} pages, {sum(len(p['body']) for p in expected.values())} body paragraphs, "
          f"{boilerplate} boilerplate strings")
    print(f"{'extractor':18} {'complete':>9} {'clean':>6} {'paragraphs':>11} {'leaked':>7} {'ms/page':>8}")
    for label, extract in EXTRACTORS.items():
        if args.show:
            print(label)
        try:
            r = score(extract, expected, args.show)
        except ImportError as exc:
            print(f"{label:18} not installed ({exc.name}): see the docstring")
            continue
        print(f"{label:18} {r['complete']:>5}/{len(expected):<3} {r['clean']:>4}/{len(expected):<1} "
              f"{r['found']:>7}/{r['wanted']:<3} {r['leaked']:>5}/{boilerplate:<3} {r['ms']:>6.1f}")
    refused = []
    for name in NO_ARTICLE:
        try:
            read_source((PAGES / name).read_bytes(), name)
        except SourceError:
            refused.append(name)
    print(f"pages without an article (front page, 404, login wall) that dossier refuses: "
          f"{len(refused)}/{len(NO_ARTICLE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
