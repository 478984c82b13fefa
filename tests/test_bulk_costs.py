"""What whole-selection and whole-graph edits cost (issue 14): counted, never
timed. Far out in a big graph, wires put back by an undo get no item until
they come into view (as when the file was opened: gui/canvas/lazy_wires.py);
a paste or delete of a few nodes touches the same number of items in a
small and a big graph; the graph's sinks are not scanned per edit."""

from __future__ import annotations

from collections import Counter

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model, state
from test_lazy_wires import assert_region_drawn
from test_whole_selection import as_text, count_calls, shown_as_new

from gui.canvas import scene_build
from gui.canvas.items import EdgeItem
from gui.common import style as S
from gui.editing import commands as C


def far_canvas(qtbot, m, lazy: bool = True):
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    scene.set_model(m, view.zoom)  # what opening does: built far out (lazily when big)
    view.viewport().repaint()
    return stack, scene, view


def test_undoing_a_delete_far_out_makes_no_wire_item_until_one_is_seen(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(600)
    m.set_value("v3", 1e308)  # some wires carry inf
    stack, scene, view = far_canvas(qtbot, m)
    assert scene.wires.made_items() == []
    before = state(m)
    made: list = []
    init = EdgeItem.__init__
    monkeypatch.setattr(EdgeItem, "__init__", lambda e, *a: made.append(a) or init(e, *a))
    scene.select_all()
    C.push(stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    stack.undo()
    QApplication.processEvents()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    assert made == [] and scene.wires.made_items() == []  # every wire filed, none made
    assert len(scene.wires) == len(m.edges())
    layer = scene._layer  # the overview draws each wire's line where it runs
    assert not layer._dirty
    drawn = {k: v.toTuple() for k, v in layer._lines[None].items()}
    layer._fill()
    assert drawn == {k: v.toTuple() for k, v in layer._lines[None].items()}
    # half the graph deleted and back: the same (into an overview that has lines)
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(599, 299, -1)]))
    stack.undo()
    view.viewport().repaint()
    assert made == [] and scene.wires.made_items() == [] and not layer._dirty
    drawn = {k: v.toTuple() for k, v in layer._lines[None].items()}
    layer._fill()
    assert drawn == {k: v.toTuple() for k, v in layer._lines[None].items()}
    # zoomed in, every wire where the view looks has its item, as the model says
    view.set_zoom(1.0)
    view.centerOn(QPointF(20 * 220.0, 7 * 150.0))
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(scene, m, r) > 10
    assert made and scene.wires.pending()  # those that may cross it, not the others
    shown_as_new(scene, m)  # and each of the others, once asked for


def test_a_small_graph_far_out_gets_its_wire_items_back_at_once(qtbot):
    m = grid_model(200)  # fewer wires than scene_build.LAZY_FROM
    stack, scene, view = far_canvas(qtbot, m)
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(199, -1, -1)]))
    stack.undo()
    assert len(scene.wires.made_items()) == len(m.edges())
    shown_as_new(scene, m)


@pytest.mark.parametrize("far", [True, False], ids=["far", "near"])
def test_far_out_the_cards_of_a_batchs_wires_are_not_repainted(qtbot, monkeypatch, far):
    m = grid_model(300)
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4 if far else 1.0)
    card = type(scene.node_item("v5"))
    repaints = count_calls(monkeypatch, card, "update")
    reads = count_calls(monkeypatch, card, "refresh")  # a new value: repainted for that
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(199, 99, -1)]))
    stack.undo()
    back = {f"v{i}" for i in range(100, 200)}  # put back: drawn anew
    ups = Counter(a[0].node_id for a in repaints if a[0].node_id not in back)
    refreshed = Counter(a[0].node_id for a in reads)
    ports = [n for n, k in ups.items() if k > refreshed[n]]  # repainted for its wires alone
    assert (ports == []) is far  # near, a card's ports show what is wired
