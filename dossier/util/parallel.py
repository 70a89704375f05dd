"""Run a function over many items on every core, in forked processes that inherit our memory."""

from __future__ import annotations

import gc
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
    # A worker collects reference cycles even where the parent paused that for a stage
    # (cache.no_cycle_collection): parsing and rendering are what makes garbage.
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=gc.enable)
    chunk = max(1, min(64, len(items) // (processes * 8)))
    results = pool.imap(_call, items, chunksize=chunk)
    interrupted = False
    try:
        yield from results
    except (KeyboardInterrupt, SystemExit):
        interrupted = True
        pool.terminate()
        raise
    finally:
        if not interrupted:
            # Not terminate() after a failure: it can wait for ever on the pool's task
            # thread, blocked writing to a pipe no terminated worker reads (CPython's
            # Pool). The workers finish the rest instead, which only a failed build pays for.
            pool.close()
            _drain(results)
            pool.join()
        _task = None


def _drain(results: Iterator[Any]) -> None:
    """Consume what is left of results, whatever each one raises."""
    while True:
        try:
            next(results)
        except StopIteration:
            return
        except Exception:  # noqa: BLE001 - the failure that matters is already on its way up
            continue


def _call(item: Any) -> Any:
    assert _task is not None
    return _task(item)
