"""A forward-mode pass kept through an edit of numbers, as a Backward pass is
(trial 58 #3: on the blog's graph, Shift+F5 from a, → →, then b set to 5 ended
the pass, and the status line said to run Backward again). The pass runs again
from the same leaf at the step it was at; an edit of the wiring clears it,
saying how to run forward mode again."""

from __future__ import annotations

from micrograd.engine import Value
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import click_card, start_forward
from window_helpers import answers, tmp_settings, type_on_card, window  # noqa: F401

from core.explain.forward_replay import ForwardReplay


def dL_da(b: float) -> float:
    """The blog's L = (a*b + c) * f in micrograd itself: dL/da, which forward mode from a carries to L."""
    a, vb, c, f = Value(2.0), Value(b), Value(10.0), Value(-2.0)
    L = (a * vb + c) * f
    L.backward()
    return a.grad


def forward_from_a_at_step_2(qtbot, w) -> None:
    start_forward(qtbot, w, "blog_L", "a")
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert isinstance(w.backward.replay, ForwardReplay) and w.backward.animator.pos == 2


def test_a_value_edit_runs_forward_mode_again_at_the_same_step_and_undo_too(qtbot, window):
    w = window
    forward_from_a_at_step_2(qtbot, w)
    ctl = w.backward
    type_on_card(qtbot, w, "b", "5")
    qtbot.waitUntil(lambda: "still at step 2" in w.status_text(), timeout=3000)
    assert "The numbers changed: the pass ran again on them" in w.status_text()
    rp = ctl.replay
    assert isinstance(rp, ForwardReplay) and rp.wrt == "a" and ctl.animator.pos == 2
    assert w.scene.node_item("e").grad == 5.0  # de/da = b, the new b
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert ctl.animator.at_end and w.scene.node_item("L").grad == dL_da(5.0) == -10.0
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undone: the pass stays
    qtbot.waitUntil(lambda: "Ctrl+Y redoes the edit" in w.status_text(), timeout=3000)
    assert isinstance(ctl.replay, ForwardReplay) and ctl.animator.at_end
    assert w.scene.node_item("L").grad == dL_da(-3.0) == 6.0


def test_an_edit_of_the_wiring_clears_it_saying_how_to_run_forward_mode_again(qtbot, window):
    w = window
    forward_from_a_at_step_2(qtbot, w)
    click_card(w, qtbot, "c")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not w.backward.animator.active, timeout=3000)
    said = w.status_text()
    assert "tangents cleared: run Forward Mode (Shift+F5) again" in said, said
    assert "Backward" not in said
