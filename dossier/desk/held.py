"""The desk's corrections of names ingest held back (content/held.yml): confirm, merge or reject them.

A held name has no profile yet, so the desk addresses it by the name itself. Confirming
gives it a profile and links the article that named it; merging makes it an alias of a
profile and links that profile there; rejecting remembers it as no actor. In each case the
name leaves content/held.yml, and the file is rewritten in the same commit.
"""

from __future__ import annotations

from ..ingest.held import HELD_FILE, render_held
from ..ingest.linking import ActorRef
from ..ingest.profiles import Held, fold
from ..ingest.stubs import add_aliases, render_stub
from ..util.errors import DossierError, Problem
from ..util.slugs import slugify
from .lines import add_actor
from .state import Doc, Dossier


def find_held(dossier: Dossier, name: str) -> Held | None:
    """Return the held person a name stands for (any form ingest saw), or None."""
    key = fold(name)
    return next((h for h in dossier.held if key in {fold(f) for f in [h.name, *h.forms]}), None)


def release(dossier: Dossier, person: Held, writes: dict[str, str]) -> None:
    """Take a person off the held list: content/held.yml is rewritten without them."""
    if dossier.held_warning:
        raise DossierError(Problem(HELD_FILE, dossier.held_warning))
    dossier.held = [h for h in dossier.held if h is not person]
    writes[HELD_FILE] = render_held(dossier.held)


def article_of(dossier: Dossier, person: Held) -> Doc | None:
    """Return the article that named a held person; None once it is deleted or moved."""
    return next((d for d in dossier.articles if d.rel == person.article), None)


def link(dossier: Dossier, person: Held, slug: str, writes: dict[str, str]) -> str:
    """Add slug to the actors of the article that named a held person; return that article's path, or ''."""
    doc = article_of(dossier, person)
    if doc is None:
        return ""  # the article was deleted or moved since: the profile stands without it
    text = add_actor(writes.get(doc.rel, doc.text), slug, doc.rel)
    if text != doc.text:
        writes[doc.rel] = text
    return doc.rel


def confirm(dossier: Dossier, person: Held, writes: dict[str, str]) -> tuple[str, str]:
    """Give a held person a profile stub and link their article; return the new slug and the article."""
    slug = base = slugify(person.name) or "actor"
    n = 2
    while slug in dossier.actors or slug in dossier.corrections.merged or f"content/actors/{slug}.md" in writes:
        slug, n = f"{base}-{n}", n + 1
    forms = [f for f in person.forms if fold(f) != fold(person.name)]
    writes[f"content/actors/{slug}.md"] = render_stub(ActorRef(slug, person.name, "person", True, forms,
                                                               lang=person.lang or "en"))
    article = link(dossier, person, slug, writes)
    release(dossier, person, writes)
    return slug, article


def merge_into(dossier: Dossier, person: Held, target: Doc, writes: dict[str, str]) -> str:
    """Make a held person's names aliases of target and link target in their article; return the article."""
    text = add_aliases(writes.get(target.rel, target.text), [person.name, *person.forms])
    if text is None:
        raise DossierError(Problem(target.rel, "its 'aliases' is not a list the desk can extend: write it as "
                                               "aliases: [a, b]"))
    if text != target.text:
        writes[target.rel] = text
    article = link(dossier, person, target.slug, writes)
    release(dossier, person, writes)
    return article
