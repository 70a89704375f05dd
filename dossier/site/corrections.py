"""The editor's corrections of who is who, kept in content/corrections.yml.

The desk writes them; ingest obeys them (merged names map to their profile, rejected
names never become actors); the build leaves a redirect at each merged profile's old
address. Plain YAML, one entry a line, so git shows each correction as one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..util.errors import DossierError, Problem
from ..util.slugs import is_slug
from ..util.yamlio import load_yaml

CORRECTIONS = "content/corrections.yml"
SlugMap = Mapping[str, "str | None"]  # old actor slug -> new slug, or None to drop it
HEADER = ("# The editor's corrections of who is who, written by `build.py actors` and the preview's desk.\n"
          "# merged: old profile slug -> the profile it became (its old address redirects there);\n"
          "# rejected: names that are no actor; accepted: profiles or pairs reviewed and kept as they are;\n"
          "# split: an ingested original -> which profile each of its people went to.\n")


@dataclass
class Corrections:
    merged: dict[str, str] = field(default_factory=dict)  # old actor slug -> the slug it became
    rejected: list[str] = field(default_factory=list)  # names ingest must never make an actor of
    accepted: list[str] = field(default_factory=list)  # 'slug' or 'slug other-slug': reviewed, kept
    # an ingested original -> {actor slug: the slug that story's person is}: what a split moved
    split: dict[str, dict[str, str]] = field(default_factory=dict)

    def resolve(self, slug: str) -> str:
        """Return the profile slug now stands for, following merges (a loop stops where it closes)."""
        seen = {slug}
        while slug in self.merged and self.merged[slug] not in seen:
            slug = self.merged[slug]
            seen.add(slug)
        return slug

    def redirects(self, live: set[str]) -> dict[str, str]:
        """Return old slug -> live slug for every merged slug whose address no profile holds again."""
        found = {}
        for old in self.merged:
            target = self.resolve(old)
            if old not in live and target in live and target != old:
                found[old] = target
        return found

    def dump(self) -> str:
        """Return the file's text: a header, then each correction on a line of its own."""
        data = {"merged": dict(sorted(self.merged.items())), "rejected": sorted(set(self.rejected)),
                "accepted": sorted(set(self.accepted)),
                "split": {raw: dict(sorted(moves.items())) for raw, moves in sorted(self.split.items())}}
        return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6,
                                       default_flow_style=False)


def read_corrections(root: Path) -> Corrections:
    """Return the corrections under root (none when there is no file); raise DossierError if malformed."""
    path = root / CORRECTIONS
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Corrections()
    except (OSError, UnicodeDecodeError) as exc:
        raise DossierError(Problem(CORRECTIONS, f"cannot read it ({exc}): save it as UTF-8 text")) from None
    data = load_yaml(text, CORRECTIONS) or {}
    merged, rejected, accepted, split = (data.get(key) if isinstance(data, dict) else None
                                         for key in ("merged", "rejected", "accepted", "split"))
    if not isinstance(data, dict) or not isinstance(merged or {}, dict) \
            or not all(isinstance(v or [], list) for v in (rejected, accepted)) \
            or not all(isinstance(v, dict) for v in (split or {}).values()):
        raise DossierError(Problem(CORRECTIONS, "expected 'merged' (old-slug: slug), 'rejected' and 'accepted' "
                                                "(lists), 'split' (original: {slug: slug}): run build.py actors "
                                                "to rewrite it", 1))
    bad = [str(k) for k, v in (merged or {}).items() if not (is_slug(str(k)) and is_slug(str(v)))]
    if bad:
        raise DossierError(Problem(CORRECTIONS, f"'merged': {bad[0]!r} is not 'old-slug: slug': fix or remove it"))
    return Corrections({str(k): str(v) for k, v in (merged or {}).items()},
                       [str(n) for n in rejected or []], [str(a) for a in accepted or []],
                       {str(raw): {str(k): str(v) for k, v in moves.items()} for raw, moves in (split or {}).items()})


def map_slugs(slugs: list[str], mapping: SlugMap) -> list[str]:
    """Return slugs mapped (None: dropped), in order, no repeats."""
    result = [mapping.get(slug, slug) for slug in slugs]
    return list(dict.fromkeys(slug for slug in result if slug is not None))


def map_actors(meta: Any, mapping: SlugMap) -> Any:
    """Return front matter with its actor slugs mapped in actors, quotes and events (None: dropped)."""
    if not isinstance(meta, dict):
        return meta
    meta = dict(meta)
    if isinstance(meta.get("actors"), list):
        meta["actors"] = map_slugs([str(s) for s in meta["actors"]], mapping)
    if isinstance(meta.get("quotes"), list):
        quotes = []
        for quote in meta["quotes"]:
            if isinstance(quote, dict) and quote.get("actor") in mapping:
                quote = dict(quote)
                new = mapping[quote["actor"]]
                if new is None:
                    del quote["actor"]
                else:
                    quote["actor"] = new
            quotes.append(quote)
        meta["quotes"] = quotes
    if isinstance(meta.get("events"), list):
        meta["events"] = [dict(event, actors=map_slugs([str(s) for s in event["actors"]], mapping))
                          if isinstance(event, dict) and isinstance(event.get("actors"), list) else event
                          for event in meta["events"]]
    return meta
