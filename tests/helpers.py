"""Test plumbing shared by the suite: a real static server, a real browser, builds."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"  # real data the tests read, kept in the repository
SEED = DATA / "wire" / "000_00b64ad341f35e56.txt"  # the example's TASS story
SITES = Path(__file__).resolve().parent / "sites"
# The example dossier as the repository ships it: a fork replaces content/, the tests keep this.
EXAMPLE_SITE = SITES / "example"
CHROMIUM = "/usr/bin/chromium"
# Without these Chromium keeps dialling Google hosts this sandbox refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI (`build.py build`) on root; return the finished process once its page graph is stored."""
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root), *args],
                            capture_output=True, text=True, check=False)
    wait_for_graphs(root)
    return result


def wait_for_graphs(root: Path) -> None:
    """Wait for the child a build forked to store its page graph (dossier/output/graph.py) to finish."""
    # The command returns before it; the next build waits for it, a test looking into .cache/ must too.
    for lock in sorted((root / ".cache" / "build").glob("graph-*.lock")):
        with lock.open("rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)


def copy_site(source: Path, target: Path) -> Path:
    """Copy a site's settings and content (not its output) to target; return target."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("site.yml", "content", "layouts", "static", "inbox"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a folder under a URL prefix, answering misses with 404.html like GitHub Pages."""

    prefix = "/"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def translate_path(self, path: str) -> str:
        url_path = unquote(urlsplit(path).path)
        if not url_path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + url_path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def bare_site(target: Path) -> Path:
    """Make target a site with the example's settings, layouts and profiles, no articles, an empty inbox/."""
    root = copy_site(EXAMPLE_SITE, target)
    shutil.rmtree(root / "content" / "articles")
    shutil.rmtree(root / "content" / "sources" / "raw")
    (root / "inbox").mkdir(exist_ok=True)
    return root


def inbox_site(target: Path, story: Path) -> Path:
    """Make target a site with the example's profiles, no articles, and story alone in inbox/; return it."""
    for section in ("actors", "topics", "sources"):
        shutil.copytree(EXAMPLE_SITE / "content" / section, target / "content" / section,
                        ignore=shutil.ignore_patterns("raw"))
    (target / "inbox").mkdir()
    shutil.copy(story, target / "inbox" / story.name)
    return target


@contextlib.contextmanager
def static_server(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve directory on 127.0.0.1 under prefix; yield the base URL ending in prefix."""
    handler = type("Handler", (_SubpathHandler,), {"prefix": prefix})
    with http_server(functools.partial(handler, directory=str(directory))) as base:
        yield base + prefix


@contextlib.contextmanager
def http_server(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run a request handler on 127.0.0.1 in a thread; yield its address, http://127.0.0.1:PORT."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(**context_options: object) -> Iterator[object]:
    """Yield a Playwright browser context in Debian's headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(**context_options)
            yield context
            context.close()
        finally:
            browser.close()
