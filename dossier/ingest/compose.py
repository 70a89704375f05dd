"""Compose one article (front matter, body, profile stubs) from one raw wire story."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..util.slugs import slugify
from . import analyse
from .analyse.findings import Findings
from .analyse.langid import guess_lang
from .dates import Mention as DateMention
from .dates import find_dates, find_relative, infer_year
from .held import HELD_FILE, as_profiles, weak
from .profiles import Held, KnownProfiles, fold, match_name, match_person
from .quotes import find_outlets, find_quotes, sentences
from .sources import SourceError, Story, read_source, safe_name
from .sources.text import read_text
from .topics import assign_topics, suggest_topics
from .wire import Wire, agency_slug, read_dateline

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
    wire = Wire(headline=story.headline, standfirst=story.standfirst,
                caption=story.image.caption if story.image else "",
                credit=story.image.credit if story.image else "",
                dateline=read_dateline(story.paragraphs[0]) if story.paragraphs else None,
                paragraphs=story.paragraphs,
                lang=story.lang or guess_lang("\n".join([story.headline, *story.paragraphs])))
    if not wire.headline:
        result.error = "no headline: the story has no text before its dateline"
        return result
    if wire.dateline is None and story.date is None:
        result.warnings.append("no dateline (e.g. 'ПАРИЖ, 6 января. /ТАСС/.'): place and agency "
                               "unknown, date from --date or the file's time")
        needs_review = True

    analysed, offsets = _analysis_text(wire)
    extraction = analyse.extract(analysed, wire.lang, known.actors, result.warnings)
    body_spans = _body_sentences(wire, offsets)
    date_mentions = find_dates("\n".join(analysed[s:e] for s, e in body_spans))
    article_date = story.date if story.date and not date else \
        _article_date(wire, date, file_date or dt.date.today(), date_mentions, result.warnings)

    agency = agency_slug(wire.dateline.agency) if wire.dateline else _site_source(story.site, known)
    if agency and agency not in known.sources:
        result.warnings.append(f"source '{agency}' has no profile content/sources/{agency}.md")
    people_named = {fold(f) for p in extraction.persons for f in [p.name, p.last, *p.forms] if f}
    via = _via(analysed, body_spans, known, agency, result.warnings, people_named)
    # An outlet's name can look like a person's ("Synthetic Wire"): outlets are no actors.
    extraction.persons = [p for p in extraction.persons if slugify(p.name) not in {agency, *via}]
    actor_refs = _actors(extraction, known, wire.lang, result)
    by_person = {id(p): a for p, a in zip(extraction.persons, actor_refs)}
    events = _events(analysed, body_spans, extraction, by_person, article_date if wire.lang == "en" else None)
    quotes = _quotes(analysed, body_spans, extraction, by_person, known, agency, wire.lang)
    actor_refs += _organisations(extraction, known, agency, via, wire, result.warnings)

    topic_text = " ".join([wire.headline, wire.standfirst, *wire.paragraphs])
    topics = assign_topics(topic_text, known.topics)
    outlet_names = {fold(n) for s, e in body_spans for n, _ in find_outlets(analysed[s:e])}
    terms = [q.text for p in wire.paragraphs for q in _short_quoted(p) if fold(q.text) not in outlet_names]
    for term in suggest_topics(terms, topic_text, known.topics, topics):
        result.warnings.append(f"topic suggestion: no topic covers \"{term}\"; "
                               f"add content/topics/{slugify(_first_word_nominative(term))}.md with keywords")

    title = wire.headline
    letters = [ch for ch in title if ch.isalpha()]
    if len(letters) > 8 and all(ch.isupper() for ch in letters):
        result.warnings.append("title: the headline is all in capitals: names in it are not read; "
                               "write it as a sentence in the article")
    slug = slugify(title) or slugify(name) or "article"
    result.raw_path = f"{RAW_DIR}/{name}"
    fm: dict[str, Any] = {"title": title}
    if wire.standfirst:
        fm["subtitle"] = wire.standfirst
    fm["date"] = article_date
    if wire.dateline:
        fm["place"] = wire.dateline.place
    if agency:
        fm["source"] = agency
    if via:
        fm["via"] = via
    fm["lang"] = wire.lang or "und"
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
    result.body = "\n\n".join(escape_markdown(p) for p in wire.paragraphs) + "\n"
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


def _analysis_text(wire: Wire) -> tuple[str, list[int]]:
    """Join the story's blocks into one text for the tagger; return it and each block's offset."""
    blocks = [wire.headline, wire.standfirst, wire.caption, *wire.paragraphs]
    offsets, text = [], ""
    for block in blocks:
        offsets.append(len(text))
        text += block + "\n\n"
    return text, offsets


def _body_sentences(wire: Wire, offsets: list[int]) -> list[tuple[int, int]]:
    """Return the body's sentences as offsets into the analysis text, dateline left out."""
    spans = []
    for index, paragraph in enumerate(wire.paragraphs):
        base = offsets[3 + index]
        skip = len(wire.dateline.text) if index == 0 and wire.dateline else 0
        spans += [(base + skip + s, base + skip + e) for s, e in sentences(paragraph[skip:])]
    return spans


def _article_date(wire: Wire, override: dt.date | None, file_date: dt.date,
                  mentions: list[DateMention], warnings: list[str]) -> dt.date:
    if override is not None:
        return override
    if wire.dateline is not None and wire.dateline.year and wire.dateline.day:
        return dt.date(wire.dateline.year, wire.dateline.month, wire.dateline.day)
    if wire.dateline is None or not wire.dateline.day:
        warnings.append(f"date: {file_date.isoformat()} taken from the file's time; pass --date to set it")
        return file_date
    month, day = wire.dateline.month, wire.dateline.day
    year, why = infer_year(month, day, mentions, file_date)
    warnings.append(f"date: year {year} inferred for dateline '{day:02d}.{month:02d}' {why}; "
                    "pass --date to override")
    return dt.date(year, month, day)


def _actors(extraction: Findings, known: KnownProfiles, lang: str, result: IngestResult) -> list[ActorRef]:
    """Return the story's person actors: profiles matched, stubs for people new and sure; hold the rest back."""
    refs = []
    warnings = result.warnings
    taken = set(known.actors)
    linked = []
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
    extraction.persons = linked  # the people the story's quotes and events may name
    return refs


def _organisations(extraction: Findings, known: KnownProfiles, agency: str, via: list[str],
                   wire: Wire, warnings: list[str]) -> list[ActorRef]:
    """Return organisations with an actor profile; name the others in a warning."""
    refs, untracked = [], []
    outlets = {agency, *via}
    for org in extraction.organisations:
        profile = next((p for p in (match_name(f, known.actors) for f in [org.name, *org.forms]) if p), None)
        if profile is not None:
            refs.append(ActorRef(profile.slug, profile.name, profile.kind or "organisation", False))
        elif org.kind == "ORG" and slugify(org.name) not in outlets and org.name not in wire.credit \
                and not match_name(org.name, known.sources) \
                and not (wire.dateline and fold(org.name) == fold(wire.dateline.place)):
            untracked.append(org.name)
    if untracked:
        warnings.append("organisations named but not tracked as actors: " + ", ".join(untracked)
                        + " (add a profile with kind: organisation to track one)")
    return refs


def _via(text: str, spans: list[tuple[int, int]], known: KnownProfiles, agency: str,
         warnings: list[str], people_named: set[str]) -> list[str]:
    """Return the slugs of outlets the body cites, in order of first citation; people are no outlets."""
    found: list[tuple[int, str]] = []
    for start, end in spans:
        for name, offset in _outlets_in(text[start:end], known):
            if fold(name) in people_named:
                continue
            found.append((start + offset, name))
    slugs = []
    for _, name in sorted(found):
        profile = match_name(name, known.sources)
        slug = profile.slug if profile else slugify(name)
        if slug and slug != agency and slug not in slugs:
            slugs.append(slug)
            if profile is None:
                warnings.append(f"source '{slug}' ({name}) has no profile content/sources/{slug}.md")
    return slugs


def _outlets_in(sentence: str, known: KnownProfiles) -> list[tuple[str, int]]:
    """Return outlets a sentence cites: by a media noun, or by a source profile's name."""
    found = find_outlets(sentence)
    for profile in known.sources.values():
        for name in profile.names:
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)
            if match:
                found.append((profile.name, match.start()))
                break
    return found


def _persons_in(extraction: Findings, start: int, end: int, sure: bool = False):
    """Yield (person, mention) for mentions inside [start, end)."""
    for person in extraction.persons:
        for mention in person.mentions:
            if start <= mention.start < end and (mention.sure or not sure):
                yield person, mention


def _events(text: str, spans: list[tuple[int, int]], extraction: Findings,
            by_person: dict[int, ActorRef], story: dt.date | None) -> list[dict[str, Any]]:
    """Return the body's dated sentences; with story, English dates without a year count too."""
    events = []
    for start, end in spans:
        sentence = text[start:end].strip()
        dated = find_dates(sentence)
        if story is not None and not dated:
            dated = find_relative(sentence, story)
        if not dated:
            continue
        actors = list(dict.fromkeys(by_person[id(p)].slug for p, _ in _persons_in(extraction, start, end)))
        # The most precise date of the sentence is the one the event is about.
        best = max(dated, key=lambda m: len(m.value))
        events.append({"date": best.value, "text": sentence, "actors": actors})
    return events


def _quotes(text: str, spans: list[tuple[int, int]], extraction: Findings,
            by_person: dict[int, ActorRef], known: KnownProfiles, agency: str,
            lang: str) -> list[dict[str, Any]]:
    quotes = []
    last_outlet = ""
    for start, end in spans:
        sentence = text[start:end]
        cited = [match_name(n, known.sources) for n, _ in _outlets_in(sentence, known)]
        cited_slugs = [p.slug if p else "" for p in cited]
        for quoted in find_quotes(sentence, lang):
            entry: dict[str, Any] = {}
            # The speaker is a person named in the nominative (the subject), nearest the quote;
            # "один из советников Макрона" names Macron in the genitive: not him speaking.
            speakers = sorted(_persons_in(extraction, start, end, sure=True),
                              key=lambda pm: abs(pm[1].start - (start + quoted.start)))
            if speakers:
                entry["actor"] = by_person[id(speakers[0][0])].slug
            entry["text"] = quoted.text
            slugs = [s for s in cited_slugs if s and s != agency]
            if not slugs:
                slugs = [slugify(n) for n, _ in find_outlets(sentence)]
            if not slugs and last_outlet and _BARE_MEDIA.search(sentence):
                slugs = [last_outlet]  # "как уточнил канал": the outlet last cited
            if slugs:
                entry["via"] = slugs[0]
            quotes.append(entry)
        named = [s for s in cited_slugs if s and s != agency] or [slugify(n) for n, _ in find_outlets(sentence)]
        if named:
            last_outlet = named[-1]
    return quotes


_BARE_MEDIA = re.compile(r"\b(?:(?:теле)?канал|газета|агентство|издание)\b(?!\s+[A-ZА-ЯЁ«\"])"
                         r"|\bthe (?:channel|newspaper|paper|agency|broadcaster|daily)\b")


def _short_quoted(paragraph: str) -> list[Any]:
    from .quotes import _QUOTE, Quoted
    found = []
    for match in _QUOTE.finditer(paragraph):
        term = next(g for g in match.groups() if g is not None).strip()
        if 1 <= len(term.split()) <= 3 and not any(ch.isdigit() for ch in term):
            found.append(Quoted(term, match.start(), match.end()))
    return found


def _first_word_nominative(term: str) -> str:
    from . import nlp
    from .translit import is_cyrillic
    words = term.split()
    if not words or not is_cyrillic(words[0]):
        return term  # only Russian declines; other text would load the Russian models for nothing
    parse = nlp.models().morph.parse(words[0])[0]
    return " ".join([parse.normal_form, *words[1:]])


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
