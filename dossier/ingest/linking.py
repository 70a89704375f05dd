"""Link a story's persons to actor profiles: the profile each is, a stub for one new and sure, or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..util.slugs import slugify
from .analyse.findings import Person
from .held import HELD_FILE, WEAK_EVIDENCE, as_profiles, weak
from .profiles import Held, Known, KnownProfiles, fold, match_person


@dataclass
class ActorRef:
    """An actor of the article: an existing profile, or a stub to create."""

    slug: str
    name: str
    kind: str
    new: bool
    aliases: list[str] = field(default_factory=list)  # forms seen that the profile lacks
    role: str = ""
    lang: str = "ru"

    def as_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "kind": self.kind, "new": self.new}


class Drafted(Protocol):
    """What linking adds to a draft: warnings, the people it holds back and those it confirms."""

    warnings: list[str]
    held: list[Held]
    confirmed: list[Held]


def link_persons(persons: list[Person], known: KnownProfiles, lang: str, draft: Drafted
                 ) -> tuple[list[ActorRef], dict[int, str]]:
    """Return the story's person actors, and the slug of each person linked (by id): profiles matched,
    stubs for people new and sure; the others are held back or, when several profiles fit, not linked
    (people not linked or held back are nobody's slug)."""
    refs: list[ActorRef] = []
    slug_of: dict[int, str] = {}
    warnings = draft.warnings
    taken = set(known.actors)
    held = as_profiles(known.held)
    made: dict[str, Known] = {}  # the stubs this story makes, which another of its persons may be
    for person in persons:
        match = match_person(person, known.actors)
        profile = match.profile or known.merged_into(person.name)
        if profile is None and match.several:
            # A lone surname several profiles share: linking any of them could be wrong.
            warnings.append(f"not linked: '{person.name}' could be any of {', '.join(match.several)}; "
                            "name the person in full to link them")
            continue
        same = match_person(person, made).profile if profile is None else None
        if same is not None:
            # Two names the analyser kept apart are one new person's ("Марвин Джейкстер", "Марвин Якстер").
            ref = next(r for r in refs if r.slug == same.slug)
            ref.aliases += [f for f in dict.fromkeys([person.name, *person.forms]) if f not in (ref.name, *ref.aliases)]
            same.names = tuple(dict.fromkeys([*same.names, *ref.aliases]))
            slug_of[id(person)] = same.slug
            continue
        # A person held back before is confirmed by any story naming them again, weakly or not.
        before = match_person(person, held).profile if profile is None else None
        if profile is None and before is None and weak(person):
            draft.held.append(Held(person.name, lang, "", list(dict.fromkeys(person.forms))))
            warnings.append(f"held back: '{person.name}' ({WEAK_EVIDENCE}): recorded in "
                            f"{HELD_FILE}, no profile until another story or an editor confirms them")
            continue
        if before is not None:
            draft.confirmed.append(known.held[int(before.slug)])
        forms = [f for f in dict.fromkeys(person.forms) if fold(f) != fold(person.name)]
        if profile is not None:
            slug_of[id(person)] = profile.slug
            forms = [f for f in dict.fromkeys([person.name, *person.forms])]
            have = {fold(n) for n in profile.names}
            refs.append(ActorRef(profile.slug, profile.name, profile.kind or "person", False,
                                 [f for f in forms if fold(f) not in have], lang=lang))
            continue
        slug = base = slugify(person.name) or "actor"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        refs.append(ActorRef(slug, person.name, "person", True, forms, person.role, lang or "en"))
        made[slug] = Known("actors", slug, person.name, (person.name, *forms), "person", stub=True)
        slug_of[id(person)] = slug
        warnings.append(f"new actor: {person.name} ({slug}): stub content/actors/{slug}.md")
    return refs, slug_of
