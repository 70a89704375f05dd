"""Forked workers: results in order, a worker's error raised once the pool is wound down."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from dossier.util.parallel import cores, map_forked, map_shared


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


def test_shared_tasks_run_here_and_in_a_forked_worker_at_once_and_come_back_in_order() -> None:
    if cores() < 2:
        pytest.skip("one core: map_shared runs every task here")
    parent, seen = os.getpid(), []

    def where(number: int) -> tuple[int, int]:
        seen.append(number)  # in this process's list only where it runs here
        return number * 10, os.getpid()

    results = map_shared(where, [1, 2, 3, 4, 5])
    assert [value for value, _ in results] == [10, 20, 30, 40, 50]
    here = [number for number, (_, pid) in zip([1, 2, 3, 4, 5], results) if pid == parent]
    assert here == seen and 0 < len(here) < 5, (here, seen)  # a share each: one here, the rest in a worker
    assert multiprocessing.active_children() == []


def test_a_failing_shared_task_raises_and_leaves_no_worker_behind() -> None:
    with pytest.raises(ValueError, match="page 7 is broken"):
        map_shared(size_of, [(number, b"") for number in range(4, 10)])
    assert multiprocessing.active_children() == []
