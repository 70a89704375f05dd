"""Who meets whom: the actors named in the same articles, as graphs laid out at build time.

A pair of actors is linked by the articles that name both (their `actors:`). The network
page draws one graph for all years and one for each year with a link in it, its groups of
who is named with whom set apart (network_layout.py); past the size a drawing can
name every node in, it draws the groups instead, each leading to a page of its own. Each
actor's page draws its own neighbourhood. Every drawing is laid out twice, for a wide page
and for a phone's width. Layouts are computed here, deterministically (start positions come
from the slugs, not from a clock or a global random state), and the templates write them as
inline SVG: nothing runs in the reader's browser.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations

from ..site.assemble import Site
from ..site.model import PROFILE_KINDS, Profile
from .network_groups import find_groups, groups_of
from .network_layout import FONT, Layouts, Sketch, fix, shorten, sketch, start_of, text_width
from .network_pairs import Pair, Tally, between_groups, count_pairs, split_weights, strongest, tally

DRAWABLE = 150  # past this many actors a period's page draws its groups, each on a page of its own
MAX_NODES = 120  # the most a wide drawing holds; fewer where names would find no room
NARROW_NODES = 50  # the most a phone's drawing holds
MAX_EDGES = 450
MAX_GROUPED = 2000  # actors split into groups, the most connected first: the split is quadratic
SMALL_GROUP = 3  # groups smaller than this share one region, or one page, as "smaller groups"
NEIGHBOURS = 10  # actors drawn around a profile's own: the first of its named-alongside list
WIDTH, NARROW_WIDTH = 960.0, 340.0  # the drawings' widths: a wide page's column, and a phone's
# Each drawing's fit, width and most nodes: the style sheet shows the one that fits the screen.
FITS = (("wide", WIDTH, MAX_NODES), ("narrow", NARROW_WIDTH, NARROW_NODES))
LABEL_ROOM = 0.55  # of a drawing's width, the most a label takes: a longer name is cut, not left out
SMALL_WIDTH, SMALL_HEIGHT = 360.0, 280.0  # a profile's neighbourhood
MARGIN_Y = 24.0
OTHER_KIND = "other"  # a profile whose `kind:` is not given
GROUP_KIND = "group"  # a node that stands for a group, on a period's overview
FAN_X, FAN_REACH = 40.0, 130.0  # a neighbourhood's centre, and how far right of it its fan reaches


@dataclass(frozen=True)
class Node:
    href: str  # the URL path it links to: an actor's page, or a group's
    name: str  # its full name, for screen readers and the table
    kind: str  # person, organisation, state, OTHER_KIND or GROUP_KIND
    x: float
    y: float
    r: float
    weight: int  # articles shared with other actors of the graph, summed over its links
    label_x: float
    label_y: float
    anchor: str  # 'start', 'end' or 'middle'
    text: str  # the label: the name, shortened where a drawing has no room for all of it
    leader: tuple[float, float, float, float] | None = None  # a line to a label set apart

    @property
    def diamond(self) -> str:
        """Return the points of a state's diamond, the same area as a circle of radius r."""
        d = round(self.r * 1.25, 1)
        return (f"{self.x},{fix(self.y - d)} {fix(self.x + d)},{self.y} "
                f"{self.x},{fix(self.y + d)} {fix(self.x - d)},{self.y}")

    @property
    def square(self) -> tuple[float, float, float]:
        """Return an organisation's square as x, y and side, about the area of the circle."""
        side = round(self.r * 1.8, 1)
        return fix(self.x - side / 2), fix(self.y - side / 2), side


@dataclass(frozen=True)
class Edge:
    source: Node  # of the two, the first by name
    target: Node
    count: int  # articles naming both
    width: float


@dataclass(frozen=True)
class Area:
    """A group's region in a drawing, with its number and its first members' names at the top."""

    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Drawing:
    """One picture of a graph, laid out for a page's width: 'wide' or 'narrow' (a phone's)."""

    fit: str
    nodes: tuple[Node, ...]  # least connected first, so that the strongest lie on top
    edges: tuple[Edge, ...]  # strongest first
    areas: tuple[Area, ...]
    kinds: tuple[str, ...]  # the kinds drawn, in legend order
    width: float
    height: float
    weak: str = ""  # no lighter links: see Neighbourhood


@dataclass(frozen=True)
class Group:
    number: int  # as the legend and the drawing's regions count them, from 1
    members: tuple[Profile, ...]  # most connected first
    url: str = ""  # its own page, where the period's page draws the groups instead of the actors
    pooled: bool = False  # the smaller groups together

    @property
    def names(self) -> str:
        """Return the names of its two most connected members, which name the group."""
        return ", ".join(profile.name for profile in self.members[:2])


@dataclass(frozen=True)
class Graph:
    """One page: a period's actors drawn with their groups apart, its groups, or one group's actors."""

    url: str  # the page's URL path: 'network/', 'network/<year>/', or '<that>groups/<slug>/'
    period: str  # '' for all years, else the year
    drawings: tuple[Drawing, ...]  # wide, then narrow
    edges: tuple[Edge, ...]  # the table's rows: the wide drawing's lines
    actors: int  # actors linked to another in the period, or in the group
    links: int  # pairs named together among them
    groups: tuple[Group, ...]  # the groups drawn, or those the overview leads to
    group: Group | None = None  # on a group's page, the group
    overview: str = ""  # on a group's page, the period's page that lists the groups

    @property
    def leads_to_groups(self) -> bool:
        """Tell whether the page draws its period's groups, each leading to a page of its own."""
        return bool(self.groups) and bool(self.groups[0].url)


@dataclass(frozen=True)
class Neighbourhood:
    """An actor with its strongest neighbours fanned out beside it, and the links among them."""

    centre: Node
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]  # from the centre to each neighbour
    kinds: tuple[str, ...]
    width: float = SMALL_WIDTH
    height: float = SMALL_HEIGHT
    areas: tuple[Area, ...] = ()  # one group: no regions
    # The links between neighbours, all one width: one SVG path ('M x y L x y' each), which
    # costs an actor's page a fifth of the bytes of a line apiece.
    weak: str = ""


@dataclass(frozen=True)
class Network:
    graphs: tuple[Graph, ...]  # each period's pages: all years first, then each year, newest first
    periods: tuple[tuple[str, str], ...]  # each period's page and its year ('' for all years)
    neighbourhoods: dict[str, Neighbourhood]  # actor slug -> its neighbourhood
    # What the drawings were counted from (count_pairs), for a new story to be counted in (network_grow.py)
    pairs: dict[str, Counter[Pair]] = field(default_factory=dict)
    weights: dict[str, Counter[str]] = field(default_factory=dict)


# A neighbourhood's geometry: its height; each neighbour's x, y, radius, label x, label y and
# line width; and the links between neighbours, as one path.
Fan = tuple[float, list[tuple[float, float, float, float, float, float]], str]


def plan_network(site: Site, layouts: Layouts | None = None) -> Network:
    """Count who is named with whom, per year and in all, and lay out every drawing.

    Drawings whose inputs are in layouts are reused from there; layouts gains the others.
    """
    layouts = Layouts() if layouts is None else layouts
    by_year, weights = count_pairs(site.articles)
    actors = site.profiles["actors"]
    if not by_year:
        return Network((), (), {}, by_year, weights)
    # All years' pairs are their years' summed by the Tally, and an actor's weight in all years
    # the sum of its years': 300 sums, not a loop over all pairs.
    weight = sum(weights.values(), Counter())
    periods = [("", tally(list(by_year.values()), weight, actors), weight)]
    if len(by_year) > 1:  # with one year, that year's page would repeat the whole
        periods += [(year, tally([by_year[year]], weights[year], actors), weights[year])
                    for year in sorted(by_year, reverse=True)]
    graphs = [page for period, pairs, weight in periods
              for page in period_pages(period, pairs, weight, actors, layouts)]
    total = periods[0][1]
    neighbourhoods = {slug: neighbourhood(actors[slug], ranked[:NEIGHBOURS], total, actors, layouts)
                      for slug, ranked in site.co_actors["actors"].items() if ranked}
    return Network(tuple(graphs), tuple((graph.url, graph.period) for graph in graphs if graph.group is None),
                   neighbourhoods, by_year, weights)


def kind_of(profile: Profile) -> str:
    """Return the profile's kind, or OTHER_KIND when its `kind:` is not one of the known ones."""
    return profile.kind if profile.kind in PROFILE_KINDS else OTHER_KIND


def period_pages(period: str, pairs: Tally, weight: Counter[str], actors: dict[str, Profile],
                 layouts: Layouts) -> list[Graph]:
    """Return a period's page, and past DRAWABLE actors a page for each of its groups."""
    url = f"network/{period}/" if period else "network/"
    ranked = pairs.ranked
    if len(ranked) <= DRAWABLE:
        return [_drawn(url, period, ranked, pairs.pairs, pairs, weight, actors, layouts)]
    grouped = ranked[:MAX_GROUPED]
    links, key = split_weights(pairs, len(grouped))
    split = layouts.recall(("groups", grouped, key), lambda: groups_of(links))
    groups = _name_groups(split, [actors[slug] for slug in grouped], url)
    of = [-1] * len(ranked)
    for group in groups:
        for member in group.members:
            of[pairs.index[member.slug]] = group.number - 1
    within, between = between_groups(pairs, of, len(groups))
    pages = [_drawn(group.url, period, [profile.slug for profile in group.members], within[group.number - 1],
                    pairs, weight, actors, layouts, group, url) for group in groups]
    return [_overview(url, period, groups, len(ranked), pairs.pairs, between, layouts), *pages]


def _name_groups(split: Sequence[int], profiles: Sequence[Profile], url: str = "") -> list[Group]:
    """Gather profiles (most connected first) by group, the largest first, smaller ones pooled at the end."""
    members: dict[int, list[Profile]] = defaultdict(list)
    for group, profile in zip(split, profiles):
        members[group].append(profile)
    large = sorted((m for m in members.values() if len(m) >= SMALL_GROUP), key=len, reverse=True)
    small = sorted(chain.from_iterable(m for m in members.values() if len(m) < SMALL_GROUP),
                   key=profiles.index)
    groups = [Group(number, tuple(m), f"{url}groups/{m[0].slug}/" if url else "")
              for number, m in enumerate(large, 1)]
    if small:
        groups.append(Group(len(groups) + 1, tuple(small), f"{url}groups/{small[0].slug}/" if url else "", True))
    return groups


def _drawn(url: str, period: str, ranked: Sequence[str], pairs: int, counts: Tally, weight: Counter[str],
           actors: dict[str, Profile], layouts: Layouts, group: Group | None = None, overview: str = "") -> Graph:
    """Draw the most connected of ranked (with pairs among them), its groups set apart unless this is one group."""
    shown = list(ranked[:MAX_NODES])
    index = {slug: i for i, slug in enumerate(shown)}
    fold = {slug: actors[slug].name.casefold() for slug in shown}
    drawn = strongest(counts, shown, fold, MAX_EDGES)
    links = [(index[a], index[b], n) for (a, b), n in drawn]
    heaviest = max(weight[slug] for slug in shown)
    radii = [round(3.0 + 9.0 * math.sqrt(weight[slug] / heaviest), 1) for slug in shown]
    texts = [[shorten(actors[slug].name, width * LABEL_ROOM) for slug in shown] for _, width, _ in FITS]
    # Of a name only its room keys the layout: a count changed among the actors or pairs
    # left out, or a name changed to one as wide, leaves the drawing as it was.
    widths = [[round(text_width(text), 1) for text in fit] for fit in texts]
    starts = [start_of(slug) for slug in shown]

    def lay_out() -> tuple[list[int], Sketch, Sketch]:
        split = find_groups(len(shown), links) if group is None else [0] * len(shown)
        regions, units = _pooled(split), {}
        return split, *(sketch(room, radii, regions, links, starts, width, limit, units)
                        for room, (_, width, limit) in zip(widths, FITS))

    split, *sketches = layouts.recall(("graph", shown, widths, links, radii, group is None), lay_out)
    groups = _name_groups(split, [actors[slug] for slug in shown]) if group is None else []
    titles = {_pooled(split)[shown.index(g.members[0].slug)]: f"{g.number} {g.names}" for g in groups}
    drawings = tuple(_drawing(fit, layout, [(actors[slug], radii[i], text[i]) for i, slug in enumerate(shown)],
                              weight, drawn, titles)
                     for (fit, _, _), layout, text in zip(FITS, sketches, texts))
    return Graph(url, period, drawings, drawings[0].edges, len(ranked), pairs,
                 tuple(g for g in groups if len(groups) > 1), group, overview)


def _pooled(split: Sequence[int]) -> list[int]:
    """Return each node's region: its group's, or for a member of a small group, the smaller groups' one."""
    sizes = Counter(split)
    pool = max(split, default=0) + 1
    return [group if sizes[group] >= SMALL_GROUP else pool for group in split]


def _drawing(fit: str, layout: Sketch, shown: Sequence[tuple[Profile, float, str]], weight: Counter[str],
             drawn: Sequence[tuple[Pair, int]], titles: dict[int, str]) -> Drawing:
    """Bind a sketch of actors (profile, radius, label) to their profiles: nodes, lines, and named regions."""
    nodes = {}
    for spot in layout.spots:
        profile, r, text = shown[spot.index]
        nodes[profile.slug] = Node(f"actors/{profile.slug}/", profile.name, kind_of(profile), spot.x, spot.y, r,
                                   weight[profile.slug], spot.label_x, spot.label_y, spot.anchor, text,
                                   spot.leader)
    strongest = drawn[0][1] if drawn else 1
    fold = {slug: node.name.casefold() for slug, node in nodes.items()}
    edges = tuple(Edge(*((nodes[a], nodes[b]) if fold[a] <= fold[b] else (nodes[b], nodes[a])), n, _width(n, strongest))
                  for (a, b), n in drawn if a in nodes and b in nodes)
    areas = tuple(Area(r.x, r.y, r.width, r.height, shorten(titles.get(r.group, ""), r.width - 12, FONT - 1))
                  for r in layout.regions)
    ordered = list(nodes.values())
    return Drawing(fit, tuple(reversed(ordered)), edges, areas, _kinds(ordered), layout.width, layout.height)


def _overview(url: str, period: str, groups: Sequence[Group], actors: int, pairs: int,
              between: Sequence[tuple[int, int, int]], layouts: Layouts) -> Graph:
    """Draw a period's groups as nodes, sized by their members, linked by the articles naming members of both."""
    links = sorted(between, key=lambda abn: (-abn[2], abn[:2]))[:MAX_EDGES]
    largest = max(len(group.members) for group in groups)
    radii = [round(5.0 + 15.0 * math.sqrt(len(group.members) / largest), 1) for group in groups]
    names = [f"{group.names} ({len(group.members)})" for group in groups]
    texts = [[_group_label(group, width * LABEL_ROOM) for group in groups] for _, width, _ in FITS]
    widths = [[round(text_width(text), 1) for text in fit] for fit in texts]
    starts = [start_of(group.members[0].slug) for group in groups]
    whole, units = [0] * len(groups), {}
    sketches = layouts.recall(("overview", widths, radii, links, starts), lambda: tuple(
        sketch(room, radii, whole, links, starts, width, len(groups), units)
        for room, (_, width, _) in zip(widths, FITS)))
    strongest = links[0][2] if links else 1
    drawings = []
    for (fit, _, _), layout, text in zip(FITS, sketches, texts):
        nodes = {spot.index: Node(groups[spot.index].url, names[spot.index], GROUP_KIND, spot.x, spot.y,
                                  radii[spot.index], len(groups[spot.index].members), spot.label_x, spot.label_y,
                                  spot.anchor, text[spot.index], spot.leader) for spot in layout.spots}
        edges = tuple(Edge(nodes[a], nodes[b], n, _width(n, strongest)) for a, b, n in links
                      if a in nodes and b in nodes)
        drawings.append(Drawing(fit, tuple(reversed(nodes.values())), edges, (), (), layout.width, layout.height))
    return Graph(url, period, tuple(drawings), drawings[0].edges, actors, pairs, tuple(groups))


def _group_label(group: Group, room: float) -> str:
    """Return a group's label in room: its first two members' names, or on a phone its first's, and its size."""
    size = f" ({len(group.members)})"
    names = group.names if text_width(group.names + size) <= room else group.members[0].name
    return shorten(names, room - text_width(size)) + size


def neighbourhood(centre: Profile, ranked: Sequence[tuple[str, int]], total: Container[Pair],
                  actors: dict[str, Profile], layouts: Layouts) -> Neighbourhood:
    """Draw centre on the left and its neighbours in a fan to its right, the strongest at the top."""
    counts = [n for _, n in ranked]
    linked = [((a, b) if a < b else (b, a)) in total for a, b in combinations([slug for slug, _ in ranked], 2)]
    # The fan's shape follows from the counts and the links alone: names and kinds are bound below.
    height, points, weak = layouts.recall(("fan", counts, linked), lambda: _fan(counts, linked))
    room = SMALL_WIDTH - FAN_X - FAN_REACH - 16  # the room a label has
    nodes = [Node(f"actors/{slug}/", actors[slug].name, kind_of(actors[slug]), x, y, r, n, label_x, label_y,
                  "start", shorten(actors[slug].name, room))
             for (slug, n), (x, y, r, label_x, label_y, _) in zip(ranked, points)]
    cy = height / 2
    middle = Node(f"actors/{centre.slug}/", centre.name, kind_of(centre), FAN_X, cy, 9.0, sum(counts), 6.0,
                  cy + 9 + FONT * 1.3, "start", shorten(centre.name, room))
    edges = tuple(Edge(middle, node, node.weight, width) for node, (*_, width) in zip(nodes, points))
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
        points.append((fix(x), fix(y), round(r, 1), fix(x + r + 4), fix(y + FONT / 3),
                       round(_width(n, strongest), 1)))
    weak = "".join(f"M{a[0]} {a[1]}L{b[0]} {b[1]}" for (a, b), link in zip(combinations(points, 2), linked) if link)
    return height, points, weak


@functools.lru_cache(maxsize=1 << 12)  # a drawing's 450 lines have a few dozen counts
def _width(count: int, strongest: int) -> float:
    """Return a line's width: thin for one article, thickest for the strongest pair drawn."""
    return round(0.8 + 4.2 * math.sqrt((count - 1) / (strongest - 1)), 1) if strongest > 1 else 0.8


def _kinds(nodes: Iterable[Node]) -> tuple[str, ...]:
    present = {node.kind for node in nodes}
    return tuple(kind for kind in (*PROFILE_KINDS, OTHER_KIND) if kind in present)
