"""Find quotations and the outlets a story cites, sentence by sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import nlp

# «…», "…", “…”, „…“: a quotation's text may not contain its own closing mark.
_QUOTE = re.compile(r"«(?P<a>[^«»]+)»|\"(?P<b>[^\"]+)\"|“(?P<c>[^“”]+)”|„(?P<d>[^„“”]+)[“”]")
# "сообщил телеканал TF1", "газета Die Welt", "агентство «Интерфакс»"
_OUTLET = re.compile(
    r"\b(?:теле)?канал[а-я]*|\bгазет[а-я]*|\bагентств[а-я]*|\bиздани[а-я]*|\bрадиостанци[а-я]*"
    r"|\bжурнал[а-я]*|\bпортал[а-я]*|\bтаблоид[а-я]*|\bсайт[а-я]*"
    r"|\b(?:newspaper|broadcaster|channel|agency|magazine|daily|told)\b",
    re.I)
_OUTLET_NAME = re.compile(
    r"[ \t]+(?:«(?P<q>[^»\n]{1,40})»|\"(?P<d>[^\"\n]{1,40})\""
    r"|(?P<n>(?:[A-Z0-9][\w&'-]*|[А-ЯЁ][\w-]*)(?:[ \t]+(?:[A-Z][\w&'-]*|[А-ЯЁ][А-ЯЁ\w-]*)){0,2}))")
MIN_QUOTE_WORDS = 3  # shorter quoted text is a name or a term ("коалиции желающих")
# A verbless fragment this short is a label the reporter quotes ("убийцей рабочих мест"),
# not someone's statement; longer ones are the speaker's own wording and stay.
MAX_FRAGMENT_WORDS = 4
_VERB_TAGS = frozenset({"VERB", "INFN", "PRTS", "GRND"})
# A capitalised verbless quote is a title or a name ("Синдром второй лиги") unless a
# pronoun makes it speech ("Мы одна семья").
MAX_TITLE_WORDS = 6
_PRONOUNS = frozenset("я мы ты вы он она оно они это".split())


@dataclass(frozen=True)
class Quoted:
    text: str
    start: int
    end: int


def find_quotes(sentence: str, lang: str = "ru") -> list[Quoted]:
    """Return the quotations of a sentence long enough to be someone's words."""
    found = []
    for match in _QUOTE.finditer(sentence):
        text = next(g for g in match.groups() if g is not None).strip()
        # English puts a name in quotes as readily as words: "coalition of the willing" is a
        # name; someone's words run longer or end as speech does ("... announced,").
        if lang != "ru" and len(text.split()) < 6 and not text.endswith((",", ".", "?", "!")):
            continue
        if lang != "ru":
            text = text.rstrip(",")  # English closes the quote after the comma that ends the clause
        if len(text.split()) >= MIN_QUOTE_WORDS and (lang != "ru" or is_statement(text)):
            found.append(Quoted(text, match.start(), match.end()))
    return found


def is_statement(text: str) -> bool:
    """Tell whether Russian quoted text reads as someone's words, not a number, title or label."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    if any(_may_be_verb(word) for word in words):
        return True
    # Verbless from here on: "от 10 тыс. до 15 тыс.", "40 дней без Егора", "Шаттл — Мир".
    if any(ch.isdigit() for ch in text):
        return False
    if any(word.lower() in _PRONOUNS for word in words):
        return True
    if len(words) <= MAX_FRAGMENT_WORDS:
        return False
    return not (text[:1].isupper() and len(words) <= MAX_TITLE_WORDS)


def _may_be_verb(word: str) -> bool:
    # "ранит" is as likely the noun's case as the verb: an ambiguous verb counts as one.
    return any(parse.tag.POS in _VERB_TAGS for parse in nlp.models().morph.parse(word) if parse.score >= 0.2)


def quotations(text: str) -> list[Quoted]:
    """Return every quotation of a text, of any length: terms and names as well as words."""
    return [Quoted(next(g for g in match.groups() if g is not None).strip(), match.start(), match.end())
            for match in _QUOTE.finditer(text)]


# "according to Interfax", "the Financial Times reported", "Die Welt wrote": English
# citing verbs around a capitalised name (people too: compose sets them apart).
_EN_CITED = re.compile(
    r"\b(?:[Aa]ccording to|[Qq]uoted by|[Tt]old)\s+(?:the\s+)?(?P<a>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})"
    r"|(?:[Tt]he\s+)?(?P<b>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})\s+(?:reported|wrote|quoted|cited|said\s+in\s+a\s+report)\b")
_NOT_OUTLETS = frozenset("He She They It We I This That Officials Sources Media Reports".split())


def find_outlets(text: str) -> list[tuple[str, int]]:
    """Return (outlet name, offset) for each outlet the text cites by a media noun or an English citing verb."""
    found = []
    for match in _EN_CITED.finditer(text):
        name = (match["a"] or match["b"]).strip()
        if name.split()[0] not in _NOT_OUTLETS and not name.endswith("'s"):
            found.append((name, match.start()))
    for match in _OUTLET.finditer(text):
        name = _OUTLET_NAME.match(text, match.end())
        if name:
            value = (name["q"] or name["d"] or name["n"]).strip(" .,")
            if value and not value.lower().startswith(("со ", "с ")):
                found.append((value, match.start()))
    return found


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of one paragraph."""
    spans = []
    start = 0
    # A sentence ends at . ! ? (after any closing quote) followed by space and a capital,
    # but not after an abbreviation such as "тыс." or an initial.
    for match in re.finditer(r"(?<!\b[А-ЯA-Z])(?<!тыс)(?<!млн)(?<!млрд)(?<!г)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)"
                             r"(?<!\bSt)(?<!\bJan)(?<!\bFeb)(?<!\bMar)(?<!\bApr)(?<!\bJun)(?<!\bJul)(?<!\bAug)"
                             r"(?<!\bSep)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bNo)(?<!\bGen)(?<!\bGov)"
                             r"[.!?…][»\"”]?\s+(?=[«\"„“]?[А-ЯЁA-Z0-9])", text):
        spans.append((start, match.start() + 1 + (1 if text[match.start() + 1:match.start() + 2] in "»\"”" else 0)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
