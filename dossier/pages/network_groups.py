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
    """Return each node's group by Louvain's method, groups numbered by their first member."""
    import numpy as np

    weights = np.zeros((count, count))
    for i, j, n in links:
        weights[i, j] += n
        weights[j, i] += n
    group = np.arange(count)
    while True:
        moved = _local_moves(weights)
        merged = int(moved.max()) + 1 if count else 0
        if merged == len(weights):
            break
        group = moved[group]
        member = np.zeros((len(weights), merged))
        member[np.arange(len(weights)), moved] = 1.0
        # A merged group's own links become its diagonal: they still count in its degree.
        weights = member.T @ weights @ member
    # Numbered by first member, and the nodes come most connected first: group 0 holds the hub.
    first: dict[int, int] = {}
    return [first.setdefault(int(g), len(first)) for g in group]


def _local_moves(weights: np.ndarray) -> np.ndarray:
    """Move each node to the neighbouring group that most raises modularity; return the groups, renumbered."""
    import numpy as np

    count = len(weights)
    degree = weights.sum(axis=1)
    total = degree.sum()
    group = np.arange(count)
    if total == 0:
        return group
    size = degree.copy()  # each group's summed degree
    for _ in range(PASSES):
        moved = False
        for i in range(count):
            own = group[i]
            size[own] -= degree[i]
            towards = np.bincount(group, weights=weights[i], minlength=count)
            towards[own] -= weights[i, i]
            gain = np.where(towards > 0, towards - size * degree[i] / total, -np.inf)
            stay = towards[own] - size[own] * degree[i] / total
            best = int(np.argmax(gain))  # the first of equals: the same choice on every run
            if gain[best] <= stay + 1e-12:
                best = own
            group[i] = best
            size[best] += degree[i]
            moved |= best != own
        if not moved:
            break
    return np.unique(group, return_inverse=True)[1]
