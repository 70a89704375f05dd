"""Assemble the site: check references and slugs, derive every index pages need."""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..util.errors import DossierError, Problem
from ..util.store import digest
from .config import Config
from .corrections import Corrections
from .model import Article, Event, Profile, Quote
from .read import SECTIONS, Content

COMMON_KEY = 500  # an actor or topic in more articles than this does not relate them
# What an article's links follow from: its date (the order of ties) and its references.
Signature = tuple[object, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
SECTION_FIELDS = {"actors": "actor", "topics": "topic", "sources": "source"}


@dataclass(frozen=True)
class DatedEvent:
    """An in-text event with the article that reports it."""

    event: Event
    article: Article


@dataclass(frozen=True)
class Story:
    """A story as a list shows it: one of its reports, and the story's other reports, oldest first.

    A story told by one report only is that report with no others.
    """

    article: Article
    others: tuple[Article, ...] = ()


@dataclass(frozen=True)
class Links:
    """The costly links between articles, which follow from their slugs, dates and references only.

    Kept between builds so that an edit to an article's text, the commonest change, does
    not rank related articles and co-named actors again, and a new story ranks them again
    only for the articles and profiles it shares an actor or topic with.
    """

    key: str  # digest of every input below
    co_actors: dict[str, dict[str, list[tuple[str, int]]]]
    related: dict[str, list[str]]  # article slug -> related article slugs
    inputs: dict[str, Signature] = field(default_factory=dict)  # article slug -> what its links follow from
    settings: str = ""  # digest of the actors' names and the two limits


@dataclass
class Site:
    config: Config
    articles: list[Article]  # newest first
    profiles: dict[str, dict[str, Profile]]  # section -> slug -> profile, sorted by name
    by_profile: dict[str, dict[str, list[Article]]]  # section -> slug -> articles, newest first
    quotes_by_actor: dict[str, list[tuple[Quote, Article]]]  # an actor's statements, newest first
    # topic slug -> [(speaker slug, '' when unnamed, [(quote, article)])]: who said what on a
    # topic, speakers in the order of their latest statement, each one's newest first
    quotes_by_topic: dict[str, list[tuple[str, list[tuple[Quote, Article]]]]]
    events: list[DatedEvent]  # newest first
    events_by_actor: dict[str, list[DatedEvent]]
    # section -> slug -> [(actor, articles)]: the actors a profile's articles name most
    # (for an actor, the others named alongside)
    co_actors: dict[str, dict[str, list[tuple[str, int]]]]
    related: dict[str, list[Article]]  # article slug -> related articles
    # article slug -> the other reports of its story (same `story:`), oldest first
    reports: dict[str, list[Article]] = field(default_factory=dict)
    # article slug -> the slug of its story's lead, for the reports of stories told more than once
    leads: dict[str, str] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)  # each story once, by its lead, newest first
    # section -> slug -> each story of the profile's articles once, newest first (see _one_per_story)
    stories_by_profile: dict[str, dict[str, list[Story]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    links: Links | None = None  # what co_actors and related came from, to hand the next build
    # old actor slug -> live slug: addresses of merged or re-slugged profiles, kept as redirects
    redirects: dict[str, str] = field(default_factory=dict)

    def profile(self, section: str, slug: str) -> Profile:
        return self.profiles[section][slug]

    @property
    def navigation(self) -> tuple[str, ...]:
        """The lists the site's navigation links to: those with something in them."""
        # An empty dossier's "Topics" would lead to a page that says there is nothing.
        return tuple(name for name, shown in [
            ("articles", self.articles), ("actors", self.profiles["actors"]), ("topics", self.profiles["topics"]),
            ("sources", self.profiles["sources"]), ("timeline", self.articles), ("network", self.has_network)] if shown)

    @property
    def has_network(self) -> bool:
        """Tell whether any two actors are named in one article: the network page has a link to draw."""
        return any(self.co_actors["actors"].values())

    def mentions(self, section: str) -> list[tuple[Profile, int]]:
        """Profiles of a section with their story counts, most mentioned first."""
        # Stories, not reports: the count is what the profile's page lists.
        counted = [(p, len(self.stories_by_profile[section].get(p.slug, ())))
                   for p in self.profiles[section].values()]
        return sorted(counted, key=lambda pc: (-pc[1], pc[0].name.casefold()))


def assemble(config: Config, content: Content, *, drafts: bool = False, strict: bool = False,
             links: Links | None = None) -> Site:
    """Turn read content into a Site; raise every content error together.

    links, from an earlier build, is used again if the articles' links cannot have changed.
    """
    articles = [a for a in content.articles if drafts or not a.draft]
    problems = _slug_collisions(articles)
    if problems:
        raise DossierError(problems)
    # By the instant as a float: the same order as the aware dates (a microsecond apart in
    # this century are still two floats), compared in C, not through utcoffset() calls.
    articles.sort(key=lambda a: (a.date.timestamp(), a.slug), reverse=True)
    warnings = list(content.warnings)
    profiles = {section: dict(content.profiles[section]) for section in SECTIONS}
    by_profile: dict[str, dict[str, list[Article]]] = {s: defaultdict(list) for s in SECTIONS}
    for article in articles:
        for section, slugs in references(article).items():
            for slug in slugs:
                if slug not in profiles[section]:
                    profiles[section][slug] = _stub(section, slug, profiles[section], article, warnings)
        for slug in article.actors:
            by_profile["actors"][slug].append(article)
        for slug in article.topics:
            by_profile["topics"][slug].append(article)
        for slug in article.outlets:
            by_profile["sources"][slug].append(article)
    warnings += _namesakes(profiles)
    if strict and warnings:
        raise DossierError(warnings)
    for section in SECTIONS:
        profiles[section] = dict(sorted(profiles[section].items(), key=lambda kv: kv[1].name.casefold()))
    told_twice = _told_twice(articles)
    reports, leads = _reports(told_twice), _leads(told_twice)
    events = events_once(articles, leads)
    links = _links(articles, profiles["actors"], config, links)
    by_slug = {article.slug: article for article in articles}
    # One entry per article, shared by every list that shows it.
    entries = {article.slug: Story(article, tuple(reports.get(article.slug, ()))) for article in articles}
    return Site(
        config=config,
        articles=articles,
        profiles=profiles,
        by_profile={s: dict(v) for s, v in by_profile.items()},
        quotes_by_actor=_quotes_by_actor(articles),
        quotes_by_topic=quotes_by_topic_of(articles),
        events=events,
        events_by_actor=events_by_actor_of(events),
        co_actors=links.co_actors,
        related={slug: [by_slug[other] for other in others] for slug, others in links.related.items()},
        reports=reports,
        leads=leads,
        stories=_one_per_story(articles, entries, leads),
        stories_by_profile={section: {slug: _one_per_story(listed, entries, leads) for slug, listed in by_slug.items()}
                            for section, by_slug in by_profile.items()},
        warnings=warnings,
        links=links,
        redirects=Corrections(content.moved).redirects(set(profiles["actors"])),
    )


def _links(articles: list[Article], actors: dict[str, Profile], config: Config, known: Links | None) -> Links:
    """Return the links of the articles, ranked again only where they can differ from known's."""
    inputs = {a.slug: (a.date, a.actors, a.topics, a.outlets) for a in articles}
    settings = digest(repr([(slug, profile.name) for slug, profile in actors.items()]),
                      repr((config.co_actors, config.related_articles)))
    key = digest(repr(list(inputs.items())), settings)
    if known is not None and known.key == key:
        return known
    if known is None or known.settings != settings:
        known = Links("", {}, {}, {}, settings)
        changed = set(inputs)
    else:
        changed = {slug for slug in inputs.keys() | known.inputs.keys()
                   if inputs.get(slug) != known.inputs.get(slug)}
    # Each changed article in its old form and in its new one.
    signatures = [known.inputs[slug] for slug in changed if slug in known.inputs]
    signatures += [inputs[slug] for slug in changed if slug in inputs]
    related = _related(articles, config.related_articles, changed,
                       {key for _, actors, topics, _ in signatures for key in keys_of(actors, topics)},
                       known.related)
    touched = {section: {slug for signature in signatures for slug in signature[index]}
               for index, section in enumerate(SECTIONS, start=1)}
    return Links(key, rank_co_actors(articles, actors, config.co_actors, touched, known.co_actors), related,
                 inputs, settings)


def _slug_collisions(articles: list[Article]) -> list[Problem]:
    seen: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = seen.setdefault(article.slug, article)
        if other is not article:
            problems.append(Problem(article.path, f"slug '{article.slug}' is already used by "
                                                  f"{other.path}: give one of them another 'slug:'"))
    return problems


def references(article: Article) -> dict[str, list[str]]:
    actors = list(article.actors)
    actors += [q.actor for q in article.quotes if q.actor]
    actors += [a for e in article.events for a in e.actors]
    sources = list(article.outlets) + [q.via for q in article.quotes if q.via]
    return {"actors": actors, "topics": list(article.topics), "sources": sources}


def _stub(section: str, slug: str, known: dict[str, Profile], article: Article,
          warnings: list[Problem]) -> Profile:
    near = difflib.get_close_matches(slug, list(known), n=1, cutoff=0.75)
    hint = f" (did you mean '{near[0]}'?)" if near else f": add content/{section}/{slug}.md"
    warnings.append(Problem(article.path, f"{SECTION_FIELDS[section]} '{slug}' has no profile{hint}"))
    return Profile(section=section, slug=slug, name=slug.replace("-", " ").title())


def _namesakes(profiles: dict[str, dict[str, Profile]]) -> list[Problem]:
    """Warn of two profiles of one section with one name: search would count them as one."""
    problems = []
    for section, by_slug in profiles.items():
        seen: dict[str, Profile] = {}
        for profile in by_slug.values():
            other = seen.setdefault(profile.name.casefold(), profile)
            if other is not profile:
                where = profile.path or f"content/{section}/{profile.slug}.md"
                problems.append(Problem(where, f"'name' {profile.name!r} is also the name of "
                                               f"{other.path or 'the stub ' + repr(other.slug)}: search would "
                                               "count both as one; give one of them a distinct name"))
    return problems


def _told_twice(articles: list[Article]) -> dict[str, list[Article]]:
    """Group the reports of each story told in several reports by story key, oldest first."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for article in reversed(articles):  # articles are newest first
        stories[article.story_key].append(article)
    return {key: story for key, story in stories.items() if len(story) > 1}


def _reports(stories: dict[str, list[Article]]) -> dict[str, list[Article]]:
    """Map each report to the other reports of its story, oldest first."""
    return {article.slug: [other for other in story if other is not article]
            for story in stories.values() for article in story}


def _leads(stories: dict[str, list[Article]]) -> dict[str, str]:
    """Map each report of a story told more than once to the slug of the report that leads it.

    The lead is the report the others name in `story:`; if it is gone (deleted, a draft),
    the oldest report. Both follow from the reports alone, so every build elects the same.
    """
    leads = {}
    for key, story in stories.items():
        named = [article for article in story if article.slug == key]
        lead = named[0] if named else story[0]
        leads.update((article.slug, lead.slug) for article in story)
    return leads


def _one_per_story(articles: list[Article], entries: dict[str, Story], leads: dict[str, str]) -> list[Story]:
    """Keep one report of each story in articles, in their order: the lead if listed, else the oldest listed.

    A list of a profile may hold only some reports of a story (the agency's own, the one that
    names an actor): it shows one of those, with the story's other reports beside it.
    """
    if not leads:
        return [entries[article.slug] for article in articles]
    shown: dict[str, Article] = {}
    for article in articles:
        lead = leads.get(article.slug)
        if lead is not None:
            current = shown.get(lead)
            if current is None or article.slug == lead or (
                    current.slug != lead and (article.date, article.slug) < (current.date, current.slug)):
                shown[lead] = article
    return [entries[article.slug] for article in articles
            if article.slug not in leads or shown[leads[article.slug]] is article]


def _quotes_by_actor(articles: list[Article]) -> dict[str, list[tuple[Quote, Article]]]:
    quotes: dict[str, list[tuple[Quote, Article]]] = defaultdict(list)
    for article in articles:
        for quote in article.quotes:
            if quote.actor:
                quotes[quote.actor].append((quote, article))
    return dict(quotes)


def quotes_by_topic_of(articles: list[Article]) -> dict[str, list[tuple[str, list[tuple[Quote, Article]]]]]:
    by_topic: dict[str, dict[str, list[tuple[Quote, Article]]]] = defaultdict(dict)
    for article in articles:  # newest first, so each speaker's first statement is their latest
        for topic in article.topics:
            for quote in article.quotes:
                by_topic[topic].setdefault(quote.actor, []).append((quote, article))
    # The unnamed speak last: a reader looks for who said it first.
    return {topic: sorted(speakers.items(), key=lambda sq: sq[0] == "")
            for topic, speakers in by_topic.items()}


def events_once(articles: Sequence[Article], leads: dict[str, str]) -> list[DatedEvent]:
    """Return the in-text events of every article, newest first; a story's event once.

    The reports of one story tell its events again, each in its own words: an event of a
    report on a date its lead, or a report taken before it, already gives is left out.
    """
    events = []
    told: set[tuple[str, str]] = set()  # (story's lead, event date)
    # Leads (and single reports) first; the others in their order, newest first.
    for article in sorted(articles, key=lambda a: leads.get(a.slug, a.slug) != a.slug):
        lead = leads.get(article.slug)
        for event in article.events:
            if lead is not None:
                if article.slug != lead and (lead, event.date) in told:
                    continue
                told.add((lead, event.date))
            events.append(DatedEvent(event, article))
    return sorted(events, key=lambda d: (d.event.sort_key, d.article.date), reverse=True)


def events_by_actor_of(events: list[DatedEvent]) -> dict[str, list[DatedEvent]]:
    by_actor: dict[str, list[DatedEvent]] = defaultdict(list)
    for dated in events:
        for actor in dated.event.actors:
            by_actor[actor].append(dated)
    return dict(by_actor)


def rank_co_actors(articles: list[Article], actors: dict[str, Profile], limit: int,
               touched: dict[str, set[str]],
               known: dict[str, dict[str, list[tuple[str, int]]]]) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """Rank the actors named with each touched profile; the others keep their known ranking."""
    named: dict[str, dict[str, Counter[str]]] = {section: defaultdict(Counter) for section in SECTIONS}
    for article in articles:
        for actor in touched["actors"].intersection(article.actors):
            named["actors"][actor].update(other for other in article.actors if other != actor)
        for topic in touched["topics"].intersection(article.topics):
            named["topics"][topic].update(article.actors)
        for outlet in touched["sources"].intersection(article.outlets):
            named["sources"][outlet].update(article.actors)
    # Ties in the order a reader looks names up: alphabetical.
    alphabetical = {slug: profile.name.casefold() for slug, profile in actors.items()}

    def ranked(counts: Counter[str]) -> list[tuple[str, int]]:
        return heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], alphabetical[kv[0]]))

    result = {}
    for section in SECTIONS:
        kept = {slug: ranks for slug, ranks in known.get(section, {}).items() if slug not in touched[section]}
        kept.update((slug, ranked(counts)) for slug, counts in named[section].items())
        result[section] = dict(sorted(kept.items()))  # the same order however it was reached
    return result


def _related(articles: list[Article], limit: int, changed: set[str], changed_keys: set[str],
             known: dict[str, list[str]]) -> dict[str, list[str]]:
    """Rank other articles by shared actors and topics, newest first on ties.

    Only articles that changed or share a key with a changed one (in its old or new
    form) are ranked again: no other pair of articles gained or lost a shared key, a
    key's membership (and so whether it is too common) changed only through a changed
    article, and the order of unchanged articles among themselves stands.
    """
    # One bit per article in a Python int for each actor and topic: adding these
    # masks as bit-sliced counters scores every candidate at once, in C, which is
    # what keeps 10,000 articles under a second instead of minutes of Counters.
    members: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for key in relating_keys(article):
            members[key].append(index)
    # Very common keys say little about relatedness (and used to cost quadratic time).
    masks: dict[str, int] = {}
    related = {}
    for index, article in enumerate(articles):
        keys = relating_keys(article)
        if article.slug not in changed and changed_keys.isdisjoint(keys):
            related[article.slug] = known[article.slug]
            continue
        keys = [key for key in keys if len(members[key]) <= COMMON_KEY]
        for key in keys:
            if key not in masks:
                masks[key] = _mask(members[key])
        digits = _count_bits([masks[key] for key in keys])
        related[article.slug] = [articles[i].slug for i in _best(digits, index, limit)]
    return related


def _mask(indexes: list[int]) -> int:
    mask = 0
    for index in indexes:
        mask |= 1 << index
    return mask


def _count_bits(masks: list[int]) -> list[int]:
    """Add masks bitwise: digit d of the result has bit i set when bit d of i's count is 1."""
    digits: list[int] = []
    for carry in masks:
        for d, digit in enumerate(digits):
            digits[d], carry = digit ^ carry, digit & carry
            if not carry:
                break
        if carry:
            digits.append(carry)
    return digits


def _best(digits: list[int], own: int, limit: int) -> list[int]:
    """Return up to limit indexes by highest count, then lowest index; never own."""
    others = ~(1 << own)
    digits = [digit & others for digit in digits]
    best: list[int] = []
    for score in range((1 << len(digits)) - 1, 0, -1):
        if len(best) >= limit:
            break
        exact = -1
        for d, digit in enumerate(digits):
            exact &= digit if score >> d & 1 else ~digit
        while exact and len(best) < limit:
            lowest = exact & -exact
            best.append(lowest.bit_length() - 1)
            exact ^= lowest
    return best


def relating_keys(article: Article) -> list[str]:
    return keys_of(article.actors, article.topics)


def keys_of(actors: Sequence[str], topics: Sequence[str]) -> list[str]:
    return [f"a:{s}" for s in actors] + [f"t:{s}" for s in topics]
