"""Deleting every node of a big graph, and undoing it (issue 14): what each
step costs, counted, never timed. The whole graph gone is a batch the
model, the canvas and their listeners take in one go, each table emptied
or filled at once: no call a node or a wire where a C loop over them all
does (the Python calls were most of the ~0.5 s at 50,000 nodes)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication, QGraphicsItem
from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model, state
from test_whole_selection import as_text, canvas, count_calls, shown_as_new

from core.explain.format import fmt_card
from core.graph.groups import GroupSet
from core.graph.model import GraphModel
from gui.canvas import scene_build
from gui.canvas.cards.card_decor import DecoratedCard
from gui.canvas.folding.fold_index import FoldIndex
from gui.canvas.items import NodeItem
from gui.canvas.overview.overview import OverviewLayer
from gui.editing import commands as C


def blocks_of(layer) -> dict:
    """The far overview's block of each card: id -> (colour, rect)."""
    return {
        n: (c, r) for c, by_box in enumerate(layer._blocks) for rs in by_box.values() for n, r in rs.items()
    }


@pytest.mark.parametrize("far", [True, False], ids=["far", "near"])
def test_deleting_every_node_asks_no_card_wire_or_group_one_by_one(qtbot, monkeypatch, far):
    m = grid_model(400)
    m.set_value("v3", 1e308)
    stack, scene, view = canvas(qtbot, m, far)
    before = state(m)
    scene.select_all()
    calls = {
        "fold index, a wire": count_calls(monkeypatch, FoldIndex, "remove"),
        "group, a node": count_calls(monkeypatch, GroupSet, "forget_node"),
        "overview, a card": count_calls(monkeypatch, OverviewLayer, "node_gone"),
        "card, its pass": count_calls(monkeypatch, DecoratedCard, "shows_pass_on"),
        "card, deselected": count_calls(monkeypatch, NodeItem, "setSelected"),
        "card, hidden": count_calls(monkeypatch, NodeItem, "setVisible"),
    }
    C.push(stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    QApplication.processEvents()
    assert len(m) == 0 and scene.node_map() == {} and scene.selected_ids() == []
    assert {k: len(v) for k, v in calls.items()} == dict.fromkeys(calls, 0)
    assert len(scene.parking) == 400 and not any(it.isVisible() for it in scene.parking.cards())
    assert not any(it.isSelected() for it in scene.parking.cards())
    stack.undo()
    QApplication.processEvents()
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)


def test_deleting_every_node_of_a_big_graph_far_out_keeps_the_whole_graph_path(qtbot, monkeypatch):
    """The same far out with the wires built lazily (a big graph opened far
    out): still no wire or card asked one by one."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(600)
    stack, scene, view = far_canvas(qtbot, m)
    before = state(m)
    removed = count_calls(monkeypatch, FoldIndex, "remove")
    shows = count_calls(monkeypatch, DecoratedCard, "shows_pass_on")
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    assert (removed, shows) == ([], [])
    stack.undo()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    shown_as_new(scene, m)


def test_undoing_it_far_out_takes_back_each_card_as_it_was_read_flagged_and_filed(qtbot, monkeypatch):
    """The undo far out: each parked card still shows its node as it read it
    (its attributes the very dict, its value the very number): none reads
    it again, none has its flag set again (parked far out), the grid files
    every card where it was set aside, and the values_changed that follows
    asks no card whether it shows its value (all just read it)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(1200)  # (over 1,000 values changed: read from one table)
    m.set_value("v3", 1e308)  # some values overflow: their cards flagged
    stack, scene, view = far_canvas(qtbot, m)
    before, layer = state(m), scene._layer
    rects = blocks_of(layer)
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    view.viewport().repaint()
    assert len(scene.parking) == 1200 and blocks_of(layer) == {}
    reads = count_calls(monkeypatch, NodeItem, "_read")
    flags = count_calls(monkeypatch, QGraphicsItem, "setFlag")
    asked = count_calls(monkeypatch, NodeItem, "take_value")
    filed = getattr(scene._grid, "restored", 0)
    stack.undo()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    counts = (len(reads), len(flags), len(asked), getattr(scene._grid, "restored", 0) - filed)
    assert counts == (0, 0, 0, 1)  # cards read, flagged, asked; the grid taken back
    assert len(scene.parking) == 0 and scene.parking.reused_count == 1200
    # the overview's blocks: those the delete left (no rect made again), where a rebuild puts them
    after = blocks_of(layer)
    assert after.keys() == rects.keys()
    assert [n for n in rects if after[n][1] is not rects[n][1]] == [m.output]  # (its colour set again)
    drawn = {n: (c, r.getCoords()) for n, (c, r) in after.items()}
    layer._fill()
    assert {n: (c, r.getCoords()) for n, (c, r) in blocks_of(layer).items()} == drawn
    shown_as_new(scene, m)
    bad = [n for n in m.nodes() if m.value(n) is not None and not math.isfinite(m.value(n))]
    assert bad and all(scene.node_item(n).flagged == "nonfinite" for n in bad)
    assert scene.card_ids_near(scene.graph_rect()) and set(scene.card_ids_near(scene.graph_rect())) == set(
        m.nodes()
    )


def test_a_card_reads_its_node_again_when_it_is_not_the_node_it_read(qtbot, monkeypatch):
    """A parked card taken back for a node whose attributes are another
    dict, or whose value is another number, reads it again (a paste of the
    same ids, an edit before the delete): the skip holds for the very same
    node only."""
    m = grid_model(100)
    stack, scene, view = far_canvas(qtbot, m)
    card = scene.node_item("v30")
    values = m.values()
    reads = count_calls(monkeypatch, NodeItem, "_read")
    card.reread(m.attr_table()["v30"], values)
    assert reads == []
    card.reread(dict(m.attr_table()["v30"]), values)  # an equal dict, not the node's own
    card.reread(m.attr_table()["v30"], {**values, "v30": values["v30"] + 1.0})
    assert len(reads) == 2 and card.value_text == fmt_card(values["v30"] + 1.0)


def test_a_graph_without_wires_keeps_its_blocks_too_and_a_move_before_the_undo_files_anew(qtbot, monkeypatch):
    """No wire goes (no edges_removed): the cards' blocks are kept as the
    nodes go. Cards put back elsewhere than where they were (not the same
    places: here the model's positions changed behind the canvas's back)
    are filed and drawn anew, not from what was kept."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = GraphModel()
    for i in range(300):
        m.add_node("leaf", f"x{i}", value=float(i), x=(i % 20) * 220.0, y=(i // 20) * 150.0)
    stack, scene, view = far_canvas(qtbot, m)
    layer, grid = scene._layer, scene._grid
    rects = blocks_of(layer)
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    view.viewport().repaint()
    restored = grid.restored
    stack.undo()
    view.viewport().repaint()
    after = blocks_of(layer)
    assert grid.restored == restored + 1 and all(after[n][1] is rects[n][1] for n in rects)
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    view.viewport().repaint()
    cmd = stack.command(stack.index() - 1)
    moved = [n for n, _ in cmd.snaps.nodes[:5]]
    for _, a in cmd.snaps.nodes[:5]:  # five nodes come back elsewhere
        a["x"] += 5000.0
    stack.undo()
    view.viewport().repaint()
    assert grid.restored == restored + 1  # not the same places: filed anew
    drawn = {n: (c, r.getCoords()) for n, (c, r) in blocks_of(layer).items()}
    layer._fill()
    assert {n: (c, r.getCoords()) for n, (c, r) in blocks_of(layer).items()} == drawn
    assert all(grid.bounds.position(n) == m.position(n) for n in moved)
    x, y = m.position(moved[0])
    assert set(moved) <= set(scene.card_ids_near(QRectF(x - 9000, y - 9000, 18000, 18000)))
    shown_as_new(scene, m)
