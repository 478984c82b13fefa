"""Deleting every node tells every wire went without listing them
(core/graph/every_wire.py; issue 14, bench_scaling's "delete every node"):
counted, never timed. Listing 68,000 wires from networkx's tables was a
C call a node and a wire (30-50 ms at 50,000 nodes), for listeners that
only ask how many."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model, state
from test_overview_cache import far_canvas as overview_canvas
from test_overview_cache import frame
from test_whole_graph_passes import python_calls
from test_whole_selection import as_text, count_calls, shown_as_new

from core.graph.every_wire import EveryWire
from core.graph.model import GraphModel
from gui.canvas import scene_build
from gui.canvas.wires.wire_filing import in_order
from gui.editing import commands as C


def calls(fn) -> int:
    """How many functions ``fn`` calls from Python code, Python's and C's."""
    return python_calls(fn, c_calls=True)


def test_the_model_deletes_and_puts_back_every_node_without_a_call_a_node():
    """The model's part of deleting every node and of its undo (listeners
    of none of its signals): a few dozen calls, however big the graph; the
    wires' list is made only if someone asks, and is the graph's."""
    m = grid_model(2000)
    before, wires = state(m), list(m.edges())
    snap = None

    def delete() -> None:
        nonlocal snap
        snap = m.remove_nodes(m.nodes())

    assert calls(delete) < 200  # (a C call a node and a wire: over 5,000)
    assert len(m) == 0 and m.edge_count() == 0 and snap is not None
    assert calls(lambda: m.restore_nodes(snap)) < 200
    assert as_text(state(m)) == as_text(before)
    assert isinstance(snap.wires, EveryWire) and len(snap.wires) == len(wires)
    listed = EveryWire.listed
    assert [tuple(w) for w in snap.wires] == [(s, t, p) for s, t, p in wires]  # (listed now, on asking)
    assert EveryWire.listed == listed + 1


def test_every_wire_reads_as_the_list_it_stands_for():
    """Length, membership, indexing, equality and the order of a few, as the
    list's (membership and that order asked of the table: nothing listed)."""
    m = grid_model(300)
    listed = list(m.edges())
    every = m.remove_nodes(m.nodes()).wires
    assert isinstance(every, EveryWire)
    before = EveryWire.listed
    assert len(every) == len(listed) and listed[5] in every and ("v1", "v2", 7) not in every
    few = [listed[40], listed[3], ("no", "such", 0), listed[200], listed[41]]
    assert in_order(few, every) == in_order(few, listed) == [listed[3], listed[40], listed[41], listed[200]]
    assert EveryWire.listed == before
    assert every == listed and every[7] == listed[7] and list(reversed(every)) == listed[::-1]


def test_deleting_every_node_far_out_and_its_undo_list_no_wire(qtbot, monkeypatch):
    """The canvas far out (bench_scaling's case): the delete makes as many
    calls whatever the graph's size, and neither it nor its undo lists every
    wire (the scene, the sink watch, the recovery copy, the fold index and
    the lazy wires ask only how many, or for the few that had items), and
    the graph comes back as it was."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(1200)
    stack, scene, view = far_canvas(qtbot, m)
    scene.wires.get(("v0", "v20", 0))  # (one wire with an item)
    before = state(m)
    listed = EveryWire.listed
    assert calls(lambda: C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))) < 600  # (the same at 2,400)
    QApplication.processEvents()
    assert len(m) == 0 and len(scene.wires) == 0
    stack.undo()
    view.viewport().repaint()
    QApplication.processEvents()
    assert EveryWire.listed == listed
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)


def test_delete_after_select_all_takes_the_whole_graph_in_its_own_order(qtbot, monkeypatch):
    """Delete after Select All (no groups): the model takes every node out
    in the graph's order, none looked up or told apart (remove_all): the
    selection is not put in topological order (a sort of 50,000 ids) nor
    deduplicated; its undo and redo as for any delete."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(600)
    scene, view, editor = overview_canvas(qtbot, model=m)
    before = state(m)
    sorts = count_calls(monkeypatch, GraphModel, "topological_order")
    picked = count_calls(monkeypatch, GraphModel, "remove_nodes")
    scene.select_all()
    editor.delete_selection()
    assert len(m) == 0 and sorts == [] and picked == []
    stack = editor.undo_stack
    assert stack.text(stack.index() - 1) == "Delete 600 nodes"
    stack.undo()
    assert as_text(state(m)) == as_text(before)
    stack.redo()
    assert len(m) == 0 and sorts == [] and picked == []
    stack.undo()
    frame(view)
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)
    scene.select_ids(m.nodes()[:10])  # a part: in topological order, as ever
    editor.delete_selection()
    assert len(m) == 590 and len(sorts) == 1 and len(picked) == 1


class _Counted(list):
    """A list that counts the passes over it."""

    passes = 0

    def __iter__(self):
        self.passes += 1
        return super().__iter__()


def test_the_overview_reads_no_id_of_the_cards_gone_when_none_was_picked(qtbot):
    """Every card going far out: the overview is out of date already (kept
    for the undo) and no card is selected any more, so the 50,000 ids are
    not looked up in an empty selection (set.isdisjoint reads all of them)."""
    scene, view, editor = overview_canvas(qtbot, model=grid_model(300))
    layer = scene._layer
    ids = _Counted(scene.node_map())
    layer.park_whole()
    layer.nodes_gone(ids)
    assert ids.passes == 0
    scene.select_ids(["v3"])
    frame(view)
    layer.invalidate()
    layer.nodes_gone(ids)  # (one picked: asked)
    assert ids.passes > 0


def test_the_selection_after_every_card_went_is_known_without_asking_qt(qtbot, monkeypatch):
    """Select All, Delete: the selection's listeners hear it changed, and
    the scene knows it is empty with nothing left to select; Qt is not asked
    (its answer would first drop each of the cards it had selected). Back
    by the undo, a card Qt selects is the selection, as ever."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(600)
    scene, view, editor = overview_canvas(qtbot, model=m)
    scene.select_all()
    frame(view)
    reads = scene._sel.reads
    editor.delete_selection()
    frame(view)
    assert scene.selectedItems() == [] and scene.selected_ids() == [] and scene._sel.reads == reads
    editor.undo_stack.undo()
    frame(view)
    assert scene.selectedItems() == []
    scene.node_item("v7").setSelected(True)  # as a click does
    assert scene.selected_ids() == ["v7"] and len(scene.selectedItems()) == 1
