"""Backward's captions beside folded groups' cards (a new user's trial): on
the one-point MLP, opened folded, the first steps' caption sat on the short
wire between "layer 3 [1]" and "loss" and covered both cards' gradients."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.learn import templates
from gui.canvas.wire_item import EdgeItem


def test_no_caption_covers_a_folded_card_while_stepping_the_folded_mlp(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.learning.insert(templates.mlp(xs=templates.LECTURE_XS[:1], ys=templates.LECTURE_YS[:1]))
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.backward.animator.pause()
    seen = 0
    for _ in range(6):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        cards = [c.sceneBoundingRect() for c in w.scene.folding.cards() if c.isVisible()]
        assert cards
        for e in w.scene.items():
            if isinstance(e, EdgeItem) and e.flow and e.caption_rect() is not None:
                seen += 1
                r = e.caption_rect()
                assert not any(r.intersects(c) for c in cards), (e.flow, r)
    assert seen > 0
