"""Run a function over many items on every core, in forked processes that inherit our memory."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# Below this many items a pool costs more (fork, pipes, pickling) than it saves.
MIN_ITEMS = 300

_task: Callable[[Any], Any] | None = None


def cores() -> int:
    """Return how many cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def map_forked(func: Callable[[Any], Any], items: Sequence[Any], min_items: int = MIN_ITEMS) -> Iterator[Any]:
    """Yield func(item) for each item, in order; fork one worker per core when it pays."""
    processes = min(cores(), max(1, len(items) // 50))
    if processes < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(func, items)
        return
    global _task
    # Fork, not spawn: workers see func, its closure and every object it reaches
    # (parsed site, compiled templates) without pickling any of it.
    _task = func
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            chunk = max(1, min(64, len(items) // (processes * 8)))
            yield from pool.imap(_call, items, chunksize=chunk)
    finally:
        _task = None


def _call(item: Any) -> Any:
    assert _task is not None
    return _task(item)
