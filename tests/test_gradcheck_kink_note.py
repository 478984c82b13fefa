"""Gradient Check's note on a kink (trial 75 #9): for y = relu(x*w) at x = 0
the row's "✗ not differentiable at x = 0: the slopes on its left and right
differ (0 and 2), and t…" ran off the dock's right edge at 1280 × 800, read
only by scrolling the table sideways. Now the mark column keeps its mark
and the note is written whole, wrapped, under the table (and in the mark's
tooltip)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, tmp_settings, trigger, window  # noqa: F401

from core.graph.model import GraphModel


def _relu_at_zero() -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x", label="x", value=0.0, x=-200, y=-60)
    m.add_node("leaf", "w", label="w", value=2.0, x=-200, y=60)
    m.add_node("mul", "xw", label="x*w", x=0, y=0)
    m.add_node("relu", "y", label="y", x=200, y=0)
    m.connect("x", "xw", 0)
    m.connect("w", "xw", 1)
    m.connect("xw", "y", 0)
    m.set_output("y")
    return m


def test_the_kink_note_is_read_whole_without_scrolling_sideways(qtbot, window, tmp_path):
    open_saved(qtbot, window, _relu_at_zero(), tmp_path / "relu.mgraph", size=(1280, 800))
    trigger(window, "learn_gradcheck")
    panel = window.learning.gradcheck
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    QApplication.processEvents()
    t = panel.table
    rows = {t.item(r, 0).text(): r for r in range(t.rowCount())}
    x = rows["x"]
    assert t.item(x, 5).text().startswith("✗")
    assert t.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    assert "not differentiable at x = 0" in t.item(x, 5).toolTip()
    note = panel.notes
    assert note.isVisible() and note.wordWrap()
    assert "x: not differentiable at x = 0" in note.text() and note.text().rstrip().endswith("kink")
    right = note.mapTo(panel, note.rect().topRight()).x()
    assert right <= panel.width(), (right, panel.width())  # within the dock, wrapped
