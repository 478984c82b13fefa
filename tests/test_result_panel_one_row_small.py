"""Review 72b #4: the vanishing example at 1024×700 with Gradient Flow, the
Hessian and Forward vs Reverse open, in Presentation Mode. The comparison's
table showed half a row under its header (a 16 px view of 30 px rows), and
in a pass, under the banner, the panel was squeezed to its least height:
20 px of table, its header cut and no row. The bottom row's least height now
counts the table's header and one whole row (over its sideways scroll bar),
the words above it giving way first, then the button going beside the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget
from test_gradient_flow import open_example, turn_on
from test_presentation_mode import press, settle, toggle_presentation
from window_helpers import answers, menu_action, step_by_hand, tmp_settings, window  # noqa: F401


def _rows_whole(t: QTableWidget) -> None:
    """The table's header whole and at least one row, none cut."""
    assert t.isVisible() and t.rowCount() > 1
    header = t.horizontalHeader()
    assert header.height() >= header.sizeHint().height()  # (its header not cut)
    row, seen = t.rowHeight(0), t.viewport().height()
    assert seen >= row, (seen, row)  # a whole row at least
    assert seen % row == 0 or seen >= sum(t.rowHeight(i) for i in range(t.rowCount())), (seen, row)
    panel = t.parentWidget()
    button = next(b for b in panel.findChildren(QPushButton) if b.text() == "Compare")
    assert button.isVisible() and not button.geometry().intersects(t.geometry())  # (its Compare too)
    assert panel.rect().contains(button.geometry()) and panel.rect().contains(t.geometry())


def test_the_comparison_keeps_its_header_and_a_whole_row_at_1024(qtbot, window):
    w = window
    w.resize(1024, 700)
    settle()
    turn_on(w)
    open_example(w, "vanishing_tanh")
    settle()
    for name in ("hessian", "compare_modes"):
        menu_action(w.menus["backward"], name).trigger()
        for _ in range(2):
            settle()
    for _ in range(2):
        settle()
    toggle_presentation(qtbot, w)
    for _ in range(3):
        settle()
    assert w.presentation.on
    table = w.backward.forward.panel.table
    _rows_whole(table)  # (half of row "x" under the header)
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        press(qtbot, w, Qt.Key.Key_Right)
    settle()
    assert w.backward.animator.pos > 0 and w.backward.narration.isVisible()
    _rows_whole(table)  # (under the pass's banner: 20 px, the header cut, no row)
    assert w.view.shows_whole() or w.view.zoom > 0.3  # (the canvas keeps room for the pass)
