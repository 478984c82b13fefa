"""Far out, a folded card a few pixels wide is drawn as one block: no
rounded corners, ports or texts nobody can see (500 folded groups cost
~20 ms a frame drawn whole), in the colour that tells it apart."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication
from test_semantic_zoom import insert_mlp_and_fit
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.folding.group_card import BLOCK_PX, CARD_W, GroupCard
from gui.common import style as S


def painted(w) -> dict[str, int]:
    """How many rounded rects, ellipses and fills the cards drew in one repaint."""
    calls = {"drawRoundedRect": 0, "drawEllipse": 0, "fillRect": 0}
    reals = {name: getattr(QPainter, name) for name in calls}
    # (Qt calls the paint the class had when the item was made: counted by who calls the painter)
    mine = {GroupCard.paint.__code__, GroupCard._paint_block.__code__}
    for name, real in reals.items():

        def counted(painter, *a, _real=real, _name=name):
            calls[_name] += sys._getframe(1).f_code in mine
            return _real(painter, *a)

        setattr(QPainter, name, counted)
    try:
        for c in cards(w):
            c.update()
        w.view.viewport().repaint()
        QApplication.processEvents()
    finally:
        for name, real in reals.items():
            setattr(QPainter, name, real)
    return calls


def cards(w) -> list[GroupCard]:
    return [it for it in w.scene.items() if isinstance(it, GroupCard) and it.isVisible()]


def test_a_card_few_pixels_wide_is_a_block_in_its_border_colour(qtbot, window):
    w = window
    insert_mlp_and_fit(qtbot, w)  # (it opens with its layers folded)
    shown = cards(w)
    assert shown
    loss = next(c for c in shown if c.label == "loss")
    w.view.set_zoom(0.9 * BLOCK_PX / CARD_W)  # each card under BLOCK_PX wide
    w.view.centerOn(loss.sceneBoundingRect().center())
    QApplication.processEvents()
    calls = painted(w)
    assert calls["drawRoundedRect"] == 0 and calls["drawEllipse"] == 0
    assert calls["fillRect"] >= len(shown)
    image = w.view.viewport().grab().toImage()
    at = w.view.mapFromScene(loss.sceneBoundingRect().center())
    assert QColor(image.pixel(at)) == QColor(S.GROUP_BORDER)
    # selected, it is a block in the selection's colour
    loss.setSelected(True)
    QApplication.processEvents()
    image = w.view.viewport().grab().toImage()
    assert QColor(image.pixel(at)) == QColor(S.SELECT)
    # wider than that it is drawn whole again, its ports and corners
    w.view.set_zoom(1.5 * BLOCK_PX / CARD_W)
    QApplication.processEvents()
    calls = painted(w)
    assert calls["drawRoundedRect"] >= len(shown) and calls["drawEllipse"] > 0
