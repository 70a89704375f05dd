"""Plan the briefing books: one page per actor and topic, made to be printed or saved as PDF."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..site.assemble import DatedEvent, Site, Story, events_once
from ..site.model import Article, Quote
from .render import Page

SECTIONS = ("actors", "topics")
# A story's own events are what it reports: the days and months around its date. A date more
# than a year before it is history the story recalls (an anniversary's original day, the start
# of a war): the article's page and the timeline keep it, a book about the latest stories does not.
OWN_EVENTS = dt.timedelta(days=366)


@dataclass(frozen=True)
class Briefing:
    """What one briefing book shows: a profile's latest stories and what their reports carry."""

    stories: tuple[Story, ...]  # the latest stories it covers, newest first, each once
    # the covered stories' reports that the profile's list holds, story by story: source N is articles[N-1]
    articles: tuple[Article, ...]
    total: int  # all of the profile's articles
    first: Article  # the profile's oldest article, for the period its articles span
    outlets: tuple[str, ...]  # source slugs of the covered articles' agencies and cited outlets
    actors: tuple[tuple[str, int], ...]  # main actors: slug, covered stories naming them; most first
    events: tuple[DatedEvent, ...]  # the dated events the covered stories carry, each once, oldest first
    # speaker slug ('' unnamed) -> statements newest first, grouped as the profile page groups them
    statements: tuple[tuple[str, tuple[tuple[Quote, Article], ...]], ...]

    def source_number(self, article: Article) -> int:
        """Return the number article has in the list of sources (1 for the newest)."""
        return next(n for n, covered in enumerate(self.articles, 1) if covered is article)

    def sources_of(self, story: Story) -> tuple[Article, ...]:
        """Return the story's reports in the list of sources, in their order."""
        reports = {id(report) for report in _reports(story)}
        return tuple(article for article in self.articles if id(article) in reports)


def plan_briefings(site: Site) -> list[Page]:
    """List the briefing page of every actor and topic that has articles."""
    pages: list[Page] = []
    if not site.config.briefing_articles:
        return pages
    for section in SECTIONS:
        for slug, profile in site.profiles[section].items():
            articles = site.by_profile[section].get(slug)
            if articles:
                pages.append(Page(f"{section}/{slug}/briefing/", "briefing.html", {
                    "page_kind": "briefing", "section": section, "profile": profile,
                    "briefing": brief(site, section, slug, articles),
                }))
    return pages


def brief(site: Site, section: str, slug: str, articles: list[Article]) -> Briefing:
    """Gather a profile's briefing from its latest stories (briefing_articles of them).

    A story told by several agencies is one entry, as on the profile's page; each of its
    reports the profile's list holds is a numbered source, and an event the reports
    tell again is given once.
    """
    # Bounded, so that a book on a much-reported actor still prints in a few pages (and the
    # books of a large dossier stay small); it says how many articles it leaves out.
    stories = tuple(site.stories_by_profile[section][slug][:site.config.briefing_articles])
    # A report is in the profile's list when it names the profile (assemble's by_profile).
    listed = [[report for report in _reports(story) if slug in getattr(report, section)] for story in stories]
    covered = tuple(report for reports in listed for report in reports)
    ids = {id(article) for article in covered}
    named = Counter(actor for reports in listed for actor in {a for report in reports for a in report.actors} - {slug})
    actors = site.profiles["actors"]
    ranked = sorted(named.items(), key=lambda kv: (-kv[1], actors[kv[0]].name.casefold()))
    events = sorted((d for d in events_once(covered, site.leads) if _own(d)),
                    key=lambda d: (d.event.sort_key, d.article.date))
    if section == "actors":
        said = [(slug, site.quotes_by_actor.get(slug, []))]
    else:
        said = site.quotes_by_topic.get(slug, [])
    statements = tuple((speaker, kept) for speaker, quotes in said
                       if (kept := tuple((q, a) for q, a in quotes if id(a) in ids)))
    outlets = tuple(dict.fromkeys(outlet for article in covered for outlet in article.outlets))
    return Briefing(stories, covered, len(articles), articles[-1], outlets, tuple(ranked[:site.config.co_actors]),
                    tuple(events), statements)


def _own(dated: DatedEvent) -> bool:
    """Tell whether an event is its story's own: dated (as precisely as it is) at most a year before the story."""
    key = dated.event.sort_key  # 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'
    return key >= (dated.article.date.date() - OWN_EVENTS).isoformat()[:len(key)]


def _reports(story: Story) -> tuple[Article, ...]:
    return (story.article, *story.others)
