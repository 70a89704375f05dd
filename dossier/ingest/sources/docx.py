"""Word documents (.docx) -> Story."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from .story import SourceError, Story, clean
from .text import story_from_text


def read_docx(raw: bytes, name: str) -> Story:
    """Return the story of a Word document: its Title paragraph (or first line) heads it."""
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"not a Word .docx file ({type(exc).__name__}: {exc}); "
                          "an old .doc must be saved as .docx first") from None
    blocks, title, subtitle = [], "", ""
    for paragraph in document.paragraphs:
        text = clean(paragraph.text)
        style = paragraph.style.name if paragraph.style is not None else ""
        if not text:
            continue
        if style == "Title" and not title:
            title = text
        elif style == "Subtitle" and not subtitle:
            subtitle = text
        else:
            blocks.append(text)
    if not blocks:
        raise SourceError("Word document has no body text: nothing to ingest")
    story = story_from_text("\n\n".join(b for b in [title, subtitle, *blocks] if b), raw, "docx")
    if document.core_properties.author:
        story.byline = document.core_properties.author
    return story
