"""The current step's card must stand out from its inputs' cards at a glance:
more (and stronger) highlight ink around it, in a different shade."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from core.graph.model import GraphModel
from gui.canvas.items import NodeItem


def _ring_ink(qapp, kind: str) -> tuple[int, float]:
    """(pixels of warm highlight ink, their mean saturation) just outside a card."""
    m = GraphModel()
    n = m.add_node("leaf", label="x", value=1.0)
    scene = QGraphicsScene()
    it = NodeItem(m, n)
    if hasattr(it, "refresh"):
        it.refresh()
    scene.addItem(it)
    it.set_highlight(kind)
    card = it.sceneBoundingRect()
    img = QImage(int(card.width()) * 2 + 40, int(card.height()) * 2 + 40, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    p = QPainter(img)
    scene.render(p, QRectF(img.rect()), card.adjusted(-10, -10, 10, 10))
    p.end()
    count, sat = 0, 0.0
    for y in range(img.height()):
        for x in range(img.width()):
            c = QColor(img.pixel(x, y))
            h, s, v = c.hsvHueF(), c.hsvSaturationF(), c.valueF()
            if 0.0 <= h <= 0.15 and s > 0.35 and v > 0.5:  # orange / amber ink
                count += 1
                sat += s
    return count, sat / max(count, 1)


def test_current_stands_out_from_input(qapp):
    cur, cur_sat = _ring_ink(qapp, "current")
    inp, inp_sat = _ring_ink(qapp, "input")
    assert inp > 0
    assert cur > 2 * inp  # a thick ring and a glow against a thin ring
    assert cur_sat >= inp_sat
