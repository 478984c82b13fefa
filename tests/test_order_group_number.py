"""An open group's row in the Order list carries no step number: its first
step, right under it, has it (t72 #9: the gradient graph's pass read
"1 ▾ gradients of y" then "1 x.grad", two rows numbered 1). Folded, the row
stands for its steps and says where they start."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_forward_mode_gui import hand_mode
from window_helpers import action, answers, tmp_settings, type_formula, window  # noqa: F401


def shown(t, index) -> str:
    """The text the list shows in the # column of ``index``'s row."""
    return str(t.model().index(index.row(), 0, index.parent()).data() or "").replace("▶ ", "")


def test_an_open_group_row_has_no_step_number_a_folded_one_says_where_it_starts(qtbot, window, answers):
    w = window
    answers.save_changes = QMessageBox.StandardButton.Discard  # (the gradient graph replaces y's)
    w.resize(1366, 768)
    hand_mode(w)
    type_formula(qtbot, w, "y = x**3")
    action(w, "gradient_graph").trigger()  # Backward › Build Gradient Graph
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    t = w.backward.order_panel.table
    groups = t.model().group_rows()
    assert groups
    group = groups[0]
    assert t.isExpanded(group)
    first = t.model().index(0, 0, group)
    assert shown(t, group) == "" and shown(t, first) == "1"
    numbers = [shown(t, t.model().index(r, 0)) for r in range(t.model().rowCount())]
    numbers += [shown(t, t.model().index(r, 0, group)) for r in range(t.model().rowCount(group))]
    numbered = [n for n in numbers if n]
    assert len(numbered) == len(set(numbered)), numbers  # (no number on two rows)
    # the user folds it (a click on its arrow): it stands for its steps, numbered from its first
    row = t.visualRect(group)
    arrow = QPoint(t.columnViewportPosition(1) + t.indentation() // 2, row.center().y())
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=arrow)
    QApplication.processEvents()
    assert not t.isExpanded(group)
    assert shown(t, group) == "1"
