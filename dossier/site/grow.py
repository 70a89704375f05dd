"""Add one article to an assembled site in place, where assemble would have put it.

A new story, the commonest change to a dossier after an edit, joins the lists of its
actors, topics and sources, the stories, the quotes and events, and the related articles
of those sharing a key with it; nothing else of the site can change. `grow` does that in
proportion to those lists, and refuses (returns None, the site untouched) where the story
would change more than it can bound: a profile it names that does not exist (a stub, which
warns), a story it shares with another report, an actor or topic it makes too common to
relate articles (COMMON_KEY), a slug in use, a draft, or a site whose navigation it changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .assemble import (COMMON_KEY, Site, Story, events_by_actor_of, events_once, quotes_by_topic_of, rank_co_actors,
                       references, relating_keys)
from .model import Article

T = TypeVar("T")


@dataclass
class Grown:
    """What adding an article changed beyond its own lists."""

    related: set[str]  # slugs of the articles whose related articles changed, the new one's among them
    profiles: dict[str, set[str]]  # section -> slugs of the profiles whose lists, quotes, events or ranks changed


def grow(site: Site, article: Article, drafts: bool = False) -> Grown | None:
    """Add article to site in place as assemble would place it; None (site untouched) where that is not bounded."""
    if not _fits(site, article, drafts):
        return None
    order = _order(article)
    site.articles.insert(_position(site.articles, order, lambda a: a), article)
    listed = {"actors": article.actors, "topics": article.topics, "sources": article.outlets}
    for section, slugs in listed.items():
        for slug in slugs:
            articles = site.by_profile[section].setdefault(slug, [])
            articles.insert(_position(articles, order, lambda a: a), article)
    story = Story(article)
    lists = [site.stories] + [site.stories_by_profile[s].setdefault(slug, []) for s, slugs in listed.items()
                              for slug in slugs]
    for stories in lists:
        stories.insert(_position(stories, order, lambda s: s.article), story)
    for quote in article.quotes:
        if quote.actor:
            said = site.quotes_by_actor.setdefault(quote.actor, [])
            # After the article's earlier quotes of the same actor, which are already in.
            at = _position(said, order, lambda qa: qa[1], after=article)
            said.insert(at, (quote, article))
    for topic in article.topics:
        said = quotes_by_topic_of(site.by_profile["topics"][topic]).get(topic)
        if said:
            site.quotes_by_topic[topic] = said
    if article.events:
        site.events = events_once(site.articles, site.leads)
        site.events_by_actor = events_by_actor_of(site.events)
    touched = {section: set(slugs) for section, slugs in listed.items()}
    named = {id(a): a for section, slugs in listed.items() for slug in slugs for a in site.by_profile[section][slug]}
    site.co_actors = rank_co_actors(list(named.values()), site.profiles["actors"], site.config.co_actors, touched,
                                    site.co_actors)
    related = _relate(site, article)
    profiles = {section: set(slugs) for section, slugs in references(article).items()}
    return Grown(related, profiles)


def _fits(site: Site, article: Article, drafts: bool) -> bool:
    """Tell whether article can be added in place: see the module's docstring."""
    if (article.draft and not drafts) or not site.articles or article.slug in site.related:
        return False
    if len(article.actors) > 1 and not site.has_network:
        return False  # the network page and its menu entry appear
    for section, slugs in references(article).items():
        if not site.profiles[section].keys() >= set(slugs):
            return False
    if len(set(article.actors)) != len(article.actors) or len(set(article.topics)) != len(article.topics):
        return False
    for key in relating_keys(article):
        section, slug = ("actors" if key[0] == "a" else "topics"), key[2:]
        if len(site.by_profile[section].get(slug, ())) == COMMON_KEY:
            return False  # the key turns common: every article with it is related otherwise
    key = article.story_key
    return not any(other.story_key == key for other in site.articles)


def _relate(site: Site, article: Article) -> set[str]:
    """Rank the new article among the related articles of those sharing a key with it; return who changed.

    Scores between older articles do not change (no key turned common) nor does their order
    (the new one is inserted, not the others moved): each list is its old one with the new
    article ranked in, which is what assemble's full ranking would give.
    """
    limit = site.config.related_articles
    index = {id(a): number for number, a in enumerate(site.articles)}
    sizes = {"a": site.by_profile["actors"], "t": site.by_profile["topics"]}

    def keys(of: Article) -> list[str]:
        return [key for key in relating_keys(of) if len(sizes[key[0]].get(key[2:], ())) <= COMMON_KEY]

    own = set(keys(article))
    scores: Counter[int] = Counter()
    sharing: dict[int, Article] = {}
    for key in own:
        for other in sizes[key[0]][key[2:]]:
            if other is not article:
                scores[id(other)] += 1
                sharing[id(other)] = other
    ranked = sorted(sharing.values(), key=lambda a: (-scores[id(a)], index[id(a)]))
    site.related[article.slug] = ranked[:limit]
    changed = {article.slug}
    sets: dict[int, set[str]] = {}
    for other in sharing.values():
        mine = keys(other)
        before = site.related[other.slug]
        candidates = [*before, article]
        score = {}
        for candidate in candidates:
            held = sets.get(id(candidate))
            if held is None:
                held = sets[id(candidate)] = set(relating_keys(candidate))
            score[id(candidate)] = sum(1 for key in mine if key in held)
        after = sorted(candidates, key=lambda a: (-score[id(a)], index[id(a)]))[:limit]
        if [id(a) for a in after] != [id(a) for a in before]:
            site.related[other.slug] = after
            changed.add(other.slug)
    return changed


def _order(article: Article) -> tuple[float, str]:
    return article.date.timestamp(), article.slug


def _position(items: Sequence[T], order: tuple[float, str], article_of: Callable[[T], Article],
              after: Article | None = None) -> int:
    """Return where an item of order goes in items, newest first (after the items of article `after`)."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        other = article_of(items[middle])
        if _order(other) > order or other is after:
            low = middle + 1
        else:
            high = middle
    return low

