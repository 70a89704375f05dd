"""Forked workers: results in order, a worker's error raised once the pool is wound down."""

from __future__ import annotations

import multiprocessing

import pytest

from dossier.util.parallel import map_forked


def size_of(item: tuple[int, bytes]) -> int:
    if item[0] == 7:
        raise ValueError("page 7 is broken")
    return item[0] + len(item[1])


# Large items fill the pipe to the workers, where a pool that is terminated after a
# failure can wait for ever (its task thread blocked writing to a worker that is gone).
ITEMS = [(number, b"x" * 100_000) for number in range(400)]


def test_results_come_in_order_from_forked_workers() -> None:
    items = [(number, b"") for number in range(8, 400)]
    assert list(map_forked(size_of, items)) == list(range(8, 400))
    assert multiprocessing.active_children() == []


def test_a_failing_item_raises_and_leaves_no_worker_behind() -> None:
    with pytest.raises(ValueError, match="page 7 is broken"):
        list(map_forked(size_of, ITEMS))
    assert multiprocessing.active_children() == []


def test_a_consumer_that_stops_early_leaves_no_worker_behind() -> None:
    results = map_forked(size_of, ITEMS[8:])
    assert next(results) == 8 + 100_000
    results.close()
    assert multiprocessing.active_children() == []
