"""Project the published size of a dossier of N articles against GitHub Pages' 1 GB: `python -m bench.size`."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .corpus import generate, write_dossier

REPO = Path(__file__).resolve().parents[1]
# "Published GitHub Pages sites may be no larger than 1 GB". Two readings, both measured:
# the files' own bytes, and the artifact actions/deploy-pages compares with 1 GB (it warns
# "Uploaded artifact size of N bytes exceeds the allowed size of 1 GB"): the tar that
# actions/upload-pages-artifact makes, zipped by actions/upload-artifact@v4 at its default
# level, 6.
PAGES_LIMIT = 1_000_000_000
ARTIFACT_LEVEL = 6
# A project site's address: every absolute link and feed URL carries it, so it counts.
BASE_URL = "https://user.github.io/dossier/"


@dataclass(frozen=True)
class Measure:
    articles: int
    pages_bytes: int  # HTML, CSS, JS, sitemap, robots: everything but feeds and search
    search_bytes: int  # pagefind/
    feed_bytes: int
    feed_entries: tuple[int, ...]  # entries per feed; the whole-dossier feed first
    files: int
    artifact_bytes: int = 0  # the output as the Pages artifact: tar, then deflate

    @property
    def site_bytes(self) -> int:
        return self.pages_bytes + self.search_bytes + self.feed_bytes


def measure(n: int, seed: int, workdir: Path) -> Measure:
    """Build the synthetic corpus of n articles with search; return the output's sizes by kind."""
    root = workdir / f"n{n}"
    write_dossier(generate(n, seed), root)
    out = root / "public"
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
                    "--out", str(out), "--base-url", BASE_URL], check=True, stdout=subprocess.DEVNULL)
    pages = search = feeds = files = 0
    entries = []
    for path in sorted(out.rglob("*"), key=lambda p: (len(p.parts), p)):
        if not path.is_file():
            continue
        files += 1
        size = path.stat().st_size
        if path.relative_to(out).parts[0] == "pagefind":
            search += size
        elif path.name == "feed.xml":
            feeds += size
            entries.append(path.read_text(encoding="utf-8").count("<entry>"))
        else:
            pages += size
    return Measure(n, pages, search, feeds, tuple(entries), files, artifact_size(out))


class _Deflated(io.RawIOBase):
    """A write-only stream that keeps only the byte count of what it would deflate."""

    def __init__(self) -> None:
        self.compressor = zlib.compressobj(ARTIFACT_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(self.compressor.compress(data))
        return len(data)


def artifact_size(folder: Path) -> int:
    """Return the bytes of folder as a GitHub Pages artifact: a GNU tar, deflated at level 6."""
    stream = _Deflated()
    with tarfile.open(fileobj=stream, mode="w|", format=tarfile.GNU_FORMAT) as tar:
        tar.add(folder, arcname=".")
    return stream.size + len(stream.compressor.flush())


@dataclass(frozen=True)
class Projection:
    pages_per_article: float
    search_per_article: float
    feeds_bytes: float
    site_bytes: float
    artifact_per_article: float = 0.0
    artifact_bytes: float = 0.0


def project(small: Measure, large: Measure, target: int) -> Projection:
    """Extrapolate large to target articles: pages and search grow linearly, feeds up to their cap."""
    added = large.articles - small.articles
    # The marginal slope, not the average: profiles, lists' first pages and assets are paid once.
    pages = (large.pages_bytes - small.pages_bytes) / added
    search = (large.search_bytes - small.search_bytes) / added
    # A feed keeps its newest feed_entries articles, so feeds stop growing once every profile
    # has that many; between two builds they grow by entries, not by articles.
    cap = large.feed_entries[0]
    per_entry = (large.feed_bytes - small.feed_bytes) / max(1, sum(large.feed_entries) - sum(small.feed_entries))
    scale = target / large.articles
    entries_at_target = sum(min(cap, round(e * scale)) if e < cap else cap for e in large.feed_entries)
    feeds = large.feed_bytes + per_entry * (entries_at_target - sum(large.feed_entries))
    rest = target - large.articles
    site = large.pages_bytes + pages * rest + large.search_bytes + search * rest + feeds
    # The artifact along its own slope: feeds that still grow make it an overestimate.
    artifact = (large.artifact_bytes - small.artifact_bytes) / added
    return Projection(pages, search, feeds, site, artifact, large.artifact_bytes + artifact * rest)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    # Both past the point where every list of articles is cut at list_pages (an actor of the
    # corpus reaches 200 articles at about 12,000): below it the slope counts list growth
    # that stops later, and overstates the size at 100,000.
    parser.add_argument("--sizes", default="15000,25000",
                        help="two corpus sizes to build (default: 15000,25000; about 9 minutes)")
    parser.add_argument("--target", type=int, default=100_000, help="articles to project to (default: 100000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    small_n, large_n = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="dossier-size-", dir=os.environ.get("TMPDIR")) as tmp:
        small, large = (measure(n, args.seed, Path(tmp)) for n in (small_n, large_n))
    p = project(small, large, args.target)
    print(f"{'articles':>9} {'pages MB':>9} {'search MB':>10} {'feeds MB':>9} {'total MB':>9} "
          f"{'artifact MB':>12} {'files':>7}")
    for m in (small, large):
        print(f"{m.articles:>9} {m.pages_bytes / 1e6:>9.1f} {m.search_bytes / 1e6:>10.1f} "
              f"{m.feed_bytes / 1e6:>9.1f} {m.site_bytes / 1e6:>9.1f} {m.artifact_bytes / 1e6:>12.1f} "
              f"{m.files:>7}")
    print(f"bytes per added article: {p.pages_per_article:,.0f} pages + {p.search_per_article:,.0f} search "
          f"= {p.pages_per_article + p.search_per_article:,.0f}; feeds capped at {p.feeds_bytes / 1e6:.1f} MB")
    without_search = p.site_bytes - large.search_bytes - p.search_per_article * (args.target - large.articles)
    print(f"projected at {args.target:,} articles: {p.site_bytes / 1e9:.2f} GB with search, "
          f"{without_search / 1e9:.2f} GB without (GitHub Pages limit {PAGES_LIMIT / 1e9:.0f} GB)")
    # What does not grow with articles (assets, profiles, full feeds), then what each article adds.
    per_article = p.pages_per_article + p.search_per_article
    fit = (PAGES_LIMIT - (p.site_bytes - per_article * args.target)) / per_article
    fit_without = (PAGES_LIMIT - (without_search - p.pages_per_article * args.target)) / p.pages_per_article
    print(f"articles that fit in {PAGES_LIMIT / 1e9:.0f} GB: about {fit:,.0f} with search, {fit_without:,.0f} without")
    artifact_fit = (PAGES_LIMIT - (p.artifact_bytes - p.artifact_per_article * args.target)) / p.artifact_per_article
    print(f"as the Pages artifact (tar, deflate level {ARTIFACT_LEVEL}): {p.artifact_per_article:,.0f} bytes per "
          f"added article; {p.artifact_bytes / 1e9:.2f} GB at {args.target:,} articles; "
          f"about {artifact_fit:,.0f} fit in {PAGES_LIMIT / 1e9:.0f} GB")


if __name__ == "__main__":
    main()
