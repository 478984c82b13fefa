"""The Hessian panel copies every digit (trial 68 #9): Ctrl+C on a cell, and
Ctrl+A then Ctrl+C on the table, gave the four-digit display values
("-5.757"); a spreadsheet gets each float's repr now. The Forward vs Reverse
table's numbers too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401

from core.graph.backward import backward
from core.graph.hessian import hessian

CTRL = Qt.KeyboardModifier.ControlModifier


def _neuron_hessian(qtbot, w):
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    menu_action(w.menus["backward"], "hessian").trigger()
    QApplication.processEvents()
    t = w.backward.forward.hessian_panel.table
    t.setFocus()
    qtbot.waitUntil(t.hasFocus, timeout=2000)
    return t


def test_ctrl_a_ctrl_c_copies_the_whole_table_with_every_digit(window, qtbot):
    w = window
    t = _neuron_hessian(qtbot, w)
    want = hessian(w.model)
    QApplication.clipboard().clear()
    qtbot.keyClick(t, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(t, Qt.Key.Key_C, CTRL)
    lines = [line.split("\t") for line in QApplication.clipboard().text().splitlines()]
    names = [w.model.label(x) for x in want.leaves]
    assert lines[0][2:] == names
    for i, row in enumerate(lines[1:]):
        assert row[0] == names[i]
        assert row[1] == repr(want.gradient[i] + 0.0)
        assert row[2:] == [repr(v + 0.0) for v in want.hessian[i]]
    # not the four digits shown: at least one number has more
    assert any(len(c.lstrip("-")) > 6 for row in lines[1:] for c in row[1:])


def test_ctrl_c_on_one_cell_copies_its_every_digit(window, qtbot):
    w = window
    t = _neuron_hessian(qtbot, w)
    want = hessian(w.model)
    qtbot.keyClick(t, Qt.Key.Key_Home, CTRL)  # the first row's gradient
    qtbot.keyClick(t, Qt.Key.Key_Right)  # its first second derivative
    n = len(want.leaves)
    i, j = next((i, j) for i in range(n) for j in range(n) if len(repr(want.hessian[i][j])) > 8)
    for _ in range(j):
        qtbot.keyClick(t, Qt.Key.Key_Right)
    for _ in range(i):
        qtbot.keyClick(t, Qt.Key.Key_Down)
    assert (t.currentRow(), t.currentColumn()) == (i, j + 1)
    qtbot.keyClick(t, Qt.Key.Key_C, CTRL)
    name = [w.model.label(x) for x in want.leaves]
    assert QApplication.clipboard().text() == f"\t{name[j]}\n{name[i]}\t{repr(want.hessian[i][j] + 0.0)}\n"
    assert t.item(i, j + 1).text() != repr(want.hessian[i][j])  # (the cell shows it rounded)


def test_the_comparison_copies_its_numbers_whole_too(window, qtbot):
    w = window
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    menu_action(w.menus["backward"], "compare_modes").trigger()
    QApplication.processEvents()
    c = w.backward.forward.panel.table
    c.setFocus()
    qtbot.keyClick(c, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(c, Qt.Key.Key_C, CTRL)
    grads = backward(w.model).grads
    rows = [line.split("\t") for line in QApplication.clipboard().text().splitlines()[1:]]
    for r, row in enumerate(rows):
        leaf = c.item(r, 0).data(Qt.ItemDataRole.UserRole)
        assert row[2] == repr(grads[leaf] + 0.0)
