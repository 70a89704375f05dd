"""Compose an article from a Story: draft it (date, source, findings, profiles), then write it at its place."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..site.corrections import map_actors
from ..util.slugs import slugify
from .analyse import analyse
from .analyse.findings import Findings
from .analyse.reading import Setting, story_text
from .dates import find_dates, infer_year
from .linking import ActorRef, link_persons
from .profiles import Held, KnownProfiles, fold, match_name
from .sources import SourceError, Story, read_source, safe_name
from .sources.dateline import agency_slug
from .sources.text import read_text
from .topics import assign_topics, suggest_topics

RAW_DIR = "content/sources/raw"


@dataclass
class IngestResult:
    """What ingest makes of one inbox file; the command decides what to write."""

    input: str
    raw: bytes
    article_path: str = ""  # relative to the site root, '' when nothing can be made
    raw_path: str = ""
    front_matter: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    actors: list[ActorRef] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # slug -> name of sources with no profile yet
    warnings: list[str] = field(default_factory=list)
    error: str = ""  # set when the file gave no article at all
    held: list[Held] = field(default_factory=list)  # people met once with weak evidence: no profile
    confirmed: list[Held] = field(default_factory=list)  # people held before whom this story confirms

    @property
    def article_text(self) -> str:
        return render_article(self.front_matter, self.body)


@dataclass(frozen=True)
class FeedFacts:
    """What a feed says of its item, which the article takes over what its page says."""

    source: str  # the slug of the source whose feed it is: the article's source if its text names none
    url: str  # the item's link
    byline: str = ""
    published: dt.datetime | None = None


@dataclass
class Draft:
    """An article worked out from one story: everything but its place among the site's articles."""

    input: str
    raw: bytes
    error: str = ""  # set when the story gives no article at all
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    subtitle: str = ""
    date: dt.date = dt.date.min  # as the front matter gives it: a feed's is a date and time
    year: int = 0  # the year folder its title's path takes
    place: str = ""
    source: str = ""
    via: list[str] = field(default_factory=list)
    lang: str = ""
    url: str = ""
    url_first: bool = False  # a feed's link stands with the story's facts, a page's own address after them
    byline: str = ""
    actors: list[ActorRef] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)  # people met once with weak evidence: no profile
    confirmed: list[Held] = field(default_factory=list)  # people held before whom this story confirms
    topics: list[str] = field(default_factory=list)
    image: dict[str, str] | None = None
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    needs_review: bool = False
    body: str = ""
    slug: str = ""  # what its title makes it
    raw_path: str = ""  # where its original is kept, unless a file has that name already
    sources: dict[str, str] = field(default_factory=dict)  # slug -> name of sources with no profile yet
    # The editor's splits (content/corrections.yml): original kept -> {old actor slug: new one}.
    splits: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def article_path(self) -> str:
        """Return where its title and date put it, before any other article's is taken into account."""
        return f"content/articles/{self.year:04d}/{self.slug}.md"


@dataclass(frozen=True)
class Placement:
    """Where an article goes among the site's, decided before it is composed."""

    article_path: str
    raw_path: str
    slug: str = ""  # for front matter slug:, when its title does not give its URL
    story: str = ""  # for front matter story:, the story it is another report of


def ingest_text(raw: bytes, name: str, known: KnownProfiles, date: dt.date | None = None,
                file_date: dt.date | None = None) -> IngestResult:
    """Return the article a raw wire text makes, as if the site had no other; never raises for bad input."""
    try:
        story = read_text(raw, name)
    except SourceError as exc:
        return IngestResult(input=name, raw=raw, error=str(exc))
    return compose(draft_story(story, name, known, date, file_date))


def ingest_source(raw: bytes, name: str, known: KnownProfiles, date: dt.date | None = None,
                  file_date: dt.date | None = None, content_type: str = "",
                  url: str = "") -> list[IngestResult]:
    """Return the articles one source makes, as if the site had no others; never raises."""
    return [compose(d) for d in draft_source(raw, name, known, date, file_date, content_type, url)]


def draft_source(raw: bytes, name: str, known: KnownProfiles, date: dt.date | None = None,
                 file_date: dt.date | None = None, content_type: str = "", url: str = "",
                 feed: FeedFacts | None = None) -> list[Draft]:
    """Return the drafts one source makes (an e-mail's attachments make their own); never raises."""
    try:
        story = read_source(raw, name, content_type, url)
    except SourceError as exc:
        return [Draft(input=name, raw=raw, error=str(exc))]
    drafts = [draft_story(story, name, known, date, file_date, feed)] if story.paragraphs else []
    for attachment in story.attachments:
        for draft in draft_source(attachment.raw, safe_name(attachment.name), known, date, file_date):
            draft.input = f"{name}:{attachment.name}"
            drafts.append(draft)
    if not story.paragraphs and drafts:
        drafts[0].warnings[:0] = [f"{name} has no body of its own: only its attachments are ingested",
                                  *story.warnings]
    return drafts


def draft_story(story: Story, name: str, known: KnownProfiles, date: dt.date | None = None,
                file_date: dt.date | None = None, feed: FeedFacts | None = None) -> Draft:
    """Return the article a story of any form makes, read by its language's analyser.

    date: the --date given; file_date: the file's own; feed: what the feed the story
    came by says of it (its source, link, author, time).
    """
    draft = Draft(input=name, raw=story.raw, warnings=list(story.warnings), needs_review=story.needs_review,
                  splits=known.corrections.split)
    dateline = story.dateline
    if not story.headline:
        draft.error = "no headline: the story has no text before its dateline"
        return draft
    if dateline is None and story.date is None:
        # A feed names the agency and the date; only the place stays unknown.
        draft.warnings.append("no dateline in the feed's text: place unknown" if feed else
                              "no dateline (e.g. 'ПАРИЖ, 6 января. /ТАСС/.'): place and agency "
                              "unknown, date from --date or the file's time")
        draft.needs_review = True

    dating: list[str] = []
    article_date = _article_date(story, date, file_date or dt.date.today(), dating)
    agency = agency_slug(dateline.agency) if dateline else _site_source(story.site, known)
    findings = analyse(story, Setting(known, agency, article_date))
    draft.warnings += findings.notes + dating
    if agency and agency not in known.sources and not feed:
        # Named as the page or the dateline writes it ("AP", "NBC News"), never from the slug.
        draft.sources[agency] = (dateline.agency if dateline else story.site) or agency
    for outlet in findings.outlets:
        if not outlet.profiled:
            draft.sources.setdefault(outlet.slug, outlet.name)
    draft.warnings += [f"new source: {n} ({s}): stub content/sources/{s}.md" for s, n in draft.sources.items()]
    draft.via = [o.slug for o in findings.outlets]
    draft.actors, slug_of = link_persons(findings.persons, known, story.lang, draft)
    draft.events = [{"date": e.date, "text": e.text,
                     "actors": list(dict.fromkeys(slug_of[id(p)] for p in e.persons if id(p) in slug_of))}
                    for e in findings.events]
    draft.quotes = [{**({"actor": slug_of[id(q.speaker)]} if q.speaker and id(q.speaker) in slug_of else {}),
                     "text": q.text, **({"via": q.via} if q.via else {})} for q in findings.quotes]
    draft.actors += _organisations(findings, known, agency, draft.via, story, draft.warnings)

    topic_text = " ".join([story.headline, story.standfirst, *story.paragraphs])
    draft.topics = assign_topics(topic_text, known.topics, story.headline)
    names = {t.text: t.name for t in findings.terms}
    for term in suggest_topics([t.text for t in findings.terms], topic_text, known.topics, draft.topics):
        draft.warnings.append(f"topic suggestion: no topic covers \"{term}\"; "
                              f"add content/topics/{slugify(names[term])}.md with keywords")

    draft.title = story.headline
    letters = [ch for ch in draft.title if ch.isalpha()]
    if len(letters) > 8 and all(ch.isupper() for ch in letters):
        draft.warnings.append("title: the headline is all in capitals: names in it are not read; "
                              "write it as a sentence in the article")
    draft.slug = slugify(draft.title) or slugify(name) or "article"
    draft.raw_path = f"{RAW_DIR}/{name}"
    draft.subtitle = story.standfirst
    draft.date, draft.year = (feed.published if feed and feed.published else article_date), article_date.year
    draft.place = dateline.place if dateline else ""
    # A feed's item is its source's, whatever agency its text names: that source's profile
    # lists the feed, and the original is kept under its name.
    draft.source = feed.source if feed else agency
    draft.lang = story.lang or "und"
    draft.url, draft.url_first = (feed.url, True) if feed else (story.url, False)
    draft.byline = feed.byline if feed and feed.byline else story.byline
    if story.image:
        draft.image = {"src": story.image.src, "caption": story.image.caption, "credit": story.image.credit}
    draft.body = "\n\n".join(escape_markdown(p) for p in story.paragraphs) + "\n"
    if feed and not feed.published:
        draft.warnings.append(f"the feed gives no date: {draft.date} is the day of the fetch")
    return draft


def compose(draft: Draft, placement: Placement | None = None) -> IngestResult:
    """Return the article file a draft makes at its placement (by default, where its title puts it)."""
    result = IngestResult(input=draft.input, raw=draft.raw, warnings=draft.warnings, error=draft.error)
    if draft.error:
        return result
    placement = placement or Placement(draft.article_path, draft.raw_path)
    fm: dict[str, Any] = {"title": draft.title}
    if placement.slug:
        fm["slug"] = placement.slug  # right after the title, where a reader looks for it
    if draft.subtitle:
        fm["subtitle"] = draft.subtitle
    fm["date"] = draft.date
    for key in ("place", "source", "via"):
        if getattr(draft, key):
            fm[key] = getattr(draft, key)
    fm["lang"] = draft.lang
    if draft.url_first:
        fm["url"] = draft.url
    if draft.byline:
        fm["byline"] = draft.byline
    fm["actors"] = list(dict.fromkeys(a.slug for a in draft.actors))
    fm["topics"] = draft.topics
    for key in ("image", "quotes", "events"):
        if getattr(draft, key):
            fm[key] = getattr(draft, key)
    # story: stands before the fields ingest keeps for the editor, needs_review or raw.
    if placement.story and draft.needs_review:
        fm["story"] = placement.story
    if draft.needs_review:
        fm["needs_review"] = True
    if draft.url and not draft.url_first:
        fm["url"] = draft.url
    if placement.story and not draft.needs_review:
        fm["story"] = placement.story
    fm["raw"] = placement.raw_path
    # A profile the editor split: this story's person went to the new one (content/corrections.yml).
    result.front_matter = map_actors(fm, draft.splits.get(placement.raw_path, {}))
    result.body, result.actors, result.sources = draft.body, draft.actors, draft.sources
    result.held, result.confirmed = draft.held, draft.confirmed
    result.article_path, result.raw_path = placement.article_path, placement.raw_path
    return result


def _site_source(site: str, known: KnownProfiles) -> str:
    """Return the source slug of the outlet a page names itself by: its profile's, else its own."""
    profile = match_name(site, known.sources) if site else None
    # "The New York Times" names the outlet a story cites as "the New York Times": one slug.
    return profile.slug if profile else slugify(re.sub(r"^the\s+", "", site, flags=re.I))


def _article_date(story: Story, override: dt.date | None, file_date: dt.date, warnings: list[str]) -> dt.date:
    """Return the story's date: the one given, the source's own, else its dateline's with the year inferred."""
    if story.date and not override:
        return story.date
    if override is not None:
        return override
    dateline = story.dateline
    if dateline is not None and dateline.year and dateline.day:
        return dt.date(dateline.year, dateline.month, dateline.day)
    if dateline is None or not dateline.day:
        warnings.append(f"date: {file_date.isoformat()} taken from the file's time; pass --date to set it")
        return file_date
    month, day = dateline.month, dateline.day
    # The past dates the body names tell which year the dateline's day fell in.
    year, why = infer_year(month, day, find_dates(story_text(story).body_text), file_date)
    warnings.append(f"date: year {year} inferred for dateline '{day:02d}.{month:02d}' {why}; "
                    "pass --date to override")
    return dt.date(year, month, day)


def _organisations(extraction: Findings, known: KnownProfiles, agency: str, via: list[str],
                   story: Story, warnings: list[str]) -> list[ActorRef]:
    """Return organisations with an actor profile; name the others in a warning."""
    refs, untracked = [], []
    outlets = {agency, *via}
    for org in extraction.organisations:
        profile = next((p for p in (match_name(f, known.actors) for f in [org.name, *org.forms]) if p), None)
        if profile is not None:
            refs.append(ActorRef(profile.slug, profile.name, profile.kind or "organisation", False))
        elif org.kind == "ORG" and slugify(org.name) not in outlets \
                and org.name not in (story.image.credit if story.image else "") \
                and not match_name(org.name, known.sources) \
                and not (story.dateline and fold(org.name) == fold(story.dateline.place)):
            untracked.append(org.name)
    if untracked:
        warnings.append("organisations named but not tracked as actors: " + ", ".join(untracked)
                        + " (add a profile with kind: organisation to track one)")
    return refs


_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
# Markdown has no backslash escape for '<' (a "\<b>" stays a tag, which nh3 then drops with
# its text): an entity shows it; '&' only needs one where it would start an entity.
_HTML_SPECIAL = re.compile(r"<|&(?=#?\w+;)")
_MD_BLOCK_START = re.compile(r"^(#|>|[-+] |\d+[.)] )")


def escape_markdown(paragraph: str) -> str:
    """Return plain wire text that Markdown shows as it is written."""
    escaped = _HTML_SPECIAL.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", paragraph)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return _MD_BLOCK_START.sub(_escape_block_start, escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(0)
    # "1. " starts a list; "\1." is no escape, the point after the number is ("1\.").
    return marker[:-2] + "\\" + marker[-2:] if marker[0].isdigit() else "\\" + marker


def _scalar_list(value: list[Any]) -> bool:
    return all(isinstance(v, (str, int, float, bool)) for v in value)


class _Dumper(yaml.SafeDumper):
    """Write lists of slugs on one line, everything else in block style."""

    def represent_list(self, data: list[Any]) -> yaml.Node:  # type: ignore[override]
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=_scalar_list(data))


_Dumper.add_representer(list, _Dumper.represent_list)


def dump_front_matter(fm: dict[str, Any]) -> str:
    """Return YAML for front matter: slug lists on one line, the rest in block style."""
    return yaml.dump(fm, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)


def render_article(fm: dict[str, Any], body: str) -> str:
    """Return an article file's text: YAML front matter between '---' lines, then the body."""
    return f"---\n{dump_front_matter(fm)}---\n{body}"
