"""`build.py fetch` of 20 feed items from a local server on 127.0.0.1: wall time, first and repeat run.

    .venv/bin/python -m bench.fetch [--items 20] [--repeat 3]

Each repeat makes a fresh site with one source whose feed lists N synthetic English
stories, serves the feed and the items' pages over real HTTP on 127.0.0.1, and times the
real CLI as a user runs it (a new process: start-up, models, fetching, ingest, writing),
then a second run that the server answers 304 Not Modified.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Invented names only: the stories are plainly synthetic.
FIRST = ("Alice", "Robert", "Mira", "Tomas", "Ines", "Oskar", "Lena", "Paulo", "Greta", "Ivo")
LAST = ("Example", "Sample", "Placeholder", "Fictional", "Dummy", "Mockton", "Testwell", "Stubbs")
PLACES = ("TESTVILLE", "MOCKPORT", "SAMPLETON", "FIXTURE CITY")
THINGS = ("harbour", "budget", "bridge", "treaty", "railway", "census", "charter", "tariff")
SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "qui", "dor", "pel", "sun", "ar", "bex")


def story(n: int) -> tuple[str, str]:
    """Return the title and the HTML summary of synthetic story n."""
    a = f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}"
    b = f"{FIRST[(n + 3) % len(FIRST)]} {LAST[(n + 5) % len(LAST)]}"
    thing = THINGS[n % len(THINGS)]
    place = PLACES[n % len(PLACES)]
    title = f"Synthetic story {n}: minister {a} and envoy {b} discuss the invented {thing}"
    body = (f"<p>{place}, Mar {1 + n % 28} (Synthetic Wire) - Testland minister {a} met envoy {b} "
            f"on Tuesday to discuss the invented {thing}. {a.split()[1]} said \"the {thing} is "
            f"a synthetic question\".</p><p>On Nov {1 + n % 28}, 2025 {b} signed an invented accord "
            f"on the {thing}.</p><p>The talks will go on, {b.split()[1]} said.</p>"
            f"<p>{_filler(n)}</p>")
    return title, body


def _filler(n: int) -> str:
    """Return a paragraph of invented words, different for every story.

    Ingest folds a story into an earlier one of the same agency when they share most of
    their word sequences: without this, the templated stories would be taken for updates
    of each other.
    """
    pick = random.Random(n).choice
    words = [pick(SYLLABLES) + pick(SYLLABLES) for _ in range(60)]
    return " ".join(words).capitalize() + "."


def write_fixture(root: Path, www: Path, base: str, items: int) -> None:
    """Write a site whose one source lists the feed, and the feed with its pages under www."""
    (root / "content/sources").mkdir(parents=True)
    (root / "site.yml").write_text("title: Fetch benchmark\n", encoding="utf-8")
    (root / "content/sources/synthetic-wire.md").write_text(
        f"---\nname: Synthetic Wire\nfeeds: ['{base}/rss.xml']\n---\n", encoding="utf-8")
    (www / "news").mkdir(parents=True)
    entries = []
    for n in range(items):
        title, body = story(n)
        (www / "news" / f"story-{n}.html").write_text(
            f"<!DOCTYPE html><html lang=en><title>{title}</title><article><h1>{title}</h1>{body}</article>",
            encoding="utf-8")
        date = format_datetime(dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc) + dt.timedelta(hours=n))
        summary = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        entries.append(f"<item><title>{title}</title><link>{base}/news/story-{n}.html</link>"
                       f"<guid isPermaLink=\"false\">bench-{n}</guid><pubDate>{date}</pubDate>"
                       f"<description>{summary}</description></item>")
    (www / "rss.xml").write_text(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        f"<title>Synthetic Wire</title><link>{base}/</link><description>bench</description>"
        + "".join(entries) + "</channel></rss>", encoding="utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def run_once(items: int) -> tuple[float, float, str]:
    """Time a first fetch of `items` new items and a repeat run; return both and their summary lines."""
    with tempfile.TemporaryDirectory() as tmp:
        www, root = Path(tmp, "www"), Path(tmp, "site")
        www.mkdir()
        # SimpleHTTPRequestHandler sends Last-Modified and answers If-Modified-Since with 304.
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(www)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            write_fixture(root, www, f"http://127.0.0.1:{server.server_address[1]}", items)
            times, lines = [], []
            for _ in range(2):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, str(REPO / "build.py"), "fetch", "--root", str(root)],
                                      capture_output=True, text=True, check=False)
                times.append(time.perf_counter() - start)
                if done.returncode != 0:
                    raise SystemExit(f"fetch failed:\n{done.stdout}\n{done.stderr}")
                lines.append(done.stdout.splitlines()[-1])
            articles = len(list((root / "content/articles").rglob("*.md")))
            if articles != items:
                raise SystemExit(f"expected {items} articles, found {articles}")
            return times[0], times[1], "\n".join(lines)
        finally:
            server.shutdown()
            server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = [run_once(args.items) for _ in range(args.repeat)]
    print(runs[0][2])
    first = [r[0] for r in runs]
    again = [r[1] for r in runs]
    print(f"fetch of {args.items} new items: median {statistics.median(first):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in first)})")
    print(f"repeat run, feed not modified: median {statistics.median(again):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in again)})")


if __name__ == "__main__":
    main()
