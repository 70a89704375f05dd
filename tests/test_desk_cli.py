"""`build.py actors` end to end: the real CLI in a subprocess on a dossier of invented people."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.desk.state import Doc, read_dossier
from dossier.ingest.journal import JOURNAL
from helpers import REPO, SITES, copy_site, run_build

TOLLS = "content/articles/2026/canal-tolls-rise.md"
GATES = "content/articles/2026/lock-gates-closed.md"
SLUICES = "content/articles/2026/shlyuzy-otkryty.md"


def actors(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "actors", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*"))
            if p.is_file()}


def changed_lines(before: bytes, after: bytes) -> list[str]:
    """Return the diff's removed and added lines (sorted), as a reviewer sees them in git."""
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
    return sorted(line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SITES / "desk", tmp_path / "site")


def test_list_counts_articles_newest_first(site: Path) -> None:
    result = actors(site)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["2", "2026-03-16", "ilvana-quorrest", "Ilvana", "Quorrest", "(person)"]
    assert lines[1].split()[:3] == ["1", "2026-03-16", "breno-falskar-2"]
    assert lines[-1] == "6 actors"
    rows = [json.loads(line) for line in actors(site, "--json").stdout.splitlines()]
    assert rows[0] == {"slug": "ilvana-quorrest", "name": "Ilvana Quorrest", "kind": "person", "articles": 2,
                       "newest": "2026-03-16", "stub": False}


def test_review_lists_doubts_with_their_sentences(site: Path) -> None:
    items = [json.loads(line) for line in actors(site, "review", "--json").stdout.splitlines()]
    by_slugs = {" ".join(item["slugs"]): item for item in items}
    assert by_slugs["glimmerfen"]["reasons"] == ["stub", "one-word name", "one article"]
    assert by_slugs["glimmerfen"]["sentences"] == ["veltria-raises-canal-tolls: The shipping firm Glimmerfen "
                                                   "declined to comment."]
    assert by_slugs["breno-falskar breno-falskar-2"]["reasons"] == [
        "may be one person: same name in two scripts or spellings"]
    assert by_slugs["i-quorrest ilvana-quorrest"]["reasons"][0].startswith("may be one person")
    assert by_slugs["ilvana-quorrest tomasz-quorrest"]["reasons"] == ["same surname, different given names"]
    assert "ilvana-quorrest" not in by_slugs  # an editor's profile of two articles is no doubt
    text = actors(site, "review").stdout
    assert "    shlyuzy-veltrii-snova-otkryty: Инженер Брено Фальскар сообщил, что ремонт шлюзов закончен." in text


def test_merge_rewrites_only_the_lines_naming_the_source(site: Path) -> None:
    before = snapshot(site)
    result = actors(site, "merge", "i-quorrest", "--into", "ilvana-quorrest")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "merged 'i-quorrest' into 'ilvana-quorrest' (1 articles, 2 names kept as aliases)"
    after = snapshot(site)
    assert "content/actors/i-quorrest.md" not in after
    assert changed_lines(before[GATES], after[GATES]) == sorted([
        "-actors: [i-quorrest, breno-falskar]", "-- actor: i-quorrest", "-  actors: [breno-falskar, i-quorrest]",
        "+actors: [ilvana-quorrest, breno-falskar]", "+- actor: ilvana-quorrest",
        "+  actors: [breno-falskar, ilvana-quorrest]"])
    profile = "content/actors/ilvana-quorrest.md"
    assert changed_lines(before[profile], after[profile]) == [
        '+aliases: ["Quorrest", "I. Quorrest", "Ilvana Q."]', '-aliases: ["Quorrest"]']
    assert after[profile].decode().endswith("invented Republic of Veltria.\n")  # the editor's text stays
    assert "  i-quorrest: ilvana-quorrest" in after["content/corrections.yml"].decode()
    assert {k for k in after if after[k] != before.get(k)} == {GATES, profile, "content/corrections.yml"}
    again = actors(site, "merge", "i-quorrest", "--into", "ilvana-quorrest")
    assert again.returncode == 0 and "merged into 'ilvana-quorrest' already" in again.stdout
    assert snapshot(site) == after  # idempotent
    assert run_build(site).returncode == 0


def test_merge_keeps_the_sources_biography(site: Path) -> None:
    (site / "content/actors/tomasz-quorrest.md").write_text(
        "---\nname: Tomasz Quorrest\nkind: person\n---\nAn invented barge owner.\n", encoding="utf-8")
    assert actors(site, "merge", "tomasz-quorrest", "--into", "ilvana-quorrest").returncode == 0
    text = (site / "content/actors/ilvana-quorrest.md").read_text(encoding="utf-8")
    assert text.endswith("Republic of Veltria.\n\nAn invented barge owner.\n")


def test_dry_run_and_json_write_nothing(site: Path) -> None:
    before = snapshot(site)
    result = actors(site, "--dry-run", "--json", "merge", "breno-falskar-2", "--into", "breno-falskar")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["dry_run"] and record["removed"] == ["content/actors/breno-falskar-2.md"]
    assert record["command"] == "build.py actors merge breno-falskar-2 --into breno-falskar"
    assert sorted(record["written"]) == sorted(["content/actors/breno-falskar.md", "content/corrections.yml", SLUICES])
    assert snapshot(site) == before
    text = actors(site, "merge", "breno-falskar-2", "--into", "breno-falskar", "--dry-run").stdout
    assert "  would remove content/actors/breno-falskar-2.md" in text
    assert snapshot(site) == before


def test_split_gives_articles_to_a_new_profile(site: Path) -> None:
    result = actors(site, "split", "ilvana-quorrest", "--articles", "shlyuzy-veltrii-snova-otkryty",
                    "--name", "Ilvana Quorrest-Brant")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("split 'ilvana-quorrest-brant' (Ilvana Quorrest-Brant) from "
                                             "'ilvana-quorrest': 1 articles moved, 1 stay")
    sluices = (site / SLUICES).read_text(encoding="utf-8")
    assert "actors: [breno-falskar-2, ilvana-quorrest-brant]" in sluices
    assert "actors: [ilvana-quorrest, tomasz-quorrest, glimmerfen]" in (site / TOLLS).read_text(encoding="utf-8")
    new = (site / "content/actors/ilvana-quorrest-brant.md").read_text(encoding="utf-8")
    assert new == ('---\nname: "Ilvana Quorrest-Brant"\nnames:\n  en: "Ilvana Quorrest-Brant"\n'
                   'kind: person\nstub: true\n---\n')
    assert run_build(site).returncode == 0


def test_rename_with_slug_moves_the_profile(site: Path) -> None:
    result = actors(site, "rename", "glimmerfen", "Glimmerfen Barges", "--slug")
    assert result.returncode == 0, result.stderr
    assert not (site / "content/actors/glimmerfen.md").exists()
    text = (site / "content/actors/glimmerfen-barges.md").read_text(encoding="utf-8")
    assert 'name: "Glimmerfen Barges"' in text and '  en: "Glimmerfen Barges"' in text
    assert 'aliases: ["Glimmerfen"]' in text
    assert "actors: [ilvana-quorrest, tomasz-quorrest, glimmerfen-barges]" in (site / TOLLS).read_text(encoding="utf-8")
    assert "  glimmerfen: glimmerfen-barges" in (site / "content/corrections.yml").read_text(encoding="utf-8")
    before = snapshot(site)
    assert actors(site, "rename", "glimmerfen-barges", "Glimmerfen Barges").stdout == "nothing to change\n"
    assert snapshot(site) == before


def test_kind_edits_one_line(site: Path) -> None:
    before = snapshot(site)
    assert actors(site, "kind", "glimmerfen", "organisation").stdout.splitlines()[0] == \
        "'glimmerfen' is now a organisation"
    after = snapshot(site)
    rel = "content/actors/glimmerfen.md"
    assert changed_lines(before[rel], after[rel]) == ["+kind: organisation", "-kind: person"]
    assert actors(site, "kind", "glimmerfen", "organisation").stdout.endswith("nothing to change\n")


def test_reject_removes_a_name_everywhere_and_remembers_it(site: Path) -> None:
    before = snapshot(site)
    result = actors(site, "reject", "Glimmerfen")
    assert result.returncode == 0, result.stderr
    after = snapshot(site)
    assert "content/actors/glimmerfen.md" not in after
    assert changed_lines(before[TOLLS], after[TOLLS]) == [
        "+actors: [ilvana-quorrest, tomasz-quorrest]", "-actors: [ilvana-quorrest, tomasz-quorrest, glimmerfen]"]
    assert "rejected:\n- Glimmerfen\n" in after["content/corrections.yml"].decode()
    assert actors(site, "reject", "Glimmerfen").stdout == "'Glimmerfen' is rejected already\nnothing to change\n"
    # A speaker rejected loses the quote's actor line; the quote stays.
    actors(site, "reject", "tomasz-quorrest")
    tolls = (site / TOLLS).read_text(encoding="utf-8")
    assert "- text: Tolls hurt the barge trade.\n" in tolls and "tomasz" not in tolls.split("---")[1]
    assert run_build(site).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["merge", "glimmerfen", "--into", "glimmerfen"],
     "error: actors: cannot merge 'glimmerfen' into itself: name another profile after --into"),
    (["merge", "glimmerfen", "--into", "nobody"],
     "error: actors: no profile 'nobody' (content/actors/nobody.md): `build.py actors` lists them"),
    (["merge", "nobody", "--into", "glimmerfen"],
     "error: actors: no profile 'nobody' (content/actors/nobody.md): `build.py actors` lists them"),
    (["reject", "Zanzibar Nobody"],
     "error: actors: no profile is named 'Zanzibar Nobody': `build.py actors` lists them (reject a slug or a name)"),
    (["split", "glimmerfen", "--articles", "veltria-raises-canal-tolls"],
     "error: actors: split would leave 'glimmerfen' with no article: leave at least one, or rename it instead"),
    (["split", "ilvana-quorrest", "--articles", "lock-gates-closed-for-repairs"],
     "error: actors: content/articles/2026/lock-gates-closed.md does not name 'ilvana-quorrest': split only "
     "its own articles"),
    (["rename", "glimmerfen", "Ilvana Quorrest", "--slug"],
     "error: actors: 'ilvana-quorrest' is another profile: merge 'glimmerfen' into it instead"),
    (["reject", "ilvana-quorrest"],
     "error: actors: content/actors/ilvana-quorrest.md has a biography an editor wrote: delete its text first if "
     "it is really no actor"),
])
def test_bad_input_is_one_line_and_changes_nothing(site: Path, args: list[str], message: str) -> None:
    before = snapshot(site)
    result = actors(site, *args)
    assert (result.returncode, result.stderr) == (1, message + "\n")
    assert snapshot(site) == before


def test_a_merge_back_is_a_cycle(site: Path) -> None:
    assert actors(site, "merge", "breno-falskar-2", "--into", "breno-falskar").returncode == 0
    before = snapshot(site)
    result = actors(site, "merge", "breno-falskar", "--into", "breno-falskar-2")
    assert result.stderr == ("error: actors: 'breno-falskar-2' was merged into 'breno-falskar': merging "
                             "'breno-falskar' into it would go round in a circle; keep 'breno-falskar'\n")
    assert snapshot(site) == before


def test_a_change_stopped_after_its_journal_is_finished_by_the_next(site: Path) -> None:
    # What a desk killed between deciding and moving leaves: staged texts and the journal.
    staged = site / "content/actors/.glimmerfen.md.desk.tmp"
    staged.write_text("---\nname: Glimmerfen\nkind: organisation\n---\n", encoding="utf-8")
    (site / JOURNAL).parent.mkdir(parents=True, exist_ok=True)
    (site / JOURNAL).write_text(json.dumps({"moves": [[staged.relative_to(site).as_posix(),
                                                        "content/actors/glimmerfen.md"]],
                                            "removes": ["content/actors/tomasz-quorrest.md"]}), encoding="utf-8")
    assert actors(site, "accept", "breno-falskar").returncode == 0
    assert (site / "content/actors/glimmerfen.md").read_text(encoding="utf-8").endswith("organisation\n---\n")
    assert not (site / "content/actors/tomasz-quorrest.md").exists() and not (site / JOURNAL).exists()
    assert not staged.exists()


def test_accept_leaves_the_review_list(site: Path) -> None:
    assert actors(site, "accept", "tomasz-quorrest", "ilvana-quorrest").returncode == 0
    assert actors(site, "accept", "glimmerfen").returncode == 0
    text = actors(site, "review").stdout
    assert "ilvana-quorrest + tomasz-quorrest" not in text and "\nglimmerfen:" not in text
    assert "i-quorrest + tomasz-quorrest" in text


def test_block_lists_are_edited_item_by_item(site: Path) -> None:
    rel = "content/articles/2026/barge-strike.md"
    (site / rel).write_text("---\ntitle: Barge strike\ndate: 2026-03-20\nactors:\n  - glimmerfen\n  - breno-falskar\n"
                            "events:\n  - date: 2026-03-19\n    text: The strike began.\n    actors:\n      - glimmerfen\n"
                            "---\nGlimmerfen barges stopped.\n", encoding="utf-8")
    before = (site / rel).read_bytes()
    assert actors(site, "merge", "glimmerfen", "--into", "breno-falskar").returncode == 0
    assert changed_lines(before, (site / rel).read_bytes()) == ["+      - breno-falskar", "-      - glimmerfen",
                                                                 "-  - glimmerfen"]


def test_a_file_edited_between_two_reads_of_the_desk_is_read_again_the_others_kept(site: Path) -> None:
    known: dict[str, Doc] = {}
    first = read_dossier(site, known)
    path = site / "content/actors/ilvana-quorrest.md"
    stamp = path.stat()
    # The same length and modification time: only the text tells the edit apart.
    path.write_text(path.read_text(encoding="utf-8").replace("name: Ilvana", "name: Ilvane"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    again = read_dossier(site, known)
    assert again.actors["ilvana-quorrest"].names[0] == "Ilvane Quorrest"
    assert again.actors["tomasz-quorrest"] is first.actors["tomasz-quorrest"]
    assert sorted(known) == sorted(doc.rel for doc in [*again.actors.values(), *again.articles])
