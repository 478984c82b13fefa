"""The linked copies' rule following edits (issue 14: a grouped delete or
its undo at 50,000 nodes read every leaf's uses again, ~50 ms of each):
told by the scene what an edit touched, it reads those leaves again only,
and after any sequence of edits, deletes, undos, group changes and folds
answers as a rule made afresh for the graph as it is."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_delete_grouped_costs import random_grouped
from test_fold_passes import grouped_dag
from test_linked_copies import expected
from window_helpers import answers, open_expanded, tmp_settings, window  # noqa: F401

from core.graph.errors import GraphError
from core.graph.group_records import Group, GroupError
from core.graph.model import GraphModel
from gui.canvas.linked.rule import LinkedRule
from gui.canvas.scene import GraphScene
from gui.common import style as S


def same_as_fresh(rule: LinkedRule, m: GraphModel) -> list[str]:
    """What ``rule`` answers and keeps that a rule made now would not (none: the same)."""
    fresh, out = LinkedRule(m), []
    if set(rule.every_key()) != set(fresh.every_key()):
        out.append("every_key")
    if m.groups and rule._shared_leaves() != fresh._shared_leaves():
        out.append("shared leaves")
    if rule._uses_across() != fresh._uses_across():
        out.append("uses across")
    return out


class _Edits:
    """Random edits of ``m`` as the editor's commands make them, each with its undo."""

    def __init__(self, m: GraphModel, rnd: random.Random) -> None:
        self.m, self.rnd, self.undos = m, rnd, []
        self.made = 0

    def delete(self) -> None:
        m = self.m
        if len(m) < 4:
            return
        snap = m.remove_nodes(self.rnd.sample(m.nodes(), self.rnd.randint(1, min(6, len(m)))))
        self.undos.append(lambda: m.restore_nodes(snap))

    def delete_one(self) -> None:
        m = self.m
        if len(m):
            snap = m.remove_node(self.rnd.choice(m.nodes()))
            self.undos.append(lambda: m.restore_node(snap))

    def delete_all(self) -> None:
        snap = self.m.remove_all()
        self.undos.append(lambda: self.m.restore_nodes(snap))

    def wire(self) -> None:
        m, rnd = self.m, self.rnd
        free = [(t, p) for t in m.nodes() for p, s in enumerate(m.inputs(t)) if s is None]
        if not free or not len(m):
            return
        t, p = rnd.choice(free)
        s = rnd.choice(m.nodes())
        try:
            m.connect(s, t, p)
        except GraphError:
            return
        self.undos.append(lambda: m.disconnect(t, p))

    def unwire(self) -> None:
        m = self.m
        wires = m.edges()
        if wires:
            s, t, p = self.rnd.choice(wires)
            m.disconnect(t, p)
            self.undos.append(lambda: m.connect(s, t, p))

    def add(self) -> None:
        m, rnd = self.m, self.rnd
        self.made += 1
        op = rnd.choice(["leaf", "leaf", "add", "mul"])
        n = m.add_node(op, f"new{self.made}", **({"value": 1.0} if op == "leaf" else {}))
        self.undos.append(lambda: m.remove_node(n))

    def add_many(self) -> None:
        """Nodes and their wires in one batch, some into groups (a paste)."""
        m, rnd = self.m, self.rnd
        if not len(m):
            return
        self.made += 1
        a, b = f"p{self.made}a", f"p{self.made}b"
        olds = rnd.sample(m.nodes(), min(2, len(m)))
        gids = [None, *m.groups.ids()]
        homes = {n: g for n in (a, b) if (g := rnd.choice(gids)) is not None}
        m.add_nodes([(a, {"op": "leaf", "value": 2.0}), (b, {"op": "mul"})], [(a, b, 0)], groups=homes)
        for o in olds:
            if m.inputs(o) and m.inputs(o)[0] is None:
                try:
                    m.connect(a, o, 0)
                except GraphError:
                    pass
        self.undos.append(lambda: self._take_out([a, b]))

    def _take_out(self, nodes: list[str]) -> None:
        """``nodes`` out as a paste's undo takes them: a group they leave empty stays."""
        snap = self.m.remove_nodes(nodes)
        if snap.dropped:
            self.m.groups.restore_dropped(snap.dropped)

    def group(self) -> None:
        m, gs = self.m, self.m.groups
        if not len(m):
            return
        try:
            gid = gs.add(self.rnd.sample(m.nodes(), min(len(m), self.rnd.randint(1, 8))), "grouped")
        except GroupError:
            return
        self.undos.append(lambda: gs.remove(gid))

    def ungroup(self) -> None:
        gs = self.m.groups
        if len(gs):
            snap = gs.remove(self.rnd.choice(gs.ids()))
            self.undos.append(lambda: gs.restore(snap))

    def regroup(self) -> None:
        """A node into another group, its wires as they are (a paste into an open group)."""
        m, gs = self.m, self.m.groups
        if len(m) and len(gs):
            n = self.rnd.choice(m.nodes())
            was = gs.group_of(n)
            gs.place_node(n, self.rnd.choice(gs.ids()))
            self.undos.append(lambda: gs.place_node(n, was) if was is not None else gs.forget_node(n))

    def fold(self) -> None:
        gs = self.m.groups
        if len(gs):
            gid = self.rnd.choice(gs.ids())
            was = gs.get(gid).collapsed
            gs.set_collapsed(gid, not was)
            self.undos.append(lambda: gs.set_collapsed(gid, was) if gid in gs else None)

    def undo(self) -> None:
        if self.undos:
            self.undos.pop()()

    def any(self) -> str:
        kinds = ["delete"] * 4 + ["undo"] * 5 + ["delete_one", "wire", "wire", "unwire", "add", "add_many"]
        kinds += ["group", "ungroup", "regroup", "regroup", "fold", "fold"]
        kinds += ["delete_all"] if self.rnd.random() < 0.1 else []
        kind = self.rnd.choice(kinds)
        getattr(self, kind)()
        return kind


def test_the_rule_answers_as_a_fresh_one_through_random_edits_undos_and_folds(qtbot):
    """The scene tells its rule what each edit touched; asked between edits
    (or after a few at once), it answers as a rule made for the graph as it is."""
    stepped = 0
    for seed in range(30):
        m = random_grouped(seed)
        scene = GraphScene(m)  # (its linked copies listen to the model: gui/canvas/scene.py)
        rule = scene.linked.rule
        assert same_as_fresh(rule, m) == [], seed
        rnd, done = random.Random(seed), []
        edits = _Edits(m, rnd)
        drawn = rule.every_key()
        for step in range(120):
            done.append(edits.any())
            if rnd.random() < 0.6:  # (else a few edits before the rule is asked)
                assert same_as_fresh(rule, m) == [], (seed, step, done[-6:])
                now = rule.every_key()  # what differs from the set drawn last, as told to the overview
                stepped += any(before is drawn for before, _a, _d in rule._steps)
                assert rule.difference(drawn, now) == set(drawn) ^ set(now), (seed, step, done[-6:])
                drawn = now
            if rnd.random() < 0.1:
                QApplication.processEvents()  # (the copies refreshed once the loop turns)
        while edits.undos:
            edits.undo()
        assert same_as_fresh(rule, m) == [], seed
        assert rule.leaves_read > 0  # (read again where told: not every leaf each time)
        scene.deleteLater()
    assert stepped  # (the differences told from the edits' steps)


def test_a_delete_and_its_undo_read_again_only_the_leaves_they_touched(qtbot):
    """3,000 grouped nodes, 600 leaves shared across the groups: deleting a
    few nodes and undoing it reads no leaf but those of the nodes and wires
    it touched, and the linked wires are then those of a fresh rule."""
    m = grouped_dag(3000, nested=False)
    scene = GraphScene(m)
    rule = scene.linked.rule
    keys = rule.every_key()
    assert len(keys) > 400 and rule.reads == 1
    leaves = sum(1 for ins in m.input_table().values() if not ins)
    gone = m.topological_order()[1500:1510]
    touched = len(gone) + sum(len(m.inputs(n)) + len(m.consumers(n)) for n in gone)
    for step in ("delete", "undo"):
        read = rule.leaves_read  # (the undo's frames measure the copies' reach as it comes back: read then)
        if step == "delete":
            snap = m.remove_nodes(gone)
        else:
            m.restore_nodes(snap)
        got = rule.every_key()
        assert rule.reads == 1, step  # no pass over every leaf
        assert 0 < rule.leaves_read - read <= 2 * touched < leaves // 4, step
        assert same_as_fresh(rule, m) == [], step
    assert set(got) == set(keys)
    scene.deleteLater()


def test_far_out_a_grouped_delete_and_undo_read_no_leaf_but_theirs(qtbot, window, tmp_path):
    """As a user: far out (the overview leaves the linked wires out), Delete
    of a group's nodes and Ctrl+Z each read the leaves they touched only."""
    m = grouped_dag(3000, nested=True)
    open_expanded(qtbot, window, m, tmp_path)
    sc, view, rule = window.scene, window.view, window.scene.linked.rule
    view.set_zoom(S.FAR_ZOOM / 4)
    view.setFocus()
    QApplication.processEvents()
    view.viewport().repaint()
    reads, leaves_read, count, compared = rule.reads, rule.leaves_read, len(window.model), rule.compared
    told = rule.told
    members = sorted(window.model.groups.get("g5").members)
    sc.select_ids(members)
    QApplication.processEvents()  # (the Delete action enabled for the selection)
    ctrl, plain = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
    for key, mod, left in ((Qt.Key.Key_Delete, plain, count - len(members)), (Qt.Key.Key_Z, ctrl, count)):
        qtbot.keyClick(view, key, mod)
        QApplication.processEvents()
        view.viewport().repaint()
        QApplication.processEvents()
        assert len(window.model) == left, key
        assert rule.reads == reads, key
        assert rule.compared == compared, key  # (the overview and the frames told what differs)
        assert rule.told >= told + 2, key
        told = rule.told
        assert same_as_fresh(rule, window.model) == [], key
    assert "g5" in window.model.groups
    assert 0 < rule.leaves_read - leaves_read < 600


def test_folding_one_group_looks_at_the_uses_into_its_own_nodes_only():
    """3,000 grouped nodes: folding a group, opening it, folding another
    changes the far overview's set by the linked wires into their nodes,
    looked at alone (each fold filtered all ~460 uses across groups)."""
    m = grouped_dag(3000, nested=False)
    rule, gs = LinkedRule(m), m.groups
    across = rule._uses_across()[0]
    into = {g.id: sum(1 for (_s, t, _p) in across if t in g.members) for g in gs}
    a, b = sorted(into, key=into.__getitem__)[-2:]  # (the two groups fed most by linked wires)
    drawn, filtered = rule.every_key(), rule.filtered
    for gid, folded in ((a, True), (a, False), (b, True)):
        gs.set_collapsed(gid, folded)
        rule.changed(wiring=False)  # (as the copies tell it at a fold)
        now = rule.every_key()
        assert set(now) == expected(m), gid
        assert rule.difference(drawn, now) == set(drawn) ^ set(now) != set(), gid
        drawn = now
    assert 0 < rule.filtered - filtered <= 2 * into[a] + into[b] < len(across)


def test_the_undo_of_deleting_every_grouped_node_takes_the_rule_back_unread(qtbot):
    """Every node deleted (Select All, Delete) and put back by the undo: the
    very graph (the model's snapshot, untouched) with each node in its group,
    the rule's tables come back as the delete left them, no leaf read, its
    set of linked wires the very one (folded groups too); a group made and
    gone in between, or the snapshot's nodes handed out: read again. Each
    time, the rule answers as one made afresh."""
    for seed in range(6):
        m = random_grouped(seed)  # (some groups folded: the filtered set taken back too)
        scene = GraphScene(m)
        rule = scene.linked.rule
        keys = rule.every_key()
        for _ in range(2):
            snap = m.remove_all()
            reads, taken = rule.reads, rule.taken_back
            m.restore_nodes(snap)
            assert rule.every_key() is keys, seed
            assert (rule.reads, rule.taken_back) == (reads, taken + 1), seed
            assert same_as_fresh(rule, m) == [], seed
        for between in ("group made and gone", "nodes handed out"):
            snap = m.remove_all()
            if between == "nodes handed out":
                assert snap.nodes
            else:
                m.groups.load([Group("extra", "extra", set())])
                m.groups.load([])
            reads, taken = rule.reads, rule.taken_back
            m.restore_nodes(snap)
            assert len(rule.every_key()) == len(keys), (seed, between)
            assert rule.reads == reads + 1 and rule.taken_back == taken, (seed, between)
            assert same_as_fresh(rule, m) == [], (seed, between)
        scene.deleteLater()
