"""Analyse a story in its language: Russian, Ukrainian, English, or any other by profiles alone.

Each language's module returns the story's Findings (findings.py): its people and
organisations, the outlets it cites, quotes with their speakers, dated events and quoted
terms. What every language reads alike is in reading.py; a new language is one module
here and one line in ANALYSERS.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..sources import Story
    from .findings import Findings
    from .reading import Setting

# Imported when a story needs one: the Russian models take seconds to load.
ANALYSERS = {"ru": "ru", "uk": "uk", "en": "en"}


def analyse(story: Story, setting: Setting) -> Findings:
    """Return the findings of a story, read by its language's analyser, else by profiles alone."""
    module = importlib.import_module(f"{__name__}.{ANALYSERS.get(story.lang, 'fallback')}")
    return module.analyse(story, setting)
