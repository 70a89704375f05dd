"""Analyse a story's text in its language: Russian, English, or any other by profiles alone."""

from __future__ import annotations

from ..profiles import Known
from . import fallback


def extract(text: str, lang: str, actors: dict[str, Known], warnings: list[str]):
    """Return the persons and organisations of text, read the way its language needs."""
    if lang == "ru":
        from .. import actors as russian

        return russian.extract(text)
    if lang == "en":
        from . import en

        return en.extract(text)
    return fallback.extract(text, lang, actors, warnings)
