"""Corrections survive re-ingest: every original ingested again into fresh content/ brings no mistake back."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bench.stories import story
from helpers import SITES
from test_desk_cli import actors
from test_ingest_cli import ingest

STORIES = 10


def front_matters(root: Path) -> dict[str, dict]:
    """Return each article's front matter by its original (raw:), the one key a re-ingest keeps."""
    found = {}
    for path in (root / "content/articles").rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found[meta["raw"]] = meta
    return found


def named(meta: dict) -> set[str]:
    return {*meta.get("actors", []), *(q["actor"] for q in meta.get("quotes", []) if "actor" in q),
            *(a for e in meta.get("events", []) for a in e.get("actors", []))}


def test_no_corrected_mistake_returns(tmp_path: Path) -> None:
    root = tmp_path / "first"
    (root / "inbox").mkdir(parents=True)
    shutil.copy(SITES / "desk" / "site.yml", root / "site.yml")
    for index in range(STORIES):
        (root / "inbox" / f"story-{index:02d}.txt").write_text(story(index), encoding="utf-8")
    assert ingest(root).returncode == 0
    profiles = {p.stem for p in (root / "content/actors").glob("*.md")}
    # The mistakes an editor corrects: two people in one profile, two profiles of one person, a profile under the
    # wrong name, a person who is an organisation. ("Minister Thixzhol Tzarthes ... Tzarthes said" is one person
    # now, read in full: no one-word "tzarthes" to reject or hold back.)
    assert "tzarthes" not in profiles and "thixzhol-tzarthes" in profiles
    assert {"vindxand-kresxeth", "tzeskran-skerval", "vorkvrith-krarxux", "zhulzhes-skirvrin"} <= profiles
    drasqix = sorted(str(p.relative_to(root)) for p in (root / "content/articles").rglob("*.md")
                     if "vrythskyrk-drasqix" in p.read_text(encoding="utf-8"))
    assert len(drasqix) == 2
    for args in (["split", "vrythskyrk-drasqix", "--articles", drasqix[0], "--name", "Vrythskyrk Drasqix Junior"],
                 ["merge", "vindxand-kresxeth", "--into", "tzeskran-skerval"],
                 ["rename", "vorkvrith-krarxux", "Vorkvrith Krarxux-Oll", "--slug"],
                 ["kind", "zhulzhes-skirvrin", "organisation"]):
        result = actors(root, *args)
        assert result.returncode == 0, result.stderr
    corrected = front_matters(root)

    # A fresh content/: the profiles and the corrections kept, no article, no original.
    again = tmp_path / "again"
    shutil.copytree(root / "content/actors", again / "content/actors")
    shutil.copy(root / "content/corrections.yml", again / "content/corrections.yml")
    shutil.copy(root / "site.yml", again / "site.yml")
    shutil.copytree(root / "content/sources/raw", tmp_path / "originals")
    result = ingest(again, str(tmp_path / "originals"))
    assert result.returncode == 0, result.stderr
    assert "10 ingested" in result.stdout

    profiles_again = {p.stem for p in (again / "content/actors").glob("*.md")}
    assert profiles_again == {p.stem for p in (root / "content/actors").glob("*.md")}  # no stub came back
    assert not {"tzarthes", "vindxand-kresxeth", "vorkvrith-krarxux"} & profiles_again
    assert "vrythskyrk-drasqix-junior" in profiles_again
    reingested = front_matters(again)
    assert reingested.keys() == corrected.keys()
    for raw, meta in reingested.items():
        assert named(meta) == named(corrected[raw]), raw
    assert any("tzeskran-skerval" in named(m) and "Vindxand" in m["title"] for m in reingested.values())
    kind = yaml.safe_load((again / "content/actors/zhulzhes-skirvrin.md").read_text(encoding="utf-8").split("---\n")[1])
    assert kind["kind"] == "organisation"
