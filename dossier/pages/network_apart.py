"""The network's drawings laid out on every core: each plan with layouts to make in a forked worker.

A layout is a pure function of its inputs (Layouts keys each by them), so the process that
makes it does not change it. Each plan (a period's pages, say) runs here first with Layouts
probing: a plan that needs no new layout is done, and the first layout one lacks stops it.
Those plans run again in forked workers, which inherit everything they read and send back
only the layouts they made (sketches, not pages), and then here once more, finding every
layout in Layouts: the pages are those one process plans, whatever order the workers end in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..util.parallel import map_shared
from .network_layout import Layouts, Unseen

T = TypeVar("T")


def plan_apart(layouts: Layouts, plans: Sequence[Callable[[], T]]) -> list[T]:
    """Return each plan's result (each draws through layouts), the layouts two or more lack made on every core."""
    done: dict[int, T] = {}
    for number, plan in enumerate(plans):
        layouts.probing = True
        try:
            done[number] = plan()
        except Unseen:
            pass
        finally:
            layouts.probing = False
    unseen = [number for number in range(len(plans)) if number not in done]
    if len(unseen) > 1:
        for made in map_shared(lambda number: _made(layouts, plans[number]), unseen):
            for key, layout in made.items():
                if key not in layouts.used:  # two plans can make the same layout: it counts once, as in one process
                    layouts.used[key] = layout
                    layouts.drawn += 1
    return [done[number] if number in done else plan() for number, plan in enumerate(plans)]


def _made(layouts: Layouts, plan: Callable[[], Any]) -> dict[str, Any]:
    """Run plan in this (forked) process; return the layouts it made."""
    before = layouts.used.keys() | layouts.kept.keys()
    plan()
    return {key: layout for key, layout in layouts.used.items() if key not in before}
