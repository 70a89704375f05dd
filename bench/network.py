"""What the network page and the actors' neighbourhoods cost a build of N synthetic articles.

    .venv/bin/python -m bench.network [--articles 10000] [--repeat 3] [--no-cold] [--no-incremental]

Writes the synthetic corpus (bench/corpus.py: 300 actors, 2 to 8 in each article, three
years), then reports the median of --repeat runs of:
- plan: `plan_network` on the assembled site, in this process: the pairs counted per year
  and in all, the groups, each drawing laid out for a wide page and a phone, every actor's
  neighbourhood (wall and CPU);
- render: the network pages (past 150 actors a period's page draws its groups, and each group
  has a page), and the actors' first pages with their neighbourhood and with it left out (the
  difference is what the neighbourhoods cost);
- plan after one story: `plan_network` on the site with one story more, given the drawings
  of the site without it (what a rebuild reuses), and how many it laid out anew;
- incremental: the real CLI's rebuild after one story is added (`make_article(corpus, N)`),
  wall and CPU, the story removed and the site rebuilt between runs;
- cold: the real CLI's cold build (`--no-search`, no `.cache/`, no output) as it is, and the
  same with `plan_network` answering an empty network, alternating so that a change in the
  machine's load falls on both.
Then the bytes: the network pages, and what a neighbourhood adds to an actor's page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpus as synthetic

REPO = Path(__file__).resolve().parents[1]
# A build in which the network is empty: no network page, no neighbourhood on a profile.
WITHOUT_NETWORK = """
import runpy, sys
import dossier.pages.network, dossier.pages.render
dossier.pages.render.plan_network = lambda site, layouts=None: dossier.pages.network.Network((), (), {})
sys.argv = sys.argv[1:]  # python -c CODE build.py build ...: build.py sees its own arguments
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Return the median wall and CPU seconds of repeat calls of run, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def cold_build(site: Path, network: bool) -> float:
    """Run a cold build of site by the real CLI, the network left out unless network; return its seconds."""
    shutil.rmtree(site / ".cache", ignore_errors=True)
    shutil.rmtree(site / "public", ignore_errors=True)
    command = [sys.executable] + ([] if network else ["-c", WITHOUT_NETWORK])
    start = time.perf_counter()
    done = subprocess.run([*command, str(REPO / "build.py"), "build", "--root", str(site), "--no-search"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return seconds


def cli_build(site: Path) -> tuple[float, float]:
    """Build site by the real CLI (`--no-search`); return its wall and CPU seconds."""
    before, start = os.times(), time.perf_counter()
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(site), "--out",
                           str(site / "public"), "--no-search"], cwd=REPO, capture_output=True, text=True, check=False)
    wall, after = time.perf_counter() - start, os.times()
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def story_of(site: Path, articles: int) -> tuple[Path, str]:
    """Return where the one story added to the corpus of articles goes, and its text."""
    story = synthetic.make_article(synthetic.generate(0), articles)
    return site / "content" / synthetic.article_path(story), synthetic.dossier_article(story)


def measure_one_story(site: Path, articles: int, repeat: int) -> None:
    """Time plan_network and the CLI's rebuild after one story is added to a built site."""
    from dossier.site.assemble import assemble
    from dossier.site.config import load_config
    from dossier.pages.network import plan_network
    from dossier.pages.network_layout import Layouts
    from dossier.site.read import read_content

    path, text = story_of(site, articles)
    config = load_config(site, {})
    layouts = Layouts()
    plan_network(assemble(config, read_content(config)), layouts)
    layouts.settle()
    synthetic.write_file(path, text)
    after = assemble(config, read_content(config))
    path.unlink()

    def plan() -> int:
        again = Layouts(dict(layouts.kept))  # the same start each time
        plan_network(after, again)
        return again.drawn

    wall, cpu, drawn = timed(plan, repeat)
    print(f"plan_network after one story: {wall:.3f} s wall, {cpu:.3f} s CPU, {drawn} of "
          f"{len(layouts.kept)} drawings laid out anew", flush=True)
    cli_build(site)  # cold
    walls, cpus = [], []
    for _ in range(repeat):
        synthetic.write_file(path, text)
        wall, cpu = cli_build(site)
        walls.append(wall)
        cpus.append(cpu)
        path.unlink()
        cli_build(site)  # back to the site without the story
    print(f"rebuild after one story (median of {repeat}): {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU; load {os.getloadavg()[0]:.1f}", flush=True)


def measure_in_process(site: Path, repeat: int) -> None:
    """Time plan_network and the rendering of what it adds, and weigh the pages."""
    from dossier.site.assemble import assemble
    from dossier.site.config import DEFAULT_LAYOUTS, load_config
    from dossier.pages.network import plan_network
    from dossier.site.read import read_content
    from dossier.pages.render import Page, make_environment, plan_pages

    config = load_config(site, {})
    built = assemble(config, read_content(config))
    wall, cpu, network = timed(lambda: plan_network(built), repeat)
    # Each page's wide and narrow drawings: the actors (or groups) drawn of those in its period or group.
    shape = ", ".join(f"{graph.url}: {'/'.join(str(len(d.nodes)) for d in graph.drawings)} of {graph.actors} actors, "
                      f"{len(graph.edges)} of {graph.links} links" for graph in network.graphs)
    print(f"plan_network: {wall:.3f} s wall, {cpu:.3f} s CPU ({shape}; "
          f"{len(network.neighbourhoods)} neighbourhoods)", flush=True)
    env = make_environment(built, [DEFAULT_LAYOUTS])
    pages = plan_pages(built)
    graphs = [page for page in pages if page.template == "network.html"]
    actors = [page for page in pages if page.context.get("neighbourhood") is not None]
    bare = [Page(page.url, page.template, {**page.context, "neighbourhood": None}) for page in actors]

    def render(some: list[Page]) -> list[bytes]:
        return [env.get_template(page.template).render(page=page, **page.context).encode() for page in some]

    wall, cpu, drawn = timed(lambda: render(graphs), repeat)
    print(f"render {len(graphs)} network pages: {wall:.3f} s wall, {cpu:.3f} s CPU; "
          f"{sum(map(len, drawn)) / 1000:.0f} kB, the whole network {len(drawn[0]) / 1000:.0f} kB, the largest "
          f"{max(map(len, drawn)) / 1000:.0f} kB", flush=True)
    with_wall, with_cpu, with_pages = timed(lambda: render(actors), repeat)
    without_wall, without_cpu, without_pages = timed(lambda: render(bare), repeat)
    extra = (sum(map(len, with_pages)) - sum(map(len, without_pages))) / len(actors)
    print(f"render {len(actors)} actor pages: {with_wall:.3f} s wall, {with_cpu:.3f} s CPU with their "
          f"neighbourhood, {without_wall:.3f} s wall, {without_cpu:.3f} s CPU without; "
          f"a neighbourhood adds {extra / 1000:.1f} kB to an actor's page", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold builds (minutes at 10,000)")
    parser.add_argument("--no-incremental", action="store_true", help="skip the rebuilds after one story")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        synthetic.write_dossier(synthetic.generate(args.articles), site)
        print(f"{args.articles} synthetic articles", flush=True)
        measure_in_process(site, args.repeat)
        if not args.no_incremental:
            measure_one_story(site, args.articles, args.repeat)
        if args.no_cold:
            return
        times: dict[bool, list[float]] = {True: [], False: []}
        for run in range(args.repeat):
            for network in ((True, False) if run % 2 == 0 else (False, True)):
                times[network].append(cold_build(site, network))
                print(f"cold build {'with' if network else 'without'} the network: {times[network][-1]:.1f} s",
                      file=sys.stderr, flush=True)
        with_, without = statistics.median(times[True]), statistics.median(times[False])
        print(f"cold build (median of {args.repeat}): {with_:.1f} s with the network, {without:.1f} s without: "
              f"{with_ - without:+.1f} s", flush=True)


if __name__ == "__main__":
    main()
