"""A web page's own account of its article: headline, people in the byline, the site's name.

Pages say these things several times, in JSON-LD, in <meta> tags, in <title> and in the
text, and each is wrong on some site (a <title> ends in the site's name, an author tag
holds a CMS user name or a publisher). The rules here hold across sites: the article's
structured data first, then the tags meant for sharing, then the page's own text, and a
byline keeps only what reads as a person's name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from .outlets import outlet_for_host
from .story import clean

# What sits between a headline and the site's, section's or author's name in a <title>.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|::|»|/|✩|★|•)\s+|\s*_\s*|\s+(?=\[[^\]]+\]\s*$)")
_TRAIL = " |-–—·:»/_✩★•"  # what is left at the end of a title cut before the site's name
_ROLE = re.compile(r"^(?:editor|reporter|correspondent|writer|columnist|producer|journalist|"
                   r"корреспондент|обозреватель)s?$", re.I)
_FLAG = re.compile(r"^(?:(?:ALERT|URGENT|FLASH|BULLETIN|BREAKING|REFILE|CORRECTED|СРОЧНО|МОЛНИЯ)\s*[:-]\s*"
                   r"|(?:UPDATE|WRAPUP)\s*\d*\s*[:-]\s*)+")
# Words that name a desk, a team or a label, never a person ("Our Foreign Staff", "Follow Author").
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|desk|team|editors|editorial|newsroom|contributors?|developers|agency|wire|alerts?|"
    r"news|press|media|follow|author|username|admin|administrator|updated|published|posted|"
    r"redaktion|rédaction|redacción|редакция)\b", re.I)
_MONTH = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?$", re.I)
# Words after which a byline holds no more names: a weekday, a time stamp, "5 hours ago".
_DATE_WORD = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|updated|published|"
                        r"posted|před|hace|vor|today|yesterday|\W*\d.*)\W*$", re.I)
_BY = re.compile(r"^\s*(?:(?:written|posted|story)\s+)?(?:by|par|por|von|di|door|автор|авторы)\b\s*:?\s*",
                 re.I)
_DEGREE = re.compile(r"^(?:MA|MD|PhD|MSc|BSc|RN|MPH|Jr|Sr|II|III)\.?$")
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|Blog", re.I)


@dataclass
class PageMeta:
    title: str = ""
    byline: str = ""  # people's names, "; " between them; '' when the page names no person
    site: str = ""  # the outlet's name as it writes it; '' when the page does not say


def read_meta(tree: lxml_html.HtmlElement, url: str, found_title: str, found_author: str) -> PageMeta:
    """Return a page's headline, byline and site name; found_* are the extractor's guesses."""
    article, objects = _json_ld(tree)
    host = urlsplit(url or _meta(tree, "og:url") or _link(tree, "canonical")).hostname or ""
    site = (_meta(tree, "og:site_name") or _name(article.get("publisher")) or
            next((_name(o) for o in objects if _types(o) & {"WebSite", "NewsMediaOrganization", "Organization"}),
                 "") or
            outlet_for_host(host))
    byline = people(_authors(article.get("author")) or [
        _meta(tree, "author"), _meta(tree, "article:author"), _meta(tree, "byl"), _meta(tree, "parsely-author"),
        _meta(tree, "dc.creator"), *_shown_bylines(tree), found_author], site)
    page_title = clean(tree.findtext(".//title") or "")
    application = _meta(tree, "application-name")  # the site's name, unless a CMS put the title there
    names = [site, _name(article.get("publisher")), *byline.split("; "), *_host_labels(host),
             application if _key(application) not in _key(page_title) else ""]
    keys = {_key(n) for n in names if _key(n)}
    title, heading = "", _heading(tree)
    for candidate in (_text(article.get("headline")), _meta(tree, "og:title"), _meta(tree, "twitter:title"),
                      page_title, clean(found_title), heading):
        headline = without_site(candidate, names, clean(found_title))
        if not headline or _key(candidate) in keys or _key(headline) in keys:
            continue  # the site's name alone, as some pages give for every article
        if not title:
            title = headline
        elif title.endswith(("…", "...")) and headline.startswith(title.rstrip(".… ")):
            title = headline  # a headline cut short for sharing: another tag has it whole
    # The heading the reader sees, when a tag agrees with it, is the headline: a "headline"
    # in JSON-LD is sometimes a description ("constitutional monarchy in Oceania").
    tags = {_key(without_site(t, names, heading)) for t in (_meta(tree, "og:title"), _meta(tree, "twitter:title"),
                                                             page_title) if t}
    if heading and _key(title) not in tags and _key(heading) in tags - keys:
        title = heading
    return PageMeta(title=without_flags(title), byline=byline, site=site)


def without_flags(headline: str) -> str:
    """Return a headline without the desk's flags: "ALERT:", "URGENT:", "UPDATE 1-"."""
    return _FLAG.sub("", headline).strip() or headline


def without_site(title: str, names: list[str], heading: str = "") -> str:
    """Return a title without the site's, section's or author's name, or a date, at either end.

    heading is the article's heading on the page: a title that is it plus a trail is it.
    """
    keys = {_key(n) for n in names if _key(n)}
    while True:
        for name in (n for n in names if len(n) > 2):  # whole, for names that hold a separator
            if title.casefold().endswith(name.casefold()) and len(title) > len(name):
                title = title[:-len(name)].rstrip(_TRAIL)
        marks = list(_SEPARATOR.finditer(title))
        if not marks:
            break
        first, last = marks[0], marks[-1]
        head, tail = title[:first.start()], title[last.end():]
        if _matches(tail, keys) or _is_date(tail) or not _key(tail):
            title = title[:last.start()].strip()
        elif _matches(head, keys) or _is_date(head):
            title = title[first.end():].strip()
        else:
            break
    trail = title[len(heading):]
    if heading and title.startswith(heading) and _SEPARATOR.match(trail) and len(trail) < len(heading):
        return heading
    return title


def people(candidates: list[str], site: str) -> str:
    """Return the first candidate byline's people's names, publishers, dates and labels left out."""
    for candidate in candidates:
        names = person_names(candidate, site)
        if names:
            return "; ".join(names)
    return ""


def person_names(byline: str, site: str = "") -> list[str]:
    """Return the people a byline names: "By Jane Doe, MA | May 3" -> ["Jane Doe"]."""
    byline = re.sub(r"\([^)]*\)|\S+://\S+", " ", byline or "")  # asides and profile URLs
    byline = re.sub(r"(?<=[^\W\d])(?=\d)", " ", byline)  # "Nolan22 Dec 2016", a date glued on
    if byline.count(",") > 4:
        return []  # a list of keywords in the author tag
    found: list[str] = []
    for part in re.split(r"\s*(?:[,;|•]|\s(?:and|und|et|y|e|и|та)\s|&)\s*", _BY.sub("", clean(byline))):
        words: list[str] = []
        # "Tech by Jane Doe", "Jane Doe Edited by Joe Roe": the author's name
        part = re.split(r"\s(?:edited|reviewed|photos?)\b", part, flags=re.I)[0]
        split = _BY.sub("", re.split(r"\s(?:by|par|von|por)\s", part, maxsplit=1)[-1]).split()
        for index, word in enumerate(split):
            after = split[index + 1] if index + 1 < len(split) else ""
            if (_DATE_WORD.match(word) or word.casefold() in ("is", "was", "est", "ist")
                    or (_MONTH.match(word) and (not after or _DATE_WORD.match(after)))):
                break  # a date, or "Jane Doe is a reporter", follows the name
            if _ROLE.match(word):
                words = words[:2] if len(words) > 2 else words  # "Ben Doe Games Editor"
                break
            words.append(word)
        name = " ".join(w for w in words if not _DEGREE.match(w))
        if _a_person(name, site) and name.casefold() not in {f.casefold() for f in found}:
            found.append(name)
    return found


def _a_person(name: str, site: str) -> bool:
    if not name or "@" in name or _NOT_A_PERSON.search(name) or _key(name) == _key(site):
        return False
    words = name.split()
    cased = [w for w in words if w[:1].isupper() or w[:1].islower()]
    if not cased:
        return len(name) <= 12  # a name in a script without capitals: short, one or two words
    # In a script with capitals a person has a given name and a surname, each capitalised
    # ("de", "van" aside); one word is a user name ("Jdadmin"), an agency ("AFP") or a desk.
    return len(words) >= 2 and all(w[:1].isupper() for w in (words[0], words[-1]))


def _shown_bylines(tree: lxml_html.HtmlElement) -> list[str]:
    """Return the text of the page's byline elements, as readers see them, innermost first.

    Elements marked as the author (rel, itemprop) come before those only styled as a byline,
    and an element inside another is read alone: the outer one adds a section, a date and
    share buttons to the name.
    """
    texts = []
    for query in ("//*[@rel='author' or contains(@itemprop, 'author')]",
                  "//*[contains(@class, 'byline') or contains(@class, 'author')]"):
        found = tree.xpath(query)
        marked = set(found)
        for element in found:
            if any(d in marked for d in element.iterdescendants()) or any(
                    "comment" in (a.get("class") or "") for a in element.iterancestors()):
                continue  # an outer block, or a reader's comment
            text = clean(element.text_content())
            if 0 < len(text) <= 120:
                texts.append(text)
    return texts


def _heading(tree: lxml_html.HtmlElement) -> str:
    """Return the article's own heading: the first <h1> inside the article, else on the page."""
    found = tree.xpath("(//article//h1 | //main//h1)[1]") or tree.xpath("(//h1)[1]")
    return clean(found[0].text_content()) if found else ""


def _is_date(segment: str) -> bool:
    """Return whether a title's end segment is a date: "Feb. 1, 2016", "21/12/2018"."""
    words = re.findall(r"[^\W\d_]+", segment)
    return bool(re.search(r"\d", segment)) and all(_MONTH.match(w) for w in words)


def _json_ld(tree: lxml_html.HtmlElement) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the page's article object of JSON-LD ({} if none) and every object it declares."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", script.text or "")
        try:
            data = json.loads(text)
        except ValueError:
            continue  # a page's broken JSON-LD says nothing
        objects.extend(_objects(data))
    article = next((o for o in objects if any(_ARTICLE_TYPES.search(t) for t in _types(o))), {})
    return article, objects


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"))


def _types(item: Any) -> set[str]:
    kind = item.get("@type", "") if isinstance(item, dict) else ""
    return set(kind) if isinstance(kind, list) else {str(kind)}


def _name(item: Any) -> str:
    if isinstance(item, list):
        return _name(item[0]) if item else ""
    return _text(item.get("name")) if isinstance(item, dict) else _text(item)


def _authors(item: Any) -> list[str]:
    """Return the JSON-LD authors that are people, joined: organisations are publishers."""
    items = item if isinstance(item, list) else [item] if item else []
    found = [_name(a) for a in items if not (_types(a) & {"Organization", "NewsMediaOrganization"})]
    return ["; ".join(f for f in found if f)] if any(found) else []


def _text(value: Any) -> str:
    return clean(str(value)) if isinstance(value, (str, int, float)) else ""


def _meta(tree: lxml_html.HtmlElement, key: str) -> str:
    found = tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")
    return clean(str(found[0])) if found else ""


def _link(tree: lxml_html.HtmlElement, rel: str) -> str:
    found = tree.xpath(f"//link[@rel='{rel}']/@href")
    return str(found[0]) if found else ""


def _host_labels(host: str) -> list[str]:
    """Return the parts of a host that may name its site: "www.nine.example" -> ["nine"]."""
    labels = host.split(".")[:-1]
    return [label for label in labels if label not in ("www", "m", "amp", "en", "edition", "news")]


def _key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "").casefold()
    name = re.sub(r"^the\s+|\.(?:com|org|net|co\.uk|[a-z]{2})$", "", name.strip())
    return re.sub(r"[\W_]+", "", name)


def _matches(segment: str, keys: set[str]) -> bool:
    """Return whether a title's end segment is the site's name (or starts with a host's)."""
    key = _key(segment)
    key = re.sub(r"^by", "", key) if segment.strip().lower().startswith("by ") else key
    if not key:
        return False
    return key in keys or (len(segment.split()) <= 4 and any(len(k) >= 4 and key.startswith(k) for k in keys))
