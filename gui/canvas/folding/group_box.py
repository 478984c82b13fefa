"""A group's box on the canvas, and the geometry of what a group holds.

Each group's cards and inner wires are children of one :class:`GroupBox`
(boxes nest as groups do), so folding a group hides all of it in one call.
Boxes sit at the origin untransformed, so a child's position is its scene
position and moving an item into a box leaves it where it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from operator import itemgetter

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from core.graph.groups import GroupSet
from gui.canvas.folding.group_items import PAD, TITLE_H
from gui.canvas.painting import CARD_RECT
from gui.canvas.wires.wire_cells import WireBox

Bounds = tuple[float, float, float, float]  # min x, min y, max x, max y of card positions
#: The leftmost x, lowest y and highest y a group's linked copies reach (``reach_bounds``).
Lead = tuple[float, float, float]


class GroupBox(QGraphicsItem):
    """Holds a group's cards, the boxes of the groups in it and (in its
    ``wires`` box) its inner wires; draws nothing. Boxes stay at the origin
    untransformed, so a child's position is its scene position."""

    def __init__(self, gid: str, far: bool = False) -> None:
        super().__init__()
        self.gid = gid
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(0.5)  # over the top-level wires, like the cards it holds
        self.wires = WireBox(self)
        self.wires.setVisible(not far)  # far out, the overview draws the wires

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass


def adopt(item: QGraphicsItem, box: QGraphicsItem | None) -> None:
    """Into ``box`` (None: the top level); boxes sit at the origin, so the
    item stays where it is on the canvas."""
    item.setParentItem(box)  # type: ignore[arg-type]  # None is Qt's top level


def bounds(pos: dict[str, tuple[float, float]], members) -> Bounds | None:
    """Of the cards of ``members`` (``pos``: where each card is, the scene's
    own map: no question to Qt per card)."""
    at = [p for p in map(pos.get, members) if p is not None]
    if not at:
        return None
    xs, ys = [p[0] for p in at], [p[1] for p in at]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Reaches:
    """How far the linked copies (and badges) of cards reach, by distance:
    ``lefts``: left of the card's centre -> the cards whose copies reach that
    far; ``lows``: below it -> those cards; ``highs``: above it (a two-input
    card's upper copy, above the card's top) -> those cards (gui/canvas/linked/reach.py)."""

    lefts: Mapping[float, Set[str]] = field(default_factory=dict)
    lows: Mapping[float, Set[str]] = field(default_factory=dict)
    highs: Mapping[float, Set[str]] = field(default_factory=dict)


_X, _Y = itemgetter(0), itemgetter(1)


def reach_bounds(pos: Mapping[str, tuple[float, float]], members: Set[str], reach: Reaches) -> Lead | None:
    """The leftmost x, lowest y and highest y the linked copies of
    ``members``' cards reach (None: none has any): a frame holds them as
    part of their card (above, the copy under the frame's name tab was
    unreadable: "w" of "p2 = sigmoid(w*x2 + b)", a trial). Set operations
    and C loops (a group of a 50,000-node graph each, at Expand All)."""
    get = pos.get
    left = bottom = top = None
    for d, nodes in reach.lefts.items():
        x = min(map(_X, filter(None, map(get, nodes & members))), default=None)
        if x is not None and (left is None or x - d < left):
            left = x - d
    if left is None:
        return None
    for d, nodes in reach.lows.items():
        y = max(map(_Y, filter(None, map(get, nodes & members))), default=None)
        if y is not None and (bottom is None or y + d > bottom):
            bottom = y + d
    for d, nodes in reach.highs.items():
        y = min(map(_Y, filter(None, map(get, nodes & members))), default=None)
        if y is not None and (top is None or y - d < top):
            top = y - d
    return left, -math.inf if bottom is None else bottom, math.inf if top is None else top


def reached(r: QRectF, lead: Lead | None) -> QRectF:
    """``r`` (a group's cards) widened to what their copies reach (``reach_bounds``)."""
    if lead is None:
        return r
    left, top, right, bottom = r.left(), r.top(), r.right(), r.bottom()
    if lead[0] >= left and lead[1] <= bottom and lead[2] >= top:
        return r
    left, bottom, top = min(left, lead[0]), max(bottom, lead[1]), min(top, lead[2])
    return QRectF(left, top, right - left, bottom - top)


def union(a: Bounds | None, b: Bounds | None) -> Bounds | None:
    if a is None or b is None:
        return a if b is None else b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def rect(b: Bounds) -> QRectF:
    r = CARD_RECT
    return QRectF(b[0] + r.left(), b[1] + r.top(), b[2] - b[0] + r.width(), b[3] - b[1] + r.height())


def nodes_of(gs: GroupSet, gid: str, kids: dict[str, list[str]]) -> list[str]:
    """Every node in ``gid`` and the groups nested in it (``nodes_in`` with
    the children known)."""
    out: list[str] = []
    stack = [gid]
    while stack:
        g = stack.pop()
        out.extend(gs.get(g).members)
        stack.extend(kids.get(g, ()))
    return out


def kids_of(gs: GroupSet) -> dict[str, list[str]]:
    """group id -> the groups directly in it."""
    kids: dict[str, list[str]] = {}
    for g in gs:
        if g.parent is not None:
            kids.setdefault(g.parent, []).append(g.id)
    return kids


def add_nodes(gs: GroupSet, gid: str, kids: dict[str, list[str]], into: set[str]) -> None:
    """``nodes_of`` added to the set ``into``, each group's members set by
    set (by the hashes they keep: no list of them made, no id hashed again)."""
    stack = [gid]
    while stack:
        g = stack.pop()
        into.update(gs.get(g).members)
        stack.extend(kids.get(g, ()))


def folded_nodes(gs: GroupSet, cards) -> set[str]:
    """Every node folded away into one of the cards ``cards`` (group ids)."""
    kids, out = kids_of(gs), set[str]()
    for gid in cards:
        add_nodes(gs, gid, kids, out)
    return out


class FrameRects:
    """Each open group's frame: around its own cards and what is in it (a
    folded card as it is drawn, an open group's frame), padded for its title."""

    def __init__(
        self,
        cards: Mapping[str, QGraphicsItem],
        own: Mapping[str, Bounds | None],
        kids,
        lead: Mapping[str, Lead | None],
    ) -> None:
        self._cards, self._own, self._kids, self._lead = cards, own, kids, lead
        self._rects: dict[str, QRectF] = {}

    def rect_of(self, gid: str) -> QRectF:
        if gid in self._rects:
            return self._rects[gid]
        if gid in self._cards:
            r = self._cards[gid].sceneBoundingRect()
        else:
            b = self._own.get(gid)
            r = reached(rect(b), self._lead.get(gid)) if b is not None else QRectF()  # (its copies' too)
            for k in self._kids.get(gid, ()):
                kr = self.rect_of(k)
                if not kr.isNull():
                    r = r.united(kr)
            if not r.isNull():
                r = r.adjusted(-PAD, -PAD - TITLE_H, PAD, PAD)
        self._rects[gid] = r
        return r
