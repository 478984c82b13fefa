"""The group name dialog opens beside the cards it names (trial 44 #14:
Ctrl+G's dialog, centred on the window, half covered the selection on the
lecture's graph)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from test_forward_mode_gui import open_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.groups.dialog_spot import spot


def on_screen(w, item) -> QRect:
    vp = w.view.viewport()
    box = w.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    return QRect(vp.mapToGlobal(box.topLeft()), box.size())


def test_ctrl_g_asks_for_the_name_beside_the_selection_not_over_it(qtbot, window):
    w = window
    w.resize(1600, 1000)
    qtbot.waitExposed(w)
    open_example(w, "blog_L")
    picked = ["a", "b", "c", "e"]  # the trial's part1
    w.scene.select_ids(picked)
    QApplication.processEvents()
    cards = {n: on_screen(w, w.scene.node_item(n)) for n in w.model.nodes()}
    seen: dict[str, QRect] = {}

    def answer():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QInputDialog) and dlg.objectName() == "group_name_dialog"
        seen["dialog"] = dlg.frameGeometry()
        focus = QApplication.focusWidget()
        qtbot.keyClicks(focus, "part1")
        qtbot.keyClick(focus, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # Graph › Group…
    QApplication.processEvents()
    assert [g.label for g in w.model.groups] == ["part1"]
    box = seen["dialog"]
    over = [n for n, r in cards.items() if r.intersects(box)]
    assert not [n for n in over if n in picked], (box, over)  # the selection in sight
    assert not over, (box, over)  # (here, with room: no card under it at all)
    vp = w.view.viewport()
    assert QRect(vp.mapToGlobal(QPoint(0, 0)), vp.size()).contains(box)  # over the canvas, not off it


def test_with_no_room_beside_it_the_dialog_takes_a_corner_clear_of_the_selection():
    area = QRect(0, 0, 800, 600)
    sel = QRect(100, 250, 650, 300)  # most of the canvas selected: room above it only
    p = spot(QSize(220, 110), area, sel, [QRect(290, 60, 130, 64)])  # a card above, in the middle
    assert p is not None
    box = QRect(p, QSize(220, 110))
    assert area.contains(box) and not box.intersects(sel)
    assert not box.intersects(QRect(290, 60, 130, 64))  # the free corner, not over the other card
    assert spot(QSize(220, 110), area, QRect(0, 0, 800, 600), []) is None  # all of it selected: Qt's place
