"""Saved web pages (.html, .htm, .mhtml) -> Story: the article, none of the page around it."""

from __future__ import annotations

import copy
import datetime as dt
import email
import email.policy
import re
from urllib.parse import urljoin, urlsplit

import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..analyse.langid import guess_lang
from ..decode import Decoded, NotText, decode
from .asides import drop_asides
from .credits import split_credits
from .dateline import Dateline, read_dateline
from .meta import read_meta
from .story import Image, SourceError, Story, clean, web_url, word_count

# Below this many words of article text a page is a front page, an error page or a login
# wall, not an article: the teasers and notices such pages keep come to 10 to 30 words.
MIN_WORDS = 50
CAPTION_MAX = 400  # characters: a caption is a sentence or two, never a menu or a script
CREDIT_MAX = 150  # characters: a photographer and an agency
MAX_PAGE_BYTES = 5 * 1024 * 1024  # a news article's page is well under 1 MB; 5 MB is not one article
_SIGNOFF = re.compile(r"^(?:(?:additional )?reporting|writing|editing|compiled|edited) by\b"
                      r"|^our standards\b|all rights reserved", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CREDIT = re.compile(r"\s*(?:©|\(c\)|Photograph:|Photo:|Picture:|Credit:|Фото:)\s*(?P<credit>.+)$"
                     r"|\s*\((?P<agency>[^()]*\b(?:Photo|Foto|Фото)\b[^()]*)\)\s*$", re.I)  # "(AP Photo/Name)"


_EXTRACTION = {"include_comments": False, "include_tables": False, "include_images": False}
_NO_ARTICLE = ("no article in the page (a front page, an error page or a login wall?): "
               "{words} words of article text, " f"at least {MIN_WORDS} needed")


def read_html(raw: bytes, name: str, url: str = "", charset: str = "") -> Story:
    """Return the article of a web page; url and charset are the server's, when it was fetched."""
    return _read_page(decode_page(raw, charset), raw, "html", url)


def decode_page(raw: bytes, charset: str = "") -> Decoded:
    """Return a page's text: a BOM, the server's charset, the page's <meta>, when the bytes bear them out."""
    # HTML's order of precedence; a charset the bytes contradict gives way to what they are.
    meta = _META_CHARSET.search(raw[:4096])
    try:
        return decode(raw, charset, meta.group(1).decode("ascii") if meta else "")
    except NotText as exc:
        raise SourceError(str(exc)) from None


def read_mhtml(raw: bytes, name: str) -> Story:
    """Return the article of a page saved as one .mhtml archive (the browser's 'single file')."""
    archive = email.message_from_bytes(raw, policy=email.policy.default)
    part = next((p for p in archive.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise SourceError("no HTML page in the .mhtml archive: nothing to ingest")
    payload = part.get_payload(decode=True) or b""
    page = decode_page(payload, part.get_content_charset() or "")
    url = str(part.get("Content-Location") or archive.get("Snapshot-Content-Location") or "")
    return _read_page(page, raw, "mhtml", url)


def _read_page(decoded: Decoded, raw: bytes, form: str, url: str) -> Story:
    if len(raw) > MAX_PAGE_BYTES:
        raise SourceError(f"page too large ({len(raw) / 2**20:.1f} MB, the limit is "
                          f"{MAX_PAGE_BYTES // 2**20} MB): not a single article")
    page = decoded.text
    if not page.strip():
        raise SourceError("empty file: nothing to ingest")
    page = _XML_DECLARATION.sub("", page)  # lxml refuses text that still names its encoding
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not an HTML page ({exc})") from None
    # The extractor reads its own parse of the page (its parser keeps what lxml's default
    # drops) and prunes what it reads; the metadata and the image are read from the page.
    article = trafilatura.utils.load_html(page)
    if article is None:
        raise SourceError(_NO_ARTICLE.format(words=0))
    drop_asides(article)
    # Metadata only from tags and JSON-LD: guessing a date from any number on the page
    # finds the copyright year of the footer.
    doc = trafilatura.bare_extraction(copy.deepcopy(article), url=url or None, with_metadata=True,
                                      favor_precision=True, **_EXTRACTION,
                                      date_extraction_params={"extensive_search": False,
                                                              "original_date": True})
    # Precision mode drops whole stretches of some articles (in a layout table, in a <pre>);
    # the recall mode, tables included, keeps them and more of the page around, so it is
    # the second choice.
    recalled = trafilatura.bare_extraction(article, url=url or None, with_metadata=doc is None,
                                           favor_recall=True, **{**_EXTRACTION, "include_tables": True})
    doc = doc or recalled
    if doc is None:
        raise SourceError(_NO_ARTICLE.format(words=0))
    meta = read_meta(tree, url or doc.url or "", doc.title or "", doc.author or "")
    headline = meta.title
    standfirst = clean(doc.description or "")
    paragraphs = _body(doc.body, [headline, doc.title or ""])
    more = _body(recalled.body, [headline, doc.title or ""]) if recalled is not None else []
    if word_count(paragraphs) < max(MIN_WORDS, word_count(more) / 2):
        paragraphs = more
    while paragraphs and _SIGNOFF.search(paragraphs[-1]):
        paragraphs.pop()  # staff credits and the outlet's notices close many articles
    paragraphs, credited = split_credits(paragraphs)
    byline = "; ".join(dict.fromkeys([*filter(None, meta.byline.split("; ")), *credited]))
    words = word_count(paragraphs)
    if words < MIN_WORDS:
        raise SourceError(_NO_ARTICLE.format(words=words))
    summary = _key(standfirst).rstrip(".… ")  # a description is often the first paragraph, cut short
    if standfirst and (summary == _key(headline).rstrip(".… ") or _key(paragraphs[0]).startswith(summary)):
        standfirst = ""  # the description only repeats the headline or the first paragraph
    canonical = web_url(doc.url or "") or web_url(url)
    dateline = read_dateline(paragraphs[0])
    story = Story(raw=raw, form=form, headline=headline, standfirst=standfirst, paragraphs=paragraphs,
                  dateline=dateline, byline=byline, site=meta.site or _host(canonical or url), url=canonical,
                  date=_date(doc.date) or _dateline_date(page, dateline),
                  image=lead_image(tree, web_url(doc.image or ""), canonical or url),
                  lang=guess_lang("\n".join([headline, *paragraphs])))
    story.warnings += decoded.warnings
    story.needs_review |= decoded.needs_review
    return story


def _body(body: etree._Element | None, headings: list[str]) -> list[str]:
    """Return the paragraphs of an extracted body, without the heading it repeats."""
    keys = {_key(h) for h in headings}
    return [p for p in (body_paragraphs(body) if body is not None else []) if _key(p) not in keys]


def _dateline_date(page: str, dateline: Dateline | None) -> dt.date | None:
    """Return the date shown on a page without date metadata, when its dateline confirms it."""
    if dateline is None:
        return None
    # A page's text holds many dates (the footer's year); only the one that falls on the
    # dateline's day is the article's.
    found = _date(htmldate.find_date(page, extensive_search=True, original_date=True))
    return found if found and (found.month, found.day) == (dateline.month, dateline.day) else None


def _host(url: str) -> str:
    """Return a page's host as written, for a site that names itself nowhere ("www." dropped)."""
    return re.sub(r"^www\.", "", urlsplit(url).hostname or "")


def _key(text: str) -> str:
    return clean(text).casefold()


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def body_paragraphs(body: etree._Element) -> list[str]:
    """Return the text blocks of the extractor's article body: paragraphs, headings, list items."""
    blocks = []
    for element in body.iter("p", "head", "quote", "item"):
        if element.tag == "p" and any(a.tag in ("item", "quote") for a in element.iterancestors()):
            continue  # a list item's or quote's own <p> is read with it
        text = clean("".join(element.itertext()))
        if text:
            blocks.append(text)
    return blocks


def lead_image(tree: lxml_html.HtmlElement, og_image: str, base: str) -> Image | None:
    """Return the page's lead image: the first captioned picture, else the page's share image."""
    # A class that only mentions captions ("has-captions") may wrap the whole page: a caption
    # is short text, with no menu, list or script in it.
    found = [c for c in tree.xpath("//figcaption | //*[contains(@class, 'caption')]")
             if not c.xpath(".//script | .//style | .//nav | .//ul | .//ol")
             and len(clean(c.text_content())) <= CAPTION_MAX]
    captions = [c for c in found if not any(a in found or a.tag in ("nav", "footer", "aside")
                                            for a in c.iterancestors())]
    for caption in captions:
        container = caption.getparent()
        images = container.xpath(".//img") if container is not None else []
        if not images:
            continue
        credit = ""
        for marked in caption.xpath(".//*[contains(@class, 'credit') or contains(@class, 'copyright')]"):
            if len(clean(marked.text_content())) <= CREDIT_MAX:
                credit = clean(marked.text_content())
                marked.drop_tree()
                break
        text = clean(caption.text_content())
        match = _CREDIT.search(text)
        if match and not credit:
            credit, text = match["credit"] or match["agency"], text[:match.start()].strip()
        credit = re.sub(r"^(?:©|\(c\)|Photograph:|Photo:|Credit:|Фото:)\s*", "", credit, flags=re.I)
        src = images[0].get("src") or images[0].get("data-src") or ""
        return Image(src=web_url(urljoin(base, src)) if src else og_image, caption=text, credit=credit)
    return Image(src=og_image) if og_image else None


def html_paragraphs(page: str) -> list[str]:
    """Return the text blocks of a small HTML document (an e-mail's body), markup dropped."""
    tree = lxml_html.document_fromstring(page)
    for unwanted in tree.xpath("//script | //style | //head"):
        unwanted.drop_tree()
    for element in tree.iter("p", "div", "h1", "h2", "h3", "h4", "li", "blockquote", "tr", "br", "table"):
        # Two <br> in a row end a paragraph, as a blank line does in plain text.
        element.tail = ("\n" if element.tag == "br" else "\n\n") + (element.tail or "")
    return [clean(block) for block in re.split(r"\n\s*\n", tree.text_content()) if clean(block)]
