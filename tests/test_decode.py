"""Wrong charsets and bad bytes: checked against the bytes, never silent garbage, never a lost story."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE_SITE, REPO, bare_site

STORIES = Path(__file__).resolve().parent / "ingest"
HARBOUR = ("СИНТЕТИКА: В Примерске открылась вымышленная гавань\n\n"
           "ПРИМЕРСК, 4 марта. /СИНТЕТИКА/. Вымышленная гавань Примерска открылась в среду после ремонта, "
           "сообщил начальник порта. Первые баржи пришли утром.\n\n"
           "Ремонт шёл два года и стоил городу вымышленных денег, добавил он.\n")


def text_of(name: str) -> str:
    return (STORIES / name).read_text(encoding="utf-8")


def mail(subject_and_body: str, charset: str, body: bytes) -> bytes:
    """An e-mailed alert whose text part says charset and holds body, 8-bit, as a mailer sends it."""
    subject = subject_and_body.split("\n", 1)[0]
    return (f"From: Synthetic Desk <desk@wire.example>\nTo: editor@dossier.example\n"
            f"Subject: =?utf-8?b?{base64.b64encode(subject.encode()).decode()}?=\n"
            f"Date: Tue, 03 Mar 2026 09:30:00 +0300\nMIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n").encode("ascii") + body


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The example's settings, layouts and profiles, no articles, an empty inbox/."""
    return bare_site(tmp_path / "site")


def run_ingest(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(site)],
                          capture_output=True, text=True, check=False)


def kept_articles(site: Path) -> dict[str, str]:
    """The written articles by the raw file each keeps: {'raw: content/sources/raw/x': text}."""
    texts = [p.read_text(encoding="utf-8") for p in (site / "content/articles").rglob("*.md")]
    return {next(line for line in text.splitlines() if line.startswith("raw:")): text for text in texts}


def test_declared_charsets_are_checked_against_the_bytes_and_an_unknown_one_loses_nothing(site: Path) -> None:
    inbox = site / "inbox"
    followup = text_of("synthetic_ru_followup.txt")
    body = "\n".join(followup.split("\n")[2:])
    (inbox / "cp1251-said-utf8.eml").write_bytes(mail(followup, "utf-8", body.encode("cp1251")))
    (inbox / "utf8-said-koi8.eml").write_bytes(mail(HARBOUR, "koi8-r", "\n".join(HARBOUR.split("\n")[2:]).encode()))
    english = text_of("synthetic_en.txt")
    (inbox / "unknown-charset.eml").write_bytes(mail(english, "x-no-such-charset",
                                                     "\n".join(english.split("\n")[2:]).encode("utf-8")))
    result = run_ingest(site)

    assert "Traceback" not in result.stderr and "error:" not in result.stderr
    assert result.stdout.splitlines()[-1] == "3 stories: 3 ingested, 0 already ingested, 0 failed"
    by_raw = kept_articles(site)
    assert "Председатель тестового совета Пётр Образцов" in by_raw["raw: content/sources/raw/cp1251-said-utf8.eml"]
    assert "warning: inbox/cp1251-said-utf8.eml: not valid utf-8, as declared: read by what the bytes are" \
        in result.stderr
    assert "Вымышленная гавань Примерска" in by_raw["raw: content/sources/raw/utf8-said-koi8.eml"]
    assert "warning: inbox/utf8-said-koi8.eml: declared koi8-r, but the bytes are UTF-8: read as UTF-8" \
        in result.stderr
    assert "Alice Example" in by_raw["raw: content/sources/raw/unknown-charset.eml"]
    assert ("warning: inbox/unknown-charset.eml: unknown charset 'x-no-such-charset': read by what the bytes "
            "are") in result.stderr
    assert not any("\ufffd" in text for text in by_raw.values())
    assert_no_junk_stubs(site)


def test_one_bad_byte_stays_utf8_and_garbled_text_is_refused(site: Path) -> None:
    inbox = site / "inbox"
    ru = text_of("synthetic_ru.txt")
    # A UTF-8 story whose headline was cut in the middle of a letter: one byte is left over.
    cut = ru.encode("utf-8")
    at = cut.index("Вымышленный".encode()) + 1
    (inbox / "cut.txt").write_bytes(cut[:at] + cut[at + 1:])
    # A story that went through a cp1251 reader and was saved as UTF-8: garbage either way.
    (inbox / "garbled.txt").write_bytes(ru.encode("utf-8").decode("cp1251", "replace").encode("utf-8"))
    result = run_ingest(site)

    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [("error: inbox/garbled.txt: garbled text: UTF-8 read as cp1251 somewhere before it reached "
                       "us ('Рќ…' for one letter): save it as UTF-8 and ingest it again")]
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == "2 stories: 1 ingested, 0 already ingested, 1 failed"
    kept_cut = kept_articles(site)["raw: content/sources/raw/cut.txt"]
    assert "title: 'СИНТЕТИКА: \ufffdымышленный министр Анна Пробная встретилась с Петром Образцовым'\n" in kept_cut
    assert kept_cut.count("\ufffd") == 1  # the one letter cut, nothing else
    assert "needs_review: true" in kept_cut and "Вымышленный министр примеров Анна Пробная" in kept_cut
    assert ("warning: inbox/cut.txt: 1 byte(s) not valid UTF-8: replaced by '\ufffd'; check the text around "
            "them") in result.stderr
    assert not (site / "content/sources/raw/garbled.txt").exists()
    assert_no_junk_stubs(site)


def assert_no_junk_stubs(site: Path) -> None:
    """No stub for a piece of mojibake ('r.md', 'rr.md'): every new actor has a real name."""
    stubs = sorted(p.stem for p in (site / "content/actors").glob("*.md")
                   if not (EXAMPLE_SITE / "content/actors" / p.name).exists())
    assert all(len(stem) > 4 for stem in stubs), stubs
