"""Forward Mode (Shift+F5) after a finished pass ringed on a data input asks
which leaf (t68 #8: the MLP's pass ended on x1[1]; Shift+F5 started
d/d(x1[1]) at once, where a weight was wanted). A ringed parameter is still
taken as if selected (test_forward_mode_gui.py)."""

from __future__ import annotations

from leaf_question import answer_leaf_question
from PySide6.QtCore import Qt
from test_forward_mode_gui import hand_mode
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

from core.learn.training import is_trainable


def test_a_ringed_data_input_is_not_taken_for_the_leaf(qtbot, window, tmp_path, monkeypatch):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    hand_mode(w)
    asked = []
    answer_leaf_question(monkeypatch, lambda *a, **k: asked.append(a) or ("", False))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    w.scene.select_ids([])
    ctl = w.backward
    ringed = ctl.replay.steps[-1].node
    assert ctl.animator.at_end and w.model.op(ringed) == "leaf" and not is_trainable(w.model, ringed)
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert len(asked) == 1  # asked which leaf, a parameter offered first
