"""A toolbar button's status tip never hides what the user's click just did
(a trial, 71 #12: after Save, with the mouse still on the Save button, the
bar said "Save the graph" instead of "Saved …"; after Edit › Undo over a
toolbar button, the button's tip hid "Undid …")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolBar
from test_status_after_edits import _click_card, _key
from window_helpers import action, answers, shown_window, tmp_settings, window  # noqa: F401

from gui.common import resources


def _button(w, name: str):
    tb = w.findChild(QToolBar, "toolbar_main")
    return tb.widgetForAction(action(w, name))


def _shown(w) -> str:
    """What the bar shows now: its temporary message (a status tip) or the line's label."""
    bar = w.statusBar()
    return bar.currentMessage() or w.status_line.hint_label.text()


def _hover(qtbot, button) -> None:
    qtbot.mouseMove(button, button.rect().center())
    QApplication.processEvents()


def test_saving_with_the_mouse_on_save_says_saved(qtbot, window, answers, tmp_path):
    w = window
    shown_window(qtbot, w)
    assert w.open_example(resources.DEFAULT_EXAMPLE)
    answers.save_path = str(tmp_path / "mine.mgraph")
    save = _button(w, "save")
    _hover(qtbot, save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    _hover(qtbot, save)  # still on the button (the save dialog closed: it is entered again)
    qtbot.mouseMove(save, save.rect().center() + QPoint(1, 0))
    QApplication.processEvents()
    assert (tmp_path / "mine.mgraph").exists()
    assert _shown(w).startswith("Saved"), _shown(w)
    assert w.status_line.hint_label.isVisible()


def test_undo_from_a_menu_over_a_toolbar_button_says_what_it_undid(qtbot, window):
    w = window
    shown_window(qtbot, w)
    assert w.open_example(resources.DEFAULT_EXAMPLE)
    QApplication.processEvents()
    _click_card(w, next(n for n in w.model.nodes() if w.model.label(n) == "a"))
    _key(qtbot, w, Qt.Key.Key_Delete)
    assert not any(w.model.label(n) == "a" for n in w.model.nodes())
    undo = _button(w, "undo")
    _hover(qtbot, undo)
    action(w, "undo").trigger()  # (Edit › Undo: the menu closes with the mouse over a button)
    QApplication.processEvents()
    leave = _button(w, "fit")
    _hover(qtbot, leave)  # the mouse comes to rest on another button
    assert any(w.model.label(n) == "a" for n in w.model.nodes())
    assert _shown(w).startswith("Undid"), _shown(w)
