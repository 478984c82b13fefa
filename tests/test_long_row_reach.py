"""A graph wider than two million scene units is reachable whole (trial 53
#1: a 20,001-node chain laid out in one row is 2.9 million wide; the view
could pan only to ±1,000,000, so Fit showed its left part from the middle of
the canvas, and Find, the minimap and Backward could not go to its output)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_navigation_gui import card_centre, in_clear_view, node_centre, open_find, type_text, view_centre
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.model import GraphModel

FAR = 2_900_000.0  # (the trial's chain: its output this far right of its first leaf)


def long_row(tmp_path) -> str:
    m = GraphModel()
    m.add_node("leaf", "a", value=0.5, x=0.0, y=0.0)
    m.add_node("tanh", "mid", x=FAR / 2, y=0.0)
    m.add_node("tanh", "out", label="h3999", x=FAR, y=0.0)
    m.connect("a", "mid", 0)
    m.connect("mid", "out", 0)
    path = tmp_path / "row.mgraph"
    fileio.save(m, str(path))
    return str(path)


def test_fit_find_and_the_minimap_reach_the_far_end_of_a_long_row(qtbot, window, tmp_path):
    w = window
    w.resize(1536, 960)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(long_row(tmp_path))
    QApplication.processEvents()
    trigger(w, "fit")
    QApplication.processEvents()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(card_centre(w, "a")) and seen.contains(card_centre(w, "out")), seen
    assert abs(view_centre(w).x() - FAR / 2) < FAR / 20  # (the graph in the middle, not its left end)

    open_find(qtbot, w)
    type_text(qtbot, w, "h3999")
    assert in_clear_view(w, w.scene.node_item("out").sceneBoundingRect())
    qtbot.keyClick(w.navigation.find_bar.edit, Qt.Key.Key_Escape)

    trigger(w, "minimap")
    mm = w.navigation.minimap
    mm.repaint()
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=mm.map_pos(node_centre(w, "out")).toPoint())
    assert (view_centre(w) - node_centre(w, "out")).manhattanLength() < 2 / mm.scale + 2
