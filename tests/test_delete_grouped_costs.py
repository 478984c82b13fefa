"""Deleting in a grouped graph, and its undo, guarded by what the
algorithms do rather than the clock (issue 14): the linked-copies rule
read from each leaf's uses (checked against the rule written from its
definition, through deletes and undos), the fold index filing no wire one
by one once no node is in a group, and a delete that empties many groups
forgetting their nodes in bulk."""

from __future__ import annotations

import random

from fold_consistency import consistent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_expanded, select_all_and_delete, tmp_settings, window  # noqa: F401

from core.graph.group_records import Group
from core.graph.model import GraphModel
from gui.canvas.folding.fold_index import FoldIndex
from gui.canvas.linked.rule import LinkedRule
from gui.common import style as S


def random_grouped(seed: int) -> GraphModel:
    """A random DAG with leaves used once, twice by one node (``a*a``), or
    by many; nested groups, some folded."""
    rnd = random.Random(seed)
    nodes = [(f"x{i}", {"op": "leaf", "value": rnd.uniform(-2, 2)}) for i in range(12)]
    edges = []
    ids = [n for n, _ in nodes]
    for i in range(40):
        nid = f"n{i}"
        nodes.append((nid, {"op": rnd.choice(["add", "mul", "sub"])}))
        a = rnd.choice(ids)
        b = a if rnd.random() < 0.15 else rnd.choice(ids)  # (a node fed twice by one source)
        edges += [(a, nid, 0), (b, nid, 1)]
        ids.append(nid)
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    order = list(ids)
    rnd.shuffle(order)
    outer = [Group("g0", "outer", set(order[:10])), Group("g1", "other", set(order[10:25]))]
    inner = [Group("g2", "inner", set(order[25:32]), parent="g0", collapsed=rnd.random() < 0.5)]
    folded = [Group("g3", "folded", set(order[32:40]), collapsed=True)]
    m.groups.load(outer + inner + folded)
    return m


def by_definition(m: GraphModel) -> set[tuple[str, str, int]]:
    """Every linked wire, as the rule reads (gui/canvas/linked/rule.py): from
    a leaf used more than once, one use at least in another group than the
    leaf's, into a consumer in another group that is not folded away."""
    gs, out = m.groups, set()
    for s in m.nodes():
        if m.inputs(s):
            continue
        uses = m.consumers(s)
        home = gs.group_of(s)
        if len(uses) < 2 or all(gs.group_of(t) == home for t, _ in uses):
            continue
        hidden = _hidden(m)
        out |= {(s, t, p) for t, p in uses if gs.group_of(t) != home and gs.group_of(t) not in hidden}
    return out


def _hidden(m: GraphModel) -> set[str]:
    gs, out = m.groups, set()
    for g in gs:
        a: str | None = g.id
        while a is not None:
            if gs.get(a).collapsed:
                out.add(g.id)
                break
            a = gs.get(a).parent
    return out


def test_the_linked_wires_are_those_of_the_rules_definition_through_deletes_and_undos():
    for seed in range(25):
        m = random_grouped(seed)
        rule = LinkedRule(m)
        assert set(rule.every_key()) == by_definition(m), seed
        rnd = random.Random(seed)
        gone = rnd.sample(m.nodes(), 9)
        snap = m.remove_nodes(gone)
        rule.changed()
        assert set(rule.every_key()) == by_definition(m), seed
        m.restore_nodes(snap)
        rule.changed()
        assert set(rule.every_key()) == by_definition(m), seed


def test_with_no_node_in_a_group_the_fold_index_files_every_wire_at_the_top_in_one_go(monkeypatch):
    m = random_grouped(3)
    index = FoldIndex(m.groups)
    wires = m.edges()
    index.rebuild(wires)
    crossing = {k for k, home in index.home.items() if home is None}
    assert crossing and any(index.entering.values())  # (grouped: some wires cross a boundary)
    m.groups.load([])
    added: list = []
    real = FoldIndex.add
    monkeypatch.setattr(FoldIndex, "add", lambda self, key: added.append(key) or real(self, key))
    index.rebuild(wires)
    assert added == []  # (was: every wire through add, ~10 µs each: 68,000 when a delete empties every group)
    assert index.home == dict.fromkeys(wires) and not index.entering and not index.leaving
    assert not index.inner and index.crossing("g0") == set()


def test_the_nodes_a_delete_takes_leave_their_groups_in_one_signal_and_emptied_groups_go():
    m = random_grouped(5)
    gs = m.groups
    told: list = []
    regrouped: list = []
    gs.changed.connect(told.append)
    gs.nodes_regrouped.connect(regrouped.append)
    members = {g.id: set(g.members) for g in gs}
    taken = sorted(members["g3"] | set(list(members["g1"])[:3]))
    snap = m.remove_nodes(taken)
    assert "g3" not in {g.id for g in gs}  # emptied: gone with its nodes
    assert gs.get("g1").members == members["g1"] - set(taken)
    assert all(gs.group_of(n) is None for n in taken)
    assert len(regrouped) == 1 and sorted(regrouped[0]) == taken  # (each node once, all in one signal)
    assert len(told) == 1  # one batch, one signal
    m.restore_nodes(snap)
    assert {g.id: set(g.members) for g in gs} == members
    assert all(gs.group_of(n) == next(g for g, ns in members.items() if n in ns) for n in taken)
    assert len(told) == 2 and len(regrouped) == 2  # (put back: one signal each, as taken)
    assert set(regrouped[1]) <= set(taken)


def test_deleting_every_grouped_node_and_undoing_it_puts_every_card_and_group_back(qtbot, window, tmp_path):
    m = random_grouped(8)
    open_expanded(qtbot, window, m, tmp_path)
    sc, view = window.scene, window.view
    groups = {g.id: set(g.members) for g in window.model.groups}
    select_all_and_delete(qtbot, window)
    assert len(window.model) == 0 and len(window.model.groups) == 0
    assert consistent(sc) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert {g.id: set(g.members) for g in window.model.groups} == groups
    assert consistent(sc) == []
    assert all(sc.node_item(n) is not None and sc.node_item(n).isVisible() for n in window.model.nodes())


def overview_tables(layer) -> tuple:
    """The far overview's filing: each card's block and colour by box, each
    wire's line by kind and box (as plain values, to compare)."""

    def rects(by_box):
        return {b: {k: r.getCoords() for k, r in t.items() if r is not None} for b, t in by_box.items() if t}

    def lines(by_box):
        return {b: {k: (x if not hasattr(x, "toTuple") else x.toTuple()) for k, x in t.items()}
                for b, t in by_box.items() if t}  # fmt: skip

    wide = {b: {k: (w, line.toTuple()) for k, (w, line) in t.items()} for b, t in layer._wide.items() if t}
    blocks = [rects(b) for b in layer._blocks]
    return blocks, dict(layer._color), lines(layer._lines), lines(layer._hot), wide, dict(layer._box_of)


def as_rebuilt(layer) -> tuple:
    layer.invalidate()
    layer._rebuild()
    return overview_tables(layer)


def test_regrouping_files_the_overviews_blocks_and_lines_again_as_a_rebuild_would_without_one(
    qtbot, window, tmp_path, monkeypatch
):
    from gui.canvas.overview.overview import OverviewLayer

    m = random_grouped(8)
    open_expanded(qtbot, window, m, tmp_path)
    sc, view = window.scene, window.view
    layer = sc._layer
    view.set_zoom(0.05)  # far out: the overview draws the graph
    QApplication.processEvents()
    view.viewport().repaint()  # (its first picture: built)
    QApplication.processEvents()
    fills: list = []
    real = OverviewLayer._fill
    monkeypatch.setattr(OverviewLayer, "_fill", lambda self: fills.append(1) or real(self))
    # a group made and undone: its cards and wires into its box and back out
    some = [n for n in window.model.nodes() if window.model.groups.group_of(n) is None][:4]
    sc.select_ids(some)
    window.grouping.group_selection(label="made here")
    QApplication.processEvents()
    view.viewport().repaint()
    assert fills == []  # (was: the whole overview rebuilt, every card and wire asked again)
    assert overview_tables(layer) == as_rebuilt(layer)
    window.undo_stack.undo()
    QApplication.processEvents()
    view.viewport().repaint()
    assert len(fills) == 1  # (the one of as_rebuilt)
    assert overview_tables(layer) == as_rebuilt(layer)
    # every grouped node deleted, and put back with its groups
    select_all_and_delete(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view.viewport().repaint()
    got = overview_tables(layer)
    assert got[1] and got == as_rebuilt(layer)


def test_the_fold_index_rebuilt_at_once_files_every_wire_as_adding_each_would():
    def filing(index):
        return (index.home, index.entering, index.leaving, index.inner, dict(index._crosses))

    for seed in range(20):
        m = random_grouped(seed)
        wires = m.edges()
        whole = FoldIndex(m.groups)
        whole.rebuild(wires)
        each = FoldIndex(m.groups)
        for key in wires:
            each.add(key)
        assert filing(whole) == filing(each), seed
        assert whole.stamp == each.stamp == len(wires)
        assert any(len(whole.chain(g.id)) > 1 for g in m.groups)  # (a nested group: its chains compared)


def test_a_delete_in_a_grouped_graph_reads_the_leaves_uses_once(qtbot, window, tmp_path):
    """Far out (as the benchmark's 50,000 nodes): the nodes leave their
    groups before their wires go, and the linked wires are worked out once,
    for the graph as the delete leaves it (they were read for the groups'
    change and the frames' measure too, with the old wiring, then again):
    from the leaves the delete touched only, each once, not every leaf."""
    m = random_grouped(3)
    open_expanded(qtbot, window, m, tmp_path)
    sc, view, rule = window.scene, window.view, window.scene.linked.rule
    view.set_zoom(S.FAR_ZOOM / 4)
    view.setFocus()
    QApplication.processEvents()
    view.viewport().repaint()  # (drawn as it is: what the overview leaves out is known)
    sc.select_ids(sorted(window.model.groups.get("g1").members))
    gone = set(window.model.groups.get("g1").members)
    feeding = {s for n in gone for s in window.model.inputs(n)}  # (their uses change)
    before, leaves_read = rule.reads, rule.leaves_read
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    view.viewport().repaint()
    QApplication.processEvents()
    assert "g1" not in window.model.groups
    assert rule.reads == before  # (no pass over every leaf)
    assert 0 < rule.leaves_read - leaves_read <= len(gone | feeding)
    assert set(rule.every_key()) == by_definition(window.model)
    assert consistent(sc) == []
