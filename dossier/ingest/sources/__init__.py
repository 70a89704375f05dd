"""Read a source in any form (wire text, web page, e-mail, PDF, Word) into one Story.

One module per form; `read_source` picks the form by the file's name, the media type a
server sent, or the bytes themselves. Nothing read here is executed: pages and e-mails
are only parsed for their text.
"""

from __future__ import annotations

import re

from ..http import FetchLimits
from .bounded import read_bounded
from .docx import read_docx
from .email import read_email
from .html import read_html, read_mhtml
from .pdf import read_pdf
from .story import Attachment, Image, SourceError, Story, safe_name
from .text import read_text
from .url import fetch_url, is_url, name_for_url

__all__ = ["Attachment", "FetchLimits", "Image", "SourceError", "Story", "fetch_url",
           "form_of", "is_url", "name_for_url", "read_source", "safe_name"]

_BY_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".mhtml": "mhtml", ".mht": "mhtml",
              ".eml": "email", ".pdf": "pdf", ".docx": "docx"}
# Forms people save stories in that we do not read: say what to do instead of guessing.
_UNREAD = {".doc": "save it as .docx", ".odt": "save it as .docx", ".rtf": "save it as .docx",
           ".msg": "save the message as .eml"}


def form_of(name: str, raw: bytes, content_type: str = "") -> str:
    """Return the form of a source: by its media type, its file name's suffix, else its bytes."""
    if content_type.partition(";")[0].strip().lower() in ("text/html", "application/xhtml+xml"):
        return "html"
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in _UNREAD:
        raise SourceError(f"{suffix} files are not read: {_UNREAD[suffix]}")
    head = raw[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith(b"pk\x03\x04") and b"word/" in raw[:4096]:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_source(raw: bytes, name: str, content_type: str = "", url: str = "") -> Story:
    """Return the story of one source; raise SourceError with one line saying why there is none."""
    form = form_of(name, raw, content_type)
    if form == "html":
        charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
        return read_html(raw, name, url, charset.group(1) if charset else "")
    if form in ("pdf", "docx"):
        # Their parsers' work grows with structures the author controls: bound it apart.
        return read_bounded(read_pdf if form == "pdf" else read_docx, raw, name)
    return {"text": read_text, "mhtml": read_mhtml, "email": read_email}[form](raw, name)
