"""Plain wire text (UTF-8, UTF-16 or cp1251) -> Story: headline, standfirst, caption, dateline, body."""

from __future__ import annotations

import re

from ..analyse.langid import guess_lang
from ..decode import NotText, decode
from .credits import split_credits
from .dateline import read_dateline
from .headline import title_from_lead
from .meta import without_flags
from .story import Image, SourceError, Story

TITLE_MAX = 200  # characters: longer than any headline, shorter than a lead paragraph


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


def story_from_text(text: str, raw: bytes, form: str, titled: bool = False) -> Story:
    """Return the story plain text tells: headline, standfirst, caption, dateline, body.

    titled: the text's first block is a headline the source gave as one (a subject, a title style).
    """
    return story_from_blocks(_blocks(text), raw, form, titled)


def _blocks(text: str) -> list[str]:
    """Return the blocks of text (paragraphs, parted by blank lines), each on one line."""
    raw_blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    lines = raw_blocks[0].splitlines() if raw_blocks else []
    if len(raw_blocks) > 1 and len(lines) > 1 and len(lines[0]) <= TITLE_MAX and not lines[0].rstrip().endswith(".") \
            and not read_dateline(" ".join(lines[1].split())):
        # A headline copied from a wire terminal with its standfirst on the next line.
        raw_blocks[:1] = [lines[0], "\n".join(lines[1:])]
    blocks = [" ".join(b.split()) for b in raw_blocks]
    if len(blocks) == 1 and "\n" in text.strip():
        # No blank lines: one paragraph a line.
        blocks = [" ".join(line.split()) for line in text.strip().splitlines() if line.strip()]
    return blocks


def story_from_blocks(blocks: list[str], raw: bytes, form: str, titled: bool = False) -> Story:
    """Return the story blocks of text tell, in reading order; what cannot be placed stays in the body."""
    story = Story(raw=raw, form=form, lang=guess_lang("\n".join(blocks)))
    index = next((i for i, b in enumerate(blocks) if read_dateline(b)), None)
    head = blocks[:index] if index is not None else blocks[:1]
    body = blocks[index:] if index is not None else blocks[1:]
    caption = credit = ""
    credits = []
    for block in head:
        if "©" in block and not caption:
            caption, _, credit = (part.strip() for part in block.partition("©"))
        elif not story.headline:
            story.headline = block
        elif _CREDIT.match(block) and len(block) < 300:
            credits.append(block.strip("()").strip())  # the byline between the headline and the dateline
        elif not story.standfirst:
            story.standfirst = block
        else:
            story.standfirst += " " + block
    story.paragraphs, byline = _credits(body)
    story.paragraphs, credited = split_credits(story.paragraphs)  # "X and Y contributed to this report."
    story.byline = "; ".join(filter(None, [*credits, byline, *credited]))
    if len(story.headline) > TITLE_MAX or not titled and index is None and _reads_as_lead(story.headline):
        # No headline line: the first line is the lead. It stays the body's first paragraph;
        # the title is its first sentence, cut to a headline's length.
        story.paragraphs.insert(0, story.headline)
        story.headline = title_from_lead(story.headline)
        story.warnings.append(f"title: the story has no headline line (its first line is a "
                              f"{len(story.paragraphs[0])}-character paragraph): title taken from its "
                              "first sentence; check it")
        story.needs_review = True
    # The dateline is the body's when the body still opens with it.
    if index is not None and story.paragraphs[:1] == body[:1]:
        story.dateline = read_dateline(body[0])
    if caption or credit:
        story.image = Image(caption=caption, credit=credit)
    story.headline = without_flags(story.headline)
    return story


def _reads_as_lead(block: str) -> bool:
    """Tell whether a first block is a lead, not a headline: a headline ends without a full stop
    and is one sentence."""
    return block.endswith(".") or bool(re.search(r"[.!?…][»\"”]?\s+[«\"„“]?[А-ЯЁA-Z]", block))


# "(Reporting by Julie Marchand; Editing by Ann Carrow)", "By Jane Doe", "Jane Doe" alone on its
# line under the headline, "-- Jane Doe, London Newsroom" closing the story, "Автор: Иван Петров".
_CREDIT = re.compile(r"^\(?\s*(?:(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Edited|Written|"
                     r"Produced)(?:\s+and\s+\w+)?\s+by\b|By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$|"
                     r"[A-Z][a-z][\w.'-]*(?:\s+[A-Z][\w.'-]+){1,3}$|--\s*[A-Z][a-z][\w.'-]*\s+[A-Z]|"
                     r"(?:Автор|Авторы|Редактор|Текст)\s*[:—-])")


def _credits(paragraphs: list[str]) -> tuple[list[str], str]:
    """Return the body without its credit lines, and the credits joined into one byline."""
    body, credits = [], []
    for index, paragraph in enumerate(paragraphs):
        # Credits open or close a story; a line in the middle starting "By" is prose.
        if (index == 0 and not paragraph.startswith("(") or index == len(paragraphs) - 1 or index == 1) \
                and _CREDIT.match(paragraph) and len(paragraph) < 300:
            credits.append(paragraph.strip().strip("()").strip())
        else:
            body.append(paragraph)
    return body, "; ".join(credits)
