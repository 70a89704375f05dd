"""Live preview: build, serve under the base path, rebuild what changed, reload open tabs."""

from __future__ import annotations

import argparse
import http.server
import ipaddress
import mimetypes
import queue
import signal
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, quote, unquote, urlsplit

from watchdog.observers import Observer

from ..build import Builder, BuildReport, open_out_dir
from ..site.assemble import Site
from ..site.cache import FOLDER
from ..site.config import load_config
from ..util.errors import DossierError, Problem
from . import livereload
from .watch import SETTINGS_FILE, WATCHED_DIRS, Change, Enqueue, Plan, collect, plan

# Inside the site's own cache: public/ stays exactly what `build` wrote, and the
# reload script only ever exists in responses, never in a file.
PREVIEW_DIR = Path(".cache") / "preview"
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".json": "application/json",
          ".xml": "application/xml; charset=utf-8", ".svg": "image/svg+xml",
          ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8"}
_NOT_BUILT = (b"<!doctype html><html><head><meta charset='utf-8'><title>dossier preview</title>"
              b"</head><body><p>Nothing built yet.</p></body></html>")
_STOP = Change(PurePosixPath("."))


def serve(args: argparse.Namespace) -> int:
    """Run the preview until Ctrl-C: the `build.py serve` command."""
    preview = Preview(args.root, host=args.host, port=args.port, drafts=args.drafts,
                      search=not args.no_search)
    # A service manager or `timeout` stops with SIGTERM: stop as cleanly as on Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        url = preview.start()
        print(f"serving {url} (Ctrl-C to stop)", flush=True)
        if args.open:
            webbrowser.open(url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    print("stopped", flush=True)
    return 0


class Preview:
    """A preview of one site: its server, its watcher and its rebuild loop."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 8000,
                 drafts: bool = False, search: bool = True, out_dir: Path | None = None):
        self.root = root.resolve()
        self.drafts = drafts
        self.search = search
        self.out_dir = (out_dir or self.root / PREVIEW_DIR).resolve()
        self.base_path = "/"
        self.broadcaster = livereload.Broadcaster()
        self.events: queue.Queue[Change] = queue.Queue()
        self.server = _Server((host, port), _Handler, self)
        self.host = host
        self.port = self.server.server_address[1]
        self.observer = Observer()
        self._handler = Enqueue(self.root, self.events)
        self._watched: set[str] = set()  # which of WATCHED_DIRS have a watch
        self.indexer = _Indexer(self.out_dir, self.root / FOLDER, lambda: self._site)
        self._builder: Builder | None = None
        self._site: Site | None = None
        self._warnings: list[str] = []
        self._builder_base = ""
        self._threads: list[threading.Thread] = []
        self.rebuilds = 0  # successful builds, the first included

    def __enter__(self) -> Preview:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.base_path}"

    def start(self) -> str:
        """Build once, then serve and watch; return the preview's URL."""
        self._finish_killed_build()
        # Watch before the first build, so an edit made while it runs is not lost.
        self._watch()
        # Stories left in inbox/ since the last session: the folder is walked like a new one.
        self.apply(Plan(ingest=[PurePosixPath("inbox")], content=True, layouts=True, static=True,
                        settings=True), first=True)
        for target in (self.server.serve_forever, self._loop):
            thread = threading.Thread(target=target, daemon=True, name=f"preview-{target.__name__}")
            thread.start()
            self._threads.append(thread)
        return self.url

    def _finish_killed_build(self) -> None:
        """Finish or undo a `build` killed while it wrote the site's output folder, as the next build would."""
        try:
            open_out_dir(self.root, (self.root / load_config(self.root).output_dir).resolve())
        except DossierError:
            pass  # a broken site.yml is reported by the first build; a foreign folder is not ours to touch

    def refusal(self, host: str | None, origin: str | None, reading: bool) -> int:
        """Return 0 for a request this preview answers, else the status refusing it.

        A page of another site that a browser resolves to 127.0.0.1 (DNS rebinding) sends its
        own name as Host (421); a page elsewhere sending a form or a script's request here
        names itself as Origin (403). Only the names the preview is served under, and
        addresses, are answered.
        """
        if host is not None and not self._ours(host):
            return 421
        if not reading and origin is not None and not (origin.startswith("http://") and self._ours(origin[7:])):
            return 403
        return 0

    def _ours(self, netloc: str) -> bool:
        try:
            parts = urlsplit("//" + netloc)
            port = parts.port or 80
        except ValueError:
            return False
        name = (parts.hostname or "").lower()
        if port != self.port or parts.path or parts.username is not None:
            return False
        if name in ("localhost", self.host.lower()):
            return True
        try:
            ipaddress.ip_address(name)  # an address, not a name: nothing a rebinding page can send
        except ValueError:
            return False
        return True

    def stop(self) -> None:
        """Stop watching, end event streams and close the server."""
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join(timeout=5)
        self.events.put(_STOP)
        self.broadcaster.close()
        if self._threads:
            self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        self.indexer.stop()

    def _watch(self) -> None:
        # The root itself only non-recursively: its output and cache folders are not ours.
        self.observer.schedule(self._handler, str(self.root), recursive=False)
        self._schedule_folders()
        self.observer.start()

    def _schedule_folders(self) -> None:
        for name in WATCHED_DIRS:
            folder = self.root / name
            if name not in self._watched and folder.is_dir():
                self.observer.schedule(self._handler, str(folder), recursive=True)
                self._watched.add(name)

    def _loop(self) -> None:
        while True:
            first = self.events.get()
            if first is _STOP:
                return
            batch = collect(self.events, first)
            if _STOP in batch:
                return
            # A folder created after start (inbox/, layouts/) is watched from now on.
            self._schedule_folders()
            self.apply(plan(batch))

    def apply(self, todo: Plan, first: bool = False) -> None:
        """Ingest, rebuild and tell the tabs; print and show every problem, never raise."""
        problems: list[Problem] = []
        ingested = False
        stories = inbox_stories(self.root, todo.ingest)
        if stories:
            try:
                ingested, problems = ingest_stories(self.root, stories)
            except DossierError as exc:
                problems += exc.problems
        if not (todo.rebuild or ingested):
            if problems:
                self._report(problems, changed=False)
            return
        started = time.perf_counter()
        self._show_saved(todo, first or ingested)
        try:
            report = self._rebuild(todo.settings or first)
        except DossierError as exc:
            self._report(problems + exc.problems, changed=False)
            return
        except Exception as exc:  # noqa: BLE001 - a bug must not take the preview down
            traceback.print_exc(file=sys.stderr)
            self._report(problems + [Problem("build", f"internal error: {exc!r}")], changed=False)
            return
        self.rebuilds += 1
        changed = len(report.changed_paths)
        if not first:
            print(f"rebuilt in {time.perf_counter() - started:.2f}s: {report.rendered} pages rendered, "
                  f"{changed} files changed", flush=True)
        # Recovering from an error reloads every tab: each shows the overlay.
        recovered = bool(self.broadcaster.problems)
        self._report(problems, changed=changed > 0 or recovered,
                     pages=None if recovered else self._pages(report.changed_paths))
        # The first build indexes even when no page changed: the last session may have
        # stopped before its index was written.
        if self.search and (first or changed and (todo.reindex or ingested)):
            self.indexer.request()

    def _report(self, problems: list[Problem], changed: bool, pages: list[str] | None = None) -> None:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr, flush=True)
        self.broadcaster.publish(reload=changed, problems=[str(p) for p in problems], pages=pages)

    def _show_saved(self, todo: Plan, whole: bool) -> None:
        """Reload the tabs on saved articles' own pages before the rest is rebuilt."""
        # As Hugo's fast render: the page an editor is looking at first, in a fraction of
        # a full rebuild's time at 10,000 articles; lists and profiles follow with it.
        if (not todo.saved or whole or self._builder is None or self.broadcaster.problems
                or todo.settings or todo.layouts or todo.static):
            return
        try:
            shown = self._builder.render_edited([path.as_posix() for path in todo.saved])
        except Exception:  # noqa: BLE001 - only a head start: the rebuild that follows reports
            traceback.print_exc(file=sys.stderr)
            return
        if shown:
            self.broadcaster.publish(reload=True, problems=[], pages=self._pages(shown))

    def _pages(self, output_paths: list[str]) -> list[str] | None:
        """Return the URL paths of the pages among output_paths; None if a stylesheet or other asset changed."""
        pages = []
        for path in output_paths:
            if path.endswith(".html"):
                pages.append(self.base_path + path.removesuffix("index.html"))
            elif not path.endswith(_NOT_SHOWN_IN_TABS):
                return None  # CSS, scripts, images: any page may look different
        return pages

    def _rebuild(self, settings_changed: bool) -> BuildReport:
        """Build the preview, doing only what changed since the last build."""
        if settings_changed or self._builder is None:
            # The base path comes from site.yml; the preview's own host replaces its host.
            self.base_path = load_config(self.root).base_path
            base_url = f"http://{self.host}:{self.port}{self.base_path}"
            if base_url != self._builder_base or self._builder is None:
                self._builder = Builder(self.root, self.out_dir, base_url, self.drafts)
                self._builder_base = base_url
        report = self._builder.build(search=False)
        self._site = self._builder.site  # here, not in the indexer's thread: one reader of the cache
        self._warn(report.warnings)
        return report

    def _warn(self, warnings: list[Problem]) -> None:
        # Printed when they change, not after every save: a standing warning is not news.
        lines = [f"warning: {w}" for w in warnings]
        if lines != self._warnings:
            for line in lines:
                print(line, file=sys.stderr, flush=True)
            self._warnings = lines


def ingest_stories(root: Path, stories: list[Path]) -> tuple[bool, list[Problem]]:
    """Ingest inbox stories into content/, each leaving inbox/ once its original is kept there.

    Return whether any article was written, and a problem for each story that was not.
    """
    # The ingest command's own steps and lock, so serve and `build.py ingest` write the
    # same files, and one waits for the other instead of both writing at once.
    from ..ingest.command import ingest_file, report, session

    written, problems = False, []
    with session(root, sys.stderr) as (known, ledger):
        for story in stories:
            if not story.is_file():
                continue  # already handled, or renamed away within the same burst
            shown = story.relative_to(root).as_posix()
            try:
                done = ingest_file(root, story, known, ledger)
            except Exception as exc:  # noqa: BLE001 - a story the ingester trips on stays in inbox/
                problems.append(Problem(shown, f"ingest failed ({type(exc).__name__}: {exc})"))
                continue
            failed = [Problem(result.input, result.error) for result, _ in done if result.error]
            if failed:
                problems += failed
                continue
            for result, outcome in done:
                report(result, outcome, False, sys.stdout, sys.stderr)
                written |= bool(outcome.written)
            # The original leaves inbox/ once its byte-for-byte copy is kept in content/ (an
            # e-mail with no body of its own is kept only as its attachments).
            kept = [root / (outcome.already or result.raw_path) for result, outcome in done]
            if any(path.is_file() and path.read_bytes() == story.read_bytes() for path in kept):
                story.unlink()
    return written, problems


def inbox_stories(root: Path, paths: list[PurePosixPath]) -> list[Path]:
    """Return the story files paths name: files as they are, folders walked; each once."""
    from ..ingest.inbox import stories_in

    found: dict[Path, None] = {}
    for path in paths:
        full = root / path
        for story in stories_in(full) if full.is_dir() else [full] if full.is_file() else []:
            found[story] = None
    return list(found)


class _Indexer:
    """Refresh the search index in the background, one run at a time, the latest wins."""

    def __init__(self, out_dir: Path, cache_dir: Path, site: Callable[[], Site]):
        self.out_dir = out_dir
        self.cache_dir = cache_dir
        self.site = site
        self._wanted = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.runs = 0

    def request(self) -> None:
        """Ask for a fresh index; requests made while one runs fold into one more run."""
        self._wanted.set()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True, name="preview-search")
            self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        self._wanted.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        from ..output.search import index
        while True:
            self._wanted.wait()
            if self._stopping:
                return
            self._wanted.clear()
            try:
                config = self.site().config
                index(config.language, out_dir=self.out_dir, cache_dir=self.cache_dir, shard_pages=config.search_shard_pages)
            except DossierError as exc:
                for problem in exc.problems:
                    print(f"error: {problem}", file=sys.stderr, flush=True)
            self.runs += 1


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type, preview: Preview):
        super().__init__(address, handler)
        self.preview = preview

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        # A tab closed or reloaded mid-answer is no news: the terminal is for build results.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serve the preview folder under the base path, with the reload script in every page."""

    server: _Server
    server_version = "dossier-preview"

    def log_message(self, *args: object) -> None:
        pass  # the terminal is for build results

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        preview = self.server.preview
        status = preview.refusal(self.headers.get("Host"), self.headers.get("Origin"),
                                 reading=self.command in ("GET", "HEAD"))
        if not status:
            return True
        self.close_connection = True
        self._respond(status, _TYPES[".txt"], f"This preview answers only at {preview.url}\n".encode("utf-8"))
        return False

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        preview = self.server.preview
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == livereload.EVENTS_PATH:
            self._stream(parse_qs(parts.query))
            return
        if path == livereload.SCRIPT_PATH:
            self._respond(200, _TYPES[".js"], livereload.SCRIPT.encode("utf-8"))
            return
        base = preview.base_path
        if not path.startswith(base):
            self._redirect(base)
            return
        target = _resolve(preview.out_dir, path[len(base):])
        if target is not None and target.is_dir():
            # Rebuilt from the parts, not the request: '/%2Farticles' must not become '//articles/',
            # which a browser reads as another host.
            folder = "".join(quote(part) + "/" for part in path[len(base):].split("/") if part)
            self._redirect(base + folder + (f"?{parts.query}" if parts.query else ""))
            return
        generation = preview.broadcaster.generation
        if target is not None and target.is_file():
            self._send(200, target, generation, page=path.removesuffix("index.html"))
            return
        missing = preview.out_dir / "404.html"
        # A tab on a missing page reloads on any change: the page may exist now.
        self._send(404, missing if missing.is_file() else None, generation, page=None)

    def _send(self, status: int, file: Path | None, generation: int, page: str | None) -> None:
        try:
            data = file.read_bytes() if file is not None else _NOT_BUILT
        except OSError:  # removed by a rebuild between the check and the read
            data, file = _NOT_BUILT, None
        kind = _content_type(file) if file is not None else _TYPES[".html"]
        if kind.startswith("text/html"):
            tag = livereload.script_tag(self.server.preview.broadcaster.session, generation, page)
            data = livereload.inject(data, tag)
        self._respond(status, kind, data)

    def _respond(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        # One leading slash: '//host/' or '/\\host/' would send the browser to another host.
        self.send_header("Location", "/" + location.lstrip("/\\"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, query: dict[str, list[str]]) -> None:
        session = query.get("session", [""])[0]
        try:
            since = int(query.get("since", ["-1"])[0])
        except ValueError:
            since = -1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

        def send(text: str) -> None:
            self.wfile.write(text.encode("utf-8"))
            self.wfile.flush()

        try:
            self.server.preview.broadcaster.stream(session, since, send)
        except OSError:
            pass  # the tab went away


# Outputs no tab shows with the reload script: a change to them reloads no page.
_NOT_SHOWN_IN_TABS = (".xml", ".txt", ".json", ".nojekyll", "CNAME")


def _resolve(out_dir: Path, rel: str) -> Path | None:
    """Map a URL path below the base path to a file in out_dir, None if it would leave it."""
    parts = [p for p in rel.split("/") if p]
    if any(p in ("..", ".") or "\\" in p or "\0" in p for p in parts):
        return None
    target = out_dir.joinpath(*parts)
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target


def _content_type(file: Path) -> str:
    suffix = file.suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
