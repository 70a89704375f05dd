"""The desk in the preview, /_desk/: the review list with a form for each correction.

Never part of the site: it exists only in the preview's answers. The forms run the same
corrections as `build.py actors` (dossier/desk); a POST needs the page's per-session token,
a JSON body and this preview's own origin, and the desk answers only on a loopback address.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..desk.actions import VERBS, Action, Change
from ..desk.command import correct
from ..desk.review import Item, list_actors, review
from ..desk.state import Doc, Dossier, read_dossier
from ..site.model import PROFILE_KINDS
from ..util.errors import DossierError

DESK_PATH = "/_desk/"
ACTION_PATH = DESK_PATH + "action"
STATIC = {DESK_PATH + "desk.js": ("desk.js", "text/javascript; charset=utf-8"),
          DESK_PATH + "desk.css": ("desk.css", "text/css; charset=utf-8")}
# The site's own policy, sent as a header too: the desk's script is a file, never inline.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'")
# Only a header can forbid framing (a page of another site framing the desk to click its buttons).
HEADER_CSP = CSP + "; frame-ancestors 'none'"
SHOWN = 200  # review items on the page: more would only slow the browser; the rest follow once these are done
LOG = 10  # last corrections shown at the top


@dataclass
class Answer:
    status: int
    kind: str
    data: bytes


@dataclass
class Desk:
    """One preview's desk: its token and the corrections made through it."""

    root: Path
    token: str
    log: list[dict[str, Any]] = field(default_factory=list)  # newest first
    # Held while a correction writes its files: the rebuild loop waits for it, so that a
    # correction is rebuilt once, whole, not first in part and then again.
    writing: threading.Lock = field(default_factory=threading.Lock)
    known: dict[str, Doc] = field(default_factory=dict)  # the files as last read, not parsed again unchanged

    def page(self, base_path: str, reload_tag: bytes) -> Answer:
        """Return the desk page: recent corrections, then the review list with its forms.

        base_path: where the preview serves the site, to link each profile's page.
        """
        try:
            dossier = read_dossier(self.root, self.known)
        except DossierError as exc:
            body = f"<h1>Desk</h1><p role=\"alert\">{escape(str(exc))}</p>"
        else:
            body = _render(dossier, review(dossier), self.log, base_path)
        html = (f"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
                f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                f"<meta name=\"robots\" content=\"noindex\">\n<meta name=\"desk-token\" content=\"{escape(self.token)}\">\n"
                f"<title>Desk · who is who</title>\n<link rel=\"stylesheet\" href=\"{DESK_PATH}desk.css\">\n"
                f"<script src=\"{DESK_PATH}desk.js\" defer></script>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
                f"</body>\n</html>\n")
        return Answer(200, "text/html; charset=utf-8", html.encode("utf-8").replace(b"</body>", reload_tag + b"</body>"))

    def act(self, token: str, kind: str, body: bytes) -> Answer:
        """Run one correction a desk page asked for; 4xx and one line for a request or input that is wrong."""
        if not hmac.compare_digest(token.encode("utf-8"), self.token.encode("utf-8")):
            return _refused(403, "wrong or missing desk token: reload /_desk/ and try again")
        if kind.split(";")[0].strip() != "application/json":
            return _refused(415, "the desk takes JSON only")
        try:
            action = parse_action(json.loads(body or b"{}"))
        except (ValueError, TypeError) as exc:
            return _refused(400, str(exc))
        try:
            with self.writing:
                change = correct(self.root, action, known=self.known)
        except DossierError as exc:
            return _refused(400, "; ".join(str(p) for p in exc.problems))
        record = result(action, change)
        self.log.insert(0, record)
        del self.log[LOG:]
        return Answer(200, "application/json", json.dumps(record, ensure_ascii=False).encode("utf-8"))


def parse_action(data: Any) -> Action:
    """Return the Action a desk request names; raise ValueError saying what is wrong."""
    if not isinstance(data, dict) or data.get("verb") not in VERBS:
        raise ValueError(f"'verb' must be one of {', '.join(VERBS)}")
    slugs, articles = data.get("slugs"), data.get("articles", [])
    if not isinstance(slugs, list) or not slugs or not all(isinstance(s, str) and s for s in slugs):
        raise ValueError("'slugs' must be a list of profile slugs (or a name held back)")
    if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
        raise ValueError("'articles' must be a list of article slugs")
    value = data.get("value", "")
    if not isinstance(value, str):
        raise ValueError("'value' must be text")
    return Action(str(data["verb"]), tuple(slugs), value.strip(), tuple(articles), data.get("reslug") is True)


def result(action: Action, change: Change) -> dict[str, Any]:
    """Return what the desk tells about a correction: its command, what it said and changed."""
    return {"command": action.command(), "said": change.said or ["nothing to change"],
            "written": sorted(change.writes), "removed": change.removes}


def loopback(host: str) -> bool:
    """Tell whether the preview is bound to a loopback address, where only this machine reaches it."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def static_file(path: str) -> Answer:
    name, kind = STATIC[path]
    return Answer(200, kind, (Path(__file__).parent / name).read_bytes())


def _refused(status: int, message: str) -> Answer:
    return Answer(status, "application/json", json.dumps({"error": message}, ensure_ascii=False).encode("utf-8"))


def _render(dossier: Dossier, items: list[Item], log: list[dict[str, Any]], base: str) -> str:
    entries = list_actors(dossier)
    actors = "1 actor" if len(entries) == 1 else f"{len(entries)} actors"
    parts = ["<h1>Desk: who is who</h1>",
             f"<p>{actors}, {len(items)} to review. Each button runs the same correction as the "
             "command shown beside it; the preview then rebuilds and reloads the pages it changed.</p>",
             '<p id="desk-status" role="status" aria-live="polite"></p>']
    if dossier.held_warning:
        parts.append(f'<p role="alert">{escape(dossier.held_warning)}</p>')
    if log:
        parts.append('<section aria-labelledby="log-h"><h2 id="log-h">Done</h2><ul class="log">')
        parts += [f"<li><code>{escape(r['command'])}</code>: {escape('; '.join(r['said']))}</li>" for r in log]
        parts.append("</ul></section>")
    parts.append('<datalist id="desk-actors">')
    parts += [f'<option value="{escape(e.slug)}">{escape(e.name)}</option>' for e in entries]
    parts.append("</datalist>")
    parts.append('<section aria-labelledby="review-h"><h2 id="review-h">To review</h2><ol class="items">')
    parts += [_item(dossier, item, n, base) for n, item in enumerate(items[:SHOWN])]
    parts.append("</ol></section>")
    return "\n".join(parts)


def _head(item: Item, n: int, title: str, css: str = "item") -> list[str]:
    """Return an entry's opening: its title (HTML), why it is listed and the sentences behind it."""
    out = [f'<li class="{css}" id="item-{n}"><h3>{title}</h3><p class="reasons">{escape(", ".join(item.reasons))}</p>']
    if item.sentences:
        out.append('<ul class="sentences">' + "".join(f"<li>{escape(s)}</li>" for s in item.sentences) + "</ul>")
    return out


def _held_item(item: Item, n: int) -> str:
    """Return a held name's entry: confirm it, merge it into a profile, or reject it; it has no page yet."""
    name = item.names[0]
    out = _head(item, n, escape(name), "item held")
    out += ['<div class="actions">',
            _form("accept", [name], "Confirm: a person", Action("accept", (name,)).command()),
            _form("merge", [name], "Merge into…", Action("merge", (name,), "TARGET").command(),
                  field_html=_input(f"merge-{n}", "Target profile", 'list="desk-actors" required')),
            _form("reject", [name], "Reject: not an actor", Action("reject", (name,)).command()),
            "</div></li>"]
    return "\n".join(out)


def _item(dossier: Dossier, item: Item, n: int, base: str) -> str:
    if item.held:
        return _held_item(item, n)
    names = " + ".join(f'<a href="{escape(base)}actors/{escape(slug)}/">{escape(name)}</a> <code>{escape(slug)}</code>'
                       for slug, name in zip(item.slugs, item.names))
    out = _head(item, n, names)
    out.append('<div class="actions">')
    slugs = item.slugs
    out.append(_form("accept", slugs, "Accept", f"build.py actors accept {' '.join(slugs)}"))
    if len(slugs) == 2:
        a, b = slugs
        out.append(_form("merge", [a], f"Merge {a} into {b}", f"build.py actors merge {a} --into {b}", value=b))
        out.append(_form("merge", [b], f"Merge {b} into {a}", f"build.py actors merge {b} --into {a}", value=a))
    else:
        slug = slugs[0]
        out.append(_form("merge", slugs, "Merge into…", f"build.py actors merge {slug} --into TARGET",
                         field_html=_input(f"merge-{n}", "Target profile", 'list="desk-actors" required')))
        out.append(_form("rename", slugs, "Rename", f"build.py actors rename {slug} NEW-NAME [--slug]",
                         field_html=_input(f"rename-{n}", "New name", "required")
                         + '<label><input type="checkbox" name="reslug"> new address too</label>'))
        out.append(_form("reject", slugs, "Reject: not an actor", f"build.py actors reject {slug}"))
        kinds = "".join(f'<option value="{k}">{k}</option>' for k in PROFILE_KINDS)
        out.append(_form("kind", slugs, "Set kind", f"build.py actors kind {slug} KIND",
                         field_html=f'<label for="kind-{n}">Kind</label><select id="kind-{n}" name="value">{kinds}</select>'))
    out += [_split_form(dossier, slug, f"{n}-{i}") for i, slug in enumerate(slugs)
            if len(dossier.articles_of(slug)) > 1]
    out.append("</div></li>")
    return "\n".join(out)


def _split_form(dossier: Dossier, slug: str, ident: str) -> str:
    """Return the form that gives some of a profile's articles to a new profile (one profile, two people)."""
    boxes = "".join(f'<label><input type="checkbox" name="articles" value="{escape(doc.slug)}"> '
                    f"{escape(str(doc.meta.get('title') or doc.slug))}</label>" for doc in dossier.articles_of(slug)[:20])
    return _form("split", [slug], f"Split {slug}", f"build.py actors split {slug} --articles … --name NEW",
                 field_html=f"<fieldset><legend>Articles of {escape(slug)} about another person</legend>{boxes}"
                 f"</fieldset>" + _input(f"split-{ident}", "Their name", ""))


def _input(ident: str, label: str, attributes: str) -> str:
    return f'<label for="{ident}">{label}</label><input id="{ident}" name="value" {attributes}>'


def _form(verb: str, slugs: list[str], button: str, command: str, value: str = "", field_html: str = "") -> str:
    hidden = "".join(f'<input type="hidden" name="slugs" value="{escape(s)}">' for s in slugs)
    if value:
        hidden += f'<input type="hidden" name="value" value="{escape(value)}">'
    return (f'<form class="desk-action" method="post" action="{ACTION_PATH}" data-verb="{verb}">{hidden}{field_html}'
            f'<button type="submit">{escape(button)}</button> <code class="command">{escape(command)}</code></form>')
