"""Deterministic synthetic wire stories (plain English text) for ingest benchmarks and tests.

Every person, place and outlet is invented ("Zarvin Thelkrax of Quorvandel"), in the
shape of tests/ingest/synthetic_en.txt: headline, standfirst, a dateline with an
agency, then paragraphs that name people in full, by surname alone, by a longer form
with a middle name, quote them and date past events. Some people share a surname, so
which profile a bare surname matches depends on what was ingested before: the case
that made a second ingest disagree with the first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.corpus import unique, invented_word

N_PEOPLE = 80
ROLES = ("minister", "council chair", "mayor", "envoy", "party leader", "spokesperson")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
VERBS = ("met", "called", "wrote to", "criticised", "praised", "visited")
OBJECTS = ("an invented truce", "a synthetic budget", "a test accord", "a made-up tariff",
           "a fictional treaty", "a placeholder reform")
STANDFIRST = "This is a synthetic story for tests; all people and places are invented"


@dataclass(frozen=True)
class Person:
    first: str
    middle: str
    last: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def people(seed: int = 7) -> tuple[Person, ...]:
    """Return the invented people stories are about; about one in six shares a surname."""
    rng = random.Random(f"{seed}:people")
    surnames = unique(lambda: invented_word(rng, 2), N_PEOPLE)
    firsts = unique(lambda: invented_word(rng, 2), N_PEOPLE)
    middles = unique(lambda: invented_word(rng, 1), N_PEOPLE)
    # Folded onto an earlier surname: two people called "... Thelkrax".
    lasts = [surnames[i - 1] if i % 6 == 5 else surnames[i] for i in range(N_PEOPLE)]
    return tuple(Person(firsts[i], middles[i], lasts[i], rng.choice(ROLES)) for i in range(N_PEOPLE))


def story(index: int, seed: int = 7) -> str:
    """Return wire story number index: the same text whatever else is generated."""
    cast = people(seed)
    rng = random.Random(f"{seed}:story:{index}")
    who = rng.sample(cast, rng.randint(2, 4))
    place = invented_word(rng, 3)
    month, day = rng.randrange(12), rng.randint(1, 28)
    lead, other = who[0], who[1]
    headline = (f"Synthetic {index}: {lead.name} {rng.choice(VERBS)} {other.name} "
                f"over {rng.choice(OBJECTS)}")
    dateline = f"{place.upper()}, {MONTHS[month]} {day} (Synthetic Wire) - "
    paragraphs = [dateline + f"{lead.role.capitalize()} {lead.name} {rng.choice(VERBS)} "
                  f"{other.role} {other.name} on Tuesday. {lead.last} said "
                  f"\"{' '.join(_lower_words(rng, 6))}\"."]
    for person in who[2:]:
        paragraphs.append(f"{person.role.capitalize()} {person.first} {person.middle} {person.last} "
                          f"{rng.choice(VERBS)} the talks in {place}.")
    past = rng.randint(1, 28)
    paragraphs.append(f"On {MONTHS[rng.randrange(12)]} {past}, 2024 {other.last} signed "
                      f"{rng.choice(OBJECTS)}.")
    if rng.random() < 0.5:
        # A bare surname in its own paragraph: which profile it is depends on the others.
        paragraphs.append(f"{rng.choice(who).last} did not comment.")
    return "\n\n".join([headline, STANDFIRST, *paragraphs]) + "\n"


def _lower_words(rng: random.Random, count: int) -> list[str]:
    return [invented_word(rng, 1).lower() for _ in range(count)]
