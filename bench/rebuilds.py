"""One edited and one added story, rebuilt by several checkouts in turn: `python -m bench.rebuilds`.

Each checkout builds its own copy of one synthetic site (the build cache is keyed by the
code, so a shared site would make every build cold); build each copy once beforehand with
its checkout. Then, round after round, the same edit (`edit_article` of article K + round)
is written into every copy and each checkout rebuilds its copy, then the same new article
(`make_article(corpus, M + round)`); the checkouts take turns, first one going first. Each
rebuild is `CHECKOUT/build.py build --root SITE --no-search`, a new process, timed from
outside with `/usr/bin/time`: wall, and user + system CPU. Prints every run with the load
average beside it, then the medians:

    .venv/bin/python -m bench.rebuilds --articles 10000 --rounds 3 \\
        base=/tmp/base:/tmp/site-base new=.:/tmp/site-new --edit-from 5300 --add-from 10300
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from .corpus import article_path, dossier_article, edit_article, generate, make_article, write_file


def rebuild(checkout: Path, site: Path) -> tuple[float, float]:
    """Run one build of site by checkout's build.py; return its wall and CPU seconds."""
    python = checkout / ".venv" / "bin" / "python"
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", str(python), str(checkout / "build.py"), "build",
                             "--root", str(site), "--no-search"], capture_output=True, text=True, check=True)
    wall, user, system = map(float, result.stderr.strip().splitlines()[-1].split())
    return wall, user + system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("subjects", nargs="+", help="NAME=CHECKOUT:SITE, each site built once by its checkout")
    parser.add_argument("--articles", type=int, required=True, help="the size the sites were written with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edit-from", type=int, required=True, help="round r edits article EDIT_FROM + r")
    parser.add_argument("--add-from", type=int, required=True, help="round r adds article ADD_FROM + r")
    args = parser.parse_args(argv)
    subjects = []
    for text in args.subjects:
        name, _, paths = text.partition("=")
        checkout, _, site = paths.partition(":")
        subjects.append((name, Path(checkout).resolve(), Path(site).resolve()))
    corpus = generate(args.articles)
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for number in range(args.rounds):
        order = subjects[number % len(subjects):] + subjects[:number % len(subjects)]
        for scenario, article in (("edited", edit_article(make_article(corpus, args.edit_from + number))),
                                  ("added", make_article(corpus, args.add_from + number))):
            for _, _, site in subjects:
                write_file(site / "content" / article_path(article), dossier_article(article))
            for name, checkout, site in order:
                wall, cpu = rebuild(checkout, site)
                times.setdefault((scenario, name), []).append((wall, cpu))
                print(f"round {number + 1} {scenario:6} {name:8} {wall:6.2f} s ({cpu:5.2f} CPU)  "
                      f"load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
    for (scenario, name), runs in times.items():
        print(f"{scenario:6} {name:8} median {statistics.median(w for w, _ in runs):6.2f} s "
              f"({statistics.median(c for _, c in runs):5.2f} CPU) of {len(runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
