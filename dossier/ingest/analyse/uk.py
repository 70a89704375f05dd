"""Find the people and organisations a Ukrainian text names, each folded to one nominative name.

natasha's tagger, trained on Russian, finds the name spans (the two languages share most
of their names' shapes); Ukrainian morphology (pymorphy3 with its Ukrainian dictionaries)
decides which words of a span are a name and folds them into the nominative, so
"Стівена Барклі", "С.Барклі" and "Барклі" are one person, Стівен Барклі.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import nlp
from ..translit import unmix
from .aliases import fold_aliases
from .findings import Findings, Mention, Person, organisations
from .names import is_given_name, recase, split_article_inside, unshouted
from .reading import Setting, read, story_text
from .ru_people import find_surnames, merge, same_stem

if TYPE_CHECKING:
    from ..sources import Story

# A name's words: capitalised (hyphens and apostrophes inside), an initial with its dot,
# or a particle that stands inside a foreign name.
_PARTICLE = r"(?:фон|ван|де|дер|ді|да|аль|ель|бін|ібн|ле|ла)"
_WORD = re.compile(rf"[A-ZА-ЯІЇЄҐ]\.|[A-ZА-ЯІЇЄҐ][\w'’ʼ-]*|{_PARTICLE}(?=(?:\s+{_PARTICLE})*\s+[А-ЯІЇЄҐ])")  # фон дер Ляєн
_INITIAL = re.compile(r"^[A-ZА-ЯІЇЄҐ]\.?$")
_PARTICLES = frozenset("фон ван де дер ді да аль ель бін ібн ле ла".split())
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
# Endings a foreign masculine name the dictionary lacks takes in each oblique case.
_OBLIQUE = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("ові", "еві", "єві", "у", "ю"),
            "ablt": ("ом", "ем", "єм"), "loct": ("ові", "еві", "і")}


def extract(text: str) -> Findings:
    """Return the persons and organisations named in text, each mention folded to one."""
    text = unmix(text)  # "Борис Джoнсон" typed with a Latin o is Борис Джонсон
    doc = nlp.tag(text, morphology=False)
    mentions = [mention for start, stop in _spans(text, doc.spans)
                for mention in map(_mention, _runs(text, start, stop)) if mention is not None]
    persons = merge(_kept(mentions))
    find_surnames(text, persons, _declines)
    # Russian's lemmatiser would misread Ukrainian names: they stay as written.
    return Findings(fold_aliases(text, persons), organisations(doc.spans, lambda span: " ".join(span.text.split())))


def _spans(text: str, spans: list[Any]) -> list[tuple[int, int]]:
    """Return the person spans, one the tagger cut after a given name rejoined ("Михайло" "Мурашко")."""
    found: list[tuple[int, int]] = []
    for span in (s for s in spans if s.type == "PER"):
        if found and text[found[-1][1]:span.start] == " " and " " not in text[span.start:span.stop] \
                and _known_given(text[:found[-1][1]].split()[-1]):
            found[-1] = (found[-1][0], span.stop)
        else:
            found.append((span.start, span.stop))
    return found


def _declines(person: Person) -> bool:
    """Return whether a person's surname declines: "-енко" does, so does a man's ending in a consonant."""
    last = person.last.split(" ")[-1].lower()
    if last.endswith(("ко", "а", "я")):
        return True
    woman = person.first.lower().endswith(("а", "я"))
    return not woman and last[-1:] not in "аеєиіїоуюяй"


def analyse(story: Story, setting: Setting) -> Findings:
    """Return what a Ukrainian story tells: people, organisations, outlets, quotes, events, terms."""
    text = story_text(story)
    return read(story, text, extract(text.text), setting, "uk")


def _mention(words: list[tuple[str, int]]) -> Mention | None:
    """Split a run of name words into nominative first/middle/last parts, or None if it names no one."""
    # Places, adjectives and roles before a name are no part of it ("Великої Британії Тереза
    # Мей", "Північної Ірландії Шейлеш Вара", "Професор Шахін"), nor ones after it
    # ("Кацлер Німеччини").
    while len(words) > 1 and words[0][0].lower() not in _PARTICLES and _ordinary(words[0][0]) and (
            len(words) > 2 or _given(words[1][0]) or _qualifier(words[0][0]) or _surname_only(words[1][0])):
        words.pop(0)
    while len(words) > 2 and not _known_given(words[0][0]) and _known_given(words[1][0]):
        words.pop(0)  # "Тестландії Володимир Вигаданенко": a place the tagger ran into the name
    while len(words) > 1 and _ordinary(words[-1][0]) and _qualifier(words[-1][0]) \
            and not re.search(r"[сц]ьк(?:ий|ого|ому|им|ім|а|ої|ій|у|ою)$", words[-1][0]) \
            and not (len(words) == 2 and _given(words[0][0]) and _same_case(words[0][0], words[1][0])):
        # A surname shaped as an adjective stays ("Борис Донський"), so does a word after a lone
        # given name in its case, which is its surname ("Жан-Клодом Юнкером"), not a role.
        words.pop()
    if not words or all(_INITIAL.match(w) for w, _ in words) or len(words) > 1 and all(_ordinary(w) for w, _ in words):
        return None
    names = [w.rstrip(".") if _INITIAL.match(w) else w for w, _ in words]
    parts = _parts(names)
    first = parts.get("first", "")
    case, gender = _case_and_gender(first, parts.get("last", "").split(" ")[-1])
    mention = Mention(text=" ".join(w for w, _ in words), start=words[0][1], given=first,
                      sure=case == "nomn")
    for part, value in parts.items():
        folded = [_nominative(w, part, case, gender) for w in value.split(" ")]
        setattr(mention, part, " ".join(folded))
    return mention


def _runs(text: str, start: int, stop: int) -> list[list[tuple[str, int]]]:
    """Return the runs of name words in a span: a lower-case word, a line break, a change of
    script or an acronym ends one ("Мартою Пробник і Стівеном Барклі" is two)."""
    runs: list[list[tuple[str, int]]] = [[]]
    end = start
    for match in _WORD.finditer(text, start, stop):
        word = match.group(0)
        gap = text[end:match.start()]
        end = match.end()
        if any(ch.isdigit() for ch in word) or len(word) > 1 and word.isupper() and not _INITIAL.match(word):
            runs.append([])  # "А РНК-вакцина", "Богдан СЛОНЕЦЬ" (a byline)
            continue
        if runs[-1] and (gap.strip() or "\n" in gap or _cyrillic(word) != _cyrillic(runs[-1][-1][0])):
            runs.append([])  # "Алессандро Monteduro"
        runs[-1].append((word, match.start()))
    return [run for run in runs if run]


def _cyrillic(word: str) -> bool:
    return bool(re.search("[а-яіїєґ]", word, re.I))


def _qualifier(word: str) -> bool:
    """Return whether an ordinary word qualifies a name rather than being one.

    An adjective or adverb ("Британський", "Раніше"), a role ("Професор", "Міністерка"), or
    a place in an oblique case ("Німеччини", "Брюсселі").
    """
    parses = _parses(word)
    top = parses[0].tag
    if top.POS != "NOUN":
        return True
    return "anim" in top or all(p.tag.POS == "NOUN" and "inan" in p.tag and ("gent" in p.tag or "loct" in p.tag)
                                for p in parses)


def _kept(mentions: list[Mention]) -> list[Mention]:
    """Drop lone words that may be ordinary ("Рада", "Лондон", "Києві"), unless the text gives them as a surname in full."""
    surnames = {m.last.lower() for m in mentions if m.first and m.last}
    kept = []
    for mention in mentions:
        word = mention.first or mention.last or mention.middle
        lone = not (mention.first and mention.last) and not mention.middle
        if lone and _common(mention.text) and not any(same_stem(word.lower(), s) for s in surnames):
            continue
        kept.append(mention)
    return kept


def _common(word: str) -> bool:
    """Return whether the dictionary knows a word as something other than a name."""
    return nlp.morph_uk().word_is_known(word) and any(
        not {"Name", "Surn", "Patr", "Init"} & p.tag.grammemes for p in _parses(word))


def _parts(words: list[str]) -> dict[str, str]:
    """Decide which words are the first name, the patronymic and the surname."""
    if len(words) == 1 and split_article_inside(words[0])[0]:
        first, last = split_article_inside(words[0])
        return {"first": first, "last": last}
    if len(words) == 1:
        return {"first": words[0]} if _given(words[0]) and not _surname(words[0]) else {"last": words[0]}
    if words[0].lower() in _PARTICLES:
        return {"last": " ".join(words)}  # "фон дер Ляєн": a surname, its particles before it
    if len(words) == 2 and _patronymic(words[1]):
        return {"first": words[0], "middle": words[1]}
    if len(words) == 2:
        return {"first": words[0], "last": words[1]}
    if _patronymic(words[1]):
        return {"first": words[0], "middle": words[1], "last": " ".join(words[2:])}
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return {"first": words[0], "middle": " ".join(words[1:cut]), "last": " ".join(words[cut:])}


def _parses(word: str) -> list[Any]:
    return nlp.morph_uk().parse(word)


def _ordinary(word: str) -> bool:
    """Return whether a capitalised word is an ordinary word the dictionary knows, never a name."""
    if _INITIAL.match(word) or not nlp.morph_uk().word_is_known(word):
        return False
    return not any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in _parses(word))


def _adjective(word: str) -> bool:
    return nlp.morph_uk().word_is_known(word) and _parses(word)[0].tag.POS == "ADJF"


def _given(word: str) -> bool:
    return _INITIAL.match(word) is not None or any("Name" in p.tag for p in _parses(word))


def _known_given(word: str) -> bool:
    """Return whether a word is a given name a dictionary lists (Володимир: the morphology's lacks it)."""
    return is_given_name(word) or nlp.morph_uk().word_is_known(word) and any("Name" in p.tag for p in _parses(word))


def _surname(word: str) -> bool:
    return any("Surn" in p.tag for p in _parses(word))


def _same_case(given: str, word: str) -> bool:
    """Return whether a given name, as a name, and a word may stand in one case."""
    cases = {c for p in _parses(given) if "Name" in p.tag and "Fixd" not in p.tag for c in _CASES if c in p.tag}
    return any(c in p.tag for p in _parses(word) for c in cases)


def _surname_only(word: str) -> bool:
    """Return whether the dictionary knows a word as a surname and nothing else ("Зустріч Меркель": no given name before it)."""
    return nlp.morph_uk().word_is_known(word) and all("Surn" in p.tag for p in _parses(word))


def _patronymic(word: str) -> bool:
    return nlp.morph_uk().word_is_known(word) and any("Patr" in p.tag for p in _parses(word))


def _case_and_gender(first: str, last: str) -> tuple[str, str]:
    """Return the case a given name stands in and the person's gender, as far as the name tells.

    A form that reads as several cases takes the one the surname shares ("Андрія Шевченка"
    is genitive), the likeliest first: the nominative, as names are mostly given ("Юлія"),
    then the genitive.
    """
    if not first or _INITIAL.match(first):
        return "", ""
    named = [p for p in _parses(first) if "Name" in p.tag and "plur" not in p.tag]
    if not named:
        return "", ""
    if all("Fixd" in p.tag for p in named):
        return "", named[0].tag.gender or ""  # "Ентоні" is in every case: it tells none ("Ентоні Фаучі")
    if not nlp.morph_uk().word_is_known(first) and first.lower().endswith(("ії", "ію", "ією")):
        # A name the dictionary lacks, guessed a man's (Асій): "-ії" is a woman's oblique case.
        return ("ablt" if first.lower().endswith("ією") else "accs" if first.endswith("ію") else "gent"), "femn"
    surname_cases = {c for p in _parses(last) if {"Surn"} & p.tag.grammemes or p.tag.POS == "ADJF"
                     if "Fixd" not in p.tag for c in _CASES if c in p.tag} if last else set()
    agreeing = [p for p in named if any(c in p.tag for c in surname_cases)]
    ranked = agreeing or named
    # The likelier case first: "Юлії" is Юлія's genitive sooner than Юлій's locative.
    chosen = min(ranked, key=lambda p: next((i for i, c in enumerate(_CASES) if c in p.tag), len(_CASES)))
    return next((c for c in _CASES if c in chosen.tag), ""), chosen.tag.gender or ""


def _nominative(word: str, part: str, case: str, gender: str) -> str:
    """Return the nominative of one name word, given its case and the person's gender."""
    word = unshouted(word)
    if part == "first" and "-" in word.strip("-"):
        # "Жаном-Клодом": each part in the case the last one tells.
        case, gender = (case, gender) if case else _case_and_gender(word.split("-")[-1], "")
        return "-".join(_nominative(piece, part, case, gender) for piece in word.split("-"))
    if _INITIAL.match(word) or word.lower() in _PARTICLES or case == "nomn" or not _cyrillic(word):
        return word
    feminine = _FEMININE_POSSESSIVE.match(word) if part == "last" and gender == "femn" and case else None
    if feminine:
        return feminine.group(1) + "а"  # "Вигадовою", "Лаврової": Вигадова, Лаврова
    if (not case or part == "last" and gender == "femn") and word[-1:].lower() in "іиеоєую":
        # A lone surname that reads as an oblique case is likelier indeclinable ("Бібі"), as is
        # a woman's not ending in -а or -я ("Асії Бібі").
        return word
    wanted = {"first": "Name", "middle": "Patr", "last": "Surn"}[part]
    parses = [p for p in _parses(word) if (wanted in p.tag or part == "last" and p.tag.POS == "ADJF")
              and (not case or case in p.tag) and "Fixd" not in p.tag
              and not (gender and p.tag.gender in ("masc", "femn") and p.tag.gender != gender)]
    if parses and part == "last" and gender != "femn" and parses[0].tag.POS == "ADJF" and "ablt" in parses[0].tag \
            and parses[0].normal_form.endswith(_POSSESSIVE):
        # A man's surname in -ов or -ін declines as an adjective only in the instrumental ("Лавровим",
        # "Вигадовим"): Лавров, not the adjective "лавровий".
        return recase(parses[0].normal_form[:-2])
    if parses:
        parse = parses[0]
        inflected = parse.inflect({"nomn", "sing", *([gender] if gender and parse.tag.POS == "ADJF" else [])})
        lemma = inflected.word if inflected is not None else parse.normal_form
        return recase(lemma)
    if part == "last" and case and gender != "femn":
        # A man's surname that is also a masculine noun declines as it does ("Юнкером": Юнкер).
        nouns = [p for p in _parses(word) if p.tag.POS == "NOUN" and case in p.tag and "plur" not in p.tag
                 and "masc" in p.tag and "Fixd" not in p.tag]
        if nouns:
            return recase(nouns[0].normal_form)
    if part == "first" and _listed_given(word):
        return _listed_given(word)  # a name the morphology lacks: "Терези", "Мартою"
    if part == "first" and nlp.morph_uk().word_is_known(word):
        return recase(_parses(word)[0].normal_form)  # a name the dictionary knows as a word: "Азії"
    if nlp.morph_uk().word_is_known(word) or gender == "femn":
        return word  # an indeclinable or a known word: as written ("Мей", "Барклі")
    for ending in _OBLIQUE.get(case, ()):
        if word.lower().endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)]
    return word


# A given name's case endings and what its nominative may end in instead, for the names the
# morphology lacks ("Терези", "Мартою"): the nominative is the form the name list holds.
_GIVEN_ENDINGS = (("ою", ("а",)), ("ею", ("я",)), ("єю", ("я",)), ("ові", ("", "о")), ("еві", ("",)),
                  ("єві", ("й",)), ("ом", ("",)), ("ем", ("", "ь")), ("єм", ("й",)), ("ія", ("ій",)),
                  ("ію", ("ія", "ій")), ("а", ("", "о")), ("я", ("й", "ь", "")), ("у", ("", "а", "о")),
                  ("ю", ("й", "я", "ь")), ("и", ("а",)), ("і", ("а", "я", "")), ("ї", ("я",)), ("е", ("а", "о")))


_POSSESSIVE = ("овий", "евий", "євий", "іний", "иний", "їний")
# A woman's surname in -ова or -іна in an oblique case, which declines as an adjective does.
_FEMININE_POSSESSIVE = re.compile(r"^(\w{2,}(?:ов|ев|єв|ін|ин|їн))(?:ої|ій|у|ою)$", re.I)


def _listed_given(word: str) -> str:
    """Return the nominative of a given name in an oblique case, as the name list holds it, or ""."""
    if is_given_name(word):
        return word
    for ending, nominatives in _GIVEN_ENDINGS:
        if word.lower().endswith(ending) and len(word) > len(ending) + 1:
            for nominative in nominatives:
                candidate = word[:-len(ending)] + nominative
                if is_given_name(candidate):
                    return candidate
    return ""
