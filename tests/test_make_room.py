"""Room for a folded group to open in place (core.graph.make_room): space
inserted around the open group just where it lands on something, nothing
moved closer to anything, what is drawn as one moved as one."""

from __future__ import annotations

import itertools
import random

import pytest

from core.graph import make_room as make_room_module
from core.graph.make_room import make_room
from core.graph.model import GraphModel

W, H = 132.0, 64.0


def grid(seed: int) -> tuple[GraphModel, list]:
    """Cards on a jittered grid, each a unit; a few units of two nodes."""
    rnd = random.Random(seed)
    m = GraphModel()
    for i, j in itertools.product(range(9), range(9)):
        m.add_node(
            "leaf",
            f"n{i}_{j}",
            value=1.0,
            x=i * 200.0 + rnd.uniform(-20, 20),
            y=j * 110.0 + rnd.uniform(-10, 10),
        )
    return m, [[n] for n in m.nodes()]


def rect_of(m: GraphModel, nodes: list[str], pos=None):
    ps = [(pos or {}).get(n, m.position(n)) for n in nodes]
    return (
        min(p[0] for p in ps) - W / 2,
        min(p[1] for p in ps) - H / 2,
        max(p[0] for p in ps) + W / 2,
        max(p[1] for p in ps) + H / 2,
    )


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("seed", range(12))
def test_the_open_group_is_cleared_and_nothing_new_overlaps(seed):
    rnd = random.Random(seed)
    m, units = grid(seed)
    # the card of a group that was at (cx, cy): opens to a bigger rect, down and right
    cx, cy = rnd.uniform(300, 1200), rnd.uniform(200, 700)
    card = (cx, cy, cx + 232, cy + 90)
    opened = (cx - 30, cy - 20, cx + rnd.uniform(300, 900), cy + rnd.uniform(200, 600))
    # what sits on the card itself was there before: leave those out
    units = [u for u in units if not overlap(rect_of(m, u), card)]
    moves = make_room(opened, card, [(rect_of(m, u), u) for u in units], m)
    new = {n: b for n, (_a, b) in moves.items()}
    after = [rect_of(m, u, new) for u in units]
    assert not any(overlap(r, opened) for r in after)
    before = [rect_of(m, u) for u in units]
    for i, j in itertools.combinations(range(len(units)), 2):
        if not overlap(before[i], before[j]):
            assert not overlap(after[i], after[j])
    # centres keep their order on each axis
    for i, j in itertools.combinations(range(len(units)), 2):
        for k in (0, 1):
            ci, cj = (before[i][k] + before[i][k + 2]) / 2, (before[j][k] + before[j][k + 2]) / 2
            ni, nj = (after[i][k] + after[i][k + 2]) / 2, (after[j][k] + after[j][k + 2]) / 2
            if ci < cj:
                assert nj - ni >= cj - ci - 1e-9


def test_a_unit_moves_whole():
    m, _ = grid(0)
    unit = ["n6_4", "n7_4", "n6_5"]
    card = (500.0, 300.0, 732.0, 390.0)
    moves = make_room((480.0, 280.0, 1500.0, 900.0), card, [(rect_of(m, unit), unit)], m)
    shifts = {(round(b[0] - a[0], 6), round(b[1] - a[1], 6)) for a, b in moves.values()}
    assert set(moves) == set(unit) and len(shifts) == 1


def test_opening_onto_free_space_moves_nothing():
    m, units = grid(1)
    far = [u for u in units if rect_of(m, u)[0] > 1000]
    card = (0.0, 0.0, 232.0, 90.0)
    assert make_room((-20.0, -20.0, 600.0, 400.0), card, [(rect_of(m, u), u) for u in far], m) == {}


@pytest.mark.parametrize("seed", range(4))
def test_most_of_a_big_graph_moving_reads_positions_in_one_pass_to_the_same_moves(seed, monkeypatch):
    rnd = random.Random(seed)
    m, units = grid(seed)
    cx, cy = rnd.uniform(300, 1200), rnd.uniform(200, 700)
    card = (cx, cy, cx + 232, cy + 90)
    opened = (cx - 30, cy - 20, cx + rnd.uniform(300, 900), cy + rnd.uniform(200, 600))
    units = [(rect_of(m, u), u) for u in units if not overlap(rect_of(m, u), card)]
    one_by_one = make_room(opened, card, units, m)
    monkeypatch.setattr(make_room_module, "_MANY", 0)  # as for a big graph
    asked: list[str] = []
    real = GraphModel.position
    monkeypatch.setattr(GraphModel, "position", lambda self, n: asked.append(n) or real(self, n))
    assert make_room(opened, card, units, m) == one_by_one and one_by_one
    assert asked == []  # no checked lookup per node
