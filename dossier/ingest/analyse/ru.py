"""Find the people and organisations a Russian text names, each folded to one nominative name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import nlp
from ..translit import surname_key, unmix
from .aliases import fold_aliases
from .findings import Findings, Mention, organisations
from .reading import Setting, read, story_text
from .ru_forms import (CYRILLIC, INITIAL, assign_parts, function_word, gender_of, indeclinable, leads_off,
                       nominative, nominative_only, ordinary, part_of, readings, shared_case,
                       title_adjective, women_only)
from .ru_people import find_surnames, merge

if TYPE_CHECKING:
    from ..sources import Story

_NAME_TOKEN = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’]*(?:-[\w'’]+)*|(?:аль|эль|уль|ур|ибн|бин|де|ди|да|дель|фон|ван|дер|ле|ла)(?:-[\w’']+)?)$")
# Words the tagger may fold into a name span at a sentence start, which never are names.
_NOT_NAMES = frozenset({"Об", "По", "Как", "На", "В", "С", "И", "Но", "А"})
# Endings a masculine name takes in each oblique case.
_OBLIQUE_ENDINGS = {"Gen": ("а", "я"), "Dat": ("у", "ю"), "Ins": ("ом", "ем", "ым")}


def extract(text: str) -> Findings:
    """Return the persons and organisations named in text, each mention folded to one."""
    text = unmix(text)  # "Борис Джoнсон" typed with a Latin o is Борис Джонсон
    doc = nlp.tag(text)
    runs = [run for span in doc.spans if span.type == "PER" for run in _runs(doc, span)]
    found = [(run, _mention(doc, run)) for run in runs]
    full = [m for _, m in found if m is not None and m.first and m.last]
    surnames = {surname_key(m.last) for m in full}
    mentions: list[Mention] = []
    for run, mention in found:
        if mention is None:
            continue
        if len(run) == 2 and _two_people(mention, {surname_key(m.last) for m in full if m is not mention}):
            mentions += [m for m in (_mention(doc, run[:1]), _mention(doc, run[1:])) if m is not None]
            continue
        if len(mention.text.split()) >= 3 and surname_key(mention.first) in surnames \
                and not mention.middle.endswith(("вич", "вна", "чна")):
            # "адвокат Биби Саиф уль-Малук": the surname of a person the story names in full,
            # before a name of two words or more, is that person's genitive (Bibi's lawyer).
            mention = _mention(doc, run[1:])
        if mention is not None:
            mentions.append(mention)
    persons = merge(mentions)
    find_surnames(text, persons, lambda p: not indeclinable(p.last.split(" ")[-1]))
    return Findings(fold_aliases(text, persons), organisations(doc.spans, _normal))


def _two_people(mention: Mention, surnames: set[str]) -> bool:
    """Return whether a name of two words is two people's surnames side by side.

    "к Мэй Джонсон предупредил": both are surnames of people the story names in full;
    "говорил Собянин Путину": two surnames in cases that cannot agree.
    """
    if not (mention.first and mention.last):
        return False
    if surname_key(mention.first) in surnames and surname_key(mention.last) in surnames:
        return True
    first, last = mention.text.split()
    return part_of(first) == part_of(last) == "last" and not shared_case(first, last)


def _normal(span: Any) -> str:
    """Return an organisation's or a place's name in the nominative ("МИД России")."""
    span.normalize(nlp.models().morph_vocab)
    return span.normal or span.text


def analyse(story: Story, setting: Setting) -> Findings:
    """Return what a Russian story tells: people, organisations, outlets, quotes, events, terms."""
    text = story_text(story)
    return read(story, text, extract(text.text), setting, "ru")


def _runs(doc: Any, span: Any) -> list[list[_Word]]:
    """Return the runs of name words in a PER span: a line break starts a new one.

    The tagger runs a name at a line's end into the next line's first word ("кабинете Мэй"
    then "Дэвис был ..." on the next line): two people, or a person and a word.
    """
    runs: list[list[_Word]] = [[]]
    for token in _glued(span.tokens):
        if runs[-1] and "\n" in doc.text[runs[-1][-1].stop:token.start]:
            runs.append([])
        runs[-1].append(token)
    return [run for run in runs if run]


def _mention(doc: Any, words: list[_Word]) -> Mention | None:
    """Split a run of a PER span into first/middle/last nominative parts, or None if it is no name."""
    tokens: list[_Word] = []
    script = None
    for token in words:
        text = token.text
        if text == "." and tokens and INITIAL.match(tokens[-1].text):
            continue  # "Э. Чернова": the initial's dot
        if not (_NAME_TOKEN.match(text) or INITIAL.match(text)) or text in _NOT_NAMES:
            if tokens:
                break  # "Стивен Уиткофф © Sean Gallup": the name ends where the credit starts
            continue
        this_script = bool(CYRILLIC.search(text))
        if script is not None and this_script != script:
            break
        script = this_script
        tokens.append(token)
    if len(tokens) >= 3 and _leads_into_name([t.text for t in tokens]):
        tokens = tokens[1:]  # "Аль-Джазиры Сами аль-Хадж": the employer's name, then the person's
    tokens = _trimmed(doc, tokens)
    if not tokens or _place([t.text for t in tokens]):
        return None
    role, role_case = _apposition(doc, tokens[0].start)
    words = [t.text for t in tokens]
    parts = assign_parts(words)
    cases = {t.text: t.feats.get("Case", "") for t in tokens}
    # The tagger reads "глава правительства Италии Джорджа Мелони" as genitive when the
    # surname does not decline; the apposition's head noun then tells the case.
    certain = role_case == "Nom" and bool(parts.get("last")) and indeclinable(parts["last"])
    if certain:
        cases = dict.fromkeys(cases, "Nom")
    elif parts.get("first") in cases and nominative_only(parts["first"]):
        # The dictionary overrules the tagger on a given name it knows as a nominative
        # only: "Руфина" is one, whatever the tagger read ("Ins").
        cases[parts["first"]] = "Nom"
    first, last = parts.get("first", ""), parts.get("last", "")
    if not certain and first in cases and last in cases and cases[last] in _OBLIQUE_ENDINGS \
            and first.lower().endswith(_OBLIQUE_ENDINGS[cases[last]]) and tokens[0].feats.get("Gender") == "Masc" \
            and women_only(first):
        # "Лайма Фокса": a man's foreign given name the dictionary has as a woman's stands
        # in his surname's case (Лайм Фокс), not as her nominative.
        cases[first] = cases[last]
    first_case = cases.get(first, cases[words[0]])
    if not certain and last in cases and cases[last] == "Nom" and first_case in _OBLIQUE_ENDINGS \
            and parts.get("first") and last.lower().endswith(_OBLIQUE_ENDINGS[first_case]) \
            and not nlp.models().morph.word_is_known(last):
        # Names in a row share a case: the tagger may read a foreign surname after an
        # oblique first name as a nominative ("с Хаканом Фиданом").
        cases[last] = first_case
    mention = Mention(text=" ".join(words), start=tokens[0].start, given=parts.get("first", ""),
                      sure=all(c == "Nom" for c in cases.values()), role=role,
                      plural=all(t.feats.get("Number") == "Plur" for t in tokens))
    gender = gender_of(parts.get("first", ""), first_case, tokens[0].feats.get("Gender", ""), last)
    for part, word in parts.items():
        folded = [nominative(w, part, cases.get(w, ""), gender, certain) for w in word.split(" ")]
        setattr(mention, part, " ".join(folded))
    both = readings(first, last) if not mention.sure else {}
    if gender in both and both[gender][0] == mention.first:
        # The surname in the case the given name is in ("Евгению Тимакову": Тимакова for Евгения).
        mention.last = both[gender][1]
    mention.other = next((name for sex, name in both.items() if name != (mention.first, mention.last)), None)
    if not _plausible(mention):
        return None
    return mention


@dataclass(frozen=True)
class _Word:
    """A token of a name span, or several glued back together."""

    text: str
    start: int
    stop: int
    feats: dict


def _glued(tokens: Any) -> list[_Word]:
    """Return the span's tokens with apostrophe-joined pieces glued back ("О’Рейли")."""
    words: list[_Word] = []
    for token in tokens:
        prev = words[-1] if words else None
        if prev is not None and prev.stop == token.start and (token.text in "'’" or prev.text[-1] in "'’"):
            feats = prev.feats if token.text in "'’" else token.feats  # the surname's, not the "О"'s
            words[-1] = _Word(prev.text + token.text, prev.start, token.stop, feats)
        else:
            words.append(_Word(token.text, token.start, token.stop, dict(token.feats or {})))
    return words


def _leads_into_name(words: list[str]) -> bool:
    """Return whether a span's first word is no part of the name that follows it.

    The tagger runs an organisation in the genitive into the name after it ("Аль-Кайды
    Усамы бин Ладена"): a dictionary first name in second place, after a word that is an
    organisation or place, or unknown and no first name, unless the words read surname,
    first name, patronymic.
    """
    morph = nlp.models().morph
    second = words[1]
    if not (morph.word_is_known(second) and any("Name" in p.tag for p in morph.parse(second))):
        return False
    if part_of(words[0]) != "last" or part_of(words[-1]) == "middle":
        return False
    if not morph.word_is_known(words[0]):
        # An organisation's genitive or plural ("Аль-Кайды", "Вымыслоновостям") is no given
        # name; a word in a man's nominative or instrumental singular ("Хадим Хусейн Ризви",
        # "Хадимом Хусейном Ризви") is the person's first given name.
        word = words[0].lower()
        return word[-1:] in "аяыиуюейь" or word.endswith(("ам", "ям", "ах", "ях", "ов", "ев", "ых", "их", "ми"))
    return all({"Orgn", "Geox"} & p.tag.grammemes for p in morph.parse(words[0]))


def _trimmed(doc: Any, tokens: list[_Word]) -> list[_Word]:
    """Return a name's words without the ordinary words the tagger ran into it.

    A name never swallows a word before it the dictionary knows as no name: a title or a
    role ("Папа", "Христианка"), a noun opening the sentence ("Отставка Бориса Джонсона"),
    a place in a case the name is not in ("Чехословакию Гитлеру"); nor a word after it no
    name is ("Мэй Почему", "Биби Вы"). A title's adjective left alone ("Папа Римский") is
    no one's name.
    """
    words = [t.text for t in tokens]
    if len(words) == 3 and part_of(words[-1]) == "middle":
        return tokens  # surname, first name, patronymic
    start, stop = 0, len(tokens)
    while stop - start > 1 and ordinary(words[start]) and leads_off(words[start], words[start + 1],
                                                                     _opens(doc, tokens[start])):
        start += 1
    while stop - start > 1 and ordinary(words[stop - 1]) and function_word(words[stop - 1]):
        stop -= 1
    if start and stop - start == 1 and title_adjective(words[start]):
        return []
    return tokens[start:stop]


def _opens(doc: Any, token: _Word) -> bool:
    """Return whether a word opens its sentence, a line, or a quotation."""
    before = doc.text[:token.start].rstrip(" «\"„“")
    return not before or before[-1] in ".!?\n:—" or any(s.start == token.start for s in doc.sents)


def _place(words: list[str]) -> bool:
    """Return whether the words, hyphenated, are a place the dictionary knows ("Коста Рика")."""
    if len(words) < 2:
        return False
    parses = nlp.models().morph.parse("-".join(words))
    return nlp.models().morph.word_is_known("-".join(words)) and all("Geox" in p.tag.grammemes for p in parses)


def _plausible(mention: Mention) -> bool:
    """Reject one-word spans that are ordinary words the tagger took for a name."""
    if mention.first and mention.last or mention.middle:
        return True
    word = mention.first or mention.last
    if len(word) < 2 or any(ch.isdigit() for ch in word) or mention.plural:
        return False  # "Формулы-1"; "Ямадаевых" is a family, not one person
    morph = nlp.models().morph
    if not CYRILLIC.search(word):
        return True
    if not morph.word_is_known(word):
        # "МакЛарен-Мерседес" (a team): two names joined, one written with an inner capital,
        # and no given name; "Нидеоланды": a plural, as countries are and one person is not.
        # ("Сен-Луи" stays: factRuEval's gold reads it as the hockey player Martin St. Louis.)
        # "Тестландии": the oblique case of a place in "-ия", as no one's name is.
        if re.fullmatch(r"[А-ЯЁ][а-яё]+[А-ЯЁ][а-яё]+-[А-ЯЁ][а-яё]+", word) or word.endswith(("ы", "ии")):
            return False
        return not _compound_noun(mention.text)
    return any({"Name", "Surn", "Patr"} & set(map(str, p.tag.grammemes)) for p in morph.parse(word))


def _compound_noun(word: str) -> bool:
    """Return whether an unknown word is a common noun with a stem glued on (Рыбохраны).

    pymorphy reads such a word as an unknown prefix before a dictionary word; where that
    word is long and only ever an inanimate noun ("Вики|новостям", "Нац|фронта"), the
    whole is a compound noun, not a surname ("Стар|мер" leaves too short a word).
    """
    from pymorphy3.units import UnknownPrefixAnalyzer

    morph = nlp.models().morph
    stack = morph.parse(word)[0].methods_stack
    if len(stack) < 2 or not isinstance(stack[-1][0], UnknownPrefixAnalyzer):
        return False
    tail = word[len(stack[-1][1]):].lower()
    return len(tail) >= 6 and morph.word_is_known(tail) and all(
        p.tag.POS == "NOUN" and "inan" in p.tag and not {"Name", "Surn", "Geox", "Orgn"} & p.tag.grammemes
        for p in morph.parse(tail))


def _apposition(doc: Any, start: int) -> tuple[str, str]:
    """Return the role written just before a name starting at start ("пресс-секретарь президента РФ") and its case."""
    sentence = next((s for s in doc.sents if s.start <= start < s.stop), None)
    floor = sentence.start if sentence is not None else 0
    tokens = [t for t in doc.tokens if floor <= t.start and t.stop <= start]
    run: list[Any] = []
    following = start
    for token in reversed(tokens[-8:]):
        if "\n" in doc.text[token.stop:following]:
            break  # a role never runs across lines (headline, caption, paragraph)
        following = token.start
        if token.pos not in ("NOUN", "ADJ", "PROPN") or _in_person(doc, token) or token.text[:1].isdigit():
            break
        run.insert(0, token)
    # The head is the last noun not in the genitive: what follows it only qualifies it
    # ("министр иностранных дел РФ"), what precedes it belongs to the sentence.
    # One person's role is singular: "кандидату в президенты Андрею ..." is no "президенты".
    animate = [i for i, t in enumerate(run)
               if t.pos == "NOUN" and _animate(t) and t.feats.get("Number") != "Plur"]
    heads = [i for i in animate if run[i].feats.get("Case") != "Gen"] or animate[:1]
    if not heads:
        return "", ""
    start = heads[-1]
    while start > 0 and run[start - 1].pos == "ADJ" and run[start - 1].feats.get("Case") == run[heads[-1]].feats.get("Case"):
        start -= 1
    head_index = heads[-1] - start
    run = run[start:]
    if run[0].text[:1].isupper() and run[0].start != floor:
        return "", ""
    case = run[head_index].feats.get("Case", "")
    words = [t.text for t in run]
    if case != "Nom":
        for i in range(head_index + 1):
            parse = nlp.models().morph.parse(words[i])[0]
            nominative = parse.inflect({"nomn", "sing"}) if i < head_index else None
            words[i] = nominative.word if nominative else parse.normal_form
    role = " ".join(words)
    return role[:1].lower() + role[1:], case


def _animate(token: Any) -> bool:
    """Return whether a noun names a person-like thing (a role: "глава", "министр")."""
    if token.feats.get("Animacy") == "Anim":
        return True
    return any(p.tag.POS == "NOUN" and "anim" in p.tag for p in nlp.models().morph.parse(token.text)[:2])


def _in_person(doc: Any, token: Any) -> bool:
    return any(s.type == "PER" and s.start <= token.start < s.stop for s in doc.spans)

