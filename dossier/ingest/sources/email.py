"""E-mail (.eml) -> Story: the subject is the headline, the text or HTML part the body."""

from __future__ import annotations

import email.policy
import email.utils
import re
from email.message import EmailMessage
from email.parser import BytesParser
from typing import cast

from ..decode import NotText, decode
from .html import html_paragraphs
from .meta import person_names, without_flags
from .story import Attachment, SourceError, Story, clean
from .text import story_from_text

# Forms an attachment may take to be ingested as a story of its own.
ATTACHMENT_FORMS = (".txt", ".html", ".htm", ".pdf", ".docx")
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|wg)\s*:\s*)+", re.I)


def read_email(raw: bytes, name: str) -> Story:
    """Return the story of an e-mailed alert; its attachments come along to be ingested too."""
    # The default policy (not the compat32 one) parses into an EmailMessage.
    message = cast(EmailMessage, BytesParser(policy=email.policy.default).parsebytes(raw))
    headline = without_flags(_REPLY_PREFIX.sub("", clean(str(message.get("Subject", "")))))
    attachments, warnings = _attachments(message)
    blocks = _body_blocks(message, warnings)
    if not blocks:
        if attachments:
            story = Story(raw=raw, form="email", headline=headline, attachments=attachments)
            story.warnings = warnings
            return story
        raise SourceError("e-mail has no body and no .txt/.html/.pdf/.docx attachment: nothing to ingest")
    if headline and clean(blocks[0]).casefold() == headline.casefold():
        blocks = blocks[1:]  # the alert repeats its subject as its first line
    story = story_from_text("\n\n".join([headline or blocks[0], *blocks[0 if headline else 1:]]), raw, "email",
                             titled=bool(headline))
    if not story.paragraphs:
        raise SourceError("e-mail has only a subject, no body text: nothing to ingest")
    # The story's own credits ("(Reporting by ...; Editing by ...)") are its byline; the
    # sender only when it is a person, not the desk or the alert service that sent it.
    sender = email.utils.parseaddr(str(message.get("From", "")))[0]
    if not story.byline and person_names(sender):
        story.byline = sender
    try:
        story.date = email.utils.parsedate_to_datetime(str(message.get("Date", ""))).date()
    except (TypeError, ValueError):
        pass  # no Date header, or one no mail program wrote: the dateline or --date decides
    story.attachments = attachments
    story.warnings += warnings
    return story


def _body_blocks(message: EmailMessage, warnings: list[str]) -> list[str]:
    """Return the body's paragraphs: the plain-text part, else the HTML part made text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return []
    # The part's bytes, read by decode: a mailer's charset label is checked against them,
    # and a name no codec knows does not lose the message.
    try:
        decoded = decode(part.get_payload(decode=True) or b"", part.get_content_charset() or "")
    except NotText as exc:
        if str(exc).startswith("empty"):
            return []
        raise SourceError(f"the e-mail's body: {exc}") from None
    warnings += decoded.warnings
    content = decoded.text
    if part.get_content_type() == "text/html":
        return html_paragraphs(content)
    # The signature follows its standard separator line, "-- " (some mailers trim the space).
    text = re.split(r"\n-- ?\n", content.replace("\r\n", "\n"))[0]
    lines = [line for line in text.splitlines() if not line.startswith(">")]
    return [clean(b) for b in re.split(r"\n\s*\n", "\n".join(lines)) if clean(b)]


def _attachments(message: EmailMessage) -> tuple[list[Attachment], list[str]]:
    found, warnings = [], []
    for part in message.iter_attachments():
        name = part.get_filename() or ""
        if not name.lower().endswith(ATTACHMENT_FORMS):
            warnings.append(f"attachment {name or '(no name)'} ({part.get_content_type()}) is not "
                            "a story form (.txt, .html, .pdf, .docx): not ingested")
            continue
        found.append(Attachment(name=name, raw=part.get_payload(decode=True) or b""))
    return found, warnings
