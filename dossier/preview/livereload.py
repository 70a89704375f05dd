"""Live reload: server-sent events to open tabs, and the script serve injects into pages."""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

EVENTS_PATH = "/__dossier/events"
SCRIPT_PATH = "/__dossier/livereload.js"
_HEARTBEAT = 15.0  # seconds; lets a handler notice a closed tab and end its thread
_KEPT_GENERATIONS = 64  # a tab further behind than this reloads whatever changed


@dataclass
class _State:
    generation: int = 0  # bumped after each rebuild that changed the output
    # URL paths of the pages each generation changed; None: every page may have.
    changed: dict[int, frozenset[str] | None] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # one line each, as the terminal printed them
    closed: bool = False
    version: int = 0  # bumped on any change, so waiters know to look


@dataclass
class Broadcaster:
    """Hold the preview's state (generation, current problems) and wake every listening tab."""

    session: str = field(default_factory=lambda: secrets.token_hex(8))
    _state: _State = field(default_factory=_State)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def generation(self) -> int:
        return self._state.generation

    @property
    def problems(self) -> tuple[str, ...]:
        return self._state.problems

    def publish(self, *, reload: bool, problems: list[str], pages: Iterable[str] | None = None) -> None:
        """Record a rebuild's outcome: tabs reload if reload, and show problems in an overlay.

        pages names the URL paths that changed, so a tab showing another page stays as
        it is; None means any page may have changed.
        """
        with self._changed:
            state = self._state
            if reload:
                state.generation += 1
                state.changed[state.generation] = None if pages is None else frozenset(pages)
                state.changed.pop(state.generation - _KEPT_GENERATIONS, None)
            state.problems = tuple(problems)
            state.version += 1
            self._changed.notify_all()

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        with self._changed:
            self._state.closed = True
            self._state.version += 1
            self._changed.notify_all()

    def stream(self, session: str, since: int, send: Callable[[str], None]) -> None:
        """Send events to one tab that loaded generation `since` until it leaves or we close."""
        # A tab from an earlier serve run, or one that loaded before the latest rebuild, is stale.
        seen_generation = -1 if session != self.session else since
        seen_problems: tuple[str, ...] | None = None
        seen_version = -1
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._state.version != seen_version, timeout=_HEARTBEAT)
                state = self._state
                if state.closed:
                    return
                timed_out = state.version == seen_version
                seen_version = state.version
                generation, problems = state.generation, state.problems
            # Sending outside the lock: a slow tab must not hold up the others. OSError ends it.
            if generation != seen_generation:
                # The tab reloads (or, if its page is not among those changed, listens
                # again from this generation) and opens a fresh stream.
                pages = self._changed_since(seen_generation, generation)
                send(_event("reload", {"generation": generation,
                                       "pages": None if pages is None else sorted(pages)}))
                return
            if problems != seen_problems:
                seen_problems = problems
                send(_event("problems" if problems else "ok", {"lines": list(problems)}))
            elif timed_out:
                send(": heartbeat\n\n")


    def _changed_since(self, seen: int, generation: int) -> frozenset[str] | None:
        """Return the pages changed after generation seen up to generation, None if unknown."""
        if seen < 0:
            return None
        pages: set[str] = set()
        with self._changed:
            for number in range(seen + 1, generation + 1):
                changed = self._state.changed.get(number)
                if changed is None:
                    return None
                pages |= changed
        return frozenset(pages)


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


# Problems reach the page as JSON and the overlay puts them in with textContent, so a
# file name or message holding markup is shown as text, never parsed. The script is a
# file of its own, its state in data- attributes: the pages' Content-Security-Policy
# runs no inline script.
SCRIPT = """(function () {
  var tag = document.currentScript;
  var page = tag.hasAttribute("data-page") ? tag.getAttribute("data-page") : null;
  var session = tag.getAttribute("data-session");
  var overlay = null;
  function listen(since) {
  var source = new EventSource(%(events)s + "?session=" + encodeURIComponent(session) + "&since=" + since);
  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    source.close();
    if (page !== null && data.pages !== null && data.pages.indexOf(page) < 0) {
      listen(data.generation);  /* this page did not change */
    } else {
      location.reload();
    }
  });
  source.addEventListener("ok", function () { if (overlay) { overlay.remove(); overlay = null; } });
  source.addEventListener("problems", function (event) {
    var lines = JSON.parse(event.data).lines;
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dossier-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#3b0a0a;color:#fff;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;box-shadow:0 -4px 16px #0008";
      var title = document.createElement("strong");
      title.textContent = "Build failed: the last good version is shown. Fix the file and save.";
      var list = document.createElement("pre");
      list.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0";
      overlay.append(title, list);
      document.body.append(overlay);
    }
    overlay.querySelector("pre").textContent = lines.map(function (l) { return "error: " + l; }).join("\\n");
  });
  }
  listen(Number(tag.getAttribute("data-since")));
}());
""" % {"events": json.dumps(EVENTS_PATH)}
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def script_tag(session: str, generation: int, page: str | None) -> bytes:
    """Return the reload script's tag for the page at URL path page (None: a 404) served at generation."""
    state = f' data-session="{escape(session)}" data-since="{generation}"'
    if page is not None:
        state += f' data-page="{escape(page)}"'
    return f'<script src="{SCRIPT_PATH}" data-dossier-livereload{state}></script>\n'.encode("utf-8")


def inject(html: bytes, tag: bytes) -> bytes:
    """Insert tag before the page's last </body>, or at its end when there is none."""
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + tag
    at = matches[-1].start()
    return html[:at] + tag + html[at:]
