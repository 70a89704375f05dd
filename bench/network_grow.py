"""What the network costs one added story, measured alone: `python bench/network_grow.py SITE --articles N --add K`.

SITE is a synthetic dossier (`write_dossier(generate(N))`) built once by the checkout
measured, so that `.cache/build/` holds its page graph. Each run, in this process, loads
that graph afresh, then times, wall and CPU (the process's, numpy's threads included):
- cold: `plan_network` on the graph's site with no layouts kept, as a cold build plans it;
- grown: `make_article(corpus, K)` grown into the site (`site/grow.py`) and counted into the
  network by `grow_network`, given the cold run's layouts, as the next build does.
numpy is imported before the timers: a build pays its import (about 0.1 s) once, in
whichever of the two runs first. Prints each run and the medians, and the digest of every
drawing of both networks, so that two checkouts can be compared for the same pictures. With
--checkout DIR, DIR's code is measured (a `git archive` of another commit, say):

    .venv/bin/python bench/network_grow.py /tmp/site10k --articles 10000 --add 10620 --repeat 5
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--articles", type=int, required=True, help="the size the site was written with")
    parser.add_argument("--add", type=int, required=True, help="the story added: make_article(corpus, ADD)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))
    import numpy  # noqa: F401  (imported before the timers: see above)

    from bench.corpus import article_path, dossier_article, generate, make_article
    from dossier.pages.network import plan_network
    from dossier.pages.network_grow import grow_network
    from dossier.pages.network_layout import Layouts
    from dossier.site.config import load_config
    from dossier.site.grow import grow
    from dossier.site.read import parse_articles
    from dossier.util.store import load_pickle

    [kept] = (args.site / ".cache" / "build").glob("graph-*.pickle")
    story = make_article(generate(args.articles), args.add)
    rel = article_path(story).as_posix()
    config = load_config(args.site)
    times: dict[str, list[tuple[float, float]]] = {"cold": [], "grown": []}
    digests = ("", "")
    for run in range(args.repeat):
        site = load_pickle(kept)[1].site  # a fresh graph each run: grow changes its site in place
        layouts = Layouts()
        cold = _timed(times["cold"], lambda: plan_network(site, layouts))
        layouts.settle()  # the cold build's drawings, for the grown network to reuse where it may
        [(article, _, _)] = parse_articles(config, [(rel, dossier_article(story).encode("utf-8"))])
        assert grow(site, article, False) is not None, "the story takes the full build"
        grown = _timed(times["grown"], lambda: grow_network(site, layouts, cold, article))
        digests = (_digest(cold), _digest(grown))
        print(f"run {run + 1}: cold {times['cold'][-1][0]:.3f} s ({times['cold'][-1][1]:.3f} CPU), "
              f"grown {times['grown'][-1][0]:.3f} s ({times['grown'][-1][1]:.3f} CPU, {layouts.drawn} laid out)")
    for name, found in times.items():
        print(f"{name:5s} median {statistics.median(w for w, _ in found):.3f} s "
              f"({statistics.median(c for _, c in found):.3f} CPU) of {len(found)}")
    print(f"drawings: cold {digests[0]}, grown {digests[1]}")
    return 0


def _timed(into: list[tuple[float, float]], run: Any) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    into.append((time.perf_counter() - wall, time.process_time() - cpu))
    return result


def _digest(network: Any) -> str:
    """Return a digest of every page's drawings and every neighbourhood: equal for the same pictures."""
    drawn = repr((network.graphs, network.periods, sorted(network.neighbourhoods.items())))
    return hashlib.blake2b(drawn.encode("utf-8"), digest_size=8).hexdigest()


if __name__ == "__main__":
    sys.exit(main())
