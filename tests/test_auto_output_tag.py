"""The "output (auto)" tag over a lone sink reads: its text at least 4.5:1
against its tint (a trial: purple on light purple, 4:1, hard to read)."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from core.graph.model import GraphModel
from gui.common import style as S


def _luminance(c) -> float:
    def lin(x: float) -> float:
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def test_the_auto_output_tag_reads_against_its_tint(qtbot):
    m = GraphModel()
    a = m.add_node("leaf", value=2.0, label="a")
    m.set_position(a, 0.0, 0.0)
    _, _stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(1.0)
    view.centerOn(QPointF(0, 0))
    QApplication.processEvents()
    card = scene.node_item(a)
    assert card.is_auto_output
    tag = next(t for t in card.texts_at(1.0) if t.kind == "badge")
    assert tag.text == "output (auto)"
    img = view.viewport().grab().toImage()
    box = view.mapFromScene(card.mapRectToScene(tag.box)).boundingRect().adjusted(2, 2, -2, -2)
    xs, ys = range(box.left(), box.right()), range(box.top(), box.bottom())
    colours = [img.pixelColor(x, y) for x in xs for y in ys]
    tint = max(colours, key=_luminance)  # the tag's fill, between the letters
    ink = min(colours, key=_luminance)  # its letters' darkest pixels
    assert contrast(ink, tint) >= 4.5, (ink.name(), tint.name())
    assert contrast(S.OUTPUT_AUTO_TEXT, tint) >= 4.5
