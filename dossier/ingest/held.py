"""People held back: met once with weak evidence, recorded in content/held.yml, given no profile.

A person named by one word only, once in a story, with no role, is as likely a product, a
place or a misread word as a person ("Чекерс", "Jupiter"). Ingest records them here instead of
writing a profile; a second story naming them, or an editor (`build.py actors`), confirms
them. The build never reads this file, so nothing in it is published.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .analyse.findings import Person
from .profiles import Held, Known

HELD_FILE = "content/held.yml"
WEAK_EVIDENCE = "named once, no given name, no role, no verb of saying"  # what `weak` checks, in words
_HEADER = (f"# People ingest met with weak evidence ({WEAK_EVIDENCE}): not published.\n"
           "# A second story naming them gives them a profile; so does an editor's `build.py actors`.\n")


def weak(person: Person) -> bool:
    """Return whether a new person's evidence is weak: no given name, no role, no verb of saying, named once."""
    return len(person.first.rstrip(".")) <= 1 and not person.role and len(person.mentions) <= 1 \
        and not any(m.acts for m in person.mentions)


def read_held(root: Path) -> tuple[list[Held], str]:
    """Return the people held back in root, and a warning when the file cannot be read."""
    path = root / HELD_FILE
    if not path.is_file():
        return [], ""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list):
            raise ValueError("not a list")
        return [Held(str(e["name"]), str(e.get("lang", "")), str(e.get("article", "")),
                     [str(f) for f in e.get("forms") or []]) for e in entries], ""
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError) as exc:
        return [], (f"{HELD_FILE}: cannot be read ({type(exc).__name__}); people held back are not "
                    "matched and the file is left as it is: fix it or delete it")


def as_profiles(held: list[Held]) -> dict[str, Known]:
    """Return the held people as profiles to match against, keyed by their index in the list."""
    return {str(i): Known("held", str(i), h.name, tuple(dict.fromkeys([h.name, *h.forms])), "person")
            for i, h in enumerate(held)}


def render_held(held: list[Held]) -> str:
    """Return content/held.yml's text for the people held back."""
    entries = [{"name": h.name, "lang": h.lang, "article": h.article, "forms": h.forms} for h in held]
    return _HEADER + (yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=10**6) if entries else "[]\n")
