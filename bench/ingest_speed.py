"""Time ingest of one story: a cold `build.py ingest` process, and warm ingest in a process.

Run: .venv/bin/python bench/ingest_speed.py [--repeat N]

Cold: the whole CLI process (start-up, imports, models and name lists loaded, profiles
read, article and stubs written) on a fresh copy of the example site's profiles with one
story in inbox/, wall clock, median of N runs, for the Russian seed story and its English
telling. Warm: ingest_text() on the same story in a process that has ingested it once
already (models and lists loaded), median of N calls; nothing is written.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))

from dossier.ingest.compose import ingest_text
from dossier.ingest.profiles import load_profiles
from helpers import DATA, EXAMPLE_SITE as EXAMPLE, SEED, inbox_site  # noqa: E402  (the tests' example site)

STORIES = {"ru": SEED, "en": DATA / "wire" / "en_paris_reuters_style.txt"}


def fresh_site(workdir: Path, story: Path) -> Path:
    """Return a site with the example's profiles and story alone in its inbox."""
    return inbox_site(Path(tempfile.mkdtemp(dir=workdir)), story)


def cold(story: Path, repeat: int) -> float:
    """Return the median wall time of a whole `build.py ingest` process."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            site = fresh_site(Path(tmp), story)
            started = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", "--root", str(site)],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def warm(story: Path, repeat: int) -> float:
    """Return the median time of ingest_text() once models are loaded."""
    known, _ = load_profiles(EXAMPLE)
    raw = story.read_bytes()
    ingest_text(raw, story.name, known)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        ingest_text(raw, story.name, known)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    """Print cold and warm ingest times for the Russian and the English story."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for lang, story in STORIES.items():
        print(f"{lang}: cold ingest process {cold(story, args.repeat):.2f} s, "
              f"warm ingest {warm(story, args.repeat) * 1000:.0f} ms (median of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
