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


def assign_topics(text: str, topics: dict[str, Known], headline: str = "") -> list[str]:
    """Return the slugs of topics text is about, first mentioned first.

    A name or keyword of several words is evidence enough; a keyword of one word
    ("troops", "truce") is common in stories about other things, so it counts only beside a
    second keyword of the topic or in the headline. A `not_keywords` phrase rules the topic out.
    """
    joined = _joined(text)
    in_headline = _joined(headline)
    first_seen = {}
    for slug, topic in topics.items():
        if any(_find(joined, phrase) >= 0 for phrase in topic.not_keywords):
            continue
        # Keyed by stems: "Ceasefire" the name and "ceasefire" the keyword are one piece of evidence.
        phrases = {" ".join(stems(p)): p for p in [*topic.keywords, *topic.names] if stems(p)}
        found = {key: at for key, at in ((k, _find(joined, p)) for k, p in phrases.items()) if at >= 0}
        strong = [key for key in found if " " in key]
        if strong or len(found) > 1 or any(_find(in_headline, phrases[key]) >= 0 for key in found):
            first_seen[slug] = min(found.values(), default=0)
    return sorted(first_seen, key=lambda slug: first_seen[slug])


def _joined(text: str) -> str:
    return " " + " ".join(stems(text)) + " "


def _find(joined: str, phrase: str) -> int:
    """Return where a phrase's stems stand in a stemmed text, -1 when they do not."""
    key = " ".join(stems(phrase))
    return joined.find(f" {key} ") if key else -1


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
