"""Where one rebuild's time goes, stage by stage: `python -m bench.stages ROOT [--out DIR] [--search]`.

Builds the site at ROOT once, in this process, as `build.py build` would, and prints the
wall time of each stage the builder runs (timers wrapped around the stage functions, so
the figures are not inflated the way a profiler's are), the build's own total and the
process's CPU time. Change a file first to time the rebuild that follows:

    .venv/bin/python -m bench.stages /tmp/site10k --search

--cpu times each stage in this process's CPU seconds instead: steadier than wall time on a
machine other work keeps busy (a stage that waits, or runs in a child, then counts less).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

START = time.perf_counter()

from dossier.build import Builder

# (module, owner, name): the stages Builder.build calls, in order.
STAGES = (
    ("dossier.build", "Builder", "_inputs"),
    ("dossier.build", "Builder", "_previous"),
    # An edit built from the page graph (dossier/output/graph.py): load it, read the edits, render.
    ("dossier.build", "Builder", "_graph_of"),
    ("dossier.output.graph", None, "plan_edit"),
    ("dossier.output.graph", None, "load_bodies"),
    # A new story grown into it (output/added.py): the site and the network counted in, planned, compared.
    ("dossier.output.added", None, "plan_add"),
    ("dossier.output.added", None, "grow"),
    ("dossier.output.added", None, "grow_network"),
    ("dossier.output.added", None, "plan_pages"),
    ("dossier.output.added", None, "choose"),
    ("dossier.output.added", None, "write_added"),
    ("dossier.output.added", None, "regraph"),
    ("dossier.site.read", None, "read_content"),
    ("dossier.build", "Builder", "_assemble"),
    ("dossier.pages.render", None, "plan_pages"),
    ("dossier.pages.publish", None, "plan_feed_pages"),
    ("dossier.pages.briefing", None, "plan_briefings"),
    ("dossier.build", "Builder", "_environment"),
    ("dossier.output.graph", None, "fingerprint_pages"),
    ("dossier.pages.publish", None, "render_publishing"),
    ("dossier.output.write", None, "write"),
    ("dossier.build", "Builder", "_record"),
    ("dossier.build", "Builder", "_keep_graph"),
    ("dossier.output.search", None, "index"),
)


def time_stages(spent: Counter[str], clock=time.perf_counter) -> None:
    """Wrap each stage function so that its time by clock adds up in spent."""
    for module_name, owner_name, name in STAGES:
        module = importlib.import_module(module_name)
        owner = getattr(module, owner_name) if owner_name else module
        setattr(owner, name, _timed(getattr(owner, name), name, spent, clock))


def _timed(func, name: str, spent: Counter[str], clock):
    @functools.wraps(func)
    def timed(*args, **kwargs):
        begun = clock()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += clock() - begun
    return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--out", type=Path, help="output folder (default: the site's own)")
    parser.add_argument("--search", action="store_true", help="index for search too, as build.py build does")
    parser.add_argument("--cpu", action="store_true", help="CPU seconds of this process, not wall seconds")
    args = parser.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    imported = (time.process_time() if args.cpu else time.perf_counter() - START)
    spent: Counter[str] = Counter()
    time_stages(spent, clock)
    begun = clock()
    report = Builder(args.root, out_dir=args.out).build(search=args.search)
    total = clock() - begun
    print(f"{'import dossier.build':21} {imported:6.3f} s")
    for _, _, name in STAGES:
        if name in spent:
            print(f"{name:21} {spent[name]:6.3f} s")
    print(f"{'build':21} {total:6.3f} s  ({report.rendered} pages rendered, {report.written} written; "
          f"process CPU {time.process_time():.2f} s)")
    if report.search:
        print(report.search)
    return 0


if __name__ == "__main__":
    sys.exit(main())
