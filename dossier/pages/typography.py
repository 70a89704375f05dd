"""Typeset rendered text for its language: quotation marks, dashes and non-breaking spaces."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

NBSP = "\xa0"
# Text under these is code or not text at all: its characters are kept exactly.
UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
# Quotation marks do not run across a block: each one starts with none open.
BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "div", "figcaption", "blockquote",
                    "h1", "h2", "h3", "h4", "h5", "h6", "br"})


@dataclass(frozen=True)
class Rules:
    outer: str  # opening and closing mark of a quotation
    inner: str  # the same for a quotation inside another
    openers: str  # characters after which a straight mark opens a quotation
    straight: str  # marks whose direction is decided by what comes before them
    russian: bool  # dashes and non-breaking spaces as Russian typesetting puts them

    @functools.cached_property
    def marks(self) -> re.Pattern[str]:
        """Match any character the quotation rules look at."""
        return re.compile("[" + re.escape(self.straight + "'" + self.outer + self.inner[0]) + "]")


_BEFORE_OPENING = " \t\n\r\xa0([{—–-/"
RULES = {
    # A Russian text may carry “English” marks from a wire; they are set as ёлочки too.
    "ru": Rules("«»", "„“", _BEFORE_OPENING + "«„", '"“”', True),
    "en": Rules("“”", "‘’", _BEFORE_OPENING + "“‘", '"', False),
}
# Short words that Russian typesetting keeps on the line of the word after them.
SHORT_WORD = re.compile(r"(?<![\w\-])(в|к|с|и|а|о|у|я|на|по|за|до|от|не|ни|из|об|во|ко|со|но|да) (?=[\w«„“‘(])",
                        re.IGNORECASE)
# A number stays with its unit or month: "6 января", "10 тыс.", "15 %".
NUMBER_UNIT = re.compile(r"(?<=\d) (?=[А-Яа-яЁё%₽$€])")
# A hyphen or en dash standing between words is a dash; it never starts a line.
DASH = re.compile(r"(?<=\S)[ \xa0]+[-–—] +(?=\S)")


def rules_for(lang: str) -> Rules | None:
    """Return the rules for a language tag such as 'ru' or 'en-GB'; None for a language without any."""
    return RULES.get(lang.lower().split("-")[0])


class _Quotes:
    """Turn quotation marks into the language's own, remembering what is open across text pieces."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.depth = 0  # quotations open
        self.before = ""  # the last character written, "" at the start of a block

    def reset(self) -> None:
        self.depth, self.before = 0, ""

    def convert(self, text: str) -> str:
        if not text:
            return text
        rules = self.rules
        out = []
        done = 0  # text[:done] is in out
        # Only the marks are looked at, found in C: a body of 4,000 characters has a few
        # dozen, and a loop over every character cost a cold build 2 s at 1,000 articles.
        for match in rules.marks.finditer(text):
            index = match.start()
            if index > done:
                out.append(text[done:index])
                self.before = text[index - 1]
            char = text[index]
            if char in rules.straight:
                char = self._open() if self._opens() else self._close()
            elif char == "'" and not rules.russian:
                # An elided year ('90s) takes an apostrophe, not an opening mark.
                char = "‘" if self._opens() and not text[index + 1:index + 2].isdigit() else "’"
            elif char == rules.outer[0] or char == rules.inner[0]:
                self.depth += 1
            elif char == rules.outer[1]:
                self.depth = max(0, self.depth - 1)
            out.append(char)
            self.before = char
            done = index + 1
        if done < len(text):
            out.append(text[done:])
            self.before = text[-1]
        return "".join(out)

    def _opens(self) -> bool:
        return self.before == "" or self.before in self.rules.openers

    def _open(self) -> str:
        self.depth += 1
        return self.rules.outer[0] if self.depth == 1 else self.rules.inner[0]

    def _close(self) -> str:
        self.depth = max(0, self.depth - 1)
        return self.rules.outer[1] if self.depth == 0 else self.rules.inner[1]


def _spaces(text: str, rules: Rules) -> str:
    if not rules.russian:
        return text
    text = DASH.sub(NBSP + "— ", text)
    text = NUMBER_UNIT.sub(NBSP, text)
    return SHORT_WORD.sub(r"\1" + NBSP, text)


# A title is typeset on every list that shows it: once per build is enough.
@functools.lru_cache(maxsize=65536)
def typeset(text: str, lang: str) -> str:
    """Return plain text with the quotation marks, dashes and spaces of its language."""
    rules = rules_for(lang)
    if rules is None:
        return text
    return _spaces(_Quotes(rules).convert(text), rules)


def typeset_html(html: str, lang: str) -> str:
    """Return sanitised HTML with its text typeset for lang; tags, attributes and code are kept as they are."""
    rules = rules_for(lang)
    if rules is None:
        return html
    setter = _Setter(rules)
    setter.feed(html)
    setter.close()
    return "".join(setter.out)


class _Setter(HTMLParser):
    """Copy sanitised HTML token by token, typesetting and escaping again the text outside code."""

    def __init__(self, rules: Rules):
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.quotes = _Quotes(rules)
        self.out: list[str] = []
        self.untouched: list[str] = []  # open elements whose text is kept as written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.quotes.reset()
        if tag in UNTOUCHED:
            self.untouched.append(tag)
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.quotes.reset()
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.untouched:
            while self.untouched.pop() != tag:
                pass
        elif tag in BLOCKS:
            self.quotes.reset()
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.untouched:
            data = _spaces(self.quotes.convert(data), self.rules)
        self.out.append(escape_text(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


def escape_text(text: str) -> str:
    """Escape text as the sanitiser writes it, so that an untouched paragraph keeps its bytes."""
    return escape(text, quote=False).replace(NBSP, "&nbsp;")
