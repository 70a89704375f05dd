"""The one shape every source form is read into: a Story, or a SourceError saying why not."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...util.slugs import slugify
from .dateline import Dateline


class SourceError(Exception):
    """The input holds no story: the message says why, in one line."""


@dataclass
class Image:
    src: str = ""  # an absolute http(s) URL, or '' when only the caption is known
    caption: str = ""
    credit: str = ""


@dataclass
class Attachment:
    """A file carried by a source (an e-mail's PDF): ingested as a story of its own."""

    name: str
    raw: bytes


@dataclass
class Story:
    """What any form gives the analysis: the parts of one story, as plain text, read once."""

    raw: bytes  # the input as it came, kept byte for byte
    form: str  # 'text', 'html', 'mhtml', 'email', 'pdf', 'docx' or 'feed'
    headline: str = ""
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)  # the body, dateline included
    dateline: Dateline | None = None  # the dateline the body opens with, if it does
    date: dt.date | None = None  # when the source says so itself (page metadata, e-mail header)
    byline: str = ""
    site: str = ""  # the outlet the page or message names itself by, '' if none
    url: str = ""  # the canonical address of the original, http(s) only
    image: Image | None = None
    lang: str = ""  # 'ru', 'en', 'fr', 'de', or '' for a script ingest cannot tell (langid)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    needs_review: bool = False


def clean(text: str) -> str:
    """Return text with every run of whitespace made one space."""
    return " ".join(text.split())


def word_count(paragraphs: list[str]) -> int:
    """Return how many words the paragraphs hold."""
    return sum(len(re.findall(r"\w+", p)) for p in paragraphs)


def web_url(url: str) -> str:
    """Return url when it is an absolute http(s) URL, else ''."""
    url = url.strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def safe_name(name: str) -> str:
    """Return the file name to keep the original under: its own name when that is safe."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}", name):
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    clean = slugify(stem) or "story"
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)
    return clean + ("." + ext if ext else "")
