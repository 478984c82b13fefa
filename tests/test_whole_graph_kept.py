"""Deleting every node far out and undoing it (issue 14, bench_scaling's
"delete every node" / "undo deleting every node"): counted, never timed.

The delete keeps what the far overview holds whole (each card's block and
colour, every line, the lines' filing and the picture of the view:
gui/canvas/overview/overview_lines.py ``park_whole``), the model hands its own tables
to the undo's snapshot instead of copying them, and the lazy wires know the
wires coming back by the very list they were told. The undo takes it all
back: no block filed by colour, no line drawn, no part of the picture drawn
anew, and each frame has the pixels of a direct paint. When the cards do not
come back as they went (moved meanwhile, or others added and taken away in
between) everything is made and drawn anew as before.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF
from test_bulk_edits import grid_model, state
from test_overview_cache import differing, direct, far_canvas, frame, lines  # noqa: F401
from test_whole_selection import as_text, count_calls, shown_as_new

from gui.canvas import scene_build, whole_graph
from gui.canvas.folding.fold_index import FoldIndex
from gui.canvas.items import NodeItem
from gui.canvas.overview.overview import OverviewLayer
from gui.canvas.wires.lazy_wires import LazyWires
from gui.canvas.wires.wire_filing import in_order
from gui.editing import commands as C


def a_graph(n: int):
    """``grid_model(n)`` with an overflowing value (blocks of another
    colour) and a card with no value (it reads its node again on the undo)."""
    m = grid_model(n)
    m.set_value("v3", 1e308)
    m.add_node("mul", "lone", x=300.0, y=-400.0)  # no inputs: no value
    return m


@pytest.mark.parametrize("n", [300, 2000])
def test_undoing_it_takes_the_overview_back_whole_and_draws_nothing_anew(qtbot, lines, monkeypatch, n):
    """A big graph opened far out (its wires filed without items, as the
    bench's 50,000-node one): the undo takes everything back as it was."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = a_graph(n)
    scene, view, editor = far_canvas(qtbot, model=m)
    scene.set_model(m, view.zoom)  # what opening does: built far out
    frame(view)
    layer = scene._layer
    base, _over = layer.pictures
    before, shown_before = state(m), frame(view)
    kept_lines = layer.plain_lines()
    scene.select_all()
    editor.delete_selection()
    assert len(m) == 0 and frame(view) != shown_before
    made = count_calls(monkeypatch, whole_graph, "plain_blocks")  # each card's block filed by colour
    changed = count_calls(monkeypatch, OverviewLayer, "node_changed")
    renders, taken = base.renders, layer.taken_whole
    lines.clear()
    editor.undo_stack.undo()
    shown = frame(view)
    assert as_text(state(m)) == as_text(before)
    # nothing filed or drawn anew: the blocks, lines and picture the delete kept
    assert (made, lines, base.renders - renders, layer.taken_whole - taken) == ([], [], 0, 1)
    # a block filed again only for the output's badge ("lone" read its node again, its colour the same)
    assert [a[-1].node_id for a in changed] == [m.output]
    assert layer.plain_lines() is kept_lines
    assert shown == shown_before
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
    shown_as_new(scene, m)
    # and again, the redo and its undo
    editor.undo_stack.redo()
    frame(view)
    editor.undo_stack.undo()
    shown = frame(view)
    assert layer.taken_whole - taken == 2 and shown == shown_before
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))


def test_cards_back_elsewhere_or_others_added_between_are_drawn_anew(qtbot, monkeypatch):
    m = a_graph(300)
    scene, view, editor = far_canvas(qtbot, model=m)
    layer, stack = scene._layer, editor.undo_stack
    # moved behind the canvas's back while out: not where the delete kept them
    scene.select_all()
    editor.delete_selection()
    frame(view)
    cmd = stack.command(stack.index() - 1)
    for _, a in cmd.snaps.nodes[:5]:
        a["x"] += 3000.0
    taken = layer.taken_whole
    stack.undo()
    shown = frame(view)
    assert layer.taken_whole == taken
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
    shown_as_new(scene, m)
    # a paste into the emptied canvas, taken away again, before the undo
    scene.select_ids([f"v{i}" for i in range(0, 300, 7)])
    editor.copy_selection()
    scene.select_all()
    editor.delete_selection()
    frame(view)
    editor.paste()
    frame(view)
    stack.undo()  # the paste
    frame(view)
    stack.undo()  # the delete
    shown = frame(view)
    assert layer.taken_whole == taken and len(scene.node_map()) == len(m)
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
    shown_as_new(scene, m)


def test_the_model_hands_its_own_tables_to_the_snapshot_and_copies_none():
    """Its ranks, values, reasons and inputs go into the snapshot whole (a new
    empty table each), not copied and emptied, and come back whole: a pass
    over 50,000 entries each, and the old tables freed."""
    m = grid_model(200)
    before = state(m)
    rank, value, reason, inputs = m._order.rank, m._value, m._reason, m._inputs
    snap = m.remove_nodes(m.nodes()[::-1])
    assert snap.tables is not None and snap.values is not None
    assert snap.ranks is rank and snap.values[0] is value and snap.values[1] is reason
    assert snap.tables[3] is inputs
    assert (m._order.rank, m._value, m._reason, m._inputs) == ({}, {}, {}, {})
    assert len(rank) == 200 and len(inputs) == 200  # (kept as they were)
    m.restore_nodes(snap)
    assert as_text(state(m)) == as_text(before)
    # and back into the empty graph they go whole: none copied entry by entry, nor freed
    assert (m._order.rank, m._value, m._reason, m._inputs) == (rank, value, reason, inputs)
    assert m._order.rank is rank and m._value is value and m._reason is reason and m._inputs is inputs
    m.disconnect("v30", 1)  # edits as ever
    m.connect("v0", "v30", 1)
    assert m.inputs("v30")[1] == "v0"


class Asked(dict):
    """A dict that counts the keys asked about."""

    asked = 0

    def __contains__(self, key) -> bool:
        Asked.asked += 1
        return super().__contains__(key)


def test_the_lazy_wires_know_the_wires_back_by_the_list_they_were_told():
    ends = [((f"s{i}", f"t{i % 7}", i % 2), 0.0, i * 10.0, 300.0, i * 10.0 + 5) for i in range(40)]
    keys = [k for k, *_ in ends]
    lines = Asked({k: QLineF(*xy) for k, *xy in ends})

    def emptied() -> LazyWires:
        lw = LazyWires({}, lambda ks: [object() for _ in ks])
        lw.defer_many(ends)
        for k in (keys[30], keys[4], keys[17]):  # three got items
            lw[k] = object()
        assert len(lw.forget_all(lines, keys)) == 3
        return lw

    Asked.asked = 0
    assert emptied().take_parked(keys) == ([keys[4], keys[17], keys[30]], lines)
    assert Asked.asked == 0  # no key asked about
    assert emptied().take_parked(list(keys)) == ([keys[4], keys[17], keys[30]], lines)
    assert Asked.asked == len(keys)  # another list: each asked, as before
    assert in_order([keys[9], keys[2]], keys) == [keys[2], keys[9]] and in_order([], keys) == []


class Walked(list):
    """A list that counts the walks over it."""

    walks = 0

    def __iter__(self):
        Walked.walks += 1
        return super().__iter__()


def test_the_fold_index_told_every_wire_went_walks_none():
    idx = FoldIndex(None)
    keys = [(f"a{i}", f"b{i}", 0) for i in range(50)]
    idx.home = dict.fromkeys(keys)
    idx.remove_many(Walked(keys), every=True)
    assert Walked.walks == 0 and idx.home == {}
    idx.home = dict.fromkeys(keys)
    idx.remove_many(Walked(keys))  # not told: the keys are looked at
    assert Walked.walks == 1 and idx.home == {}


def test_deleting_every_node_far_out_keeps_the_scene_map_and_the_grid_serials_for_the_undo(qtbot):
    m = a_graph(300)
    scene, view, editor = far_canvas(qtbot, model=m)
    cards, serials = scene.node_map(), scene._grid._serial
    scene.select_all()
    C.push(editor.undo_stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    assert scene.node_map() == {} and len(cards) == 301  # (a new map; the old one kept whole)
    assert scene._grid._serial == {} and len(serials) == 301
    editor.undo_stack.undo()
    assert scene.node_map() is cards and list(cards) == m.nodes()
    assert scene._grid._serial is serials


class Looked(dict):
    """A table of values that counts the ids looked up in it."""

    looked = 0

    def get(self, key, default=None):
        Looked.looked += 1
        return super().get(key, default)


def test_the_values_changed_after_the_undo_look_up_no_id_when_every_value_is_the_one_read(qtbot, monkeypatch):
    """The undo's values_changed names every node: the cards have just read
    those very values (one table, copied twice, nothing changed between): no
    id is looked up in either copy, no card asked (none lacks a value)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(1500)  # (over 1,000 values changed: read from one table)
    scene, view, editor = far_canvas(qtbot, model=m)
    scene.set_model(m, view.zoom)
    frame(view)
    before = state(m)
    scene.select_all()
    editor.delete_selection()
    frame(view)
    monkeypatch.setattr(type(m), "values", lambda self: Looked(self._value))
    asked = count_calls(monkeypatch, NodeItem, "take_value")
    Looked.looked = 0
    editor.undo_stack.undo()
    frame(view)
    assert (Looked.looked, asked) == (0, [])
    monkeypatch.undo()
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)


def test_the_values_changed_of_the_undo_name_every_node_in_the_comprehension_s_order():
    """The set of ids whose value the undo put back is made in C where no
    node lacks a value: the same set, iterated in the same order, as the
    comprehension over every node makes."""
    m = grid_model(3000)
    heard: list = []
    m.values_changed.connect(heard.append)
    snap = m.remove_nodes(m.nodes()[::-1])
    values, reasons = dict(snap.values[0]), dict(snap.values[1])
    m.restore_nodes(snap)
    want = {n for n, v in values.items() if v is not None or reasons.get(n) is not None}
    assert len(heard) == 1 and list(heard[0]) == list(want)
