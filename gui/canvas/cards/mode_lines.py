"""Presentation Mode's compact node card (node_layout.py): its three lines in a pass (name,
value, gradient, as the usual size has them, as large as they fit), and its numbers kept clear of
its port dots (trials 72 #6, 73 #7)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF

from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_text import Text, first_signed_fit, fit, line_height, metrics, usual_px
from gui.canvas.painting import W2
from gui.common import style as S


def lines_px(px: int, least: int, height: float, n: int) -> int | None:
    """The largest size from ``px`` down to ``least`` at which ``n`` lines fit ``height``; else None."""
    return next((s for s in range(px, least - 1, -1) if height // line_height(s, True) >= n), None)


#: How wide a zoomed-out card's number, centred, may be in Presentation Mode: 4 clear of its port dots.
CLEAR_W = 2 * (W2 - S.PORT_R - 4)
#: ... and a leaf's, which has no input port: from 4 inside its left side to 4 clear of its output port.
LEAF_CLEAR_W = 2 * W2 - S.PORT_R - 8


def fitting_px(forms: list[str], px: int, least: int, width: float) -> int:
    """The largest size from ``px`` down to ``least`` at which the first of ``forms`` fits ``width``
    bold as if negative (``px`` where none does, or there is none: a shorter form then)."""
    if not forms:
        return px
    return next((s for s in range(px, least - 1, -1) if first_signed_fit(forms, s, True, width)), px)


def one_line_smaller(f: CardFacts, px: int, need: int, room: int, width: float) -> int | None:
    """Presentation Mode's three lines of a pass (name, value, gradient) where its name, a formula,
    would take two: the size under ``px``, down to the usual, at which it fits one line in the
    regular face (trial 72 #6: "x1*w1 + x2*w2" kept its −6 beside the other cards' values); else None."""
    if f.grad is None or room != 3 or px <= usual_px(need):
        return None
    return next((s for s in range(px - 1, usual_px(need) - 1, -1) if fit(f.label, s, False, width)), None)


def left_of_port(t: Text) -> Text:
    """A leaf's number wider than the room between its port dots moved left of its output port."""
    half = metrics(t.px, t.bold).horizontalAdvance(t.text) / 2
    if half <= CLEAR_W / 2:
        return t
    rect = QRectF(t.rect)
    rect.moveCenter(QPointF(W2 - S.PORT_R - 4 - half, rect.center().y()))
    return replace(t, rect=rect)
