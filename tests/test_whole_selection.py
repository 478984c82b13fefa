"""Interactions with the whole graph at once (issue 14): Select All, deleting
every node and undoing that. Counted, never timed: no card is removed from or
added to Qt's scene when the nodes go and come back (gui/canvas/cards/card_parking.py),
each card reads its node once, the scene's own selections are not read back
from Qt (gui/canvas/selection.py), and a batch's nodes are evaluated before
anyone hears of them (core/graph/bulk_edit.py)."""

from __future__ import annotations

import json

import pytest
from canvas_helpers import make_canvas
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model, state

from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas.items import NodeItem
from gui.canvas.scene import GraphScene
from gui.common import style as S
from gui.editing import commands as C
from gui.editing.editor import GraphEditor


def canvas(qtbot, m: GraphModel, far: bool):
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4 if far else 1.0)
    view.viewport().repaint()
    return stack, scene, view


def as_text(st: tuple) -> str:
    """A model's state as text (nan != nan: the values compared as text)."""
    return json.dumps(st, sort_keys=True, default=repr)


def count_calls(monkeypatch, obj, name: str) -> list:
    """Calls of ``obj.name`` (an instance's or a class's method), recorded."""
    calls: list = []
    real = getattr(obj, name)
    monkeypatch.setattr(obj, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def shown_as_new(scene: GraphScene, m: GraphModel) -> None:
    """Every card and wire shows what a scene built afresh for ``m`` shows."""
    fresh = GraphScene(m)
    assert set(scene.node_map()) == set(fresh.node_map()) and set(scene.edge_map()) == set(fresh.edge_map())
    for n, it in scene.node_map().items():
        twin = fresh.node_item(n)
        assert it.isVisible() and not it.isSelected()
        assert (it.pos(), it.label, it.op, it.value_text, it.flagged) == (
            twin.pos(),
            twin.label,
            twin.op,
            twin.value_text,
            twin.flagged,
        )
        assert (it.output_badge, it.grad, it.highlight, it.note, it.zValue()) == (
            twin.output_badge,
            twin.grad,
            twin.highlight,
            twin.note,
            twin.zValue(),
        )
    for key, e in scene.edge_map().items():
        assert e.ends() == fresh.edge_item(*key).ends() and e.carries == fresh.edge_item(*key).carries
    fresh.deleteLater()


@pytest.mark.parametrize("far", [True, False], ids=["far", "near"])
def test_deleting_every_node_and_undoing_it_removes_and_adds_no_item(qtbot, monkeypatch, far):
    m = grid_model(400)
    m.set_value("v3", 1e308)  # some wires carry inf
    m.set_value("v4", 1e308)
    stack, scene, view = canvas(qtbot, m, far)
    before = state(m)
    cards = dict(scene.node_map())
    scene.select_all()
    removed = count_calls(monkeypatch, scene, "removeItem")
    added = count_calls(monkeypatch, scene, "addItem")
    reads = count_calls(monkeypatch, NodeItem, "refresh")
    C.push(stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    QApplication.processEvents()
    assert len(m) == 0 and scene.node_map() == {} and scene.selected_ids() == []
    assert removed == [] and len(scene.parking) == 400  # hidden, kept for the undo
    assert not any(it.isVisible() for it in cards.values())
    rebuilds = count_calls(monkeypatch, scene._layer, "_rebuild")
    stack.undo()
    QApplication.processEvents()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    assert removed == [] and added == []  # the same cards, the wires from the pool
    if far:  # the overview took the blocks and lines the batch made: no pass over the items
        layer = scene._layer
        assert rebuilds == []
        drawn = [{k: dict(v) for k, v in b.items() if v} for b in layer._blocks], dict(layer._lines)
        layer._fill()  # what a rebuild from the items draws
        assert drawn == ([{k: dict(v) for k, v in b.items() if v} for b in layer._blocks], layer._lines)
    assert all(scene.node_item(n) is it for n, it in cards.items()) and len(scene.parking) == 0
    assert reads == []  # each card read its node once, with its value already computed
    shown_as_new(scene, m)
    # far out, a wire makes its curve when shown; near, each has it at once
    assert all(e.stale is far for e in scene.edge_items())
    view.set_zoom(1.0)
    assert all(not e.stale and e.path().pointAtPercent(1.0) == e.ends()[1] for e in scene.edge_items())
    stack.redo()
    stack.undo()
    assert as_text(state(m)) == as_text(before) and scene.parking.reused_count == 800
    shown_as_new(scene, m)


def test_the_parked_cards_are_bounded_decorated_ones_dropped_and_a_new_document_clears_them(qtbot):
    m = grid_model(100)
    stack, scene, view = canvas(qtbot, m, far=False)
    scene.node_item("v5").set_grad(0.5)  # a pass is shown on it: removed, not kept as it is
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(99, 39, -1)] + ["v5"]))
    assert len(scene.parking) == 60 and "v5" not in scene.parking and "v50" in scene.parking
    assert len(scene.parking) <= scene.parking.peak == 100
    stack.undo()
    assert scene.node_item("v5").grad is None  # a new card
    scene.set_model(GraphModel())
    assert len(scene.parking) == 0
    assert not [it for it in scene.items() if isinstance(it, NodeItem)]


def test_a_batch_of_nodes_is_evaluated_before_anyone_hears_of_it():
    m = grid_model(120)
    before = state(m)
    gone = [f"v{i}" for i in range(60, 120)]
    snap = m.remove_nodes(gone)
    heard: list = []
    m.nodes_added.connect(lambda ids: heard.append(("nodes", {n: m.value(n) for n in ids})))
    m.edges_added.connect(lambda wires: heard.append(("wires", len(wires))))
    m.values_changed.connect(lambda ids: heard.append(("values", set(ids))))
    m.graph_changed.connect(lambda: heard.append(("graph",)))
    m.restore_nodes(snap)
    assert state(m) == before
    kinds = [h[0] for h in heard]
    assert kinds[:4] == ["nodes", "wires", "values", "graph"]
    assert heard[0][1] == {n: m.value(n) for n in gone} and None not in heard[0][1].values()
    assert heard[2][1] == set(gone)
    with m.batch():  # inside a batch: evaluated once, when it ends
        snap = m.remove_nodes(["v118"])
        heard.clear()
        m.restore_nodes(snap)
        assert heard[0] == ("nodes", {"v118": None}) and ("graph",) not in heard
    assert heard[-1] == ("graph",) and m.value("v118") == before[4]["v118"]


def test_the_selection_the_scene_makes_is_what_qt_holds(qtbot):
    m = grid_model(300)
    m.groups.load([Group("g", "folded", {f"v{i}" for i in range(100, 110)}, collapsed=True)])
    stack, scene, view = canvas(qtbot, m, far=False)  # far out the wires are hidden: not selectable
    QApplication.processEvents()
    sel = scene._sel

    def same_as_qt() -> None:
        mine = (set(sel.items()), set(sel.cards()), set(sel.wires()), list(scene.selected_ids()))
        sel.reset()  # Qt asked
        assert mine == (set(sel.items()), set(sel.cards()), set(sel.wires()), scene.selected_ids())
        assert scene._layer._picked == set(sel.cards())  # the overview draws exactly these

    scene.select_wire(scene.edge_item(*m.edges()[0]))
    QApplication.processEvents()
    reads = sel.reads
    scene.select_all()  # the wire stays selected
    assert sel.reads == reads  # the scene knew the answer: Qt not asked
    assert scene.selected_wires() == [m.edges()[0]]
    assert "v105" not in sel.cards()  # folded away: Qt does not select a hidden card
    same_as_qt()
    scene.select_ids(["v1", "v2", "v104", "v1"])
    assert scene.selected_ids() == ["v1", "v2"]
    same_as_qt()
    scene.select_ids([])
    assert scene.selectedItems() == []
    same_as_qt()


def test_deleting_a_selection_recolours_nothing_on_the_way_out(qtbot, monkeypatch):
    m = grid_model(300)
    m.set_output(None)  # (the output's card would change colour as it stops being one)
    stack, scene, view = canvas(qtbot, m, far=True)
    scene.select_all()
    QApplication.processEvents()
    changes: list = []
    scene.selectionChanged.connect(lambda: changes.append(1))
    picked = count_calls(monkeypatch, scene._layer, "set_picked")
    node_changed = count_calls(monkeypatch, scene._layer, "node_changed")
    GraphEditor(scene, stack, view).delete_selection()  # Edit > Delete
    QApplication.processEvents()
    assert len(m) == 0 and len(changes) == 1  # one selectionChanged, after the cards went
    assert node_changed == [] and [len(a[0]) for a in picked] == [0]  # nothing left to draw as selected


def test_a_batch_repaints_the_overview_once(qtbot, monkeypatch):
    m = grid_model(400)
    stack, scene, view = canvas(qtbot, m, far=True)
    layer = scene._layer
    updates = count_calls(monkeypatch, layer, "update")
    grown = count_calls(monkeypatch, layer, "_update_grown")  # only added (or recoloured): drawn over
    taken = count_calls(monkeypatch, layer, "_update_gone")  # only taken away: maybe the picture put back
    gone = [f"v{i}" for i in range(200, 260)]  # 60 cards and their wires: fewer than a rebuild takes
    C.push(stack, C.DeleteCommand(m, gone[::-1]))
    # the wires' batch, the cards', then the cards downstream whose values changed: one repaint each
    assert len(updates) + len(grown) + len(taken) == 3
    assert all(len(u) >= 1 and not u[0].isNull() for u in updates + grown + taken)
    updates.clear()
    grown.clear()
    taken.clear()
    stack.undo()
    assert len(updates) + len(grown) + len(taken) == 3
    view.viewport().repaint()
    assert layer._held is None  # nothing held after the batches
