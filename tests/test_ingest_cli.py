"""`build.py ingest` end to end: the real CLI in a subprocess on a temporary site."""

from __future__ import annotations

import fcntl
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.stories import story
from dossier import DossierError
from dossier.ingest import command
from helpers import EXAMPLE_SITE, REPO, SEED, inbox_site, run_build
from serve_helpers import wait_for

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
    return inbox_site(tmp_path, SEED)


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


def test_new_sources_get_stubs_named_as_the_story_or_page_writes_them(site: Path) -> None:
    (site / "inbox" / SEED.name).unlink()
    (site / "inbox" / "wire.txt").write_text(
        "Testhaven reopens its invented harbour\n\nTESTHAVEN, Testland (AP) — The invented council of Testhaven "
        "reopened its harbour on Tuesday, the Testhaven Ledger reported.\n", encoding="utf-8")
    paragraphs = "".join(f"<p>The invented council of Testhaven met for the {n}th time on the harbour, and its "
                         "chair said the barges would return to the quay before the storms.</p>" for n in range(4))
    (site / "inbox" / "page.html").write_text(
        "<html><head><meta property='og:site_name' content='NBC Sample News'>"
        f"<title>Barges return to Testhaven</title></head><body><article>{paragraphs}</article></body></html>",
        encoding="utf-8")
    done = ingest(site, "--date", "2026-03-04")
    assert done.returncode == 0, done.stderr
    names = {p.stem: p.read_text(encoding="utf-8") for p in (site / "content/sources").glob("*.md")}
    assert 'name: "AP"\nstub: true\n' in names["ap"]
    assert 'name: "Testhaven Ledger"\n' in names["testhaven-ledger"]
    assert 'name: "NBC Sample News"\n' in names["nbc-sample-news"]
    assert "warning: inbox/wire.txt: new source: AP (ap): stub content/sources/ap.md" in done.stderr
    built = run_build(site)
    assert built.returncode == 0, built.stderr
    # A story that only names a stubbed source does not cite it.
    (site / "inbox" / "later.txt").write_text(
        "Testhaven barges return\n\nTESTHAVEN, Testland (AP) — Barges returned to Testhaven on Wednesday, a week "
        "after NBC Sample News filmed the empty quay.\n", encoding="utf-8")
    later = ingest(site, "--date", "2026-03-05", "--json", "inbox/later.txt")
    assert "via" not in json.loads(later.stdout)["front_matter"]


def test_bad_date_is_one_clear_line(site: Path) -> None:
    result = ingest(site, "--date", "6 января")
    assert (result.returncode, result.stderr) == (1, "error: --date '6 января': expected YYYY-MM-DD\n")


def test_a_site_folder_that_is_not_there_is_raised_for_the_command_line_to_say(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DossierError) as caught:
        command.run(tmp_path / "nowhere", [])
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: no such folder: --root names the site's folder"
    assert capsys.readouterr() == ("", "")  # build.py prints it, once
    result = ingest(tmp_path / "nowhere")
    assert (result.returncode, result.stderr) == (
        1, f"error: {tmp_path / 'nowhere'}: no such folder: --root names the site's folder\n")


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
    code = command.run(site, ["missing.txt", "inbox"], as_json=True)
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


def stamped(root: Path) -> dict[str, tuple[int, bytes]]:
    """Return every file under root with its mtime and bytes: a rewrite with equal bytes shows too."""
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_second_ingest_changes_nothing_at_all_and_says_so(site: Path) -> None:
    # Seed 3's stories share surnames so that re-analysing story 28 after the others
    # matches another profile: the old re-render-and-compare called it edited, and
    # rewrote a profile on every run.
    (site / "inbox" / SEED.name).unlink()
    for index in range(30):
        (site / "inbox" / f"story-{index:02d}.txt").write_text(story(index, seed=3), encoding="utf-8")
    first = ingest(site)
    assert first.returncode == 0, first.stderr
    before = stamped(site)
    second = ingest(site)
    assert second.returncode == 0, second.stderr
    assert stamped(site) == before
    assert first.stdout.endswith("30 stories: 30 ingested, 0 already ingested, 0 failed\n")
    articles = sorted(p for p in before if p.startswith("content/articles/"))
    lines = second.stdout.splitlines()
    assert lines[-1] == "30 stories: 0 ingested, 30 already ingested, 0 failed"
    assert sorted(line.split(" already ingested as ")[1].removesuffix(": nothing written")
                  for line in lines[:-1]) == articles
    assert second.stderr == ""


def test_the_same_story_under_another_name_is_recognised_by_its_bytes(site: Path) -> None:
    assert ingest(site).returncode == 0
    before = stamped(site)
    shutil.copy(SEED, site / "inbox" / "copy of the story.txt")
    result = ingest(site, "inbox/copy of the story.txt", "--json")
    assert result.returncode == 0, result.stderr
    assert stamped(site) == {**before, "inbox/copy of the story.txt": stamped(site)["inbox/copy of the story.txt"]}
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["path"], record["already_ingested"], record["written"]) == (
        ARTICLE, f"content/sources/raw/{SEED.name}", [])


def test_a_new_story_whose_slug_is_taken_in_any_year_gets_its_own(site: Path) -> None:
    (site / "inbox" / SEED.name).unlink()
    original = (FIXTURES / "synthetic_en.txt").read_text(encoding="utf-8")
    slug = "synthetic-testland-minister-alice-example-meets-robert-sample"
    (site / "inbox" / "a.txt").write_text(original, encoding="utf-8")
    assert ingest(site, "--date", "2026-03-03").returncode == 0
    headline = original.splitlines()[0]

    def other_story(day: str) -> str:
        # The same headline over another (invented) event: a story of its own, not an update.
        return (f"{headline}\n\nAnother synthetic story for tests, about an invented bridge\n\n"
                f"TESTVILLE, Mar 3 (Synthetic Wire) - Testland minister Alice Example and council "
                f"chair Robert Sample opened an invented bridge over the Test river on {day}. "
                "Sample said the bridge had taken four invented years and nine hundred invented "
                "workers to build, and that the old ferry across the river would stop next month. "
                "Example thanked the engineers of the invented Testville works for their patience.\n")

    # Another story, same headline: once in the same year, once in another.
    (site / "inbox" / "b.txt").write_text(other_story("Wednesday"), encoding="utf-8")
    same_year = ingest(site, "inbox/b.txt", "--date", "2026-03-04")
    assert same_year.returncode == 0, same_year.stderr
    assert f"inbox/b.txt: wrote content/articles/2026/{slug}-2.md (2 actors, 0 new)" in same_year.stdout
    assert f"warning: inbox/b.txt: slug '{slug}' is another article's: this story is '{slug}-2'" \
        in same_year.stderr
    (site / "inbox" / "c.txt").write_text(other_story("Thursday"), encoding="utf-8")
    other_year = ingest(site, "inbox/c.txt", "--date", "2025-03-03")
    assert f"inbox/c.txt: wrote content/articles/2025/{slug}-3.md (2 actors, 0 new)" in other_year.stdout
    first = (site / f"content/articles/2026/{slug}.md").read_text(encoding="utf-8")
    assert "Tuesday" in first and "\nslug:" not in first
    third = (site / f"content/articles/2025/{slug}-3.md").read_text(encoding="utf-8")
    assert third.startswith(f"---\ntitle: '{original.splitlines()[0]}'\nslug: {slug}-3\n") and "Thursday" in third
    (site / "site.yml").write_text("title: Test\nbase_url: /\n", encoding="utf-8")
    built = run_build(site, "--no-search")
    assert built.returncode == 0, built.stderr
    pages = {p.parent.name for p in (site / "public/articles").glob("*/index.html")}
    assert pages >= {slug, f"{slug}-2", f"{slug}-3"}


def test_inbox_notes_and_hidden_files_are_no_stories_and_folders_are_walked(site: Path) -> None:
    (site / "inbox" / "README.md").write_text("# inbox/\n\nDrop wire stories here.\n", encoding="utf-8")
    (site / "inbox" / ".gitkeep").write_bytes(b"")
    (site / "inbox" / "2026-03-03").mkdir()
    shutil.copy(FIXTURES / "synthetic_en.txt", site / "inbox" / "2026-03-03" / "en.txt")
    result = ingest(site)
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == [
        f"inbox/{SEED.name}", "inbox/2026-03-03/en.txt", "2 stories"]
    originals = [p.name for p in (site / "content/sources/raw").iterdir() if not p.name.startswith(".")]
    assert sorted(originals) == sorted(["en.txt", SEED.name])


def lock_is_held(root: Path) -> bool:
    """Tell whether a process holds the site's ingest lock (by trying to take it)."""
    path = root / ".cache" / "ingest.lock"
    if not path.exists():
        return False
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False


def test_two_ingests_at_once_give_the_result_of_one_after_the_other(site: Path, tmp_path: Path) -> None:
    (site / "inbox" / SEED.name).unlink()
    for name, indexes in (("a", range(0, 12)), ("b", range(12, 24))):
        (site / "inbox" / name).mkdir()
        for index in indexes:
            (site / "inbox" / name / f"story-{index:02d}.txt").write_text(story(index, seed=3), encoding="utf-8")
    reference = shutil.copytree(site, tmp_path / "reference")
    for name in ("a", "b"):
        assert ingest(reference, str(reference / "inbox" / name)).returncode == 0
    command = [sys.executable, str(REPO / "build.py"), "ingest", "--root", str(site)]
    first = subprocess.Popen([*command, str(site / "inbox" / "a")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    second = None
    try:
        wait_for(lambda: lock_is_held(site), "the first ingest to take the lock")
        # Frozen holding the lock, so the second surely starts while the first one runs.
        first.send_signal(signal.SIGSTOP)
        second = subprocess.Popen([*command, str(site / "inbox" / "b")], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        assert second.stderr is not None
        waiting = second.stderr.readline()
    finally:
        first.send_signal(signal.SIGCONT)
        first.communicate()
        if second is not None:
            second.communicate()
    assert (first.returncode, second.returncode) == (0, 0)
    assert waiting == "waiting for another ingest of this site to finish (.cache/ingest.lock)\n"
    assert snapshot(site / "content") == snapshot(reference / "content")
