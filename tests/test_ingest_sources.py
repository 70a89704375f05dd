"""Sources in every form: saved pages, URLs on a local server, e-mail, PDF and Word."""

from __future__ import annotations

import email.policy
import http.server
import io
import json
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from dossier.ingest.addresses import ALL
from dossier.ingest.sources import FetchLimits, SourceError, fetch_url, read_source
from helpers import DATA, REPO, bare_site, run_build

PAGES = DATA / "pages"
LOCAL = FetchLimits(private_networks=ALL)  # the tests' servers are on 127.0.0.1
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


def ingest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The example's settings, layouts and profiles, no articles, an empty inbox/."""
    return bare_site(tmp_path / "site")


# --- documents made with real libraries (invented people and places only) ---

RELEASE = ["Testland ministry: river truce signed with the Sample Council",
           "EXAMPLETON, March 3 (Testland Ministry) - Testland minister Alice Example signed an invented "
           "truce with council chair Robert Sample on Tuesday, reopening the Exampleton river to barges "
           "from Thursday after a long synthetic dispute.",
           "\"We discussed every invented question today,\" Example said. The parliament of Testland "
           "will vote on the text on March 10."]


def text_pdf(paragraphs: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_author("Testland Ministry Press Office")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, paragraphs[0])
    pdf.set_font("Helvetica", "", 11)
    for paragraph in paragraphs[1:]:
        pdf.ln(5)
        pdf.multi_cell(0, 6, paragraph)
    return bytes(pdf.output())


def png(width: int = 8, height: int = 8) -> bytes:
    rows = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def scanned_pdf() -> bytes:
    """A PDF whose pages are pictures only, as a scanner makes them."""
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(png()), x=10, y=10, w=190)
    return bytes(pdf.output())


def word_docx() -> bytes:
    document = docx.Document()
    document.core_properties.author = "Sample Council Press Desk"
    document.add_paragraph("Sample Council welcomes the river truce", style="Title")
    document.add_paragraph("The council will inspect the locks next week", style="Subtitle")
    document.add_paragraph("SAMPLEFORD, March 4 (Sample Council) - Council chair Robert Sample said on Wednesday "
                           "that the invented truce with Testland would hold, and that inspectors would visit "
                           "the northern lock before barges return.")
    document.add_paragraph("\"The river belongs to everyone who works on it,\" Sample said.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def alert_email(body: bool = True) -> bytes:
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = "Fwd: Testland minister Alice Example agrees river truce"
    message["From"] = "Northwind Wire Alerts <alerts@northwind-wire.example>"
    message["To"] = "desk@dossier.example"
    message["Date"] = "Tue, 03 Mar 2026 10:02:00 +0000"
    if body:
        text = ("Testland minister Alice Example agrees river truce\n\n"
                "EXAMPLETON, March 3 (Northwind Wire) - Testland minister Alice Example agreed an invented\n"
                "truce over the Exampleton river with council chair Robert Sample on Tuesday.\n\n"
                "The river reopens to barges from Thursday, Example said.\n\n"
                "-- \nNorthwind Wire alerts. Unsubscribe: reply STOP\n")
        message.set_content(text)
        message.add_alternative("<html><body><p><b>Testland minister</b> agrees truce</p>"
                                "<script>alert('mail')</script></body></html>", subtype="html")
    message.add_attachment(text_pdf(RELEASE), maintype="application", subtype="pdf", filename="statement.pdf")
    message.add_attachment(word_docx(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="council release.docx")
    message.add_attachment(png(), maintype="image", subtype="png", filename="photo.png")
    return message.as_bytes()


# --- saved pages ---

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_saved_page_gives_its_article_and_none_of_the_page(name: str) -> None:
    expected = EXPECTED[name]
    story = read_source((PAGES / name).read_bytes(), name)
    assert story.form == "html"
    assert story.headline == expected["headline"]
    assert story.byline == expected["byline"]
    assert str(story.date) == expected["date"]
    assert story.url == expected["url"]
    assert (vars(story.image) if story.image else None) == expected["image"]
    assert [p for p in story.paragraphs if p in expected["body"]] == expected["body"]
    text = "\n".join([story.headline, story.standfirst, *story.paragraphs])
    assert [b for b in expected["boilerplate"] if b in text] == []
    assert story.raw == (PAGES / name).read_bytes()


@pytest.mark.parametrize("name, words", [("front_page.html", 21), ("not_found.html", 22), ("login_wall.html", 27)])
def test_a_page_without_an_article_is_refused(name: str, words: int) -> None:
    with pytest.raises(SourceError) as refused:
        read_source((PAGES / name).read_bytes(), name)
    assert str(refused.value) == ("no article in the page (a front page, an error page or a login wall?): "
                                  f"{words} words of article text, at least 50 needed")


def test_a_description_that_only_repeats_the_first_paragraph_is_no_standfirst() -> None:
    page = (PAGES / "northwind_wire.html").read_bytes()
    assert read_source(page, "page.html").standfirst.startswith("Testland and the Sample Council agreed")
    cut = EXPECTED["northwind_wire.html"]["body"][0][:120].encode() + b"..."
    page = page.replace(b"Testland and the Sample Council agreed an invented truce over the Exampleton river on "
                        b"Tuesday, ending a synthetic dispute.", cut)
    assert read_source(page, "page.html").standfirst == ""


def test_an_enormous_page_is_refused() -> None:
    page = (PAGES / "harbour_gazette.html").read_bytes().replace(b"</body>", b"<!--" + b"x" * 6 * 2**20 + b"-->")
    with pytest.raises(SourceError) as refused:
        read_source(page, "huge.html")
    assert str(refused.value) == "page too large (6.0 MB, the limit is 5 MB): not a single article"


def mhtml(page: bytes) -> bytes:
    """A page saved as a browser's single-file archive: the HTML quoted-printable, a picture beside it."""
    archive = EmailMessage(policy=email.policy.SMTP)
    archive["Subject"] = "Testland minister Alice Example agrees river truce with Robert Sample"
    archive["Snapshot-Content-Location"] = "https://www.northwind-wire.example/world/testland-river-truce-2026-03-03/"
    archive.set_content(page, maintype="text", subtype="html", cte="quoted-printable")
    archive.add_related(png(), maintype="image", subtype="png")
    return archive.as_bytes()


def test_a_page_saved_as_mhtml_reads_as_the_page() -> None:
    raw = mhtml((PAGES / "northwind_wire.html").read_bytes())
    story = read_source(raw, "truce.mhtml")
    assert story.form == "mhtml" and story.raw == raw
    assert story.headline == EXPECTED["northwind_wire.html"]["headline"]
    assert story.paragraphs == EXPECTED["northwind_wire.html"]["body"]


# --- documents and e-mail ---

def test_a_text_pdf_and_a_word_document_read_like_wire_text() -> None:
    pdf = read_source(text_pdf(RELEASE), "statement.pdf")
    assert (pdf.form, pdf.headline, pdf.paragraphs) == ("pdf", RELEASE[0], RELEASE[1:])
    assert pdf.dateline.text == "EXAMPLETON, March 3 (Testland Ministry) -"
    assert pdf.byline == "Testland Ministry Press Office"
    word = read_source(word_docx(), "release.docx")
    assert (word.form, word.headline, word.standfirst) == ("docx", "Sample Council welcomes the river truce",
                                                            "The council will inspect the locks next week")
    assert word.dateline.text == "SAMPLEFORD, March 4 (Sample Council) -" and len(word.paragraphs) == 2


@pytest.mark.parametrize("name, raw, message", [
    ("scan.pdf", scanned_pdf(), "PDF has no text layer (2 page(s) of images, a scan?): run OCR on it first "
                                "(e.g. ocrmypdf) and ingest the result"),
    ("broken.pdf", b"%PDF-1.4\nnot really", "not a readable PDF"),
    ("old.doc", b"\xd0\xcf\x11\xe0", ".doc files are not read: save it as .docx"),
    ("empty.eml", b"Subject: Nothing here\nFrom: a@b.example\n\n",
     "e-mail has no body and no .txt/.html/.pdf/.docx attachment: nothing to ingest"),
])
def test_a_document_without_a_story_gets_one_line(name: str, raw: bytes, message: str) -> None:
    with pytest.raises(SourceError) as refused:
        read_source(raw, name)
    assert str(refused.value).startswith(message) and "\n" not in str(refused.value)


def test_an_email_and_its_attachments_become_articles(site: Path) -> None:
    raw = alert_email()
    (site / "inbox" / "alert.eml").write_bytes(raw)
    result = ingest(site, "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == ["inbox/alert.eml", "inbox/alert.eml:statement.pdf",
                                             "inbox/alert.eml:council release.docx"]
    message, pdf, word = (r["front_matter"] for r in records)
    assert message["title"] == "Testland minister Alice Example agrees river truce"
    # Sent by the agency's alert service, not a person, and with no credits: no byline.
    assert (message["date"], message.get("byline"), message["place"]) == ("2026-03-03", None, "Exampleton")
    assert "alice-example" in message["actors"]
    assert (pdf["title"], pdf["raw"]) == (RELEASE[0], "content/sources/raw/statement.pdf")
    assert word["raw"] == "content/sources/raw/council-release.docx"
    assert ("attachment photo.png (image/png) is not a story form (.txt, .html, .pdf, .docx): not ingested"
            in records[0]["warnings"])
    assert (site / "content/sources/raw/alert.eml").read_bytes() == raw
    assert (site / "content/sources/raw/statement.pdf").read_bytes()[:5] == b"%PDF-"
    body = (site / records[0]["path"]).read_text(encoding="utf-8").partition("\n---\n")[2]
    assert body == ("EXAMPLETON, March 3 (Northwind Wire) - Testland minister Alice Example agreed an invented "
                    "truce over the Exampleton river with council chair Robert Sample on Tuesday.\n\n"
                    "The river reopens to barges from Thursday, Example said.\n")


# --- URLs, on a real local server ---

class _Routes(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/trickle":  # headers at once, then a byte every 0.2 s for 2 s
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(10):
                time.sleep(0.2)
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except BrokenPipeError:
                    return
            return
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass  # the client gave up waiting (the time-out test): nothing to send to


@pytest.fixture
def server() -> Iterator[str]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    _Routes.routes = {
        "/world/truce.html": (200, html, (PAGES / "northwind_wire.html").read_bytes()),
        "/old-link": (301, {"Location": "/world/truce.html"}, b""),
        "/front": (200, html, (PAGES / "front_page.html").read_bytes()),
        "/release.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
        "/to-ftp": (302, {"Location": "ftp://files.example/x"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/moved-huge": (302, {"Location": "/huge"}, b""),
        "/cp1251": (200, {"Content-Type": "text/html; charset=windows-1251"},
                    (PAGES / "vestnik_ru.html").read_bytes().replace(b'charset="windows-1251"', b'charset="iso-8859-1"')),
        "/huge": (200, html, b"<html>" + b"x" * 2048 + b"</html>"),
        "/slow": (200, html, b"<html></html>"),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Routes)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def allow_private_networks(site: Path) -> None:
    """Let the site fetch from 127.0.0.1, where the tests' servers are."""
    with (site / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write("fetch_private_networks: true\n")


def test_a_url_is_fetched_through_redirects_and_ingested(site: Path, server: str) -> None:
    allow_private_networks(site)
    result = ingest(site, f"{server}/old-link")
    assert result.returncode == 0, result.stderr
    article = site / "content/articles/2026/testland-minister-alice-example-agrees-river-truce-with-robert-sample.md"
    assert result.stdout.startswith(f"{server}/old-link: wrote {article.relative_to(site)} ")
    text = article.read_text(encoding="utf-8")
    assert "\nurl: https://www.northwind-wire.example/world/testland-river-truce-2026-03-03/\n" in text
    assert "\nraw: content/sources/raw/127-0-0-1-world-truce-html.html\n" in text
    assert "\nbyline: Jane Placeholder\n" in text and "\nsource: northwind-wire\n" in text
    kept = site / "content/sources/raw/127-0-0-1-world-truce-html.html"
    assert kept.read_bytes() == (PAGES / "northwind_wire.html").read_bytes()


def test_urls_that_give_no_article_get_one_line_each_and_the_others_go_on(site: Path, server: str) -> None:
    allow_private_networks(site)
    shutil.copy(PAGES / "vestnik_ru.html", site / "inbox" / "vestnik_ru.html")
    result = ingest(site, "inbox", f"{server}/missing", f"{server}/front", f"{server}/release.pdf",
                    "ftp://files.example/story.html", "--json")
    assert result.returncode == 1
    assert errors(result) == [
        f"error: {server}/missing: HTTP 404 Not Found",
        f"error: {server}/front: no article in the page (a front page, an error page or a login wall?): "
        "21 words of article text, at least 50 needed",
        f"error: {server}/release.pdf: not a web page: application/pdf, not HTML "
        "(save a PDF or Word file and ingest the file)",
        "error: ftp://files.example/story.html: only http:// and https:// addresses are fetched",
    ]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in r, r["written"]) for r in records][1:] == [(True, [])] * 4
    assert records[0]["path"] == "content/articles/2026/ministr-testovii-ivan-primerov-provel-peregovory-s-mariey-obraztsovoy.md"
    written = sorted(p.relative_to(site).as_posix() for p in (site / "content/sources/raw").iterdir())
    assert written == ["content/sources/raw/vestnik_ru.html"]


def test_fetching_is_bounded_in_size_time_redirects_and_schemes(server: str) -> None:
    def refused(url: str, limits: FetchLimits = LOCAL) -> str:
        with pytest.raises(SourceError) as caught:
            fetch_url(url, limits)
        return str(caught.value)
    assert refused(f"{server}/huge", replace(LOCAL, max_bytes=1024)) == \
        "page too large: 2.0 kB, the limit is 1.0 kB"
    assert refused(f"{server}/trickle", replace(LOCAL, timeout=0.5)) == "no complete answer within 0.5 s"
    assert refused(f"{server}/trickle", replace(LOCAL, max_bytes=3)) == "page too large: over the 3 bytes limit"
    assert refused(f"{server}/moved-huge", replace(LOCAL, max_bytes=1024)) == \
        f"page too large: {server}/huge is 2.0 kB, the limit is 1.0 kB"
    assert refused(f"{server}/slow", replace(LOCAL, timeout=0.3)) == "no complete answer within 0.3 s"
    assert refused(f"{server}/to-ftp") == "redirected to ftp://files.example/x: only http:// and https:// addresses are fetched"
    assert refused(f"{server}/loop") == "too many redirects (over 5)"
    with socket.socket() as unused:  # a port nothing listens on once this closes
        unused.bind(("127.0.0.1", 0))
        closed = unused.getsockname()[1]
    assert refused(f"http://127.0.0.1:{closed}/x") == "cannot connect: [Errno 111] Connection refused"
    page = fetch_url(f"{server}/old-link", LOCAL)
    assert (page.url, page.content_type) == (f"{server}/world/truce.html", "text/html; charset=utf-8")
    # The charset the server names beats a wrong one in the page's <meta>, as in browsers.
    page = fetch_url(f"{server}/cp1251", LOCAL)
    assert b'charset="iso-8859-1"' in page.body and page.content_type == "text/html; charset=windows-1251"
    story = read_source(page.body, "page.html", page.content_type, page.url)
    assert story.headline == EXPECTED["vestnik_ru.html"]["headline"]
    assert story.image is not None and story.image.caption == EXPECTED["vestnik_ru.html"]["image"]["caption"]


# --- fetched content is never trusted ---

HOSTILE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Exampleton council &lt;img src=x onerror=alert(1)&gt; votes</title>
<meta property="og:image" content="javascript:alert(2)">
<link rel="canonical" href="javascript:alert(3)">
<script>alert(4)</script></head><body><article><h1>Exampleton council &lt;img src=x onerror=alert(1)&gt; votes</h1>
<p>EXAMPLETON, March 5 (Northwind Wire) - The invented council of Exampleton voted on Thursday to keep the river
open &lt;script&gt;alert(5)&lt;/script&gt; for barges, after a long synthetic debate in the town hall.</p>
<p onclick="alert(6)">Council chair Robert Sample said the vote <a href="javascript:alert(7)">was clear</a> and
that the locks would stay open all summer, whatever the weather and the fees of the synthetic crown.</p>
<p>[a link](javascript:alert(8)) and <b>bold</b> text stay text.</p>
</article></body></html>"""


def test_a_hostile_page_reaches_the_site_as_text_only(site: Path) -> None:
    (site / "inbox" / "hostile.html").write_text(HOSTILE, encoding="utf-8")
    assert ingest(site, "--date", "2026-03-05").returncode == 0
    built = run_build(site, "--no-search")
    assert built.returncode == 0, built.stderr
    page = next((site / "public" / "articles").glob("exampleton-council-*/index.html")).read_text(encoding="utf-8")
    # The page's text arrives, as text; none of its markup, handlers or javascript: URLs does.
    assert "Exampleton council &lt;img src=x onerror=alert(1)&gt; votes" in page
    assert "open &lt;script&gt;alert(5)&lt;/script&gt; for barges" in page
    assert "[a link](javascript:alert(8)) and bold text stay text." in page
    for trace in ("<script>alert", "<img src=x", "onclick", 'href="javascript:', 'src="javascript:', "alert(2)",
                  "alert(3)", "alert(4)", "alert(7)"):
        assert trace not in page


# --- the live preview's inbox/ ---

def test_pages_and_emails_saved_into_the_preview_inbox_appear(site: Path) -> None:
    from dossier.preview.serve import Preview
    from serve_helpers import EventStream, open_url, status_of, wait_for

    with Preview(site, port=0, search=False) as preview:
        stream = EventStream(preview.url)
        page = preview.url + "articles/sampleford-ferry-workers-vote-to-strike-over-invented-rota/"
        shutil.copy(PAGES / "harbour_gazette.html", site / "inbox" / ".page.swp")
        (site / "inbox" / ".page.swp").replace(site / "inbox" / "harbour_gazette.html")
        stream.wait("reload")
        wait_for(lambda: status_of(page) == 200, "the page's article")
        assert "Crew members at Sampleford quay on Wednesday." in open_url(page)
        wait_for(lambda: not (site / "inbox" / "harbour_gazette.html").exists(), "the page to leave inbox/")
        raw = alert_email()
        (site / "inbox" / ".alert.swp").write_bytes(raw)
        (site / "inbox" / ".alert.swp").replace(site / "inbox" / "alert.eml")
        release = preview.url + "articles/sample-council-welcomes-the-river-truce/"
        wait_for(lambda: status_of(release) == 200, "the e-mail's Word attachment's article")
        wait_for(lambda: not (site / "inbox" / "alert.eml").exists(), "the e-mail to leave inbox/")
        (site / "inbox" / ".scan.swp").write_bytes(scanned_pdf())
        (site / "inbox" / ".scan.swp").replace(site / "inbox" / "scan.pdf")

        def shown_problems() -> list[str] | None:
            """The problems a page opened now is told of first (the overlay's lines)."""
            opened = EventStream(preview.url)
            name, data = opened.next()
            opened.close()
            return data["lines"] if name == "problems" else None
        assert wait_for(shown_problems, "the scan's line in the overlay") == [
            "inbox/scan.pdf: PDF has no text layer (2 page(s) of images, a scan?): run OCR on it first "
            "(e.g. ocrmypdf) and ingest the result"]
        assert (site / "inbox" / "scan.pdf").is_file()
        assert (site / "content/sources/raw/alert.eml").read_bytes() == raw


def test_documents_and_archived_pages_are_ingested_from_the_command_line(site: Path, tmp_path: Path) -> None:
    (tmp_path / "statement.pdf").write_bytes(text_pdf(RELEASE))
    (tmp_path / "release.docx").write_bytes(word_docx())
    (tmp_path / "truce.mhtml").write_bytes(mhtml((PAGES / "northwind_wire.html").read_bytes()))
    result = ingest(site, *(str(tmp_path / n) for n in ("statement.pdf", "release.docx", "truce.mhtml")),
                    "--date", "2026-03-03")
    assert result.returncode == 0, result.stderr
    assert [line.split(": wrote ")[1].split(" (")[0] for line in result.stdout.splitlines() if ": wrote " in line] == [
        "content/articles/2026/testland-ministry-river-truce-signed-with-the-sample-council.md",
        "content/articles/2026/sample-council-welcomes-the-river-truce.md",
        "content/articles/2026/testland-minister-alice-example-agrees-river-truce-with-robert-sample.md"]
    for name in ("statement.pdf", "release.docx", "truce.mhtml"):
        assert (site / "content/sources/raw" / name).read_bytes() == (tmp_path / name).read_bytes()


def test_an_email_without_a_body_gives_its_attachments_only(site: Path) -> None:
    (site / "inbox" / "forwarded.eml").write_bytes(alert_email(body=False))
    result = ingest(site, "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == ["inbox/forwarded.eml:statement.pdf",
                                             "inbox/forwarded.eml:council release.docx"]
    assert records[0]["warnings"][:2] == [
        "forwarded.eml has no body of its own: only its attachments are ingested",
        "attachment photo.png (image/png) is not a story form (.txt, .html, .pdf, .docx): not ingested"]


@pytest.mark.parametrize("text", [
    "open <script>alert(5)</script> for barges", "1. not a list", "12) nor this", "- nor this", "# no heading",
    "> no quote", "[a link](javascript:alert(8)) *not bold* _nor this_ `nor code`", "AT&T &amp; &#169; stay",
    "a <b>tag</b> and <http://example.org> as text",
])
def test_body_text_shows_as_it_is_written(text: str) -> None:
    import html

    from dossier.ingest.compose import escape_markdown
    from dossier.site.markup import MarkdownRenderer
    rendered = MarkdownRenderer().render(escape_markdown(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == text
