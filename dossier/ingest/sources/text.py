"""Plain wire text (UTF-8, UTF-16 or cp1251) -> Story."""

from __future__ import annotations

from ..decode import NotText, decode
from ..wire import split_wire
from .meta import without_flags
from .story import Image, SourceError, Story


def read_text(raw: bytes, name: str) -> Story:
    """Return the story of a plain-text wire file."""
    try:
        decoded = decode(raw)
    except NotText as exc:
        raise SourceError(str(exc)) from None
    story = story_from_text(decoded.text, raw, "text")
    story.warnings += decoded.warnings
    story.needs_review |= decoded.needs_review
    return story


def story_from_text(text: str, raw: bytes, form: str) -> Story:
    """Return the story plain text tells: headline, standfirst, caption, dateline, body."""
    wire = split_wire(text)
    story = Story(raw=raw, form=form, headline=without_flags(wire.headline), standfirst=wire.standfirst,
                  paragraphs=wire.paragraphs, lang=wire.lang, byline=wire.byline)
    if wire.lead_title:
        story.warnings.append(f"title: the story has no headline line (its first line is a "
                              f"{len(wire.paragraphs[0])}-character paragraph): title taken from its "
                              "first sentence; check it")
        story.needs_review = True
    if wire.dateline:
        story.dateline = wire.dateline.text
    if wire.caption or wire.credit:
        story.image = Image(caption=wire.caption, credit=wire.credit)
    return story
