"""The Hessian and Forward vs Reverse tables with the keys alone (trial 72 #2):
F6 stopped in the words beside them, with no frame, and neither table could be
reached, so Down, Up and Ctrl+C did nothing. F6 now gives each open result
panel's keys to its table, framed while it has them; the arrows move its current
cell and Ctrl+C copies the whole table, or the cells selected; Esc goes back to
the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QTableWidget, QWidget
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.common import style as S

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _on_canvas(w) -> bool:
    f = QApplication.focusWidget()
    return f is w.view or (f is not None and w.view.isAncestorOf(f))


def _round(qtbot, w) -> list[QWidget]:
    """F6 from the canvas till the keys are back there: where they went."""
    w.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view, timeout=2000)
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        if _on_canvas(w):
            return seen
        seen.append(QApplication.focusWidget())
    raise AssertionError(f"F6 never came back to the canvas: {[x.objectName() for x in seen]}")


def _f6_to(qtbot, w, widget) -> None:
    seen = _round(qtbot, w)
    assert widget in seen, [x.objectName() for x in seen]
    w.view.setFocus()
    for _ in range(seen.index(widget) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is widget


def _ring_drawn(w, widget) -> bool:
    """A frame in the selection colour is seen round ``widget`` in the window's picture."""
    img = w.grab().toImage()
    dpr = img.devicePixelRatio()
    tl = widget.mapTo(w, widget.rect().topLeft())
    mid_x, mid_y = tl.x() + widget.width() // 2, tl.y() + widget.height() // 2
    edges = [(tl.x(), mid_y), (mid_x, tl.y()), (tl.x() + widget.width() - 1, mid_y)]
    return all(img.pixelColor(int(x * dpr), int(y * dpr)).name() == S.SELECT.name() for x, y in edges)


def _copied(qtbot, widget) -> list[list[str]]:
    QApplication.clipboard().setText("nothing copied")
    qtbot.keyClick(widget, Qt.Key.Key_C, CTRL)
    return [line.split("\t") for line in QApplication.clipboard().text().splitlines()]


def _check_table(qtbot, w, table: QTableWidget, words: QScrollArea) -> None:
    rows, cols = table.rowCount(), table.columnCount()
    assert rows >= 2
    seen = _round(qtbot, w)
    assert table in seen and words not in seen, [x.objectName() for x in seen]
    assert not _ring_drawn(w, table)
    _f6_to(qtbot, w, table)
    assert _ring_drawn(w, table), table.objectName()  # seen to have the keys
    # nothing selected yet: Ctrl+C copies the whole table, with its names
    whole = _copied(qtbot, table)
    assert len(whole) == rows + 1 and all(len(line) >= cols for line in whole), whole
    # Down, Down, Up: the current cell moves, and Ctrl+C copies that cell under its column's name
    start = table.currentRow()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentRow() == max(start, 0) + 1
    row = table.currentRow()
    one = _copied(qtbot, table)
    assert len(one) == 2, one  # the names of the columns and the one row selected
    assert one[1][0] == whole[row + 1][0] and set(one[1]) <= set(whole[row + 1]), (one, whole)
    rows_whole = table.selectionBehavior() == table.SelectionBehavior.SelectRows  # (Forward vs Reverse)
    assert len(one[1]) < len(whole[row + 1]) or rows_whole  # (the Hessian: one cell)
    # Shift+Down selects a second row too
    qtbot.keyClick(table, Qt.Key.Key_Down, SHIFT)
    assert len(_copied(qtbot, table)) == 3
    qtbot.keyClick(table, Qt.Key.Key_Escape)  # the keys back to the canvas, the frame gone
    assert _on_canvas(w)
    assert not _ring_drawn(w, table)


def test_f6_reaches_the_hessian_table_and_its_keys_work(qtbot, window):
    w = window
    w.resize(1366, 768)
    open_blog_example(w)  # File › Examples: the lecture's L = (a*b + c) * f
    fm = w.backward.forward
    fm.action_hessian.trigger()  # Backward › Show Hessian: the start-up example's, by itself
    table = w.findChild(QTableWidget, "hessian_table")
    qtbot.waitUntil(lambda: table.rowCount() >= 2 and table.isVisible(), timeout=3000)
    _check_table(qtbot, w, table, w.findChild(QScrollArea, "hessian_summary_scroll"))


def test_f6_reaches_the_forward_vs_reverse_table_and_its_keys_work(qtbot, window):
    w = window
    w.resize(1366, 768)
    open_blog_example(w)  # File › Examples: the lecture's L = (a*b + c) * f
    fm = w.backward.forward
    fm.action_hessian.trigger()  # (both open under the canvas, as in the trial)
    fm.action_compare.trigger()  # Backward › Compare Forward and Reverse
    table = w.findChild(QTableWidget, "comparison_table")
    qtbot.waitUntil(lambda: table.rowCount() >= 2 and table.isVisible(), timeout=3000)
    _check_table(qtbot, w, table, w.findChild(QScrollArea, "comparison_summary_scroll"))


def test_a_result_panel_with_no_table_is_a_framed_stop_at_its_words(qtbot, window):
    """Before Compare is pressed the panel has words and no rows: F6 stops in the
    words, framed (they scroll with the arrows), and Esc goes back to the canvas."""
    w = window
    w.resize(1366, 768)
    fm = w.backward.forward
    fm.dock.show()  # View › Panels › Forward vs Reverse, not yet compared
    fm.dock.raise_()
    QApplication.processEvents()
    assert w.findChild(QTableWidget, "comparison_table").rowCount() == 0
    words = w.findChild(QScrollArea, "comparison_summary_scroll")
    _f6_to(qtbot, w, words)
    assert _ring_drawn(w, words)
    qtbot.keyClick(words, Qt.Key.Key_Escape)
    assert _on_canvas(w)
