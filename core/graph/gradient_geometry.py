"""The geometry Build Gradient Graph places its nodes by
(core/graph/gradient_place.py): cards, their linked copies and wires as
the canvas draws them, and a grid of them for finding those near a box."""

from __future__ import annotations

from collections.abc import Iterable

from core.graph.card_sizes import COPY_GAP, COPY_H, LINK_ROOM, NODE_H, NODE_W

Box = tuple[float, float, float, float]  # left, top, right, bottom
Wire = tuple[float, float, float, float]  # x1, y1, x2, y2: an output port to an input port

W2, H2 = NODE_W / 2, NODE_H / 2
#: The ports' heights below a card's centre, as the canvas draws them
#: (gui/canvas/painting.py: OUT_Y; PORT_YS, a two-input card's 22 apart).
PORT_DY = 11.0
PORT_GAP = 22.0
#: Slack around a card that a wire keeps clear of (the pen: curve_bounds.PAD).
PAD = 8.0
#: A linked copy at its largest (gui/canvas/linked/copy_item.py: room_rect):
#: its width and its gap to the card's side (its height, ``COPY_H``, and the
#: gap between a two-input card's two, ``COPY_GAP``: core/graph/layout.py's).
COPY_W, COPY_STUB = LINK_ROOM - 20.0 - 12.0, 12.0
#: Points a wire's curve is checked at (a cubic, in straight pieces between them).
STEPS = 16


class Grid:
    """Things filed by the cells of a grid their boxes meet, so that what
    is near a box is found without looking at the rest (a gradient graph of
    the MLP template, 1,000 nodes: a few hundred tests a node, not thousands)."""

    CELL = 240.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list] = {}
        self._all: list = []

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.CELL
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield (i, j)

    def add(self, box: Box, item: object) -> int:
        """File ``item``; its key (for ``drop``)."""
        k = len(self._all)
        self._all.append(item)
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(k)
        return k

    def drop(self, k: int) -> None:
        """Forget the item filed as ``k``."""
        self._all[k] = None

    def near(self, box: Box) -> list:
        """The things whose cells ``box`` (padded) meets, each once, in the order filed."""
        b = (box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD)
        found = {k for key in self._keys(b) for k in self._cells.get(key, ())}
        return [self._all[k] for k in sorted(found) if self._all[k] is not None]


def overlap(a: Box, b: Box) -> bool:
    """Do the boxes come within ``PAD`` of each other?"""
    return a[0] - PAD < b[2] and b[0] - PAD < a[2] and a[1] - PAD < b[3] and b[1] - PAD < a[3]


def wire_box(w: Wire) -> Box:
    """A box the wire's curve stays in (its control points reach at most
    ``max(40, width / 2)`` out of its ports, level with them)."""
    x1, y1, x2, y2 = w
    dx = max(40.0, abs(x2 - x1) * 0.5)
    return (min(x1, x2 - dx), min(y1, y2), max(x1 + dx, x2), max(y1, y2))


def card_box(x: float, y: float) -> Box:
    return (x - W2, y - H2, x + W2, y + H2)


def copy_box(x: float, y: float, port: int, arity: int) -> Box:
    """Where the linked copy of input ``port`` of the card at (x, y) is
    drawn at its largest: left of the port, a two-input card's upper copy
    above the middle of its ports, the lower one below."""
    right = x - W2 - COPY_STUB
    mid = y + PORT_DY
    if arity == 1:
        top = mid - COPY_H / 2
    else:
        top = mid - COPY_GAP / 2 - COPY_H if port == 0 else mid + COPY_GAP / 2
    return (right - COPY_W, top, right, top + COPY_H)


def wire(source: tuple[float, float], target: tuple[float, float], port: int, arity: int) -> Wire:
    """The wire from the card at ``source`` to input ``port`` of the card at ``target``."""
    dy = PORT_DY + (port - (arity - 1) / 2) * PORT_GAP if arity > 1 else PORT_DY
    return (source[0] + W2, source[1] + PORT_DY, target[0] - W2, target[1] + dy)


def curve_points(w: Wire) -> Iterable[tuple[float, float]]:
    """Points along the wire as the canvas draws it (painting.wire_cubic_at,
    a wire running forward): a cubic whose control points reach half its
    width (at least 40) out of each port, level with it."""
    x1, y1, x2, y2 = w
    dx = max(40.0, abs(x2 - x1) * 0.5)
    for i in range(STEPS + 1):
        t = i / STEPS
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        yield (a * x1 + b * (x1 + dx) + c * (x2 - dx) + d * x2, (a + b) * y1 + (c + d) * y2)


def wire_meets(w: Wire, box: Box, pts: list[tuple[float, float]] | None = None, chord: bool = True) -> bool:
    """Does the wire's curve (in ``STEPS`` straight pieces), or with
    ``chord`` the straight line between its ends, come within ``PAD`` of
    ``box``? (A card is measured by the line too: a wire just clear of its
    corner reads as passing under it; a copy by the curve alone.) ``pts``:
    its ``curve_points``, if made already."""
    left, top, right, bottom = box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD
    x1, y1, x2, y2 = w
    if max(x1, x2) + 40.0 < left or min(x1, x2) - 40.0 > right or max(y1, y2) < top or min(y1, y2) > bottom:
        return False
    if pts is None:
        pts = list(curve_points(w))
    padded = (left, top, right, bottom)
    return (chord and segment_meets((x1, y1), (x2, y2), padded)) or any(
        segment_meets(p, q, padded) for p, q in zip(pts, pts[1:])
    )


def segment_meets(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Does the straight segment from ``p`` to ``q`` meet ``box`` (clipped, Liang–Barsky)?"""
    left, top, right, bottom = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, v in ((dx, left, right, p[0]), (dy, top, bottom, p[1])):
        if d == 0.0:
            if v < lo or v > hi:
                return False
            continue
        a, b = (lo - v) / d, (hi - v) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True
