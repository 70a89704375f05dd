"""The one HTTP client of ingest and fetch: public addresses only, every hop checked, one deadline."""

from __future__ import annotations

import contextlib
import http.server
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.ingest.addresses import ALL
from dossier.ingest.sources import FetchLimits, SourceError, fetch_url
from helpers import REPO

PAGE = (b"<html><head><title>Synthetic page</title></head><body><article><p>"
        + b"An invented council of Exampleton met on Tuesday. " * 12 + b"</p></article></body></html>")
OPT_IN = ("for a source on an intranet, set fetch_private_networks: true in site.yml")


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]]
    hits: Counter[str]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.hits[self.path] += 1
        if self.path == "/slow-headers":
            # The status line at once, then the headers one byte every 0.1 s: 4 s in all.
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n")
            try:
                for byte in b"X-Trickle: " + b"z" * 29:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
                self.wfile.write(b"\r\n\r\n" + PAGE)
                self.hits["headers sent in full"] += 1
            except (BrokenPipeError, ConnectionResetError):
                self.hits["cut off while sending headers"] += 1
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for key, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(host: str, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[tuple[str, Counter[str]]]:
    """Serve routes on host (a loopback address); yield the base URL and the paths asked for."""
    hits: Counter[str] = Counter()
    handler = type("Handler", (_Handler,), {"routes": routes, "hits": hits})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def refused(url: str, limits: FetchLimits = FetchLimits()) -> str:
    with pytest.raises(SourceError) as caught:
        fetch_url(url, limits)
    return str(caught.value)


def test_the_default_refuses_every_spelling_of_a_non_public_address() -> None:
    with serve("127.0.0.1", {"/page": (200, {}, PAGE)}) as (base, hits):
        port = base.rpartition(":")[2]
        cases = {
            f"{base}/page": "127.0.0.1 is a loopback address",
            f"http://localhost:{port}/page": "localhost (127.0.0.1) is a loopback address",
            f"http://2130706433:{port}/page": "2130706433 (127.0.0.1) is a loopback address",
            f"http://0177.0.0.1:{port}/page": "0177.0.0.1 (127.0.0.1) is a loopback address",
            f"http://0x7f.1:{port}/page": "0x7f.1 (127.0.0.1) is a loopback address",
            f"http://[::1]:{port}/page": "::1 is a loopback address",
            f"http://[::ffff:127.0.0.1]:{port}/page": "::ffff:127.0.0.1 is a loopback address",
            "http://0.0.0.0/": "0.0.0.0 is an unspecified address",
            "http://10.20.30.40/": "10.20.30.40 is a private address",
            "http://192.168.1.1/": "192.168.1.1 is a private address",
            "http://172.16.5.4/": "172.16.5.4 is a private address",
            "http://169.254.169.254/latest/meta-data/": "169.254.169.254 is a link-local address",
            "http://100.64.0.1/": "100.64.0.1 is a non-public address",
            "http://224.0.0.1/": "224.0.0.1 is a multicast address",
            "http://240.0.0.1/": "240.0.0.1 is a reserved address",
            "http://[fe80::1]/": "fe80::1 is a link-local address",
            "http://[fd00::1]/": "fd00::1 is a private address",
            "http://[2002:a00:1::]/": "2002:a00:1:: is a private address",  # 6to4 around 10.0.0.1
        }
        said = {url: refused(url) for url in cases}
        assert said == {url: f"{start}, not on the public internet: only public addresses are fetched ({OPT_IN})"
                        for url, start in cases.items()}
        assert hits == Counter()  # nothing was asked of the server


def test_every_hop_of_a_redirect_is_checked() -> None:
    # The first server is let in by name (127.0.0.1 only); the second, on 127.0.0.2, is not.
    with serve("127.0.0.2", {"/secret": (200, {}, PAGE)}) as (inside, secret_hits):
        routes = {"/to-secret": (302, {"Location": f"{inside}/secret"}, b""),
                  "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
                  "/to-decimal": (302, {"Location": f"http://2130706434:{inside.rpartition(':')[2]}/secret"}, b""),
                  "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
                  "/page": (200, {}, PAGE)}
        with serve("127.0.0.1", routes) as (base, hits):
            only_first = FetchLimits(private_networks=("127.0.0.1/32",))
            assert fetch_url(f"{base}/page", only_first).body == PAGE
            assert refused(f"{base}/to-secret", only_first) == (
                f"redirected to {inside}/secret: 127.0.0.2 is a loopback address, not on the public internet: "
                f"only public addresses are fetched ({OPT_IN})")
            assert refused(f"{base}/to-decimal", only_first).startswith(
                f"redirected to http://2130706434:{inside.rpartition(':')[2]}/secret: 2130706434 (127.0.0.2) is a "
                "loopback address")
            assert refused(f"{base}/to-metadata", only_first).startswith(
                "redirected to http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local address")
            assert refused(f"{base}/to-file", only_first) == (
                "redirected to file:///etc/passwd: only http:// and https:// addresses are fetched")
            assert secret_hits == Counter()
            # The site's opt-in lets every hop in.
            assert fetch_url(f"{base}/to-secret", FetchLimits(private_networks=ALL)).body == PAGE
            assert secret_hits == Counter({"/secret": 1})


def test_one_deadline_covers_the_headers_too() -> None:
    with serve("127.0.0.1", {}) as (base, hits):
        assert refused(f"{base}/slow-headers", FetchLimits(timeout=0.5, private_networks=ALL)) == \
            "no complete answer within 0.5 s"
        waited = time.monotonic()
        while len(hits) < 2 and time.monotonic() - waited < 30:  # a bound on failure, not a speed check
            time.sleep(0.05)
        # The client hung up at its deadline, in the middle of the headers, not after them.
        assert hits == Counter({"/slow-headers": 1, "cut off while sending headers": 1})


def site_with_feed(root: Path, base: str, opt_in: bool) -> Path:
    settings = "title: Address test\n" + ("fetch_private_networks: true\n" if opt_in else "")
    root.mkdir()
    (root / "site.yml").write_text(settings, encoding="utf-8")
    (root / "content/sources").mkdir(parents=True)
    (root / "content/sources/synthetic-wire.md").write_text(
        f"---\nname: Synthetic Wire\nfeeds: ['{base}/rss.xml']\n---\n", encoding="utf-8")
    return root


def run(command: str, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), command, "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def test_ingest_and_fetch_refuse_a_local_server_unless_the_site_opts_in(tmp_path: Path) -> None:
    feed = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Synthetic</title>"
            b"<item><title>An invented council met</title><guid>synthetic-1</guid>"
            b"<description>The invented council of Exampleton met on Tuesday.</description></item>"
            b"</channel></rss>")
    with serve("127.0.0.1", {"/redir": (302, {"Location": "/secret"}, b""), "/secret": (200, {}, PAGE),
                             "/rss.xml": (200, {"Content-Type": "application/rss+xml"}, feed)}) as (base, hits):
        root = site_with_feed(tmp_path / "closed", base, opt_in=False)
        ingested = run("ingest", root, f"{base}/redir")
        assert ingested.returncode == 1
        assert ingested.stderr == (f"error: {base}/redir: 127.0.0.1 is a loopback address, not on the public "
                                   f"internet: only public addresses are fetched ({OPT_IN})\n")
        fetched = run("fetch", root)
        assert fetched.returncode == 1
        assert fetched.stderr == (f"error: synthetic-wire: {base}/rss.xml: 127.0.0.1 is a loopback address, not on "
                                  f"the public internet: only public addresses are fetched ({OPT_IN})\n")
        assert hits == Counter() and not (root / "content/articles").exists()

        opened = site_with_feed(tmp_path / "intranet", base, opt_in=True)
        ingested = run("ingest", opened, f"{base}/redir", "--date", "2026-03-03")
        assert ingested.returncode == 0, ingested.stderr
        assert hits == Counter({"/redir": 1, "/secret": 1})
        assert run("fetch", opened).stdout.startswith(f"synthetic-wire: {base}/rss.xml: 1 new of 1 items")
