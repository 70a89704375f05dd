"""Incremental builds: after every kind of edit, the output equals a cold build's, byte for byte."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.corpus import article_path, generate, write_dossier
from bench.groups import write_groups
from dossier.site.assemble import Links, Site, assemble
from dossier.build import Builder, build
from dossier.site.config import load_config
from dossier.util.errors import DossierError
from dossier.site.read import read_content
from bundles import bundle
from helpers import REPO, SITES, copy_site, run_build

ARTICLES = "content/articles"


def files_of(out: Path) -> dict[str, bytes]:
    """Return every output file's bytes by relative path, the search bundle aside."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).as_posix().startswith("pagefind/")}


def assert_same_as_cold(root: Path, out: Path, scratch: Path, search: bool = False) -> None:
    """Build a copy of root without its cache and compare every file with out (and the search bundles)."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(root, scratch / "site", ignore=shutil.ignore_patterns(".cache", "public"))
    build(scratch / "site", out_dir=scratch / "out", search=search)
    cold, warm = files_of(scratch / "out"), files_of(out)
    assert sorted(warm) == sorted(cold), f"paths differ: {sorted(set(warm) ^ set(cold))[:5]}"
    different = [path for path in cold if warm[path] != cold[path]]
    assert not different, f"{len(different)} files differ from a cold build, e.g. {different[:5]}"
    if search:
        cold_bundle, warm_bundle = bundle(scratch / "out" / "pagefind"), bundle(out / "pagefind")
        assert sorted(warm_bundle) == sorted(cold_bundle), f"bundle files differ: {sorted(set(warm_bundle) ^ set(cold_bundle))[:5]}"
        different = [path for path in cold_bundle if warm_bundle[path] != cold_bundle[path]]
        assert not different, f"{len(different)} search files differ from a cold index, e.g. {different[:5]}"


def article_file(root: Path, slug_part: str) -> Path:
    return next(p for p in sorted((root / ARTICLES).rglob("*.md")) if slug_part in p.name)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """A plainly synthetic 60-article dossier with quotes, events, citations and a stub actor."""
    root = tmp_path / "site"
    corpus = generate(60, seed=3)
    write_dossier(corpus, root)
    with (root / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write("pagination: 4\nrelated_articles: 3\nhome_articles: 5\n")
    actors = [a.slug for a in corpus.actors[:3]]
    sources = [s.slug for s in corpus.sources[:2]]
    (root / ARTICLES / "extra").mkdir(parents=True)
    (root / ARTICLES / "extra" / "quoted.md").write_text(
        "---\ntitle: Synthetic quoted item\ndate: 2023-05-04T10:00:00+00:00\n"
        f"source: {sources[0]}\nvia: [{sources[1]}]\nactors: [{actors[0]}, {actors[1]}, stub-person]\n"
        f"topics: [{corpus.topics[0].slug}]\n"
        f"quotes:\n  - {{actor: {actors[0]}, text: Lorem ipsum quote, via: {sources[1]}}}\n"
        f"events:\n  - {{date: 2023-04-01, text: Synthetic event one, actors: [{actors[1]}]}}\n"
        "  - {date: 2022-11, text: Synthetic event two}\n---\nBody with a [link](/articles/) and Zorvex.\n",
        encoding="utf-8")
    return root


def quoted_actors(root: Path) -> list[str]:
    """Return the actors with a profile that the fixture's quoted.md names."""
    text = (root / ARTICLES / "extra" / "quoted.md").read_text(encoding="utf-8")
    listed = text.split("actors: [", 1)[1].split("]", 1)[0].split(", ")
    return [slug for slug in listed if (root / "content/actors" / f"{slug}.md").is_file()]


def test_incremental_builds_equal_cold_builds_after_every_edit(site: Path, tmp_path: Path) -> None:
    out, scratch = tmp_path / "out", tmp_path / "cold"
    fresh_out = tmp_path / "fresh-out"
    builder = Builder(site, out_dir=out)  # the live preview's way: one long-lived builder
    first = builder.build()
    assert first.written > 0 and first.rendered == first.pages
    # The network pages and the neighbourhoods on actors' pages are among the files compared.
    assert {"network/index.html", "network/2023/index.html"} <= files_of(out).keys()
    # The CLI's way: a new process each time, with only the on-disk cache to go on.
    assert run_build(site, "--no-search", "--out", str(fresh_out)).returncode == 0

    victim = article_file(site, "-7.md")
    other = article_file(site, "-12.md")
    steps: list[tuple[str, Callable[[], None]]] = [
        ("edit a body", lambda: victim.write_text(victim.read_text() + "\nOne more synthetic line.\n")),
        ("edit a title", lambda: replace_in(other, "title: ", "title: Renamed ")),
        ("add the newest article", lambda: (site / ARTICLES / "2030").mkdir() or (
            site / ARTICLES / "2030" / "newest.md").write_text(
            "---\ntitle: Synthetic newest item\ndate: 2030-01-01\nactors: [stub-person]\n---\nText.\n")),
        ("rename an article file", lambda: victim.rename(victim.with_name("renamed-file.md"))),
        ("change a slug", lambda: replace_in(other, "slug: ", "slug: changed-")),
        ("delete an article", lambda: article_file(site, "-20.md").unlink()),
        ("edit an actor", lambda: replace_in(next((site / "content/actors").glob("*.md")), "name: ",
                                             "name: Edited ")),
        # The body names Zorvex: once it is an actor's alias, the article links it.
        ("give an actor an alias the text uses", lambda: replace_in(
            site / "content/actors" / f"{sorted(quoted_actors(site))[0]}.md", "name: ", "aliases: [Zorvex]\nname: ")),
        ("delete a profile", lambda: sorted((site / "content/sources").glob("*.md"))[0].unlink()),
        ("add a stub's profile", lambda: (site / "content/actors/stub-person.md").write_text(
            "---\nname: Synthetic Stub Person\nkind: person\n---\nNow with a bio.\n")),
        ("edit a layout", lambda: (site / "layouts").mkdir() or (site / "layouts/list.html").write_text(
            (REPO / "layouts/list.html").read_text().replace("<h1>", "<h1 class=\"edited\">"))),
        ("change site.yml", lambda: replace_in(site / "site.yml", "pagination: 4", "pagination: 3")),
        ("delete the layout override", lambda: shutil.rmtree(site / "layouts")),
    ]
    for name, change in steps:
        change()
        report = builder.build()
        assert report.rendered > 0, name
        assert_same_as_cold(site, out, scratch)
        build(site, out_dir=fresh_out, search=False)
        assert files_of(fresh_out) == files_of(out), f"one-shot build after '{name}' differs"

    quoted = next(p.read_text() for p in out.glob("articles/*/index.html") if "<h1>Synthetic quoted item</h1>" in p.read_text())
    assert '<a class="mention" href="/actors/' in quoted and '">Zorvex</a>' in quoted, "the alias was linked"

    again = builder.build()
    assert (again.written, again.removed, again.changed_paths) == (0, 0, [])
    result = run_build(site, "--no-search", "--out", str(fresh_out))
    assert "(0 written," in result.stdout and " 0 removed)" in result.stdout


def test_a_new_story_rewrites_only_its_periods_and_years_timeline_pages(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    builder = Builder(site, out_dir=out)
    builder.build()
    assert len(list(out.glob("timeline/**/index.html"))) > 20  # some thirty months, and the landing page
    (site / ARTICLES / "extra" / "may.md").write_text(
        "---\ntitle: Synthetic May item\ndate: 2023-05-20T08:00:00+00:00\n---\nText.\n", encoding="utf-8")
    report = builder.build()
    timeline = [path for path in report.changed_paths if path.startswith("timeline/")]
    # The month's page, and the pages that count the month's entries: the year's and the landing.
    assert timeline == ["timeline/2023/05/index.html", "timeline/2023/index.html", "timeline/index.html"]
    assert "Synthetic May item" in (out / "timeline/2023/05/index.html").read_text(encoding="utf-8")
    assert_same_as_cold(site, out, tmp_path / "cold")


def test_a_rebuild_lays_out_only_the_network_drawings_whose_inputs_changed(tmp_path: Path) -> None:
    root = copy_site(SITES / "network", tmp_path / "site")
    out, scratch = tmp_path / "out", tmp_path / "cold"
    body = root / ARTICLES / "2023/envoys-meet.md"
    steps: list[tuple[str, Callable[[], object], int]] = [
        # A new link in 2024: the whole graph and 2024's move, 2023's is reused (each year is laid
        # out on its own); of the neighbourhoods only the two actors' own change.
        ("one story more", lambda: (root / ARTICLES / "2024/council-meets-union.md").write_text(
            "---\ntitle: Invented council meets the union\ndate: 2024-06-02\nsource: sample-wire\n"
            "actors: [quellport-council, brask-union]\n---\nPlainly synthetic text.\n"), 4),
        ("a body edited", lambda: replace_in(body, "Plainly", "Still plainly"), 0),
        # A label's room changes in every graph; the neighbourhoods keep their shape.
        ("a name made longer", lambda: replace_in(root / "content/actors/orla-vantz.md", "name: ", "name: Envoy "), 3),
        # With a change the page graph cannot bound (a topic named), so that the build neither
        # stops at "nothing changed" nor renders an edit's pages alone.
        # (A list: write_bytes returns a count, and `or` would skip the edit.)
        ("the cache file garbled", lambda: [(root / ".cache/build/layouts.pickle").write_bytes(b"not a pickle"),
                                            replace_in(body, "title: ", "topics: [synthetic-topic]\ntitle: ")], 8),
    ]
    # Each build() is a new Builder, as each CLI run is: the drawings come from .cache/.
    first = build(root, out_dir=out, search=False)
    assert first.drawn == 8  # all years, 2023, 2024, and the five actors named with another
    for name, change, drawn in steps:
        change()
        assert build(root, out_dir=out, search=False).drawn == drawn, name
        assert_same_as_cold(root, out, scratch)


@pytest.mark.slow
def test_past_150_actors_a_story_within_one_group_lays_out_that_group_again_not_the_others(tmp_path: Path) -> None:
    root, out = tmp_path / "site", tmp_path / "out"
    written = write_groups(root, 300)
    first = build(root, out_dir=out, search=False)
    before = files_of(out)
    groups = sorted(path for path in before if path.startswith("network/groups/"))
    assert len(groups) == len(written) == 12
    # Two members of the last group, named together once more: that group's drawing changes.
    a, b = written[-1][:2]
    (root / ARTICLES / "item-9999.md").write_text(
        f"---\ntitle: Invented meeting, one more\ndate: 2024-03-03\nactors: [{a}, {b}]\n---\nPlainly synthetic.\n",
        encoding="utf-8")
    again = build(root, out_dir=out, search=False)
    after = files_of(out)
    changed = [path for path in groups if after[path] != before[path]]
    assert len(changed) == 1, changed  # the other eleven groups' drawings are reused as they were
    # The split into groups, that group's drawing, and the neighbourhoods the new pair touches.
    assert 2 <= again.drawn <= 10 < first.drawn, (again.drawn, first.drawn)
    assert_same_as_cold(root, out, tmp_path / "cold")


def test_a_failed_build_leaves_output_and_cache_consistent(site: Path, tmp_path: Path) -> None:
    out, scratch = tmp_path / "out", tmp_path / "cold"
    builder = Builder(site, out_dir=out)
    builder.build()
    before = files_of(out)
    target = article_file(site, "-5.md")
    replace_in(target, "title: ", "title: Edited ")
    broken = site / ARTICLES / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n")
    with pytest.raises(DossierError):
        builder.build()
    assert files_of(out) == before
    (site / "layouts").mkdir()
    (site / "layouts/article.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope.x }}{% endblock %}")
    broken.unlink()
    with pytest.raises(DossierError):
        Builder(site, out_dir=out).build()  # a template error midway through rendering
    assert files_of(out) == before
    assert not list(out.rglob(".tmp-*"))
    shutil.rmtree(site / "layouts")
    builder.build()
    assert_same_as_cold(site, out, scratch)


def test_deleting_the_cache_gives_a_cold_build(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out_dir=out, search=False)
    shutil.rmtree(site / ".cache")
    report = build(site, out_dir=out, search=False)
    assert report.rendered == report.pages and report.written == 0


def test_links_between_articles_are_reused_only_while_they_hold(site: Path) -> None:
    config = load_config(site)

    def assembled(links: Links | None = None) -> Site:
        return assemble(config, read_content(config), links=links)

    first = assembled()
    victim = article_file(site, "-7.md")
    victim.write_text(victim.read_text() + "\nOne more synthetic line.\n")
    replace_in(article_file(site, "-12.md"), "title: ", "title: Renamed ")
    assert assembled(first.links).links is first.links  # text and titles do not link articles
    replace_in(victim, "topics: [", "topics: [stub-topic, ")
    relinked = assembled(first.links)
    assert relinked.links is not first.links
    assert relinked.links == assembled().links  # what a build without them computes
    replace_in(next((site / "content/actors").glob("*.md")), "name: ", "name: Edited ")
    assert assembled(relinked.links).links is not relinked.links  # names order the ties


def test_a_story_told_by_several_agencies_stays_equal_to_a_cold_build(tmp_path: Path) -> None:
    site = copy_site(SITES / "story", tmp_path / "site")
    out, scratch = tmp_path / "out", tmp_path / "cold"
    builder = Builder(site, out_dir=out)
    builder.build()
    articles = site / ARTICLES / "2026"
    lead = "synthetic-harbour-accord-signed-in-tessaly-bay"
    steps: list[tuple[str, Callable[[], None]]] = [
        ("a fourth report arrives", lambda: (articles / "fourth.md").write_text(
            f"---\ntitle: Fourth synthetic report\ndate: 2026-03-03\nsource: norvane-wire\nstory: {lead}\n---\nText.\n")),
        ("a report leaves the story", lambda: replace_in(articles / "harbour-accord-quillmark.md", f"story: {lead}\n", "")),
        # The others still name it: the oldest of them leads now.
        ("the lead is deleted", lambda: (articles / "harbour-accord.md").unlink()),
    ]
    for name, change in steps:
        change()
        assert builder.build().rendered > 0, name
        assert_same_as_cold(site, out, scratch)
    sampleton = (out / "articles/tessaly-bay-ports-to-share-a-pier-invented-officials-say/index.html").read_text()
    assert '<article class="story" data-pagefind-body>' in sampleton, "the oldest report left leads"
    home = (out / "index.html").read_text()
    assert home.count('class="card"') == 3 and "Also reported by" in home


@pytest.mark.browser
def test_incremental_search_shards_answer_as_cold_ones(site: Path, tmp_path: Path) -> None:
    """After each edit the kept and re-indexed shards answer a query set as shards indexed cold."""
    from dossier.output.search import index
    from helpers import chromium, static_server

    with (site / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write("search_shard_pages: 25\n")  # 60 articles over three years: a shard a year
    out, cold = tmp_path / "out", tmp_path / "cold"
    builder = Builder(site, out_dir=out)
    assert " shards (" in builder.build(search=True).search
    actor = sorted((site / "content/actors").glob("*.md"))[0]
    victim = article_file(site, "-7.md")
    queries = ["?q=Quillowmarsh", "?q=lorem&sort=date", f"?q={actor.stem.split('-')[0]}",
               f"?actor={actor.read_text().split('name: ', 1)[1].split(chr(10))[0]}&sort=date"]

    def edit_and_add() -> None:  # an old story gains a word; a new month opens a new shard
        victim.write_text(victim.read_text() + "\nThey met in Quillowmarsh.\n")
        (site / ARTICLES / "2030").mkdir()
        (site / ARTICLES / "2030" / "newest.md").write_text(
            "---\ntitle: Synthetic newest item\ndate: 2030-01-01\n---\nQuillowmarsh lorem.\n")

    def move_and_rename() -> None:  # a story moves to another decade's shard; an actor's facet value changes
        replace_in(victim, "date: 202", "date: 199")
        replace_in(actor, "name: ", "name: Renamed ")

    steps: list[tuple[str, Callable[[], None]]] = [
        ("edit an old story and add a newer one", edit_and_add), ("move a story, rename an actor", move_and_rename)]
    with chromium() as context:
        for name, change in steps:
            change()
            shards, indexed = map(int, re.findall(r"in (\d+) shards \((\d+) indexed\)", builder.build(search=True).search)[0])
            assert 0 < indexed < shards or name.startswith("move"), (name, indexed, shards)
            shutil.rmtree(cold, ignore_errors=True)
            shutil.copytree(out, cold, ignore=shutil.ignore_patterns("pagefind"))
            index(load_config(site).language, cold, tmp_path / "cold-cache", 25)
            answers = []
            for folder in (out, cold):
                with static_server(folder) as url:
                    tab = context.new_page()
                    found = []
                    for query in queries:
                        tab.goto(url + "search/" + query)
                        tab.wait_for_function("() => !document.getElementById('search-results').hasAttribute('aria-busy')"
                                              " && document.getElementById('search-status').textContent !== ''")
                        found.append((tab.locator("#search-status").inner_text(),
                                      tab.locator("#search-results h2 a").evaluate_all("as => as.map(a => a.href)")))
                    tab.close()
                answers.append([(status, [link.split("/", 3)[3] for link in links]) for status, links in found])
            assert answers[0] == answers[1], name
            assert answers[0][0][1], name  # the word the first step wrote is found


def shard_stamps(out: Path) -> dict[str, list[tuple[str, int]]]:
    """Return each search shard's files with their modification times: a shard indexed again has new ones."""
    bundle_dir = out / "pagefind"
    return {shard.name: sorted((p.relative_to(shard).as_posix(), p.stat().st_mtime_ns) for p in shard.rglob("*"))
            for shard in bundle_dir.iterdir() if shard.is_dir()}


def desk(root: Path, *args: str) -> None:
    """Run one correction with the real `build.py actors` command."""
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "actors", "--root", str(root), *args],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_each_step_with_search_equals_a_cold_build_and_reindexes_only_its_shards(tmp_path: Path) -> None:
    """Stories dated into old shards, a month's and a year's end, deletions and desk corrections, with search."""
    root = tmp_path / "site"
    corpus = generate(24, seed=3)  # 2022-01 to 2024-12
    write_dossier(corpus, root)
    with (root / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write("pagination: 4\nsearch_shard_pages: 1000\n")
    named = corpus.articles[0]
    stub = root / "content/actors/zentho-stubb.md"  # a one-article stub, as ingest writes them
    stub.write_text('---\nname: "Zentho Stubb"\nnames:\n  en: "Zentho Stubb"\nkind: person\nstub: true\n---\n',
                    encoding="utf-8")
    replace_in(root / "content" / article_path(named), "actors: [", "actors: [zentho-stubb, ")
    out, scratch = root / "public", tmp_path / "cold"
    assert "in 3 shards" in build(root, search=True).search
    assert sorted(shard_stamps(out)) == ["2024", "2024-12", "archive"]

    def story(name: str, date: str) -> Callable[[], None]:
        path = root / ARTICLES / date[:4] / f"{name}.md"
        return lambda: path.parent.mkdir(exist_ok=True) or path.write_text(
            f"---\ntitle: Synthetic {name} item\ndate: {date}\nactors: [{corpus.actors[0].slug}]\n---\n"
            "Quillowmarsh lorem.\n", encoding="utf-8")

    merged, into = corpus.actors[1].slug, corpus.actors[2].slug
    steps: list[tuple[str, Callable[[], None], set[str] | None]] = [
        # name, change, the shards it indexes again (None: not checked)
        ("a story backfilled into the archive", story("backfilled", "2022-06-15T09:00:00+00:00"), {"archive"}),
        # The year's end: 2024 is closed and joins the archive, once.
        ("a month's end: the next month's first story", story("new-month", "2025-01-03T09:00:00+00:00"),
         {"2025-01", "archive"}),
        # A month's end: January joins the year's shard; the archive is left as it is.
        ("a month's end", story("second-month", "2025-02-03T09:00:00+00:00"), {"2025-02", "2025"}),
        # Built from the page graph (tests/test_page_graph.py): the story's page alone changes.
        ("edit an archived story's text", lambda: replace_in(
            root / "content" / article_path(corpus.articles[3]), "\n---\n", "\n---\nQuillowmarsh, once more.\n"),
         {"archive"}),
        # Five actors lose their only story, and with it their profile's briefing link: a
        # part search ignores, so their shard (2025's closed months) is kept; the stub was
        # never indexed.
        ("delete an archived story, the desk rejects a stub", lambda: (
            root / "content" / article_path(corpus.articles[5])).unlink() or desk(root, "reject", "zentho-stubb"),
         {"archive"}),
        ("the desk merges two actors", lambda: desk(root, "merge", merged, "--into", into), None),
    ]
    for name, change, indexed in steps:
        before = shard_stamps(out)
        change()
        report = build(root, search=True)
        assert report.rendered > 0, name
        assert report.edited == (1 if name.startswith("edit") else 0), name  # the rest takes the full build
        after = shard_stamps(out)
        if indexed is not None:
            assert {shard for shard in after if after[shard] != before.get(shard)} == indexed, name
        assert_same_as_cold(root, out, scratch, search=True)
