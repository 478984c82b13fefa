"""Auto Layout with lanes (core/graph/lanes.py) on odd graphs: every node
placed at a finite spot, no two shown things overlapping, no lane among
the positions, the same graph laid out the same way twice; a node id may
be any non-empty string (the file format's rule), a lane's name too, and a
group's id may be a node's."""

from __future__ import annotations

import contextlib
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from test_group_layout import check_whole

from core.files import fileio
from core.graph.group_layout import auto_positions, grouped_positions
from core.graph.group_records import GroupError
from core.graph.layout import layered_positions
from core.graph.model import GraphModel

OPS = ("leaf", "add", "mul", "tanh", "exp")


@st.composite
def specs(draw):
    """A random DAG (multi-edges: a * a, b + b; lone nodes; all wires long)
    and random nested groups over it, some of them of one node, some folded."""
    n = draw(st.integers(1, 14))
    nodes = []
    for i in range(n):
        op = "leaf" if i == 0 else draw(st.sampled_from(OPS))
        arity = {"leaf": 0, "tanh": 1, "exp": 1}.get(op, 2)
        ins = [draw(st.integers(0, i - 1)) for _ in range(arity)]
        if ins and draw(st.booleans()):  # a * a, b + b
            ins = [ins[0]] * arity
        nodes.append((op, ins))
    members = st.lists(st.integers(0, n - 1), min_size=1, max_size=n)
    groups = draw(st.lists(st.tuples(members, st.booleans()), max_size=4))
    ids = draw(st.sampled_from(["plain", "nul", "clash", "mark"]))
    return nodes, groups, ids


def build(spec) -> GraphModel:
    nodes, groups, ids = spec
    m = GraphModel()
    names = []
    for i, (op, ins) in enumerate(nodes):
        nid = {"nul": f"\0lane{i}", "mark": f"\0group n{i}"}.get(ids, f"n{i}")  # (a file may name a node so)
        names.append(m.add_node(op, nid, value=1.0) if op == "leaf" else m.add_node(op, nid))
        for port, s in enumerate(ins):
            m.connect(names[s], names[-1], port)
    for k, (members, folded) in enumerate(groups):
        # a group's id may be a node's (ids are the file's, each kind its own namespace)
        gid = {"nul": f"\0lane{100 + k}", "clash": f"n{k}", "mark": f"n{k}"}.get(ids, f"g{k}")
        with contextlib.suppress(GroupError):  # (groups that cannot nest: left out)
            m.groups.add([names[i] for i in members], f"g{k}", gid=gid, collapsed=folded)
    return m


def check(m: GraphModel, pos: dict) -> None:
    assert set(pos) == set(m.nodes())  # (none missing, no lane's name among them)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


@settings(max_examples=300, deadline=None)
@given(specs())
def test_every_node_placed_finite_apart_and_the_same_twice(spec):
    m = build(spec)
    for lay in (layered_positions, auto_positions, grouped_positions):
        pos = lay(m)
        check(m, pos)
        assert lay(build(spec)) == pos  # (deterministic)
    if len(m.groups):
        check_whole(m, auto_positions(m))
    else:
        plain = layered_positions(m)
        shown = {(round(x, 6), round(y, 6)) for x, y in plain.values()}
        assert len(shown) == len(plain)


def test_a_node_named_as_a_lane_is_laid_out():
    """A file's node "\\0lane0" (any non-empty string is an id) lost its
    position to the lane of the wire past the chain, and its wires."""
    m = GraphModel()
    a = m.add_node("leaf", value=1.0)
    b, c = m.add_node("tanh"), m.add_node("tanh")
    d = m.add_node("add", "\0lane0")
    for s, t, port in ((a, b, 0), (b, c, 0), (c, d, 0), (a, d, 1)):
        m.connect(s, t, port)
    m = fileio.loads(fileio.dumps(m))
    for lay in (layered_positions, auto_positions):
        pos = lay(m)
        assert set(pos) == {a, b, c, d}
        assert pos[a][0] < pos[b][0] < pos[c][0] < pos[d][0]
