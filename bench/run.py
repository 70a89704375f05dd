"""Time dossier, Hugo and Pelican on the same synthetic corpus: `python -m bench.run --help`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .corpus import Article, edit_article, generate, make_article
from .peers import PEERS, Peer

# The order matters: each rebuild starts from the state the previous scenario left.
SCENARIOS = ("cold", "search", "no-change", "added", "edited")


class BenchError(Exception):
    """A build failed; the message names the tool, the scenario and the log."""


@dataclass
class Result:
    tool: str
    n: int
    scenario: str
    runs_s: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    cpu_s: list[float] = field(default_factory=list)  # user + system time, steadier than wall time under load
    median_s: float = 0.0
    median_cpu_s: float = 0.0
    peak_mb: float = 0.0
    vs_hugo: float | None = None
    vs_pelican: float | None = None


@dataclass
class Subject:
    """One generator's site for one corpus size, and the articles its scenarios change."""

    peer: Peer
    root: Path
    out: Path
    added: Article
    edited: Article
    original: Article

    def restore(self) -> None:
        """Undo the added and edited scenarios so every repetition starts from the same corpus."""
        self.peer.write_article(self.root, self.original)
        self.peer.article_file(self.root, self.added).unlink(missing_ok=True)


def measure(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float]:
    """Run command; return its wall time in seconds, its own peak memory in MB and its CPU seconds."""
    with open(log, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
        # wait4 returns the rusage of this one child (and the children it reaped),
        # unlike getrusage(RUSAGE_CHILDREN), which adds up every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-1500:]
        raise BenchError(f"exit {process.returncode}: {' '.join(command)}\n{tail}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def prepare(sizes: list[int], names: list[str], seed: int, workdir: Path) -> dict[int, list[Subject]]:
    """Write every generator's site for every size; return them by size."""
    subjects: dict[int, list[Subject]] = {}
    for n in sizes:
        started = time.perf_counter()
        corpus = generate(n, seed)
        original = corpus.articles[n // 2]
        subjects[n] = []
        for name in names:
            peer = PEERS[name](corpus)
            root = workdir / f"n{n}" / name / "site"
            shutil.rmtree(root.parent, ignore_errors=True)
            peer.write_site(root)
            subjects[n].append(Subject(peer, root, root.parent / "public", make_article(corpus, n),
                                       edit_article(original), original))
        _say(f"corpus n={n}: generated and written for {', '.join(names)} "
             f"in {time.perf_counter() - started:.1f} s under {workdir / f'n{n}'}")
    return subjects


def run_scenario(subject: Subject, scenario: str) -> tuple[float, float, float]:
    """Bring the site into the scenario's state, then time the build (or the indexing)."""
    peer, root, out = subject.peer, subject.root, subject.out
    log = root.parent / f"{scenario}.log"
    if scenario == "cold":
        subject.restore()
        peer.clear(root, out)
    elif scenario == "added":
        peer.write_article(root, subject.added)
    elif scenario == "edited":
        peer.write_article(root, subject.edited)
    if scenario == "search":
        shutil.rmtree(root / ".cache" / "pagefind", ignore_errors=True)
        return measure(peer.search_command(root, out), root, log)
    return measure(peer.build_command(root, out, cold=scenario == "cold"), root, log)


def bench(subjects: dict[int, list[Subject]], repeat: int) -> list[Result]:
    """Run every scenario repeat times, alternating the tools run by run."""
    results: dict[tuple[str, int, str], Result] = {}
    failed: set[str] = set()
    for n, group in subjects.items():
        for rep in range(repeat):
            # Rotate who goes first, so drift in machine load is spread over all tools.
            order = group[rep % len(group):] + group[:rep % len(group)]
            for scenario in SCENARIOS:
                for subject in order:
                    tool = subject.peer.name
                    if tool in failed or (scenario == "search" and not subject.peer.searches):
                        continue
                    try:
                        seconds, peak, cpu = run_scenario(subject, scenario)
                    except BenchError as exc:
                        # One broken tool should not cost the hour the others took.
                        _say(f"FAILED {tool} n={n} {scenario}: {exc}")
                        failed.add(tool)
                        continue
                    result = results.setdefault((tool, n, scenario), Result(tool, n, scenario))
                    result.runs_s.append(round(seconds, 4))
                    result.peaks_mb.append(round(peak, 1))
                    result.cpu_s.append(round(cpu, 4))
                    _say(f"n={n} run {rep + 1}/{repeat} {scenario:<9} {tool:<8} {seconds:8.2f} s {peak:8.0f} MB "
                         f"{cpu:8.2f} s CPU, load {os.getloadavg()[0]:.1f}")
    return summarise(list(results.values()))


def summarise(results: list[Result]) -> list[Result]:
    """Fill in medians, peaks and the ratios against Hugo and Pelican."""
    for r in results:
        r.median_s = round(statistics.median(r.runs_s), 4)
        r.median_cpu_s = round(statistics.median(r.cpu_s), 4)
        r.peak_mb = max(r.peaks_mb)
    medians = {(r.tool, r.n, r.scenario): r.median_s for r in results}
    for r in results:
        r.vs_hugo = _ratio(r.median_s, medians.get(("hugo", r.n, r.scenario)))
        r.vs_pelican = _ratio(r.median_s, medians.get(("pelican", r.n, r.scenario)))
    return results


def table(results: list[Result]) -> str:
    """Return the results as an aligned text table, one row per tool, size and scenario."""
    header = ("tool", "N", "scenario", "median s", "CPU s", "peak MB", "vs hugo", "vs pelican", "runs")
    rows = [header]
    for r in sorted(results, key=lambda r: (r.n, SCENARIOS.index(r.scenario), r.tool)):
        rows.append((r.tool, f"{r.n:,}", r.scenario, f"{r.median_s:.2f}", f"{r.median_cpu_s:.2f}", f"{r.peak_mb:.0f}",
                     _times(r.vs_hugo), _times(r.vs_pelican), str(len(r.runs_s))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, write the sites, run the benchmark and print the table."""
    args = _parser().parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    names = [t for t in args.tools.split(",") if t]
    unknown = [t for t in names if t not in PEERS]
    if unknown or not names or not sizes or args.repeat < 1:
        print(f"error: tools must be among {', '.join(PEERS)}; sizes and --repeat positive", file=sys.stderr)
        return 2
    subjects = prepare(sizes, names, args.seed, args.workdir)
    results = bench(subjects, args.repeat)
    print(table(results))
    if args.json:
        meta = {
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
            "versions": {p.peer.name: p.peer.version() for p in next(iter(subjects.values()))},
            "seed": args.seed, "repeat": args.repeat, "sizes": sizes, "scenarios": list(SCENARIOS),
        }
        args.json.write_text(json.dumps({"meta": meta, "results": [asdict(r) for r in results]}, indent=2)
                             + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", default="1000", help="comma-separated corpus sizes (default: 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (default: 3)")
    parser.add_argument("--tools", default="dossier,hugo,pelican", help="comma-separated generators")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default: 7)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "dossier-bench",
                        help="where the generated sites and outputs go")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites afterwards")
    return parser


def _ratio(value: float, base: float | None) -> float | None:
    return round(value / base, 3) if base else None


def _times(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}x"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
