"""Links kept from the last build and ranked again only where they can change equal links ranked afresh.

Invented articles over a few invented actors and topics go through random sequences of
additions, deletions, new dates and new references; after each step the links reached
from the previous step's equal those of a cold start. A low COMMON_KEY makes keys cross
the line past which they stop relating articles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.site import assemble
from dossier.site.assemble import Links, _links
from dossier.site.config import Config
from dossier.site.model import Article, Profile

ACTORS = [f"actor-{n}" for n in range(6)]
TOPICS = [f"topic-{n}" for n in range(3)]
SOURCES = [f"source-{n}" for n in range(2)]
DAY = dt.datetime(2031, 3, 1, tzinfo=dt.timezone.utc)
# An actor's name sorts apart from its slug, as ties among co-named actors go by name.
PROFILES = {slug: Profile(section="actors", slug=slug, name=f"Name {9 - n}") for n, slug in enumerate(ACTORS)}


def article(number: int, day: int, actors: list[str], topics: list[str], source: int) -> Article:
    return Article(path=Path(f"content/articles/a{number}.md"), slug=f"a{number}", title=f"Invented {number}",
                   date=DAY + dt.timedelta(days=day), actors=tuple(actors), topics=tuple(topics),
                   source=SOURCES[source])


articles = st.builds(article, st.integers(0, 11), st.integers(0, 4),
                     st.lists(st.sampled_from(ACTORS), max_size=3, unique=True),
                     st.lists(st.sampled_from(TOPICS), max_size=2, unique=True), st.integers(0, 1))


def links(state: dict[str, Article], known: Links | None) -> Links:
    ordered = sorted(state.values(), key=lambda a: (a.date, a.slug), reverse=True)
    return _links(ordered, PROFILES, Config(root=Path("."), co_actors=2, related_articles=2), known)


@pytest.fixture(autouse=True)
def few_articles_make_a_key_common(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assemble, "COMMON_KEY", 3)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), articles), min_size=1, max_size=14))
def test_links_kept_and_ranked_again_equal_links_ranked_afresh(steps: list[tuple[bool, Article]]) -> None:
    state: dict[str, Article] = {}
    known = None
    for remove, changed in steps:
        if remove and changed.slug in state:
            del state[changed.slug]
        else:
            state[changed.slug] = changed  # a new article, or a new date or references
        kept, fresh = links(state, known), links(state, None)
        assert kept.related == fresh.related
        assert kept.co_actors == fresh.co_actors
        assert list(kept.co_actors["actors"]) == list(fresh.co_actors["actors"])
        known = kept


def test_an_untouched_article_keeps_its_ranking_object() -> None:
    state = {a.slug: a for a in (article(1, 0, ["actor-1"], [], 0), article(2, 1, ["actor-1"], [], 0),
                                 article(3, 2, ["actor-2"], [], 0), article(4, 3, ["actor-2"], [], 1))}
    first = links(state, None)
    state["a5"] = article(5, 4, ["actor-1"], [], 0)
    second = links(state, first)
    assert second.related["a3"] is first.related["a3"]  # shares nothing with the new story
    assert second.related["a1"] == ["a5", "a2"]  # newest first on a tie
    assert second.co_actors["sources"]["source-1"] is first.co_actors["sources"]["source-1"]
