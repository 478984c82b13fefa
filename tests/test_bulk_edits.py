"""Edits of many nodes at once (issue 14): Auto Layout, paste and delete are
one batch each in the model (core/graph/bulk_edit.py): one signal per kind of
change, one re-evaluation of what lies downstream, one undo entry, and the
canvas touches each card and wire of the batch once. Counted, never timed;
undo must give back exactly what was there."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from canvas_helpers import make_canvas
from PySide6.QtWidgets import QApplication

from core.graph import forward
from core.graph.errors import CycleError, PortOccupiedError
from core.graph.find import Finder
from core.graph.layout import COLUMN, ROW, layered_positions
from core.graph.model import GraphModel
from gui.common import style as S
from gui.document.document import Document
from gui.editing import commands as C

SIGNALS = (
    "node_added node_removed edge_added edge_removed node_moved node_changed "
    "nodes_added nodes_removed edges_added edges_removed nodes_moved values_changed output_changed"
).split()


def grid_model(n: int, seed: int = 1) -> GraphModel:
    rnd = random.Random(seed)
    m = GraphModel()
    for i in range(n):
        op = "leaf" if i < 20 else rnd.choice(["add", "mul"])
        m.add_node(op, f"v{i}", value=rnd.uniform(-2, 2), x=(i % 40) * 220.0, y=(i // 40) * 150.0)
        if i >= 20:
            m.connect(f"v{rnd.randrange(max(0, i - 30), i)}", f"v{i}", 0)
            m.connect(f"v{rnd.randrange(i)}", f"v{i}", 1)
    m.set_label("v5", "five")
    m.set_output(f"v{n - 1}")
    return m


def state(m: GraphModel) -> tuple:
    """Everything undo must give back: ids, attributes, wires, output, groups, values."""
    return (
        {n: m.node(n) for n in m.nodes()},
        sorted(m.edges()),
        m.output,
        sorted(map(str, m.groups.to_records())),
        m.values(),
        m.edge_count(),
    )


def count_signals(m: GraphModel) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for name in SIGNALS:
        getattr(m, name).connect(lambda *_, name=name: counts.__setitem__(name, counts[name] + 1))
    return counts


def evaluated(monkeypatch) -> list[list[str]]:
    """The orders forward.evaluate is called on (how much each edit re-evaluates)."""
    calls: list[list[str]] = []
    real = forward.evaluate
    monkeypatch.setattr(
        forward, "evaluate", lambda order, *a, **k: calls.append(list(order)) or real(order, *a, **k)
    )
    return calls


# ---------------------------------------------------------------- the model
def test_removing_many_nodes_is_one_batch_and_re_evaluates_only_what_they_fed(monkeypatch):
    m = grid_model(400)
    m.groups.add([f"v{i}" for i in range(100, 140)], "part")
    before = state(m)
    gone = [f"v{i}" for i in range(120, 200)] + ["v399"]  # the output among them
    fed = {t for n in gone for t, _ in m.consumers(n)} - set(gone)
    counts, calls = count_signals(m), evaluated(monkeypatch)
    snap = m.remove_nodes(gone)
    assert counts == {"edges_removed": 1, "output_changed": 1, "nodes_removed": 1, "values_changed": 1}
    assert len(calls) == 1 and set(calls[0]) == m.downstream(fed)  # once, downstream of the cut only
    assert "v0" not in calls[0] and len(calls[0]) < len(m)  # not the whole graph
    assert not set(gone) & set(m.nodes()) and m.output is None
    assert all(n not in m.groups.nodes_in(m.groups.ids()[0]) for n in gone)
    assert m.edge_count() == len(m.edges())
    counts.clear(), calls.clear()
    m.restore_nodes(snap)
    assert state(m) == before
    assert counts == {"nodes_added": 1, "edges_added": 1, "values_changed": 1, "output_changed": 1}
    assert len(calls) == 1 and set(calls[0]) == m.downstream(gone)


def test_a_restore_that_no_longer_fits_changes_nothing():
    m = grid_model(60)
    n = next(n for n in m.nodes() if m.consumers(n) and m.op(n) != "leaf")
    snap = m.remove_nodes([n])
    t, p = next((t, p) for s, t, p in snap.wires if s == n)
    m.connect("v1", t, p)  # the port the restored wire needs is taken now
    before, counts = state(m), count_signals(m)
    with pytest.raises(PortOccupiedError):
        m.restore_nodes(snap)
    assert state(m) == before and not counts


def test_adding_many_nodes_is_all_or_nothing():
    m = grid_model(60)
    before, counts = state(m), count_signals(m)
    new = [("p1", {"op": "add", "x": 1.0, "y": 2.0}), ("p2", {"op": "neg", "label": "P"})]
    with pytest.raises(CycleError):  # p1 -> p2 -> p1
        m.add_nodes(new, [("v0", "p1", 0), ("p1", "p2", 0), ("p2", "p1", 1)])
    assert state(m) == before and not counts
    m.add_nodes(new, [("v0", "p1", 0), ("v1", "p1", 1), ("p1", "p2", 0)])
    assert counts == {"nodes_added": 1, "edges_added": 1, "values_changed": 1}
    assert m.value("p2") == -(m.value("v0") + m.value("v1")) and m.label("p2") == "P"
    assert m.position("p1") == (1.0, 2.0) and m.edge_count() == len(m.edges())


def test_moving_many_nodes_is_one_signal_and_checks_every_position_first():
    m = grid_model(100)
    counts = count_signals(m)
    moves = {n: (m.position(n)[0] + 5, -1.0) for n in m.nodes()}
    m.set_positions(moves)
    assert counts == {"nodes_moved": 1}
    assert {n: m.position(n) for n in m.nodes()} == moves
    with pytest.raises(Exception, match="position"):
        m.set_positions({"v1": (0.0, 0.0), "v2": (float("nan"), 0.0)})
    assert m.position("v1") == moves["v1"] and counts == {"nodes_moved": 1}


def test_find_and_the_document_follow_the_batches(qtbot):
    m = grid_model(80)
    finder = Finder(m)
    doc = Document()
    doc.replace(m)
    moved, structure = [], []
    doc.nodes_moved.connect(moved.append)
    doc.structure_changed.connect(lambda: structure.append(1))
    assert finder.find("five") == ["v5"]
    m.set_positions({"v5": (1.0, 1.0), "v6": (2.0, 2.0)})
    snap = m.remove_nodes(["v5", "v7"])
    assert finder.find("five") == [] and len(structure) == 2  # the wires, the nodes: one relay each
    m.restore_nodes(snap)
    assert finder.find("five") == ["v5"]
    qtbot.waitUntil(lambda: moved == [{"v5", "v6"}])


# ---------------------------------------------------------------- the layout
def reference_layout(m: GraphModel) -> dict:
    """The layout as networkx computed it before (generations, barycentres),
    two neighbours feeding one node kept in its ports' order; then again with
    each column's leaves ordered by the rows their consumers got."""
    import networkx as nx

    g = m.graph
    depth: dict = {}
    for n in reversed(list(nx.topological_sort(g))):
        depth[n] = max((depth[t] + 1 for t in g.successors(n)), default=0)
    top = max(depth.values())
    columns: dict = {}
    for n in nx.topological_sort(g):
        columns.setdefault(top - depth[n], []).append(n)
    first = _reference_pass(g, {c: list(col) for c, col in columns.items()}, untangle=False)

    def fed(n):  # by the mean height of what it feeds, then the port of the first
        out = list(g.successors(n))
        if not out:
            return (float("inf"), 0)
        return (sum(first[t][1] for t in out) / len(out), min(d["port"] for d in g[n][out[0]].values()))

    for c, col in columns.items():
        leaves = sorted((n for n in col if g.in_degree(n) == 0), key=fed)
        columns[c] = leaves + [n for n in col if g.in_degree(n) > 0]
    return _reference_pass(g, columns)


def _reference_pass(g, columns: dict, untangle: bool = True) -> dict:
    row: dict = {}
    pos = {}
    for c in sorted(columns):
        col = columns[c]
        place = {n: i for i, n in enumerate(col)}
        col.sort(
            key=lambda n: (lambda r: sum(r) / len(r) if r else place[n] - 1e6)(
                [row[p] for p in g.predecessors(n) if p in row]
            )
        )
        # the upper of two feeding one node feeds its lower port (bubbled: a
        # swapped pair's upper one is checked against the one above it again)
        i, left = 0, len(col) * (len(col) - 1) // 2
        while untangle and i < len(col) - 1:
            u, v = col[i], col[i + 1]
            common = [t for t in g.successors(u) if t in set(g.successors(v))]
            if left and common and port_of(g, u, common[0]) > port_of(g, v, common[0]):
                col[i], col[i + 1] = v, u
                left -= 1
                i = max(i - 1, 0)
            else:
                i += 1
        for i, n in enumerate(col):
            row[n] = i
            pos[n] = (c * COLUMN, (i - (len(col) - 1) / 2) * ROW)
    return pos


def port_of(g, u, t) -> int:
    return min(d["port"] for d in g[u][t].values())


def test_the_layout_is_the_networkx_layout_without_networkx(monkeypatch):
    m = grid_model(700, seed=4)
    want = reference_layout(m)
    import networkx as nx

    monkeypatch.setattr(nx, "topological_sort", lambda g: pytest.fail("networkx's per-node views"))
    assert layered_positions(m) == want


# ---------------------------------------------------------------- the canvas and undo
def far_canvas(qtbot, m):
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    return stack, scene, view


def test_delete_and_its_undo_touch_each_card_and_wire_once(qtbot):
    m = grid_model(600)
    m.groups.add([f"v{i}" for i in range(300, 320)], "part")
    stack, scene, view = far_canvas(qtbot, m)
    before = state(m)
    gone = [f"v{i}" for i in range(250, 450)]
    wires = {(s, t, p) for s, t, p in m.edges() if s in gone or t in gone}
    scene.select_ids(gone)
    changes = []
    scene.selectionChanged.connect(lambda: changes.append(1))
    scene.batch_items = 0
    C.push(stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    QApplication.processEvents()
    assert scene.batch_items == len(gone) + len(wires)  # each card and wire dropped once
    assert len(changes) == 1 and stack.count() == 1
    assert all(scene.node_item(n) is None for n in gone)
    scene.batch_items = 0
    stack.undo()
    assert scene.batch_items == len(gone) + len(wires)
    assert state(m) == before
    assert {e.key for e in scene.edge_items()} == set(m.edges())
    assert all(scene.node_item(n).pos().toTuple() == m.position(n) for n in gone)
    stack.redo()
    stack.undo()
    assert state(m) == before


def test_paste_is_one_batch_with_the_same_ids_on_redo(qtbot):
    m = grid_model(200)
    stack, scene, view = far_canvas(qtbot, m)
    nodes = [dict(m.node(n), id=n) for n in ("v0", "v1", "v30", "v31")]
    edges = [(s, t, p) for s, t, p in m.edges() if {s, t} <= {"v0", "v1", "v30", "v31"}]
    before, counts = state(m), count_signals(m)
    cmd = C.PasteCommand(m, nodes, edges, 40.0, 40.0)
    C.push(stack, cmd)
    ids = cmd.new_ids
    assert counts["nodes_added"] == 1 and counts["edges_added"] == (1 if edges else 0)
    assert not counts["node_added"] and not counts["edge_added"]
    assert len(set(ids)) == 4 and not set(ids) & set(before[0])
    assert m.position(cmd.ids["v30"]) == (m.position("v30")[0] + 40, m.position("v30")[1] + 40)
    stack.undo()
    assert state(m) == before
    stack.redo()
    assert cmd.new_ids == ids and all(scene.node_item(n) is not None for n in ids)


def test_auto_layout_is_one_move_and_the_overview_is_moved_in_place(qtbot, monkeypatch):
    m = grid_model(500)
    stack, scene, view = far_canvas(qtbot, m)
    before = state(m)
    layer = scene._layer
    rebuilds, repaints = [], []
    real = layer._rebuild
    monkeypatch.setattr(layer, "_rebuild", lambda: rebuilds.append(1) or real())
    monkeypatch.setattr(layer, "_repaint", lambda r: repaints.append(r))
    counts = count_signals(m)
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    view.viewport().repaint()
    assert counts == {"nodes_moved": 1} and stack.count() == 1
    # blocks and lines re-placed in one pass (no rebuild from the items, no repaint per card and wire)
    assert rebuilds == [] and repaints == [] and layer.moved_batches == 1
    drawn = [{k: dict(v) for k, v in b.items() if v} for b in layer._blocks], dict(layer._lines)
    layer._fill()  # what a rebuild from the items draws
    assert drawn == ([{k: dict(v) for k, v in b.items() if v} for b in layer._blocks], layer._lines)
    lines = {k: (a.toTuple(), b.toTuple()) for k, (a, b) in ((e.key, e.ends()) for e in scene.edge_items())}
    want = {
        e.key: (
            scene.node_item(e.source).output_pos().toTuple(),
            scene.node_item(e.target).input_pos(e.port).toTuple(),
        )
        for e in scene.edge_items()
    }
    assert lines == want
    # the hidden wires' curves are made when they are shown, where the wires are now
    assert all(e.stale for e in scene.edge_items())
    view.set_zoom(1.0)
    e = scene.edge_item(*m.edges()[7])
    assert not e.stale and e.path().pointAtPercent(1.0) == e.ends()[1]
    stack.undo()
    assert state(m) == before
    assert all(it.pos().toTuple() == m.position(it.node_id) for it in scene.node_items())
    # a second Auto Layout of a laid-out graph moves nothing
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    counts.clear()
    cmd = C.LayoutCommand(m, layered_positions(m))
    assert cmd.moves == {}


def test_deleting_part_of_a_folded_group_and_undoing_it_keeps_the_card(qtbot):
    m = grid_model(300)
    members = [f"v{i}" for i in range(100, 130)]
    gid = m.groups.add(members, "part", collapsed=True)
    stack, scene, view = far_canvas(qtbot, m)
    view.set_zoom(1.0)
    inner = [(s, t, p) for s, t, p in m.edges() if s in members and t in members]
    assert inner and all(not scene.edge_item(*k).isVisible() for k in inner)
    before = state(m)
    gone = members[10:20] + [f"v{i}" for i in range(200, 230)]
    C.push(stack, C.DeleteCommand(m, m.topological_order(gone)[::-1]))
    QApplication.processEvents()
    assert m.groups.nodes_in(gid) == set(members) - set(gone)
    stack.undo()
    QApplication.processEvents()
    assert state(m) == before and m.groups.nodes_in(gid) == set(members)
    assert scene.folding.card(gid) is not None
    assert all(scene.folding.card_of(n) == gid and not scene.node_item(n).isVisible() for n in members)
    assert all(not scene.edge_item(*k).isVisible() for k in inner)  # wires inside the card stay hidden
    outside = [k for k in m.edges() if (k[0] in members) != (k[1] in members)]
    assert all(scene.edge_item(*k).isVisible() for k in outside)


def test_a_batch_keeps_unknown_keys_named_like_parameters():
    m = GraphModel()
    odd = {"op": "leaf", "value": 2.0, "node_id": "weird", "self": "kept", "op_note": 1}
    m.add_nodes([("a", odd), ("b", {"op": "neg"})], [("a", "b", 0)])
    snap = m.remove_nodes(["a", "b"])
    m.restore_nodes(snap)
    assert m.node("a") == {**odd, "x": 0.0, "y": 0.0} and m.value("b") == -2.0
