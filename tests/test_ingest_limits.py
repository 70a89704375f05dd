"""Word and PDF files that would stall ingest or exhaust memory: refused in one line, before parsing."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from helpers import REPO, bare_site

from dossier.ingest.sources import SourceError, read_source
from dossier.ingest.sources.bounded import read_bounded
from dossier.ingest.sources.docx import read_docx

FIX = "save the story alone as a new .docx and ingest that"


def release(paragraphs: int = 1) -> docx.Document:
    """A press release of invented people, with this many body paragraphs."""
    document = docx.Document()
    document.add_paragraph("Sample Council opens the invented northern lock", style="Title")
    document.add_paragraph("SAMPLEFORD, March 4 (Sample Council) - Council chair Robert Sample opened the "
                           "invented northern lock on Wednesday, two years after the flood.")
    for number in range(1, paragraphs):
        document.add_paragraph(f"Paragraph {number} of the council's invented report on the lock.")
    return document


def saved(document: docx.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_body(raw: bytes, body: bytes) -> bytes:
    """Return the .docx raw with body (paragraph XML) in place of its document's paragraphs."""
    source, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "word/document.xml":
                data = re.sub(rb"<w:body>.*?(<w:sectPr)", lambda m: b"<w:body>" + body + m.group(1), data,
                              flags=re.DOTALL)
            target.writestr(part.filename, data)
    return out.getvalue()


def spaces_bomb(raw: bytes, gib: int = 3) -> bytes:
    """Return the .docx raw with gib GiB of spaces in its document.xml, written by hand: a ~3 MB zip.

    zipfile would deflate 3 GiB for 20 s; a run of spaces after a full flush deflates to the
    same bytes every time, so one MiB's output is repeated instead.
    """
    source = zipfile.ZipFile(io.BytesIO(raw))
    head, _, tail = source.read("word/document.xml").partition(b"<w:body>")
    head += b"<w:body>"
    mib = b" " * 2**20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated_head = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    deflated_tail = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(gib * 1024):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + gib * 2**30 + len(tail)
    entries = [(part.filename, zlib.crc32(data := source.read(part)), len(data), _deflated(data))
               for part in source.infolist() if part.filename != "word/document.xml"]
    entries.append(("word/document.xml", crc, size, deflated_head + block * (gib * 1024) + deflated_tail))
    return _zip(entries)


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _zip(entries: list[tuple[str, int, int, bytes]]) -> bytes:
    """A zip archive of deflated entries (name, crc, size, data), as APPNOTE.TXT lays one out."""
    local, central = bytearray(), bytearray()
    for name, crc, size, data in entries:
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0,
                                                                                 0, len(local)) + name.encode()
        local += b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name.encode() + data
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + end)


def long_pdf(pages: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(text=f"Page {number + 1} of an invented council report.")
    return bytes(pdf.output())


def test_documents_over_the_limits_get_one_line_each_and_the_others_go_on(tmp_path: Path) -> None:
    site = bare_site(tmp_path / "site")
    inbox = site / "inbox"
    bomb = spaces_bomb(saved(release()))
    with zipfile.ZipFile(io.BytesIO(bomb)).open("word/document.xml") as part:  # a real zip, of real spaces
        start = part.read(2**20)
    assert len(bomb) < 4 * 2**20 and start.endswith(b" " * 1000) and start.rstrip(b" ").endswith(b"<w:body>")
    (inbox / "bomb.docx").write_bytes(bomb)
    (inbox / "empty-paragraphs.docx").write_bytes(with_body(saved(docx.Document()), b"<w:p/>" * 339_242))
    (inbox / "report.pdf").write_bytes(long_pdf(301))
    (inbox / "release.docx").write_bytes(saved(release()))
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(site)],
                            capture_output=True, text=True, check=False)

    assert sorted(line for line in result.stderr.splitlines() if line.startswith("error:")) == [
        ("error: inbox/bomb.docx: Word document too large to read: word/document.xml unpacks to 3.0 GB, "
         f"the limit is 32.0 MB a part (a zip bomb?): {FIX}"),
        ("error: inbox/empty-paragraphs.docx: Word document too long to read: 339,242 paragraphs, the limit is "
         f"20,000: not one story; {FIX}"),
        ("error: inbox/report.pdf: PDF too long to read: 301 pages, the limit is 300: not one story; save the "
         "story's pages alone as a new PDF and ingest that"),
    ]
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == "4 stories: 1 ingested, 0 already ingested, 3 failed"
    assert [p.name for p in (site / "content/sources/raw").iterdir()] == ["release.docx"]


def test_a_document_that_reads_too_long_is_stopped_and_a_normal_one_is_read() -> None:
    story = read_source(saved(release(3)), "release.docx")
    assert story.headline == "Sample Council opens the invented northern lock" and len(story.paragraphs) == 3
    # Under every limit, but 19,000 paragraphs take python-docx one to two seconds.
    paragraph = b"<w:p><w:r><w:t>A paragraph of the council's invented report on the lock.</w:t></w:r></w:p>"
    long = with_body(saved(docx.Document()), paragraph * 19_000)
    with pytest.raises(SourceError) as refused:
        read_bounded(read_docx, long, "long.docx", seconds=0.2)
    assert str(refused.value) == ("not read within 0.2 s: too long or too complex for one story; "
                                  "save the story alone as a new file and ingest that")
