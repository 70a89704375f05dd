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
    r"|\bжурнал(?!ист)[а-я]*|\bпортал[а-я]*|\bтаблоид[а-я]*|\bсайт[а-я]*|\bвидан[а-яі]*"
    r"|\b(?-i:newspaper|broadcaster|channel|agency|magazine|daily|told)\b",  # lower case: "Daily" starts a name
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
_PRONOUNS = frozenset("я мы ты вы он она оно они это ми ви ти він вона воно вони".split())


@dataclass(frozen=True)
class Quoted:
    text: str
    start: int
    end: int
    # Too short to be taken for someone's words alone: a quote only when a verb of saying
    # governs it and has a person for its subject ('Wick said the talks "remain on track"').
    short: bool = False


def find_quotes(sentence: str, lang: str = "ru") -> list[Quoted]:
    """Return the quotations of a sentence that may be someone's words; the short ones are marked."""
    found = []
    latin = lang not in ("ru", "uk")  # Russian and Ukrainian quote in «», and close after the comma
    for match in _QUOTE.finditer(sentence):
        raw = next(g for g in match.groups() if g is not None).strip()
        text = raw.rstrip(",") if latin else raw  # English closes the quote after the comma ending the clause
        # English puts a name in quotes as readily as words: "coalition of the willing" is a
        # name; someone's words run longer or end as speech does ("... announced,").
        long = len(text.split()) >= MIN_QUOTE_WORDS and (not latin or len(raw.split()) >= 6
                                                         or raw.endswith((",", ".", "?", "!")))
        if long and (lang != "ru" or is_statement(text)):
            found.append(Quoted(text, match.start(), match.end()))
        elif _may_be_words(text, sentence[:match.start()], sentence[match.end():], lang):
            found.append(Quoted(text, match.start(), match.end(), short=True))
    return found


# Words before a quote that make it a noun's: 'the "deep state"', 'a "betrayal"', 'of "grave risks"'.
_TERM_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|so-called|"
                          r"of|in|on|at|to|for|from|with|by|as|about|against|into|called|dubbed|termed)|['’]s?)"
                          r"\s*$", re.I)
# What follows a quote that ends its clause: a stop, a comma, a conjunction; not a noun it qualifies.
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:!?)—–]|(?:and|but|or|because|after|before|when|if|while|since|until)\b)")


def _may_be_words(text: str, before: str, after: str, lang: str) -> bool:
    """Tell whether a short quotation may be someone's words rather than a term or a name: in Russian
    and Ukrainian a clause (a verb, or a pronoun for its subject); in English two words or more, not
    all capitalised, that end their clause and that no article, possessive or preposition makes a noun's."""
    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)
    if lang in ("ru", "uk"):
        return bool(words) and (any(_may_be_verb(word, lang) for word in words)
                                or any(word.lower() in _PRONOUNS for word in words))
    return (len(words) >= 2 and not all(w[:1].isupper() for w in words) and not _TERM_BEFORE.search(before)
            and bool(_CLAUSE_END.match(after)))


def is_statement(text: str) -> bool:
    """Tell whether Russian quoted text reads as someone's words, not a number, title or label."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    if any(_may_be_verb(word, "ru") for word in words):
        return True
    # Verbless from here on: "от 10 тыс. до 15 тыс.", "40 дней без Егора", "Шаттл — Мир".
    if any(ch.isdigit() for ch in text):
        return False
    if any(word.lower() in _PRONOUNS for word in words):
        return True
    if len(words) <= MAX_FRAGMENT_WORDS:
        return False
    return not (text[:1].isupper() and len(words) <= MAX_TITLE_WORDS)


def _may_be_verb(word: str, lang: str) -> bool:
    # "ранит" is as likely the noun's case as the verb: an ambiguous verb counts as one.
    morph = nlp.morph_uk() if lang == "uk" else nlp.models().morph
    return any(parse.tag.POS in _VERB_TAGS for parse in morph.parse(word) if parse.score >= 0.2)


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
# Words that make a name a medium's: "told the Testhaven Ledger" cites it, "told the Council" does not.
_MEDIA_WORDS = frozenset("""News Times Post Journal Herald Telegraph Tribune Daily Gazette Radio Television TV
Press Media Channel Magazine Review Weekly Express Mail Courier Ledger Wire Agency Standard Observer
Guardian Star Sun Chronicle Independent Globe Bulletin Record Inquirer Examiner Monitor Broadcasting
Network Insider Online Today Evening Morning Sunday Weekend Reporter Dispatch Messenger Sentinel
Lantern Gazeta Vedomosti""".split())
# Acronyms of states and bodies, which cite as often as media do ("told the UN").
_NOT_MEDIA = frozenset("US UK UN EU USA UAE NATO OSCE IAEA WHO IMF OPEC FBI CIA NSA CDC FDA EPA NASA ECB IEA "
                       "WTO ICC ICJ MP MPs GOP".split())


def is_outlet(name: str) -> bool:
    """Tell whether a name an English citing verb gives ("told X", "according to X") is a medium's:
    a well-known outlet, a name with a media word, or an acronym of no state or body ("CNN").
    People, bodies, states, firms and crowds cite and are told things too; they are no outlets."""
    from .sources.outlets import OUTLETS

    words = [w.strip(".,") for w in name.split()]
    if name in OUTLETS.values() or any(w in _MEDIA_WORDS for w in words):
        return True
    return len(words) == 1 and bool(re.fullmatch(r"[A-Z]{2,5}", words[0])) and words[0] not in _NOT_MEDIA


def find_outlets(text: str) -> list[tuple[str, int]]:
    """Return (outlet name, offset) for each outlet the text cites by a media noun or an English citing verb."""
    found = []
    for match in _EN_CITED.finditer(text):
        name = (match["a"] or match["b"]).strip()
        if name.split()[0] not in _NOT_OUTLETS and not name.endswith("'s") and is_outlet(name):
            found.append((name, match.start()))
    for match in _OUTLET.finditer(text):
        name = _OUTLET_NAME.match(text, match.end())
        if name:
            value = (name["q"] or name["d"] or name["n"]).strip(" .,")
            if match.group(0) == "told" and not is_outlet(value):
                continue  # "told US lawmakers": told is no media noun, so the name must be a medium's
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
        stop = match.start() + 1 + (1 if text[match.start() + 1:match.start() + 2] in "»\"”" else 0)
        if _inside_quote(text, stop):
            continue  # a quotation of several sentences is one statement, its speaker named at its end
        spans.append((start, stop))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _inside_quote(text: str, at: int) -> bool:
    """Tell whether a position falls inside a quotation that closes later in the paragraph."""
    head, tail = text[:at], text[at:]
    if head.count('"') % 2 and '"' in tail:
        return True
    return any(head.count(opening) > head.count(closing) and closing in tail
               for opening, closing in (("«", "»"), ("“", "”")))


# Verbs of saying, by language: the quote is the words of the subject of the one that governs it.
_SAYING = {
    "en": re.compile(r"\b(?:said|says|say|told|tells|added|adds|stated|declared|warned|insisted|argued|explained|"
                     r"noted|wrote|writes|urged|asked|asks|announced|replied|recalled|confirmed|denied|admitted|"
                     r"claimed|complained|predicted|promised|suggested|agreed|commented|testified|acknowledged|"
                     r"stressed|emphasi[sz]ed|continued|called|calls|described)\b"),
    "ru": re.compile(r"\b(?:(?:сказа|заяви|сообщи|отмети|подчеркну|добави|поясни|рассказа|написа|замети|уточни|"
                     r"призна|ответи|констатирова|указа|предупреди|призва|спроси|напомни|завери|возрази|посетова|"
                     r"вырази|резюмирова|пообеща|обеща|прокомментирова|объясни|назва)л[аои]?"
                     r"|(?:говор|замеча|отмеча|подчеркива|пиш|счита|сообща|добавля|поясня|заявля)(?:ит|ет|ют|ят))\b",
                     re.I),
    "uk": re.compile(r"\b(?:сказа|заяви|повідоми|зазначи|наголоси|дода|поясни|розпові|написа|відпові|підкресли|"
                     r"запевни|визна|нагада|закли|назва)(?:в|ла|ли|ло)\b", re.I),
}
# "according to X", "по словам X": the name after them is the speaker, in any case.
_ACCORDING = re.compile(r"\b(?:according to|по словам|за словами|со слов)\b", re.I)
_PRONOUN = {"en": re.compile(r"\b(?:he|she)\s*$", re.I), "ru": re.compile(r"\b(?:он|она)\s*$", re.I),
            "uk": re.compile(r"\b(?:він|вона)\s*$", re.I)}
_PRONOUN_AFTER = re.compile(r"^\s*(?:он|она|він|вона)\b", re.I)
_SUBORDINATE = re.compile(r"[.;:!?]|\b(?:that|who|which|whom|что|который|которая|которые|що|який|яка|які)\b",
                          re.I)
_ALL_QUOTES = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”]")
# English "said" and its kin take the subject after them when they follow the quote
# ("...," said Kim); "told" never does: the name after it is the one told.
_INVERTS = re.compile(r"\b(?:said|says|added|adds|asked|wrote|continued)\b")
MAX_GAP = 80  # characters between a name and its verb: titles, a time, an apposition


@dataclass(frozen=True)
class Named:
    """Where a person is named in the text, and whether as the subject could be (nominative)."""

    start: int
    end: int
    sure: bool
    person: int = 0  # the same number for every mention of one person
    # Russian and Ukrainian: the person's gender, from their given name ('' when it does not say).
    # A verb in the past tense agrees with its subject ("заявила", not "заявил"), so a person of
    # the other gender is never its subject ("сказал помощник Каллова": the assistant, not her).
    gender: str = ""
    # A mention the tagger was unsure of but written as the person's nominative ("Руфина Каллова",
    # also a masculine genitive): the subject only when the verb agrees with the person's gender.
    as_nominative: bool = False


def speaker(text: str, sentence: tuple[int, int], quoted: Quoted, named: list[Named], lang: str) -> int | None:
    """Return the index in named of who said a quote: the subject of the verb of saying that
    governs it, not the nearest name. None when no such verb has a person for its subject."""
    if lang not in _SAYING:
        lang = "ru" if re.search("[а-яё]", text[sentence[0]:sentence[1]], re.I) else "en"
    if lang == "ru" and re.search("[іїєґ]", text[sentence[0]:sentence[1]], re.I):
        lang = "uk"  # read as Russian until the language guess tells the two apart
    start, end = sentence
    # Names and verbs inside quotation marks are the quoted person's words, not the reporter's.
    masked = _ALL_QUOTES.sub(lambda m: " " * len(m.group(0)), text[start:end])
    outside = [i for i, n in enumerate(named) if start <= n.start < end and masked[n.start - start] != " "]
    verbs = list(_SAYING[lang].finditer(masked))
    before = [v for v in verbs if v.end() <= quoted.start]
    after = [v for v in verbs if v.start() >= quoted.end and not _ALL_QUOTES.search(text, start + quoted.end,
                                                                                        start + v.start())]
    if quoted.short:
        # Only the verb whose clause holds it: 'X said (that) Y "..."', or '"...," said X'.
        before = [v for v in before[-1:] if _governs(masked[v.end():quoted.start])]
        after = [v for v in after[:1] if not re.search(r"\w", masked[quoted.end:v.start()])]
    opens = not re.search(r"\w", masked[:quoted.start])  # the quote opens its sentence
    order = [*after[:1], *before[-1:]] if opens else [*before[-1:], *after[:1]]
    for verb in order:
        # "...," said Kim: the verb right after the quote
        adjacent = verb.start() >= quoted.end and not re.search(r"\w", masked[quoted.end:verb.start()])
        found = _subject(text, start, masked, verb, named, outside, lang, adjacent)
        if found is not None:
            return found
    for match in _ACCORDING.finditer(masked):
        following = [i for i in outside if named[i].start - start >= match.end()]
        if following and not masked[match.end():named[following[0]].start - start].strip():
            return following[0]
    if not re.search(r"\w", masked):
        return _continued(text, start, named, lang)
    return None


_THAT = re.compile(r",?\s*\b(?:that|что|що)\b", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|whom|whose|который|которая|которые|которого|которой|которых|"
                       r"який|яка|які|якого|якої)\b", re.I)


# English has no case: a name after a preposition (and its article, adjectives, role) is its
# object, never a subject ("the coup by retired major Pierre Quandor and ... said").
_OBJECT_OF = re.compile(r"\b(?:by|from|with|to|for|of|against|about|between|among|than|at|into|on|under|over|"
                        r"via|toward|towards|behind|after|before)\s+(?:[a-z][\w'’-]*\s+){0,3}$", re.I)
MAX_GOVERNED_WORDS = 10  # 'said recent concerns around policing and mass incarcerations were "..."'


def _governs(between: str) -> bool:
    """Tell whether the text between a verb of saying and a quote keeps the quote in the verb's
    clause: its object, a time, 'that' and the reported clause's subject, a few words in all, but
    no comma, stop or relative word that opens another clause."""
    rest = _THAT.sub(" ", between, count=1)
    return (len(rest.split()) <= MAX_GOVERNED_WORDS and not re.search(r"[,.;:!?()—–]", rest)
            and not _RELATIVE.search(rest))


def _antecedent(text: str, start: int, named: list[Named]) -> int | None:
    """Return who 'he' or 'она' before a sentence is: the one person named in its paragraph
    before it, else in the paragraph before; None when two people are, as a wrong speaker is
    worse than none."""
    paragraph = text.rfind("\n", 0, start) + 1
    previous = text.rfind("\n", 0, max(paragraph - 1, 0)) + 1 if paragraph > 1 else 0
    for begin in (paragraph, previous):
        found = [i for i, n in enumerate(named) if begin <= n.start and n.end <= start]
        if found:
            people = {named[i].person for i in found}
            return found[-1] if len(people) == 1 else None
    return None


def _continued(text: str, start: int, named: list[Named], lang: str) -> int | None:
    """Return who said a sentence that is a quotation alone: the speaker of the quotation
    before it in the same paragraph ('"...," Kim said. "..."'), or None."""
    paragraph = text.rfind("\n", 0, start) + 1
    before = list(_ALL_QUOTES.finditer(text, paragraph, start))
    if not before:
        return None
    last = before[-1]
    quoted = Quoted(last.group(0)[1:-1], last.start() - paragraph, last.end() - paragraph)
    return speaker(text, (paragraph, start), quoted, named, lang)


def _subject(text: str, start: int, masked: str, verb: re.Match[str], named: list[Named], outside: list[int],
             lang: str, adjacent: bool) -> int | None:
    """Return the index of the person a verb of saying has for its subject, or None."""
    left = [i for i in outside if named[i].end - start <= verb.start() and _nominative(named[i], verb)
            and not (lang == "en" and _OBJECT_OF.search(text, start, named[i].start))]
    if left:
        gap = masked[named[left[-1]].end - start:verb.start()]
        if len(gap) <= MAX_GAP and not _SUBORDINATE.search(gap) and gap.count(",") % 2 == 0 \
                and not re.search(r"['’]s\b", gap[:3]):
            return left[-1]
    head = masked[:verb.start()]
    tail = masked[verb.end():]
    if _PRONOUN[lang].search(head) or lang != "en" and _PRONOUN_AFTER.search(tail):
        return _antecedent(text, start, named)
    # After the verb: Russian and Ukrainian put the subject there freely, English only when
    # the verb follows the quote ("...," said Kim).
    if lang == "en" and not (adjacent and _INVERTS.fullmatch(verb.group(0))):
        return None
    right = [i for i in outside if named[i].start - start >= verb.end() and _nominative(named[i], verb)]
    if right:
        gap = masked[verb.end():named[right[0]].start - start]
        if len(gap) <= MAX_GAP and not _SUBORDINATE.search(gap) and "," not in gap:
            return right[0]
    return None


def _nominative(name: Named, verb: re.Match[str]) -> bool:
    """Tell whether a mention can be a verb's subject: nominative for sure, or written as the
    nominative and of the gender the verb's past tense shows."""
    word = verb.group(0).lower()
    shown = "femn" if word.endswith("ла") else "masc" if word.endswith(("л", "в")) else ""
    if name.gender and shown and name.gender != shown:
        return False
    return name.sure or name.as_nominative and bool(name.gender) and name.gender == shown
