"""Backward's captions beside folded groups' cards (a new user's trial): on
the one-point MLP, opened folded, the first steps' caption sat on the short
wire between "layer 3 [1]" and "loss" and covered both cards' gradients."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from snippets import MICROGRAD_README
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.learn import templates
from gui.canvas.wires.wire_item import EdgeItem


def steps(qtbot, w, most: int | None = None):
    """Ctrl+B on the canvas, paused; then → pressed (at most ``most`` times,
    else to the end), yielding after each step."""
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.backward.animator.pause()
    k = 0
    while not w.backward.animator.at_end and (most is None or k < most):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        k += 1
        yield k


def captions(w):
    """The lit wires' captions shown: (what the wire says, where its caption is)."""
    return [
        (e.flow, e.caption_rect())
        for e in w.scene.items()
        if isinstance(e, EdgeItem) and e.flow and e.caption_rect() is not None
    ]


def test_no_caption_covers_a_folded_card_while_stepping_the_folded_mlp(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.learning.insert(templates.mlp(xs=templates.LECTURE_XS[:1], ys=templates.LECTURE_YS[:1]))
    QApplication.processEvents()
    seen = 0
    for _ in steps(qtbot, w, 6):
        cards = [c.sceneBoundingRect() for c in w.scene.folding.cards() if c.isVisible()]
        assert cards
        for flow, r in captions(w):
            seen += 1
            assert not any(r.intersects(c) for c in cards), (flow, r)
    assert seen > 0


def test_no_caption_covers_a_frames_name_tab_while_stepping_imported_code(qtbot, window):
    """micrograd's README example imported (File › Import Code groups what
    a statement builds): a caption sat on the "▾ c″ (line 8)" tab."""
    w = window
    w.resize(1600, 1000)
    assert w.code_tools.add_text(MICROGRAD_README)
    QApplication.processEvents()
    groups = list(w.model.groups)
    assert groups
    seen = 0
    for _ in steps(qtbot, w):
        frames = (w.scene.folding.frame(g.id) for g in w.model.groups)
        tabs = [f.mapRectToScene(f.title_rect()) for f in frames if f is not None and f.isVisible()]
        for flow, r in captions(w):
            seen += 1
            assert not any(r.intersects(t) for t in tabs), (flow, r)
    assert seen > 10
