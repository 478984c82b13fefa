"""Room for a folded group to open in place (core.graph.make_room): space
inserted around the open group just where it lands on something, nothing
moved closer to anything, what is drawn as one moved as one."""

from __future__ import annotations

import itertools
import random

import pytest

from core.graph import make_room as make_room_module
from core.graph.make_room import make_room, make_room_many
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


def moved_frames(opened: list, moves: dict, m: GraphModel) -> list:
    """Each opened frame where ``moves`` took its (one) node, checked clear of the others."""
    frames = []
    for f, _c, (nid,) in opened:
        (x0, y0), (x1, y1) = moves.get(nid, (m.position(nid), m.position(nid)))
        frames.append((f[0] + x1 - x0, f[1] + y1 - y0, f[2] + x1 - x0, f[3] + y1 - y0))
    for a, b in itertools.combinations(frames, 2):
        assert not overlap(a, b)
    return frames


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


@pytest.mark.parametrize("with_end", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_many_groups_opened_at_once_clear_each_other_and_everything(seed, with_end):
    """Expand All: every frame is clear of every other frame and of every
    card outside it, nothing that was apart overlaps, and centres keep
    their order on both axes (cards in one column included); with an end
    (the group holding the output) risen towards its inputs, all the same
    but the end's order."""
    rnd = random.Random(seed)
    m = GraphModel()
    opened, units = [], []
    for i, j in itertools.product(range(7), range(7)):
        x, y = i * 300.0 + rnd.uniform(-15, 15), j * 140.0 + rnd.uniform(-8, 8)
        if rnd.random() < 0.3:  # a folded group's card: opens to a bigger frame, its nodes inside
            card = (x, y, x + 232.0, y + 90.0)
            frame = (x - 12, y - 30, x + rnd.uniform(300, 900), y + rnd.uniform(150, 600))
            nodes = []
            for k in range(3):
                nid = f"g{i}_{j}_{k}"
                m.add_node("leaf", nid, value=1.0, x=rnd.uniform(frame[0] + W, frame[2] - W),
                           y=rnd.uniform(frame[1] + H, frame[3] - H))  # fmt: skip
                nodes.append(nid)
            opened.append((frame, card, nodes))
        else:
            m.add_node("leaf", f"n{i}_{j}", value=1.0, x=x + W / 2, y=y + H / 2)
            units.append([f"n{i}_{j}"])
    end = None
    if with_end and opened:
        end = (rnd.randrange(len(opened)), rnd.sample(range(len(opened) + len(units)), 3))
    moves = make_room_many(opened, [(rect_of(m, u), u) for u in units], m, end=end)
    new = {n: b for n, (_a, b) in moves.items()}

    def shift(nodes):
        """The one move of a group's nodes (they move as one)."""
        ds = {
            (round(b[0] - a[0], 6), round(b[1] - a[1], 6))
            for a, b in (moves.get(n, ((0, 0), (0, 0))) for n in nodes)
        }
        assert len(ds) == 1
        return ds.pop()

    frames = []
    for f, _c, nodes in opened:
        dx, dy = shift(nodes)
        frames.append((f[0] + dx, f[1] + dy, f[2] + dx, f[3] + dy))
    cards = [rect_of(m, u, new) for u in units]
    for a, b in itertools.combinations(frames, 2):
        assert not overlap(a, b)
    assert not any(overlap(f, c) for f in frames for c in cards)
    before = [rect_of(m, u) for u in units] + [c for _f, c, _n in opened]
    after = cards + [
        (c[0] + d[0], c[1] + d[1], c[2] + d[0], c[3] + d[1])
        for (_f, c, nodes) in opened
        for d in [shift(nodes)]
    ]
    for i, j in itertools.combinations(range(len(before)), 2):
        if not overlap(before[i], before[j]):
            assert not overlap(after[i], after[j])
        if end is not None and len(units) + end[0] in (i, j):
            continue  # the end keeps no order: it rose
        for k in (0, 1):
            ci, cj = (before[i][k] + before[i][k + 2]) / 2, (before[j][k] + before[j][k + 2]) / 2
            ni, nj = (after[i][k] + after[i][k + 2]) / 2, (after[j][k] + after[j][k + 2]) / 2
            if ci < cj:
                assert nj >= ni - 1e-9


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


def test_groups_land_on_others_only_when_each_is_clear_of_itself():
    """Expand All makes room when groups laid out folded open onto one
    another (each group's own cards clear); a graph that overlaps anyway,
    within a group too, is left as it is; one that is clear, too."""
    from core.graph.make_room import lands_on_others

    def block(owner, x0, y0):  # a group's cards in a clean 3 x 4 block
        return [(x0 + i * 160.0, y0 + j * 90.0, owner) for i in range(3) for j in range(4)]

    apart = block("g1", 0, 0) + block("g2", 1000, 0) + [(2000.0, 0.0, None)]
    assert not lands_on_others(apart, W, H)
    piled = block("g1", 0, 0) + block("g2", 40, 30)  # opened where their cards were
    assert lands_on_others(piled, W, H)
    assert lands_on_others(block("g1", 0, 0) + [(170.0, 100.0, None)], W, H)  # onto a plain card
    messy = piled + [(0.0, 10.0, "g1")]  # g1's own cards overlap too: not laid out to be read
    assert not lands_on_others(messy, W, H)
    rnd = random.Random(3)
    jittered = [(rnd.uniform(0, 3000), rnd.uniform(0, 3000), f"g{k % 7}") for k in range(400)]
    assert not lands_on_others(jittered, W, H)


def test_a_frame_pushes_down_only_what_shares_its_columns():
    """Expand All on two columns of groups, one a little lower than the
    other (layers of an MLP, row by row): each column grows by its own
    frames; the other column's growth does not add to it (the picture is
    about as tall as the taller column, not as both stacked)."""
    m = GraphModel()
    opened = []
    for col, x in enumerate((0.0, 1200.0)):
        for row in range(4):
            y = row * 140.0 + col * 30.0  # the second column a little lower
            card = (x, y, x + 232.0, y + 90.0)
            frame = (x - 12, y - 30, x + 900.0, y + 600.0)
            nid = f"g{col}_{row}"
            m.add_node("leaf", nid, value=1.0, x=x + 300.0, y=y + 300.0)
            opened.append((frame, card, [nid]))
    frames = moved_frames(opened, make_room_many(opened, [], m), m)
    # one column's frames stacked: the space between its cards kept, a gap either side
    column = 4 * 630.0 + 3 * (140.0 - 90.0 + 2 * 24.0)
    height = max(f[3] for f in frames) - min(f[1] for f in frames)
    assert height <= column + 100.0  # the old rule stacked both columns: about twice as tall


def test_the_end_rises_level_with_its_highest_input_or_to_what_is_in_the_way():
    """A tall group holding the output, its card below the middle of a
    column of groups (the MLP's loss): opened with the rest, it is pushed
    below all that was above its card; as the end, it rises level with the
    top of the highest group wired into it, or stops under a card in its
    columns, clear of everything either way."""

    def run(blocker: bool):
        m = GraphModel()
        opened, units = [], []
        for row in range(4):  # a column of layers, each growing 400 down
            y = row * 140.0
            m.add_node("leaf", f"l{row}", value=1.0, x=300.0, y=y + 300.0)
            opened.append(((-12.0, y - 30, 900.0, y + 500.0), (0.0, y, 232.0, y + 90.0), [f"l{row}"]))
        y = 250.0  # the end's card: centred on the column
        m.add_node("leaf", "loss", value=1.0, x=1300.0, y=y + 300.0)
        opened.append(((988.0, y - 30, 1900.0, y + 2000.0), (1000.0, y, 1232.0, y + 90.0), ["loss"]))
        if blocker:  # a card in the end's columns, above its card
            m.add_node("leaf", "b", value=1.0, x=1050.0, y=100.0)
            units = [(rect_of(m, ["b"]), ["b"])]
        moves = make_room_many(opened, units, m, end=(4, [0, 1, 2, 3]))
        frames = moved_frames(opened, moves, m)
        cards = [rect_of(m, u, {n: b for n, (_a, b) in moves.items()}) for _r, u in units]
        assert not any(overlap(f, c) for f in frames for c in cards)
        pushed = make_room_many(opened, units, m)  # no end: kept below what was above its card
        (_a, (_x, low)), (_b, (_x2, risen)) = pushed["loss"], moves["loss"]
        return frames, cards, low, risen

    frames, _cards, low, risen = run(False)
    assert risen < low
    assert frames[4][1] == pytest.approx(min(f[1] for f in frames[:4]))  # level with its first input
    frames, cards, low, risen = run(True)
    assert risen < low
    assert frames[4][1] == pytest.approx(cards[0][3] + 24.0)  # under the card in the way, a gap between
    assert frames[4][1] > min(f[1] for f in frames[:4]) + 100.0


@pytest.mark.parametrize("seed", range(6))
def test_interval_max_answers_as_a_scan_of_every_raise(seed):
    from core.graph.interval_max import IntervalMax

    rnd = random.Random(seed)
    los = [rnd.randrange(0, 60) * 1.0 for _ in range(80)]
    spans = [(lo, lo + rnd.choice([1.0, 5.0, 40.0])) for lo in los]
    tree = IntervalMax([e for s in spans for e in s])
    raised: list[tuple[float, float, float]] = []
    for lo, hi in spans:
        if rnd.random() < 0.5:
            v = rnd.uniform(-5, 100)
            tree.raise_to(lo, hi, v)
            raised.append((lo, hi, v))
        else:
            want = max((v for a, b, v in raised if a < hi and lo < b), default=float("-inf"))
            assert tree.most(lo, hi) == want


@pytest.mark.parametrize("seed", range(40))
def test_none_overlap_is_sure_only_when_no_two_cards_overlap(seed):
    """The quick check for a laid-out graph never says "none" when two
    cards overlap, and says it for cards in columns clear of each other."""
    from core.graph.make_room import none_overlap

    rnd = random.Random(seed)
    cols = rnd.randint(1, 6)
    step_x, step_y = rnd.choice([W, W + 1, 200.0, W - 1]), rnd.choice([H, H + 36, H - 0.5])
    pts = [(c * step_x, r * step_y + rnd.choice([0.0, 0.0, 17.0]) * c) for c in range(cols) for r in range(5)]
    if seed % 3 == 0:  # some anywhere
        pts += [(rnd.uniform(0, 800), rnd.uniform(0, 400)) for _ in range(rnd.randint(1, 4))]
    rnd.shuffle(pts)
    overlap = any(abs(a[0] - b[0]) < W and abs(a[1] - b[1]) < H for a, b in itertools.combinations(pts, 2))
    if none_overlap(pts, W, H):
        assert not overlap
    laid = [(c * 220.0, r * 100.0 - 30.0 * c) for c in range(cols) for r in range(5)]
    assert none_overlap(list(reversed(laid)), W, H)


def brute_lands_on_others(cards, w, h) -> bool:
    """``lands_on_others`` by looking at every pair."""
    other = False
    for (x, y, a), (x2, y2, b) in itertools.combinations(cards, 2):
        if -w < x - x2 < w and -h < y - y2 < h:
            if a == b:
                if a is not None:
                    return False
            elif a is not None or b is not None:
                other = True
    return other


@pytest.mark.parametrize("seed", range(40))
def test_lands_on_others_answers_as_a_look_at_every_pair(seed):
    from core.graph.make_room import lands_on_others

    rnd = random.Random(seed)
    span = rnd.choice([600.0, 2000.0, 6000.0])
    cards = [
        (rnd.uniform(-span, span), rnd.uniform(-span, span), rnd.choice([None, "g1", "g2", "g3"]))
        for _ in range(rnd.randrange(2, 60))
    ]
    if seed % 2:  # each owner's cards clear of each other (on a grid of its own), the owners' apart or not
        shift = {o: (rnd.uniform(0, span / 4), rnd.uniform(0, span / 4)) for o in (None, "g1", "g2", "g3")}
        cards = [
            (2 * W * (i % 6) + shift[o][0], 2 * H * (i // 6) + shift[o][1], o)
            for i, (_x, _y, o) in enumerate(cards)
        ]
        cards = [c for i, c in enumerate(cards) if c[2] is not None or i % 3 == 0]
    assert lands_on_others(cards, W, H) == brute_lands_on_others(cards, W, H)


def test_lands_on_others_stops_at_the_first_group_overlapping_itself():
    """Expand All of a graph whose groups overlap themselves (jittered, as
    benchmarks/bench_scaling.py's): known after a few cards, the other
    50,000 not read (a Python step and nine cell look-ups each)."""
    from core.graph.make_room import lands_on_others

    rnd = random.Random(4)
    read = []

    def cards():
        for k in range(50000):
            read.append(k)
            yield (rnd.uniform(0, 3000) + 10 * k, rnd.uniform(0, 3000), f"g{k // 100}")

    assert not lands_on_others(cards(), W, H)
    assert len(read) < 100


def test_overlaps_itself_answers_as_a_look_at_every_pair():
    """One group's cards overlapping one another (opening it makes no room):
    as a test of every pair, for cards in a block, apart, and jittered."""
    from core.graph.make_room import overlaps_itself

    def brute(points):
        return any(
            abs(a[0] - b[0]) < W and abs(a[1] - b[1]) < H for i, a in enumerate(points) for b in points[:i]
        )

    block = [(i * 160.0, j * 90.0) for i in range(3) for j in range(4)]
    assert not overlaps_itself(block, W, H)
    assert overlaps_itself(block + [(10.0, 20.0)], W, H)
    for s in range(20):
        rnd = random.Random(s)
        pts = [(rnd.uniform(0, 3000), rnd.uniform(0, 3000)) for _ in range(rnd.randint(0, 40))]
        assert overlaps_itself(pts, W, H) == brute(pts)


class _Read(tuple):
    """A card's position that counts how often it is read."""

    reads = 0

    def __getitem__(self, i):  # type: ignore[override]
        _Read.reads += 1
        return super().__getitem__(i)


def test_none_overlap_tells_scattered_cards_from_their_first_few():
    """Cards placed anywhere (the bench's 50,000, jittered) have columns
    closer than a card already among the first ones read: the quick check
    says so from them, not from a set of every card's x (~20 ms of Expand
    All at 50,000 nodes); cards in columns are still read whole."""
    from core.graph.make_room import FIRST_COLUMNS, none_overlap

    rnd = random.Random(3)
    pts = [_Read((rnd.uniform(0, 400_000), rnd.uniform(0, 1_000_000))) for _ in range(20_000)]
    _Read.reads = 0
    assert not none_overlap(pts, W, H)
    assert _Read.reads <= 4 * FIRST_COLUMNS < len(pts) // 4  # (the first part, then four times as many)
    laid = [_Read((c * 220.0, r * 100.0)) for c in range(100) for r in range(200)]
    _Read.reads = 0
    assert none_overlap(laid, W, H)
    assert _Read.reads >= len(laid)


def test_few_units_of_many_nodes_read_positions_from_the_table(monkeypatch):
    """The bench's row "open a laid-out group (making room)": 499 folded
    cards of 100 nodes each move, 24,899 nodes; a checked lookup each
    (``model.position``) cost ~25 ms. Counted: none asked, the same moves."""
    m = GraphModel()
    units = []
    for i in range(12):  # a column of folded cards, 100 nodes each
        nodes = [f"g{i}_{k}" for k in range(100)]
        for k, n in enumerate(nodes):
            m.add_node("leaf", n, value=1.0, x=1000.0 + k, y=i * 120.0)
        units.append(((1000.0, i * 120.0, 1232.0, i * 120.0 + 90.0), nodes))
    card = (0.0, 500.0, 232.0, 590.0)
    opened = (-20.0, 480.0, 1500.0, 900.0)  # lands on the cards right of it
    asked: list[str] = []
    real = GraphModel.position
    monkeypatch.setattr(GraphModel, "position", lambda self, n: asked.append(n) or real(self, n))
    moves = make_room(opened, card, units, m)
    assert len(moves) > 1000 and asked == []
    monkeypatch.setattr(make_room_module, "_MANY", 10**9)  # one by one, as for a small graph
    assert make_room(opened, card, units, m) == moves and asked


@pytest.mark.parametrize("seed", range(4))
def test_the_model_moves_the_units_of_a_room_as_the_moves_per_node_would(seed):
    """The room told unit by unit (``room_units``: no position read) and
    moved by the model (``move_units``: each node read and moved once)
    puts every node where the moves per node put it, bit for bit; its
    signal carries the units; the places it returns put them all back."""
    from core.graph.make_room import room_units
    from core.graph.unit_moves import MovedUnits, pairs

    rnd = random.Random(seed)
    m, units = grid(seed)
    cx, cy = rnd.uniform(300, 1200), rnd.uniform(200, 700)
    card = (cx, cy, cx + 232, cy + 90)
    opened = (cx - 30, cy - 20, cx + rnd.uniform(300, 900), cy + rnd.uniform(200, 600))
    units = [(rect_of(m, u), u) for u in units if not overlap(rect_of(m, u), card)]
    moves = make_room(opened, card, units, m)
    room = room_units(opened, card, units, m)
    assert moves and len(room) == len(moves) and len(room.units) <= len(units)
    before = {n: m.position(n) for n in m.nodes()}
    told = []
    m.nodes_moved.connect(told.append)
    old = m.move_units(room.units)
    assert {n: m.position(n) for n in moves} == {n: new for n, (_old, new) in moves.items()}
    assert old == {n: was for n, (was, _new) in moves.items()} and pairs(room.units, old) == moves
    assert isinstance(told[0], MovedUnits) and told[0].units == room.units
    m.set_positions(old)
    assert {n: m.position(n) for n in m.nodes()} == before


def test_units_moved_to_no_finite_place_or_of_an_unknown_node_move_nothing():
    from core.graph.errors import GraphError

    m, _ = grid(0)
    before = {n: m.position(n) for n in m.nodes()}
    with pytest.raises(GraphError):
        m.move_units([(["n0_0", "n1_1"], 1.0, 0.0), (["n2_2"], 1.7e308, 0.0), (["n3_3"], 0.0, 1.7e308 * 2)])
    with pytest.raises(GraphError):
        m.move_units([(["n0_0"], 1.0, 0.0), (["nowhere"], 1.0, 0.0)])
    assert {n: m.position(n) for n in m.nodes()} == before


def test_none_overlap_reads_a_card_nudged_aside_with_its_column():
    """A laid-out graph where a user moved a card a few px aside (its own
    column, closer than a card to its old one): still told from the
    columns, not left to ``lands_on_others`` (a Python step a card: ~0.13 s
    of Expand All at 50,000 cards); sure only where no two cards overlap."""
    from core.graph.make_room import none_overlap

    laid = [(c * 220.0, r * 100.0) for c in range(60) for r in range(40)]
    for k, dx, dy, clear in [(5, 10.0, 0.0, True), (700, -30.0, 0.0, True), (5, 10.0, 60.0, False)]:
        pts = list(laid)
        x, y = pts[k]
        pts[k] = (x + dx, y + dy)  # (dy 60: onto the card below it)
        assert none_overlap(pts, W, H) == clear
        overlap = any(
            abs(a[0] - b[0]) < W and abs(a[1] - b[1]) < H for a in pts[k : k + 1] for b in pts if b != a
        )
        assert overlap != clear
    rnd = random.Random(2)
    told = 0
    for _ in range(40):  # a few nudged anywhere: "none" only when true
        pts = list(laid)
        some = rnd.sample(range(len(pts)), 3)
        for k in some:
            pts[k] = (
                pts[k][0] + rnd.uniform(-120, 120),
                pts[k][1] + rnd.choice([0.0, 50.0]) + rnd.uniform(-30, 30),
            )
        if none_overlap(pts, W, H):  # (the others lie in columns clear of each other)
            told += 1
            assert not any(
                abs(pts[k][0] - b[0]) < W and abs(pts[k][1] - b[1]) < H
                for k in some
                for b in pts
                if b != pts[k]
            )
    assert told > 3  # (some: the path is read)
