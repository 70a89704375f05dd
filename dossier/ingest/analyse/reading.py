"""Read what every language reads alike: the outlets a story cites, its quotes, dated events and terms."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...util.slugs import slugify
from .. import nlp
from ..dates import event_dates
from ..profiles import KnownProfiles, fold, match_name
from ..quotes import Named, find_outlets, find_quotes, quotations, sentences, speaker
from ..translit import is_cyrillic
from .findings import Event, Findings, Mention, Outlet, Person, Quote, Term

if TYPE_CHECKING:
    from ..sources import Story


@dataclass(frozen=True)
class Setting:
    """What the reading of a story starts from, decided before it."""

    known: KnownProfiles
    agency: str  # the source slug of the story's agency (dateline) or site, '' if none
    date: dt.date  # the story's date: what "on Tuesday" counts from


@dataclass(frozen=True)
class StoryText:
    """A story's blocks joined into one text for the tagger, and its body's sentences in it."""

    text: str
    body: list[tuple[int, int]]  # the body's sentences as offsets into text, the dateline left out

    @property
    def body_text(self) -> str:
        return "\n".join(self.text[s:e] for s, e in self.body)


def story_text(story: Story) -> StoryText:
    """Return the text the analysers read: headline, standfirst, caption, body, a blank line apart."""
    blocks = [story.headline, story.standfirst, story.image.caption if story.image else "", *story.paragraphs]
    offsets, text = [], ""
    for block in blocks:
        offsets.append(len(text))
        text += block + "\n\n"
    spans = []
    for index, paragraph in enumerate(story.paragraphs):
        base = offsets[3 + index]
        skip = len(story.dateline.text) if index == 0 and story.dateline else 0
        spans += [(base + skip + s, base + skip + e) for s, e in sentences(paragraph[skip:])]
    return StoryText(text, spans)


def read(story: Story, text: StoryText, found: Findings, setting: Setting, lang: str) -> Findings:
    """Return found (the people and organisations of text) with the story's outlets, quotes, events and terms.

    lang is how quotation marks, verbs of saying and dates without a year are read.
    """
    people_named = {fold(f) for p in found.persons for f in [p.name, p.last, *p.forms] if f}
    outlets = _cited(text, setting, people_named)
    # An outlet's name can look like a person's ("Synthetic Wire"): outlets are no actors.
    cited = {setting.agency, *(o.slug for o in outlets)}
    persons = [p for p in found.persons if slugify(p.name) not in cited]
    # The people the byline credits wrote or pictured the story: they are not its actors.
    byline = fold(story.byline)
    persons = [p for p in persons
               if not (" " in p.name and re.search(rf"(?<!\w){re.escape(fold(p.name))}(?!\w)", byline))]
    # The editor's word is final: a rejected name is no actor (content/corrections.yml).
    persons = [p for p in persons if not setting.known.rejected(p)]
    outlet_names = {fold(n) for s, e in text.body for n, _ in find_outlets(text.text[s:e])}
    terms = [Term(t, _topic_name(t)) for p in story.paragraphs for t in _short_quoted(p) if fold(t) not in outlet_names]
    return Findings(persons, found.organisations, outlets=outlets,
                    quotes=_quotes(text, persons, setting, lang),
                    events=_events(text, persons, setting.date, lang),
                    terms=terms, notes=found.notes)


def _cited(text: StoryText, setting: Setting, people_named: set[str]) -> list[Outlet]:
    """Return the outlets the body cites, in order of first citation; people are no outlets."""
    found: list[tuple[int, str]] = []
    for start, end in text.body:
        for name, offset in _outlets_in(text.text[start:end], setting.known):
            if fold(name) in people_named:
                continue
            found.append((start + offset, name))
    outlets: list[Outlet] = []
    for _, name in sorted(found):
        profile = match_name(name, setting.known.sources)
        slug = profile.slug if profile else slugify(name)
        if slug and slug != setting.agency and slug not in {o.slug for o in outlets}:
            outlets.append(Outlet(slug, name, profile is not None))
    return outlets


def _outlets_in(sentence: str, known: KnownProfiles) -> list[tuple[str, int]]:
    """Return outlets a sentence cites: by a media noun, or by the name of a source an editor profiled."""
    found = find_outlets(sentence)
    # A stub ingest wrote for a page's site ("Mozilla") is no sign that naming it cites it.
    for profile in (p for p in known.sources.values() if not p.stub):
        for name in profile.names:
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)
            if match:
                found.append((profile.name, match.start()))
                break
    return found


def _persons_in(persons: list[Person], start: int, end: int, sure: bool = False) -> Iterator[tuple[Person, Mention]]:
    """Yield (person, mention) for mentions inside [start, end)."""
    for person in persons:
        for mention in person.mentions:
            if start <= mention.start < end and (mention.sure or not sure):
                yield person, mention


def _events(text: StoryText, persons: list[Person], story: dt.date, lang: str) -> list[Event]:
    """Return the body's sentences that report something on a date, read against the story's date."""
    events = []
    for start, end in text.body:
        sentence = text.text[start:end].strip()
        dated = event_dates(sentence, story, lang)
        if not dated:
            continue
        # The most precise date of the sentence is the one the event is about.
        best = max(dated, key=lambda m: len(m.value))
        events.append(Event(best.value, sentence, [p for p, _ in _persons_in(persons, start, end)]))
    return events


def _quotes(text: StoryText, persons: list[Person], setting: Setting, lang: str) -> list[Quote]:
    """Return the body's quotes, each with the speaker its verb of saying names (or none) and the outlet it came by."""
    quotes = []
    last_outlet = ""
    mentions = sorted(((m, p) for p in persons for m in p.mentions), key=lambda mp: mp[0].start)
    people_named = {fold(f) for p in persons for f in [p.name, p.last, *p.forms] if f}
    genders = {id(p): _gender(p, lang) for p in persons}
    people = [Named(m.start, m.start + len(m.text), m.sure, id(p), genders[id(p)],
                    not m.sure and m.text in (p.name, p.last)) for m, p in mentions]
    for start, end in text.body:
        sentence = text.text[start:end]
        cited = [match_name(n, setting.known.sources) for n, _ in _outlets_in(sentence, setting.known)]
        cited_slugs = [p.slug if p else "" for p in cited]
        for quoted in find_quotes(sentence, lang):
            said_by = speaker(text.text, (start, end), quoted, people, lang)
            if quoted.short and said_by is None:
                continue  # a term or a label the reporter quotes, not anyone's words
            slugs = [s for s in cited_slugs if s and s != setting.agency]
            if not slugs:
                slugs = _media(sentence, people_named)
            if not slugs and last_outlet and _BARE_MEDIA.search(sentence):
                slugs = [last_outlet]  # "как уточнил канал": the outlet last cited
            quotes.append(Quote(quoted.text, mentions[said_by][1] if said_by is not None else None,
                                slugs[0] if slugs else ""))
        named = [s for s in cited_slugs if s and s != setting.agency] or _media(sentence, people_named)
        if named:
            last_outlet = named[-1]
    return quotes


def _media(sentence: str, people_named: set[str]) -> list[str]:
    """Return the slugs of the outlets a sentence names by a media noun, not the people after one
    ("директор агентства Стейнар Мадсен" names a person)."""
    return [slugify(n) for n, _ in find_outlets(sentence) if fold(n) not in people_named]


def _gender(person: Person, lang: str) -> str:
    """Return a Russian or Ukrainian person's gender as their given name says it; '' when it does not."""
    if lang not in ("ru", "uk") or not person.first:
        return ""
    morph = nlp.morph_uk() if lang == "uk" else nlp.models().morph
    genders = {p.tag.gender for p in morph.parse(person.first) if "Name" in p.tag and "nomn" in p.tag}
    return genders.pop() if len(genders) == 1 and genders <= {"masc", "femn"} else ""


_BARE_MEDIA = re.compile(r"\b(?:(?:теле)?канал|газета|агентство|издание)\b(?!\s+[A-ZА-ЯЁ«\"])"
                         r"|\bthe (?:channel|newspaper|paper|agency|broadcaster|daily)\b")


def _short_quoted(paragraph: str) -> list[str]:
    """Return the quoted terms of a paragraph: one to three words, no number."""
    return [q.text for q in quotations(paragraph)
            if 1 <= len(q.text.split()) <= 3 and not any(ch.isdigit() for ch in q.text)]


def _topic_name(term: str) -> str:
    """Return a term with its first word in the nominative: Cyrillic words decline, whatever the story's language."""
    words = term.split()
    if not words or not is_cyrillic(words[0]):
        return term  # other text would load the Russian models for nothing
    parse = nlp.models().morph.parse(words[0])[0]
    return " ".join([parse.normal_form, *words[1:]])
