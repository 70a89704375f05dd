"""The live preview against a real server on 127.0.0.1 and a real watchdog observer."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import rcssmin

from dossier.preview.serve import PREVIEW_DIR, Preview
from helpers import REPO, run_build
from serve_helpers import (EventStream, article, fetch, open_url, save, status_of, wait_for,
                           write_site)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


@pytest.fixture
def preview(site: Path) -> Iterator[Preview]:
    with Preview(site, port=0, search=False) as running:
        yield running


def _articles(site: Path) -> Path:
    return site / "content" / "articles"


def test_serves_the_site_under_its_base_path(preview: Preview) -> None:
    url = preview.url
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/dossier/", url)
    status, html, headers = fetch(url)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Synthetic story number 3" in html
    assert html.count("data-dossier-livereload") == 1
    assert html.index("data-dossier-livereload") < html.rindex("</body>")
    # The reload script is a file of its own: the page's policy runs no inline script.
    # The home page's own script (js/new.js) comes first; the reload script is added last.
    assert re.findall(r"<script[^>]*>", html) == [re.search(r'<script src="/dossier/js/new.js"[^>]*>', html)[0],
                                                  re.search(r'<script src="/__dossier/livereload.js"[^>]*>', html)[0]]
    status, script, headers = fetch(url.removesuffix("dossier/") + "__dossier/livereload.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert "new EventSource" in script
    # Canonical URLs point at the preview, so every link can be followed locally.
    assert f'<link rel="canonical" href="{url}">' in html


def test_requests_outside_the_base_path_redirect_to_it(preview: Preview) -> None:
    root = preview.url.removesuffix("dossier/")
    for path in ("", "articles/story-1/", "favicon.ico"):
        status, _, headers = fetch(root + path)
        assert (status, headers["Location"]) == (302, "/dossier/")


def test_a_folder_without_its_slash_redirects_and_a_miss_gets_404_html(preview: Preview) -> None:
    status, _, headers = fetch(preview.url + "articles/story-1")
    assert (status, headers["Location"]) == (302, "/dossier/articles/story-1/")
    status, html, _ = fetch(preview.url + "no/such/page/")
    assert status == 404 and 'content="noindex"' in html and "data-dossier-livereload" in html


def test_a_redirect_never_leaves_the_host(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / "site.yml").write_text("title: Synthetic preview dossier\nbase_url: https://example.org/\n",
                                   encoding="utf-8")
    with Preview(site, port=0, search=False) as running:
        # '//articles/' would be a protocol-relative URL: the host 'articles'.
        for path, location in (("%2Farticles", "/articles/"), ("%2F%2Farticles?q=1", "/articles/?q=1"),
                               ("articles//story-1", "/articles/story-1/")):
            status, _, headers = fetch(running.url + path)
            assert (status, headers["Location"]) == (302, location), path


def test_static_files_are_served_as_published(preview: Preview) -> None:
    status, css, headers = fetch(preview.url + "css/site.css")
    assert status == 200 and headers["Content-Type"] == "text/css; charset=utf-8"
    # The bundled styles are published minified (README, "static/").
    assert css == rcssmin.cssmin((REPO / "static" / "css" / "site.css").read_text(encoding="utf-8"),
                                 keep_bang_comments=True)


def test_nothing_outside_the_preview_folder_is_served(preview: Preview) -> None:
    for path in ("../../site.yml", "%2e%2e/%2e%2e/site.yml", "..%2F..%2Fsite.yml"):
        status, body, _ = fetch(preview.url + path)
        assert status == 404 and "base_url" not in body


def test_the_reload_script_is_never_written_to_a_file(preview: Preview, site: Path) -> None:
    result = run_build(site, "--no-search")
    assert result.returncode == 0, result.stderr
    for folder in (site / "public", site / PREVIEW_DIR):
        pages = list(folder.rglob("*.html"))
        assert len(pages) > 5
        assert not [p for p in pages if "dossier-livereload" in p.read_text(encoding="utf-8")]


def test_an_edited_article_reloads_its_own_tab_first_then_the_lists(preview: Preview, site: Path) -> None:
    on_article = EventStream(preview.url + "articles/story-2/")
    on_list = EventStream(preview.url + "articles/")
    save(_articles(site) / "story-2.md", article("story-2", "Synthetic story, corrected", date="2024-03-02"))
    # First the saved article's own page, rendered against the last site: its tab reloads.
    shown = on_article.wait("reload")
    assert shown["pages"] == ["/dossier/articles/story-2/"]
    assert "Synthetic story, corrected" in open_url(preview.url + "articles/story-2/")
    # A tab on a list hears of it too, sees its page is not named, and listens on ...
    assert on_list.wait("reload") == shown
    for stream in (on_article, on_list):
        stream.close()
    again = EventStream(preview.url + "articles/", since=shown["generation"])
    # ... until the rebuild that brings the lists up to date names it.
    rebuilt = again.wait("reload")
    again.close()
    assert {"/dossier/articles/", "/dossier/", "/dossier/actors/alpha-person/"} <= set(rebuilt["pages"])
    assert "/dossier/articles/story-2/" not in rebuilt["pages"]  # unchanged since it was shown
    for page in ("articles/", "", "actors/alpha-person/"):
        assert "Synthetic story, corrected" in open_url(preview.url + page), page


def test_a_new_article_or_slug_waits_for_the_whole_rebuild(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url + "articles/")
    save(_articles(site) / "story-3.md", article("story-3b", "Synthetic story, new slug", date="2024-03-03"))
    data = stream.wait("reload")
    stream.close()
    assert "/dossier/articles/story-3b/" in data["pages"] and "/dossier/articles/" in data["pages"]
    assert "Synthetic story, new slug" in open_url(preview.url + "articles/")


def test_editor_temp_files_rebuild_nothing(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url)
    (_articles(site) / ".story-1.md.swp").write_text("not: [yaml", encoding="utf-8")
    (_articles(site) / "story-1.md~").write_text("backup", encoding="utf-8")
    # A real edit after the temp files: the first event on the stream must be its reload,
    # and no problem from the temp files may have come before it.
    save(_articles(site) / "story-1.md", article("story-1", "Synthetic story one, edited", date="2024-03-01"))
    assert stream.next()[0] == "ok"
    assert stream.next()[0] == "reload"
    assert "Synthetic story one, edited" in open_url(preview.url + "articles/story-1/")


def test_deleted_and_renamed_articles_leave_no_stale_page(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url)
    (_articles(site) / "story-1.md").unlink()
    (_articles(site) / "story-2.md").rename(_articles(site) / "moved.md")
    save(_articles(site) / "moved.md", article("story-moved", "Synthetic story, moved", date="2024-03-02"))
    stream.wait("reload")
    wait_for(lambda: status_of(preview.url + "articles/story-moved/") == 200, "the moved page")
    wait_for(lambda: status_of(preview.url + "articles/story-2/") == 404, "the old page to go")
    assert status_of(preview.url + "articles/story-1/") == 404
    assert not (preview.out_dir / "articles" / "story-1").exists()
    assert "Synthetic story number 1" not in open_url(preview.url + "articles/")


def test_a_burst_of_new_articles_all_appear(preview: Preview, site: Path) -> None:
    # What a git checkout does: many files within milliseconds.
    stream = EventStream(preview.url)
    for i in range(100, 160):
        save(_articles(site) / "batch" / f"story-{i}.md",
             article(f"story-{i}", f"Synthetic batch story {i}", date="2024-04-01"))
    stream.wait("reload")
    stream.close()
    wait_for(lambda: all(status_of(preview.url + f"articles/story-{i}/") == 200 for i in (100, 130, 159)),
             "every article of the burst")
    # One rebuild for the burst, give or take a pause of the writer on a busy machine.
    assert 2 <= preview.rebuilds <= 4


def test_a_static_file_is_copied(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url)
    save(site / "static" / "css" / "extra.css", "body { color: rebeccapurple }\n")
    stream.wait("reload")
    wait_for(lambda: status_of(preview.url + "css/extra.css") == 200, "the new static file")
    assert fetch(preview.url + "css/extra.css")[1] == "body { color: rebeccapurple }\n"


def test_a_layout_change_rebuilds_the_pages_using_it(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url)
    layout = (REPO / "layouts" / "404.html").read_text(encoding="utf-8")
    save(site / "layouts" / "404.html", layout.replace("<h1>", "<h1>Synthetic layout edit: "))
    stream.wait("reload")
    assert "Synthetic layout edit" in fetch(preview.url + "missing/")[1]


def test_a_broken_file_keeps_the_last_good_site_and_recovers(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url + "articles/story-3/")
    assert stream.next() == ("ok", {"lines": []})
    hostile = "<img src=x onerror=alert(1)>"
    broken = article("story-3", "Synthetic story, broken", date=hostile).replace(
        f"date: {hostile}", f'date: "{hostile}"')
    save(_articles(site) / "story-3.md", broken)
    lines = stream.wait("problems")["lines"]
    # The same one line `build` prints for this file.
    result = run_build(site, "--no-search", "--out", str(site / "check"))
    assert result.returncode == 1
    assert ["error: " + line for line in lines] == result.stderr.splitlines()
    assert lines == [f"content/articles/story-3.md:3: 'date': '{hostile}' is not a date: "
                     "write 2026-01-06 or 2026-01-06T09:30:00+03:00"]
    page = open_url(preview.url + "articles/story-3/")
    assert "Synthetic story number 3" in page and "broken" not in page
    # A new tab opened while the site is broken shows the problem at once.
    late = EventStream(preview.url)
    assert late.next() == ("problems", {"lines": lines})
    late.close()
    save(_articles(site) / "story-3.md", article("story-3", "Synthetic story, fixed", date="2024-03-03"))
    stream.wait("reload")
    assert "Synthetic story, fixed" in open_url(preview.url + "articles/story-3/")
    recovered = EventStream(preview.url)
    assert recovered.next() == ("ok", {"lines": []})
    recovered.close()


def test_broken_settings_recover_without_restart(preview: Preview, site: Path) -> None:
    stream = EventStream(preview.url)
    settings = (site / "site.yml").read_text(encoding="utf-8")
    save(site / "site.yml", settings + "paginaton: 5\n")
    assert stream.wait("problems")["lines"] == ["site.yml:4:1: unknown setting 'paginaton': did you mean "
                                                "'pagination'?"]
    save(site / "site.yml", settings.replace("Synthetic preview dossier", "Synthetic renamed dossier"))
    stream.wait("reload")
    assert "Synthetic renamed dossier" in open_url(preview.url)


def test_a_tab_from_before_the_latest_rebuild_reloads_at_once(preview: Preview, site: Path) -> None:
    status, html, _ = fetch(preview.url)
    since = re.search(r'data-since="(\d+)"', html)
    assert since
    save(_articles(site) / "story-1.md", article("story-1", "Synthetic story one, again", date="2024-03-01"))
    wait_for(lambda: "Synthetic story one, again" in open_url(preview.url + "articles/story-1/"),
             "the rebuild")
    # The saved article's own page is shown before the rebuild's broadcast: wait for that too.
    wait_for(lambda: int(since.group(1)) < preview.broadcaster.generation, "the rebuild's broadcast")
    session = preview.broadcaster.session
    port = preview.port
    stale = fetch(f"http://127.0.0.1:{port}/__dossier/events?session={session}&since={since.group(1)}")
    assert stale[1].startswith("event: reload\n")


def test_search_index_follows_content(site: Path) -> None:
    with Preview(site, port=0, search=True) as running:
        shards = running.out_dir / "pagefind" / "shards.json"

        def pages() -> int:
            try:
                return sum(shard["pages"] for shard in json.loads(shards.read_text())["shards"])
            except (OSError, ValueError, KeyError):
                return 0

        before = wait_for(pages, "the first search index")
        save(_articles(site) / "story-9.md", article("story-9", "Synthetic story nine", date="2024-03-09"))
        wait_for(lambda: pages() > before, "the search index to count the new page")


def test_the_command_serves_and_stops_cleanly_on_ctrl_c(site: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(site), "--port", "0", "--no-search"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        match = re.fullmatch(r"serving (http://127\.0\.0\.1:\d+/dossier/) \(Ctrl-C to stop\)\n", first)
        assert match, first
        url = match.group(1)
        stream = EventStream(url)
        save(_articles(site) / "story-1.md", article("story-1", "Synthetic CLI edit", date="not a date"))
        stream.wait("problems")
        save(_articles(site) / "story-1.md", article("story-1", "Synthetic CLI edit", date="2024-03-01"))
        stream.wait("reload")
        assert "Synthetic CLI edit" in open_url(url + "articles/story-1/")
        held = EventStream(url)  # an open tab must not keep the server from stopping
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        held.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == "stopped"
    # The terminal printed the build's one-line error, and no traceback.
    assert ("error: content/articles/story-1.md:3: 'date': 'not a date' is not a date: "
            "write 2026-01-06 or 2026-01-06T09:30:00+03:00") in err.splitlines()
    assert "Traceback" not in err
    assert os.path.isdir(site / PREVIEW_DIR)


def ask(preview: Preview, method: str = "GET", host: str | None = None,
        origin: str | None = None) -> tuple[int, str]:
    """Send one request with the Host (default: the preview's own) and Origin given; return status and body."""
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    try:
        conn.putrequest(method, "/dossier/", skip_host=True)
        conn.putheader("Host", host or f"127.0.0.1:{preview.port}")
        if origin:
            conn.putheader("Origin", origin)
        conn.putheader("Content-Length", "0")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        conn.close()


def test_only_the_preview_s_own_hosts_and_origins_are_answered(preview: Preview) -> None:
    port = preview.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}", f"192.0.2.7:{port}"):
        assert ask(preview, host=host)[0] == 200, host
    # A page of another site, resolved to 127.0.0.1 by DNS rebinding, names its own host.
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", f"localhost.evil.example:{port}",
                 f"user@127.0.0.1:{port}", "127.0.0.1"):
        status, body = ask(preview, host=host)
        assert (status, body) == (421, f"This preview answers only at {preview.url}\n"), host
    assert ask(preview, "HEAD", host=f"evil.example:{port}")[0] == 421
    # A request that could change something must come from the preview's own pages.
    assert ask(preview, "POST", origin="http://evil.example")[0] == 403
    assert ask(preview, "POST", origin=f"http://127.0.0.1:{port + 1}")[0] == 403
    assert ask(preview, "POST", origin="null")[0] == 403
    assert ask(preview, "POST", origin=f"http://127.0.0.1:{port}")[0] == 405  # ours, but only the desk takes a POST
    assert ask(preview, "GET", origin="http://evil.example")[0] == 200  # reading: the browser keeps the answer from it


def test_dropped_connections_print_nothing(preview: Preview, capfd: pytest.CaptureFixture[str]) -> None:
    request = f"GET /dossier/ HTTP/1.1\r\nHost: 127.0.0.1:{preview.port}\r\n\r\n".encode()
    for _ in range(200):
        with socket.create_connection(("127.0.0.1", preview.port)) as conn:
            conn.sendall(request)
            # Closed at once with a reset, as a tab that goes away mid-answer.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert status_of(preview.url) == 200  # still serving
    time.sleep(1)  # let the server's threads meet the dropped connections
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err, err[:2000]
