"""bench/size.py: the projection of the published size to N articles."""

import subprocess
from pathlib import Path

from bench.size import Measure, artifact_size, project


def test_pages_and_search_grow_along_the_marginal_slope_feeds_up_to_their_cap() -> None:
    # Two profiles: one feed already full (cap 50, as the whole-dossier feed), one at 10 entries.
    small = Measure(1000, pages_bytes=10_000_000, search_bytes=1_000_000, feed_bytes=600_000,
                    feed_entries=(50, 5), files=0)
    large = Measure(2000, pages_bytes=18_000_000, search_bytes=2_000_000, feed_bytes=1_100_000,
                    feed_entries=(50, 10), files=0)
    p = project(small, large, target=100_000)
    assert p.pages_per_article == 8_000 and p.search_per_article == 1_000
    # 5 more entries cost 500 kB, so 100 kB an entry; the second feed fills up to 50 (40 more).
    assert p.feeds_bytes == 1_100_000 + 40 * 100_000
    assert p.site_bytes == 18_000_000 + 8_000 * 98_000 + 2_000_000 + 1_000 * 98_000 + p.feeds_bytes


def test_the_artifact_is_projected_along_its_own_slope() -> None:
    small = Measure(1000, 10_000_000, 1_000_000, 0, (50,), 0, artifact_bytes=3_000_000)
    large = Measure(2000, 18_000_000, 2_000_000, 0, (50,), 0, artifact_bytes=5_000_000)
    p = project(small, large, target=100_000)
    assert p.artifact_per_article == 2_000
    assert p.artifact_bytes == 5_000_000 + 2_000 * 98_000


def test_artifact_size_matches_gnu_tar_through_gzip(tmp_path: Path) -> None:
    """What upload-pages-artifact does (tar -cf, then deflate at level 6), done by the real tools."""
    site = tmp_path / "public"
    for n in range(40):
        page = site / f"articles/synthetic-{n}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text("<p>" + " ".join(f"synthetic word {n * k}" for k in range(400)) + "</p>\n")
    tar = subprocess.run(["tar", "--directory", str(site), "-cf", "-", "."], capture_output=True, check=True)
    gzipped = subprocess.run(["gzip", "-6", "-n"], input=tar.stdout, capture_output=True, check=True)
    ours = artifact_size(site)
    # gzip adds an 18-byte frame around the same deflate stream; tar headers differ in detail.
    assert abs(ours - (len(gzipped.stdout) - 18)) < 0.01 * len(gzipped.stdout)
    assert ours < sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 3
