"""The geometry of a network drawing: where its groups sit, and a readable name for every node.

Given its nodes' groups (network_groups.py), a drawing is laid out in two steps. Each group
gets a region of the canvas sized for its members' names, packed in rows with a gap between
regions, so that the lines between groups run through open space. Inside its region a group is laid out by
a force layout, then each node's box (the node and its name to the right) is pushed out of
the others'; each name then takes the first place around its node that covers no other
name and no node, with a leader line where it had to move away. A node whose name finds
no place is not drawn: the drawing is laid out again with fewer nodes.

Everything here is a pure function of its arguments, computed in floating point by numpy in
a fixed order, so the same inputs give the same picture on every build, and Layouts keeps the
last build's pictures by their inputs for a rebuild to reuse.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ..util.store import digest
from .network_groups import Link

# numpy is imported where a drawing is laid out: a rebuild that reuses every drawing
# (an edited story's text) does not pay its 0.1 s import.
if TYPE_CHECKING:
    import numpy as np

FONT = 12.0  # a name's size in viewBox units
ASCENT, DESCENT = 0.95 * FONT, 0.25 * FONT  # a line of text's box above and below its baseline
TITLE = 20.0  # the strip at the top of a group's region that holds its name
GAP = 30.0  # between two groups' regions: where the lines between groups are seen
PAD = 6.0  # inside a region, around its nodes
SPACING = 6.0  # kept between two nodes' boxes
SLACKS = (2.0, 2.6, 3.4, 4.4)  # a region's area over its boxes' total: room for the layout to breathe
ITERATIONS = 120
GRID = (8.0, 4.0)  # the steps in which a node's box looks for a free place
T = TypeVar("T")
Rect = tuple[float, float, float, float]  # left, top, right, bottom

# Glyph advances as a share of the font size, a little wider than DejaVu Sans (the widest of
# the sans-serif fonts the page asks for), so that a name drawn is never wider than its room.
NARROW, MIDDLE, WIDE = "ijlI.,:;'!|", "frt()[]- /", "mwMWжшщюмЖШЩЮМ@%"


# Each name is measured for every drawing and fit it is in, thousands of times a build; bounded,
# for a preview that runs for days.
@functools.lru_cache(maxsize=1 << 14)
def text_width(text: str, size: float = FONT) -> float:
    """Return the room a line of text needs at size: an upper bound on its drawn width."""
    total = 0.0
    for char in text:
        if char in NARROW:
            total += 0.33
        elif char in MIDDLE:
            total += 0.45
        elif char in WIDE:
            total += 1.02
        elif char.isascii():
            total += 0.8 if char.isupper() else 0.65
        else:
            total += 0.86 if char.isupper() or not char.isalpha() else 0.74
    return total * size


@functools.lru_cache(maxsize=1 << 14)  # each name is fitted to each width it is drawn at, again and again
def shorten(text: str, room: float, size: float = FONT) -> str:
    """Return text, cut with an ellipsis where it is wider than room."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def start_of(slug: str) -> tuple[float, float]:
    """Return a slug's own starting point in the unit square: the same on every machine and run."""
    digest = hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:], "big") / 2**32


@dataclass(frozen=True)
class Spot:
    """Where one node is drawn, and its name."""

    index: int  # the node's place in the order given
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # 'start', 'end' or 'middle'
    leader: tuple[float, float, float, float] | None  # from the node to a name set apart


@dataclass(frozen=True)
class Region:
    """A group's part of the canvas; its name goes in the strip at its top."""

    group: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Sketch:
    width: float
    height: float
    spots: tuple[Spot, ...]  # the nodes drawn, in the order given: the first ones given
    regions: tuple[Region, ...]  # () when there is one group


@dataclass
class Layouts:
    """The geometry of the last build's drawings, by a digest of everything that determines it.

    A layout is a pure function of its inputs (nodes in order with what their labels need,
    links and weights, start positions; the code and numpy key the cache file), so one whose
    inputs did not change is reused as it is, and an incremental build draws what a cold
    one would. Only geometry is kept: the nodes are bound to the build's own profiles.
    """

    kept: dict[str, Any] = field(default_factory=dict)  # sketches or Fans: the last build's
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

    def fold(self) -> None:
        """Keep this build's layouts beside the last build's, dropping none: it planned only some drawings."""
        self.kept.update(self.used)
        self.used, self.drawn = {}, 0

    def settle(self) -> bool:
        """Keep only this build's layouts for the next; tell whether they differ from the last build's."""
        changed = self.used.keys() != self.kept.keys()
        self.kept, self.used, self.drawn = self.used, {}, 0
        return changed


def sketch(widths: Sequence[float], radii: Sequence[float], groups: Sequence[int], links: Sequence[Link],
           starts: Sequence[tuple[float, float]], width: float, limit: int,
           units: dict[tuple[int, ...], np.ndarray] | None = None) -> Sketch:
    """Lay out up to limit nodes (most connected first) on a canvas width wide, each with its name.

    units: the force layouts of groups (by their nodes) laid out for these links and starts
    already, as another width's sketch of the same nodes leaves them; gains this one's.
    """
    count = min(limit, len(widths))
    # A group's force layout depends on its nodes, their links and starts alone: not on its
    # room, nor on the nodes left out, so each width and each attempt reuses it.
    units = {} if units is None else units
    while True:
        # More room first (a taller drawing), then fewer nodes: the least connected go.
        for slack in SLACKS:
            result, unnamed = _attempt(count, widths, radii, groups, links, starts, width, slack, units)
            if not unnamed:
                return result
        if count <= 1:
            return result
        count = max(1, count - max(unnamed, count // 10))


def _attempt(count: int, widths: Sequence[float], radii: Sequence[float], groups: Sequence[int],
             links: Sequence[Link], starts: Sequence[tuple[float, float]], width: float,
             slack: float, units: dict[tuple[int, ...], np.ndarray]) -> tuple[Sketch, int]:
    """Lay out the first count nodes; return the sketch of those named and how many found no room."""
    import numpy as np

    inner = [(i, j, n) for i, j, n in links if i < count and j < count]
    order: dict[int, list[int]] = {}
    for i in range(count):
        order.setdefault(groups[i], []).append(i)
    members = sorted(order.values(), key=len, reverse=True)  # the largest group first, as the legend lists them
    half = np.array([1.25 * r + 1 for r in radii[:count]])  # the widest shape's half, and its stroke
    boxes = [(2 * half[i] + 3 + widths[i] + SPACING, max(2 * half[i], ASCENT + DESCENT) + SPACING)
             for i in range(count)]
    titled = len(members) > 1
    regions = _pack([sum(boxes[i][0] * boxes[i][1] for i in group) * slack for group in members],
                    [max(boxes[i][0] for i in group) for group in members],
                    [max(boxes[i][1] for i in group) for group in members], width, titled)
    xy = np.zeros((count, 2))
    for group, (left, top, right, bottom) in zip(members, regions):
        key = tuple(group)
        if key not in units:
            units[key] = _lay_out([starts[i] for i in group], _among(group, inner))
        xy[group] = _place_group(group, units[key], boxes, half, (left, top + (TITLE if titled else 0), right, bottom))
    height = max(bottom for *_, bottom in regions) + PAD
    spots = _name(xy, half, widths[:count], width, height,
                  [(left, top, right, top + TITLE) for left, top, right, _ in regions] if titled else [])
    named = tuple(spot for spot in spots if spot is not None)
    shapes = tuple(Region(groups[group[0]], fix(left), fix(top), fix(right - left), fix(bottom - top))
                   for group, (left, top, right, bottom) in zip(members, regions)) if titled else ()
    return Sketch(width, fix(float(height)), named, shapes), count - len(named)


def _pack(areas: Sequence[float], least_widths: Sequence[float], least_heights: Sequence[float],
          width: float, titled: bool) -> list[Rect]:
    """Give each group a rectangle of about its area, in rows across the canvas, the first group first."""
    usable = width - 2 * PAD
    title = TITLE if titled else 0.0
    wanted = []
    for area, least_width, least_height in zip(areas, least_widths, least_heights):
        w = min(usable, max(least_width + 2 * PAD, math.sqrt(area * 1.6)))
        wanted.append((w, max(area / w, least_height) + 2 * PAD + title))
    rows: list[list[int]] = []
    used = usable + 1.0
    for index, (w, _) in enumerate(wanted):
        if used + GAP + w > usable:
            rows.append([])
            used = -GAP
        rows[-1].append(index)
        used += GAP + w
    rects: list[Rect] = [(0.0, 0.0, 0.0, 0.0)] * len(areas)
    top = PAD
    for row in rows:
        # A row is stretched to the canvas's width, and each region to the row's height: a region
        # made wider is made lower, to keep about its area.
        spare = usable - GAP * (len(row) - 1) - sum(wanted[i][0] for i in row)
        share = sum(wanted[i][0] for i in row)
        widths = {i: wanted[i][0] + spare * wanted[i][0] / share for i in row}
        height = max(max(areas[i] / widths[i], least_heights[i]) + 2 * PAD + title for i in row)
        left = PAD
        for i in row:
            rects[i] = (left, top, left + widths[i], top + height)
            left += widths[i] + GAP
        top += height + GAP
    return rects


def _among(group: list[int], links: Sequence[Link]) -> list[Link]:
    """Return the links within group, its nodes numbered by their place in it."""
    index = {node: k for k, node in enumerate(group)}
    return [(index[i], index[j], n) for i, j, n in links if i in index and j in index]


def _place_group(group: list[int], unit: np.ndarray, boxes: Sequence[tuple[float, float]], half: np.ndarray,
                 region: Rect) -> np.ndarray:
    """Return the points of a group's nodes inside its region, spread as in unit, their boxes apart."""
    import numpy as np

    left, top, right, bottom = region
    # A node's box runs from its shape's left edge to its name's end: the point sits at its left.
    offset = np.array([[boxes[i][0] / 2 - half[i] - SPACING / 2, 0.0] for i in group])
    size = np.array([[boxes[i][0] / 2, boxes[i][1] / 2] for i in group])
    low = np.array([left + PAD, top + PAD]) + size
    high = np.array([right - PAD, bottom - PAD]) - size
    high = np.maximum(high, low)
    centres = low + unit * (high - low)
    centres = _settle(centres, size, low, high)
    return centres - offset


def _lay_out(starts: Sequence[tuple[float, float]], links: Sequence[Link]) -> np.ndarray:
    """Return positions in the unit square by a force layout: links pull, every pair pushes."""
    import numpy as np

    n = len(starts)
    if n == 1:
        return np.array([[0.5, 0.5]])
    pos = np.array(starts, dtype=float)
    strength = np.zeros((n, n))
    heaviest = max((count for _, _, count in links), default=1)
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
    low, high = pos.min(axis=0), pos.max(axis=0)
    return (pos - low) / np.where(high - low > 1e-9, high - low, 1.0)


def _settle(targets: np.ndarray, size: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Put each box (centre, half size), in order, at the free point nearest its target inside low and high."""
    import numpy as np

    placed = np.zeros((4, len(targets)))  # the boxes placed so far, left, top, right, bottom: the first i columns
    centres = targets.copy()
    step_x, step_y = GRID
    # Python's own numbers for each box's bounds, one at a time: numpy's scalars cost more than the arithmetic.
    for i, ((x, y), (w, h), (low_x, low_y), (high_x, high_y)) in enumerate(
            zip(targets.tolist(), size.tolist(), low.tolist(), high.tolist())):
        # The points of a grid around the target, in a window that widens until one is free. A
        # step up or down counts more than one aside: names are wide, and a column of them reads well.
        reach_x, reach_y = w * 0.5, h * 2.0
        left, top, right, bottom = placed[0, :i, None], placed[1, :i, None], placed[2, :i, None], placed[3, :i, None]
        while True:
            xs = low_x + step_x * np.arange(math.ceil((max(low_x, x - reach_x) - low_x) / step_x),
                                            math.floor((min(high_x, x + reach_x) - low_x) / step_x) + 1)
            ys = low_y + step_y * np.arange(math.ceil((max(low_y, y - reach_y) - low_y) / step_y),
                                            math.floor((min(high_y, y + reach_y) - low_y) / step_y) + 1)
            # A box at (x, y) meets a placed one where it meets it both across and down: the two
            # tests per column and per row, joined by a product, not one per point of the grid.
            across = (left < xs + w) & (xs - w < right)
            down = (top < ys + h) & (ys - h < bottom)
            free = (down.T.astype(float) @ across.astype(float) == 0).ravel()  # by rows, then columns
            if free.any() or (x - reach_x <= low_x and y - reach_y <= low_y
                              and x + reach_x >= high_x and y + reach_y >= high_y):
                break
            reach_x, reach_y = reach_x * 2, reach_y * 2
        if free.any():
            distance = ((xs - x) ** 2)[None, :] + ((ys - y) * 1.5)[:, None] ** 2
            best = int(np.argmin(np.where(free, distance.ravel(), np.inf)))
            x, y = xs[best % len(xs)], ys[best // len(xs)]
            centres[i] = x, y
        placed[:, i] = x - w, y - h, x + w, y + h
    return centres


def _name(xy: np.ndarray, half: np.ndarray, widths: Sequence[float], width: float, height: float,
          kept: list[Rect]) -> list[Spot | None]:
    """Give each node, most connected first, the first free place for its name; None where there is none."""
    import numpy as np

    # What a name may not cover, as rows of lefts, tops, rights and bottoms: every node's shape,
    # the kept strips, then each name placed so far. One test against all of them per place tried.
    nodes = [(x - h, y - h, x + h, y + h) for (x, y), h in zip(xy.tolist(), half.tolist())]
    blocked = np.zeros((4, len(nodes) + len(kept) + len(xy)))
    filled = len(nodes) + len(kept)
    if filled:
        blocked[:, :filled] = np.array(nodes + kept).T
    spots: list[Spot | None] = []
    for index, ((x, y), h, w) in enumerate(zip(xy.tolist(), half.tolist(), widths)):
        spot = None
        for box, label, anchor, leader in _candidates(x, y, h, w):
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height or _hits(box, blocked[:, :filled]):
                continue
            spot = Spot(index, fix(x), fix(y), fix(label[0]), fix(label[1]), anchor,
                        tuple(fix(v) for v in leader) if leader else None)  # type: ignore[arg-type]
            blocked[:, filled] = box
            filled += 1
            break
        spots.append(spot)
    return spots


def _candidates(x: float, y: float, h: float, w: float):  # type: ignore[no-untyped-def]
    """Yield a name's places around its node, nearest first: box, baseline point, anchor, leader line."""
    middle = y + (ASCENT - DESCENT) / 2  # the baseline that centres a line of text on y
    for reach in (0.0, 14.0, 28.0, 44.0):
        right, left = x + h + 3 + reach, x - h - 3 - reach
        below, above = y + h + 2 + reach, y - h - 2 - reach
        for rise in ((0.0,) if reach == 0 else (0.0, -reach, reach)):
            line = middle + rise
            yield ((right, line - ASCENT, right + w, line + DESCENT), (right, line), "start",
                   (x + h, y, right - 2, line - (ASCENT - DESCENT) / 2) if reach else None)
            yield ((left - w, line - ASCENT, left, line + DESCENT), (left, line), "end",
                   (x - h, y, left + 2, line - (ASCENT - DESCENT) / 2) if reach else None)
        yield ((x - w / 2, below, x + w / 2, below + ASCENT + DESCENT), (x, below + ASCENT), "middle",
               (x, y + h, x, below - 1) if reach else None)
        yield ((x - w / 2, above - ASCENT - DESCENT, x + w / 2, above), (x, above - DESCENT), "middle",
               (x, y - h, x, above + 1) if reach else None)


def _hits(box: tuple[float, float, float, float], others: np.ndarray) -> bool:
    """Tell whether box meets any of others (rows of lefts, tops, rights and bottoms)."""
    left, top, right, bottom = others
    return bool(((left < box[2]) & (box[0] < right) & (top < box[3]) & (box[1] < bottom)).any())


def fix(value: float) -> float:
    """Round to a tenth of a unit: finer than a screen shows, and short in the page."""
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
