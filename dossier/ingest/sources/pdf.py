"""Text-based PDF (a press release, a statement) -> Story, after its page count is checked."""

from __future__ import annotations

import io
import re

import pypdf
from pypdf.errors import PdfReadError

from .story import SourceError, Story
from .text import story_from_text

# A statement has a few pages, a report a few hundred; layout extraction takes up to ~0.1 s a page.
MAX_PAGES = 300


def read_pdf(raw: bytes, name: str) -> Story:
    """Return the story a PDF's text layer tells; a scanned PDF has none and is refused."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        # pypdf bounds what one stream may unpack to; the page count is ours to bound.
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise SourceError(f"PDF too long to read: {count:,} pages, the limit is {MAX_PAGES}: not one story; "
                              "save the story's pages alone as a new PDF and ingest that")
        # Layout mode keeps the blank line between paragraphs that plain mode loses.
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise SourceError(f"PDF has no text layer ({len(pages)} page(s) of images, a scan?): "
                          "run OCR on it first (e.g. ocrmypdf) and ingest the result")
    story = story_from_text(_join_lines(text), raw, "pdf")
    author = reader.metadata.get("/Author") if reader.metadata else None
    if author:
        story.byline = str(author)
    return story


def _join_lines(text: str) -> str:
    """Rejoin words hyphenated at a line's end; blank lines still part paragraphs."""
    return re.sub(r"(\w)-\n[ \t]*(\w)", r"\1\2", text)
