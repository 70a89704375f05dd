"""Find the people an English text names: rules, name lists and the story's own full names.

A run of capitalised words is a person when it starts with a given name from the lists
("Steve Witkoff"), or follows a title or a role ("Chancellor Kohl", "spokesman Dmitry
Peskov"). A lone word is a person when a title stands before it, or when it is the surname
of a person named in full elsewhere in the story ("Yeltsin" after "Boris Yeltsin").
Runs holding a word that names an organisation, a place or an event are never people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .en_shape import CREDIT_LINE, INITIAL, POSSESSIVE, capitalised, common, in_dictionary, title_case
from .en_words import (COMPANY_FORMS, CREDITED, DEMONYM, FUNCTION, NOT_PERSON, PLACES, ROLES, SPEECH,
                       THINGS_AFTER, THINGS_BEFORE, TITLE_PARTS, TITLES)
from .findings import Findings, Mention, Organisation, Person
from .lexicon import lexicon
from .reading import Setting, read, story_text

if TYPE_CHECKING:
    from ..sources import Story

# Lower-case nouns after a capitalised word that make it an organisation or a place
# ("Tanjug news agency", "Ericsson spokesman", "Cofinec shares").
_ORG_NOUNS = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:news\s+agency|agency|spokesman|spokeswoman|shares|stock|officials?|"
                        r"government|group|company|newspaper|daily|radio|television|plant|unit|board|subsidiary|"
                        r"province|region|city|airport|executives?|management|chairman|president|'s\s+(?:shares|stock))\b")
_NAMED_ORG = re.compile(r"\b(?:agency|company|firm|group|newspaper|daily|bank|broadcaster|channel|station|carrier|"
                        r"airline|maker|producer|engineer|manufacturer|insurer|retailer|operator|brewer|the)\s+"
                        r"([A-Z][\w'’-]+)")
_IN_PLACE = re.compile(r"\b(?:in|near|outside)\s+([A-Z][a-z]+)\b(?!['’])")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
_PARTICLES = frozenset("de del della der den di da das dos du van von ter la le bin ibn al el abu bint wa".split())
# A word of a name: capitalised, hyphens and apostrophes inside (O'Brien, Al-Assad), an
# initial ("J."), or a particle.
_TOKEN = re.compile(r"(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Rep|Gen|Col|Lt|Capt|Prof|Rev|Jr|Sr|Sgt|Maj|Adm|Lt)\.(?!\w)"
                    r"|[A-Z]\.(?:[A-Z]\.)*|[^\W\d_][\w’'-]*[\w]|[^\W\d_]|[.,;:!?()\"“”«»&/]")


@dataclass
class _Run:
    words: list[str]
    starts: list[int]
    titled: bool = False
    title: str = ""
    sentence_start: bool = False
    possessive: bool = False
    followed_by_speech: bool = False
    after_speech: bool = False
    aged: bool = False  # ", 42," follows: a person's age
    apposed: bool = False  # ", former editor of ...", ", president of ...": a role follows
    thing: bool = False  # a thing's or a place's name by the words around it: "Charles de Gaulle airport"


def extract(text: str) -> Findings:
    """Return the persons named in English text, lone surnames joined to the full names."""
    runs = list(_runs(text))
    full: list[tuple[_Run, list[str], int]] = []
    lone: list[tuple[str, int, _Run]] = []
    not_people = {POSSESSIVE.sub("", m.group(1)) for m in _NAMED_ORG.finditer(text)}
    not_people |= {m.group(1) for m in _ORG_NOUNS.finditer(text)} | {m.group(1) for m in _IN_PLACE.finditer(text)}
    runs = [r for r in runs if not (len(r.words) == 1 and POSSESSIVE.sub("", r.words[0]) in not_people)]
    # A firm's name without its "Corp" is still the firm's ("Jeans Mate Corp ... Jeans Mate said");
    # a thing's name is one wherever the story uses it ("Zycie Warszawy daily ... Zycie Warszawy said").
    firms = {" ".join(r.words[:-1]) for r in runs if len(r.words) > 1 and r.words[-1].rstrip(".") in COMPANY_FORMS}
    firms |= {" ".join(POSSESSIVE.sub("", w) for w in r.words) for r in runs if r.thing}
    runs = [r for r in runs if not r.thing and " ".join(POSSESSIVE.sub("", w) for w in r.words
                                                        if w.rstrip(".") not in COMPANY_FORMS) not in firms]
    capitalised_elsewhere = {w for r in runs if not r.sentence_start for w in r.words[:1]}
    capitalised_elsewhere |= {w for r in runs for w in r.words[1:]}
    lone_words = {POSSESSIVE.sub("", r.words[0]) for r in runs if len(r.words) == 1}
    chosen = [_person_words(run, capitalised_elsewhere, lone_words) for run in runs]
    for index, run in enumerate(runs):
        if not chosen[index] and _coordinated(text, runs, chosen, index):
            chosen[index] = [POSSESSIVE.sub("", w) for w in run.words]
    for run, words in zip(runs, chosen):
        if words and len(words) >= 2:
            full.append((run, words, run.starts[len(run.words) - len(words)]))
        elif words:
            lone.append((words[0], run.starts[-1], run))
    persons: list[Person] = []
    by_surname: dict[str, Person] = {}
    for run, words, start in full:
        surname = _surname(words)
        key = surname.lower()
        person = by_surname.get(key)
        if person is None or not (_same_given(person.first, words[0]) or _tail(words, person)):
            person = Person(first=words[0], last=surname, middle=" ".join(words[1:len(words) - len(surname.split())]),
                            start=start)
            persons.append(person)
            by_surname[key] = person
        elif _tail(words, person) and not _same_given(person.first, words[0]):
            # "Suu Kyi", then "Aung San Suu Kyi": the shorter is what the story calls them alone.
            shorter, longer = sorted((words, _words(person)), key=len)
            person.first, person.middle, person.last = " ".join(longer[:-len(shorter)]), "", " ".join(shorter)
        elif len(" ".join(words)) > len(person.name):
            person.first, person.middle = words[0], " ".join(words[1:len(words) - len(surname.split())])
        _attach(person, " ".join(words), start, run, run.title)
    for word, start, run in lone:
        # "Nicole" after "Nicole Nichterwitz", "Wang" after "Wang Donghai" (family name first).
        starting = [p for p in persons if p.first == word]
        person = by_surname.get(word.lower()) or (starting[0] if len(starting) == 1 else None)
        if person is None:
            person = Person(first="", last=word, start=start)
            persons.append(person)
            by_surname[word.lower()] = person
        _attach(person, word, start, run, run.title)
    # A surname of a full name, met in a run not read as a name ("Lebed Chechnya peace plan").
    for run in runs:
        for word, start in zip(run.words, run.starts):
            clean = POSSESSIVE.sub("", word)
            person = by_surname.get(clean.lower())
            if person is not None and person.first and not any(m.start <= start < m.start + len(m.text)
                                                               for m in person.mentions):
                _attach(person, clean, start, run, "")
    for person in persons:
        person.start = min(m.start for m in person.mentions)
    persons.sort(key=lambda p: p.start)
    return Findings(persons, _organisations(runs) + _acronyms(text))


def analyse(story: Story, setting: Setting) -> Findings:
    """Return what an English story tells; "on Tuesday" dates an event, counted from the story's date."""
    text = story_text(story)
    return read(story, text, extract(text.text), setting, "en")


_AND = re.compile(r"\s*(?:,\s*(?:\d{1,3}\s*,\s*)?)?(?:and|or)\s+")


def _coordinated(text: str, runs: list[_Run], chosen: list[list[str]], index: int) -> bool:
    """Return whether a run is listed with a person ("Ranariddh and Hun Sen") and looks like a name."""
    run = runs[index]
    lex = lexicon()
    words = [POSSESSIVE.sub("", w) for w in run.words]
    if len(words) > 3 or any(w in FUNCTION or w in NOT_PERSON or w in lex.places or w in PLACES
                             or DEMONYM.match(w) or _title(w) for w in words):
        return False
    if len(words) == 1 and words[0] in lex.towns:
        return False
    if len(words) < 2 and not any(w in lex.surnames for w in words):
        return False
    for other in (index - 1, index + 1):
        if not 0 <= other < len(runs) or not chosen[other]:
            continue
        left, right = (runs[other], run) if other < index else (run, runs[other])
        gap_start = left.starts[-1] + len(left.words[-1])
        if _AND.fullmatch(text[gap_start:right.starts[0]]):
            return True
    return False


def _attach(person: Person, text: str, start: int, run: _Run, title: str) -> None:
    # A possessive names the person but not as the one speaking ("Macron's advisers").
    mention = Mention(text=text, start=start, first=person.first, last=person.last,
                      sure=not run.possessive, role=title, acts=run.followed_by_speech or run.after_speech)
    person.mentions.append(mention)
    person.forms.append(text)
    if title:
        person.roles.append(title)


def _same_given(a: str, b: str) -> bool:
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    return not a or not b or a == b or a.startswith(b) or b.startswith(a)


def _tail(words: list[str], person: Person) -> bool:
    """Return whether a name of two words or more ends the person's, or theirs ends it ("Suu Kyi", "Aung San Suu Kyi")."""
    shorter, longer = sorted((words, _words(person)), key=len)
    return len(shorter) >= 2 and longer[-len(shorter):] == shorter


def _words(person: Person) -> list[str]:
    return " ".join([person.first, person.middle, person.last]).split()


def _surname(words: list[str]) -> str:
    """Return the surname of a full name, with any particle before it ("de Villepin")."""
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return " ".join(words[cut:])


def _runs(text: str):
    """Yield the runs of capitalised words of text, with what stands around them."""
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        base = line_match.start()
        letters = [ch for ch in line if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.6 or title_case(line):
            continue  # an all-caps or Title Case headline or dateline: case tells nothing there
        if CREDIT_LINE.search(line):
            continue  # "X and Y contributed to this report", "Jo Doe is a reporter for ..."
        tokens = [(m.group(0), base + m.start()) for m in _TOKEN.finditer(line)]
        i = 0
        while i < len(tokens):
            word, start = tokens[i]
            if not capitalised(word):
                i += 1
                continue
            j = i
            words, starts = [], []
            while j < len(tokens):
                w, s = tokens[j]
                # A particle or a regnal number belongs to the name it stands in ("de Villepin", "Leopold III").
                inside = words and (_ROMAN.match(w) or w.lower() in _PARTICLES and j + 1 < len(tokens)
                                    and capitalised(tokens[j + 1][0]))
                if capitalised(w) or inside:
                    words.append(w)
                    starts.append(s)
                    j += 1
                    if POSSESSIVE.search(w):
                        break
                else:
                    break
            prev = tokens[i - 1][0] if i > 0 else ""
            nxt = tokens[j][0].lower() if j < len(tokens) else ""
            sentence_start = i == 0 or prev in (".", "!", "?", "\"", "“", ":", "(", ";", "-")
            before = tokens[i - 2][0].lower() if i > 1 and prev in ("of", ":", "by") else prev.lower()
            end = tokens[j - 1][1] + len(tokens[j - 1][0])
            if prev in ("&", "the", "The", "/") or nxt in ("&", "/") or before in CREDITED \
                    or prev in ("\"", "“") and nxt in ("\"", "”") or text[end:end + 3] in ("...", "…") \
                    or text[end:end + 1] == "…":
                # "Douglas & Lomason", "the Marines": a firm, a body; "Jo Doe/Reuters", "(AP
                # Photo/Jo Doe)", "Photo: Jo Doe": a credit; "best known for "Viva Zapata"": a
                # work; "Vladi…": a word cut short
                i = j
                continue
            # "the carrier Carl Vinson", "the town of Chatelet", "Charles de Gaulle airport";
            # not "Hen Vipheak's newspaper", the newspaper of a person
            thing = before in THINGS_BEFORE or nxt in THINGS_AFTER and not POSSESSIVE.search(words[-1])
            run = _Run(words, starts, sentence_start=sentence_start, thing=thing,
                       possessive=bool(POSSESSIVE.search(words[-1])), followed_by_speech=nxt in SPEECH,
                       after_speech=prev.lower() in SPEECH and nxt in (",", ".", "", ";"),
                       aged=nxt == "," and bool(re.match(r"\s*,\s*\d{1,3}\s*(?:[,)]|--)", line[tokens[j][1] - base:])))
            after = [t for t, _ in tokens[j:j + 5]]
            if after[:1] == [","] and any(w.lower() in ROLES for w in after[1:4]) and not any(
                    w[:1].isupper() and w.lower() not in ROLES for w in after[1:3]):
                run.apposed = True
            if i > 1 and tokens[i - 2][0].lower() in SPEECH and prev.lower() in ROLES and nxt in (",", ".", ""):
                run.after_speech = True
            if prev.lower() in ROLES or (i > 1 and prev == "," and tokens[i - 2][0].lower() in ROLES):
                run.titled, run.title = True, prev if prev != "," else tokens[i - 2][0]
            yield run
            i = j


def _person_words(run: _Run, capitalised_elsewhere: set[str], lone_words: set[str]) -> list[str]:
    """Return the words of a run that name a person, or [] when it names none."""
    lex = lexicon()
    words = [POSSESSIVE.sub("", w) for w in run.words]
    if all(re.fullmatch(r"(?:[A-Z]\.)+", w) for w in words):
        return []  # "U.S.", "N.", initials alone
    # A title splits a run: what follows the last one is the name ("Financial Secretary
    # Donald Tsang", "U.S. President Donald Trump").
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if _title(w) or w.lower() in ROLES), default=0)
    if cut == len(words) - 1 and words[cut - 1] in TITLE_PARTS:
        cut = 0  # "Foreign Affairs": a title's first word before one word, no title
    title = words[:cut]
    words = words[cut:]
    if title and title[0] in FUNCTION:
        title = title[1:]
    if not title and len(words) > 1 and words[0] == "The":
        return []  # "The Carl Vinson", "The Mac Observer": a ship, a paper, a firm; never "The Jane Doe"
    if " ".join(words) in lex.places:
        return []  # "North Dakota": not "Dakota" once "North" is dropped
    # Places and nations before a name are no part of it ("Kremlin ...", "Italian Prime ...",
    # "South Carolina Governor ...").
    while len(words) > 2 and " ".join(words[:2]) in lex.places:
        del words[:2]
    while not title and len(words) > 1 and (
            words[0] in FUNCTION or _place(words[0], lex) or DEMONYM.match(words[0]) and words[0] not in lex.given
            or words[0] in ("U.S.", "U.N.", "UK", "U.K.") or run.sentence_start and common(words[0], lex) and words[0] not in NOT_PERSON
            and (words[1] in lex.given or not (run.aged or run.apposed or run.after_speech))):
        words.pop(0)  # "Edit Alice", "Making Fission": a sentence's first word is no given name
    if words and words[0] in FUNCTION:
        words.pop(0)
    if len(words) > 1 and re.fullmatch(r"[A-Z][a-z]*[a-rt-z]s", words[0]) and words[0] not in lex.given \
            and in_dictionary(words[0], lex):
        words.pop(0)  # "Browns Williams": a team or a body in the plural, then the name
    while words and words[-1] in FUNCTION:
        words.pop()
    if not words or len(words) > 4 or any(w in NOT_PERSON for w in words) or (
            len(words) == 1 and _title(words[0])):
        return []
    titled = bool(title) or run.titled
    if title:
        run.title = " ".join(title)
    given = words[0] in lex.given or bool(INITIAL.match(words[0]))
    # A title, an age or a role beside the name outweighs a town's name ("Samer Ammar Soliman, 42,").
    strong = titled or run.aged or run.apposed or run.after_speech
    if any(w in FUNCTION or _place(w, lex) and not strong and not given for w in words[1:]):
        return []
    if " ".join(words) in lex.places:
        return []
    # Common words, or a name ending in one no surname list holds: "Great Lie", "Sign Language",
    # "Pearl Dress", "Meta Pro"; a dictionary's proper noun that names no one: "Jupiter".
    if not titled and words[0] not in lex.given and (all(in_dictionary(w, lex) for w in words)
                                                    or len(words) > 1 and common(words[-1], lex)
                                                    and words[-1] not in lone_words):
        return []
    if INITIAL.match(words[-1]) or _ROMAN.match(words[0]):
        return []  # "Roger A.": a reference list's "Surname, Given I."; "III" alone
    if len(words) == 1:
        word = words[0]
        # A town's name with a person's cue is a person ("Dole's proposal"): towns named in
        # the story as places ("in Dole") were set aside before.
        cued = titled or run.after_speech or run.followed_by_speech or run.possessive
        if word in lex.places or word in PLACES or not cued and _place(word, lex) \
                or DEMONYM.match(word) and word not in lex.surnames or word in FUNCTION \
                or re.fullmatch(r"(?:[A-Z]\.)+", word):
            return []
        if titled or run.after_speech or run.aged and word in capitalised_elsewhere:
            return words
        # Mid-sentence a capital marks a proper noun; at a sentence's start only a word
        # the story also capitalises elsewhere, or a surname from the lists, is one.
        proper = not run.sentence_start or word in capitalised_elsewhere or word in lex.surnames
        return words if proper and (run.followed_by_speech or run.possessive and not run.sentence_start) else []
    if INITIAL.match(words[0]) and words[0][0] in "NSEW":
        return []  # "N. Korea", "S. Africans": a compass point, not an initial
    if words[0] in ("Le", "La", "Les", "El", "Al", "Der", "Die", "Das", "De", "Di", "Du", "Van", "Von") \
            or "-" in words[0] and words[0].split("-")[-1].islower():
        return []  # "Le Matin", "El Al": a title of a paper or a firm; "Ontario-based Magna"
    # A last word in -s the story also uses alone is a surname ("Freddy Pinas ... with Pinas").
    if words[-1].endswith("s") and not words[-1].endswith("ss") and words[-1] not in lex.surnames \
            and words[-1] not in lone_words or words[-1] in lex.places and not strong:
        return []  # "Red Shirts", "Johnson Controls", "Atlas Bangladesh"
    if given or titled or run.after_speech or run.aged or run.apposed or run.followed_by_speech:
        return words
    # Two words the lists hold as names ("Carroll Campbell", "Saddam Hussein").
    if words[-1] in lex.surnames and not _place(words[0], lex) and not DEMONYM.match(words[0]) \
            and (not run.sentence_start or words[0] in capitalised_elsewhere or words[0] in lex.surnames):
        return words
    # A name the lists do not know is a person's when the story then uses its last word
    # alone, as it does a surname ("Yasser Arafat ... Arafat said").
    if (not run.sentence_start or words[0] in capitalised_elsewhere) and words[-1] in lone_words \
            and not DEMONYM.match(words[-1]):
        return words
    return []


# Titles written short: a title only with their dot ("Sen. Dole", but "Hun Sen").
_ABBREVIATED = frozenset("Sen Rep Gov Gen Col Lt Capt Maj Sgt Prof Rev Dr Mr Mrs Ms".split())


def _title(word: str) -> bool:
    bare = word.rstrip(".")
    return bare in TITLES and (bare not in _ABBREVIATED or word.endswith(".") or bare in ("Mr", "Mrs", "Ms", "Dr"))


def _place(word: str, lex) -> bool:
    """Return whether a word is a place: a country, a big city, or a town no name list holds."""
    return word in lex.places or word in PLACES or word in lex.towns and word not in lex.surnames and word not in lex.given


def _acronyms(text: str) -> list[Organisation]:
    """Return the acronyms of mixed-case lines ("NATO", "OSCE"): matched to profiles, never listed as untracked."""
    found: dict[str, Organisation] = {}
    for line in re.finditer(r"[^\n]+", text):
        letters = [ch for ch in line.group(0) if ch.isalpha()]
        if not letters or sum(ch.isupper() for ch in letters) / len(letters) > 0.6:
            continue
        for match in re.finditer(r"(?<![\w.])[A-Z]{2,6}(?![\w.])", line.group(0)):
            name = match.group(0)
            found.setdefault(name, Organisation(name, [], line.start() + match.start(), "ABBR")).forms.append(name)
    return list(found.values())


def _organisations(runs: list[_Run]) -> list[Organisation]:
    """Return runs naming organisations (a word such as Party, Ministry, or an acronym)."""
    found: dict[str, Organisation] = {}
    for run in runs:
        words = [POSSESSIVE.sub("", w) for w in run.words]
        while words and words[0] in FUNCTION:
            words.pop(0)  # "The Financial Times" is the Financial Times
        name = " ".join(words)
        if name and any(w in NOT_PERSON for w in words):
            found.setdefault(name.lower(), Organisation(name, [], run.starts[0])).forms.append(name)
    return list(found.values())
