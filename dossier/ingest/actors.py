"""Find the people and organisations a text names, each folded to one nominative name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import nlp

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_NAME_TOKEN = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’]*(?:-[\w'’]+)*|(?:аль|эль|ибн|бин|де|ди|да|дель|фон|ван|дер|ле|ла)(?:-[\w’']+)?)$")
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.?$")
_CYRILLIC = re.compile(r"[а-яё]", re.I)
# Feminine surname endings and their masculine twins: one person's key whatever the gender.
_FEMININE = (("ская", "ский"), ("цкая", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"))
_PARTICLES = frozenset({"ле", "ла", "де", "дель", "ди", "да", "фон", "ван", "дер", "бин", "ибн", "аль", "эль"})
# Words the tagger may fold into a name span at a sentence start, which never are names.
_NOT_NAMES = frozenset({"Об", "По", "Как", "На", "В", "С", "И", "Но", "А"})
# Endings a masculine name takes in each oblique case.
_OBLIQUE_ENDINGS = {"Gen": ("а", "я"), "Dat": ("у", "ю"), "Ins": ("ом", "ем", "ым")}
# Case endings of nouns: a word that is a known surname plus one of these is that surname.
_CASE_ENDINGS = ("а", "я", "у", "ю", "е", "ом", "ем", "ым", "ой")


@dataclass
class Mention:
    """One span of text the tagger marked as a person, split into name parts."""

    text: str
    start: int
    given: str = ""  # the first name as written, before folding
    first: str = ""
    middle: str = ""
    last: str = ""
    sure: bool = False  # the parts are nominative as written (the tagger said so)
    role: str = ""
    plural: bool = False


@dataclass
class Person:
    """A person as named in one text: every mention folded into one nominative name."""

    first: str
    last: str
    middle: str = ""
    forms: list[str] = field(default_factory=list)  # surface texts of the mentions
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    start: int = 0

    @property
    def name(self) -> str:
        # Without a surname, the patronymic is part of how the person is named ("Илья Васильевич").
        return " ".join(part for part in (self.first, self.last or self.middle) if part)

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else ""


@dataclass
class Organisation:
    name: str
    forms: list[str]
    start: int
    kind: str = "ORG"  # the tagger's type: ORG, or LOC (a state or place)


@dataclass
class Extraction:
    persons: list[Person]
    organisations: list[Organisation]
    doc: Any  # the tagged natasha Doc, reused for quotes and events


def extract(text: str) -> Extraction:
    """Return the persons and organisations named in text, each mention folded to one."""
    doc = nlp.tag(text)
    mentions: list[Mention] = []
    organisations: dict[str, Organisation] = {}
    for span in doc.spans:
        if span.type == "PER":
            mention = _mention(doc, span)
            if mention is not None:
                mentions.append(mention)
        elif span.type in ("ORG", "LOC"):
            span.normalize(nlp.models().morph_vocab)
            name = span.normal or span.text
            org = organisations.setdefault(name.lower(), Organisation(name, [], span.start, span.type))
            org.forms.append(span.text)
    return Extraction(merge(mentions), list(organisations.values()), doc)


def _mention(doc: Any, span: Any) -> Mention | None:
    """Split a PER span into first/middle/last nominative parts, or None if it is no name."""
    tokens = []
    script = None
    for token in _glued(span.tokens):
        text = token.text
        if text == "." and tokens and _INITIAL.match(tokens[-1].text):
            continue  # "Э. Чернова": the initial's dot
        if not (_NAME_TOKEN.match(text) or _INITIAL.match(text)) or text in _NOT_NAMES:
            if tokens:
                break  # "Стивен Уиткофф © Sean Gallup": the name ends where the credit starts
            continue
        this_script = bool(_CYRILLIC.search(text))
        if script is not None and this_script != script:
            break
        script = this_script
        tokens.append(token)
    if len(tokens) >= 3 and _leads_into_name([t.text for t in tokens]):
        tokens = tokens[1:]  # "Аль-Джазиры Сами аль-Хадж": the employer's name, then the person's
    if not tokens or _place([t.text for t in tokens]):
        return None
    role, role_case = _apposition(doc, span)
    words = [t.text for t in tokens]
    parts = _assign_parts(words)
    cases = {t.text: t.feats.get("Case", "") for t in tokens}
    # The tagger reads "глава правительства Италии Джорджа Мелони" as genitive when the
    # surname does not decline; the apposition's head noun then tells the case.
    certain = role_case == "Nom" and bool(parts.get("last")) and _indeclinable(parts["last"])
    if certain:
        cases = dict.fromkeys(cases, "Nom")
    first_case = cases.get(parts.get("first", ""), cases[words[0]])
    last = parts.get("last", "")
    if not certain and last in cases and cases[last] == "Nom" and first_case in _OBLIQUE_ENDINGS \
            and parts.get("first") and last.lower().endswith(_OBLIQUE_ENDINGS[first_case]) \
            and not nlp.models().morph.word_is_known(last):
        # Names in a row share a case: the tagger may read a foreign surname after an
        # oblique first name as a nominative ("с Хаканом Фиданом").
        cases[last] = first_case
    mention = Mention(text=" ".join(words), start=tokens[0].start, given=parts.get("first", ""),
                      sure=all(c == "Nom" for c in cases.values()), role=role,
                      plural=all(t.feats.get("Number") == "Plur" for t in tokens))
    gender = _gender(parts.get("first", ""), first_case, tokens[0].feats.get("Gender", ""))
    for part, word in parts.items():
        folded = [nominative(w, part, cases.get(w, ""), gender, certain) for w in word.split(" ")]
        setattr(mention, part, " ".join(folded))
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
            words.append(_Word(token.text, token.start, token.stop, dict(token.feats)))
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
    if _kind(words[0]) != "last" or _kind(words[-1]) == "middle":
        return False
    if not morph.word_is_known(words[0]):
        return True
    return all({"Orgn", "Geox"} & p.tag.grammemes for p in morph.parse(words[0]))


def _place(words: list[str]) -> bool:
    """Return whether the words, hyphenated, are a place the dictionary knows ("Коста Рика")."""
    if len(words) < 2:
        return False
    parses = nlp.models().morph.parse("-".join(words))
    return nlp.models().morph.word_is_known("-".join(words)) and all("Geox" in p.tag for p in parses)


def _indeclinable(word: str) -> bool:
    """Return whether a surname looks the same in every case (Мелони, Карни)."""
    morph = nlp.models().morph
    parses = morph.parse(word)
    if any("Fixd" in p.tag for p in parses[:1]):
        return True
    declines = any({"Surn", "Name"} & p.tag.grammemes and "Fixd" not in p.tag for p in parses)
    if declines and morph.word_is_known(word):
        return False  # a dictionary surname ending in a vowel is an oblique case ("Санникову")
    return word[-1:].lower() in "иоуеэю"


def _plausible(mention: Mention) -> bool:
    """Reject one-word spans that are ordinary words the tagger took for a name."""
    if mention.first and mention.last or mention.middle:
        return True
    word = mention.first or mention.last
    if len(word) < 2 or any(ch.isdigit() for ch in word) or mention.plural:
        return False  # "Формулы-1"; "Ямадаевых" is a family, not one person
    morph = nlp.models().morph
    if not _CYRILLIC.search(word):
        return True
    if not morph.word_is_known(word):
        # "МакЛарен-Мерседес" (a team): two names joined, one written with an inner capital,
        # and no given name; "Нидеоланды": a plural, as countries are and one person is not.
        # ("Сен-Луи" stays: factRuEval's gold reads it as the hockey player Martin St. Louis.)
        if re.fullmatch(r"[А-ЯЁ][а-яё]+[А-ЯЁ][а-яё]+-[А-ЯЁ][а-яё]+", word) or word.endswith("ы"):
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


def _assign_parts(words: list[str]) -> dict[str, str]:
    """Decide which words are the first name, patronymic and surname."""
    kinds = [_kind(w) for w in words]
    if len(words) == 1:
        return {"first": words[0]} if kinds[0] == "first" else {"last": words[0]}
    if len(words) == 2 and kinds[1] == "middle":
        return {"first": words[0], "middle": words[1]}
    if len(words) == 2:
        if kinds[0] == "last" and kinds[1] == "first" and not _INITIAL.match(words[0]):
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


def _kind(word: str) -> str:
    """Guess whether a lone word is a first name, a patronymic or a surname."""
    if _INITIAL.match(word):
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


def _gender(first: str, case: str, tagged: str) -> str:
    """Return 'masc' or 'femn' for the person, from the first name where it says."""
    if first and case == "Nom":
        for p in nlp.models().morph.parse(first):
            if "Name" in p.tag and "nomn" in p.tag and p.tag.gender in ("masc", "femn"):
                return p.tag.gender
        if first.lower().endswith(("а", "я")):
            return "femn"
    return {"Fem": "femn", "Masc": "masc"}.get(tagged, "")


def nominative(word: str, part: str, case: str, gender: str = "", certain: bool = False) -> str:
    """Return the nominative of one name word, given its case and the person's gender."""
    if _INITIAL.match(word):
        return word.rstrip(".")
    if not _CYRILLIC.search(word):
        return word
    morph = nlp.models().morph
    known = morph.word_is_known(word)
    wanted = {"first": "Name", "middle": "Patr", "last": "Surn"}[part]
    parses = morph.parse(word)
    if case == "Nom" and certain:
        return word
    if case == "Nom":
        # Trust the tagger unless the dictionary knows this name and never as a nominative
        # ("Наине" tagged Nom).
        named = [p for p in parses if wanted in p.tag]
        singular = [p for p in named if "sing" in p.tag]
        if not (known and singular and not any("nomn" in p.tag for p in named)):
            return word
        case = ""
    if not known and part == "last":
        adjectival = _adjectival_surname(parses, gender)
        if adjectival:
            return _recase(adjectival, word)
    if not known and part in ("first", "last") and gender == "masc":
        return _recase(_strip_masculine_ending(word.lower(), case), word)
    if part == "first" and gender == "masc" and word.lower().endswith("и"):
        # "Аркади" is how Georgian writes Аркадий; pymorphy would read a woman's "Аркадя".
        full = morph.parse(word + "й")
        if any("Name" in p.tag and "masc" in p.tag and "nomn" in p.tag for p in full):
            return _recase(word.lower() + "й", word)
    grammeme = _CASES.get(case)
    ranked = [p for p in parses if wanted in p.tag and (grammeme is None or grammeme in p.tag)
              and not (gender and part == "first" and p.tag.gender in ("masc", "femn") and p.tag.gender != gender)]
    ranked = ranked or [p for p in parses if wanted in p.tag]
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
    return _recase(lemma, word)


def _adjectival_surname(parses: list[Any], gender: str) -> str:
    """Return the nominative of a surname declined as an adjective (Рымашевского), or ""."""
    for parse in parses:
        if parse.tag.POS == "ADJF" and parse.normal_form.endswith(("ский", "цкий", "ской", "цкой")):
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


def _recase(lemma: str, like: str) -> str:
    """Capitalise lemma the way names are written (each hyphenated part)."""
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))


def _apposition(doc: Any, span: Any) -> tuple[str, str]:
    """Return the role written just before a name ("пресс-секретарь президента РФ") and its case."""
    sentence = next((s for s in doc.sents if s.start <= span.start < s.stop), None)
    floor = sentence.start if sentence is not None else 0
    tokens = [t for t in doc.tokens if floor <= t.start and t.stop <= span.start]
    run: list[Any] = []
    following = span.start
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


def surname_key(last: str) -> str:
    """Return one key for a surname whatever its gender ("Лаврова" and "Лавров" agree)."""
    key = last.lower().replace("ё", "е")
    for feminine, masculine in _FEMININE:
        if key.endswith(feminine) and len(key) > len(feminine) + 1:
            return key[: -len(feminine)] + masculine
    return key


def _first_key(first: str) -> str:
    return first.lower().replace("ё", "е")


def _compatible(a: str, b: str) -> bool:
    """Return whether two first names may be the same person's (equal, or one is the initial)."""
    if not a or not b:
        return True
    a, b = _first_key(a), _first_key(b)
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def merge(mentions: list[Mention]) -> list[Person]:
    """Fold mentions into persons: full names first, then bare surnames, then bare first names."""
    persons: list[Person] = []
    keyed: dict[str, list[Person]] = {}

    def attach(person: Person, mention: Mention) -> None:
        person.mentions.append(mention)
        person.forms.append(mention.text)
        if mention.role:
            person.roles.append(mention.role)

    def new(mention: Mention) -> Person:
        person = Person(mention.first, mention.last, mention.middle, start=mention.start)
        attach(person, mention)
        persons.append(person)
        if mention.last:
            keyed.setdefault(surname_key(mention.last), []).append(person)
        return person

    full = [m for m in mentions if m.first and m.last]
    bare_last = [m for m in mentions if m.last and not m.first]
    bare_first = [m for m in mentions if m.first and not m.last]
    for mention in full:
        same = [p for p in _by_surname(keyed, mention.last)
                if any(_same_given(m, mention) for m in p.mentions if m.first)]
        same = same or [p for p in persons if p.last and _misspelt(p.last, mention.last)
                        and _first_key(p.first) == _first_key(mention.first)]
        if same:
            attach(same[0], mention)
        else:
            new(mention)
    for mention in bare_last:
        same = _by_surname(keyed, mention.last)
        if not same and not nlp.models().morph.word_is_known(mention.last):
            # A word no dictionary knows, a letter off a surname in the text ("Бонер"
            # beside "Джон Бенер"), is that surname misspelt.
            same = [p for p in persons if p.last and _misspelt(p.last, mention.last, shortest=5)]
        if same:
            attach(max(same, key=lambda p: len(p.mentions)), mention)
        else:
            new(mention)
    for mention in bare_first:
        same = [p for p in persons if p.first and _first_key(p.first) == _first_key(mention.first)]
        # "По словам Данна" after "Питер Данн", "Уильямс добавил" after "Джеффри Уильямс":
        # a lone word that is a surname in the text, or its case, is that person, though
        # the dictionary also knows it as a first name.
        surnamed = [] if same else _by_surname(keyed, mention.text, loose=False)
        if surnamed:
            attach(max(surnamed, key=lambda p: len(p.mentions)), mention)
        elif len(same) == 1:
            attach(same[0], mention)
        elif not same:
            new(mention)
    for person in persons:
        _settle_name(person)
    persons.sort(key=lambda p: min(m.start for m in p.mentions))
    for person in persons:
        person.start = min(m.start for m in person.mentions)
    return persons


def _by_surname(keyed: dict[str, list[Person]], last: str, loose: bool = True) -> list[Person]:
    """Return the persons whose surname last is, as written or in an oblique case.

    loose also accepts a surname with the same Snowball stem.
    """
    key = surname_key(last)
    found = list(keyed.get(key, []))
    if not found:
        # The tagger may take an oblique case for a nominative ("Данна" for Данн).
        found = [p for ending in _CASE_ENDINGS if key.endswith(ending)
                 for p in keyed.get(key[: -len(ending)], [])]
    if not found and loose:
        # The lemmatiser may read two forms of one foreign surname differently
        # (Мерца -> "Мерец", Мерцем -> "Мерц"): fall back to the Snowball stem.
        stem = nlp.stem(key)
        for other, people in keyed.items():
            if nlp.stem(other) == stem and len(stem) >= 3:
                found.extend(people)
    return found


def _same_given(a: Mention, b: Mention) -> bool:
    """Return whether two mentions with one surname give the same first name.

    Equal (or one an initial), written alike, or, where the tagger was unsure of a case,
    one letter apart at the end: "Веселина Топалова" is Веселин's genitive, not Веселина.
    """
    if _compatible(a.first, b.first) or (a.given and a.given == b.given):
        return True
    short, long = sorted((_first_key(a.first), _first_key(b.first)), key=len)
    if not (len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 1):
        return False
    if not (a.sure and b.sure):
        return True
    # The tagger read both as nominatives; trust it unless the dictionary's likeliest
    # reading of the longer is the shorter's oblique case (Веселина, Александра).
    return nlp.models().morph.parse(long)[0].normal_form == short


def _misspelt(a: str, b: str, shortest: int = 7) -> bool:
    """Return whether two surnames are one misspelt: one letter off, two if ten letters long.

    Both must have shortest letters or more; a short surname a letter off is as likely
    another person's.
    """
    a, b = surname_key(a), surname_key(b)
    shorter = min(len(a), len(b))
    if a == b or shorter < shortest:
        return False
    return _edits(a, b) <= (2 if shorter >= 10 else 1)


def _edits(a: str, b: str) -> int:
    """Return the Levenshtein distance of two words (letters added, dropped or changed)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _settle_name(person: Person) -> None:
    """Pick the person's name from the mentions, trusting forms written in the nominative."""
    for part in ("first", "middle", "last"):
        values = [(m.sure, getattr(m, part)) for m in person.mentions if getattr(m, part)]
        if not values:
            continue
        sure = [v for s, v in values if s and len(v) > 1] or [v for s, v in values if len(v) > 1]
        chosen = Counter(sure or [v for _, v in values]).most_common(1)[0][0]
        setattr(person, part, chosen)


# Capitalised words that start English name-like runs but are no names.
_EN_NOT_NAMES = frozenset("""The A An In On At For From With By Of And But Or As After Before Monday Tuesday
Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December President Prime Minister Chancellor Secretary Foreign
Defence Defense State Mr Mrs Ms Dr Sir General Minister's Kremlin Spokesman Spokeswoman Envoy
Special US U.S. UN EU NATO European Union United States Kingdom Reuters Paris London Moscow""".split())
_EN_WORD = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?")


def extract_latin(text: str) -> Extraction:
    """Return the persons of an English text: runs of two or three capitalised words."""
    mentions: list[Mention] = []
    for match in re.finditer(r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)*", text):
        words = [w for w in match.group(0).split() if _EN_WORD.fullmatch(w)]
        # Titles and places around a name ("President Emmanuel Macron") are not part of it.
        while words and words[0] in _EN_NOT_NAMES:
            words.pop(0)
        while words and words[-1] in _EN_NOT_NAMES:
            words.pop()
        if 2 <= len(words) <= 3 and not any(w in _EN_NOT_NAMES for w in words):
            start = match.start() + match.group(0).find(words[0])
            mentions.append(Mention(" ".join(words), start, first=words[0], last=words[-1],
                                    middle=" ".join(words[1:-1]), sure=True))
    surnames = {m.last for m in mentions}
    for match in re.finditer(r"\b[A-Z][a-z]+\b", text):
        if match.group(0) in surnames and not any(m.start <= match.start() < m.start + len(m.text) for m in mentions):
            mentions.append(Mention(match.group(0), match.start(), last=match.group(0), sure=True))
    return Extraction(merge(mentions), [], None)
