"""Write new actor profiles, and add aliases to existing ones without rewriting them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .profiles import Known

if TYPE_CHECKING:
    from .compose import ActorRef


def _quote(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style='"').strip()


# What a stub tells its editor, in the dossier's language (a YAML comment: never shown).
STUB_NOTES = {
    "ru": "Заготовка профиля от ingest: проверьте имя и роль, напишите биографию ниже и удалите строку stub.",
    "en": "Profile stub written by ingest: check the name and the role, write a bio below, then delete the stub line.",
}


def render_stub(actor: ActorRef, language: str = "en") -> str:
    """Return a profile stub for a new actor: name, names, aliases seen, kind, role; no bio."""
    note = STUB_NOTES.get(language, STUB_NOTES["en"])
    lines = ["---", f"# {note}", f"name: {_quote(actor.name)}", "names:", f"  {actor.lang}: {_quote(actor.name)}"]
    lines.append("aliases: [" + ", ".join(_quote(a) for a in _stub_aliases(actor)) + "]")
    lines.append(f"kind: {actor.kind}")
    if actor.role:
        lines.append(f"role: {_quote(actor.role)}")
    # Until someone writes a bio the page stays out of search and search engines.
    lines += ["stub: true", "---", ""]
    return "\n".join(lines)


SOURCE_NOTES = {
    "ru": "Заготовка профиля от ingest: проверьте название, добавьте описание ниже и удалите строку stub.",
    "en": "Source stub written by ingest: check the name, describe the outlet below, then delete the stub line.",
}


def render_source_stub(name: str, language: str = "en") -> str:
    """Return a profile stub for a source a story names: its name as the story or page writes it."""
    note = SOURCE_NOTES.get(language, SOURCE_NOTES["en"])
    return "\n".join(["---", f"# {note}", f"name: {_quote(name)}", "stub: true", "---", ""])


def stub_profile(actor: ActorRef, path: Path) -> Known:
    """Return the profile a new actor's stub gives, as matching reads it from the stub's file."""
    name = actor.name or actor.slug
    names = [name, *([actor.name] if actor.name else []), *(a for a in _stub_aliases(actor) if a)]
    return Known("actors", actor.slug, name, tuple(dict.fromkeys(names)), actor.kind, (), path)


def _stub_aliases(actor: ActorRef) -> list[str]:
    return [a for a in dict.fromkeys(actor.aliases) if a != actor.name]


def _fuller(new: str, old: str) -> bool:
    """Return whether new names old's person more fully: "Владимир Путин" for "Путин" or "В Путин"."""
    a, b = old.split(), new.split()
    if not a or len(b) < 2 or b[-1].lower() != a[-1].lower() or len(b) < len(a):
        return False
    initials = a[:-1]
    return all(len(i.rstrip(".")) == 1 and w.lower().startswith(i.rstrip(".").lower())
               for i, w in zip(initials, b[:-1])) and (len(b) > len(a) or bool(initials))


def learn_name(text: str, name: str, lang: str) -> str | None:
    """Return a stub's text with a fuller name ("Владимир Путин" for "Путин"), or None.

    Only a stub ingest wrote and nobody edited (stub: true, no bio) learns; only a name
    with the stub's surname and more of the given name is fuller ("Наото Кан" for "Н Кан").
    """
    head, meta = _stub_head(text)
    old = str(meta.get("name", ""))
    if head is None or not _fuller(name, old):
        return None
    head = re.sub(r"(?m)^name: .*$", lambda m: f"name: {_quote(name)}", head, count=1)
    head = re.sub(rf"(?m)^(\s+{re.escape(lang)}): .*$", lambda m: f"{m.group(1)}: {_quote(name)}", head, count=1)
    return "---\n" + head + "---\n"


def learn_language(text: str, name: str, lang: str) -> str | None:
    """Return a stub's text with its name in one more language ("ru" beside "en"), or None.

    Only an unedited stub learns, and only a language its names lack.
    """
    head, meta = _stub_head(text)
    names = meta.get("names")
    if head is None or not isinstance(names, dict) or lang in names or not re.search(r"(?m)^names:\s*$", head):
        return None
    head = re.sub(r"(?m)^names:\s*$", lambda m: f"names:\n  {lang}: {_quote(name)}", head, count=1)
    return "---\n" + head + "---\n"


def _stub_head(text: str) -> tuple[str | None, dict]:
    """Return the front matter text and data of an unedited stub (stub: true, no bio), else (None, {})."""
    match = re.match(r"---\n(.*?\n)---\n?(.*)$", text, re.S)
    if not match or match.group(2).strip():
        return None, {}
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict) or meta.get("stub") is not True:
        return None, {}
    return match.group(1), meta


def add_aliases(text: str, aliases: list[str]) -> str | None:
    """Return the profile text with aliases added to its front matter, the rest untouched.

    None when the aliases field has a shape we cannot extend line by line.
    """
    match = re.match(r"---\n(.*?\n)---(\n|$)", text.replace("\r\n", "\n"), re.S)
    if not match:
        return None
    head = match.group(1)
    meta = yaml.safe_load(head) or {}
    if not isinstance(meta, dict):
        return None
    existing = meta.get("aliases") or []
    if not isinstance(existing, list):
        return None
    have = {str(a).lower() for a in existing} | {str(meta.get("name", "")).lower()}
    missing = [a for a in dict.fromkeys(aliases) if a.lower() not in have]
    if not missing:
        return text
    lines = head.splitlines()
    index = next((i for i, line in enumerate(lines) if re.match(r"aliases\s*:", line)), None)
    if index is None:
        lines.append("aliases: [" + ", ".join(_quote(a) for a in missing) + "]")
    elif lines[index].rstrip().endswith("]"):
        # Flow list on one line: re-emit just that line.
        lines[index] = "aliases: [" + ", ".join(_quote(str(a)) for a in [*existing, *missing]) + "]"
    else:
        end = index + 1
        while end < len(lines) and re.match(r"\s*- ", lines[end]):
            end += 1
        if end == index + 1 and lines[index].split(":", 1)[1].strip():
            return None
        indent = re.match(r"(\s*)- ", lines[index + 1]).group(1) if end > index + 1 else "  "
        lines[end:end] = [f"{indent}- {_quote(a)}" for a in missing]
    new_head = "\n".join(lines) + "\n"
    check = yaml.safe_load(new_head)
    if not isinstance(check, dict) or check.get("aliases") != [*existing, *missing]:
        return None
    return "---\n" + new_head + text.replace("\r\n", "\n")[match.end(1):]
