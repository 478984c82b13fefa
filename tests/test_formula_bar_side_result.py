"""A side formula typed in the f(x) bar (t70 #8, at 1366×768): after
``y = x**2 + 3*x`` (x = 2) and ``z = y * x``, ``w = x + 1`` took the output
from z unasked (the next Ctrl+B ran on w) and the view zoomed from 94 % to
62 %, where cards lose their port names. A formula becomes the output where
it reads the output, the graph has none, or it brings leaves of its own; one
over the canvas's values only stays a side result, said in the status line,
and the view stays where the new cards are in it. Driven as a user: typing
in the bar, Ctrl+B on the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_formula_bar_name_taken import labelled
from test_formula_bar_replace_read_node import y_then_z
from window_helpers import answers, tmp_settings, type_formula, window  # noqa: F401


def in_view(w, node: str) -> bool:
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    return seen.contains(w.scene.node_item(node).sceneBoundingRect())


def test_a_side_formula_leaves_the_output_and_the_zoom_as_they_were(qtbot, window):
    w = window
    w.resize(1366, 768)
    old = y_then_z(qtbot, w)
    zoom = w.view.zoom
    type_formula(qtbot, w, "w = x + 1", None)
    (side,) = labelled(w, "w")
    assert w.model.output == old["z"], "w took the output from z"
    said = w.status_text()
    assert "w added beside z; z stays the output" in said, said
    assert w.view.zoom == zoom, (zoom, w.view.zoom)
    assert in_view(w, side)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.backward.replay.root == old["z"]  # Backward runs from the teacher's z


def test_a_formula_reading_the_output_becomes_the_output(qtbot, window):
    w = window
    w.resize(1366, 768)
    y_then_z(qtbot, w)
    type_formula(qtbot, w, "L = z * 2", None)
    (L,) = labelled(w, "L")
    assert w.model.output == L and "L is now the output" in w.status_text()
