"""A linked copy's card, and the badge on the original that counts its copies.

A copy is a child of its consumer's card, so it follows the card (moves,
folding hides it with the card's box) without a call of its own; it is not a
node: it has no ports, cannot be moved, wired or deleted; a click selects it
(``CopyHost.pick``) and a double-click goes to the original (``CopyHost.go_to``).
It draws, at every zoom, what it has room for: near the leaf's label and value (and after Backward the
gradient this use sends back, which the original's gradient is the sum of:
micrograd's ``+=``), further out the label alone in larger type, and far
out (the overview draws the graph) nothing.
"""

from __future__ import annotations

import functools
import math
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from core.explain.format import number_forms
from core.graph.layout import COPY_GAP, COPY_H, LINK_ROOM
from gui.canvas.cards.card_text import MIN_PX as CARD_MIN_PX
from gui.canvas.cards.card_text import fit, font, line_height, metrics, needed_px, usual_px
from gui.canvas.cards.zoom_digits import MODEL_GRAD, grad_forms_at, value_forms_at, view_level
from gui.canvas.linked.grad_rungs import rung_forms
from gui.canvas.painting import BOUNDS, H2, PORT_YS, W2
from gui.canvas.wires.wire_item import LINK_STUB
from gui.common import grad_colors
from gui.common import style as S

Key = tuple[str, str, int]
#: The stub joining a copy to its port (the wire's item draws it: EdgeItem.paint).
STUB = LINK_STUB
#: Between a pill at its widest and the column to its card's left (Auto Layout
#: leaves ``LINK_ROOM``: core/graph/layout.py), clear of that card's output port.
CLEAR = 20.0
#: A pill's width: near, ``PILL_W_MIN``; zoomed out, as wide as the widest
#: label shown needs at a readable size, up to what the room leaves.
PILL_W_MIN = 126.0
PILL_W_MAX = LINK_ROOM - CLEAR - STUB
#: How much of a font's size its capitals take (DejaVu Sans: 0.73 em): far out a
#: pill's one line may reach over its edges by what the letters leave free.
CAP = 0.78
#: A pill's height: two lines near, one large line far (at most ``COPY_H``:
#: a card's two pills fit beside it and its neighbours' in a column 110
#: apart, core/graph/layout.py).
PILL_H_MIN, PILL_H_MAX = 36.0, COPY_H
#: Between the two pills of a two-input card.
PILL_GAP = COPY_GAP
#: How far a pill reaches out of the card it belongs to (a card's neighbours look this far).
REACH = STUB + PILL_W_MAX
#: Below this many screen pixels a text is not drawn (the pill stays a chip), as the cards' (card_text.py).
MIN_PX = CARD_MIN_PX
_PAD = 4.0
_GRAD_SIGN = "∇"
#: Between a pill's label and its number on one line (zoomed out).
_SEP = " "
#: The shortest number a one-line pill writes after its label, negative: a gradient in
#: two digits (never fewer: number_forms; at 52 % a pill wrote "w ∇−.05", and "b ∇0.03"
#: where the caption said 0.02503).
_SHORT_NUMBER = f"{_GRAD_SIGN}−0.025"
#: The widest second line near: a value and a gradient, both negative, in the cards' format.
_WIDEST_NUMBERS = f"−0.0000 {_GRAD_SIGN}−0.0000"


class CopyHost(Protocol):
    """What a copy asks of the scene's linked copies (gui/canvas/linked/copies.py)."""

    hot: str | None

    @property
    def far(self) -> bool: ...
    @property
    def widest(self) -> str: ...

    def label(self, node: str) -> str: ...
    def value(self, node: str) -> float | None: ...
    def carried(self, key: Key) -> float | None: ...
    def uses_carried(self, source: str) -> tuple[float | None, ...]: ...
    def grad_rung(self, need: int, px: int, inner: float, widest: str) -> int | None: ...
    def lit(self, key: Key) -> bool: ...
    def hover(self, source: str | None) -> None: ...
    def badge_room(self, source: str) -> float: ...
    def pick(self, key: Key) -> None: ...
    def go_to(self, source: str) -> None: ...
    @property
    def picked(self) -> Key | None: ...


@functools.lru_cache(maxsize=1024)
def pill_size(need: int, widest: str) -> tuple[float, float, int]:
    """Every pill's width, height and font size (scene units) where a
    readable text needs ``need`` font pixels (card_text.needed_px), as
    cards of a kind share one size (card_kinds.py): wide enough for the
    widest label shown (``widest``), and where two lines fit for a value
    and a gradient in the cards' four decimals, within the room Auto Layout leaves."""
    px = max(12, need)
    h = min(PILL_H_MAX, max(PILL_H_MIN, 2 * line_height(px) + 4))
    w = metrics(px, True).horizontalAdvance(widest)
    if 2 * line_height(px, True) <= h - 2:  # (near 80 %, three digits read "0.236" beside a card's "0.2355")
        w = max(w, metrics(px).horizontalAdvance(_WIDEST_NUMBERS))
    else:  # one line: room for a short number after the label where the room allows, and for
        # a gradient in the zoom's form (view_level: "x ∇−0.375" beside cards' "∇ 1.2493", a trial)
        model = f"{_GRAD_SIGN}{number_forms(MODEL_GRAD)[view_level(need)]}"
        w = max(w, one_line_width(widest, _SHORT_NUMBER, px), one_line_width(widest, model, px))
    return min(PILL_W_MAX, max(PILL_W_MIN, w + 2 * _PAD + 2)), h, px


def _forms(value: float | None, g: float | None, need: int | None, alone: bool = False) -> list[str]:
    """What a pill writes of its numbers, longest first, as every card writes
    them at the zoom (zoom_digits.py: the zoom's text first): the value, and
    during a pass this use's gradient after it (``alone``: the gradient only):
    the value shorter, then left out, before a digit of the gradient is."""
    # (never in fewer than two digits, always with a leading zero: number_forms; where none
    # fits, the label alone says which leaf, as a name where the number would mislead)
    # (then a hyphen for a value's wide minus sign, as a card's: "w2.4.2 -0.086" at 52 %;
    # a number under 0.1 to two decimal places last, as its neighbours' two digits: "0.07")
    # (each form with a hyphen after it, a positive one's twice: a pill's forms and its negative's
    # counterparts, as wide, side by side)
    values = [h for v in value_forms_at(value, need) for h in (v, v.replace("−", "-"))]
    if g is None:
        return values
    # (the gradient's narrowest forms last, "2.3e−4", "≈0", as the cards': a trial's pills at
    # 49 % said their names alone where a saturated neuron's gradients were near 1e−4)
    grads = [f"{_GRAD_SIGN}{t}" for t in grad_forms_at(g, need)]
    if alone:  # (one line, after the label at half zoom)
        return grads
    return [*(f"{v} {grads[0]}" for v in value_forms_at(value, need)[:3]), *grads]


@functools.lru_cache(maxsize=4096)
def _first_fit(forms: tuple[str, ...], px: int, inner: float) -> int | None:
    """The first of ``forms`` that fits a line ``inner`` wide at ``px`` (None: none does)."""
    return next((i for i, t in enumerate(forms) if fit(t, px, False, inner) is not None), None)


@functools.lru_cache(maxsize=1024)
def _value_start(value: float, grads: tuple[float, ...], need: int, px: int, inner: float) -> int:
    """Where a two-line pill's forms (``_forms``) start for every copy of a leaf
    of ``value`` whose uses carry ``grads`` back: the value as short as the copy
    with the widest gradient writes it, or left out where one leaves it out, so
    its copies write it alike (verify 57: at 70 % x1[1]'s copies read "5 ∇0.00296"
    in one neuron and "5.0000 ∇0.0338" in the next); 0 with no gradient yet."""
    kept = len(value_forms_at(value, need)[:3])  # (the forms with the value, then without)
    start = 0
    for g in grads:
        i = _first_fit(tuple(_forms(-abs(value), g and -abs(g), need)), px, inner)
        start = max(start, kept if i is None else min(i, kept))
    return start


def pill_rect(arity: int, port: int, w: float = PILL_W_MIN, h: float = PILL_H_MIN) -> QRectF:
    """The copy of input ``port`` in its card's coordinates (``w`` × ``h``):
    left of the port, a two-input card's upper copy above the middle between
    its ports, the lower one below it, ``PILL_GAP`` apart; each covers its port's height."""
    x = -W2 - STUB - w
    if arity == 1:
        return QRectF(x, PORT_YS[1][0] - h / 2, w, h)
    mid = (PORT_YS[2][0] + PORT_YS[2][1]) / 2
    return QRectF(x, mid - PILL_GAP / 2 - h if port == 0 else mid + PILL_GAP / 2, w, h)


def room_rect(arity: int, port: int) -> QRectF:
    """The most a copy of input ``port`` covers at any zoom (card coordinates)."""
    return pill_rect(arity, port, PILL_W_MAX, PILL_H_MAX)


#: How far below its card's centre the copy of each (arity, port) reaches at most.
ROOM_BOTTOM = {(a, p): room_rect(a, p).bottom() for a in PORT_YS for p in range(a)}
#: And above it (a two-input card's upper copy reaches above the card's top).
ROOM_TOP = {(a, p): -room_rect(a, p).top() for a in PORT_YS for p in range(a)}


class CopyItem(QGraphicsItem):
    """The copy of ``key``'s source drawn beside ``key``'s port on its target's card."""

    def __init__(self, host: CopyHost, key: Key, arity: int) -> None:
        super().__init__()
        self.host, self.key, self.arity = host, key, arity
        self._rect = pill_rect(arity, key[2])  # as last drawn (its size follows the zoom)
        self._went = False  # a double-click went to the original (till the next press)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setZValue(0.5)

    @property
    def source(self) -> str:
        return self.key[0]

    def boundingRect(self) -> QRectF:
        return room_rect(self.arity, self.key[2]).adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def rect_at(self, zoom: float) -> QRectF:
        """The pill drawn at ``zoom``, in its card's coordinates."""
        w, h, _px = pill_size(needed_px(zoom), self.host.widest)
        return pill_rect(self.arity, self.key[2], w, h)

    def scene_rect(self) -> QRectF:
        """The pill as last drawn, in scene coordinates (hover, tooltip)."""
        return self.mapRectToScene(self._rect)

    def texts(self, lod: float) -> tuple[list[str], int]:
        """The lines drawn at ``lod`` and their font size (scene units), in
        the cards' number format (zoom_digits.py): near the label, then the
        value (and during a pass the gradient this use sends back); zoomed
        out one large line, the label where the widest label shown fits,
        else the number, as compact cards of a kind do (card_kinds.py)."""
        h = self.host
        label, value, g = h.label(self.source), h.value(self.source), h.carried(self.key)
        need = needed_px(lod)
        w, ph, px = pill_size(need, h.widest)
        inner = w - 2 * _PAD
        # each form chosen as if its numbers were negative (card_text.first_signed_fit): the
        # pills of a zoom write one form ("−0.669 ∇−0.0804" beside "0.2355 ∇0.3858" before)
        seconds = _forms(value, g, need)
        worst = _forms(None if value is None else -abs(value), g and -abs(g), need)
        if 2 * line_height(px, True) <= ph - 2:  # two lines: the label, then the numbers
            name = fit(label, px, True, inner, elide=True, middle=True)
            i = _first_fit(tuple(worst), px, inner)
            if i is not None and value is not None:  # the value as the leaf's other copies write it
                grads = tuple(x for x in h.uses_carried(self.source) if x is not None)
                j = _value_start(value, grads, need, px, inner)
                kept = len(value_forms_at(value, need)[:3])
                if g is not None:
                    i = max(i, j)
                elif j < kept:  # (no gradient yet: its value alone, in the others' form)
                    i = max(i, 2 * j)
            number = None if i is None else seconds[min(i, len(seconds) - 1)]
            return [t for t in (name, number) if t is not None], px
        px = min(px, int(ph / 1.05))  # one line, its letters within the pill's height
        if px * lod < MIN_PX - 1e-9:  # further out, the capitals within it (its line's box a
            # little over its edges), as the cards' names (the README's import fitted at 21 %
            # showed its eight copies of a and b blank); further out still: a chip, as no card
            # writes too small
            px = math.ceil((MIN_PX - 1e-9) / lod)
            if px * CAP > ph:
                return [], px
        # Presentation Mode's larger text: smaller, down to the usual size, rather than the
        # label alone ("w" where "w ∇−.05" did not fit at 1.5×, a trial's Fit at 33 %)
        low = min(px, max(usual_px(need), math.ceil((MIN_PX - 1e-9) / lod)))
        if g is not None:  # (one form for every copy at the zoom: grad_rungs.py)
            for size in range(px, low - 1, -1):
                got = self._grad_line(label, g, need, size, inner)
                if got is not None:
                    return got, size
            return ([label] if fit(h.widest, px, True, inner) is not None else []), px
        ones = _forms(value, None, need)
        worst = _forms(-abs(value or 0.0), None, need)
        for size in range(px, low - 1, -1):  # (first as every pill of the zoom would: one size for all)
            got = self._one_line(label, ones, worst, size, inner)
            if got is not None:
                return got, size
        return self._one_line(label, ones, worst, px, inner, bare=True) or [], px

    def _grad_line(self, label: str, g: float, need: int, px: int, inner: float) -> list[str] | None:
        """The one line at font size ``px`` during a pass: the label and this use's
        gradient in the rung every copy at the zoom writes (the number alone where
        no label fits); None where no rung fits every copy's gradient."""
        widest = self.host.widest
        named = fit(widest, px, True, inner) is not None
        rung = self.host.grad_rung(need, px, inner, widest if named else "")
        if rung is None:
            return None
        number = f"{_GRAD_SIGN}{rung_forms(g, need)[rung]}"
        return [f"{label}{_SEP}{number}"] if named else [number]

    def _one_line(
        self, label: str, ones: list[str], worst: list[str], px: int, inner: float, bare: bool = False
    ) -> list[str] | None:
        """The one line at font size ``px`` before a pass: the label and its value
        where both fit as the widest label shown and the value's negative form
        would; None where they do not (``bare``: then the label, or the value, alone)."""
        widest = self.host.widest
        if fit(widest, px, True, inner) is not None:
            # the number after the label where both fit (at 50 % the pills said the names alone)
            wide = (i for i, t in enumerate(worst) if one_line_width(widest, t, px) <= inner)
            i = next(wide, None)
            if i is None:
                return [label] if bare else None
            return [f"{label}{_SEP}{ones[min(i, len(ones) - 1)]}"]
        i = next((i for i, t in enumerate(worst) if fit(t, px, False, inner) is not None), None)
        if i is None:
            return [] if bare else None
        return [ones[min(i, len(ones) - 1)]]

    def paint(self, painter: QPainter, option, widget=None) -> None:
        h = self.host
        if h.far:
            return  # the overview draws the graph
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rect = self.rect_at(lod)
        if rect != self._rect:
            self._rect = rect
        lit, hot = h.lit(self.key), h.hot == self.source or h.picked == self.key
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        border = S.WIRE_FLOW if lit else S.SELECT if hot else S.LEAF_BORDER
        style = Qt.PenStyle.SolidLine if lit or hot else Qt.PenStyle.DashLine  # dashed: a copy, not a card
        pen = QPen(border, 3.0 if h.picked == self.key else 2.5 if lit or hot else 1.2, style)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor("#fff3e8") if lit else S.LEAF_CARD)
        painter.drawRoundedRect(rect, 7.0, 7.0)
        lines, px = self.texts(lod)
        if not lines or px * lod < MIN_PX - 1e-9:
            return
        g = h.carried(self.key)
        r = rect.adjusted(_PAD, 1, -_PAD, -1)
        if len(lines) == 1:
            label = h.label(self.source)
            head, sep, number = (
                lines[0].rpartition(_SEP) if lines[0].startswith(label + _SEP) else ("", "", lines[0])
            )
            if number == label:
                head, number = label, ""
            _draw_parts(painter, r, g, [(head + sep, True), (number, False)], px)
            return
        top, bottom = (
            QRectF(r.left(), r.top(), r.width(), r.height() / 2),
            QRectF(r.left(), r.center().y(), r.width(), r.height() / 2),
        )
        painter.setPen(S.LEAF_TEXT)
        painter.setFont(S.font(px, True))
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, lines[0])
        _draw_parts(painter, bottom, g, [(lines[1], False)], px)

    def hoverEnterEvent(self, event) -> None:
        self.host.hover(self.source)

    def hoverLeaveEvent(self, event) -> None:
        self.host.hover(None)

    def mousePressEvent(self, event) -> None:
        event.accept()  # (not the card under it: a copy is not moved)
        self._went = False

    def mouseReleaseEvent(self, event) -> None:
        # a click selects the copy, as it does a card (trial 71 #7: it jumped the view to the
        # far-off original and selected its folded group); a double-click goes to the original
        if self.contains(event.pos()) and not self._went:
            self.host.pick(self.key)

    def mouseDoubleClickEvent(self, event) -> None:
        event.accept()
        self._went = True  # (its release selects the original, not the copy again)
        self.host.pick(self.key)  # (the view's way back leads to this copy)
        self.host.go_to(self.source)


def one_line_width(label: str, number: str, px: int) -> float:
    """How wide a one-line pill's text is: its label in bold, then its number in
    the regular face (as the number line near: "w2.4.2 -0.086" fits at 52 %)."""
    return metrics(px, True).horizontalAdvance(label + _SEP) + metrics(px).horizontalAdvance(number)


def _draw_parts(
    painter: QPainter, rect: QRectF, g: float | None, parts: list[tuple[str, bool]], px: int
) -> None:
    """``parts`` (each in bold or not) side by side, centred in ``rect``, in the
    leaf's text colour but for a gradient ("∇…", this use's) in the cards' gradient colours."""
    pieces: list[tuple[str, QColor, bool]] = []
    for part, bold in parts:
        if not part:
            continue
        before, sign, rest = part.rpartition(_GRAD_SIGN)
        pieces += (
            [(before, S.LEAF_TEXT, bold), (sign + rest, grad_colors.text_color(g), bold)]
            if sign
            else [(part, S.LEAF_TEXT, bold)]
        )
    widths = [metrics(px, bold).horizontalAdvance(t) for t, _c, bold in pieces]
    x = rect.center().x() - sum(widths) / 2
    for (text, color, bold), w in zip(pieces, widths, strict=True):
        if text:
            painter.setFont(font(px, bold))
            painter.setPen(color)
            painter.drawText(QRectF(x, rect.top(), w + 1, rect.height()), Qt.AlignmentFlag.AlignVCenter, text)
        x += w


#: How far left of its card a badge reaches at most (within the room Auto Layout leaves).
BADGE_REACH = LINK_ROOM - CLEAR
#: Between a badge and the card to its left: its output port (``S.PORT_R``) and a little air.
BADGE_CLEAR = S.PORT_R + 5.0


class BadgeItem(QGraphicsItem):
    """Beside the original's card: how many linked copies it has ("×4 copies"),
    and, while one of them is hovered, a ring round the card."""

    def __init__(self, host: CopyHost, source: str, count: int) -> None:
        super().__init__()
        self.host, self.source, self.count = host, source, count
        self.cramped = False  # a card stood close on its left when last measured ("×4")
        self.setZValue(0.5)

    def text(self) -> str:
        return f"×{self.count} {'copy' if self.count == 1 else 'copies'}"

    def boundingRect(self) -> QRectF:
        return BOUNDS.adjusted(-BADGE_REACH, -PILL_H_MAX / 2, 0, 0)

    def rect_at(self, zoom: float) -> tuple[QRectF, int, str]:
        """The badge at ``zoom`` (card coordinates), its font size and text:
        readable as the cards' texts are (card_text.needed_px) in the room
        left of the card, "×4" where "×4 copies" no longer fits there. Where
        a card stands closer on its left (``CopyHost.badge_room``), within
        that room, clear of its port; no text (an empty rect) where not even
        "×4" fits there."""
        px = max(11, needed_px(zoom))
        room = self.host.badge_room(self.source)
        self.cramped = room < BADGE_REACH
        for text in (self.text(), f"×{self.count}"):
            w = metrics(px, True).horizontalAdvance(text) + px * 0.8
            if w <= min(BADGE_REACH, room) - 4:
                break
        else:
            if room < BADGE_REACH:
                return QRectF(), px, ""
        return QRectF(-W2 - w - 3, -px * 0.7, w, px * 1.4), px, text

    def paint(self, painter: QPainter, option, widget=None) -> None:
        h = self.host
        if h.far:
            return
        lod = max(option.levelOfDetailFromTransform(painter.worldTransform()), 1e-6)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if h.hot == self.source:
            pen = QPen(S.SELECT, 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-W2 - 4, -H2 - 4, 2 * W2 + 8, 2 * H2 + 8), 10, 10)
        # left of the card, where a leaf has no ports (above it, it covered a frame's title)
        r, px, text = self.rect_at(lod)
        if not text or r.width() > BADGE_REACH:  # (not even "×4" fits: too far out to say, or no room)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(S.SELECT if h.hot == self.source else S.LEAF_BORDER)
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        painter.setPen(QColor("white"))
        painter.setFont(S.font(px, True))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)


def port_point(arity: int, port: int) -> QPointF:
    """Input ``port``'s point in its card's coordinates."""
    return QPointF(-W2, PORT_YS[arity][port])
