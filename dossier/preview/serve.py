"""Live preview: build, serve under the base path, rebuild what changed, reload open tabs."""

from __future__ import annotations

import queue
import secrets
import signal
import sys
import threading
import time
import traceback
import webbrowser
from pathlib import Path, PurePosixPath

from watchdog.observers import Observer

from ..build import Builder, BuildReport, open_out_dir
from ..site.assemble import Site
from ..site.cache import FOLDER
from ..site.config import load_config
from ..util.errors import DossierError, Problem
from . import livereload
from .desk import DESK_PATH, Desk
from .inbox import inbox_stories, ingest_stories
from .indexer import SearchIndexer
from .server import Handler, PreviewServer
from .watch import WATCHED_DIRS, Change, Enqueue, Plan, collect, plan

# Inside the site's own cache: public/ stays exactly what `build` wrote, and the
# reload script only ever exists in responses, never in a file.
PREVIEW_DIR = Path(".cache") / "preview"
_STOP = Change(PurePosixPath("."))
# Outputs no tab shows with the reload script: a change to them reloads no page.
_NOT_SHOWN_IN_TABS = (".xml", ".txt", ".json", ".nojekyll", "CNAME")


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
          search: bool = True, open_browser: bool = False) -> int:
    """Run the preview until Ctrl-C: the `build.py serve` command."""
    preview = Preview(root, host=host, port=port, drafts=drafts, search=search)
    # A service manager or `timeout` stops with SIGTERM: stop as cleanly as on Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        url = preview.start()
        print(f"serving {url} (Ctrl-C to stop)", flush=True)
        print(f"the desk, to correct who is who: http://{host}:{preview.port}{DESK_PATH}", flush=True)
        if open_browser:
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
        self.server = PreviewServer((host, port), Handler, self)
        self.host = host
        self.port = self.server.server_address[1]
        self.observer = Observer()
        self._handler = Enqueue(self.root, self.events)
        self._watched: set[str] = set()  # which of WATCHED_DIRS have a watch
        self.indexer = SearchIndexer(self.out_dir, self.root / FOLDER, lambda: self._site)
        self._builder: Builder | None = None
        self._site: Site | None = None
        self._warnings: set[str] = set()  # the warnings standing after the last build, each printed once
        self._builder_base = ""
        self._threads: list[threading.Thread] = []
        self.rebuilds = 0  # successful builds, the first included
        # A new token each session: a page of another session, or of another site, cannot post.
        self.desk = Desk(self.root, secrets.token_urlsafe(24))

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

    def stop(self) -> None:
        """Stop watching, end event streams and close the server."""
        if self.observer.is_alive():
            # watchdog's stop() joins its emitters and its inotify reader with no timeout, and
            # twice in a loaded test run a Ctrl-C never reached "stopped": stop it from a
            # daemon thread (as watchdog's own are), so quitting waits five seconds at most.
            unwatch = threading.Thread(target=self.observer.stop, daemon=True, name="preview-unwatch")
            unwatch.start()
            unwatch.join(timeout=5)
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
            with self.desk.writing:  # a correction's first file: the others follow before the rebuild
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
        # Each warning once, when its cause appears: a standing warning is not news, and
        # the terminal stays readable for the desk's own messages.
        lines = list(dict.fromkeys(f"warning: {w}" for w in warnings))
        for line in lines:
            if line not in self._warnings:
                print(line, file=sys.stderr, flush=True)
        self._warnings = set(lines)
