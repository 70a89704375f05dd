"""Assign topics by their profiles' keywords, matching any inflected form."""

from __future__ import annotations

import re
from collections import Counter

from . import nlp
from .profiles import Known

_WORD = re.compile(r"[\w-]+")


def stems(text: str) -> list[str]:
    """Return the Snowball stems of the words of text."""
    return [nlp.stem(w) for w in _WORD.findall(text)]


def assign_topics(text: str, topics: dict[str, Known]) -> list[str]:
    """Return the slugs of topics whose name or a keyword occurs in text, first mentioned first."""
    text_stems = stems(text)
    joined = " " + " ".join(text_stems) + " "
    first_seen = {}
    for slug, topic in topics.items():
        positions = [joined.find(f" {phrase} ") for phrase in
                     (" ".join(stems(k)) for k in topic.keywords or (topic.name,)) if phrase]
        positions = [p for p in positions if p >= 0]
        if positions:
            first_seen[slug] = min(positions)
    return sorted(first_seen, key=lambda slug: first_seen[slug])


def suggest_topics(quoted_terms: list[str], text: str, topics: dict[str, Known], assigned: list[str]) -> list[str]:
    """Return short quoted terms ("коалиции желающих") no topic covers: candidate topics."""
    covered = {" ".join(stems(k)) for slug in assigned for k in topics[slug].keywords or (topics[slug].name,)}
    covered |= {" ".join(stems(k)) for t in topics.values() for k in t.keywords or (t.name,)}
    suggestions = Counter()
    for term in quoted_terms:
        key = " ".join(stems(term))
        if key and key not in covered:
            suggestions[term] += 1
    return [term for term, _ in suggestions.most_common(5)]
