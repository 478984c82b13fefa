"""Trial 69 #13: messages that stood after what they were about had gone:
"Not added: …" over the next formula's values table, the f(x) bar's red
refusal through unrelated canvas edits, and Gradient Check's refusal of a
bad Step h in black over the last run's rows, as if they were its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, trigger, type_formula, window  # noqa: F401

from gui.learning.gradcheck import ERROR_STYLE

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_refusal_is_not_said_over_the_next_formulas_values_table(qtbot, window):
    w = window
    type_formula(qtbot, w, "y = x**z**", dialogs=False)
    assert w.status_text().startswith("Not added:")
    seen: list[str] = []

    def look_and_cancel() -> None:  # what the status bar says while the table asks
        seen.append(w.status_text())
        seen.append(w.code_tools.error_label.text())
        QApplication.activeModalWidget().reject()

    QTimer.singleShot(50, look_and_cancel)
    type_formula(qtbot, w, "y = log(x)", dialogs=False)
    assert seen and "Not added" not in seen[0] and seen[0] == "Give x a value in the table"
    assert seen[1] == ""  # nor under the bar
    assert w.status_text() == "Nothing added: the values were not given"


def test_the_bars_red_refusal_goes_with_an_edit_on_the_canvas(qtbot, window):
    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    type_formula(qtbot, w, "y = tanh*x", dialogs=False)
    label = w.code_tools.error_label
    assert "tanh is a function" in label.text()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, CTRL)  # select all: no edit, the message stays
    QApplication.processEvents()
    assert "tanh is a function" in label.text()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert len(w.model) == 0 and label.text() == ""
    assert w.code_tools.bar.text() == "y = tanh*x"  # what was typed stays, to fix
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert len(w.model) == 7 and label.text() == ""
    type_formula(qtbot, w, "y = tanh*x", dialogs=False)  # Enter reads it again: said again
    assert "tanh is a function" in label.text()


def test_gradient_check_refuses_a_bad_step_in_red_and_greys_the_last_rows(qtbot, window):
    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    trigger(w, "learn_gradcheck")
    p = w.learning.gradcheck
    assert p.table.rowCount() == 4 and p.table.isEnabled() and "agree" in p.summary.text()
    for bad in ("0", "abc", "1,5"):
        p.h.setFocus()
        p.h.selectAll()
        qtbot.keyClicks(p.h, bad)
        qtbot.keyClick(p.h, Qt.Key.Key_Return)
        said = p.summary.text()
        assert said.startswith("Step h:") and "such as 1e-6" in said, said
        assert said.endswith("The rows below are the last check's (h = 1e-06), not checked again.")
        assert p.summary.styleSheet() == ERROR_STYLE  # an error, in red
        assert not p.table.isEnabled() and p.table.rowCount() == 4  # greyed: not this run's
    p.h.selectAll()
    qtbot.keyClicks(p.h, "1e-5")
    qtbot.keyClick(p.h, Qt.Key.Key_Return)
    assert p.summary.styleSheet() == "" and p.table.isEnabled()
    assert "All 4 gradients agree" in p.summary.text() and "h = 1e-05" in p.summary.text()


def test_over_a_table_of_the_canvas_s_own_nodes_the_status_does_not_ask_for_values(qtbot, window):
    """t70 #10: `z = y * x` with y and x both on the canvas (ticked "use … on
    the canvas") was told "Give y and x values in the table"."""
    from gui.code.codetools import USE_CANVAS

    w = window
    seen: list[str] = []

    def fill_x() -> None:  # the first formula's x: a value typed
        QApplication.activeModalWidget().accept()

    QTimer.singleShot(50, fill_x)
    type_formula(qtbot, w, "y = x**2 + 3*x", dialogs=False)
    assert {w.model.label(n) for n in w.model.nodes()} >= {"x", "y"}

    def look_and_accept() -> None:
        seen.append(w.status_text())
        QApplication.activeModalWidget().accept()

    QTimer.singleShot(50, look_and_accept)
    type_formula(qtbot, w, "z = y * x", dialogs=False)
    assert seen == [USE_CANVAS], seen
    assert "z" in {w.model.label(n) for n in w.model.nodes()}
