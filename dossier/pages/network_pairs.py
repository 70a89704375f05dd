"""Who is named with whom, counted: a period's pairs as arrays over its actors, for its drawings to read.

A period's pages read its pairs many times: once for the split into groups, once for the
articles between groups, once for the strongest links of each drawing. Counted pairs are kept
as Counters of slug pairs (count_pairs: made in C, small to keep in the page graph); a Tally
turns a period's into numpy arrays once, so that each of those reads is a few array
operations, not a Python loop over tens of thousands of pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, combinations
from operator import itemgetter
from typing import TYPE_CHECKING

from ..site.model import Article, Profile
from ..util.store import digest

# numpy is imported where a period is drawn: a build that plans no network does not pay its import.
if TYPE_CHECKING:
    import numpy as np

Pair = tuple[str, str]  # two actors' slugs, sorted


def count_pairs(articles: Iterable[Article]) -> tuple[dict[str, Counter[Pair]], dict[str, Counter[str]]]:
    """Return, per year with a link, how many articles name each pair (slugs sorted), and each actor's weight."""
    named: dict[str, list[list[str]]] = defaultdict(list)
    for article in articles:
        if len(article.actors) > 1:  # read_content keeps each actor once
            named[str(article.date.year)].append(sorted(article.actors))
    # One count a period: Counter counts an iterable in C, where adding Counters loops in Python.
    pairs = {period: Counter(chain.from_iterable(combinations(actors, 2) for actors in lists))
             for period, lists in named.items()}
    # An actor's weight, the articles it shares with others summed over its links, is the
    # number of others each article names with it: counted in C too.
    weights = {period: Counter(chain.from_iterable(actors * (len(actors) - 1) for actors in lists))
               for period, lists in named.items()}
    return pairs, weights


@dataclass(frozen=True)
class Tally:
    """A period's pairs over its actors ranked most connected first: per pair, its two ranks and its count."""

    ranked: list[str]  # the period's actors, most connected first
    index: dict[str, int]  # an actor's place in ranked
    first: np.ndarray  # of each pair, the rank of its actor first by slug
    second: np.ndarray  # and of the other
    count: np.ndarray  # articles naming both

    @property
    def pairs(self) -> int:
        """Return how many pairs are named together in the period."""
        return len(self.count)

    @cached_property
    def _codes(self) -> set[int]:
        return set((self.first * len(self.ranked) + self.second).tolist())

    def __contains__(self, pair: object) -> bool:
        """Tell whether a pair (slugs sorted) is named together in the period."""
        a, b = pair  # type: ignore[misc]
        return a in self.index and b in self.index and self.index[a] * len(self.ranked) + self.index[b] in self._codes


def tally(counts: Sequence[Counter[Pair]], weight: Counter[str], actors: dict[str, Profile]) -> Tally:
    """Return the pairs of counts (one period's, or several to be summed) over the actors weight holds, ranked."""
    import numpy as np

    # Most connected first; ties in the order a reader looks names up.
    ranked = sorted(weight, key=lambda slug: (-weight[slug], actors[slug].name.casefold(), slug))
    index = {slug: i for i, slug in enumerate(ranked)}
    # Slugs become ranks by map and itemgetter, in C: a Python loop over the pairs cost more
    # than everything drawn from them.
    parts = [(np.fromiter(map(index.__getitem__, map(itemgetter(0), found)), np.int64, len(found)),
              np.fromiter(map(index.__getitem__, map(itemgetter(1), found)), np.int64, len(found)),
              np.fromiter(found.values(), np.int64, len(found))) for found in counts]
    first, second, count = (np.concatenate(arrays) for arrays in zip(*parts)) if parts else (np.zeros(0, np.int64),) * 3
    if len(parts) > 1:  # a pair named in several years is one pair, its counts summed
        codes, where = np.unique(first * len(ranked) + second, return_inverse=True)
        count = np.bincount(where.ravel(), weights=count).astype(np.int64)  # whole numbers, summed exactly
        first, second = codes // len(ranked), codes % len(ranked)
    return Tally(ranked, index, first, second, count)


def split_weights(pairs: Tally, size: int) -> tuple[np.ndarray, str]:
    """Return the links among the first size actors as a symmetric matrix, and a digest of them."""
    import numpy as np

    inside = (pairs.first < size) & (pairs.second < size)
    first, second, count = pairs.first[inside], pairs.second[inside], pairs.count[inside]
    weights = np.zeros((size, size))
    weights[first, second] = count
    weights[second, first] = count
    low, high = np.minimum(first, second), np.maximum(first, second)
    order = np.lexsort((high, low))
    return weights, digest(np.stack([low[order], high[order], count[order]]).tobytes())


def between_groups(pairs: Tally, of: Sequence[int], groups: int) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Return the pairs within each group and the links between groups.

    Groups are numbered from 0; of gives each ranked actor's, -1 for none. A link between two
    groups is the articles naming a member of each, summed over their pairs: (lower group,
    higher group, articles), for every two groups with one.
    """
    import numpy as np

    group = np.asarray(of, dtype=np.int64)
    a, b = group[pairs.first], group[pairs.second]
    both = (a >= 0) & (b >= 0)
    same = both & (a == b)
    within = np.bincount(a[same], minlength=groups).tolist()
    apart = both & (a != b)
    codes = np.minimum(a, b)[apart] * groups + np.maximum(a, b)[apart]
    summed = np.bincount(codes, weights=pairs.count[apart], minlength=groups * groups).astype(np.int64)
    found = np.flatnonzero(summed)
    return within, [(code // groups, code % groups, n) for code, n in zip(found.tolist(), summed[found].tolist())]


def strongest(pairs: Tally, shown: Sequence[str], fold: dict[str, str], most: int) -> list[tuple[Pair, int]]:
    """Return the strongest most pairs among shown with their counts, ties by name."""
    import numpy as np

    inside = np.zeros(len(pairs.ranked), dtype=bool)
    inside[[pairs.index[slug] for slug in shown]] = True
    found = np.flatnonzero(inside[pairs.first] & inside[pairs.second])
    counts = pairs.count[found]
    if len(found) > most:  # only pairs as strong as the weakest of the strongest are sorted
        floor = np.partition(counts, len(counts) - most)[len(counts) - most]
        found, counts = found[counts >= floor], counts[counts >= floor]
    ranked = pairs.ranked
    candidates = [((ranked[i], ranked[j]), n) for i, j, n in
                  zip(pairs.first[found].tolist(), pairs.second[found].tolist(), counts.tolist())]
    return sorted(candidates, key=lambda pn: (-pn[1], min(fold[pn[0][0]], fold[pn[0][1]]),
                                               max(fold[pn[0][0]], fold[pn[0][1]]), pn[0]))[:most]
