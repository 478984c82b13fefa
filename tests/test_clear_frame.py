"""core/graph/clear_frame.py: a new group's frame is cleared of what is not
its own, the shortest way, nothing brought closer, members left in place."""

from __future__ import annotations

import random

import pytest

from core.graph.clear_frame import MOST, MOST_MOVED, clear_frame


class Positions:
    """The model's ``position``, all clear_frame reads of it."""

    def __init__(self, at: dict[str, tuple[float, float]]) -> None:
        self.at = at

    def position(self, n: str) -> tuple[float, float]:
        return self.at[n]


def overlap(a, b) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def card(n: str, x: float, y: float):
    return (x - 60, y - 30, x + 60, y + 30), [n]


def test_the_blogs_c_leaves_upwards_pushing_only_what_is_in_its_way():
    frame = (-80.0, -110.0, 320.0, 110.0)  # around a (0,-55), b (0,55), e (240,55)
    units = [card("c", 240, -55), card("f", 480, -55), card("d", 480, 55), card("L", 720, 0)]
    at = {"c": (240.0, -55.0), "f": (480.0, -55.0), "d": (480.0, 55.0), "L": (720.0, 0.0)}
    moves = clear_frame(frame, units, Positions(at), gap=24.0)
    assert set(moves) == {"c"}  # f, level with it but beside it, stays
    assert moves["c"] == ((240.0, -55.0), (240.0, -55.0 - (-25 + 110 + 24)))  # its bottom 24 above the frame
    # a card right above c is pushed along, and one above that, by as much
    units += [card("u1", 250, -200), card("u2", 230, -330), card("far", 900, -200)]
    at |= {"u1": (250.0, -200.0), "u2": (230.0, -330.0), "far": (900.0, -200.0)}
    moves = clear_frame(frame, units, Positions(at), gap=24.0)
    assert set(moves) == {"c", "u1", "u2"}
    assert {moves[n][1][1] - at[n][1] for n in ("c", "u1", "u2")} == {-(-25 + 110 + 24)}


def test_a_frame_whose_card_would_push_thousands_moves_nothing():
    """A review: grouping two nodes of a 50,000-node graph moved 49,792 of
    them (everything as high as the card that left): now only what is in
    its path moves, and a push of more than MOST_MOVED nodes is left to Layout."""
    units = [card("in", 50, 50)] + [card(f"n{k}", 50, -80 * (k + 1)) for k in range(MOST_MOVED + 1)]
    at = {u[1][0]: ((u[0][0] + u[0][2]) / 2, (u[0][1] + u[0][3]) / 2) for u in units}
    assert clear_frame((0.0, 0.0, 100.0, 110.0), units, Positions(at)) == {}
    assert set(clear_frame((0.0, 0.0, 100.0, 110.0), units[:50], Positions(at))) == {
        u[1][0] for u in units[:50]
    }


def test_nothing_in_the_frame_moves_nothing():
    units = [card("x", 1000, 0)]
    assert clear_frame((0.0, 0.0, 100.0, 100.0), units, Positions({"x": (1000.0, 0.0)})) == {}


@pytest.mark.parametrize("seed", range(40))
def test_every_unit_leaves_the_frame_and_none_comes_closer_to_another(seed):
    rnd = random.Random(seed)
    frame = (0.0, 0.0, rnd.uniform(200, 600), rnd.uniform(150, 500))
    units, at = [], {}
    while len(units) < rnd.randint(3, 25):  # cards apart from one another, some in the frame
        x, y = rnd.uniform(-400, 1000), rnd.uniform(-400, 900)
        r, nodes = card(f"n{len(units)}", x, y)
        if all(not overlap(r, o) for o, _n in units):
            units.append((r, nodes))
            at[nodes[0]] = (x, y)
    moves = clear_frame(frame, units, Positions(at), gap=10.0)
    after = []
    for r, (n,) in units:
        (x0, y0), (x1, y1) = moves.get(n, (at[n], at[n]))
        assert (x0, y0) == at[n]
        after.append((r[0] + x1 - x0, r[1] + y1 - y0, r[2] + x1 - x0, r[3] + y1 - y0))
    assert not any(overlap(r, frame) for r in after)
    for i in range(len(after)):
        for j in range(i + 1, len(after)):
            assert not overlap(after[i], after[j])  # apart before: apart after


def test_a_frame_across_too_many_cards_is_left_to_layout():
    units = [card(f"n{k}", 10 + 130 * (k % 30), 10 + 70 * (k // 30)) for k in range(MOST + 1)]
    at = {u[1][0]: ((u[0][0] + u[0][2]) / 2, (u[0][1] + u[0][3]) / 2) for u in units}
    assert clear_frame((0.0, 0.0, 5000.0, 5000.0), units, Positions(at)) == {}


def test_another_groups_frame_overlapping_is_not_taken_out_only_pushed():
    """A group's frame across the new one (interleaved members: sibling
    frames overlap) is not taken out (the review's neuron: eight nodes of
    "cross" moved aside); a card in the frame leaves, pushing what is in its way."""
    frame = (0.0, 0.0, 300.0, 300.0)
    units = [card("c", 150, 40)]  # the card in no group, in the frame's top
    units.append(((200.0, -400.0, 700.0, 250.0), ["g1", "g2"]))  # another group's frame, across it
    at = {"c": (150.0, 40.0), "g1": (400.0, -100.0), "g2": (500.0, 0.0)}
    moves = clear_frame(frame, units, Positions(at), gap=10.0, takes=1)
    dy = {n: moves[n][1][1] - at[n][1] for n in moves}
    assert set(moves) == {"c", "g1", "g2"} and len(set(dy.values())) == 1  # up, the group in its way pushed
    assert dy["c"] == -(70 + 10)  # its bottom (70) a gap above the frame's top
    assert clear_frame(frame, units[1:], Positions(at), gap=10.0, takes=0) == {}  # the frame alone: stays
