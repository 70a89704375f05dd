"""One story, several reports: find the articles a new story repeats and fold it into them.

A story is compared with every article under content/articles by the word 3-grams
(shingles) they share. Each article is kept as a bottom-k MinHash sketch: the k
smallest hashes of its shingles, a uniform sample of them. The share of an old
article's sample found among the new story's shingles estimates how much of the old
text the new one repeats; with the set sizes that gives the overlap coefficient
|A ∩ B| / min(|A|, |B|), which stays high both for an update that grows the story
(a write-through contains its first take) and for a shorter retelling.

What happens then (`fold`):
- no article repeats the story: nothing changes;
- the agency of an article it repeats sent it again (an UPDATE, a corrected headline,
  a longer write-through): the update replaces that article in place (same file, same
  slug, same URL), unless the file was edited by hand since ingest wrote it; then the
  update is written beside it, linked as the same story, with a warning;
- another agency reports it: its own article, with `story:` naming the first report's
  slug, so the pages list them together ("Also reported by ...").

Sketches are kept in .cache/ingest/ (rebuilt from content when missing); what ingest
wrote is recorded with the content (content/sources/ingested.json), so a fresh
clone still tells an untouched article from an edited one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..site.read import content_files, split_front_matter
from ..util.errors import DossierError
from ..util.slugs import slugify
from ..util.store import load_keyed, save_keyed, stamp_of, write_atomic

SKETCH_SIZE = 256  # hashes kept per article; a story shorter than this is kept whole
SHINGLE_WORDS = 3
# Overlap coefficient from which two texts are one story: measured by bench/duplicates.py
# on CoNLL-2003's development part and on versions of the seed story (see bench/README.md).
THRESHOLD = 0.46
MIN_SHARED = 4  # so that two three-line briefs of one template are not one story by chance
INDEX = Path(".cache") / "ingest" / "stories.pickle"
WRITTEN = "content/sources/ingested.json"
_INDEX_KEY = f"stories-v2:{SKETCH_SIZE}:{SHINGLE_WORDS}"
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Return the 32-bit hashes of a text's word 3-grams (case and ё folded)."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "big") for g in grams}


@dataclass(frozen=True)
class Sketch:
    """A bottom-k MinHash sketch of one text: its k smallest shingle hashes and how many it had."""

    size: int
    sample: bytes  # array('I') of the smallest hashes, ascending

    @classmethod
    def of(cls, hashes: set[int]) -> Sketch:
        return cls(len(hashes), array("I", sorted(hashes)[:SKETCH_SIZE]).tobytes())

    def hashes(self) -> array:
        values = array("I")
        values.frombytes(self.sample)
        return values


def overlap(old: Sketch, new: set[int]) -> tuple[float, int]:
    """Estimate |A ∩ B| / min(|A|, |B|) of an old text's sketch and a new text's shingles.

    Returns the estimate and the estimated number of shared shingles.
    """
    if not old.size or not new:
        return 0.0, 0
    sample = old.hashes()
    found = sum(1 for h in sample if h in new)
    shared = found / len(sample) * old.size  # the sample is uniform over the old text
    return min(1.0, shared / min(old.size, len(new))), round(shared)


def story_text(title: str, subtitle: str, body: str) -> str:
    """Return the text compared: headline, standfirst and body (Markdown escapes drop out)."""
    return "\n".join((title, subtitle, body))


@dataclass
class Report:
    """An article as the story index knows it."""

    path: str  # relative to the site root, POSIX
    slug: str
    source: str
    date: str  # ISO date, for 'newer than'
    story: str  # its front matter's story:, '' when it is a first report
    raw: str  # its front matter's raw:, the kept original it was ingested from ('' if none)
    sketch: Sketch
    stamp: tuple[int, int] = (0, 0)

    @property
    def story_key(self) -> str:
        return self.story or self.slug


@dataclass
class Match:
    report: Report
    score: float


@dataclass
class Stories:
    """The articles of a site as sketches, and what ingest wrote; load with `load_stories`."""

    root: Path
    reports: dict[str, Report] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # article path -> sha256 of what ingest wrote

    def similar(self, hashes: set[int], threshold: float = THRESHOLD) -> list[Match]:
        """Return the articles the shingles repeat, most similar first."""
        matches = []
        for report in self.reports.values():
            score, shared = overlap(report.sketch, hashes)
            if score >= threshold and shared >= min(MIN_SHARED, len(hashes)):
                matches.append(Match(report, score))
        return sorted(matches, key=lambda m: (-m.score, m.report.date, m.report.path))

    def untouched(self, path: str) -> bool:
        """Return whether the article at path is byte for byte what ingest last wrote there."""
        try:
            data = (self.root / path).read_bytes()
        except OSError:
            return False
        return self.written.get(path) == hashlib.sha256(data).hexdigest()


def load_stories(root: Path, save: bool = True) -> Stories:
    """Return the story index of the site at root: cached sketches, refreshed from content.

    save: keep the refreshed sketches in .cache for the next run (not on a dry run).
    """
    cached = load_keyed(root / INDEX, _INDEX_KEY) or {}
    stories = Stories(root, written=_load_written(root))
    for rel in (rel for section, rel in content_files(root) if section == "articles"):
        try:
            stamp = stamp_of(os.stat(root / rel))
        except OSError:
            continue
        report = cached.get(rel)
        if report is None or report.stamp != stamp:
            report = _report_of(root, rel, stamp)
        if report is not None:
            stories.reports[rel] = report
    if save and stories.reports != cached:
        save_keyed(root / INDEX, _INDEX_KEY, stories.reports)
    return stories


def _report_of(root: Path, rel: str, stamp: tuple[int, int]) -> Report | None:
    try:
        meta, body, _ = split_front_matter((root / rel).read_bytes(), Path(rel))
    except (OSError, DossierError):
        return None  # the build reports a broken file; here it is only not matched
    title = _text(meta.get("title"))
    slug = _text(meta.get("slug")) or slugify(title)
    if not slug:
        return None
    return Report(rel, slug, _text(meta.get("source")), _text(meta.get("date"))[:10], _text(meta.get("story")),
                  _text(meta.get("raw")), Sketch.of(shingles(story_text(title, _text(meta.get("subtitle")), body))), stamp)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _load_written(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


@dataclass
class Folding:
    """Where fold places a new story: its path, the slug and story it takes, notes for the user."""

    article_path: str
    slug: str = ""  # front matter slug: it must take (an update keeps the URL of what it replaces)
    story: str = ""  # front matter story: it must take (another report of a story already in)
    replaces: bool = False
    same: str = ""  # the article that already holds this very text, if one does
    notes: list[str] = field(default_factory=list)


def fold(stories: Stories, article_path: str, title: str, subtitle: str, body: str, source: str, date: str,
         raw_path: str, raw: bytes) -> Folding:
    """Place a new story among the reports it repeats; return where it goes and what it takes.

    date is its ISO date; article_path is where its title puts it, raw_path its kept original.
    """
    hashes = shingles(story_text(title, subtitle, body))
    matches = stories.similar(hashes)
    same = next((m.report for m in matches if m.score == 1.0 and m.report.sketch.size == len(hashes)), None)
    if same is not None:
        return Folding(same.path, same=same.path)
    kept = stories.root / raw_path
    if not matches or kept.is_file() and kept.read_bytes() == raw:
        return Folding(article_path)  # a first report, or this very file again after its update
    first = matches[0].report
    if source and source == first.source and date >= first.date:
        if stories.untouched(first.path):
            return Folding(first.path, first.slug if slugify(title) != first.slug else "", first.story, replaces=True,
                           notes=[f"update of {first.path} ({first.source}, {matches[0].score:.2f} alike): "
                                  "replaced in place, same URL"])
        path, slug = _beside(stories, first)
        return Folding(path, slug, first.story_key,
                       notes=[f"update of {first.path}, which was edited by hand: written beside it as "
                              f"{path}; merge the two by hand"])
    others = ", ".join(m.report.source or m.report.slug for m in matches if m.report.story_key == first.story_key)
    return Folding(article_path, story=first.story_key,
                   notes=[f"same story as {first.path} ({others}): linked to it as another report "
                          f"(story: {first.story_key})"])


def _beside(stories: Stories, report: Report) -> tuple[str, str]:
    """Return a free path and slug next to report's file for an update that may not replace it."""
    folder = report.path.rsplit("/", 1)[0]
    slugs = {r.slug for r in stories.reports.values()}
    number = 1
    while True:
        slug = f"{report.slug}-update" + (f"-{number}" if number > 1 else "")
        path = f"{folder}/{slug}.md"
        if slug not in slugs and not (stories.root / path).exists():
            return path, slug
        number += 1


def remember(stories: Stories, article_path: str, text: str, front_matter: dict[str, Any], body: str,
             written: bool) -> None:
    """Add an article this run produced to the index; if written, record it as ingest's own.

    Call after the write: the index keeps the file's stamp, so the next run reads it from .cache.
    """
    title = front_matter.get("title", "")
    report = Report(article_path, front_matter.get("slug") or slugify(title), front_matter.get("source", ""),
                    str(front_matter.get("date", ""))[:10], front_matter.get("story", ""),
                    front_matter.get("raw", ""), Sketch.of(shingles(story_text(title, front_matter.get("subtitle", ""), body))))
    stories.reports[article_path] = report
    if not written:
        return
    report.stamp = stamp_of(os.stat(stories.root / article_path))
    save_keyed(stories.root / INDEX, _INDEX_KEY, stories.reports)
    stories.written[article_path] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = json.dumps(dict(sorted(stories.written.items())), indent=1) + "\n"
    write_atomic(stories.root / WRITTEN, text.encode("utf-8"))
