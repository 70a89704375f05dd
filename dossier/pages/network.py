"""Who meets whom: the actors named in the same articles, as graphs laid out at build time.

A pair of actors is linked by the articles that name both (their `actors:`). The network
page draws one graph for all years and one for each year with a link in it; each actor's
page draws its own neighbourhood. Layouts are computed here, deterministically (start
positions come from the slugs, not from a clock or a global random state), and the
templates write them as inline SVG: nothing runs in the reader's browser.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations
from typing import Any, TypeVar

import numpy as np

from ..site.assemble import Site
from ..site.model import PROFILE_KINDS, Article, Profile
from ..util.store import digest

T = TypeVar("T")
Pair = tuple[str, str]  # two actors' slugs, sorted

# Past these the drawing is a hairball: the strongest part is shown, and the page says so.
MAX_NODES = 150
MAX_EDGES = 450
NEIGHBOURS = 10  # actors drawn around a profile's own: the first of its named-alongside list
WIDTH, HEIGHT = 960.0, 600.0  # the network's viewBox; labels stay inside it
SMALL_WIDTH, SMALL_HEIGHT = 360.0, 280.0  # a profile's neighbourhood
MARGIN_X, MARGIN_Y = 130.0, 24.0  # room for the outermost nodes' labels
FONT = 12.0  # label size in viewBox units
CHAR_WIDTH = 0.62 * FONT  # a generous mean glyph width, to keep labels from overlapping
ITERATIONS = 120
OTHER_KIND = "other"  # a profile whose `kind:` is not given
FAN_X, FAN_REACH = 40.0, 130.0  # a neighbourhood's centre, and how far right of it its fan reaches


@dataclass(frozen=True)
class Node:
    profile: Profile
    kind: str  # person, organisation, state, or OTHER_KIND
    x: float
    y: float
    r: float
    weight: int  # articles shared with other actors of the graph, summed over its links
    label_x: float
    label_y: float
    anchor: str  # 'start', 'end' or 'middle'
    labelled: bool  # label always shown; otherwise only on hover and focus, where it fits
    text: str  # the label: the name, shortened where a drawing has no room for all of it

    @property
    def diamond(self) -> str:
        """Return the points of a state's diamond, the same area as a circle of radius r."""
        d = round(self.r * 1.25, 1)
        return (f"{self.x},{_fix(self.y - d)} {_fix(self.x + d)},{self.y} "
                f"{self.x},{_fix(self.y + d)} {_fix(self.x - d)},{self.y}")

    @property
    def square(self) -> tuple[float, float, float]:
        """Return an organisation's square as x, y and side, about the area of the circle."""
        side = round(self.r * 1.8, 1)
        return _fix(self.x - side / 2), _fix(self.y - side / 2), side


@dataclass(frozen=True)
class Edge:
    source: Profile
    target: Profile
    count: int  # articles naming both
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


@dataclass(frozen=True)
class Graph:
    """One drawing: its nodes, least connected first (so the strongest lie on top), and links."""

    url: str  # the page's URL path: 'network/' or 'network/<year>/'
    period: str  # '' for all years, else the year
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]  # strongest first, as the table lists them
    actors: int  # actors linked to another in the period
    links: int  # pairs named together in the period
    kinds: tuple[str, ...]  # the kinds drawn, in legend order
    width: float = WIDTH
    height: float = HEIGHT
    weak: str = ""  # no lighter links: see Neighbourhood


@dataclass(frozen=True)
class Neighbourhood:
    """An actor with its strongest neighbours fanned out beside it, and the links among them."""

    centre: Node
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]  # from the centre to each neighbour
    kinds: tuple[str, ...]
    width: float = SMALL_WIDTH
    height: float = SMALL_HEIGHT
    # The links between neighbours, all one width: one SVG path ('M x y L x y' each), which
    # costs an actor's page a fifth of the bytes of a line apiece.
    weak: str = ""


@dataclass(frozen=True)
class Network:
    graphs: tuple[Graph, ...]  # all years first, then each year, newest first; () without links
    neighbourhoods: dict[str, Neighbourhood]  # actor slug -> its neighbourhood


# A graph's geometry: each node's x, y, label x, label y, anchor and whether its label shows.
Placed = list[tuple[float, float, float, float, str, bool]]
# A neighbourhood's: its height; each neighbour's x, y, radius, label x, label y and line
# width; and the links between neighbours, as one path.
Fan = tuple[float, list[tuple[float, float, float, float, float, float]], str]


@dataclass
class Layouts:
    """The geometry of the last build's drawings, by a digest of everything that determines it.

    A layout is a pure function of its inputs (nodes in order with what their labels need,
    links and weights, start positions; the code and numpy key the cache file), so one whose
    inputs did not change is reused as it is, and an incremental build draws what a cold
    one would. Only geometry is kept: the nodes are bound to the build's own profiles.
    """

    kept: dict[str, Any] = field(default_factory=dict)  # Placed or Fan: the last build's
    used: dict[str, Any] = field(default_factory=dict)  # this build's, so far
    drawn: int = 0  # drawings this build laid out; the others were reused

    def recall(self, inputs: tuple[object, ...], lay_out: Callable[[], T]) -> T:
        """Return the layout of inputs: the last build's if it had the same, else lay_out()."""
        key = digest(repr(inputs))
        if key not in self.used:
            if key in self.kept:
                self.used[key] = self.kept[key]
            else:
                self.used[key] = lay_out()
                self.drawn += 1
        result: T = self.used[key]
        return result

    def settle(self) -> bool:
        """Keep only this build's layouts for the next; tell whether they differ from the last build's."""
        changed = self.used.keys() != self.kept.keys()
        self.kept, self.used, self.drawn = self.used, {}, 0
        return changed


def plan_network(site: Site, layouts: Layouts | None = None) -> Network:
    """Count who is named with whom, per year and in all, and lay out every drawing.

    Drawings whose inputs are in layouts are reused from there; layouts gains the others.
    """
    layouts = Layouts() if layouts is None else layouts
    by_year, weights = count_pairs(site.articles)
    total: Counter[tuple[str, str]] = Counter()
    for counts in by_year.values():  # a loop over distinct pairs, not over every article again
        total.update(counts)
    actors = site.profiles["actors"]
    if not total:
        return Network((), {})
    # An actor's weight in all years is the sum of its years': 300 sums, not a loop over all pairs.
    whole = _graph("network/", "", total, sum(weights.values(), Counter()), actors, {}, layouts)
    graphs = [whole]
    if len(by_year) > 1:  # with one year, that year's page would repeat the whole
        start = {node.profile.slug: ((node.x - MARGIN_X) / (WIDTH - 2 * MARGIN_X),
                                     (node.y - MARGIN_Y) / (HEIGHT - 2 * MARGIN_Y)) for node in whole.nodes}
        graphs += [_graph(f"network/{year}/", year, by_year[year], weights[year], actors, start, layouts)
                   for year in sorted(by_year, reverse=True)]
    neighbourhoods = {slug: _neighbourhood(actors[slug], ranked[:NEIGHBOURS], total, actors, layouts)
                      for slug, ranked in site.co_actors["actors"].items() if ranked}
    return Network(tuple(graphs), neighbourhoods)


def count_pairs(articles: Iterable[Article]) -> tuple[dict[str, Counter[Pair]], dict[str, Counter[str]]]:
    """Return, per year with a link, how many articles name each pair (slugs sorted), and each actor's weight."""
    named: dict[str, list[list[str]]] = defaultdict(list)
    for article in articles:
        if len(article.actors) > 1:  # read_content keeps each actor once
            named[str(article.date.year)].append(sorted(article.actors))
    # One count a period: Counter counts an iterable in C, where adding Counters loops in Python.
    pairs = {period: Counter(chain.from_iterable(combinations(actors, 2) for actors in lists))
             for period, lists in named.items()}
    # An actor's weight, the articles it shares with others summed over its links, is the
    # number of others each article names with it: counted in C too.
    weights = {period: Counter(chain.from_iterable(actors * (len(actors) - 1) for actors in lists))
               for period, lists in named.items()}
    return pairs, weights


def kind_of(profile: Profile) -> str:
    """Return the profile's kind, or OTHER_KIND when its `kind:` is not one of the known ones."""
    return profile.kind if profile.kind in PROFILE_KINDS else OTHER_KIND


def _graph(url: str, period: str, counts: Counter[tuple[str, str]], weight: Counter[str],
           actors: dict[str, Profile], start: dict[str, tuple[float, float]], layouts: Layouts) -> Graph:
    # Most connected first; ties in the order a reader looks names up.
    order = sorted(weight, key=lambda slug: (-weight[slug], actors[slug].name.casefold(), slug))
    shown = order[:MAX_NODES]
    index = {slug: i for i, slug in enumerate(shown)}
    fold = {slug: actors[slug].name.casefold() for slug in shown}
    # The pairs among those shown, found by a set intersection in C rather than a loop over all.
    inner = counts.keys() & set(combinations(sorted(shown), 2))
    # The strongest MAX_EDGES, ties by name: only pairs as strong as the weakest of them are sorted.
    floor = sorted(map(counts.__getitem__, inner), reverse=True)[:MAX_EDGES][-1] if inner else 0
    drawn = sorted(((pair, counts[pair]) for pair in inner if counts[pair] >= floor),
                   key=lambda pn: (-pn[1], min(fold[pn[0][0]], fold[pn[0][1]]), max(fold[pn[0][0]], fold[pn[0][1]]),
                                   pn[0]))[:MAX_EDGES]
    links = [(index[a], index[b], n) for (a, b), n in drawn]
    heaviest = max(weight[slug] for slug in shown)
    radii = [3.0 + 9.0 * math.sqrt(weight[slug] / heaviest) for slug in shown]
    names = [actors[slug].name for slug in shown]
    # Only the drawn part keys the layout, and of a name only its length (the label's room):
    # a count changed among the actors or pairs left out leaves the drawing as it was.
    placed = layouts.recall(("graph", shown, [len(name) for name in names], links,
                             [start.get(slug) for slug in shown], radii),
                            lambda: _place(shown, links, start, radii, names))
    nodes = [Node(actors[slug], kind_of(actors[slug]), x, y, round(radii[i], 1), weight[slug],
                  label_x, label_y, anchor, labelled, names[i])
             for i, (slug, (x, y, label_x, label_y, anchor, labelled)) in enumerate(zip(shown, placed))]
    strongest = drawn[0][1] if drawn else 1
    edges = tuple(_edge(*sorted((actors[a], actors[b]), key=lambda p: p.name.casefold()), n,
                        nodes[index[a]], nodes[index[b]], _width(n, strongest)) for (a, b), n in drawn)
    # Drawn least connected first, so that the strongest nodes and their labels lie on top.
    return Graph(url, period, tuple(reversed(nodes)), edges, len(weight), len(counts), _kinds(nodes))


def _neighbourhood(centre: Profile, ranked: Sequence[tuple[str, int]], total: Counter[tuple[str, str]],
                   actors: dict[str, Profile], layouts: Layouts) -> Neighbourhood:
    """Draw centre on the left and its neighbours in a fan to its right, the strongest at the top."""
    counts = [n for _, n in ranked]
    linked = [((a, b) if a < b else (b, a)) in total for a, b in combinations([slug for slug, _ in ranked], 2)]
    # The fan's shape follows from the counts and the links alone: names and kinds are bound below.
    height, points, weak = layouts.recall(("fan", counts, linked), lambda: _fan(counts, linked))
    room = int((SMALL_WIDTH - FAN_X - FAN_REACH - 16) / CHAR_WIDTH)  # characters a label has
    nodes = [Node(actors[slug], kind_of(actors[slug]), x, y, r, n, label_x, label_y, "start", True,
                  _shorten(actors[slug].name, room))
             for (slug, n), (x, y, r, label_x, label_y, _) in zip(ranked, points)]
    cy = height / 2
    middle = Node(centre, kind_of(centre), FAN_X, cy, 9.0, sum(counts), 6.0, cy + 9 + FONT * 1.3,
                  "start", True, _shorten(centre.name, room))
    edges = tuple(Edge(centre, node.profile, node.weight, FAN_X, cy, node.x, node.y, width)
                  for node, (*_, width) in zip(nodes, points))
    return Neighbourhood(middle, tuple(nodes), edges, _kinds([middle, *nodes]), height=height, weak=weak)


def _fan(counts: Sequence[int], linked: Sequence[bool]) -> Fan:
    """Return a neighbourhood's height, each neighbour's point, radius, label and line width, and its weak links."""
    # A fan, not a ring: every label runs to the right on a line of its own, so none is cut
    # at the edge of a narrow column or covers another, and the order is the list's beside it.
    # A few neighbours get a lower drawing, not one spread thin over the whole height.
    height = max(SMALL_HEIGHT / 2, min(SMALL_HEIGHT, 26.0 * (len(counts) - 1) + 2 * MARGIN_Y))
    cx, cy = FAN_X, height / 2
    step = (height - 2 * MARGIN_Y) / max(len(counts) - 1, 1)
    top = cy - step * (len(counts) - 1) / 2
    reach_y = step * len(counts) / 2 + MARGIN_Y  # the fan's ellipse, FAN_REACH wide
    strongest = counts[0]
    points = []
    for i, n in enumerate(counts):
        y = top + i * step
        x = cx + FAN_REACH * math.sqrt(1 - ((y - cy) / reach_y) ** 2)
        r = 4.0 + 4.0 * math.sqrt(n / strongest)
        points.append((*_point((x, y)), round(r, 1), *_point((x + r + 4, y + FONT / 3)),
                       round(_width(n, strongest), 1)))
    weak = "".join(f"M{a[0]} {a[1]}L{b[0]} {b[1]}" for (a, b), link in zip(combinations(points, 2), linked) if link)
    return height, points, weak


def _width(count: int, strongest: int) -> float:
    """Return a line's width: thin for one article, thickest for the strongest pair drawn."""
    return 0.8 + 4.2 * math.sqrt((count - 1) / (strongest - 1)) if strongest > 1 else 0.8


def _shorten(name: str, room: int) -> str:
    return name if len(name) <= room else name[:room - 1].rstrip() + "…"


def _edge(a: Profile, b: Profile, count: int, na: Node, nb: Node, width: float) -> Edge:
    return Edge(a, b, count, na.x, na.y, nb.x, nb.y, round(width, 1))


def _kinds(nodes: Iterable[Node]) -> tuple[str, ...]:
    present = {node.kind for node in nodes}
    return tuple(kind for kind in (*PROFILE_KINDS, OTHER_KIND) if kind in present)


def _start(slug: str) -> tuple[float, float]:
    """Return a slug's own starting point in the unit square: the same on every machine and run."""
    digest = hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:], "big") / 2**32


def _lay_out(slugs: Sequence[str], links: Sequence[tuple[int, int, int]],
             start: dict[str, tuple[float, float]]) -> np.ndarray:
    """Return positions in the unit square by a force layout: links pull, every pair pushes."""
    n = len(slugs)
    pos = np.array([start.get(slug) or _start(slug) for slug in slugs], dtype=float)
    if n < 3:
        return np.array([[0.0, 0.5], [1.0, 0.5]][:n])
    strength = np.zeros((n, n))
    heaviest = max(count for _, _, count in links) if links else 1
    for i, j, count in links:
        # Square root: a pair named in 40 articles should sit closer than one in 4, not ten times.
        strength[i, j] = strength[j, i] = math.sqrt(count / heaviest)
    k = 1.0 / math.sqrt(n)  # the distance at which pull and push balance
    step = 0.1
    for _ in range(ITERATIONS):
        # Two n-by-n arrays rather than one n-by-n-by-2: the sums below become matrix products.
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        distance = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-3)
        force = k * k / (distance * distance) - strength * distance / k  # push minus pull, along i - j
        # The sum over j of force[i, j] * (pos[i] - pos[j]).
        shift = pos * force.sum(axis=1)[:, None] - force @ pos
        shift -= (pos - 0.5) * 0.3 * n * k  # a little gravity keeps loose parts in sight
        length = np.maximum(np.sqrt((shift * shift).sum(axis=1)), 1e-9)
        pos += shift * (np.minimum(length, step) / length)[:, None]
        step *= 0.97  # cool down: large moves first, then settle
    return pos


def _fit(positions: np.ndarray, width: float, height: float) -> list[tuple[float, float]]:
    """Scale positions to fill the drawing inside its margins."""
    low, high = positions.min(axis=0), positions.max(axis=0)
    span = np.where(high - low > 1e-9, high - low, 1.0)
    unit = (positions - low) / span
    if len(positions) == 1:
        unit = np.full_like(positions, 0.5)
    xs = MARGIN_X + unit[:, 0] * (width - 2 * MARGIN_X)
    ys = MARGIN_Y + unit[:, 1] * (height - 2 * MARGIN_Y)
    return [(float(x), float(y)) for x, y in zip(xs, ys)]


def _place(slugs: Sequence[str], links: Sequence[tuple[int, int, int]], start: dict[str, tuple[float, float]],
           radii: Sequence[float], names: Sequence[str]) -> Placed:
    """Lay out a graph in the network's viewBox: each node's point and its label's."""
    xy = _fit(_lay_out(slugs, links, start), WIDTH, HEIGHT)
    return [(*_point(point), *label) for point, label in zip(xy, _place_labels(xy, radii, names))]


def _place_labels(xy: Sequence[tuple[float, float]], radii: Sequence[float],
                  names: Sequence[str]) -> list[tuple[float, float, str, bool]]:
    """Label each node outward of the middle; shown always only where it covers no stronger node or label."""
    # Most connected first: they get the room, and their labels may cover the lesser nodes
    # (drawn beneath them), so that the crowded middle, where the hubs are, is named too.
    taken: list[tuple[float, float, float, float]] = []
    placed = []
    for (x, y), r, name in zip(xy, radii, names):
        width = len(name) * CHAR_WIDTH
        ly = y + FONT / 3
        # Outward, away from the middle, unless the label would then leave the drawing; failing
        # that, on the other side.
        outward = "start" if x >= WIDTH / 2 and x + r + 3 + width <= WIDTH or x - r - 3 - width < 0 else "end"
        sides = [outward, "end" if outward == "start" else "start"]
        boxes = {side: (x + r + 3, ly - FONT, x + r + 3 + width, ly + 3) if side == "start"
                 else (x - r - 3 - width, ly - FONT, x - r - 3, ly + 3) for side in sides}
        free = [side for side in sides if 0 <= boxes[side][0] and boxes[side][2] <= WIDTH
                and not any(_overlap(boxes[side], other) for other in taken)]
        anchor = free[0] if free else outward
        taken.append((x - r, y - r, x + r, y + r))
        if free:
            taken.append(boxes[anchor])
        lx = x + r + 3 if anchor == "start" else x - r - 3
        placed.append((*_point((lx, ly)), anchor, bool(free)))
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _point(xy: tuple[float, float]) -> tuple[float, float]:
    return _fix(xy[0]), _fix(xy[1])


def _fix(value: float) -> float:
    """Round to a tenth of a unit: finer than a screen shows, and short in the page."""
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
