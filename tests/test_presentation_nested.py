"""Review 62 #1, #2: Presentation Mode scales the window's dialogs and menus where the window is
told of them (MainWindow.childEvent), but a question a dialog asks over itself (Import Code's
"name already on the canvas?", its parent the Import Code dialog) and the canvas menu's submenus
("Add ›", each a window of its own, a child of that menu) were not: 12 px beside 18 px."""

from __future__ import annotations

from name_question import answer_names
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent, QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox
from test_import_code_choices import untouched_example
from test_import_code_nn import LEFT, open_import_dialog
from test_presentation_mode import toggle_presentation
from test_presentation_tag_menus import step_3_at_1280
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401


def px(widget) -> int:
    return QFontInfo(widget.font()).pixelSize()


def test_the_name_question_over_import_code_is_as_large_as_the_panels(qtbot, window):
    w = window
    w.resize(1400, 900)
    untouched_example(w)
    usual = px(w.statusBar())
    menu_action(w.menus["view"], "presentation").trigger()
    QApplication.processEvents()
    assert px(w.statusBar()) >= round(usual * 1.4)
    dlg = open_import_dialog(qtbot, w)
    assert px(dlg) >= round(usual * 1.4)  # the Import Code dialog: the window's child
    qtbot.mouseClick(dlg.example_button, LEFT)  # its names are on the canvas already
    sizes: dict = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            sizes["box"], sizes["parent"] = px(box), box.parentWidget()
            sizes["text"] = min(px(label) for label in box.findChildren(QLabel) if label.text())
        else:
            peek.start()

    peek = QTimer(w, singleShot=True, interval=20)
    peek.timeout.connect(look)
    peek.start()
    timer = answer_names(w, None, {})
    qtbot.mouseClick(dlg.ok, LEFT)
    timer.stop()
    assert sizes["parent"] is dlg  # (asked over Import Code, not over the window)
    assert sizes["box"] >= round(usual * 1.4) and sizes["text"] >= round(usual * 1.4), (usual, sizes)


def _menu_and_submenus_px(w) -> tuple[int, list[int]]:
    """Right-click on the empty canvas: the menu's font size and its submenus'."""
    seen: list = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and menu.objectName() == "canvas_context_menu"
        seen.append((px(menu), [px(a.menu()) for a in menu.actions() if a.menu()]))
        menu.close()

    QTimer.singleShot(200, read_and_close)
    view = w.view
    p = QPoint(8, view.viewport().height() - 8)  # (beside the cards)
    assert not w.scene.node_items_in(view.mapToScene(p.x() - 2, p.y() - 2, 4, 4).boundingRect())
    ev = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, view.viewport().mapToGlobal(p))
    QApplication.sendEvent(view.viewport(), ev)
    assert len(seen) == 1
    return seen[0]


def test_the_canvas_menus_submenus_follow_the_mode_and_come_back(qtbot, window, tmp_path):
    w = window
    step_3_at_1280(qtbot, w, tmp_path)
    usual, subs = _menu_and_submenus_px(w)
    assert subs and set(subs) == {usual}  # (Add ›)
    toggle_presentation(qtbot, w)
    large, subs_large = _menu_and_submenus_px(w)
    assert large >= 1.45 * usual and all(s >= 1.45 * usual for s in subs_large), (usual, large, subs_large)
    toggle_presentation(qtbot, w)
    assert _menu_and_submenus_px(w) == (usual, subs)
