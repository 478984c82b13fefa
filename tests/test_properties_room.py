"""Properties gets the room its form needs from the panel under it, while
that panel keeps what it shows whole (a trial, 71 #12: beside the Tutorial
at 1600×1000, a Multiply's form was cut at its Gradient row under a scroll
bar while the Tutorial under it had blank room). What a learner clicks in
the Tutorial stays where it was."""

from __future__ import annotations

from canvas_helpers import click as canvas_click
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea
from test_tutorial_gui import COL, click, drop, open_tutorial, place_leaf, settle, title
from window_helpers import answers, shown_window, tmp_settings, window  # noqa: F401


def _bottom_in_view(w, label) -> bool:
    """Whether ``label``'s last line is inside the Properties panel's visible area."""
    vp = w.properties.findChild(QScrollArea).viewport()
    bottom = label.mapTo(vp, QPoint(0, label.height() - 1)).y()
    return label.isVisible() and bottom < vp.height()


def test_a_multiply_selected_beside_the_tutorial_shows_its_gradient_row(qtbot, window):
    w = window
    shown_window(qtbot, w)
    open_tutorial(qtbot, w)
    panel = w.tutorial.panel
    if title(w) == "Start on an empty canvas":
        click(qtbot, panel.action_button)  # "New empty graph"
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    place_leaf(qtbot, w, "a = 2", COL[0], -60)
    place_leaf(qtbot, w, "b = -3", COL[0], 60)
    assert title(w) == "Multiply: e = a·b"
    qtbot.wait(1700)  # (the Tutorial has fitted its page)
    settle()
    skip = panel.next_button.mapTo(w, QPoint(0, 0))
    words = panel.text.mapTo(w, QPoint(0, panel.text.height()))
    e = drop(w, "mul", COL[1], 0)
    canvas_click(w.view, w.scene.node_item(e).sceneBoundingRect().center())
    for _ in range(5):
        qtbot.wait(50)
        settle()
    assert w.properties.node_id == e
    assert _bottom_in_view(w, w.properties.grad_label), w.properties_dock.height()
    assert _bottom_in_view(w, w.properties.inputs_label), w.properties_dock.height()
    assert panel.hidden_height() == 0  # the Tutorial's page still whole
    assert panel.next_button.mapTo(w, QPoint(0, 0)) == skip  # Back / Skip / Close where they were
    assert panel.text.mapTo(w, QPoint(0, panel.text.height())) == words  # the step's words too
