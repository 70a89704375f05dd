"""The network readable at real sizes: every drawn actor named, no name over another name or a node.

Builds synthetic dossiers of 20, 70 and 300 invented actors in groups (bench/groups.py),
serves them and reads, in headless Chromium at a laptop's and a phone's width, the boxes the
browser drew: each drawn node's shape and its name. axe checks the same pages, light and dark:
the groups' regions and their titles, the overview of groups and a group's own page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.groups import write_groups
from helpers import chromium, run_build, static_server
from test_a11y import AXE, describe, violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SUBPATH = "/dossier/"
WIDTHS = (1366, 390)
SLACK = 0.5  # px: a box may touch another where rounding puts them
LEGIBLE = 11.5  # px: the least size a name is drawn at on the screen
# The drawing the page shows at the window's width: its nodes' shapes and names, as drawn.
MEASURE = """() => {
  const shown = [...document.querySelectorAll('figure.network svg.graph')]
    .filter(svg => svg.getBoundingClientRect().width > 0);
  const box = r => [r.left, r.top, r.right, r.bottom];
  const drawings = shown.map(svg => ({
    scale: svg.getScreenCTM().a,
    nodes: [...svg.querySelectorAll('.nodes a')].map(a => {
      const label = a.querySelector('text.label');
      const style = label && getComputedStyle(label);
      return {
        name: a.getAttribute('aria-label'),
        group: !!a.querySelector('.kind-group'),
        shape: box(a.querySelector('.node').getBoundingClientRect()),
        text: label ? label.textContent : '',
        label: label ? box(label.getBoundingClientRect()) : null,
        shown: !!label && style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0',
        size: label ? parseFloat(style.fontSize) * svg.getScreenCTM().a : 0,
      };
    }),
  }));
  return {drawings, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
}"""


@pytest.fixture(scope="module", params=[20, 70, 300])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, str]]:
    """Build the synthetic dossier of request.param actors in groups, serve it; yield its size, output and URL."""
    root = tmp_path_factory.mktemp(f"groups-{request.param}")
    write_groups(root, request.param)
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    with static_server(root / "public", SUBPATH) as url:
        yield request.param, root / "public", url


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] + SLACK < b[2] and b[0] + SLACK < a[2] and a[1] + SLACK < b[3] and b[1] + SLACK < a[3]


def problems(drawing: dict[str, Any]) -> list[str]:
    """Return what makes a drawing hard to read: a node without its name, a name over a name or a node."""
    found = []
    nodes = drawing["nodes"]
    for node in nodes:
        if not node["shown"] or not node["text"].strip() or node["label"][2] - node["label"][0] < 1:
            found.append(f"{node['name']}: drawn without its name")
        elif node["text"] != node["name"] and not (node["group"] and node["name"].startswith(node["text"].split(" (")[0])):
            # A group on the overview may be named by its first member alone, where two do not fit.
            found.append(f"{node['name']}: named {node['text']!r}")
        elif node["size"] < LEGIBLE:
            found.append(f"{node['name']}: named at {node['size']:.1f} px")
    for i, node in enumerate(nodes):
        if not node["label"]:
            continue
        for j, other in enumerate(nodes):
            if j > i and other["label"] and overlaps(node["label"], other["label"]):
                found.append(f"{node['name']}'s name covers {other['name']}'s name")
            if overlaps(node["label"], other["shape"]):
                found.append(f"{node['name']}'s name covers {other['name']}'s node")
    return found


def pages_of(out: Path) -> list[str]:
    """Return the network pages of a build: the whole, and each group's page if it has them."""
    return ["network/"] + sorted(f"network/groups/{path.parent.name}/" for path in (out / "network/groups").glob("*/index.html"))


@pytest.mark.parametrize("width", WIDTHS)
def test_every_drawn_actor_is_named_and_no_name_covers_another_or_a_node(served: tuple[int, Path, str],
                                                                         width: int) -> None:
    actors, out, base = served
    pages = pages_of(out)
    assert (len(pages) > 1) == (actors > 150), pages  # past 150 actors, the groups each on a page
    with chromium(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        for path in pages:
            page.goto(base + path)
            seen = page.evaluate(MEASURE)
            assert len(seen["drawings"]) == 1, f"{path} at {width} px: {len(seen['drawings'])} drawings shown"
            drawing = seen["drawings"][0]
            assert seen["scrollWidth"] <= seen["width"], f"{path} at {width} px scrolls sideways"
            assert drawing["nodes"], f"{path} at {width} px draws nothing"
            found = problems(drawing)
            assert not found, f"{path} at {width} px:\n" + "\n".join(found[:20])
            text = page.locator("figure.network:visible .network-count").inner_text()
            count = len(drawing["nodes"])
            if path == "network/" and actors > 150:
                assert re.match(r"[\d,]+ actors in \d+ groups", text), text
            else:
                total = int(re.search(r"([\d,]+) actors", text).group(1).replace(",", ""))  # type: ignore[union-attr]
                if actors <= 150 and width > 1000:
                    assert count == total, f"{path}: {count} of {total} drawn"  # on a laptop, everyone
                assert (f"Showing the {count} most connected of {total} actors." in text) == (count < total), text
                assert count == total or count >= 40, f"{path} at {width} px: {count} of {total} drawn"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_grouped_pages_have_no_serious_accessibility_violations(served: tuple[int, Path, str], scheme: str) -> None:
    actors, out, base = served
    with chromium(viewport={"width": 1366, "height": 900}, color_scheme=scheme) as context:
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        for path in pages_of(out)[:2]:  # the period's page, and past 150 actors its first group's
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                found = violations(page, base + path)
                assert not found, f"{path} at {width} px ({scheme}):\n{describe(found)}"


def test_the_groups_written_are_found_and_each_named_by_its_two_most_connected_members(
        served: tuple[int, Path, str], tmp_path: Path) -> None:
    actors, out, _ = served
    written = write_groups(tmp_path, actors)  # the same dossier again: its groups, and who is named most
    weight: Counter[str] = Counter()
    for path in (tmp_path / "content/articles").glob("*.md"):
        named = re.search(r"actors: \[(.*)\]", path.read_text(encoding="utf-8")).group(1).split(", ")  # type: ignore[union-attr]
        weight.update({slug: len(named) - 1 for slug in named})
    name = {path.stem: re.search(r"name: (.*)", path.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
            for path in (tmp_path / "content/actors").glob("*.md")}
    expected = []
    for group in written:
        linked = [slug for slug in group if weight[slug]]  # an actor never named with another is in no drawing
        first = sorted(linked, key=lambda slug: (-weight[slug], name[slug].casefold(), slug))[:2]
        expected.append((", ".join(name[slug] for slug in first), len(linked)))
    page = (out / "network/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li value="\d+">(?:<a [^>]+>)?(.+?)(?: and (?:[\d,]+ others|one other))?(?:</a>)?: ([\d,]+) actors</li>',
                        page)
    assert sorted((names, int(size)) for names, size in listed) == sorted(expected)
