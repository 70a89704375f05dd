"""Compose one article (front matter, body, profile stubs) from one raw wire story."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..util.slugs import slugify
from .analyse import analyse
from .analyse.findings import Findings, Person
from .analyse.reading import Setting, story_text
from .dates import find_dates, infer_year
from .held import HELD_FILE, as_profiles, weak
from .profiles import Held, KnownProfiles, fold, match_name, match_person
from .sources import SourceError, Story, read_source, safe_name
from .sources.dateline import agency_slug
from .sources.text import read_text
from .topics import assign_topics, suggest_topics

RAW_DIR = "content/sources/raw"


@dataclass
class ActorRef:
    """An actor of the article: an existing profile, or a stub to create."""

    slug: str
    name: str
    kind: str
    new: bool
    aliases: list[str] = field(default_factory=list)  # forms seen that the profile lacks
    role: str = ""
    lang: str = "ru"

    def as_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "kind": self.kind, "new": self.new}


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
    warnings: list[str] = field(default_factory=list)
    error: str = ""  # set when the file gave no article at all
    held: list[Held] = field(default_factory=list)  # people met once with weak evidence: no profile
    confirmed: list[Held] = field(default_factory=list)  # people held before whom this story confirms

    @property
    def article_text(self) -> str:
        return render_article(self.front_matter, self.body)


def ingest_text(raw: bytes, name: str, known: KnownProfiles, date: dt.date | None = None,
                file_date: dt.date | None = None) -> IngestResult:
    """Return the article a raw wire text makes; never raises for bad input."""
    try:
        story = read_text(raw, name)
    except SourceError as exc:
        return IngestResult(input=name, raw=raw, error=str(exc))
    return ingest_story(story, name, known, date, file_date)


def ingest_source(raw: bytes, name: str, known: KnownProfiles, date: dt.date | None = None,
                  file_date: dt.date | None = None, content_type: str = "",
                  url: str = "") -> list[IngestResult]:
    """Return the articles one source makes (an e-mail's attachments make their own); never raises."""
    try:
        story = read_source(raw, name, content_type, url)
    except SourceError as exc:
        return [IngestResult(input=name, raw=raw, error=str(exc))]
    results = [ingest_story(story, name, known, date, file_date)] if story.paragraphs else []
    for attachment in story.attachments:
        for result in ingest_source(attachment.raw, safe_name(attachment.name), known, date, file_date):
            result.input = f"{name}:{attachment.name}"
            results.append(result)
    if not story.paragraphs and results:
        results[0].warnings[:0] = [f"{name} has no body of its own: only its attachments are ingested",
                                   *story.warnings]
    return results


def ingest_story(story: Story, name: str, known: KnownProfiles, date: dt.date | None = None,
                 file_date: dt.date | None = None) -> IngestResult:
    """Return the article a story of any form makes: the same analysis for every form."""
    result = IngestResult(input=name, raw=story.raw)
    result.warnings += story.warnings
    needs_review = story.needs_review
    dateline = story.dateline
    if not story.headline:
        result.error = "no headline: the story has no text before its dateline"
        return result
    if dateline is None and story.date is None:
        result.warnings.append("no dateline (e.g. 'ПАРИЖ, 6 января. /ТАСС/.'): place and agency "
                               "unknown, date from --date or the file's time")
        needs_review = True

    dating: list[str] = []
    article_date = _article_date(story, date, file_date or dt.date.today(), dating)
    agency = agency_slug(dateline.agency) if dateline else _site_source(story.site, known)
    findings = analyse(story, Setting(known, agency, article_date))
    result.warnings += findings.notes + dating
    if agency and agency not in known.sources:
        result.warnings.append(f"source '{agency}' has no profile content/sources/{agency}.md")
    result.warnings += [f"source '{o.slug}' ({o.name}) has no profile content/sources/{o.slug}.md"
                        for o in findings.outlets if not o.profiled]
    via = [o.slug for o in findings.outlets]
    actor_refs, linked = _actors(findings, known, story.lang, result)
    # People not linked (a lone surname several profiles share) or held back are nobody's slug.
    slug_of = {id(p): a.slug for p, a in zip(linked, actor_refs)}
    events = [{"date": e.date, "text": e.text,
               "actors": list(dict.fromkeys(slug_of[id(p)] for p in e.persons if id(p) in slug_of))}
              for e in findings.events]
    quotes = [{**({"actor": slug_of[id(q.speaker)]} if q.speaker and id(q.speaker) in slug_of else {}),
               "text": q.text, **({"via": q.via} if q.via else {})} for q in findings.quotes]
    actor_refs += _organisations(findings, known, agency, via, story, result.warnings)

    topic_text = " ".join([story.headline, story.standfirst, *story.paragraphs])
    topics = assign_topics(topic_text, known.topics)
    names = {t.text: t.name for t in findings.terms}
    for term in suggest_topics([t.text for t in findings.terms], topic_text, known.topics, topics):
        result.warnings.append(f"topic suggestion: no topic covers \"{term}\"; "
                               f"add content/topics/{slugify(names[term])}.md with keywords")

    title = story.headline
    letters = [ch for ch in title if ch.isalpha()]
    if len(letters) > 8 and all(ch.isupper() for ch in letters):
        result.warnings.append("title: the headline is all in capitals: names in it are not read; "
                               "write it as a sentence in the article")
    slug = slugify(title) or slugify(name) or "article"
    result.raw_path = f"{RAW_DIR}/{name}"
    fm: dict[str, Any] = {"title": title}
    if story.standfirst:
        fm["subtitle"] = story.standfirst
    fm["date"] = article_date
    if dateline:
        fm["place"] = dateline.place
    if agency:
        fm["source"] = agency
    if via:
        fm["via"] = via
    fm["lang"] = story.lang or "und"
    if story.byline:
        fm["byline"] = story.byline
    fm["actors"] = list(dict.fromkeys(a.slug for a in actor_refs))
    fm["topics"] = topics
    if story.image:
        fm["image"] = {"src": story.image.src, "caption": story.image.caption, "credit": story.image.credit}
    if quotes:
        fm["quotes"] = quotes
    if events:
        fm["events"] = events
    if needs_review:
        fm["needs_review"] = True
    if story.url:
        fm["url"] = story.url
    fm["raw"] = result.raw_path
    result.front_matter = fm
    result.body = "\n\n".join(escape_markdown(p) for p in story.paragraphs) + "\n"
    result.article_path = f"content/articles/{article_date.year:04d}/{slug}.md"
    result.actors = actor_refs
    return result


def give_slug(result: IngestResult, slug: str) -> None:
    """Give the article slug: as its file name and, unless its title gives it, in its front matter."""
    fm = result.front_matter
    if slugify(str(fm["title"])) != slug:
        # The build takes an article's slug from its title unless front matter names one.
        rest = {key: value for key, value in fm.items() if key not in ("title", "slug")}
        result.front_matter = {"title": fm["title"], "slug": slug, **rest}
    result.article_path = f"content/articles/{fm['date'].year:04d}/{slug}.md"


def _site_source(site: str, known: KnownProfiles) -> str:
    """Return the source slug of the outlet a page names itself by: its profile's, else its own."""
    profile = match_name(site, known.sources) if site else None
    return profile.slug if profile else slugify(site)


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


def _actors(extraction: Findings, known: KnownProfiles, lang: str,
            result: IngestResult) -> tuple[list[ActorRef], list[Person]]:
    """Return the story's person actors and the persons they are: profiles matched, stubs for
    people new and sure; the others are held back or, when several profiles fit, not linked."""
    refs, linked = [], []
    warnings = result.warnings
    taken = set(known.actors)
    held = as_profiles(known.held)
    for person in extraction.persons:
        match = match_person(person, known.actors)
        profile = match.profile
        if match.several:
            # A lone surname several profiles share: linking any of them could be wrong.
            warnings.append(f"not linked: '{person.name}' could be any of {', '.join(match.several)}; "
                            "name the person in full to link them")
            continue
        if profile is None and weak(person):
            before = match_person(person, held).profile
            if before is None:
                result.held.append(Held(person.name, lang, "", list(dict.fromkeys(person.forms))))
                warnings.append(f"held back: '{person.name}' (named once, no given name, no role): recorded in "
                                f"{HELD_FILE}, no profile until another story or an editor confirms them")
                continue
            result.confirmed.append(known.held[int(before.slug)])
        linked.append(person)
        forms = [f for f in dict.fromkeys(person.forms) if fold(f) != fold(person.name)]
        if profile is not None:
            forms = [f for f in dict.fromkeys([person.name, *person.forms])]
            have = {fold(n) for n in profile.names}
            refs.append(ActorRef(profile.slug, profile.name, profile.kind or "person", False,
                                 [f for f in forms if fold(f) not in have], lang=lang))
            continue
        slug = base = slugify(person.name) or "actor"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        refs.append(ActorRef(slug, person.name, "person", True, forms, person.role, lang or "en"))
        warnings.append(f"new actor: {person.name} ({slug}): stub content/actors/{slug}.md")
    return refs, linked


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
