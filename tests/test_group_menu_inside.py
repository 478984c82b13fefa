"""A right-click on the empty canvas inside an open group's frame (issue
10; a new user's trial): only the canvas's menu came up, the group's
actions were on its name tab alone. The canvas menu now ends with a
submenu for each group around the spot, named after it, the innermost
first, with the tab's entries (Collapse, Rename…, Ungroup, Select Its Nodes)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_group_menus import right_click
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401


def _empty_spot(w, gid: str) -> QPointF:
    """A spot inside ``gid``'s frame, below its tab, with no card, wire or tab under it."""
    sc = w.scene
    r = sc.folding.frame(gid).outline()
    for i in range(1, 40):
        for j in range(1, 40):
            p = QPointF(r.left() + r.width() * i / 40, r.top() + 40 + (r.height() - 40) * j / 40)
            if sc.node_at(p) is None and sc.wire_at(p) is None and sc.folding.at(p) is None:
                return p
    raise AssertionError("no empty spot in the frame")


def test_right_click_inside_an_open_groups_frame_offers_its_actions(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # Expand All
    QApplication.processEvents()
    m = w.model
    inner = next(g.id for g in m.groups if g.label == "neuron 1.1 [1]")
    outer = m.groups.get(inner).parent
    assert outer is not None and m.groups.get(outer).label == "layer 1 [1]"
    w.view.set_zoom(1.0, center=w.scene.folding.frame(inner).outline().center())
    QApplication.processEvents()
    at = _empty_spot(w, inner)
    w.scene.clearSelection()
    seen = right_click(qtbot, w, at)
    assert "ctx_add/ctx_add_leaf" in seen and "ctx_paste" in seen  # the canvas's menu, still
    for entry in ("collapse", "rename", "ungroup", "select"):
        assert f"ctx_group/ctx_group_{entry}" in seen, entry  # the innermost group's
        assert f"ctx_group_outer/ctx_group_{entry}" in seen, entry  # and the one around it
    menu_titles = _submenu_titles(qtbot, w, at)
    assert menu_titles[:2] == ["Group “neuron 1.1 [1]”", "Group “layer 1 [1]”"]
    assert not w.scene.selected_ids()  # a right-click on the canvas selects nothing
    _choose_in_submenu(qtbot, w, at, "ctx_group_collapse")
    assert m.groups.get(inner).collapsed and not m.groups.get(outer).collapsed


def _submenu_titles(qtbot, w, at: QPointF) -> list[str]:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    titles: list[str] = []

    def read():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        titles.extend(a.text() for a in menu.actions() if a.menu() is not None and a.text() != "Add")
        menu.close()

    QTimer.singleShot(150, read)
    vp = w.view.viewport()
    p = w.view.mapFromScene(at)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, vp.mapToGlobal(p)))
    QApplication.processEvents()
    return titles


def _choose_in_submenu(qtbot, w, at: QPointF, name: str) -> None:
    """Right-click at ``at``, open the innermost group's submenu with the keys, choose ``name``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    def open_sub():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (sub,) = [a for a in menu.actions() if a.menu() is not None and a.menu().objectName() == "ctx_group"]
        menu.setActiveAction(sub)
        qtbot.keyClick(menu, Qt.Key.Key_Right)
        QTimer.singleShot(100, choose)

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and menu.objectName() == "ctx_group"
        (a,) = [a for a in menu.actions() if a.objectName() == name]
        menu.setActiveAction(a)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(150, open_sub)
    vp = w.view.viewport()
    p = w.view.mapFromScene(at)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, vp.mapToGlobal(p)))
    QApplication.processEvents()
    qtbot.wait(300)
