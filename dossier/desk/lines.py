"""Edit front matter line by line, so a correction's diff shows only the lines it changes."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..ingest.translit import is_cyrillic
from ..site.corrections import SlugMap, map_actors, map_slugs
from ..util.errors import DossierError, Problem

_HEAD = re.compile(r"---\n(.*?\n)---(?:\n|$)", re.S)
_FLOW = re.compile(r"^(?P<lead>\s*(?:-\s+)?actors:\s*)\[(?P<items>[^\]\[]*)\](?P<tail>\s*(?:#.*)?)$")
_BLOCK = re.compile(r"^\s*(?:-\s+)?actors:\s*$")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<slug>['\"]?[a-z0-9-]+['\"]?)\s*$")
_SPEAKER = re.compile(r"^(?P<lead>\s*(?:-\s+)?actor:\s*)(?P<slug>['\"]?[a-z0-9-]+['\"]?)\s*$")


def split_text(text: str) -> tuple[str, str]:
    """Return (front matter without its '---' lines, the rest) of a content file's text."""
    match = _HEAD.match(text)
    if not match:
        raise ValueError("no front matter")
    return match.group(1), text[match.end():]


def join_text(head: str, body: str) -> str:
    return f"---\n{head}---\n{body}"


def retarget(text: str, mapping: SlugMap, rel: str) -> str:
    """Return an article's text with its actor slugs mapped in actors, quotes and events.

    Only the lines naming a mapped slug change; the result is checked against the same
    mapping applied to the parsed front matter, and a shape this cannot edit is one error.
    """
    head, body = split_text(text)
    lines = head.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        flow, block, speaker = _FLOW.match(line), _BLOCK.match(line), _SPEAKER.match(line)
        if flow:
            items = [_unquote(item) for item in flow["items"].split(",") if item.strip()]
            mapped = map_slugs(items, mapping)
            out.append(line if mapped == items else f"{flow['lead']}[{', '.join(mapped)}]{flow['tail']}")
        elif block:
            out.append(line)
            seen: set[str] = set()
            while index + 1 < len(lines) and (item := _ITEM.match(lines[index + 1])):
                index += 1
                slug = _unquote(item["slug"])
                new = mapping.get(slug, slug)
                if new is not None and new not in seen:
                    seen.add(new)
                    out.append(lines[index] if new == slug else f"{item['indent']}- {new}")
        elif speaker and _unquote(speaker["slug"]) in mapping:
            new = mapping[_unquote(speaker["slug"])]
            if new is not None:
                out.append(f"{speaker['lead']}{new}")
            elif speaker["lead"].lstrip().startswith("-") and index + 1 < len(lines):
                # The speaker opened the list item: the next field takes its dash.
                dash = speaker["lead"][:speaker["lead"].index("-") + 2]
                following = lines[index + 1]
                out.append(dash + following[len(dash):] if following[:len(dash)].isspace() else following)
                index += 1
        else:
            out.append(line)
        index += 1
    new_head = "\n".join(out)
    new_text = join_text(new_head, _relink(body, mapping))
    if new_text != text and _load(new_head) != map_actors(_load(head), mapping):
        raise DossierError(Problem(rel, "its actors are written in a shape the desk cannot edit line by line: "
                                        "write 'actors: [a, b]' and each quote's 'actor: slug' on its own line"))
    return new_text


def add_actor(text: str, slug: str, rel: str) -> str:
    """Return an article's text with slug added to its `actors` (a list it extends, or a new field)."""
    head, body = split_text(text)
    before = _load(head)
    if slug in (before.get("actors") or []):
        return text
    lines = head.rstrip("\n").split("\n")
    at = next((i for i, line in enumerate(lines) if re.match(r"actors\s*:", line)), None)
    flow = _FLOW.match(lines[at]) if at is not None else None
    if flow:
        items = [item.strip() for item in flow["items"].split(",") if item.strip()]
        lines[at] = f"{flow['lead']}[{', '.join([*items, slug])}]{flow['tail']}"
    elif at is not None and _BLOCK.match(lines[at]):
        end, indent = at + 1, ""
        while end < len(lines) and (item := _ITEM.match(lines[end])):
            end, indent = end + 1, item["indent"]
        lines.insert(end, f"{indent}- {slug}")
    elif at is None:
        lines.append(f"actors: [{slug}]")
    new_head = "\n".join(lines) + "\n"
    if _load(new_head).get("actors") != [*(before.get("actors") or []), slug]:
        raise DossierError(Problem(rel, "its actors are written in a shape the desk cannot edit line by line: "
                                        "write 'actors: [a, b]'"))
    return join_text(new_head, body)


def _unquote(item: str) -> str:
    return item.strip().strip("'\"")


def _relink(body: str, mapping: SlugMap) -> str:
    """Point the body's links to a mapped profile (/actors/old/) at the new one."""
    for old, new in mapping.items():
        if new is not None:
            body = body.replace(f"/actors/{old}/", f"/actors/{new}/")
    return body


def _load(head: str) -> Any:
    return yaml.safe_load(head) or {}


def names_slugs(meta: dict[str, Any]) -> set[str]:
    """Return every actor slug an article's front matter names: actors, speakers, events' actors."""
    found = {str(s) for s in meta.get("actors") or [] if isinstance(meta.get("actors"), list)}
    for quote in meta.get("quotes") or []:
        if isinstance(quote, dict) and quote.get("actor"):
            found.add(str(quote["actor"]))
    for event in meta.get("events") or []:
        if isinstance(event, dict) and isinstance(event.get("actors"), list):
            found.update(str(s) for s in event["actors"])
    return found


def set_field(text: str, key: str, value: str, rel: str, after: tuple[str, ...] = ("name",)) -> str:
    """Return a profile's text with a one-line top-level field set (replaced in place, or added)."""
    head, body = split_text(text)
    lines = head.rstrip("\n").split("\n")
    line = f"{key}: {quote(value)}"
    at = next((i for i, old in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", old)), None)
    if at is not None:
        if at + 1 < len(lines) and lines[at + 1][:1].isspace():
            raise DossierError(Problem(rel, f"'{key}' spans several lines: write it on one line to let the desk change it"))
        lines[at] = line
    else:
        anchor = max((i for i, old in enumerate(lines) if any(re.match(rf"{k}\s*:", old) for k in after)),
                     default=len(lines) - 1)
        while anchor + 1 < len(lines) and lines[anchor + 1][:1].isspace():
            anchor += 1  # past the anchor's own indented lines
        lines.insert(anchor + 1, line)
    return join_text("\n".join(lines) + "\n", body)


def rename_in_names(text: str, old: str, new: str) -> str:
    """Return a profile's text with each `names:` entry that read old now reading new, in the same script."""
    if is_cyrillic(old) != is_cyrillic(new):
        return text  # a Latin name is no Russian entry's: ingest would match stories by it
    head, body = split_text(text)
    lines = head.split("\n")
    inside = False
    for i, line in enumerate(lines):
        if re.match(r"names\s*:\s*$", line):
            inside = True
            continue
        if inside and not line[:1].isspace():
            inside = False
        match = re.match(r"^(\s+[\w-]+:\s*)(.+)$", line) if inside else None
        if match and str(yaml.safe_load(match.group(2))) == old:
            lines[i] = match.group(1) + quote(new)
    return join_text("\n".join(lines), body)


def quote(value: str) -> str:
    """Return a scalar as one line of YAML, quoted as ingest quotes profile fields."""
    if re.fullmatch(r"[a-z0-9-]+", value):
        return value
    return yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style='"').strip()
