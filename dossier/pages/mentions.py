"""Link the first mention of each of an article's actors in its sanitised body to the actor's page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from ..site.model import Profile
from .typography import escape_text

# Text under these is someone else's words, a title or already a link: never linked.
SKIPPED = frozenset({"a", "blockquote", "q", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"})
# A quotation mark left open by a slip in the text stops mattering at the next block.
BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "div", "figcaption"})
OPENING, CLOSING, STRAIGHT = "«“„", "»”", '"'
# Russian declension changes a word's ending: Макрон, Макрона, Макроном; Зеленский, Зеленского.
ENDINGS = ("ий", "ый", "ой", "ая", "ь", "й", "а", "я", "о", "е", "и", "ы", "у")
CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яё]{4,}")


@dataclass(frozen=True)
class Target:
    href: str  # the actor's page, as the page links it
    pattern: re.Pattern[str]


def mention_forms(profile: Profile) -> tuple[str, ...]:
    """Return the forms a profile's name takes in text: its names, aliases and, for a person, surname."""
    forms = list(profile.all_names())
    if profile.kind == "person":
        forms += [name.split()[-1] for name in (profile.name, *profile.names.values()) if " " in name]
    return tuple(dict.fromkeys(form.strip() for form in forms if len(form.strip()) >= 3))


@lru_cache(maxsize=4096)  # an actor is named in many articles: compile its pattern once
def target(href: str, forms: tuple[str, ...]) -> Target | None:
    """Compile the forms into one pattern that finds any of them as whole words; None for no forms."""
    alternatives = sorted({_declined(form) for form in forms}, key=len, reverse=True)
    if not alternatives:
        return None
    return Target(href, re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?!\w)"))


def _declined(form: str) -> str:
    """Return a pattern for form in which each long Cyrillic word may take a case ending."""
    parts = []
    for word in re.split(r"(\s+)", form):
        if word.isspace():
            parts.append(r"\s+")
        elif CYRILLIC_WORD.fullmatch(word):
            stem = next((word[:-len(e)] for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= 3), word)
            parts.append(re.escape(stem) + "[а-яё]{0,3}")
        else:
            parts.append(re.escape(word))
    return "".join(parts)


def link_mentions(html: str, targets: Sequence[Target], css_class: str = "mention") -> str:
    """Return html with the first mention of each target outside quotes, headings and links linked."""
    wanted = [t for t in targets if t.pattern.search(html)]
    if not wanted:
        return html
    linker = _Linker(wanted, css_class)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)


class _Linker(HTMLParser):
    """Copy sanitised HTML token by token, escaping text again and linking names in it."""

    def __init__(self, targets: Sequence[Target], css_class: str):
        super().__init__(convert_charrefs=True)
        self.todo = list(targets)
        self.css_class = css_class
        self.out: list[str] = []
        self.skipped: list[str] = []  # open elements whose text is never linked
        self.quoted: list[str] = []  # quotation marks open in the current block, innermost last
        self.straight = False  # a straight quotation mark is open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.quoted, self.straight = [], False
        if tag in SKIPPED:
            self.skipped.append(tag)
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and tag in self.skipped:
            while self.skipped.pop() != tag:
                pass
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipped or not self.todo:
            self.out.append(escape_text(data))
            return
        # Split at quotation marks: only the stretches outside every quote are searched.
        for piece in re.split(r"([«»“”„\"])", data):
            if len(piece) == 1 and piece in OPENING + CLOSING + STRAIGHT:
                self._quote_mark(piece)
                self.out.append(escape_text(piece))
            elif self.quoted or self.straight:
                self.out.append(escape_text(piece))
            else:
                self._link(piece)

    def _quote_mark(self, mark: str) -> None:
        # Russian „лапки“ close with the mark English opens with.
        if mark in CLOSING or (mark == "“" and self.quoted[-1:] == ["„"]):
            self.quoted = self.quoted[:-1]
        elif mark in OPENING:
            self.quoted.append(mark)
        else:
            self.straight = not self.straight

    def _link(self, text: str) -> None:
        while self.todo:
            found = [(m.start(), -m.end(), i, m) for i, t in enumerate(self.todo)
                     if (m := t.pattern.search(text))]
            if not found:
                break
            _, _, index, match = min(found, key=lambda row: row[:3])
            link = self.todo.pop(index)
            self.out.append(escape_text(text[:match.start()]))
            self.out.append(f'<a class="{self.css_class}" href="{escape(link.href)}">{escape_text(match.group())}</a>')
            text = text[match.end():]
        self.out.append(escape_text(text))

