"""Read a story in a language ingest has no analyser for: only the people profiles name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .findings import Findings, Mention, Person
from .reading import Setting, read, story_text

if TYPE_CHECKING:
    from ..profiles import Known
    from ..sources import Story


def analyse(story: Story, setting: Setting) -> Findings:
    """Return what a story in another language tells, its people found by their profiles' names."""
    text = story_text(story)
    found = extract(text.text, story.lang, setting.known.actors)
    return read(story, text, found, setting, story.lang)


def extract(text: str, lang: str, actors: dict[str, Known]) -> Findings:
    """Return the persons of text that existing profiles name, noting that no others are sought."""
    what = f"language '{lang}'" if lang else "an unsupported script or language"
    note = (f"lang: story in {what}: people are matched to existing profiles only; "
            "names new to the dossier are not extracted (add profiles for them)")
    persons = []
    for profile in actors.values():
        if profile.kind and profile.kind != "person":
            continue
        mentions = []
        # Longest names first, so "Emmanuel Macron" claims its words before "Macron" does.
        for name in sorted(profile.names, key=len, reverse=True):
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                if not any(m.start <= match.start() < m.start + len(m.text) for m in mentions):
                    mentions.append(Mention(match.group(0), match.start(), sure=False))
        if mentions:
            words = profile.name.split()
            person = Person(first=" ".join(words[:-1]), last=words[-1] if words else "",
                            forms=[m.text for m in mentions], mentions=mentions,
                            start=min(m.start for m in mentions))
            persons.append(person)
    persons.sort(key=lambda p: p.start)
    return Findings(persons, [], notes=[note])
