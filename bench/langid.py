"""Compare language identifiers on short and long real texts whose language is known.

Run:
  .venv/bin/python -m bench.langid [--slavicner PATH/raw] [--conll PATH/eng.testa]
                                   [--locale /usr/share/locale] [--per-lang 60] [--show]

Texts, each labelled by where it comes from (none is part of the project):
- news: SlavicNER's raw stories (raw/TOPIC/LANG/*.txt; only the devset topics brexit,
  covid-19, ryanair and asia_bibi are read), in whatever of ru, uk, bg, cs, pl, sl the
  folder holds; CoNLL-2003's development part (en), a story a document;
- translations: the gettext catalogues Debian installs (coreutils, grep, findutils...
  under LOCALE/LANG/LC_MESSAGES/*.mo), people's translations of the same English
  messages into be, bg, sr, uk, ru, pt, it, es, fr, de and others.
A long text is a whole story, or ten messages of a catalogue joined; a short text is a
story's first line (its headline) cut to 80 characters, or one message of 30 to 80
characters. The identifiers: the project's langid (what ingest uses), and the others
installed (lingua-language-detector, py3langid, langdetect), each asked for the text's
language among all it knows.
"""

from __future__ import annotations

import argparse
import gettext
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from pathlib import Path

from bench.tally import Tally

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEVSET_TOPICS = ("brexit", "covid-19", "ryanair", "asia_bibi")
CATALOGUE_LANGS = ("be", "bg", "sr", "uk", "ru", "mk", "pt", "it", "es", "fr", "de", "pl", "cs", "en")
CATALOGUES = ("coreutils", "grep", "findutils", "sed", "tar", "diffutils", "gettext-tools", "glib20")


def news(slavicner: Path | None, conll: Path | None) -> list[tuple[str, str]]:
    """Return (language, story) pairs from SlavicNER's devset topics and CoNLL's development part."""
    found = []
    if slavicner is not None:
        for topic in DEVSET_TOPICS:
            for folder in sorted((slavicner / topic).glob("*")):
                for path in sorted(folder.glob("*.txt")):
                    found.append((folder.name, path.read_text(encoding="utf-8").strip()))
    if conll is not None:
        for doc in conll.read_text(encoding="utf-8").split("-DOCSTART-")[1:]:
            words = [line.split()[0] for line in doc.splitlines()[1:] if line.strip()]
            found.append(("en", " ".join(words)))
    return found


def catalogue_messages(locale: Path, lang: str) -> list[str]:
    """Return the translated messages of the catalogues installed for lang, English for en."""
    messages = []
    for name in CATALOGUES:
        path = locale / ("de" if lang == "en" else lang) / "LC_MESSAGES" / f"{name}.mo"
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        for source, translated in catalogue._catalog.items():  # noqa: SLF001 (the stdlib's parsed table)
            text = source if lang == "en" else translated
            if isinstance(text, str) and isinstance(source, str) and text != source and re.search(r"\w{3}", text):
                messages.append(re.sub(r"%\w|\s+", " ", text).strip())
    return messages


def samples(args: argparse.Namespace) -> dict[str, list[tuple[str, str]]]:
    """Return labelled short and long texts, at most args.per_lang of each per language and kind."""
    rng = random.Random(20)
    by_kind: dict[str, list[tuple[str, str]]] = {"short": [], "long": []}
    stories: dict[str, list[str]] = defaultdict(list)
    for lang, text in news(args.slavicner, args.conll):
        stories[lang].append(text)
    for lang, texts in stories.items():
        chosen = rng.sample(texts, min(args.per_lang, len(texts)))
        by_kind["long"] += [(lang, t) for t in chosen]
        by_kind["short"] += [(lang, t.split("\n")[0][:80]) for t in chosen]
    for lang in CATALOGUE_LANGS if args.locale else ():
        messages = catalogue_messages(args.locale, lang)
        short = [m for m in messages if 30 <= len(m) <= 80]
        by_kind["short"] += [(f"{lang}*", m) for m in rng.sample(short, min(args.per_lang, len(short)))]
        rng.shuffle(messages)
        joined = [" ".join(messages[i:i + 10]) for i in range(0, min(len(messages), 10 * args.per_lang), 10)]
        by_kind["long"] += [(f"{lang}*", m) for m in joined]
    return by_kind


def identifiers() -> dict[str, Callable[[str], str]]:
    """Return each installed identifier as text -> ISO 639-1 code ('' when it cannot say)."""
    from dossier.ingest.analyse.langid import guess_lang

    found: dict[str, Callable[[str], str]] = {"dossier": guess_lang}
    try:
        from lingua import LanguageDetectorBuilder

        for name, builder in (("lingua", LanguageDetectorBuilder.from_all_languages()),
                              ("lingua-low", LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode())):
            found[name] = _lingua(builder.build())
    except ImportError:
        pass
    try:
        import py3langid

        found["py3langid"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        pass
    try:
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0

        def langdetect(text: str) -> str:
            try:
                return detect(text).split("-")[0]
            except LangDetectException:
                return ""
        found["langdetect"] = langdetect
    except ImportError:
        pass
    return found


def _lingua(detector: Any) -> Callable[[str], str]:
    def identify(text: str) -> str:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else ""
    return identify


def main() -> int:
    """Print, per identifier, kind of text and language, how often it names the right language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slavicner", type=Path, help="SlavicNER's raw/ folder")
    parser.add_argument("--conll", type=Path, help="CoNLL-2003 eng.testa")
    parser.add_argument("--locale", type=Path, default=Path("/usr/share/locale"), help="gettext catalogues")
    parser.add_argument("--per-lang", type=int, default=60, help="texts per language and kind")
    parser.add_argument("--only", help="the identifiers to compare, comma-separated (all installed)")
    parser.add_argument("--show", action="store_true", help="list the misses")
    args = parser.parse_args()
    texts = samples(args)
    for name, identify in identifiers().items():
        if args.only and name not in args.only.split(","):
            continue
        for kind, labelled in texts.items():
            tallies: dict[str, Tally] = defaultdict(Tally)
            started = time.perf_counter()
            for lang, text in labelled:
                said = identify(text)
                tallies[lang].add(said == lang.rstrip("*"), f"{lang} read as {said or '?'}: {text[:70]!r}")
            seconds = time.perf_counter() - started
            right = sum(t.right for t in tallies.values())
            total = sum(t.total for t in tallies.values())
            print(f"{name:10} {kind:5} {right}/{total} ({100 * right / total:.1f}%) in {seconds:.2f} s: "
                  + "  ".join(f"{lang} {100 * t.right / t.total:.0f}" for lang, t in sorted(tallies.items())))
            if args.show:
                for t in tallies.values():
                    for miss in t.misses[:5]:
                        print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
