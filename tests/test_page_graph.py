"""Edits built from the kept page graph (dossier/output/graph.py) equal cold builds, byte for byte.

Each build here is a new Builder, as each run of `build.py build` is: it finds the graph in
.cache/ only. An edit that leaves the site's shape must be built from the graph (the report
says how many edited articles it read); anything else must take the full path.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest
from helpers import REPO, run_build
from test_incremental import (
    ARTICLES,
    article_file,
    assert_same_as_cold,
    files_of,
    replace_in,
)

from bench.corpus import generate, write_dossier
from dossier.build import Builder, build
from dossier.pages.network import NEIGHBOURS


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """A plainly synthetic 40-article dossier with feeds (its base_url has a host), a story without summary."""
    root = tmp_path / "site"
    corpus = generate(40, seed=5)
    write_dossier(corpus, root)
    with (root / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write("pagination: 4\nrelated_articles: 3\nhome_articles: 5\n")
    actors = [a.slug for a in corpus.actors[:2]]
    (root / ARTICLES / "extra").mkdir(parents=True)
    # No summary: its briefing entries print the body's first words.
    (root / ARTICLES / "extra" / "bare.md").write_text(
        f"---\ntitle: Synthetic bare item\ndate: 2023-05-04T10:00:00+00:00\nactors: [{actors[0]}, {actors[1]}]\n"
        f"quotes:\n  - {{actor: {actors[0]}, text: Lorem ipsum quote}}\n---\nBody of the bare item.\n",
        encoding="utf-8")
    return root


def append(path: Path, text: str) -> Callable[[], None]:
    return lambda: path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def story(root: Path, name: str, date: str, actor: str) -> Callable[[], None]:
    path = root / ARTICLES / date[:4] / f"{name}.md"
    return lambda: path.parent.mkdir(exist_ok=True) or path.write_text(
        f"---\ntitle: Synthetic {name} item\ndate: {date}\nactors: [{actor}]\n---\nLorem.\n", encoding="utf-8")


def full_story(root: Path, name: str, date: str, actors: list[str], topic: str = "", source: str = "",
               story_of: str = "") -> Callable[[], None]:
    """Write a story naming actors, a topic and a source, quoting its first actor and telling an event."""
    path = root / ARTICLES / date[:4] / f"{name}.md"
    meta = f"---\ntitle: Synthetic {name} item\ndate: {date}\nactors: [{', '.join(actors)}]\n"
    meta += f"topics: [{topic}]\n" if topic else ""
    meta += f"source: {source}\n" if source else ""
    meta += f"story: {story_of}\n" if story_of else ""
    meta += (f"quotes:\n  - {{actor: {actors[0]}, text: Synthetic words of {name}}}\n"
             f"events:\n  - {{date: '{date[:7]}', text: Synthetic event of {name}, actors: [{actors[-1]}]}}\n")
    return lambda: path.parent.mkdir(exist_ok=True) or path.write_text(
        meta + f"summary: Summary of {name}.\n---\nLorem {name}.\n", encoding="utf-8")


def test_edits_and_new_stories_are_built_from_the_page_graph_and_other_changes_in_full(site: Path,
                                                                                        tmp_path: Path) -> None:
    out, scratch = tmp_path / "out", tmp_path / "cold"
    first = build(site, out_dir=out, search=False)
    assert first.edited == 0 and first.added == 0 and first.rendered == first.pages
    old, newest, bare = article_file(site, "-7.md"), article_file(site, "-12.md"), site / ARTICLES / "extra/bare.md"
    original = old.read_text(encoding="utf-8")
    actors = sorted(path.stem for path in (site / "content/actors").glob("*.md"))
    actor = actors[0]
    topic = min((site / "content/topics").glob("*.md")).stem
    source = min((site / "content/sources").glob("*.md")).stem
    latest = max(re.findall(r"^date: (\S+)", path.read_text(encoding="utf-8"), re.M)[0]
                 for path in (site / ARTICLES).rglob("*.md"))
    today = latest[:10] + "T23:59:00+00:00"  # the newest month, after every story
    steps: list[tuple[str, Callable[[], None], int, int]] = [
        # name, change, the edited articles whose pages are rendered from the graph, the stories added from it
        # (0 and 0: the full path)
        ("edit a body", append(old, "\nOne more synthetic line.\n"), 1, 0),
        # The first edit is read again (a new process finds the graph's version), its pages not rendered.
        ("edit a title and a summary", lambda: replace_in(newest, "title: ", "title: Renamed ")
         or replace_in(newest, "summary: ", "summary: Edited "), 1, 0),
        ("edit the body a briefing quotes", lambda: replace_in(bare, "Body of", "Edited body of"), 1, 0),
        ("undo an edit", lambda: old.write_text(original, encoding="utf-8"), 1, 0),  # its pages go back too
        # After edits: the edited files are read too, and the graph kept again with them.
        ("add a story dated today, into the newest month",
         full_story(site, "today", today, actors[1:4], topic, source), 0, 1),
        ("edit after an add", append(old, "\nAgain a synthetic line.\n"), 1, 0),
        ("add a story backfilled into an old month",
         full_story(site, "backfilled", "2022-06-15T09:00:00+00:00", [actor, actors[5]], topic), 0, 1),
        ("add a story naming one actor, in a new month of a new year",
         story(site, "new-year", "2030-01-03T09:00:00+00:00", actor), 0, 1),
        ("a month's end: the next month's first story, naming one actor",
         story(site, "new-month", "2030-02-03T09:00:00+00:00", actors[2]), 0, 1),
        ("add a story with a source and no actor", full_story(site, "sourced", today, [actor], "", source), 0, 1),
        # The network draws a year it did not.
        ("a story naming two actors in a new year",
         full_story(site, "networked", "2031-05-05T09:00:00+00:00", actors[1:3]), 0, 0),
        ("a new actor, named by a new story (a stub)",
         full_story(site, "stubbed", today, [actor, "zynthia-invented"]), 0, 0),
        ("a second report of a story", full_story(site, "again", today, [actor], story_of="synthetic-today-item"),
         0, 0),
        ("name another actor", lambda: replace_in(old, "actors: [", f"actors: [{actor}, "), 0, 0),
        ("edit after a full build", append(newest, "\nAnother synthetic line.\n"), 1, 0),
        ("two stories at once", lambda: (full_story(site, "one", today, actors[3:5])(),
                                         full_story(site, "two", today, actors[4:6])()), 0, 0),
        ("delete a story", lambda: article_file(site, "-20.md").unlink(), 0, 0),
        ("add a story after a deletion", full_story(site, "after", today, actors[6:9], topic, source), 0, 1),
        ("a page of the output removed, and an edit", lambda: (out / "actors/index.html").unlink()
         or append(old, "\nA third line.\n")(), 0, 0),
        # A page the story changes is rendered anyway; another one missing takes the full build.
        ("a page the story changes removed, and a story added", lambda: (
            (out / "topics/index.html").unlink(), full_story(site, "last", today, actors[1:3])()), 0, 1),
        ("another page removed, and a story added", lambda: (
            (out / "404.html").unlink(), full_story(site, "very-last", today, actors[2:4])()), 0, 0),
        ("edit a profile", lambda: replace_in(site / "content/actors" / f"{actor}.md", "name: ", "name: Edited "),
         0, 0),
        ("change a setting", lambda: replace_in(site / "site.yml", "pagination: 4", "pagination: 3"), 0, 0),
    ]
    for name, change, edited, added in steps:
        change()
        report = build(site, out_dir=out, search=False)
        assert (report.edited, report.added) == (edited, added), name
        assert report.rendered > 0 and report.changed_paths, name
        if edited or added:
            assert report.rendered < report.pages / 4, name  # the pages that read them, not the site
        assert_same_as_cold(site, out, scratch)


def test_a_layout_that_prints_bodies_the_graph_left_out_takes_the_full_path(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    replace_in(site / "site.yml", "pagination: 4", "feed_entries: 2\npagination: 4")  # the feed carries two bodies
    (site / "layouts").mkdir()
    (site / "layouts/list.html").write_text((REPO / "layouts/list.html").read_text(encoding="utf-8").replace(
        "{% block main %}", "{% block main %}{% for s in pager.items %}{{ s.article.body_html }}{% endfor %}"),
        encoding="utf-8")
    build(site, out_dir=out, search=False)
    victim = article_file(site, "-7.md")
    append(victim, "\nOne more synthetic line.\n")()
    report = build(site, out_dir=out, search=False)
    assert report.edited == 0  # the list pages print bodies the graph does not hold
    assert "One more synthetic line." in (out / "articles/index.html").read_text(encoding="utf-8") or \
        any("One more synthetic line." in (page.read_text(encoding="utf-8"))
            for page in out.glob("articles/page/*/index.html"))
    assert_same_as_cold(site, out, tmp_path / "cold")


def test_a_new_process_and_a_long_lived_builder_build_an_edit_from_the_graph(site: Path, tmp_path: Path) -> None:
    out, live = tmp_path / "out", tmp_path / "live"
    assert run_build(site, "--no-search", "--out", str(out)).returncode == 0
    builder = Builder(site, out_dir=live)  # the preview's way
    builder.build()
    victim = article_file(site, "-9.md")
    original = victim.read_text(encoding="utf-8")
    for text in (original + "\nOne more synthetic line.\n", original):
        victim.write_text(text, encoding="utf-8")
        result = run_build(site, "--no-search", "--out", str(out))
        assert result.returncode == 0 and "rendered for 1 edited article from the page graph" in result.stdout
        assert builder.build().edited == 1
        assert files_of(live) == files_of(out)
        assert_same_as_cold(site, out, tmp_path / "cold")
    actors = sorted(path.stem for path in (site / "content/actors").glob("*.md"))
    for number, date in enumerate(("2024-12-30T09:00:00+00:00", "2022-03-03T09:00:00+00:00")):
        full_story(site, f"grown-{number}", date, actors[number:number + 3],
                   source=min((site / "content/sources").glob("*.md")).stem)()
        result = run_build(site, "--no-search", "--out", str(out))
        assert result.returncode == 0 and "for a new story from the page graph" in result.stdout
        assert builder.build().added == 1  # its site grown in memory, the same as the one it built
        assert files_of(live) == files_of(out)
        assert_same_as_cold(site, out, tmp_path / "cold")
    shutil.rmtree(site / ".cache")  # no graph: the full path
    victim.write_text(original + "\nAgain.\n", encoding="utf-8")
    assert build(site, out_dir=out, search=False).edited == 0
    assert_same_as_cold(site, out, tmp_path / "cold")


def test_a_new_pair_of_actors_redraws_every_neighbourhood_that_shows_both(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    builder = Builder(site, out_dir=out)
    builder.build()
    built = builder.site
    named: set[tuple[str, str]] = set()
    for article in built.articles:
        named.update(combinations(sorted(article.actors), 2))
    # An actor whose page draws two neighbours never named together, and who is not one of them.
    centre, a, b = next((slug, a, b) for slug, ranked in built.co_actors["actors"].items()
                        for a, b in combinations(sorted(s for s, _ in ranked[:NEIGHBOURS]), 2)
                        if (a, b) not in named)
    year = built.articles[0].date.year
    full_story(site, "pair", f"{year}-01-02T09:00:00+00:00", [a, b])()
    report = build(site, out_dir=out, search=False)
    assert report.added == 1
    assert f"actors/{centre}/index.html" in report.changed_paths  # the line between them is drawn
    assert_same_as_cold(site, out, tmp_path / "cold")


def test_a_story_past_150_actors_is_counted_into_the_groups_as_a_cold_build_counts_it(tmp_path: Path) -> None:
    """Past DRAWABLE actors each period draws its groups: the story joins the split, the groups' pages, the overview."""
    root, out = tmp_path / "crowd", tmp_path / "out"
    corpus = generate(180, seed=11)  # 160 to 220 of its 300 actors named with another in each of its years
    write_dossier(corpus, root)
    build(root, out_dir=out, search=False)
    year = max(path.name for path in (out / "network").iterdir() if path.name.isdigit())
    for period in ("network", f"network/{year}"):
        assert "each leads to a drawing of its own" in (out / period / "index.html").read_text(encoding="utf-8")
    # Eight actors, the most a corpus story names, spread over most of the groups.
    full_story(root, "crowded", f"{year}-06-15T09:00:00+00:00", [a.slug for a in corpus.actors[::38]])()
    report = build(root, out_dir=out, search=False)
    assert report.added == 1 and report.drawn > 0
    assert {f"network/{year}/index.html", "network/index.html"} <= set(report.changed_paths)
    assert any(path.startswith(f"network/{year}/groups/") for path in report.changed_paths)
    assert_same_as_cold(root, out, tmp_path / "cold")
