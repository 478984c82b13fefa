"""View › Panels shows each panel's entry with a check box, ticked while it is
open (trial 72 #11: the Code entry showed the toolbar's icon instead, so the
menu could not say whether the Code panel was open). The icon stays on the
toolbar's Code button."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QToolButton
from window_helpers import answers, tmp_settings, window  # noqa: F401


def _open_panels_menu(qtbot, w):
    """View › Panels opened as the keys open it (Alt+V, then P)."""
    menu = w.docks_menu
    w.menus["view"].popup(w.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(w.menus["view"].isVisible, timeout=2000)
    qtbot.keyClick(w.menus["view"], Qt.Key.Key_P)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def _mark(menu, name: str) -> QImage:
    """The picture of the entry ``name``'s check column: a square at its left, before its words."""
    (act,) = [a for a in menu.actions() if a.objectName() == name]
    r = menu.actionGeometry(act)
    return menu.grab(r).toImage().copy(0, 0, r.height(), r.height())


def test_the_code_panel_entry_is_ticked_as_the_others_are(qtbot, window):
    w = window
    code_dock = w.code_panel.dock
    for shown in (True, False):
        code_dock.setVisible(shown)
        w.history_dock.setVisible(shown)  # (a panel with no icon: the look of its entry)
        QApplication.processEvents()
        menu = _open_panels_menu(qtbot, w)
        acts = {a.objectName(): a for a in menu.actions()}
        code = acts[f"action_toggle_{code_dock.objectName()}"]
        other = acts[f"action_toggle_{w.history_dock.objectName()}"]
        assert code.isCheckable() and code.isChecked() == shown
        assert _mark(menu, code.objectName()) == _mark(menu, other.objectName()), f"open: {shown}"
        menu.close()
        w.menus["view"].close()
    # the toolbar's Code button keeps its icon
    button = w.toolbar.widgetForAction(w.code_panel.show_action)
    assert isinstance(button, QToolButton) and not button.icon().isNull()
