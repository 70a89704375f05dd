"""`build.py ingest` end to end: the real CLI in a subprocess on a temporary site."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.ingest import command
from helpers import EXAMPLE_SITE, REPO, SEED

FIXTURES = Path(__file__).resolve().parent / "ingest"
ARTICLE = "content/articles/2026/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe.md"


def ingest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site with the example's profiles (no articles) and the seed story in inbox/."""
    for section in ("actors", "topics", "sources"):
        shutil.copytree(EXAMPLE_SITE / "content" / section, tmp_path / "content" / section,
                        ignore=shutil.ignore_patterns("raw"))
    (tmp_path / "inbox").mkdir()
    shutil.copy(SEED, tmp_path / "inbox" / SEED.name)
    return tmp_path


def test_ingest_writes_the_example_article_keeps_the_original_and_is_idempotent(site: Path) -> None:
    first = ingest(site)
    assert first.returncode == 0, first.stderr
    assert (site / ARTICLE).read_bytes() == (EXAMPLE_SITE / ARTICLE).read_bytes()
    assert (site / "content/sources/raw" / SEED.name).read_bytes() == SEED.read_bytes()
    assert f"inbox/{SEED.name}: wrote {ARTICLE} (10 actors, 0 new)" in first.stdout
    before = snapshot(site)
    second = ingest(site)
    assert second.returncode == 0, second.stderr
    assert snapshot(site) == before
    assert second.stdout == (f"inbox/{SEED.name}: already ingested as {ARTICLE}: nothing written\n"
                             "1 story: 0 ingested, 1 already ingested, 0 failed\n")


def test_dry_run_json_writes_nothing_and_prints_one_object_per_input(site: Path) -> None:
    shutil.copy(FIXTURES / "synthetic_ru.txt", site / "inbox" / "synthetic_ru.txt")
    before = snapshot(site)
    result = ingest(site, "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    assert snapshot(site) == before
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == [f"inbox/{SEED.name}", "inbox/synthetic_ru.txt"]
    seed, synthetic = records
    assert seed["path"] == ARTICLE and seed["front_matter"]["date"] == "2026-01-06"
    assert {"slug": "fridrikh-merts", "name": "Фридрих Мерц", "kind": "person", "new": False} in seed["actors"]
    assert {"slug": "petr-obraztsov", "name": "Пётр Образцов", "kind": "person", "new": True} in synthetic["actors"]
    assert all(set(r) >= {"input", "path", "front_matter", "actors", "warnings"} for r in records)


def test_bad_files_get_one_line_each_and_do_not_stop_the_others(site: Path) -> None:
    (site / "inbox" / "empty.txt").write_bytes(b"")
    (site / "inbox" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    result = ingest(site, "inbox", "missing.txt")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: missing.txt: no such file or folder",
                      "error: inbox/empty.txt: empty file: nothing to ingest",
                      "error: inbox/photo.jpg: binary file (NUL bytes), not a text story"]
    assert (site / ARTICLE).exists()


def test_new_actors_get_stubs_and_edited_files_are_left(site: Path) -> None:
    (site / "inbox" / SEED.name).unlink()
    shutil.copy(FIXTURES / "synthetic_ru.txt", site / "inbox" / "synthetic_ru.txt")
    (site / "content/actors/anna-probnaya.md").write_text(
        '---\nname: "Анна Пробная"\naliases: []\nkind: person\n---\nAn edited bio.\n', encoding="utf-8")
    assert ingest(site, "--date", "2025-03-03").returncode == 0
    stub = (site / "content/actors/petr-obraztsov.md").read_text(encoding="utf-8")
    assert 'name: "Пётр Образцов"' in stub and 'role: "председатель тестового совета"' in stub
    assert '"Петром Образцовым"' in stub
    assert (site / "content/actors/anna-probnaya.md").read_text(encoding="utf-8").endswith("An edited bio.\n")
    article = next((site / "content/articles/2025").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    edited = article.read_bytes()
    again = ingest(site, "--date", "2025-03-03")
    assert again.returncode == 0
    assert article.read_bytes() == edited
    assert f"already ingested as {article.relative_to(site).as_posix()}: nothing written" in again.stdout


def test_bad_date_is_one_clear_line(site: Path) -> None:
    result = ingest(site, "--date", "6 января")
    assert (result.returncode, result.stderr) == (1, "error: --date '6 января': expected YYYY-MM-DD\n")


def test_an_edited_profile_only_gains_aliases_and_topics_are_suggested(site: Path) -> None:
    (site / "inbox" / SEED.name).unlink()
    shutil.copy(FIXTURES / "synthetic_ru_followup.txt", site / "inbox" / "followup.txt")
    profile = site / "content/actors/anna-probnaya.md"
    edited = '---\nname: "Анна Пробная"\naliases: []\nkind: person\nrole: "edited role"\n---\nAn edited bio.\n'
    profile.write_text(edited, encoding="utf-8")
    result = ingest(site, "--json", "--date", "2025-03-05")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"slug": "anna-probnaya", "name": "Анна Пробная", "kind": "person", "new": False} in record["actors"]
    assert profile.read_text(encoding="utf-8") == edited.replace("aliases: []", 'aliases: ["Анной Пробной"]')
    assert 'topic suggestion: no topic covers "тестовый пакт"; add content/topics/testovy-pakt.md ' \
           "with keywords" in record["warnings"]


def test_json_gives_every_input_a_line_even_a_missing_or_failing_one(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # In process: nothing in a real story makes ingest raise, so one file is made to.
    shutil.copy(FIXTURES / "synthetic_ru.txt", site / "inbox" / "synthetic_ru.txt")
    real = command._ingest_file

    def failing(path: Path, *args: object):
        if path.name == SEED.name:
            raise RuntimeError("synthetic failure")
        return real(path, *args)

    monkeypatch.setattr(command, "_ingest_file", failing)
    parser = argparse.ArgumentParser()
    parser.add_argument("--root")
    command.add_ingest_arguments(parser)
    code = command.run(parser.parse_args(["--root", str(site), "--json", "missing.txt", "inbox"]))
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [(r["input"], r.get("error")) for r in records] == [
        ("missing.txt", "no such file or folder"),
        (f"inbox/{SEED.name}", "ingest failed (RuntimeError: synthetic failure)"),
        ("inbox/synthetic_ru.txt", None)]
    assert (site / records[2]["path"]).is_file()
    assert err.splitlines()[:2] == ["error: missing.txt: no such file or folder",
                                    f"error: inbox/{SEED.name}: ingest failed (RuntimeError: synthetic failure)"]
