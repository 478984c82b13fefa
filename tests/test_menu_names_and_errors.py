"""Names and error boxes as a desktop app has them (issue 10; a new user's
trial): the canvas's right-click menu said "Select all" and "Auto layout"
where the main menus say "Select All" and "Auto Layout"; File › Open's
error boxes had no title a user could see (no window title bar on some
desktops, and nothing in the box said what failed) and the style's icon on
their OK button."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

from gui.window.file_questions import FileQuestions
from gui.window.main_window import MainWindow

_WARNING = QMessageBox.warning  # (before the tests' answers replace it)


def test_the_canvas_menu_names_its_actions_as_the_main_menus_do(qtbot, window):
    w = window
    w.resize(1200, 800)
    texts: dict[str, str] = {}

    def record():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts.update({a.objectName(): a.text() for a in menu.actions()})
        menu.close()

    QTimer.singleShot(150, record)
    vp = w.view.viewport()
    p = vp.rect().center()  # a right-click on the empty canvas
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, vp.mapToGlobal(p)))
    QApplication.processEvents()
    main = {"ctx_select_all": action(w, "select_all"), "ctx_layout": action(w, "layout")}
    for name, act in main.items():
        assert texts[name] == act.text().replace("&", ""), (texts[name], act.text())


def test_a_file_that_does_not_open_says_so_in_a_titled_box_with_a_plain_ok(
    qtbot, window, answers, tmp_path, monkeypatch
):
    w = window
    # the real box, as a user sees it (not the one the tests' answers record)
    monkeypatch.setattr(QMessageBox, "warning", _WARNING)
    monkeypatch.setattr(MainWindow, "_error_box", vars(FileQuestions).get("_error_box"), raising=False)
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [\n}', "utf-8")
    answers.open_path = str(bad)
    seen: dict[str, object] = {}

    def look():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["info"] = box.informativeText()
        buttons = box.findChildren(QPushButton)
        seen["buttons"] = [(b.text(), b.icon().isNull()) for b in buttons if b.isVisible()]
        box.defaultButton().click()

    QTimer.singleShot(200, look)
    action(w, "open").trigger()  # File › Open
    QApplication.processEvents()
    assert seen, "no error box"
    assert seen["title"] == "Can't open “bad.json”"
    assert "Can't open “bad.json”" in str(seen["text"])  # its first line says what failed
    assert "not valid JSON" in str(seen["text"])
    assert seen["buttons"] == [("OK", True)]  # a plain OK: no icon on it
