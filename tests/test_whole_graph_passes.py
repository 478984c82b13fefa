"""Deleting every node of a big graph and undoing it (issue 14): the passes
over the whole graph, counted, never timed. At 50,000 nodes each pass over
the ids, the cards or the wires costs 5-15 ms however it is written (each
node's objects are far apart in memory), and a Python step a node on top:
the whole graph gone is known from the model's emptiness (no set of the ids
or the wire keys made to compare), and the undo takes its cards back
without a Python call a card beyond the one that checks it still shows its
node."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QGraphicsItem
from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model, state
from test_whole_selection import as_text, count_calls, shown_as_new

from core.files import recovery
from core.graph.sinks import SinkWatch
from gui.canvas import scene_batches, scene_build
from gui.canvas.cards.card_parking import CardParking
from gui.editing import commands as C


def python_calls(fn, c_calls: bool = False) -> int:
    """How many Python functions ``fn`` runs (each generator resumed counts),
    and with ``c_calls`` the C functions Python code calls too (``nbrs.items()``
    in a comprehension counts; a C loop's calls do not)."""
    count = 0
    counted = ("call", "c_call") if c_calls else ("call",)

    def tally(frame, event, arg):
        nonlocal count
        if event in counted:
            count += 1

    sys.setprofile(tally)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def test_every_node_gone_is_known_without_comparing_the_whole_graph(qtbot, monkeypatch):
    """The scene is told every wire and card goes, and knows it is every
    one from the model (left empty) and the counts: no set of the 1,200 ids
    or the wire keys is made to compare with its own (two passes and a set
    of 68,000 keys at 50,000 nodes); the model makes no (id, attributes)
    list for an undo that puts its tables back."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(1200)
    stack, scene, view = far_canvas(qtbot, m)
    before = state(m)
    compared = count_calls(monkeypatch, scene_batches, "is_every")
    cmd = C.DeleteCommand(m, m.nodes()[::-1])
    C.push(stack, cmd)
    assert len(m) == 0 and scene.node_map() == {} and len(scene.wires) == 0
    assert compared == []
    assert cmd.snaps is not None and cmd.snaps.node_list is None and len(scene.parking) == 1200
    stack.undo()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)


def test_undoing_it_takes_back_the_cards_with_one_python_call_a_card(qtbot, monkeypatch):
    """The undo far out: each card's check that it still shows its node
    (NodeItem.reread) is the one Python call a card; positions, the grid's
    filing and serials, the blocks' colours (block_colors.plain_blocks), the
    sinks and the values just read are C loops over them all (a generator
    step a card for two of them and plain_color a card made 4 calls a card)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(1200)
    stack, scene, view = far_canvas(qtbot, m)
    before = state(m)
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    view.viewport().repaint()
    calls = python_calls(stack.undo)
    QApplication.processEvents()
    assert as_text(state(m)) == as_text(before)
    assert calls < 1.5 * len(m)
    shown_as_new(scene, m)


def test_the_recovery_copy_marks_no_node_when_every_node_goes_and_comes_back():
    """The recovery copy (core/files/recovery.py) forgets the whole graph at
    once when every node goes, and copies it afresh (in idle slices) when
    it comes back: no id marked stale (50,000 ids, twice, and 68,000 wire
    targets at each end), and its file the whole snapshot's all the same."""
    m = grid_model(800)
    copy = recovery.RecordCopy(m)
    assert copy.take().encode() == recovery.snapshot(m).encode()
    snap = m.remove_nodes(m.nodes())
    assert (len(copy._stale), len(copy._stale_rows), copy.left) == (0, 0, 0)
    assert copy.take().encode() == recovery.snapshot(m).encode()
    m.restore_nodes(snap)
    assert (len(copy._stale), len(copy._stale_rows), copy.left) == (0, 0, 800)
    assert copy.take().encode() == recovery.snapshot(m).encode()


def test_every_card_is_parked_as_one_unit_and_taken_back_whole(qtbot, monkeypatch):
    """The cards of the whole graph deleted are parked as one unit (their
    ids, cards and serials as lists), not an entry a card, and the undo takes
    them back whole: no card looked up or popped by its id either way."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(1200)
    stack, scene, view = far_canvas(qtbot, m)
    before = state(m)
    singles = count_calls(monkeypatch, CardParking, "take_many")
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    parking = scene.parking
    assert (
        parking._parked == {}
        and len(parking) == 1200
        and not any(map(QGraphicsItem.isVisible, parking.cards()))
    )
    stack.undo()
    view.viewport().repaint()
    assert singles == [] and len(parking) == 0 and parking.reused_count == 1200
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)


def test_a_unit_asked_anything_else_is_spilled_into_entries_first(qtbot, monkeypatch):
    """Anything but the undo of the whole graph finds the unit's cards as
    entries, as they would have been: a node added meanwhile, undone, then
    the delete undone, by the card of each id."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(300)
    stack, scene, view = far_canvas(qtbot, m)
    before, cards = state(m), dict(scene.node_map())
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    assert "v7" in scene.parking and len(scene.parking._parked) == 300  # spilled
    C.push(stack, C.AddNodeCommand(m, "leaf", 0, 0))
    stack.undo()
    stack.undo()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    assert all(scene.node_item(n) is it for n, it in cards.items())
    shown_as_new(scene, m)


def test_the_sink_watch_checks_no_node_when_the_very_graph_comes_back():
    """The sinks of the whole graph taken out are kept with its snapshot
    and taken back when the model puts the very graph back (whole_batch):
    no node checked (50,000 at 50,000 nodes), no wire's source read. Put
    back from a snapshot that handed out its nodes, every node is checked
    once (nodes_added: its wires are in by then), none again for the wires."""
    m = grid_model(600)
    watch = SinkWatch(m)
    ends = watch.sinks()
    snap = m.remove_nodes(m.nodes())
    assert watch.sinks() == set()
    watch.checks = 0
    m.restore_nodes(snap)
    assert watch.checks == 0
    assert watch.sinks() == ends == {n for n in m.nodes() if not m.consumers(n)}
    snap = m.remove_nodes(m.nodes())
    assert len(snap.nodes) == 600  # (handed out: not vouched for)
    watch.checks = 0
    m.restore_nodes(snap)
    assert watch.checks == 600
    assert watch.sinks() == ends
