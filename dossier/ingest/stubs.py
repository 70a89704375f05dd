"""Write new actor profiles, and add aliases to existing ones without rewriting them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .compose import ActorRef


def _quote(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style='"').strip()


def render_stub(actor: ActorRef) -> str:
    """Return a profile stub for a new actor: name, names, aliases seen, kind, role."""
    lines = ["---", f"name: {_quote(actor.name)}", "names:", f"  {actor.lang}: {_quote(actor.name)}"]
    aliases = [a for a in dict.fromkeys(actor.aliases) if a != actor.name]
    lines.append("aliases: [" + ", ".join(_quote(a) for a in aliases) + "]")
    lines.append(f"kind: {actor.kind}")
    if actor.role:
        lines.append(f"role: {_quote(actor.role)}")
    lines += ["---", "Profile stub written by ingest: check the name and the role, add a bio.", ""]
    return "\n".join(lines)


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
