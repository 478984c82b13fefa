"""What the card and wire items share: the card's geometry and shapes, the
highlight rings, the wire curve, and how an item tells its scene that
something the overview or the panels show has changed.

Kept apart from the items so each item module stays about one thing; none of
this holds document state.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsItem

from core.explain.format import MINUS
from gui.canvas.pass_board import PassBoard
from gui.common import style as S

HIGHLIGHTS = (None, "current", "input", "done", "dim")

W2, H2 = S.NODE_W / 2, S.NODE_H / 2
BODY_TOP = -H2 + S.HEADER_H
BODY_MID = (BODY_TOP + H2) / 2
#: The card, in item coordinates (centred on the node position).
CARD_RECT = QRectF(-W2, -H2, S.NODE_W, S.NODE_H)
TAG_H = 15.0  # room above the card for the "output" tag
MARGIN = 6.0  # room around the card for ports and glow
BOUNDS = QRectF(-W2 - MARGIN, -H2 - TAG_H, S.NODE_W + 2 * MARGIN, S.NODE_H + TAG_H + MARGIN)
#: The tallest the "output" tag grows with Presentation Mode's larger text (its 1.5×), how far
#: past the card's sides it may reach then ("output (auto)" is wider than the card at 1.5×), and
#: a tagged card's bounds, which hold it (only such a card reaches past ``BOUNDS``).
TAG_H_MAX = TAG_H * 1.5
TAG_REACH = 8.0
TAGGED_BOUNDS = BOUNDS.adjusted(-TAG_REACH, -(TAG_H_MAX - TAG_H), TAG_REACH, 0)


def tag_height(text_scale: float) -> float:
    """The room above a card its "output" tag takes at the canvas's ``text_scale``
    (card_text.text_scale): as much larger as its text (a trial: 8–9 px beside 1.5× cards)."""
    return min(TAG_H * max(text_scale, 1.0), TAG_H_MAX)


def _port_ys(n: int) -> list[float]:
    if n == 1:
        return [BODY_MID]
    gap = 22.0
    top = BODY_MID - gap * (n - 1) / 2
    return [top + gap * i for i in range(n)]


PORT_YS = {n: _port_ys(n) for n in (1, 2)}
OUT_Y = BODY_MID


_PATHS: dict = {}


def rounded_path(r: QRectF, radius: float) -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(r, radius, radius)
    return p


def card_paths() -> dict:
    """The card's shapes, built once. Outlines are stroked here, once, and
    filled when painting: filling a ready path costs a fraction of stroking
    a rounded rectangle on every paint."""
    if not _PATHS:
        card = rounded_path(CARD_RECT, S.RADIUS)
        header = rounded_path(QRectF(-W2, -H2, S.NODE_W, S.HEADER_H + S.RADIUS), S.RADIUS)
        clip = QPainterPath()
        clip.addRect(QRectF(-W2, -H2, S.NODE_W, S.HEADER_H))

        def outline(width: float, dashed: bool = False) -> QPainterPath:
            st = QPainterPathStroker()
            st.setWidth(width)
            st.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if dashed:
                st.setDashPattern([4.0, 3.0])
            return st.createStroke(card)

        _PATHS.update(
            card=card,
            header=header.intersected(clip),
            shadow=card.translated(0, 2.5),
            halo=rounded_path(CARD_RECT.adjusted(-4, -4, 4, 4), S.RADIUS + 3),
            glow=outline(7.0),
            thin=outline(1.2),
            thick=outline(2.5),
            dashed=outline(1.4, True),
            thick_dashed=outline(2.5, True),
            hatch=card.subtracted(rounded_path(CARD_RECT.adjusted(HATCH, HATCH, -HATCH, -HATCH), S.RADIUS)),
        )
    return _PATHS


#: The width of the hatched band inside a card whose value is inf or nan:
#: the warning its own mark, never a fill that reads as a gradient's tint
#: (a trial: red −inf cards under "∇ 0.0000", the legend's red a positive one).
HATCH = 6.0


#: The animation's highlights, told apart by shape as well as colour: the
#: current step a thick saturated ring in a soft glow, its inputs a thin
#: amber ring, finished nodes a faint green glow.
HL_COLORS = {"current": QColor("#e8590c"), "input": QColor("#f0a30a"), "done": S.HL_DONE}
_HL_PATHS: dict = {}


def paint_highlight(painter: QPainter, kind: str) -> None:
    if not _HL_PATHS:

        def ring(inset: float, width: float) -> QPainterPath:
            st = QPainterPathStroker()
            st.setWidth(width)
            st.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            return st.createStroke(
                rounded_path(CARD_RECT.adjusted(-inset, -inset, inset, inset), S.RADIUS + inset)
            )

        _HL_PATHS.update(
            current_glow=ring(3.0, 6.0), current=ring(2.5, 4.0), input=ring(2.0, 1.8), done=ring(1.5, 5.0)
        )
    c = QColor(HL_COLORS[kind])
    if kind == "current":
        glow = QColor(c)
        glow.setAlpha(70)
        painter.setBrush(glow)
        painter.drawPath(_HL_PATHS["current_glow"])
    elif kind == "done":
        c.setAlpha(90)
    painter.setBrush(c)
    painter.drawPath(_HL_PATHS[kind])


_SUPER = str.maketrans("0123456789" + MINUS, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def superscript(text: str) -> str:
    """``text`` as an exponent: superscript digits when it is a whole number
    (x², x⁻¹), else "^text" (x^0.5), which stays readable."""
    if text and all(c in "0123456789" + MINUS for c in text):
        return text.translate(_SUPER)
    return "^" + text


Cubic = tuple[float, float, float, float, float, float, float, float]
#: How far down (as a share of the way) a wire running back turns: both its
#: control points at that height (gui/canvas/wires/curve_bounds.py follows it).
BACK_TURN = 0.4


def wire_cubic_at(x1: float, y1: float, x2: float, y2: float) -> Cubic:
    """The wire from (x1, y1) to (x2, y2) as its curve's four points (x, y
    each): the one place the S-curve's shape is decided. It leaves the output
    port and enters the input port level, its control points at least 40
    units (half the horizontal distance) out. A wire running back (to a
    card left of its source: a chain's next band) turns at ``BACK_TURN`` of
    the way down to its target, so it crosses between the rows (level with
    the ports, it ran under the next band's first card; halfway, over its
    corner)."""
    dx = max(40.0, abs(x2 - x1) * 0.5)
    if x2 < x1:
        turn = y1 + (y2 - y1) * BACK_TURN
        return (x1, y1, x1 + dx, turn, x2 - dx, turn, x2, y2)
    return (x1, y1, x1 + dx, y1, x2 - dx, y2, x2, y2)


def wire_cubic(p1: QPointF, p2: QPointF) -> Cubic:
    """The curve of :func:`wire_path` as its four points (used to clip it)."""
    return wire_cubic_at(p1.x(), p1.y(), p2.x(), p2.y())


def wire_path(p1: QPointF, p2: QPointF) -> QPainterPath:
    """A smooth S-curve from an output port (p1) to an input port (p2)."""
    return wire_curve(p1, p1.x(), p1.y(), p2.x(), p2.y())


def wire_curve(p1: QPointF, x1: float, y1: float, x2: float, y2: float) -> QPainterPath:
    """``wire_path(p1, p2)`` from ``p1`` and both points' coordinates (a
    whole graph's wires are made from numbers at hand)."""
    c = wire_cubic_at(x1, y1, x2, y2)
    path = QPainterPath(p1)
    path.cubicTo(c[2], c[3], c[4], c[5], x2, y2)
    return path


def wire_curve_at(x1: float, y1: float, x2: float, y2: float) -> QPainterPath:
    """``wire_path`` from the two points' coordinates alone (no QPointF made)."""
    c = wire_cubic_at(x1, y1, x2, y2)
    path = QPainterPath()
    path.moveTo(x1, y1)
    path.cubicTo(c[2], c[3], c[4], c[5], x2, y2)
    return path


def esc_html(s: str) -> str:
    """``s`` safe inside a rich-text tooltip."""
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class LinkedSeen(Protocol):
    """Which wires are drawn as linked copies (gui/canvas/linked/copies.py)."""

    def is_linked(self, key: tuple[str, str, int]) -> bool: ...
    def pills_in(self, rect: QRectF) -> list[QRectF]: ...


class ItemHost:
    """What an item may tell the scene it is on. The scene implements it;
    items know only this, so they never import the scene."""

    #: Which wires draw only the stub to their linked copy (None: every wire whole).
    linked: LinkedSeen | None = None

    #: The pass its cards show when told late (gui/canvas/pass_board.py).
    board: PassBoard | None = None
    #: Where lit wires take their captions (gui/canvas/wires/wire_caption.py's CaptionLayer).
    captions: QGraphicsItem | None = None

    def overview_changed(self, item: QGraphicsItem | None = None) -> None:
        """Something the zoomed-out overview draws of ``item`` (a highlight) changed."""

    def decoration_changed(self, item: QGraphicsItem | None = None) -> None:
        """The shown gradient or highlight of the card ``item`` changed (None: of any card)."""

    def card_bounds_changed(self, item: QGraphicsItem) -> None:
        """The card ``item``'s bounds changed (its note), not what the overview draws of it."""

    def node_item(self, node_id: str) -> QGraphicsItem | None:
        """The card of ``node_id`` (a caption places itself by it)."""
        return None


def tell_host(
    item: QGraphicsItem, *, overview: bool = False, decoration: bool = False, bounds: bool = False
) -> None:
    """Let the item's scene know what changed (cheap: the scene coalesces)."""
    sc = item.scene()
    if isinstance(sc, ItemHost):
        if bounds:
            sc.card_bounds_changed(item)
        if decoration:
            sc.decoration_changed(item)
        if overview:
            sc.overview_changed(item)
