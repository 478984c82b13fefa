"""The camera keeps a step's group's name in view (issue 10; a new user's
trial): on the expanded MLP, Backward then → 12 or 13 times, the view moved
to just the step (ypred[k], its input, the caption): the "layer 3 [k]" name
tab and the frame's left part were cut at the view's left edge while its
right half was empty. Now when the view moves, the name tabs of the groups
around the step come into view with it where they fit (zoomed out a little
at most)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

from gui.backward.camera_moves import READABLE_ZOOM
from gui.backward.camera_moves import seen as _seen
from gui.backward.replay_canvas import _rect


@pytest.mark.parametrize("width", [1600, 1400])  # (1400: the trial's canvas, the tutorial's dock beside it)
def test_a_step_that_moves_the_view_keeps_its_groups_name_tab_in_view(qtbot, window, tmp_path, width):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.resize(width, 1000)
    QApplication.processEvents()
    w.view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl | Qt.KeyboardModifier.ShiftModifier)  # Expand All
    QApplication.processEvents()
    hand_mode(w)
    qtbot.keyClick(w.view, Qt.Key.Key_B, ctrl)  # Backward
    QApplication.processEvents()
    rp, folding = w.backward.replay, w.scene.folding
    checked = 0
    for i in range(1, 15):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)  # Step
        QApplication.processEvents()
        step = rp.current(w.backward.animator.pos)
        if step is None or i < 12:  # (12 to 14: ypred[4], ypred[3], ypred[2])
            continue
        node = _rect(w.scene, [step.node])
        seen = _seen(w.view, margin=0)
        assert seen.contains(node), step.node
        assert w.view.transform().m11() >= READABLE_ZOOM
        frames = [folding.frame(g) for g in folding.frames_at(node.center())]
        layer = next(f for f in frames if f is not None and f.label.startswith("layer 3 ["))
        tab = layer.mapRectToScene(layer.title_rect())
        assert tab.height() > 0 and seen.contains(tab), (i, step.node, layer.label, tab, seen)
        checked += 1
    assert checked >= 2
