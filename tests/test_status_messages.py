"""Trial 58 #10: a status-bar message too long for the bar ended in "…" and
only a tooltip held the rest. Now "More…" beside a cut message (or a click on
the line) opens a popup with the message whole, wrapped, and the messages
said before it, newest first; the bar stays one line tall."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from window_helpers import Button, answers, menu_action, tmp_settings, trigger, type_formula, window  # noqa: F401


def _long_message(qtbot, w, answers) -> str:
    """Build Gradient Graph on a graph typed in the f(x) bar, in a 1000 px window:
    its message ("… z.grad is also …") is longer than the bar."""
    w.showNormal()
    w.resize(1000, 700)
    qtbot.waitExposed(w)
    type_formula(qtbot, w, "x = Value(2.0); y = Value(-1.5); z = x**3*y + tanh(x*y)", dialogs=False)
    answers.save_changes = Button.Discard
    menu_action(w.menus["backward"], "gradient_graph").trigger()
    QApplication.processEvents()
    return w.status_text()


def _popup(w):
    popup = w.status_line.popup
    assert popup is not None and popup.isVisible()
    return popup


def test_more_opens_the_whole_message_and_the_ones_before(qtbot, window, answers):
    w = window
    said = _long_message(qtbot, w, answers)
    label = w.status_line.hint_label
    assert label.text().endswith("…") and label.text()[:-1] != said  # (the case: cut on the bar)
    more = w.statusBar().findChild(QLabel, "status_more")
    assert more is not None and more.isVisible()
    # still one line, as tall as its text (a button made it 4 px taller: a 768 px screen's column lost them)
    assert more.sizeHint().height() <= label.sizeHint().height()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    popup = _popup(w)
    text = popup.plain()
    assert said in text.replace("\n", " "), text  # whole
    assert "Earlier messages, newest first:" in text
    earlier = text.split("Earlier messages, newest first:")[1]
    assert "Each gradient is a node now" not in earlier  # (the one on the bar is not listed twice)
    # over the bar, as wide as the window allows, on screen
    assert popup.geometry().bottom() <= label.mapToGlobal(QPoint(0, 0)).y()
    assert popup.width() <= w.width()
    qtbot.keyClick(popup.text, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_a_click_on_the_line_lists_what_was_said_newest_first(qtbot, window, answers):
    w = window
    said = _long_message(qtbot, w, answers)
    trigger(w, "select_all")
    trigger(w, "delete")  # Edit › Delete: "Deleted 15 nodes …"
    undid = w.status_text()
    assert undid.startswith("Deleted"), undid
    label = w.status_line.hint_label
    more = w.statusBar().findChild(QLabel, "status_more")
    assert more.isVisible() == label.text().endswith("…")  # (More only beside a cut message)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(10, label.height() // 2))
    text = _popup(w).plain().replace("\n", " ")
    assert text.startswith(undid), text
    assert text.index(said) > text.index("Earlier messages")  # the gradient graph's, whole, below


def test_the_keyboard_opens_the_messages_too(qtbot, window, answers):
    """View › Status Messages… (Ctrl+Shift+M): the popup without the mouse (review 59)."""
    w = window
    said = _long_message(qtbot, w, answers)
    assert menu_action(w.menus["view"], "status_messages") is not None  # listed in the View menu
    w.view.setFocus()
    qtbot.keyClick(
        w.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    popup = _popup(w)
    assert said in popup.plain().replace("\n", " ")
    qtbot.keyClick(popup.text, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_opening_the_messages_again_and_again_keeps_one_popup(qtbot, window, answers):
    """Each Ctrl+Shift+M made a new popup and left the last one alive (review 59): one, its text anew."""
    from gui.window.status_log import MessagePopup

    w = window
    _long_message(qtbot, w, answers)
    for i in range(4):
        w.status_line.say(f"message {i}")
        w.view.setFocus()
        qtbot.keyClick(
            w.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        assert f"message {i}" in _popup(w).plain().lower()
        qtbot.keyClick(_popup(w).text, Qt.Key.Key_Escape)
    assert len(w.status_line.hint_label.findChildren(MessagePopup)) == 1
