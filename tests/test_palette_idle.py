"""Trial 54: the palette kept its last dragged entry (Add) highlighted for the
rest of the session, as if a tool were chosen: once the drag ends (or a
double-click added the node) the list looks idle again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_palette_placing import double_click_palette
from window_helpers import answers, tmp_settings, window  # noqa: F401


def drag_out_of_palette(w, op: str) -> None:
    """Press ``op``'s entry and move the mouse away with the button held, as a user starts a
    drag (offscreen the drag ends at once, as one dropped nowhere), then release it
    over the canvas, where the drag went."""
    lst = w.palette_panel.list
    vp = lst.viewport()
    at = lst.visualItemRect(w.palette_panel.item_for(op)).center()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=at)
    assert [i.data(Qt.ItemDataRole.UserRole + 1) for i in lst.selectedItems()] == [op]  # pressed: marked
    for dx in (4, 40):  # (the drag starts at the second: it ends before any other move)
        p = QPointF(at + QPoint(dx, 0))
        held = Qt.MouseButton.LeftButton
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            p,
            vp.mapToGlobal(p),
            Qt.MouseButton.NoButton,
            held,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(vp, move)
    canvas = w.view.viewport()
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas.rect().center())
    QApplication.processEvents()


def test_a_dragged_entry_is_not_left_highlighted(qtbot, window):
    w = window
    drag_out_of_palette(w, "add")
    assert w.palette_panel.list.selectedItems() == []


def test_a_double_clicked_entry_is_not_left_highlighted(qtbot, window):
    w = window
    double_click_palette(qtbot, w, "mul")
    assert w.palette_panel.list.selectedItems() == []
