"""bench/size.py: the projection of the published size to N articles."""

from bench.size import Measure, project


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
