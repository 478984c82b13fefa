"""The Order list shows whole rows at its top and bottom whatever its
height: a list a part of a row short of its rows had Qt line its last row
up with its bottom at End, the "start" row cut in half under the header
(t72 #11, the lecture's graph at 1366×768 with the Hessian open)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import answers, tmp_settings, window  # noqa: F401


def cut_rows(t) -> list[str]:
    """The rows drawn part in, part out of the list's viewport."""
    m, vp = t.model(), t.viewport().rect()
    out = []
    for r in range(m.rowCount()):
        rect = t.visualRect(m.index(r, 1))
        if rect.intersects(vp) and not vp.contains(rect):
            out.append(f"{m.index(r, 1).data()}: {rect.top()}..{rect.bottom()} of {vp.height()}")
    return out


def blog_pass(qtbot, w) -> None:
    """At 1366×768, the blog's L with Backward by hand: Ctrl+B."""
    w.resize(1366, 768)
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


@pytest.mark.parametrize("short", [30, 37, 45, 52])
def test_the_lists_first_and_last_rows_are_whole_at_each_step(qtbot, window, short):
    w = window
    blog_pass(qtbot, w)
    panel = w.backward.order_panel
    t = panel.table
    dock = w.backward.dock_order
    # the user drags the panel's lower edge up: the list a few rows short of its eight
    w.resizeDocks([dock], [dock.height() - short - t.viewport().height() // 2], Qt.Orientation.Vertical)
    for _ in range(3):
        QApplication.processEvents()
    assert t.verticalScrollBar().maximum() > 0  # (it scrolls)
    for key in [Qt.Key.Key_Right] * 3 + [Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Home]:
        qtbot.keyClick(w.view, key)
        QApplication.processEvents()
        assert cut_rows(t) == [], (key, cut_rows(t))


def test_rows_stay_whole_when_a_narrow_list_shows_its_horizontal_scroll_bar(qtbot, window):
    """Review 72b #3: the rows' height was worked out before the horizontal scroll bar showed
    (the column made narrow: Presentation Mode at 1024×700), and a row lay half under it."""
    w = window
    blog_pass(qtbot, w)
    from test_presentation_mode import toggle_presentation

    toggle_presentation(qtbot, w)  # (its larger text: wider columns)
    t = w.backward.order_panel.table
    dock = w.backward.dock_order
    w.resizeDocks([dock], [200], Qt.Orientation.Horizontal)  # the column dragged as narrow as it goes
    for _ in range(4):
        QApplication.processEvents()
    assert t.horizontalScrollBar().isVisible() and t.verticalScrollBar().maximum() > 0
    for key in [Qt.Key.Key_Right] * 3 + [Qt.Key.Key_End, Qt.Key.Key_Home]:
        qtbot.keyClick(w.view, key)
        for _ in range(3):
            QApplication.processEvents()
        assert cut_rows(t) == [], (key, cut_rows(t))
