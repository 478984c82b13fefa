"""Panning found with the left button alone (a trial, 71 #11: no scroll
bars, a left drag on empty canvas drew a selection box, and nothing said
that the middle button or Space+drag move the view). A box that takes
nothing says how to pan; View › Pan with Left Drag makes a left drag on
empty canvas move the view (Shift+drag still draws a box)."""

from __future__ import annotations

from canvas_helpers import click, drag
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, menu_action, shown_window, tmp_settings, window  # noqa: F401

from gui.common import resources

EMPTY_A, EMPTY_B = QPointF(-600, 500), QPointF(-400, 600)  # below the lecture's graph: no card there


def _open(qtbot, w) -> None:
    shown_window(qtbot, w)
    assert w.open_example(resources.DEFAULT_EXAMPLE)
    w.view.resetTransform()
    w.view.centerOn(-500, 500)
    QApplication.processEvents()


def _centre(w) -> QPointF:
    return w.view.mapToScene(w.view.viewport().rect().center())


def test_a_box_on_empty_canvas_that_takes_nothing_says_how_to_pan(qtbot, window):
    w = window
    _open(qtbot, w)
    before = _centre(w)
    drag(w.view, EMPTY_A, EMPTY_B)  # a left drag on empty canvas: a selection box
    assert w.scene.selectedItems() == [] and _centre(w) == before
    said = w.status_text()
    assert "middle button" in said and "Space" in said and "Pan with Left Drag" in said, said


def test_a_box_that_selects_says_no_pan_hint(qtbot, window):
    w = window
    _open(qtbot, w)
    a = w.scene.node_item("a").sceneBoundingRect()
    drag(w.view, a.topLeft() - QPointF(30, 30), a.center())  # the box takes a
    assert [i.node_id for i in w.scene.selectedItems() if hasattr(i, "node_id")] == ["a"]
    assert "middle button" not in w.status_text()


def test_a_shift_or_ctrl_box_that_takes_nothing_gives_no_pan_hint(qtbot, window):
    """Review 71 #7: a box drawn on purpose (Shift+drag, Ctrl+drag) was told how to pan."""
    w = window
    _open(qtbot, w)
    for mods in (Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier):
        drag(w.view, EMPTY_A, EMPTY_B, mods=mods)
        assert w.scene.selectedItems() == []
        assert "middle button" not in w.status_text(), mods
    drag(w.view, EMPTY_A, EMPTY_B)  # a plain left drag that takes nothing still says it
    assert "middle button" in w.status_text()


def test_view_pan_with_left_drag_moves_the_view_with_the_left_button(qtbot, window):
    w = window
    _open(qtbot, w)
    pan = menu_action(w.menus["view"], "pan_with_left")  # View › Pan with Left Drag
    assert pan.isCheckable() and not pan.isChecked()
    pan.trigger()
    before, a_at = _centre(w), w.model.position("a")
    drag(w.view, EMPTY_B, EMPTY_A)  # left drag on empty canvas: the view moves with it
    after = _centre(w)
    assert (after.x() - before.x(), after.y() - before.y()) == (200, 100)
    assert w.scene.selectedItems() == [] and w.undo_stack.count() == 0 and w.model.position("a") == a_at
    a = w.scene.node_item("a")
    w.view.centerOn(a)
    click(w.view, a.sceneBoundingRect().center())
    assert w.scene.selected_ids() == ["a"]
    start = a.sceneBoundingRect().center()
    drag(w.view, start, start + QPointF(40, 0))  # a drag on a card still moves it
    assert w.model.position("a") != a_at
    click(w.view, EMPTY_A)  # a click on empty canvas still clears the selection
    assert w.scene.selected_ids() == []
    drag(w.view, EMPTY_A, EMPTY_B, mods=Qt.KeyboardModifier.ShiftModifier)  # Shift+drag: a box
    assert "middle button" not in w.status_text()  # (a box asked for: no hint)
    pan.trigger()  # off: the left drag draws a box again
    before = _centre(w)
    drag(w.view, EMPTY_A, EMPTY_B)
    assert _centre(w) == before
