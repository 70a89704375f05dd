"""The desk's corrections, each planned whole as the files it changes: nothing is written here."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from ..ingest.profiles import fold
from ..ingest.stubs import add_aliases
from ..site.model import PROFILE_KINDS
from ..util.errors import DossierError, Problem
from ..util.slugs import slugify
from .held import confirm, find_held, merge_into, release
from .lines import join_text, quote, rename_in_names, retarget, set_field, split_text
from .state import Doc, Dossier

VERBS = ("merge", "split", "rename", "reject", "kind", "accept")


@dataclass(frozen=True)
class Action:
    """One correction, as the terminal and the preview's desk both ask for it."""

    verb: str  # one of VERBS
    # merge: the sources; reject: a slug or a name; accept: one or two slugs; else one. A name ingest
    # held back (content/held.yml) stands for itself in merge, reject and accept.
    slugs: tuple[str, ...]
    value: str = ""  # merge: the target; rename: the new name; kind: the kind; split: the new name
    articles: tuple[str, ...] = ()  # split: the articles that go to the new profile
    reslug: bool = False  # rename: change the address too

    def command(self) -> str:
        """Return the terminal command that makes the same correction."""
        words = ["build.py", "actors", self.verb, *self.slugs]
        if self.verb == "merge":
            words += ["--into", self.value]
        elif self.verb == "split":
            words += ["--articles", *self.articles] + (["--name", self.value] if self.value else [])
        elif self.verb in ("rename", "kind"):
            words.append(self.value)
        if self.reslug:
            words.append("--slug")
        return shlex.join(words)


@dataclass
class Change:
    """What one correction does: new texts by path, files removed, and what to tell the editor."""

    writes: dict[str, str] = field(default_factory=dict)
    removes: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)


def plan(dossier: Dossier, action: Action) -> Change:
    """Return the change an action makes to the dossier; raise DossierError (one line) on bad input."""
    planner = {"merge": _merge, "split": _split, "rename": _rename, "reject": _reject, "kind": _kind,
               "accept": _accept}.get(action.verb)
    if planner is None:
        raise _error(f"unknown correction {action.verb!r}: use one of {', '.join(VERBS)}")
    change = Change()
    before = dossier.corrections.dump()
    planner(dossier, action, change)
    if dossier.corrections.dump() != before:
        change.writes["content/corrections.yml"] = dossier.corrections.dump()
    return change


def _error(message: str) -> DossierError:
    return DossierError(Problem("actors", message))


def _profile(dossier: Dossier, slug: str) -> Doc:
    """Return the profile at slug; a slug merged away or unknown is one error saying where to look."""
    if slug in dossier.actors:
        return dossier.actors[slug]
    if slug in dossier.corrections.merged:
        now = dossier.corrections.resolve(slug)
        raise _error(f"'{slug}' was merged into '{now}': use '{now}'")
    raise _error(f"no profile '{slug}' (content/actors/{slug}.md): `build.py actors` lists them")


def _retarget(dossier: Dossier, change: Change, mapping: dict[str, str | None], only: set[str] | None = None) -> int:
    """Rewrite the articles naming a mapped slug; return how many changed."""
    count = 0
    for doc in dossier.articles:
        if only is not None and doc.rel not in only:
            continue
        text = change.writes.get(doc.rel, doc.text)
        new = retarget(text, mapping, doc.rel)
        if new != text:
            change.writes[doc.rel] = new
            count += 1
    return count


def _forget(dossier: Dossier, slug: str) -> None:
    """Drop a slug from the accepted reviews: it names another profile now, or none."""
    corrections = dossier.corrections
    corrections.accepted = [entry for entry in corrections.accepted if slug not in entry.split()]


def _merge(dossier: Dossier, action: Action, change: Change) -> None:
    target_slug = action.value
    if not target_slug:
        raise _error("merge needs --into TARGET: the profile the others become")
    corrections = dossier.corrections
    if target_slug not in dossier.actors and corrections.resolve(target_slug) in action.slugs:
        now = corrections.resolve(target_slug)
        raise _error(f"'{target_slug}' was merged into '{now}': merging '{now}' into it would go round in a "
                     f"circle; keep '{now}'")
    sources, held = [], []
    for slug in dict.fromkeys(action.slugs):
        if slug == target_slug:
            raise _error(f"cannot merge '{slug}' into itself: name another profile after --into")
        if slug not in dossier.actors and corrections.resolve(slug) == target_slug:
            change.said.append(f"'{slug}' is merged into '{target_slug}' already")
            continue
        person = find_held(dossier, slug) if slug not in dossier.actors else None
        if person is not None:
            held.append(person)
        else:
            sources.append(_profile(dossier, slug))
    target = _profile(dossier, target_slug)
    for person in held:
        article = merge_into(dossier, person, target, change.writes)
        change.said.append(f"'{person.name}' (held back) is '{target.slug}': its names are aliases now"
                           + (f", linked in {article}" if article else ""))
    text = change.writes.get(target.rel, target.text)
    for source in sources:
        updated = add_aliases(text, source.names)
        if updated is None:
            raise _error(f"{target.rel}: its 'aliases' is not a list the desk can extend: write it as "
                         "aliases: [a, b]")
        text = _with_body(updated, source)
        count = _retarget(dossier, change, {source.slug: target.slug})
        change.removes.append(source.rel)
        corrections.merged[source.slug] = target.slug
        _forget(dossier, source.slug)
        change.said.append(f"merged '{source.slug}' into '{target.slug}' ({count} articles, "
                           f"{len(source.names)} names kept as aliases)")
    if text != target.text:
        change.writes[target.rel] = text


def _with_body(text: str, source: Doc) -> str:
    """Return a target profile's text with the source's biography after its own: an editor's words stay."""
    extra = source.body.strip()
    if not extra:
        return text
    head, body = split_text(text)
    if extra in body:
        return text
    return join_text(head, (body.rstrip("\n") + "\n\n" if body.strip() else "") + extra + "\n")


def _split(dossier: Dossier, action: Action, change: Change) -> None:
    source = _profile(dossier, action.slugs[0])
    if not action.articles:
        raise _error("split needs --articles A [B ...]: the articles that name the other person")
    moving = {dossier.article(key).rel for key in action.articles}
    holding = {doc.rel for doc in dossier.articles_of(source.slug)}
    if not moving <= holding:
        stray = sorted(moving - holding)[0]
        raise _error(f"{stray} does not name '{source.slug}': split only its own articles")
    if moving == holding:
        raise _error(f"split would leave '{source.slug}' with no article: leave at least one, or rename it instead")
    name = action.value or str(source.meta.get("name") or source.slug)
    slug = base = slugify(name) or source.slug
    n = 2
    while slug in dossier.actors or slug in dossier.corrections.merged or slug in change.writes:
        slug, n = f"{base}-{n}", n + 1
    lines = ["---", f"name: {quote(name)}", "names:", f"  {_language(source)}: {quote(name)}"]
    if source.meta.get("kind"):
        lines.append(f"kind: {quote(str(source.meta['kind']))}")
    lines += ["stub: true", "---", ""]
    change.writes[f"content/actors/{slug}.md"] = "\n".join(lines)
    count = _retarget(dossier, change, {source.slug: slug}, only=moving)
    for doc in dossier.articles:
        if doc.rel in moving and doc.meta.get("raw"):
            # Ingest gives this story's person to the new profile when it reads the original again.
            dossier.corrections.split.setdefault(str(doc.meta["raw"]), {})[source.slug] = slug
    dossier.corrections.accepted.append(f"{min(slug, source.slug)} {max(slug, source.slug)}")
    change.said.append(f"split '{slug}' ({name}) from '{source.slug}': {count} articles moved, "
                       f"{len(holding) - count} stay")


def _language(doc: Doc) -> str:
    """Return the language of a profile's first per-language name, else 'en'."""
    names = doc.meta.get("names")
    return str(next(iter(names))) if isinstance(names, dict) and names else "en"


def _rename(dossier: Dossier, action: Action, change: Change) -> None:
    profile = _profile(dossier, action.slugs[0])
    name = " ".join(action.value.split())
    if not name:
        raise _error("rename needs the new name: build.py actors rename SLUG 'New Name'")
    old = str(profile.meta.get("name") or "")
    text = profile.text
    if name != old:
        text = rename_in_names(set_field(text, "name", name, profile.rel), old, name)
        if old:
            text = add_aliases(text, [old]) or text
        change.said.append(f"renamed '{profile.slug}': {old!r} is now {name!r}")
    new_slug = slugify(name) if action.reslug else profile.slug
    if new_slug and new_slug != profile.slug:
        if new_slug in dossier.actors:
            raise _error(f"'{new_slug}' is another profile: merge '{profile.slug}' into it instead")
        corrections = dossier.corrections
        corrections.merged.pop(new_slug, None)  # the address is a profile's again, not a redirect
        corrections.merged[profile.slug] = new_slug
        _forget(dossier, profile.slug)
        count = _retarget(dossier, change, {profile.slug: new_slug})
        change.writes[f"content/actors/{new_slug}.md"] = text
        change.removes.append(profile.rel)
        change.said.append(f"moved '{profile.slug}' to '{new_slug}' ({count} articles; the old address redirects)")
    elif text != profile.text:
        change.writes[profile.rel] = text


def _named(dossier: Dossier, key: str) -> str:
    """Return the slug key stands for: itself, or the one profile that has it as a name."""
    profiles = _by_name(dossier, key)
    return profiles[0].slug if len(profiles) == 1 else key


def _by_name(dossier: Dossier, key: str) -> list[Doc]:
    """Return the profile with slug key, else the profiles that have key among their names."""
    if key in dossier.actors:
        return [dossier.actors[key]]
    return [doc for doc in dossier.actors.values() if fold(key) in {fold(n) for n in doc.names}]


def _reject(dossier: Dossier, action: Action, change: Change) -> None:
    key = action.slugs[0]
    corrections = dossier.corrections
    profiles = _by_name(dossier, key)
    if len(profiles) > 1:
        raise _error(f"{key!r} names {len(profiles)} profiles ({', '.join(p.slug for p in profiles)}): "
                     "reject one by its slug")
    person = find_held(dossier, key) if not profiles else None
    if person is not None:
        release(dossier, person, change.writes)
        if fold(person.name) not in {fold(n) for n in corrections.rejected}:
            corrections.rejected.append(person.name)
        change.said.append(f"rejected '{person.name}' (held back): off the held list; ingest will not make an "
                           "actor of it again")
        return
    if not profiles:
        if fold(key) in {fold(n) for n in corrections.rejected}:
            change.said.append(f"{key!r} is rejected already")
            return
        raise _error(f"no profile is named {key!r}: `build.py actors` lists them (reject a slug or a name)")
    profile = profiles[0]
    if profile.body.strip():
        raise _error(f"{profile.rel} has a biography an editor wrote: delete its text first if it is "
                     "really no actor")
    count = _retarget(dossier, change, {profile.slug: None})
    change.removes.append(profile.rel)
    known = {fold(n) for n in corrections.rejected}
    # Its own names, not its aliases: a bare surname or an inflected form may be someone else's too.
    names = profile.meta.get("names")
    own = [profile.names[0], *(str(v) for v in names.values() if v)] if isinstance(names, dict) else [profile.names[0]]
    corrections.rejected += [n for n in dict.fromkeys([*own, key]) if fold(n) not in known and n != profile.slug]
    _forget(dossier, profile.slug)
    change.said.append(f"rejected '{profile.slug}' ({profile.names[0]}): removed from {count} articles; "
                       "ingest will not make an actor of its names again")


def _kind(dossier: Dossier, action: Action, change: Change) -> None:
    profile = _profile(dossier, action.slugs[0])
    if action.value not in PROFILE_KINDS:
        raise _error(f"kind {action.value!r} is not one of {', '.join(PROFILE_KINDS)}")
    if profile.meta.get("kind") == action.value:
        change.said.append(f"'{profile.slug}' is a {action.value} already")
        return
    change.writes[profile.rel] = set_field(profile.text, "kind", action.value, profile.rel,
                                           after=("name", "names", "aliases"))
    change.said.append(f"'{profile.slug}' is now a {action.value}")


def _accept(dossier: Dossier, action: Action, change: Change) -> None:
    person = find_held(dossier, action.slugs[0]) if action.slugs[0] not in dossier.actors else None
    if person is not None and len(action.slugs) == 1:
        slug, article = confirm(dossier, person, change.writes)
        dossier.corrections.accepted.append(slug)
        change.said.append(f"confirmed '{person.name}' (held back) as a person: profile '{slug}'"
                           + (f", linked in {article}" if article else ""))
        return
    # A name confirmed before is its profile now: accepting it again says so, like any repeat.
    slugs = sorted(dict.fromkeys(_named(dossier, key) for key in action.slugs))
    for slug in slugs:
        _profile(dossier, slug)
    entry = " ".join(slugs)
    if entry in dossier.corrections.accepted:
        change.said.append(f"{entry} is accepted already")
        return
    dossier.corrections.accepted.append(entry)
    change.said.append(f"accepted {entry}: no longer listed for review")
