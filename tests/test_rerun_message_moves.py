"""The status line about a pass run again on new numbers names the step it
was at; once the pass moves on it is said again without the step (trial 51:
after an undo at step 10, Home and → → → left "still at step 10 of 10"
under a pass at step 3)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, run_to_end, tmp_settings, type_on_card, window  # noqa: F401

EX = Path(__file__).resolve().parent.parent / "resources" / "examples"


def test_the_rerun_message_drops_its_step_when_the_pass_moves(qtbot, window):
    w = window
    assert w.open_path(str(EX / "neuron_tanh.mgraph"))
    QApplication.processEvents()
    type_on_card(qtbot, w, "x1", "1e308")  # (typed on its card, as the student did)
    run_to_end(qtbot, w)  # Ctrl+B, End: step 10 of 10
    a = w.backward.animator
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # x1 = 2 again
    qtbot.waitUntil(lambda: "ran again" in w.status_text(), timeout=2000)
    QApplication.processEvents()  # (the pass drawn again at its step: the line stays)
    assert "still at step 10 of 10 (Ctrl+Y redoes the edit)" in w.status_text()
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert a.pos == 3
    said = w.status_text()
    assert "step 10" not in said, said
    assert said == "The numbers changed: the pass ran again on them (Ctrl+Y redoes the edit)."
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # said again only once: the line is not said anew at each step
    assert w.status_text() == said
