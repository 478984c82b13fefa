"""Which groups a delete empties (what the status line names), read once
per group (core/graph/emptied_groups.py): counted, never timed. Asking
``GroupSet.nodes_in`` of each group near the nodes taken walked every group
for each one's children (a Select All, Delete of 50,000 nodes in 500 groups:
250,000 steps)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_grouped_delete_passes import grouped_chain
from window_helpers import answers, open_expanded, tmp_settings, window  # noqa: F401

from core.graph import emptied_groups
from core.graph.group_records import Group
from core.graph.groups import GroupSet


class Counted:
    """A GroupSet as :func:`emptied_groups.emptied_by` reads it, each group
    it reads (``get``) counted."""

    def __init__(self, gs: GroupSet) -> None:
        self.gs, self.read = gs, 0

    def __iter__(self) -> Iterator[Group]:
        return iter(self.gs)

    def get(self, gid: str) -> Group:
        self.read += 1
        return self.gs.get(gid)


def nested() -> GroupSet:
    gs = GroupSet()
    gs.load(
        [
            Group("a", "a", {"a1", "a2"}),
            Group("b", "b", {"b1"}, parent="a"),
            Group("c", "c", {"c1", "c2"}, parent="b"),
            Group("d", "d", {"d1"}),
            Group("e", "e", set(), parent="d"),
            *[Group(f"z{k}", "z", {f"z{k}"}) for k in range(40)],
        ]
    )
    return gs


@pytest.mark.parametrize("seed", range(6))
def test_the_groups_a_delete_empties_are_those_whose_every_node_goes(seed):
    """As ``nodes_in`` of each tells it: the groups near the nodes taken whose
    every node, nested groups' too, is taken, and whether one alone holds
    them all; each group read once, however many groups the graph has."""
    rnd = random.Random(seed)
    gs = nested()
    every = [n for g in gs for n in g.members]
    for _ in range(30):
        taken = set(rnd.sample(every, rnd.randrange(1, 8)))
        if rnd.random() < 0.3:
            taken = set(gs.nodes_in(rnd.choice(["a", "b", "c", "d"])))
        near = {g for g in map(gs.group_of, taken) if g is not None}
        for g in list(near):
            near.update(gs.ancestors(g))
        want = [g for g in sorted(near) if gs.nodes_in(g) <= taken]
        whole = len(want) == 1 and gs.nodes_in(want[0]) == taken
        counted = Counted(gs)
        assert emptied_groups.emptied_by(counted, taken, near) == (want, whole)
        assert counted.read <= len(near) + 3  # (and those nested in them: b, c, e)


@pytest.mark.parametrize("groups", [12, 48])
def test_select_all_delete_says_what_went_reading_each_group_once(
    qtbot, window, tmp_path, monkeypatch, groups
):
    """Select All, Delete of a graph cut in ``groups`` open groups: the status
    line names the groups that went with the nodes, each group read once, not
    asked for every node in it (each such question walked every group for its children)."""
    w = window
    open_expanded(qtbot, w, grouped_chain(groups), tmp_path)
    asked: list[str] = []
    real = GroupSet.nodes_in
    monkeypatch.setattr(GroupSet, "nodes_in", lambda self, gid: asked.append(gid) or real(self, gid))
    w.view.setFocus()
    QApplication.processEvents()  # (as between a user's key presses)
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    read: list[int] = []  # groups read by each ask of which groups the delete empties
    emptied_by = emptied_groups.emptied_by

    def counted(gs, taken, near):
        c = Counted(gs)
        got = emptied_by(c, taken, near)
        read.append(c.read)
        return got

    monkeypatch.setattr(emptied_groups, "emptied_by", counted)
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert len(w.model) == 0 and len(w.model.groups) == 0
    assert f"and {groups} groups" in w.status_text()
    # (another listener asks of one group, however many there are: the selection one group?)
    assert len(asked) <= 2 and read == [groups]
