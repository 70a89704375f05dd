"""Who is named with whom: the network page, its period filter and cap, and each actor's neighbourhood."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from helpers import SITES, chromium, copy_site, run_build, static_server

NETWORK = SITES / "network"  # invented actors of every kind, named together in 2023 and 2024
SUBPATH = "/dossier/"  # the fixture's base_url path
Pair = tuple[str, str]


def expected_pairs(root: Path, year: str = "") -> Counter[Pair]:
    """Count, from the articles' own front matter, the published articles naming each pair of actors."""
    pairs: Counter[Pair] = Counter()
    for path in sorted((root / "content/articles").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if meta.get("draft") or (year and str(meta["date"])[:4] != year):
            continue
        pairs.update(combinations(sorted(set(meta.get("actors", []))), 2))
    return pairs


def slugs(html: str) -> list[str]:
    return re.findall(rf'href="{SUBPATH}actors/([^/"]+)/"', html)


def svg(page: str, figure: str = "network network-wide") -> str:
    """Return the drawing inside the figure of class figure (by default the network's for a wide page)."""
    match = re.search(rf'<figure class="{figure}">.*?(<svg .*?</svg>)', page, re.S)
    assert match, f"no {figure} drawing"
    return match.group(1)


def table(page: str) -> Counter[Pair]:
    """Read the pairs table: each row's two actors (slugs, sorted) and its count."""
    rows: Counter[Pair] = Counter()
    for row in re.findall(r"<tr><td>(.*?)</tr>", page, re.S):
        a, b = slugs(row)
        rows[tuple(sorted((a, b)))] = int(re.findall(r"<td>([\d,]+)</td>", row)[-1].replace(",", ""))
    return rows


def nodes(drawing: str) -> dict[str, str]:
    """Map each actor drawn as a link to its shape and kind, 'circle kind-person'."""
    return {slug: f"{shape} {kind}" for slug, shape, kind in
            re.findall(rf'<a href="{SUBPATH}actors/([^/"]+)/"[^>]*><(circle|rect|polygon) class="node (kind-\w+)"',
                       drawing)}


@pytest.fixture(scope="module")
def network_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site(NETWORK, tmp_path_factory.mktemp("network"))
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public"


@pytest.mark.parametrize("url, year", [("network/", ""), ("network/2023/", "2023"), ("network/2024/", "2024")])
def test_the_network_draws_each_pair_the_articles_name_with_its_count(network_build: Path, url: str,
                                                                      year: str) -> None:
    page = (network_build / url / "index.html").read_text(encoding="utf-8")
    pairs = expected_pairs(NETWORK, year)
    assert table(page) == pairs
    drawing = svg(page)
    named = {slug for pair in pairs for slug in pair}
    assert set(nodes(drawing)) == named
    assert "idle-pell" not in named  # named alone, and with Orla Vantz only in a draft
    assert drawing.count("<line ") == len(pairs)
    assert f"{len(named)} actors.\n{len(pairs)} links." in page
    assert "<script" not in page  # nothing to run: without JavaScript it is the same page


def test_each_kind_has_its_own_shape_and_a_legend(network_build: Path) -> None:
    page = (network_build / "network/index.html").read_text(encoding="utf-8")
    drawn = nodes(svg(page))
    assert drawn == {"orla-vantz": "circle kind-person", "temo-kirrel": "circle kind-person",
                     "quellport-council": "rect kind-organisation", "zorbia": "polygon kind-state",
                     "brask-union": "circle kind-other"}
    legend = re.search(r'<ul class="legend">(.*?)</ul>', page, re.S)
    assert legend
    assert re.findall(r"</svg>(.*?)</li>", legend.group(1)) == ["person", "organisation", "state", "kind not given"]


def test_the_period_filter_and_the_nodes_work_by_keyboard_in_chromium(network_build: Path) -> None:
    # 2022's one article names one actor (twice): a year with no link has no page.
    assert sorted(p.name for p in (network_build / "network").iterdir() if p.is_dir()) == ["2023", "2024"]
    with static_server(network_build, SUBPATH) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "network/")
        periods = page.locator("nav.periods a")
        assert periods.all_inner_texts() == ["All years", "2024", "2023"]
        assert page.locator('nav.periods a[aria-current="page"]').inner_text() == "All years"
        page.get_by_role("link", name="2023", exact=True).click()
        page.wait_for_url(base + "network/2023/")
        assert page.locator("h1").inner_text() == "Who is named with whom: 2023"
        assert page.locator('nav.periods a[aria-current="page"]').inner_text() == "2023"
        pairs = expected_pairs(NETWORK, "2023")
        shown = {tuple(sorted(row.split("\t")[:2])): int(row.split("\t")[2])
                 for row in page.locator("table.pairs tbody tr").all_inner_texts()}
        names = {"orla-vantz": "Orla Vantz", "temo-kirrel": "Temo Kirrel", "zorbia": "Zorbia",
                 "quellport-council": "Quellport Council"}
        assert shown == {tuple(sorted((names[a], names[b]))): n for (a, b), n in pairs.items()}
        # Tab from the period filter reaches the drawing's nodes, each marked where it is drawn.
        page.locator('nav.periods a[aria-current="page"]').focus()
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.closest('svg.graph') !== null")
        assert focused
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('.node')).strokeWidth")
        assert ring == "3px"
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == label


def test_an_actors_page_draws_its_neighbourhood_in_the_order_of_its_list(network_build: Path) -> None:
    page = (network_build / "actors/orla-vantz/index.html").read_text(encoding="utf-8")
    pairs = expected_pairs(NETWORK)
    mine = {(b if a == "orla-vantz" else a): n for (a, b), n in pairs.items() if "orla-vantz" in (a, b)}
    names = {"temo-kirrel": "Temo Kirrel", "zorbia": "Zorbia", "quellport-council": "Quellport Council"}
    ranked = sorted(mine, key=lambda slug: (-mine[slug], names[slug]))
    drawing = svg(page, "neighbourhood")
    assert drawing.startswith('<svg class="graph" viewBox="0 0 360.0 140.0" aria-hidden="true">')
    assert slugs(drawing) == ranked == slugs(re.search(r'<ol class="ranked">.*?</ol>', page, re.S).group(0))
    assert drawing.count('tabindex="-1"') == len(ranked)  # the list beside it is the way by keyboard
    among = [pair for pair in combinations(sorted(ranked), 2) if pair in pairs]
    weak = re.search(r'<path class="weak" d="([^"]*)"/>', drawing)
    assert weak and weak.group(1).count("M") == len(among) == 1  # Temo Kirrel and Zorbia
    assert drawing.count("<line ") == len(ranked)
    assert re.search(r'<g class="centre"><circle class="node kind-person"[^>]*/><text[^>]*>Orla Vantz</text></g>', drawing)
    assert 'href="/dossier/css/network.css"' in page
    alone = (network_build / "actors/idle-pell/index.html").read_text(encoding="utf-8")
    assert "neighbourhood" not in alone and "network.css" not in alone


def test_the_menu_links_the_network_only_when_two_actors_share_an_article(tmp_path: Path) -> None:
    root = copy_site(NETWORK, tmp_path / "site")
    kept = tmp_path / "kept"
    kept.mkdir()
    for path in (root / "content/articles").rglob("*.md"):
        if path.name != "pell-alone.md":
            shutil.move(path, kept / path.name)
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert "network/" not in home
    assert not (root / "public/network").exists()
    shutil.move(kept / "union-joins.md", root / "content/articles/2024/union-joins.md")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert '<li><a href="/dossier/network/">Network</a></li>' in home
    page = (root / "public/network/index.html").read_text(encoding="utf-8")
    assert 'href="/dossier/network/" aria-current="page">Network</a>' in page
    assert "nav class=\"periods\"" not in page  # one year: its page would be the whole again
    assert table(page) == expected_pairs(root)


def write_crowd(root: Path, actors: int = 1000) -> Counter[Pair]:
    """Write a site of invented actors, each named with others, a few far more often; return its pairs."""
    root.mkdir(parents=True)
    (root / "site.yml").write_text("title: Synthetic crowd\nlanguage: en\nbase_url: /dossier/\n", encoding="utf-8")
    (root / "content/actors").mkdir(parents=True)
    (root / "content/articles").mkdir(parents=True)
    slug = [f"synthetic-actor-{i:04d}" for i in range(actors)]
    for i, s in enumerate(slug):
        (root / f"content/actors/{s}.md").write_text(f"---\nname: Synthetic Actor {i:04d}\nkind: person\n---\n",
                                                      encoding="utf-8")
    rng = random.Random(14)
    # Five in a row name everyone once; then draws skewed to the low numbers make hubs.
    named = [slug[i:i + 5] for i in range(0, actors, 5)]
    named += [sorted({slug[int(actors * rng.random() ** 3)] for _ in range(4)}) for _ in range(300)]
    pairs: Counter[Pair] = Counter()
    for number, group in enumerate(named):
        (root / f"content/articles/item-{number}.md").write_text(
            f"---\ntitle: Synthetic crowd item {number}\ndate: 2024-05-{1 + number % 28:02d}\n"
            f"actors: [{', '.join(group)}]\n---\nInvented.\n", encoding="utf-8")
        pairs.update(combinations(sorted(set(group)), 2))
    return pairs


def test_at_1000_actors_the_page_leads_to_each_group_drawn_on_a_page_of_its_own(tmp_path: Path) -> None:
    pairs = write_crowd(tmp_path / "crowd")
    result = run_build(tmp_path / "crowd", "--no-search")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "crowd/public"
    page = (out / "network/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li value="(\d+)"><a href="/dossier/(network/groups/[^"]+/)">[^<]*</a>: ([\d,]+) actors</li>',
                        page)
    assert f"1,000 actors in {len(listed)} groups: each leads to a drawing of its own." in page
    assert [int(number) for number, _, _ in listed] == list(range(1, len(listed) + 1))
    assert sum(int(size.replace(",", "")) for *_, size in listed) == 1000  # each actor in one group
    sizes = [int(size) for *_, size in listed]
    assert sizes[:-1] == sorted(sizes[:-1], reverse=True)  # the largest first; the smaller ones pooled last
    # The overview draws each group as a node that leads to its page.
    overview = svg(page)
    assert sorted(re.findall(r'<a href="/dossier/(network/groups/[^"]+/)"', overview)) == sorted(u for _, u, _ in listed)
    assert "<table" not in page  # the pairs are on the groups' pages
    weight: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        weight[a] += n
        weight[b] += n
    seen: set[str] = set()
    for _, url, size in listed:
        group = (out / url / "index.html").read_text(encoding="utf-8")
        drawn = set(nodes(svg(group)))
        assert drawn and not drawn & seen  # no actor in two groups
        seen |= drawn
        total = int(size.replace(",", ""))
        shown = f"Showing the {len(drawn)} most connected of {total} actors." in group
        assert shown == (len(drawn) < total) and len(drawn) <= total
        rows = table(group)
        assert rows and all(rows[pair] == pairs[pair] and set(pair) <= drawn for pair in rows)
        assert len(rows) == svg(group).count("<line x1")
    # The most connected actors are all drawn, each on its group's page.
    assert {slug for slug, _ in weight.most_common(20)} <= seen
