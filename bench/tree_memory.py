"""Run a command and report the peak memory of its whole process tree: `python -m bench.tree_memory -- CMD`.

/usr/bin/time -v reports the largest single process; a build with search runs
Pagefind as a child beside Python, and a runner's limit is on their sum. This samples
the resident memory (VmRSS) of the command and every descendant from /proc, and their
proportional share (Pss): a worker forked from the build shares the pages it did not
write with the build, which VmRSS counts once in every process that maps them and Pss
divides among them, so the sum of Pss is what the tree holds in physical memory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time


def tree_rss(root: int) -> tuple[int, int]:
    """Return the summed resident memory and proportional share in bytes of root and its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{name}/statm", encoding="ascii") as statm:
                pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(name))
        rss[int(name)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, share, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        share += _pss(pid)
        todo += children.get(pid, [])
    return total, share


def _pss(pid: int) -> int:
    """Return the proportional share of a process's resident memory in bytes, 0 if it ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=0.2, help="seconds between samples")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak = peak_share = 0
    while process.poll() is None:
        resident, share = tree_rss(process.pid)
        peak, peak_share = max(peak, resident), max(peak_share, share)
        time.sleep(args.every)
    print(f"peak memory of the process tree: {peak_share / 2**30:.2f} GiB (Pss summed; VmRSS summed"
          f" {peak / 2**30:.2f} GiB); {time.perf_counter() - started:.1f} s; exit {process.returncode}",
          file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
