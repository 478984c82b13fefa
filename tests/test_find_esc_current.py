"""Find leaves the current match alone selected when Esc closes it (trial 68
#5): "y" matched six labels of tanh(x*y + x**2) * exp(-y) and left all six
selected, so Esc then Enter or F2 did nothing. Ctrl+Enter closes the bar with
every match still selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_find_open_view import find as find_text
from window_helpers import answers, tmp_settings, type_formula, window  # noqa: F401

Key, Mod = Qt.Key, Qt.KeyboardModifier
FORMULA = "f = tanh(x*y + x**2) * exp(-y); x = 0.5; y = -1.2"


def _formula(qtbot, w) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, Key.Key_N, Mod.ControlModifier)  # File › New (the example unchanged: no question)
    QApplication.processEvents()
    type_formula(qtbot, w, FORMULA, dialogs=False)
    assert len(w.model) > 6


def _leaf(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def test_esc_leaves_the_ringed_match_alone_selected_and_enter_edits_it(qtbot, window):
    w = window
    _formula(qtbot, w)
    y = _leaf(w, "y")
    bar = find_text(qtbot, w, "y")
    assert bar.count.text() == "1 of 6"
    assert len(w.scene.selected_ids()) == 6  # while the bar is open, every match is selected
    assert w.navigation.find.matches[w.navigation.find.current] == y
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is w.view
    assert w.scene.selected_ids() == [y]
    qtbot.keyClick(w.view, Key.Key_Return)  # edits the value of the one selected leaf
    QApplication.processEvents()
    ed = w.interaction.inline_editor
    assert ed is not None and ed.hasFocus()
    ed.selectAll()
    qtbot.keyClicks(ed, "2")
    qtbot.keyClick(ed, Key.Key_Return)
    QApplication.processEvents()
    assert w.model.value(y) == 2.0


def test_after_enter_cycled_esc_selects_the_match_then_ringed_and_f2_renames_it(qtbot, window):
    w = window
    _formula(qtbot, w)
    bar = find_text(qtbot, w, "y")
    qtbot.keyClick(bar.edit, Key.Key_Return)  # 2 of 6
    find = w.navigation.find
    second = find.matches[find.current]
    assert bar.count.text() == "2 of 6"
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    assert w.scene.selected_ids() == [second]
    qtbot.keyClick(w.view, Key.Key_F2)
    QApplication.processEvents()
    assert w.interaction.inline_editor is not None and w.interaction.inline_editor.hasFocus()


def test_ctrl_enter_closes_the_bar_with_every_match_selected(qtbot, window):
    w = window
    _formula(qtbot, w)
    bar = find_text(qtbot, w, "y")
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.ControlModifier)
    assert not bar.isVisible() and QApplication.focusWidget() is w.view
    assert sorted(w.scene.selected_ids()) == sorted(w.navigation.find.matches)
    assert len(w.scene.selected_ids()) == 6


def test_a_selection_changed_by_hand_is_left_as_it_is(qtbot, window):
    w = window
    _formula(qtbot, w)
    bar = find_text(qtbot, w, "y")
    x = _leaf(w, "x")
    w.scene.select_ids([x])  # (a click on another card while the bar is open)
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    assert w.scene.selected_ids() == [x]
