"""Credits a page prints among its paragraphs: contributors, a reporter's line, a photographer's name.

Agencies and sites write them in a few shapes, whatever their names: "Associated Press
writers Jo Doe and Al Roe contributed to this report.", "Jo Doe is a reporter for Example
News.", "Jo Doe/Reuters", "(AP Photo/Jo Doe)", "Photo: Jo Doe", or a name alone under a
picture. They are the story's byline, or nothing, never a paragraph of it whose names ingest
would take for the people the story is about.
"""

from __future__ import annotations

import re

from .meta import person_names

CREDIT_MAX = 300  # characters: a credit is a line, never a paragraph of the story

_CONTRIBUTED = re.compile(r"\s*(?:also\s+)?contributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))"
                          r"\b.*$", re.I | re.S)
# What stands before contributors' names: "Associated Press writers", "Reuters staff", "AP's".
_CONTRIBUTORS = re.compile(r"^.*?\b(?:writers?|reporters?|correspondents?|journalists?|staff|photographers?)\s+",
                           re.S)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|da|di|del|bin))*"
_INTRODUCED = re.compile(rf"^({_NAME})\s+(?:is|was)\s+an?\s+(?:[\w-]+\s+){{0,3}}(?:reporter|writer|correspondent|"
                         r"editor|journalist|columnist|producer|contributor|photographer|photojournalist)s?\b")
# "Jo Doe/Reuters", "(AP Photo/Jo Doe)", "Photo: Jo Doe", "Jo Doe for Example News": a picture's credit.
_PHOTO = re.compile(rf"^\(?\s*(?:{_NAME}\s*/\s*[A-Z][\w&.’' -]*|(?:[A-Z]+\s+)?(?:Photo|Photograph|Picture|Image|"
                    r"Credit|Illustration)s?\s*[:/].*|.*\bGetty\s+Images)\s*\)?\.?$")
_ALONE = re.compile(rf"^(?:By\s+)?{_NAME}\s*\.?$")


def split_credits(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Return the paragraphs that tell the story, and the names of the people they credited."""
    body: list[str] = []
    names: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) > CREDIT_MAX:
            body.append(paragraph)
        elif _CONTRIBUTED.search(paragraph):
            names += person_names(_CONTRIBUTORS.sub("", _CONTRIBUTED.sub("", paragraph)))
        elif match := _INTRODUCED.match(paragraph):
            names += person_names(match.group(1))
        elif _PHOTO.match(paragraph) or _ALONE.match(paragraph) and 2 <= len(paragraph.split()) <= 5:
            continue  # a picture's credit, or a name alone: no sentence of the story
        else:
            body.append(paragraph)
    return body, list(dict.fromkeys(names))
