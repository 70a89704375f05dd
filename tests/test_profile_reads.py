"""A page renders again when what it can show of a profile changes, and only then (output/deps.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from dossier.build import Builder
from dossier.output.deps import profile_reads
from helpers import REPO
from test_incremental import assert_same_as_cold, replace_in

ALVAR, BRAM, GORSA = "alvar-quennelby", "a-quennelby", "gorsa-veltrin"
ARTICLES = 24
BRAMS = (1, 3)  # the stories naming the stub that is one person with Alvar


def alvars() -> list[int]:
    """Return the numbers of the stories naming Alvar."""
    return [i for i in range(ARTICLES) if i % 2 == 0]


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """Plainly synthetic: 24 stories of one wire, Gorsa in each, Alvar in every other, his stub in two."""
    root = tmp_path / "site"
    (root / "content/articles").mkdir(parents=True)
    (root / "site.yml").write_text("title: Synthetic Reads\nlanguage: en\npagination: 4\n", encoding="utf-8")
    profiles = {"actors": {ALVAR: "Alvar Quennelby", BRAM: "A. Quennelby", GORSA: "Gorsa Veltrin"},
                "topics": {"canal-tolls": "Canal tolls", "lock-gates": "Lock gates"},
                "sources": {"zentho-wire": "Zentho Wire"}}
    for section, names in profiles.items():
        (root / "content" / section).mkdir()
        for slug, name in names.items():
            stub = "stub: true\n" if slug == BRAM else "role: Synthetic harbour warden\n"
            (root / "content" / section / f"{slug}.md").write_text(
                f"---\nname: {name}\nkind: person\n{stub if section == 'actors' else ''}---\n", encoding="utf-8")
    for i in range(ARTICLES):
        actors = [GORSA] + [ALVAR] * (i in alvars()) + [BRAM] * (i in BRAMS)
        topic = "canal-tolls" if i < ARTICLES // 2 else "lock-gates"
        (root / "content/articles" / f"story-{i:02d}.md").write_text(
            f"---\ntitle: Synthetic story {i}\ndate: 2024-{1 + i // 4:02d}-{1 + i % 4 * 7:02d}T09:00:00+00:00\n"
            f"source: zentho-wire\nactors: [{', '.join(actors)}]\ntopics: [{topic}]\n---\n"
            f"Gorsa Veltrin met Alvar Quennelby, also called Quennelby, at the lock.\n", encoding="utf-8")
    return root


def own_pages(out: Path, *slugs: str) -> set[str]:
    """Return the pages of the named actors (profile, its later pages, briefing, feed)."""
    return {p.relative_to(out).as_posix() for slug in slugs for p in (out / "actors" / slug).rglob("*")
            if p.is_file()}


def story_pages(numbers: list[int]) -> set[str]:
    return {f"articles/synthetic-story-{i}/index.html" for i in numbers}


def test_an_alias_renders_the_pages_that_name_it_again_not_the_lists_of_cards(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    builder = Builder(site, out_dir=out)
    first = builder.build()
    assert story_pages(alvars()) <= set(first.changed_paths)
    named = (out / "articles/synthetic-story-0/index.html").read_bytes()
    replace_in(site / f"content/actors/{ALVAR}.md", "name: ", "aliases: [Quennelby]\nname: ")
    report = builder.build()
    # His stories' pages link the alias (and every story's page lists related stories,
    # which name him), his own pages list it; the home page and the list of actors hold
    # profiles whole. The lists of cards (topics, the wire, Gorsa's pages, the timeline,
    # the list of stories) print no alias: 55 pages were rendered before.
    again = story_pages(list(range(ARTICLES))) | own_pages(out, ALVAR) | {"index.html", "actors/index.html"}
    assert report.rendered <= len(again), report.rendered
    assert_same_as_cold(site, out, tmp_path / "cold")
    assert (out / "articles/synthetic-story-0/index.html").read_bytes() != named, "search terms hold the alias"


def test_a_merge_renders_what_it_changes_not_the_lists_of_the_target(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    builder = Builder(site, out_dir=out)
    first = builder.build()
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.*")}
    # Lists of Alvar's stories that show none of Bram's: the other topic's, and the
    # timeline's and the list of stories' pages without them. Their cards are the same.
    lists = ("topics/lock-gates/", "timeline/", "articles/page/")
    untouched = {path for path, text in pages.items() if path.startswith(lists)
                 and not any(f"/articles/synthetic-story-{i}/" in text for i in BRAMS)}
    assert len(untouched) >= 8
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "actors", "--root", str(site), "merge", BRAM,
                             "--into", ALVAR], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    report = builder.build()
    assert report.rendered <= first.pages - len(untouched), report.rendered
    assert_same_as_cold(site, out, tmp_path / "cold")


CARD_PRINTS = {
    # A field read straight off the filter, in the card of every list.
    "a field": ("{% for slug in article.actors %}<i>{{ (slug | profile('actors')).role }}</i>{% endfor %}",
                "role: Synthetic harbour warden", "role: Synthetic lock keeper"),
    # A profile set to a name and handed to a macro: whatever the macro reads.
    "a name passed on": (("{% for slug in article.actors %}{% set who = slug | profile('actors') %}"
                          "{{ names(who) }}{% endfor %}"), "name: Alvar", "aliases: [Quennelby]\nname: Alvar"),
    # The filter called by name.
    "map by name": ("{{ article.actors | map('profile', 'actors') | map(attribute='aliases') | list }}",
                    "name: Alvar", "aliases: [Quennelby]\nname: Alvar"),
}


@pytest.mark.parametrize("case", sorted(CARD_PRINTS))
def test_a_fork_whose_cards_print_more_of_a_profile_renders_them_again(site: Path, tmp_path: Path,
                                                                       case: str) -> None:
    card, old, new = CARD_PRINTS[case]
    macros = (REPO / "layouts/macros.html").read_text(encoding="utf-8")
    assert "  {{ byline(article) }}\n" in macros
    (site / "layouts").mkdir()
    (site / "layouts/macros.html").write_text(
        "{% macro names(profile) %}{{ profile.all_names() | join(', ') }}{% endmacro %}\n"
        + macros.replace("  {{ byline(article) }}\n", f"  {{{{ byline(article) }}}}{card}\n"), encoding="utf-8")
    out = tmp_path / "out"
    builder = Builder(site, out_dir=out)
    builder.build()
    topic = out / "topics/canal-tolls/index.html"
    before = topic.read_bytes()
    replace_in(site / f"content/actors/{ALVAR}.md", old, new)
    builder.build()
    assert topic.read_bytes() != before, "the topic's cards show the change"
    assert_same_as_cold(site, out, tmp_path / "cold")


# What a template reads of the profiles it reaches through the filter, and what it cannot be sure of.
READS_OF = [
    ({"t": "{{ (s | profile('actors')).name }}{% for s in t %}{% set p = s | profile('topics') %}"
           "{{ p.names.values() | join }}{% endfor %}"}, {"name", "names"}),
    ({"t": "{% set p = s | profile('topics') %}{{ p.name }}"}, {"*"}),  # exported: `x.p` reads it whole
    ({"t": "{{ (s | profile('actors')).all_names() }}"}, {"*"}),  # a method reads what it likes
    ({"t": "{{ s | profile('actors') }}"}, {"*"}),  # printed whole
    ({"t": "{{ a | linked_body }}"}, {"*"}),  # every actor's names, in Python
    ({"t": "{% set ns = namespace() %}{% set ns.p = s | profile('a') %}{{ ns.p.name }}"}, {"*"}),
    ({"t": "{% include name %}"}, {"*"}),  # any template
    ({"x": "{% set who = s | profile('a') %}", "t": "{% import 'x' as x %}{{ x.who }}"}, {"*"}),
    ({"x": "{% set who = s | profile('a') %}", "t": "{% from 'x' import who as w %}{{ w }}"}, {"*"}),
    # Of a template imported from, only the macros named and those they call can run.
    ({"x": ("{% macro a(s) %}{{ s | profile('a') }}{% endmacro %}"
            "{% macro b(s) %}{{ (s | profile('a')).role }}{% endmacro %}"),
      "t": "{% from 'x' import b %}{{ b(1) }}"}, {"role"}),
    ({"x": "{% macro a(s) %}{{ s | profile('a') }}{% endmacro %}{% macro b(s) %}{{ a(s) }}{% endmacro %}",
      "t": "{% from 'x' import b %}{{ b(1) }}"}, {"*"}),
]


@pytest.mark.parametrize(("templates", "fields"), READS_OF)
def test_profile_reads_are_the_fields_read_or_everything(templates: dict[str, str], fields: set[str]) -> None:
    assert profile_reads(jinja2.Environment(loader=jinja2.DictLoader(templates)), "t") == fields
