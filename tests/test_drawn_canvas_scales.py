"""The canvas as drawn (core/graph/drawn_canvas.py) is read on every add
(the f(x) bar, Import Code's Add to Graph, a Code panel edit): it asked
``GroupSet.children``, which scans every group, once per group, so an add
beside 6,000 groups (a script imported with a group a statement) took 1.8 s.
Guarded by counting the groups read, not by a clock."""

from __future__ import annotations

from core.graph.drawn_canvas import DrawnCanvas
from core.graph.groups import Group, GroupSet
from core.graph.model import GraphModel


def test_the_drawn_canvas_reads_each_group_a_bounded_number_of_times(monkeypatch):
    m = GraphModel()
    for i in range(2000):
        m.add_node("leaf", f"a{i}", value=1.0)
        m.set_position(f"a{i}", (i % 50) * 240.0, (i // 50) * 110.0)
    groups = [Group(f"g{k}", f"g{k}", {f"a{j}" for j in range(4 * k, 4 * k + 4)}) for k in range(500)]
    groups[0].collapsed = True
    m.groups.load(groups)
    scans = []
    real = GroupSet.children
    monkeypatch.setattr(GroupSet, "children", lambda self, gid: scans.append(gid) or real(self, gid))
    canvas = DrawnCanvas(m)
    assert len(scans) <= 10, len(scans)  # (was one scan of every group per group: 500)
    assert canvas.card_of("a0") == "g0" and canvas.card_of("a4") == "a4"
    assert len(canvas.frames) == 499  # (each open group's frame; the folded one is its card)
