"""The undo of deleting every node, far out, when the model puts back the
very graph it took out (core/graph/bulk_edit.py ``whole_batch``; issue 14,
bench_scaling's "undo deleting every node"): counted, never timed. The
cards, the grid's filing, the overview and the sinks kept by the delete
are taken back with no card re-reading its node, no position compared
and no value looked at (half the undo at 50,000 nodes); the scene, its
pixels and the badges as a scene built afresh shows them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model, state
from test_every_wire import calls
from test_overview_cache import differing, direct, far_canvas, frame
from test_whole_graph_kept import a_graph
from test_whole_selection import as_text, count_calls, shown_as_new

from core.graph.model import GraphModel
from core.graph.sinks import SinkWatch
from gui.canvas import scene_build
from gui.canvas.cards.card_grid import CardGrid
from gui.canvas.items import NodeItem


def deleted_all(qtbot, monkeypatch, m: GraphModel):
    """``m`` in a canvas fitted far out (built lazily, as a big graph),
    every node deleted (Select All, Delete), its frame painted."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    scene, view, editor = far_canvas(qtbot, model=m)
    scene.set_model(m, view.zoom)  # what opening does: built far out
    before, shown = as_text(state(m)), frame(view)
    scene.select_all()
    editor.delete_selection()
    frame(view)
    return scene, view, editor, before, shown


@pytest.mark.parametrize("n", [1200, 2400])
def test_the_very_graph_comes_back_with_no_card_checked(qtbot, monkeypatch, n):
    m = a_graph(n)
    scene, view, editor, before, shown = deleted_all(qtbot, monkeypatch, m)
    compared = count_calls(monkeypatch, CardGrid, "put_new")  # (each position compared with the kept one)
    values_asked = count_calls(monkeypatch, NodeItem, "take_value")
    reread, checks, restored = scene.reread_count, scene.sink_watch.checks, scene._grid.restored
    undo_calls = calls(editor.undo_stack.undo)
    assert undo_calls < 600  # (the same at 1,200 and 2,400 cards; a card checked: over 1,200)
    assert scene.reread_count == reread and compared == [] and values_asked == []
    assert scene.sink_watch.checks == checks and scene._grid.restored == restored + 1
    assert as_text(state(m)) == before
    now = frame(view)
    assert now == shown == direct(view, monkeypatch), differing(now, direct(view, monkeypatch))
    shown_as_new(scene, m)


@pytest.mark.parametrize("told", [True, False], ids=["badge-gone-first", "undo-at-once"])
def test_the_single_sinks_badge_is_where_a_new_scene_has_it(qtbot, monkeypatch, told):
    """No output set: the one sink wears the badge Backward starts from.
    Its card went wearing it (the scene's map of cards was empty when told
    the graph has no sink) and wears it back, as the very graph has that
    sink again: no card reads its node again."""
    m = GraphModel()
    for i in range(300):  # each node summing the two before it: the last one the only sink
        m.add_node("leaf" if i < 2 else "add", f"v{i}", value=0.5, x=(i % 20) * 220.0, y=(i // 20) * 150.0)
        if i >= 2:
            m.connect(f"v{i - 1}", f"v{i}", 0)
            m.connect(f"v{i - 2}", f"v{i}", 1)
    keep = "v299"
    assert m.output is None and [n for n in m.nodes() if not m.consumers(n)] == [keep]
    scene, view, editor, before, _ = deleted_all(qtbot, monkeypatch, m) if told else (None,) * 5
    if not told:  # the undo before the scene learns the graph is empty
        monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
        scene, view, editor = far_canvas(qtbot, model=m)
        scene.set_model(m, view.zoom)
        frame(view)
        before = as_text(state(m))
        scene.select_all()
        editor.delete_selection()
    assert scene.node_map() == {}
    reread = scene.reread_count
    editor.undo_stack.undo()
    QApplication.processEvents()
    assert as_text(state(m)) == before and scene.reread_count == reread
    assert [n for n, it in scene.node_map().items() if it.is_auto_output] == [keep]
    shown_as_new(scene, m)
    now = frame(view)
    assert now == direct(view, monkeypatch), differing(now, direct(view, monkeypatch))


class _Asked(dict):
    """A dict that counts the ids asked of it with ``get``."""

    asked = 0

    def get(self, key, default=None):
        self.asked += 1
        return super().get(key, default)


def test_no_cards_serial_is_read_when_the_very_graph_goes_and_comes_back(qtbot, monkeypatch):
    """Each card's stacking serial (the order the grid filed it in) goes
    with the cards parked for the undo; the undo takes the grid's serials
    back whole, so none is read, going or coming (a pass over 50,000 ids)."""
    m = a_graph(600)
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    scene, view, editor = far_canvas(qtbot, model=m)
    scene.set_model(m, view.zoom)
    frame(view)
    grid = scene._grid
    grid._serial = asked = _Asked(grid._serial)
    serials = dict(asked)
    scene.select_all()
    editor.delete_selection()
    frame(view)
    editor.undo_stack.undo()
    frame(view)
    assert asked.asked == 0 and grid._serial is asked and grid._serial == serials
    shown_as_new(scene, m)
    scene.select_all()
    editor.delete_selection()
    cmd = editor.undo_stack.command(editor.undo_stack.index() - 1)
    assert len(cmd.snaps.nodes) == len(serials)  # (handed out: the undo checks each card)
    editor.undo_stack.undo()
    frame(view)
    assert dict(grid._serial) == serials  # (each card where it was: the serials set aside, unread)
    shown_as_new(scene, m)


def test_networkx_tables_go_and_come_back_whole_and_the_graph_reads_right():
    """Every node taken out: networkx's node, successor and predecessor
    tables go into the snapshot as they are (new empty ones in the graph),
    not copied and emptied (two passes over 50,000 entries far apart in
    memory each); the undo puts them back as they are. networkx's views,
    the dynamic order's cycle check and the sink watch read the graph's
    tables of the moment."""
    m = grid_model(300)
    g = m.graph
    node, succ, pred = g._node, g._succ, g._pred
    watch = SinkWatch(m)
    ends = watch.sinks()
    before = as_text(state(m))
    snap = m.remove_all()
    assert snap.tables is not None and snap.tables[:3] == (node, succ, pred)
    assert snap.tables[0] is node and snap.tables[1] is succ and snap.tables[2] is pred
    assert len(g.nodes) == 0 and g.number_of_edges() == 0 and watch.sinks() == set() and not g._adj
    m.add_node("leaf", "a")  # the emptied graph works as any
    m.add_node("neg", "b")
    m.connect("a", "b", 0)
    assert m.can_connect("b", "a", 0) is not None and watch.sinks() == {"b"}
    m.remove_all()
    m.restore_nodes(snap)
    assert g._node is node and g._succ is succ and g._adj is succ and g._pred is pred
    assert as_text(state(m)) == before and watch.sinks() == ends
    assert set(g.successors("v20")) == set(succ["v20"]) and list(g.nodes) == list(node)
    s, t = "v20", m.consumers("v20")[0][0]
    assert m.can_connect(t, s, 0) is not None  # (a cycle: refused, the order reads the tables back)


def test_after_an_undo_put_nodes_back_in_their_places_the_very_graph_still_comes_back(qtbot, monkeypatch):
    """An undo of deleting a few nodes puts them back in their places in the
    model's order (trial 59 #4) while their cards join the scene's map last;
    the next Select All, Delete parked the cards in the scene's order, the
    undo named them in the model's, and every card read its node again
    (+0.35 s at 50,000: review of bench_scaling's "undo it (the groups back)")."""
    m = a_graph(1200)
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    scene, view, editor = far_canvas(qtbot, model=m)
    scene.set_model(m, view.zoom)
    early = m.nodes()[10:14]  # (early in the order: put back there, their cards last in the scene's map)
    scene.select_ids(early)
    editor.delete_selection()
    editor.undo_stack.undo()
    assert m.nodes()[10:14] == early and list(scene._nodes)[-4:] == early
    before = as_text(state(m))
    scene.select_all()
    editor.delete_selection()
    frame(view)
    reread, reused = scene.reread_count, scene.parking.reused_count
    editor.undo_stack.undo()
    assert scene.parking.reused_count == reused + len(m)  # every card taken back as it went
    assert scene.reread_count == reread  # none read its node again
    assert as_text(state(m)) == before
    shown_as_new(scene, m)


def test_the_snapshot_names_its_nodes_in_the_models_order_without_handing_them_out():
    """The canvas parks the cards of a delete of everything in the order its
    undo names them: ``RemovedNodes.order()`` gives the model's order, its
    attributes not handed out (the snapshot is still the very graph taken out,
    ``whole_batch``); a delete of some nodes names them as its node list does."""
    m = grid_model(300)
    ids = m.nodes()
    snap = m.remove_all()
    assert snap.tables is not None and snap.order() == ids and not snap.handed_out
    m.restore_nodes(snap)
    some = m.remove_nodes(ids[40:60])
    assert some.order() == [n for n, _ in some.nodes] == ids[40:60]
