"""Fit mid-pass (far out, cards a few pixels wide, group frames' names over
them): a ring marks the pass's current step above everything, and moves
with the steps (a new user's trial: at 10 % the "loss" frame's name plate
covered the step and its lit wires, nothing showed where the pass was)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode, press
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.backward.replay_canvas import _rect
from gui.backward.step_marker import RING, StepMarker
from gui.common import style as S


def _marker(w) -> StepMarker:
    (m,) = [it for it in w.scene.items() if isinstance(it, StepMarker)]
    return m


def _ring_pixels(w) -> int:
    """Pixels of the step colour on the ring's outline, where the view draws it."""
    img = w.view.viewport().grab().toImage()
    c = w.view.mapFromScene(_marker(w).pos())
    want = QColor(S.HL_CURRENT)
    hits = 0
    for x in range(int(RING.left()), int(RING.right()) + 1):
        for y in (int(RING.top()), int(RING.bottom())):
            p = c + QPoint(x, y)
            if img.rect().contains(p):
                got = QColor(img.pixel(p))
                hits += sum(abs(a - b) for a, b in zip(got.getRgb()[:3], want.getRgb()[:3])) < 90
    return hits


def test_fit_mid_pass_rings_the_current_step_above_the_frames(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, shift_ctrl)  # Expand All: frames everywhere
    QApplication.processEvents()
    hand_mode(w)
    press(w, "backward")
    for _ in range(3):
        press(w, "step")
    press(w, "fit")
    QApplication.processEvents()
    assert w.scene.far
    for _ in range(2):
        step = w.backward.replay.current(w.backward.animator.pos)
        m = _marker(w)
        assert m.isVisible() and m.pos() == _rect(w.scene, [step.node], cards_only=True).center()
        assert _ring_pixels(w) > 20  # drawn, over the frames' names
        press(w, "step")
        QApplication.processEvents()
    w.view.set_zoom(1.0)  # near: the card's own ring shows the step
    QApplication.processEvents()
    assert _ring_pixels(w) < 5
    press(w, "clear_grads")
    assert not _marker(w).isVisible()
