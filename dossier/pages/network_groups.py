"""Groups of who is named with whom, by Louvain's method: deterministic, on numpy alone.

Each node moves to the neighbouring group that most raises the modularity (ties to the first
group, so that every run agrees), until none moves; then each group becomes one node, its own
links kept as a loop, and the moves start again, until no group merges with another.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

# numpy is imported where a drawing is laid out: a rebuild that reuses every drawing
# (an edited story's text) does not pay its 0.1 s import.
if TYPE_CHECKING:
    import numpy as np

PASSES = 20  # moves over all nodes, at most, before merging groups
Link = tuple[int, int, int]  # two nodes' indices and the articles naming both


def find_groups(count: int, links: Sequence[Link]) -> list[int]:
    """Return each of count nodes' group, given their links, by Louvain's method."""
    import numpy as np

    weights = np.zeros((count, count))
    for i, j, n in links:
        weights[i, j] += n
        weights[j, i] += n
    return groups_of(weights)


def groups_of(weights: np.ndarray) -> list[int]:
    """Return each node's group by Louvain's method, given its links as a symmetric matrix; numbered by first member."""
    import numpy as np

    count = len(weights)
    group = np.arange(count)
    while True:
        moved = _local_moves(weights)
        merged = int(moved.max()) + 1 if count else 0
        if merged == len(weights):
            break
        group = moved[group]
        # A merged group's own links become its diagonal: they still count in its degree. Summed
        # by bincount, not a matrix product: whole numbers sum exactly in any order, and a product
        # this size starts BLAS's threads, which on a busy machine wait longer than they work.
        pairs = (moved[:, None] * merged + moved[None, :]).ravel()
        weights = np.bincount(pairs, weights=weights.ravel(), minlength=merged * merged).reshape(merged, merged)
    # Numbered by first member, and the nodes come most connected first: group 0 holds the hub.
    first: dict[int, int] = {}
    return [first.setdefault(int(g), len(first)) for g in group]


def _local_moves(weights: np.ndarray) -> np.ndarray:
    """Move each node to the neighbouring group that most raises modularity; return the groups, renumbered."""
    import numpy as np

    count = len(weights)
    degree = weights.sum(axis=1)
    total = float(degree.sum())
    group = np.arange(count)
    if total == 0:
        return group
    size = degree.copy()  # each group's summed degree
    # Python's own numbers for what is read one at a time: numpy's scalars cost more than the
    # arithmetic. The weights are whole numbers, so every sum here is exact in any order.
    degrees, loops, groups = degree.tolist(), weights.diagonal().tolist(), list(range(count))
    for _ in range(PASSES):
        moved = False
        for i, d in enumerate(degrees):
            own = groups[i]
            size[own] -= d
            towards = np.bincount(group, weights=weights[i], minlength=count)
            towards[own] -= loops[i]
            gain = towards - size * d / total
            gain[towards <= 0] = -np.inf
            best = int(gain.argmax())  # the first of equals: the same choice on every run
            if gain[best] <= float(towards[own]) - float(size[own]) * d / total + 1e-12:
                best = own
            group[i] = groups[i] = best
            size[best] += d
            moved |= best != own
        if not moved:
            break
    return np.unique(group, return_inverse=True)[1]
