"""Deleting nodes (and undoing it) tells every listener of a model that
is whole: no signal finds a group member or the output that the graph no
longer has, and none finds the groups changed without a signal of theirs
having told it (their listeners, the canvas's folded cards, would be out
of date).

A listener that read the groups during ``nodes_removed`` saw members the
graph no longer had (the groups forgot them after that signal): a Cut of
a folded card mid-pass raised KeyError in the selection's order. Now the
nodes leave their groups (the emptied groups go) first, told, then they
go (the output cleared before any signal); the undo, backwards."""

from __future__ import annotations

import pytest

from core.graph.model import GraphModel


def grouped() -> GraphModel:
    """x0..x7 in a chain into ``out`` (the output); groups: a {x1},
    b {x2, x3} around inner {x3}, c {x4, x5}, ``out`` in c too."""
    m = GraphModel()
    m.add_node("leaf", "x0", value=0.5)
    for i in range(1, 8):
        m.add_node("tanh", f"x{i}")
        m.connect(f"x{i - 1}", f"x{i}", 0)
    m.add_node("add", "out")
    m.connect("x7", "out", 0)
    m.connect("x5", "out", 1)
    m.set_output("out")
    gs = m.groups
    gs.add(["x1"], "a", gid="a")
    gs.add(["x2", "x3"], "b", gid="b")
    gs.add(["x3"], "inner", gid="inner")
    gs.add(["x4", "x5", "out"], "c", gid="c", collapsed=True)
    return m


SIGNALS = (
    "node_added",
    "node_removed",
    "edge_added",
    "edge_removed",
    "node_changed",
    "values_changed",
    "output_changed",
    "graph_changed",
    "nodes_added",
    "nodes_removed",
    "edges_added",
    "edges_removed",
)


class Watch:
    """Checks the model at every signal of it and of its groups."""

    def __init__(self, m: GraphModel) -> None:
        self.m, self.problems, self.heard = m, [], []
        self.groups_told = self._groups()
        for name in SIGNALS:
            getattr(m, name).connect(self._slot(name))
        m.groups.changed.connect(self._slot("groups.changed"))
        m.groups.nodes_regrouped.connect(self._slot("groups.nodes_regrouped"))

    def _groups(self) -> tuple:
        return self.m.groups.to_records(), dict(self.m.groups.membership())

    def _slot(self, name: str):
        def slot(*args: object) -> None:
            self.heard.append(name)
            m = self.m
            gone = sorted(n for g in m.groups for n in g.members if n not in m)
            if gone:
                self.problems.append(f"{name}: group members not in the graph: {gone}")
            if m.output is not None and m.output not in m:
                self.problems.append(f"{name}: the output {m.output!r} is not in the graph")
            if name.startswith("groups."):
                self.groups_told = self._groups()
            elif self._groups() != self.groups_told:
                self.problems.append(f"{name}: the groups changed, and no signal of theirs said so yet")

        return slot


@pytest.mark.parametrize(
    "ids",
    [
        ["x2"],  # one node, its group stays
        ["x1"],  # the last node of a: the group goes with it
        ["x3", "x1", "x5"],  # several; inner and a emptied
        ["x4", "x5", "out"],  # the whole of the folded c, the output with it
        ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "out"],  # every node (the kept tables)
        "all",  # Select All, Delete (remove_all)
    ],
)
def test_every_signal_of_a_delete_and_its_undo_sees_the_groups_as_they_are(ids):
    m = grouped()
    w = Watch(m)
    records, order, output = m.groups.to_records(), m.groups.ids(), m.output
    for _ in range(2):  # delete, undo; redo, undo
        snap = m.remove_all() if ids == "all" else m.remove_nodes(ids)
        gone = set(m.nodes()) ^ {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "out"}
        assert not any(g.members & gone for g in m.groups)
        assert all(g.members or m.groups.children(g.id) for g in m.groups)  # emptied groups went
        m.restore_nodes(snap)
        assert m.groups.to_records() == records and m.groups.ids() == order and m.output == output
    assert "nodes_removed" in w.heard and "nodes_added" in w.heard
    assert w.problems == []


def test_every_signal_of_a_delete_inside_a_batch_and_its_undo_sees_the_groups():
    """Every node taken out inside a model batch (its tables not kept: the
    undo adds them back with add_nodes), the undo inside one too."""
    m = grouped()
    w = Watch(m)
    records = m.groups.to_records()
    with m.batch():
        snap = m.remove_all()
    assert snap.tables is None and snap.dropped
    with m.batch():
        m.restore_nodes(snap)
    assert m.groups.to_records() == records and m.output == "out" and w.problems == []


def test_one_node_removed_and_put_back_sees_the_groups_as_they_are():
    """remove_node and restore_node (the code editor's undo): one signal
    per step, each finding the model whole."""
    m = grouped()
    w = Watch(m)
    records = m.groups.to_records()
    for n in ("x2", "out", "x1"):
        m.restore_node(m.remove_node(n))
        assert m.groups.to_records() == records and m.output == "out"
    assert "node_removed" in w.heard and w.problems == []


def test_the_nodes_a_delete_or_its_undo_regroups_are_told_in_one_signal():
    """An undo of deleting 50,000 grouped nodes told each node's regrouping
    in a signal of its own (each listener woken 50,000 times: seconds);
    now one signal holds them all, each node once."""
    m = GraphModel()
    ids = [f"n{i}" for i in range(300)]
    for n in ids:
        m.add_node("leaf", n, value=1.0)
    for k in range(0, 300, 30):
        m.groups.add(ids[k : k + 30], f"g{k}", gid=f"g{k}")
    told: list[list[str]] = []
    m.groups.nodes_regrouped.connect(lambda nodes: told.append(list(nodes)))
    half = ids[::2]
    snap = m.remove_nodes(half)
    assert len(told) == 1 and sorted(told[0]) == sorted(half)
    told.clear()
    m.restore_nodes(snap)
    assert len(told) == 1 and sorted(told[0]) == sorted(half)
    assert all(m.groups.group_of(n) == f"g{30 * (int(n[1:]) // 30)}" for n in ids)
