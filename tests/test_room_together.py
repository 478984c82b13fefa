"""Room made for one opened group keeps a data point's inputs together and
beside the card they feed (issue 10, a new user on the MLP template:
opening layer 1 [2] moved x1[2] up with the rows above the card while
x3[2], level with it, stayed; core/graph/room_together.py)."""

from __future__ import annotations

import itertools
import random

import pytest
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_make_room import H, overlap, rect_of
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

from core.graph import make_room as make_room_module
from core.graph import room_together as together
from core.graph.make_room import make_room
from core.graph.model import GraphModel


def _shift(moves: dict, n: str) -> tuple[float, float]:
    (x0, y0), (x1, y1) = moves.get(n, ((0.0, 0.0), (0.0, 0.0)))
    return round(x1 - x0, 6), round(y1 - y0, 6)


@pytest.mark.parametrize("name", [f"layer {layer} [{k}]" for layer in (1, 2) for k in range(1, 5)])
def test_opening_a_layer_of_the_mlp_keeps_each_points_inputs_together_and_by_their_card(
    qtbot, window, tmp_path, name
):
    """Each layer 1 or 2 card of the MLP file opened in place: the three
    inputs of every data point move alike, and with the layer 1 card they
    feed (when it stays folded); nothing shown lands on anything else."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    m, folding = w.model, w.scene.folding
    by_label = {m.label(n): n for n in m.nodes()}
    before = {n: m.position(n) for n in m.nodes()}
    gid = next(c.gid for c in folding.cards() if c.label == name)
    w.grouping.toggle(gid)
    QApplication.processEvents()
    folding.settle()
    moves = {n: (before[n], m.position(n)) for n in m.nodes() if m.position(n) != before[n]}
    assert moves  # its frame lands on its neighbours: room is made
    for k in range(1, 5):
        inputs = {_shift(moves, by_label[f"x{j}[{k}]"]) for j in (1, 2, 3)}
        assert len(inputs) == 1, (k, inputs)
        card = next((c for c in folding.cards() if c.label == f"layer 1 [{k}]"), None)
        if card is not None:  # the card they feed moved as they did (its nodes: one move)
            assert {_shift(moves, n) for n in m.groups.nodes_in(card.gid)} == inputs, k
    frame = folding.frame(gid).outline()
    shown = [(c.label, c.sceneBoundingRect()) for c in folding.cards()]
    shown += [(m.label(n), it.sceneBoundingRect()) for n, it in w.scene.node_map().items() if it.isVisible()]
    inside = {m.label(n) for n in m.groups.nodes_in(gid)}
    for label, r in shown:
        assert label in inside or not frame.intersects(r), label
    for (a, ra), (b, rb) in itertools.combinations(shown, 2):
        assert not ra.adjusted(1, 1, -1, -1).intersects(rb.adjusted(1, 1, -1, -1)), (a, b)
    w.undo_stack.undo()
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} == before


def columns(seed: int) -> tuple[GraphModel, list[tuple[tuple, list[str]]]]:
    """Columns of cards: every other one of leaves, each few leaves (a data
    point) feeding one card of the next column (a unit of two adds)."""
    rnd = random.Random(seed)
    m = GraphModel()
    units: list[tuple[tuple, list[str]]] = []
    for c in range(4):
        x = c * 440.0
        y = 0.0
        for k in range(4):
            a, b = f"a{c}_{k}", f"b{c}_{k}"
            cy = y + rnd.uniform(0, 80)
            m.add_node("add", a, x=x + 300.0, y=cy)
            m.add_node("add", b, x=x + 300.0, y=cy + 80)
            for j in range(rnd.randint(2, 4)):
                leaf = f"x{c}_{k}_{j}"
                m.add_node("leaf", leaf, value=1.0, x=x, y=y)
                m.connect(leaf, (a, b)[j // 2], j % 2)
                units.append((rect_of(m, [leaf]), [leaf]))
                y += H + rnd.choice([20.0, 46.0])
            units.append((rect_of(m, [a, b]), [a, b]))
            y += rnd.uniform(20, 200)
    return m, units


def opened_among_columns(seed: int):
    """Cards fed by columns of inputs (``columns``), and a card among them
    opening to a frame of random size: the model, the units not under the
    card, the card and the frame."""
    rnd = random.Random(seed)
    m, units = columns(seed)
    cx, cy = rnd.uniform(100, 1400), rnd.uniform(100, 1200)
    card = (cx, cy, cx + 232, cy + 90)
    grow = (rnd.uniform(0, 60), rnd.uniform(0, 120), rnd.uniform(300, 900), rnd.uniform(200, 700))
    opened = (cx - grow[0], cy - grow[1], cx + grow[2], cy + grow[3])
    return m, [u for u in units if not overlap(u[0], card)], card, opened


@pytest.mark.parametrize("seed", range(60))
def test_lines_moved_off_the_inputs_keep_every_invariant(seed):
    """Cards fed by columns of inputs, a group opened anywhere among them:
    the open group is cleared, nothing that was apart overlaps, centres
    keep their order on each axis, and the inputs of a card move with it
    (the rule finds lines that split none here: the columns leave room)."""
    m, units, card, opened = opened_among_columns(seed)
    kept = {n for _r, ns in units for n in ns}  # (what lay on the card is left out)
    moves = make_room(opened, card, units, m)
    new = {n: b for n, (_a, b) in moves.items()}
    before = [r for r, _n in units]
    after = [rect_of(m, nodes, new) for _r, nodes in units]
    assert not any(overlap(r, opened) for r in after)
    for i, j in itertools.combinations(range(len(units)), 2):
        if not overlap(before[i], before[j]):
            assert not overlap(after[i], after[j])
        for k in (0, 1):
            ci, cj = (before[i][k] + before[i][k + 2]) / 2, (before[j][k] + before[j][k + 2]) / 2
            ni, nj = (after[i][k] + after[i][k + 2]) / 2, (after[j][k] + after[j][k + 2]) / 2
            if ci < cj:
                assert nj - ni >= cj - ci - 1e-9
    for _r, nodes in units:
        if len(nodes) == 2:  # a card: its inputs moved as it did
            feeding = [s for n in nodes for s in m.inputs(n) if s is not None and s in kept]
            assert {_shift(moves, s) for s in feeding} <= {_shift(moves, nodes[0])}


def test_a_card_and_its_inputs_split_by_the_cards_edge_move_as_one():
    """A column of three inputs beside the card they feed, the opened
    group's top edge level with the second: the spreadsheet rule moved the
    first up and left the others; all three now stay or move as one."""
    m = GraphModel()
    units = []
    for j, y in enumerate((0.0, 110.0, 220.0)):
        m.add_node("leaf", f"x{j}", value=1.0, x=0.0, y=y)
        units.append((rect_of(m, [f"x{j}"]), [f"x{j}"]))
    m.add_node("add", "s", x=300.0, y=110.0)
    m.add_node("add", "t", x=300.0, y=190.0)
    for j, (n, p) in enumerate((("s", 0), ("s", 1), ("t", 0))):
        m.connect(f"x{j}", n, p)
    units.append((rect_of(m, ["s", "t"]), ["s", "t"]))
    m.add_node("leaf", "above", value=1.0, x=700.0, y=-150.0)  # pushed up by the frame
    units.append((rect_of(m, ["above"]), ["above"]))
    card = (600.0, 80.0, 832.0, 170.0)  # the folded group's card, right of the column
    moves = make_room((580.0, -140.0, 1400.0, 900.0), card, units, m)
    assert _shift(moves, "above")[1] < 0
    assert len({_shift(moves, n) for n in ("x0", "x1", "x2", "s", "t")}) == 1


def brute_refit(opened, card, rects, sides, groups, fed, amounts):
    """``refit`` by looking at every unit for every choice of lines."""
    centres = [((r[0] + r[2]) / 2, (r[1] + r[3]) / 2) for r in rects]
    best = None
    for cuts in together.cut_choices(card, centres, groups):
        s = together.sides_of(centres, cuts)
        shift = amounts(list(rects), s)
        if all(x > cuts[1] for x in fed) and together.clear_of(opened, card, rects, s, shift):
            moved = [abs(dx) + abs(dy) for dx, dy in shift]
            rank = (sum(together.split(g, s) for g in groups), sum(moved[k] for k in s))
            if best is None or rank < best[0]:
                best = (rank, cuts, s, shift)
    return None if best[1] == together.cut_choices(card, centres, groups)[0] else (best[2], best[3])


@pytest.mark.parametrize("seed", range(60))
def test_refit_chooses_as_a_look_at_every_unit_for_every_choice(seed):
    """``refit`` looks, for each choice of lines, only at the units it may
    change, and counts the others by side: the same choice as a look at all."""
    m, units, card, opened = opened_among_columns(seed)
    rects = [r for r, _n in units]
    centres = [((r[0] + r[2]) / 2, (r[1] + r[3]) / 2) for r in rects]
    sides = together.sides_of(centres, (card[0], card[2], card[1], card[3]))
    groups = together.bundles(units, m, None)

    def amounts(r, s):
        return make_room_module._shift(opened, card, r, s, 24.0, ())

    got = together.refit(opened, card, rects, sides, groups, [], amounts)
    assert got == brute_refit(opened, card, rects, sides, groups, [], amounts)


def test_among_many_plain_cards_the_lines_are_chosen_from_a_few(monkeypatch):
    """A group opened among 1,600 plain cards, a column of three leaves
    feeding it split by its card's top edge: the lines' choice reads every
    unit once, then only the few between the card's edges and the lines'
    choices, those the frame overlaps and the bundle (at 50,000 cards, 16
    passes over all of them were ~0.3 s; now ~20 ms)."""
    m = GraphModel()
    units = []
    for i, j in itertools.product(range(40), range(40)):
        n = f"n{i}_{j}"
        m.add_node("leaf", n, value=1.0, x=i * 200.0, y=j * 110.0)
        units.append((rect_of(m, [n]), [n]))
    m.add_node("add", "a", x=4300.0, y=2200.0)
    m.add_node("add", "b", x=4300.0, y=2300.0)
    for k, y in enumerate((2140.0, 2250.0, 2360.0)):  # beside the card, left of it
        m.add_node("leaf", f"x{k}", value=1.0, x=4080.0, y=y)
        m.connect(f"x{k}", ("a", "a", "b")[k], (0, 1, 0)[k])
        units.append((rect_of(m, [f"x{k}"]), [f"x{k}"]))
    card = (4200.0, 2200.0, 4432.0, 2290.0)
    opened = (4180.0, 2100.0, 4900.0, 2600.0)
    units = [u for u in units if not overlap(u[0], card)]
    seen: list[int] = []
    real = together.sides_of
    monkeypatch.setattr(together, "sides_of", lambda c, cuts: seen.append(len(c)) or real(c, cuts))
    asked = count_calls(monkeypatch, GraphModel, "consumers")
    moves = make_room(opened, card, units, m, inside={"a", "b"})
    assert len({_shift(moves, f"x{k}") for k in range(3)}) == 1  # together
    assert len(asked) == 3  # what reads only the three leaves the group reads, not each of the 1,600
    assert seen[0] == len(units) and len(seen) > 1  # the card's edges, then the choices
    assert max(seen[1:]) < len(units) // 10


def test_among_folded_cards_only_no_node_is_asked_what_it_feeds(monkeypatch):
    """The bench's row "open a laid-out group (making room)": every card a
    folded group's (499 of 100 nodes each), no plain leaf to keep with one:
    nothing is asked of the model about any node (the groups' inputs read
    node by node cost ~30 ms at 50,000 nodes)."""
    m = GraphModel()
    units = []
    for i in range(12):
        nodes = [f"g{i}_{k}" for k in range(100)]
        for k, n in enumerate(nodes):
            m.add_node("leaf", n, value=1.0, x=1000.0 + k, y=i * 120.0)
        units.append(((1000.0, i * 120.0, 1232.0, i * 120.0 + 90.0), nodes))
    m.add_node("leaf", "in", value=1.0, x=100.0, y=545.0)
    asked = [
        count_calls(monkeypatch, GraphModel, name) for name in ("consumers", "op", "input_table", "inputs")
    ]
    moves = make_room((-20.0, 480.0, 1500.0, 900.0), (0.0, 500.0, 232.0, 590.0), units, m, inside={"in"})
    assert moves and asked == [[], [], [], []]
