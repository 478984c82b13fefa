"""An edit, undo or redo that leaves no part of the graph in view brings
the view back to it (trial 49: an undo took away what the f(x) bar had
added where the view was, leaving an empty grid, the graph's six other
nodes out of view and nothing saying where)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from window_helpers import answers, tmp_settings, window  # noqa: F401

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "blog_L.mgraph"


def _seen(w):
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def _settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(10)


def test_an_undo_that_empties_the_view_brings_the_graph_back(qtbot, window):
    w = window
    w.resize(1400, 900)
    w.open_path(str(EXAMPLE))
    _settle(qtbot)
    graph = w.view.graph_rect()
    assert graph is not None and _seen(w).intersects(graph)
    n = len(w.model)
    # the user scrolls to empty canvas far to the right of the graph and types a formula there
    w.view.centerOn(graph.right() + 3000, graph.center().y())
    _settle(qtbot)
    assert not _seen(w).intersects(graph)
    bar = w.findChild(QLineEdit, "expression_bar")
    bar.setFocus()
    qtbot.keyClicks(bar, "q = 2*3")
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    _settle(qtbot)
    assert len(w.model) > n
    assert _seen(w).intersects(w.view.graph_rect())
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the formula's nodes go
    _settle(qtbot)
    assert len(w.model) == n
    graph = w.view.graph_rect()
    assert _seen(w).intersects(graph), "the undo left the view on empty canvas"
    assert _seen(w).contains(graph)  # (the blog's graph fits at this zoom: all of it)


def test_an_edit_that_keeps_some_of_the_graph_in_view_does_not_move_it(qtbot, window):
    w = window
    w.resize(1400, 900)
    w.open_path(str(EXAMPLE))
    _settle(qtbot)
    before = _seen(w)
    w.view.setFocus()
    w.scene.select_ids([w.model.output])
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    _settle(qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot)
    assert _seen(w) == before
    assert w.lost_view.brought_back == 0


def test_the_f_x_bar_shows_the_whole_graph_with_what_it_added_where_it_reads(qtbot, window):
    """A trial: after the f(x) bar added nodes the view showed only them,
    the graph's w and x1 they are built on off the left edge; where the
    whole graph fits at a zoom its names read, all of it is shown."""
    w = window
    w.resize(1400, 900)
    w.open_path(str(EXAMPLE))
    _settle(qtbot)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # 100 %
    graph = w.view.graph_rect()
    w.view.centerOn(graph.right(), graph.center().y())  # the graph's right half in view
    _settle(qtbot)
    assert not _seen(w).contains(graph)
    bar = w.findChild(QLineEdit, "expression_bar")
    bar.setFocus()
    qtbot.keyClicks(bar, "q = 2*3")
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    _settle(qtbot)
    assert _seen(w).contains(w.view.graph_rect())
    assert w.view.zoom >= 0.6
