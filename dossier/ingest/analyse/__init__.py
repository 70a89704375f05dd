"""Analyse a story's text in its language: Russian, Ukrainian, English, or any other by profiles alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import fallback
from .findings import Findings

if TYPE_CHECKING:
    from ..profiles import Known


def extract(text: str, lang: str, actors: dict[str, Known], warnings: list[str]) -> Findings:
    """Return the persons and organisations of text, read the way its language needs."""
    if lang == "ru":
        from . import ru

        return ru.extract(text)
    if lang == "uk":
        from . import uk

        return uk.extract(text)
    if lang == "en":
        from . import en

        return en.extract(text)
    return fallback.extract(text, lang, actors, warnings)
