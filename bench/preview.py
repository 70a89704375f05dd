"""Measure the live preview: time from saving an article to its tab's reload, and to the rebuilt site.

The saved article's own page is re-rendered and its tab reloaded first; the rebuild that
brings lists and profiles up to date follows. Both are reported, as medians over edits.

    .venv/bin/python -m bench.preview [--sizes 1000 10000] [--edits 15] [--search] [--work DIR]

Each size gets a synthetic corpus (bench/corpus.py) written once under --work and reused
on later runs. The preview runs in this process; the reload event is read over real HTTP
from its event stream, the way a browser tab's script reads it.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import corpus as synthetic
from dossier.preview.serve import Preview


def ensure_site(root: Path, size: int) -> synthetic.Corpus:
    """Write the corpus of size articles under root unless an earlier run did; return it."""
    data = synthetic.generate(size)
    marker = root / ".bench-complete"
    if not marker.exists():
        synthetic.write_dossier(data, root)
        marker.write_text(str(size), encoding="utf-8")
    return data


def wait_reload(preview: Preview, since: int, timeout: float = 120.0) -> float:
    """Block until the preview's event stream says reload; return the monotonic time it did."""
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=timeout)
    try:
        conn.request("GET", f"/__dossier/events?session={preview.broadcaster.session}&since={since}")
        stream = conn.getresponse()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = stream.fp.readline()
            if not line:
                raise RuntimeError("event stream closed")
            if line.startswith(b"event: problems"):
                raise RuntimeError("the edit broke the build: " + stream.fp.readline().decode())
            if line.startswith(b"event: reload"):
                return time.perf_counter()
        raise RuntimeError(f"no reload within {timeout:.0f}s")
    finally:
        conn.close()


def save(path: Path, text: str) -> None:
    """Save as an editor does: a temp file beside the target, renamed over it."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


def measure(root: Path, size: int, edits: int, search: bool) -> tuple[list[float], list[float]]:
    """Return, for each edit, the seconds from saving to the reload event, and to the rebuilt site."""
    data = ensure_site(root, size)
    started = time.perf_counter()
    with Preview(root, port=0, search=search) as preview:
        print(f"  {size} articles: first build {time.perf_counter() - started:.1f}s", flush=True)
        latencies, complete = [], []
        step = max(1, size // edits)
        for i in range(edits):
            article = data.articles[(i * step + 7) % size]
            edited = synthetic.edit_article(article)
            path = root / "content" / synthetic.article_path(article)
            since = preview.broadcaster.generation
            rebuilds = preview.rebuilds
            result: list[float] = []
            waiter = threading.Thread(target=lambda: result.append(wait_reload(preview, since)))
            waiter.start()
            time.sleep(0.2)  # the stream is open before the save, as in an open tab
            saved = time.perf_counter()
            # Unique text each time: an earlier run's identical save would change no page.
            save(path, synthetic.dossier_article(edited) + f"\nSynthetic edit {time.time_ns()}.\n")
            waiter.join()
            latencies.append(result[0] - saved)
            # The saved article's own page reloads first; lists and profiles follow.
            while preview.rebuilds == rebuilds:
                time.sleep(0.005)
            complete.append(time.perf_counter() - saved)
            print(f"    edit {i + 1}: reload {latencies[-1] * 1000:.0f} ms, rebuilt {complete[-1] * 1000:.0f} ms",
                  flush=True)
            time.sleep(0.5)  # let the editor's trailing events settle before the next save
    return latencies, complete


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--search", action="store_true", help="refresh the search index too, as serve does")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dossier-bench-preview")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        latencies, complete = measure(args.work / f"n{size}", size, args.edits, args.search)
        rows.append((size, statistics.median(latencies), min(latencies), max(latencies), statistics.median(complete)))
    print("articles  reload_median_ms  min_ms  max_ms  rebuilt_median_ms")
    for size, median, low, high, rebuilt in rows:
        print(f"{size:8d}  {median * 1000:16.0f}  {low * 1000:6.0f}  {high * 1000:6.0f}  {rebuilt * 1000:17.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
