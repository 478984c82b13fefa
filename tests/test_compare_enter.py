"""Forward vs Reverse: Enter on a selected row starts that leaf's forward
pass, as a double-click does (trial 68 #9: a selected row and Enter did nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401


def test_enter_on_a_row_starts_its_leafs_forward_pass(window, qtbot):
    w = window
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()
    menu_action(w.menus["backward"], "compare_modes").trigger()
    QApplication.processEvents()
    t = w.backward.forward.panel.table
    assert t.rowCount() == 5
    t.setFocus()
    qtbot.keyClick(t, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # the first row
    qtbot.keyClick(t, Qt.Key.Key_Down)  # the second
    assert t.currentRow() == 1 and t.item(1, 0).isSelected()
    leaf = t.item(1, 0).data(Qt.ItemDataRole.UserRole)
    assert w.backward.replay is None  # no pass yet
    qtbot.keyClick(t, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.backward.replay.wrt == leaf
    # the keypad's Enter on another row too
    qtbot.keyClick(t, Qt.Key.Key_Down)
    other = t.item(2, 0).data(Qt.ItemDataRole.UserRole)
    t.setFocus()
    qtbot.keyClick(t, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    QApplication.processEvents()
    assert w.backward.replay.wrt == other
