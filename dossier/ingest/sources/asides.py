"""What a page puts inside its article that is not the article's text: hover cards, link lists.

An extractor keeps what sits inside the article's container. Sites put two things there
that readers do not read as the story: cards shown when the pointer rests on a name
(hidden until then, their text glued to the name once markup is dropped) and blocks of
links to other stories. Both are found by how they are made, not by a list of sites.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

# Pop-ups over a word of the text, by the names sites give them.
_POPUP = re.compile(r"hover-?card|tool-?tip|popover|pop-?up-?card", re.I)
# Blocks of links to other stories, by the names sites give them.
_LINK_BLOCK = re.compile(r"related|read-?(?:more|also|next)|more-?(?:stories|news|from)|recommend|also-?read|"
                         r"trending|most-?(?:read|popular)|see-?also", re.I)
_BLOCKS = {"div", "section", "aside", "ul", "ol", "nav", "figure", "table", "p"}
HIDDEN_MAX = 400  # characters: a card or a label; a hidden block longer than that may be the story itself


def drop_asides(tree: lxml_html.HtmlElement) -> None:
    """Remove hover cards, hidden labels and blocks of links to other stories from a page."""
    text, linked = _lengths(tree)
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        # Not inline "display: none": pages hide one of two renderings that way (MathML
        # beside its image) and the extractor then loses the text after the other.
        hidden = (element.get("hidden") is not None or element.get("aria-hidden") == "true"
                  or element.get("role") == "tooltip")
        if (hidden and 0 < text[element] <= HIDDEN_MAX) or _POPUP.search(marks):
            doomed.append(element)
        elif element.tag in _BLOCKS and text[element]:
            links = linked[element] / text[element]
            count = len(element.xpath(".//a[@href]")) if links >= 0.5 else 0
            # A story's text links a few words; a block of links is little but links.
            if count >= 3 and (links >= 0.8 or (links >= 0.5 and _LINK_BLOCK.search(marks))):
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _lengths(tree: lxml_html.HtmlElement) -> tuple[dict, dict]:
    """Return each element's count of text characters and of those inside links, in one pass."""
    text: dict = {}
    linked: dict = {}
    for element in reversed(list(tree.iter())):
        own = len(re.sub(r"\s+", "", element.text or "")) if isinstance(element.tag, str) else 0
        total, inside = own, own if element.tag == "a" else 0
        for child in element:
            tail = len(re.sub(r"\s+", "", child.tail or ""))
            total += text.get(child, 0) + tail
            inside += (text.get(child, 0) if element.tag == "a" else linked.get(child, 0)) + (
                tail if element.tag == "a" else 0)
        text[element], linked[element] = total, inside
    return text, linked
