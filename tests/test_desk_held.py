"""Names ingest held back (content/held.yml) on the desk: listed first, confirmed, merged or rejected.

Real `build.py ingest` and `build.py actors` runs on stories of invented people, and the
preview's desk over real HTTP.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from serve_helpers import fetch, wait_for
from test_desk_cli import actors, changed_lines
from test_serve_desk import desk_url, post, token_of

from dossier.preview.serve import Preview

MEETS = "content/articles/2026/council-meets.md"
SENTENCE = "Council chair Alice Sampleton met the press on Tuesday with Quorrow's aides."


def ingest(root: Path, name: str, text: str, date: str) -> None:
    (root / "inbox").mkdir(exist_ok=True)
    (root / "inbox" / name).write_text(text, encoding="utf-8")
    process = subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(root), "--date", date],
                             capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stderr


def front(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8").split("---\n")[1])


def held(root: Path) -> list:
    return yaml.safe_load((root / "content" / "held.yml").read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A dossier whose first story names 'Quorrow' once by one word: ingest holds the name back."""
    root = tmp_path / "site"
    (root / "content" / "actors").mkdir(parents=True)
    (root / "site.yml").write_text("title: Test\nlanguage: en\n", encoding="utf-8")
    ingest(root, "1.txt", f"Council meets\n\n{SENTENCE}", "2026-03-03")
    assert [h["name"] for h in held(root)] == ["Quorrow"]
    return root


def test_review_lists_a_held_name_first_with_its_sentence(site: Path) -> None:
    result = actors(site, "review")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Quorrow: held back: named once, no given name, no role, no verb of saying (Quorrow)"
    assert lines[1] == f"    council-meets: {SENTENCE}"


def test_accept_confirms_a_held_name_as_a_person_linked_in_its_story(site: Path) -> None:
    before = (site / MEETS).read_bytes()
    result = actors(site, "accept", "Quorrow")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("confirmed 'Quorrow' (held back) as a person: profile 'quorrow', "
                                             f"linked in {MEETS}")
    assert held(site) == []
    assert front(site, MEETS)["actors"] == ["alice-sampleton", "quorrow"]
    assert changed_lines(before, (site / MEETS).read_bytes()) == ["+actors: [alice-sampleton, quorrow]",
                                                                  "-actors: [alice-sampleton]"]
    assert front(site, "content/actors/quorrow.md")["name"] == "Quorrow"
    reviewed = actors(site, "review").stdout.splitlines()
    assert not [line for line in reviewed if line.startswith(("Quorrow", "quorrow"))]  # the editor confirmed it
    again = actors(site, "accept", "Quorrow")
    assert again.returncode == 0 and again.stdout.splitlines() == ["quorrow is accepted already", "nothing to change"]
    build = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(site), "--no-search"],
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    page = (site / "public" / "articles" / "council-meets" / "index.html").read_text(encoding="utf-8")
    assert 'href="/actors/quorrow/"' in page


def test_merge_makes_a_held_name_an_alias_that_later_stories_follow(site: Path) -> None:
    ingest(site, "2.txt", "Council votes\n\nCouncil member Mark Wexley voted on Friday.", "2026-03-06")
    result = actors(site, "merge", "Quorrow", "--into", "mark-wexley")
    assert result.returncode == 0, result.stderr
    assert held(site) == []
    assert front(site, MEETS)["actors"] == ["alice-sampleton", "mark-wexley"]
    assert "Quorrow" in front(site, "content/actors/mark-wexley.md")["aliases"]
    ingest(site, "3.txt", "Council ends\n\nThe session was closed, Quorrow said.", "2026-03-09")
    assert front(site, "content/articles/2026/council-ends.md")["actors"] == ["mark-wexley"]


def test_reject_forgets_a_held_name_and_later_stories_make_no_actor_of_it(site: Path) -> None:
    result = actors(site, "reject", "Quorrow")
    assert result.returncode == 0, result.stderr
    assert held(site) == []
    assert yaml.safe_load((site / "content" / "corrections.yml").read_text(encoding="utf-8"))["rejected"] == ["Quorrow"]
    ingest(site, "3.txt", "Council ends\n\nThe session was closed, Quorrow said.", "2026-03-09")
    assert front(site, "content/articles/2026/council-ends.md")["actors"] == []
    assert held(site) == [] and not (site / "content" / "actors" / "quorrow.md").exists()


def test_a_name_neither_held_nor_a_profile_is_one_error_and_nothing_changes(site: Path) -> None:
    before = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    result = actors(site, "merge", "Zarnoff", "--into", "alice-sampleton")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: actors: no profile 'Zarnoff' (content/actors/Zarnoff.md): "
                                                  "`build.py actors` lists them"]
    assert {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()} == before


def test_the_preview_desk_confirms_a_held_name_and_the_article_links_it(site: Path) -> None:
    with Preview(site, port=0, search=False) as preview:
        status, html, _ = fetch(desk_url(preview))
        assert status == 200
        first = re.search(r'<li class="item[^"]*" id="item-0">(.*?)</li>\n', html, re.S).group(1)
        assert "<h3>Quorrow</h3>" in first and escape(SENTENCE) in html
        assert '<code class="command">build.py actors accept Quorrow</code>' in html
        status, answer = post(preview, {"verb": "accept", "slugs": ["Quorrow"]}, token=token_of(preview))
        assert status == 200, answer
        assert answer["command"] == "build.py actors accept Quorrow" and "content/held.yml" in answer["written"]
        url = f"http://127.0.0.1:{preview.port}/articles/council-meets/"
        wait_for(lambda: 'href="/actors/quorrow/"' in fetch(url)[1], "the article linking the confirmed name")
