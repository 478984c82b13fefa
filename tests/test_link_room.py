"""core/graph/link_room.py and the copies' reach in core/graph/layout.py,
in plain Python: which new cards will have linked copies (read from the new
wires' sources), the room their columns get, and that the room a frame
keeps above and below a card is what the canvas draws."""

from __future__ import annotations

import pytest

from core.code.codeadd import canvas_names, import_code, plan_add
from core.code.codein import parse_code
from core.graph.layout import COLUMN, LINK_ROOM, NODE_H, NODE_W, copy_overhang
from core.graph.link_room import copies_due, spread_columns, step_right
from gui.canvas.linked.copy_item import room_rect

LOGREG = "p1 = sigmoid(w*x1 + b)\np2 = sigmoid(w*x2 + b)\nL = (p1 - y1)**2 + (p2 - y2)**2\n"


@pytest.mark.parametrize(("arity", "port"), [(1, 0), (2, 0), (2, 1)])
def test_the_overhang_layout_leaves_is_what_the_canvas_draws(arity, port):
    r = room_rect(arity, port)
    assert copy_overhang(arity, port) == (max(0.0, -NODE_H / 2 - r.top()), max(0.0, r.bottom() - NODE_H / 2))


def test_a_two_input_cards_copies_and_its_neighbours_in_the_next_row_keep_apart():
    above, below = copy_overhang(2, 0)[0], copy_overhang(2, 1)[1]
    assert NODE_H + above + below < 110.0  # (ROW: one card's lower copy, the next one's upper)


def test_the_formulas_uses_of_the_canvass_shared_leaves_are_due_room_and_get_it():
    model, _plan = import_code(LOGREG, {"w": 0.5, "b": -1, "x1": 2, "y1": 1, "x2": -1, "y2": 0})
    graph = parse_code("M = (y1 - y2)**2 * w + tanh(b*b)")
    reuse, _many = canvas_names(model, graph)
    plan = plan_add(model, graph, reuse=reuse)
    pos = {n: (a["x"], a["y"]) for n, a in plan.nodes}
    label = {a.get("label", n): n for n, a in plan.nodes}
    # y1 - y2 and b*b read leaves of other groups (y1, y2: used once before, by L's
    # group, now twice); (y1 - y2)**2 * w reads w: each gets the room left of it
    due = {label["y1 - y2"], label["b*b"], label["(y1 - y2)**2 * w"]}
    edges = [e for e in plan.edges if e[1] in pos]
    leaves = {n for n, a in plan.nodes if a["op"] == "leaf"}
    assert set(copies_due(model, leaves, edges)) == due
    right = max(model.position(n)[0] for n in model.nodes())
    for n in due:
        left_cards = [x for m, (x, y) in pos.items() if x < pos[n][0]] or [right]
        assert pos[n][0] - max(left_cards) - NODE_W >= LINK_ROOM, n


def test_columns_move_apart_only_where_a_copy_is_due():
    pos = {"a": (0.0, 0.0), "b": (COLUMN, 0.0), "c": (2 * COLUMN, 0.0), "d": (2 * COLUMN, 110.0)}
    assert spread_columns(pos, set()) == pos
    got = spread_columns(pos, {"c"})
    extra = LINK_ROOM - (COLUMN - NODE_W)
    assert got == {
        "a": (0.0, 0.0),
        "b": (COLUMN, 0.0),
        "c": (2 * COLUMN + extra, 0.0),
        "d": (2 * COLUMN + extra, 110.0),
    }
    assert step_right(pos, set()) == COLUMN and step_right(pos, {"a"}) == NODE_W + LINK_ROOM
    assert step_right(pos, {"c"}) == COLUMN  # (room enough right of the graph: its column has it)


def test_a_leaf_used_once_or_in_the_consumers_group_is_due_nothing():
    model, _plan = import_code(LOGREG, {"w": 0.5, "b": -1, "x1": 2, "y1": 1, "x2": -1, "y2": 0})
    assert copies_due(model, set(), [("y1", "n1", 1)]) == {"n1": copy_overhang(2, 1)}  # y1: used twice now
    line3 = model.groups.group_of("y1")
    assert copies_due(model, set(), [("y1", "n1", 1)], [(line3, "", ["n1"])]) == {}  # (in y1's group)
    assert copies_due(model, {"z"}, [("z", "n1", 0)]) == {}  # a new leaf used once
    assert copies_due(model, {"z"}, [("z", "n1", 0), ("z", "n2", 0)], [("g", "", ["n1"])]) == {
        "n1": copy_overhang(2, 0),  # (in another group than z)
        "z": (0.0, 0.0),  # (its badge)
    }
    assert copies_due(model, set(), [("p1", "n1", 0)]) == {}  # not a leaf: its wire is drawn
    plain, _ = import_code("q = a + b\n", {"a": 1, "b": 2})
    assert copies_due(plain, set(), [("a", "n1", 0)]) == {}  # a and its uses in no group: one group
