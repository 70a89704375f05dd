"""Read the words of a Russian name: which part of the name each is, and its nominative."""

from __future__ import annotations

import re
from typing import Any

from .. import nlp
from .names import recase, split_article_inside, unshouted

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
INITIAL = re.compile(r"^(?:[A-ZА-ЯЁ]|Дж)\.?$")  # "Дж." is one initial (of Джереми)
CYRILLIC = re.compile(r"[а-яё]", re.I)
_PARTICLES = frozenset({"ле", "ла", "де", "дель", "ди", "да", "фон", "ван", "дер", "бин", "ибн", "аль", "эль"})


def indeclinable(word: str) -> bool:
    """Return whether a surname looks the same in every case (Мелони, Карни)."""
    morph = nlp.models().morph
    parses = morph.parse(word)
    if any("Fixd" in p.tag for p in parses[:1]):
        return True
    declines = any({"Surn", "Name"} & p.tag.grammemes and "Fixd" not in p.tag for p in parses)
    if declines and morph.word_is_known(word):
        return False  # a dictionary surname ending in a vowel is an oblique case ("Санникову")
    return word[-1:].lower() in "иоуеэю"


def ordinary(word: str) -> bool:
    """Return whether the dictionary knows a capitalised word, and never as a name."""
    morph = nlp.models().morph
    return not INITIAL.match(word) and morph.word_is_known(word) and not any(
        {"Name", "Surn", "Patr"} & p.tag.grammemes for p in morph.parse(word))


# Parts of speech no name is: a pronoun, an adverb, a conjunction, a particle ...
_FUNCTION = frozenset({"NPRO", "ADVB", "CONJ", "PRCL", "PREP", "INTJ", "PRED", "COMP"})


def function_word(word: str) -> bool:
    """Return whether every reading of a word is a pronoun, an adverb or another word no name is."""
    return all(p.tag.POS in _FUNCTION for p in nlp.models().morph.parse(word))


def leads_off(word: str, following: str, opens: bool) -> bool:
    """Return whether an ordinary word before a name is no part of it.

    A role or title ("Папа", "Христианка": an animate noun and nothing else, unless a
    declined word no dictionary knows follows, whose given name it then is), a word no
    noun is, a noun or adjective that opens its sentence ("Отставка Бориса Джонсона"), or
    one in a case the name after it cannot be in ("Чехословакию Гитлеру"). A place in the
    name's case stays: "Азия Биби", "Азии Биби" are Asia Bibi.
    """
    parses = [p for p in nlp.models().morph.parse(word) if p.tag.POS in ("NOUN", "ADJF")]
    if not parses:
        return True
    # A grammeme set, not `in tag`: the Ukrainian dictionaries, once loaded, make pymorphy
    # refuse grammemes they lack (Geox) in every tag.
    places = any("Geox" in p.tag.grammemes for p in parses)
    if not places and all("anim" in p.tag and p.tag.POS == "NOUN" for p in parses) and not _declined_unknown(following):
        return True
    if opens and not places:
        return True
    return not _may_agree(parses, following)


def _declined_unknown(word: str) -> bool:
    """Return whether a word no dictionary knows looks declined: then a rare noun before it
    may be its given name ("Хаканом Фиданом", not the title "хакан")."""
    morph = nlp.models().morph
    return not morph.word_is_known(word) and not indeclinable(word) and word.lower().endswith(
        ("ом", "ем", "ым", "ой", "ей", "у", "ю", "а", "я"))


def _may_agree(parses: list[Any], name: str) -> bool:
    """Return whether a word read as parses may share a case with the name after it.

    A name no dictionary knows, or an indeclinable one (Биби, Мэй), is in any case.
    """
    morph = nlp.models().morph
    if not morph.word_is_known(name) or indeclinable(name):
        return True
    named = [p for p in morph.parse(name) if p.tag.POS in ("NOUN", "ADJF") and "Fixd" not in p.tag]
    return not named or any(c in p.tag and c in q.tag for p in parses for q in named for c in _CASES.values())


def shared_case(a: str, b: str) -> bool:
    """Return whether two surnames the dictionary knows may stand in one case (unknown ones may)."""
    morph = nlp.models().morph
    if not (morph.word_is_known(a) and morph.word_is_known(b)):
        return True
    surnames = [[p for p in morph.parse(w) if "Surn" in p.tag and "Fixd" not in p.tag] for w in (a, b)]
    if not all(surnames):
        return True
    return any(c in p.tag and c in q.tag for p in surnames[0] for q in surnames[1] for c in _CASES.values())


def title_adjective(word: str) -> bool:
    """Return whether a word left alone after a title is the title's adjective ("Папа Римский")."""
    return nlp.models().morph.parse(word)[0].tag.POS in ("ADJF", "ADJS")


def nominative_only(first: str) -> bool:
    """Return whether the dictionary knows a given name as a nominative and in no other case ("Руфина")."""
    morph = nlp.models().morph
    if not morph.word_is_known(first):
        return False
    cases = {grammeme for p in morph.parse(first) if "Name" in p.tag and "sing" in p.tag
             for grammeme in _CASES.values() if grammeme in p.tag}
    return cases == {"nomn"}


def women_only(first: str) -> bool:
    """Return whether the dictionary knows a given name as a woman's and never a man's ("Лайма")."""
    genders = {p.tag.gender for p in nlp.models().morph.parse(first) if "Name" in p.tag}
    return genders == {"femn"}


def assign_parts(words: list[str]) -> dict[str, str]:
    """Decide which words are the first name, patronymic and surname."""
    kinds = [part_of(w) for w in words]
    if len(words) == 1 and split_article_inside(words[0])[0]:
        first, last = split_article_inside(words[0])
        return {"first": first, "last": last}
    if len(words) == 1:
        return {"first": words[0]} if kinds[0] == "first" else {"last": words[0]}
    if words[0].lower() in _PARTICLES:
        return {"last": " ".join(words)}  # "фон дер Ляйен": a surname, its particles before it
    if len(words) == 2 and kinds[1] == "middle":
        return {"first": words[0], "middle": words[1]}
    if len(words) == 2:
        if kinds[0] == "last" and kinds[1] == "first" and not INITIAL.match(words[0]):
            return {"first": words[1], "last": words[0]}
        return {"first": words[0], "last": words[1]}
    if kinds[1] == "middle":
        return {"first": words[0], "middle": words[1], "last": " ".join(words[2:])}
    if len(words) == 3 and kinds[2] == "middle":
        return {"first": words[1], "middle": words[2], "last": words[0]}
    # "Реджеп Тайип Эрдоган", "Жан-Мари Ле Пен": given names first, then the surname
    # with any particle before it.
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return {"first": words[0], "middle": " ".join(words[1:cut]), "last": " ".join(words[cut:])}


def part_of(word: str) -> str:
    """Guess whether a lone word is a first name, a patronymic or a surname."""
    if INITIAL.match(word):
        return "first"
    tags = [p.tag for p in nlp.models().morph.parse(word)]
    # pymorphy guesses any unknown "-евич" to be a patronymic; a surname (Статкевич) is likelier.
    if any("Patr" in t for t in tags) and nlp.models().morph.word_is_known(word):
        return "middle"
    if any("Surn" in t for t in tags):
        return "last"
    if any("Name" in t for t in tags) and nlp.models().morph.word_is_known(word):
        return "first"
    return "last"


def gender_of(first: str, case: str, tagged: str, last: str = "") -> str:
    """Return 'masc' or 'femn' for the person, from the first name where it says, and the surname last."""
    if first and case == "Nom":
        for p in nlp.models().morph.parse(first):
            if "Name" in p.tag and "nomn" in p.tag and p.tag.gender in ("masc", "femn"):
                return p.tag.gender
        if first.lower().endswith(("а", "я")):
            return "femn"
    morph = nlp.models().morph
    if first and case in _CASES and morph.word_is_known(first) and first.lower().endswith(_FEMININE_OBLIQUE) \
            and (not last or indeclinable(last) or any({"femn", _CASES[case]} in p.tag for p in morph.parse(last))):
        named = [p for p in morph.parse(first) if "Name" in p.tag]
        if named and not any(_CASES[case] in p.tag and "sing" in p.tag for p in named):
            # The dictionary knows a man's name (Асий) but never in this case, and the
            # surname may be a woman's: the woman's name (Асия) it lacks is ("Асии" is no
            # genitive of Асий; "Сулимы Ямадаева" is a man's, misspelt).
            return "femn"
    return {"Fem": "femn", "Masc": "masc"}.get(tagged, "")


# Endings of a feminine given name in an oblique case, and its nominative's in their place.
_FEMININE = (("ией", "ия"), ("ии", "ия"), ("ию", "ия"), ("ой", "а"), ("ей", "я"), ("ы", "а"), ("у", "а"), ("ю", "я"))
_FEMININE_OBLIQUE = tuple(ending for ending, _ in _FEMININE)


def _feminine_nominative(word: str) -> str:
    """Return the nominative of a woman's given name in an oblique case the dictionary lacks ("Асии")."""
    for ending, nominative in _FEMININE:
        if word.lower().endswith(ending) and len(word) > len(ending) + 1:
            return recase(word.lower()[:-len(ending)] + nominative)
    return word


def nominative(word: str, part: str, case: str, gender: str = "", certain: bool = False) -> str:
    """Return the nominative of one name word, given its case and the person's gender."""
    if INITIAL.match(word):
        return word.rstrip(".")
    if not CYRILLIC.search(word):
        return word
    word = unshouted(word)
    pieces = word.split("-")
    if part == "first" and "-" in word.strip("-") or part == "last" and len(pieces) > 1 and all(
            piece[:1].isupper() for piece in pieces):
        # "Жаном-Клодом", "Римского-Корсакова", "Азию-Биби": each part in its own nominative.
        return "-".join(nominative(piece, part, case, gender, certain) for piece in pieces)
    morph = nlp.models().morph
    known = morph.word_is_known(word)
    wanted = {"first": "Name", "middle": "Patr", "last": "Surn"}[part]
    parses = morph.parse(word)
    if case == "Nom" and certain:
        return word
    tagged_nominative = case == "Nom"
    if case == "Nom":
        # Trust the tagger unless the dictionary knows this name and never as a nominative
        # ("Наине" tagged Nom).
        named = [p for p in parses if wanted in p.tag]
        singular = [p for p in named if "sing" in p.tag]
        if not (known and singular and not any("nomn" in p.tag for p in named)):
            return word
        case = ""
    if not known and part == "last" and gender == "femn" and case == "Acc" and word.lower().endswith(_FEMININE_ACC):
        return recase(word.lower()[:-1] + "а")  # "Тимакову": Тимакова, a Russian surname's accusative
    if not known and part == "last" and gender == "femn" and word[-1:].lower() in "иоуеэю":
        return word  # a woman's foreign surname ending so does not decline ("Асии Тестиби")
    if not known and part == "last":
        adjectival = _adjectival_surname(parses, gender, _CASES.get(case))
        if adjectival:
            return recase(adjectival)
    if not known and part in ("first", "last") and gender == "masc":
        return recase(_strip_masculine_ending(word.lower(), case))
    if part == "first" and gender == "masc" and word.lower().endswith("и") \
            and not any({"Name", "Fixd"} <= p.tag.grammemes for p in parses):
        # "Аркади" is how Georgian writes Аркадий; pymorphy would read a woman's "Аркадя". A name
        # the dictionary has as indeclinable (Кенни) is no such spelling.
        full = morph.parse(word + "й")
        if any("Name" in p.tag and "masc" in p.tag and "nomn" in p.tag for p in full):
            return recase(word.lower() + "й")
    grammeme = _CASES.get(case)
    named = [p for p in parses if wanted in p.tag]
    own = [p for p in named if not (gender and part == "first" and p.tag.gender in ("masc", "femn")
                                    and p.tag.gender != gender)]
    if named and not own and gender == "masc" and part == "first" and not tagged_nominative:
        return recase(_strip_masculine_ending(word.lower(), case))  # "Лайма" of a man is Лайм's genitive
    if named and not own and gender == "femn":
        # The dictionary has the name for a man only (Асий for Асия): a woman's name is
        # folded by its endings, as written when the tagger read it nominative.
        return word if tagged_nominative else _feminine_nominative(word)
    ranked = [p for p in own if grammeme is None or grammeme in p.tag] or named
    if grammeme is not None:
        ranked = ranked or [p for p in parses if p.tag.POS in ("NOUN", "ADJF") and grammeme in p.tag]
    ranked.sort(key=lambda p: "Fixd" in p.tag)  # pymorphy lists "Марку" as an indeclinable name
    if not ranked or "Fixd" in ranked[0].tag:
        return word
    parse = ranked[0]
    lemma = parse.normal_form
    if part == "last" and gender and ("Surn" in parse.tag or parse.tag.POS == "ADJF"):
        inflected = parse.inflect({"nomn", "sing", gender})
        if inflected is not None:
            lemma = inflected.word
    if not known:
        lemma = _drop_fleeting_vowel(word.lower(), lemma)
        if len(lemma) > len(word):
            return word  # a guess that adds letters ("Беназир" -> "Беназира") is a guess too far
    return recase(lemma)


_FEMININE_ACC = ("ову", "еву", "ёву", "ину", "ыну")
_UD_CASES = {v: k for k, v in _CASES.items()}


def readings(first: str, last: str) -> dict[str, tuple[str, str]]:
    """Return a name's (first, last) nominatives by gender when its given name reads as either, else {}.

    first and last are as written. Only when the dictionary reads the given name as a man's and as
    a woman's in oblique cases ("Евгению": Евгений's dative, Евгения's accusative) and the surname
    declines in both readings ("Тимакову": Тимаков, Тимакова; not "Гольдман", as a woman's does not).
    """
    if not first or not last or " " in last or "-" in first:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for parse in nlp.models().morph.parse(first):
        gender = parse.tag.gender
        if "Name" in parse.tag and "sing" in parse.tag and gender in ("masc", "femn") and gender not in found \
                and parse.tag.case in _UD_CASES and parse.tag.case != "nomn":
            found[gender] = (recase(parse.normal_form), nominative(last, "last", _UD_CASES[parse.tag.case], gender))
    if len(found) < 2 or any(folded == last for _, folded in found.values()):
        return {}
    return found


def _adjectival_surname(parses: list[Any], gender: str, case: str | None) -> str:
    """Return the nominative of a surname declined as an adjective (Рымашевского), or "".

    The adjective must be in the name's case: "Илоном Маском" is no "Маский" in the locative.
    """
    for parse in parses:
        if parse.tag.POS == "ADJF" and parse.normal_form.endswith(("ский", "цкий", "ской", "цкой")) \
                and (case is None or case in parse.tag):
            if gender == "femn":
                feminine = parse.inflect({"nomn", "sing", "femn"})
                return feminine.word if feminine else ""
            return parse.normal_form
    return ""


def _strip_masculine_ending(form: str, case: str) -> str:
    """Return the nominative of a foreign masculine name the dictionary does not know."""
    endings = {"Gen": ("а", "я"), "Acc": ("а", "я"), "Dat": ("у", "ю"), "Ins": ("ым", "ом", "ем"), "Loc": ("е",)}
    for ending in endings.get(case, ()):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)]
            return stem + "й" if ending in ("я", "ю", "ем") and stem[-1] in "аеоу" else stem
    return form


def _drop_fleeting_vowel(form: str, lemma: str) -> str:
    """Undo a vowel the lemmatiser guessed into a foreign name (Мерца -> мерец -> мерц)."""
    if len(lemma) >= 3 and lemma[-2] in "еоё" and not form.startswith(lemma[:-1]):
        shorter = lemma[:-2] + lemma[-1]
        if form.startswith(shorter):
            return shorter
    return lemma
