"""Word documents (.docx) -> Story, after the package's sizes are checked."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.text.paragraph import Paragraph

from ..http import size_text
from .story import SourceError, Story, clean
from .text import story_from_text

# Unpacked sizes: a 300-page report's document.xml is a few MB, a photo a few more.
MAX_PART_BYTES = 32 * 2**20
MAX_PACKAGE_BYTES = 128 * 2**20
MAX_PARTS = 1000
MAX_PARAGRAPHS = 20_000  # a story has tens, a long report a few thousand
_HEAD = 3  # paragraphs where a Title or Subtitle style is looked for
_PARAGRAPH = re.compile(rb"<w:p[\s/>]")
_FIX = "save the story alone as a new .docx and ingest that"


def read_docx(raw: bytes, name: str) -> Story:
    """Return the story of a Word document: its Title paragraph (or first line) heads it."""
    check_package(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _not_docx(exc) from None
    blocks, title, subtitle = [], "", ""
    for paragraph in document.paragraphs:
        text = clean(paragraph.text)
        if not text:
            continue
        # A headline is at the top. Only there is a style looked up: python-docx takes
        # a millisecond or two for each, a minute for a long report's every paragraph.
        style = _style(paragraph) if len(blocks) + bool(title) + bool(subtitle) < _HEAD else ""
        if style == "Title" and not title:
            title = text
        elif style == "Subtitle" and not subtitle:
            subtitle = text
        else:
            blocks.append(text)
    if not blocks:
        raise SourceError("Word document has no body text: nothing to ingest")
    text = "\n\n".join(b for b in [title, subtitle, *blocks] if b)
    story = story_from_text(text, raw, "docx", titled=bool(title))
    if document.core_properties.author:
        story.byline = document.core_properties.author
    return story


def check_package(raw: bytes) -> None:
    """Refuse a .docx whose parts unpack too large or hold too many paragraphs, before parsing it."""
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _not_docx(exc) from None
    with package:
        parts = package.infolist()
        if len(parts) > MAX_PARTS:
            raise SourceError(f"Word document has {len(parts):,} parts, the limit is {MAX_PARTS:,}: {_FIX}")
        for part in parts:
            if part.file_size > MAX_PART_BYTES:
                raise SourceError(f"Word document too large to read: {part.filename[:80]} unpacks to "
                                  f"{size_text(part.file_size)}, the limit is {size_text(MAX_PART_BYTES)} "
                                  f"a part (a zip bomb?): {_FIX}")
        total = sum(part.file_size for part in parts)
        if total > MAX_PACKAGE_BYTES:
            raise SourceError(f"Word document too large to read: it unpacks to {size_text(total)}, the limit is "
                              f"{size_text(MAX_PACKAGE_BYTES)}: {_FIX}")
        # Every XML part, not only word/document.xml: the package names its main part itself.
        paragraphs = 0
        for part in parts:
            if part.filename.endswith(".xml"):
                try:
                    paragraphs += len(_PARAGRAPH.findall(package.read(part)))
                except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
                    raise _not_docx(exc) from None
    if paragraphs > MAX_PARAGRAPHS:
        raise SourceError(f"Word document too long to read: {paragraphs:,} paragraphs, the limit is "
                          f"{MAX_PARAGRAPHS:,}: not one story; {_FIX}")


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _not_docx(exc: Exception) -> SourceError:
    return SourceError(f"not a Word .docx file ({type(exc).__name__}: {exc}); "
                       "an old .doc must be saved as .docx first")

