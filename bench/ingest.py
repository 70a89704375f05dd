"""Ingest N synthetic wire stories, then K of them again: what the second ingest changes, how long each takes.

Run: .venv/bin/python -m bench.ingest [--stories 1000] [--again 100] [--seed 3] [--workdir DIR]

The stories are bench/stories.py's (invented people, English); seed 3 gives shared
surnames whose matching depends on what was ingested before. The second ingest must
change no file (bytes and mtimes are compared over the whole site) and report every
story as already ingested.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stories import story

ROOT = Path(__file__).resolve().parents[1]


def ingest(root: Path, *paths: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run the real CLI on root; return its wall time and the finished process."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", "--root", str(root),
                             *map(str, paths)], capture_output=True, text=True, check=False)
    return time.perf_counter() - started, result


def stamps(root: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in root.rglob("*") if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--again", type=int, default=100)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder, removed afterwards")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-ingest-bench-"))
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    (site / "inbox").mkdir(parents=True)
    (site / "again").mkdir()
    try:
        for index in range(args.stories):
            (site / "inbox" / f"story-{index:04d}.txt").write_text(story(index, args.seed), encoding="utf-8")
        seconds, first = ingest(site)
        print(f"first ingest of {args.stories} stories: {seconds:.1f} s, exit {first.returncode}; "
              f"{first.stdout.splitlines()[-1]}")
        before = stamps(site)
        step = max(1, args.stories // args.again)
        for index in range(0, args.stories, step)[:args.again]:
            shutil.copy(site / "inbox" / f"story-{index:04d}.txt", site / "again")
        before.update({k: v for k, v in stamps(site).items() if k.startswith("again/")})
        seconds, second = ingest(site, site / "again")
        after = stamps(site)
        changed = sorted(k for k in after if before.get(k) != after[k])
        print(f"second ingest of {args.again} of them: {seconds:.1f} s, "
              f"exit {second.returncode}; {second.stdout.splitlines()[-1]}")
        print(f"files added or changed by the second ingest: {len(changed)}"
              + (f" ({', '.join(changed[:5])}{', ...' if len(changed) > 5 else ''})" if changed else ""))
        print(f"warnings from the second ingest: {sum(line.startswith('warning') for line in second.stderr.splitlines())}")
        return 0 if not changed and second.returncode == 0 else 1
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
