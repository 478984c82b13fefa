"""Auto Layout keeps groups whole (core/graph/group_layout.py): laid out by
depth alone, the expanded MLP's groups interleaved, their frames overlapping
and names covering each other. Checked here against frames computed the
way the canvas draws them, on random nested groups and on the MLP."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from core.graph.bands import cut_bands
from core.graph.group_card_geometry import FRAME_PAD, FRAME_TITLE, GROUP_HEAD_H, GROUP_ROW_H, GROUP_W
from core.graph.group_layout import grouped_positions
from core.graph.groups import card_rows
from core.graph.layout import NODE_H, NODE_W, layered_positions
from core.graph.model import GraphModel
from core.learn import templates

Rect = tuple[float, float, float, float]


def random_graph(seed: int, n: int = 40) -> GraphModel:
    """A random DAG (some inputs used twice) at random positions."""
    rnd = random.Random(seed)
    m = GraphModel()
    ids = []
    for i in range(n):
        if i < 4 or rnd.random() < 0.25:
            ids.append(m.add_node("leaf", value=1.0, x=rnd.uniform(-900, 900), y=rnd.uniform(-900, 900)))
        else:
            op = rnd.choice(["add", "mul", "tanh"])
            nid = m.add_node(op, x=rnd.uniform(-900, 900), y=rnd.uniform(-900, 900))
            for port in range(1 if op == "tanh" else 2):
                m.connect(rnd.choice(ids), nid, port)
            ids.append(nid)
    return m


def random_groups(m: GraphModel, seed: int) -> None:
    """Nested groups over runs of the nodes, some of them folded."""
    rnd = random.Random(seed)
    nodes = list(m.nodes())
    rnd.shuffle(nodes)
    start = 0
    while start < len(nodes) - 3:
        size = rnd.randint(3, 9)
        outer = nodes[start : start + size]
        start += size
        gid = m.groups.add(outer, f"g{start}")
        if len(outer) > 4 and rnd.random() < 0.6:  # a group inside it
            m.groups.add(outer[: len(outer) // 2], f"in{start}", collapsed=rnd.random() < 0.4)
        if rnd.random() < 0.25:
            m.groups.set_collapsed(gid, True)


def frames(m: GraphModel, pos: dict) -> tuple[dict[str, Rect], dict[str | None, list[tuple[str, Rect]]]]:
    """Each shown open group's frame and, per scope (None: the top level),
    what it shows: its cards, folded cards and open groups' frames, with
    their rects, as the canvas draws them (gui/canvas/folding/fold_layer.py)."""
    gs = m.groups

    def hidden(node_or_gid: str, is_group: bool) -> bool:
        g = gs.get(node_or_gid).parent if is_group else gs.group_of(node_or_gid)
        while g is not None:
            if gs.get(g).collapsed:
                return True
            g = gs.get(g).parent
        return False

    rect: dict[str, Rect] = {}

    def rect_of(gid: str) -> Rect:
        if gid not in rect:
            g = gs.get(gid)
            if g.collapsed:
                inside = gs.nodes_in(gid)
                x0, y0 = min(pos[n][0] for n in inside), min(pos[n][1] for n in inside)
                rect[gid] = (x0, y0, x0 + GROUP_W, y0 + GROUP_HEAD_H + GROUP_ROW_H * card_rows(m, inside))
            else:
                rs = [card(n) for n in g.members] + [rect_of(k) for k in gs.children(gid)]
                left, top = min(r[0] for r in rs), min(r[1] for r in rs)
                right, bottom = max(r[2] for r in rs), max(r[3] for r in rs)
                pad = FRAME_PAD
                rect[gid] = (left - pad, top - pad - FRAME_TITLE, right + pad, bottom + pad)
        return rect[gid]

    def card(n: str) -> Rect:
        x, y = pos[n]
        return (x - NODE_W / 2, y - NODE_H / 2, x + NODE_W / 2, y + NODE_H / 2)

    shown: dict[str | None, list[tuple[str, Rect]]] = {}
    for n in m.nodes():
        if not hidden(n, False):
            shown.setdefault(gs.group_of(n), []).append((n, card(n)))
    for gid in gs.ids():
        if not hidden(gid, True):
            shown.setdefault(gs.get(gid).parent, []).append((gid, rect_of(gid)))
    open_frames = {g: r for g, r in rect.items() if not gs.get(g).collapsed and not hidden(g, True)}
    return open_frames, shown


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_whole(m: GraphModel, pos: dict) -> None:
    """What one scope shows never overlaps: no two cards, folded cards or
    open frames side by side in one group (or at the top level) touch."""
    assert set(pos) == set(m.nodes())
    _frames, shown = frames(m, pos)
    for scope, items in shown.items():
        for (a, ra), (b, rb) in itertools.combinations(items, 2):
            assert not overlap(ra, rb), (scope, a, b, ra, rb)


@pytest.mark.parametrize("seed", range(6))
def test_without_groups_every_node_goes_where_the_plain_layout_puts_it(seed):
    m = random_graph(seed)
    plain, grouped = layered_positions(m), grouped_positions(m)
    assert set(plain) == set(grouped) == set(m.nodes())
    for n, (x, y) in plain.items():
        assert grouped[n] == pytest.approx((x, y), abs=1e-9), n


@pytest.mark.parametrize("seed", range(40))
def test_no_two_things_one_scope_shows_overlap_and_folded_groups_move_as_one(seed):
    m = random_graph(seed)
    random_groups(m, seed)
    before = {n: m.position(n) for n in m.nodes()}
    pos = grouped_positions(m)
    check_whole(m, pos)
    gs = m.groups
    for gid in gs.ids():
        if gs.shown_as_card(gid):  # its nodes keep their arrangement, for when it opens
            inside = sorted(gs.nodes_in(gid))
            moved = {(pos[n][0] - before[n][0], pos[n][1] - before[n][1]) for n in inside}
            assert len({(round(dx, 6), round(dy, 6)) for dx, dy in moved}) == 1, gid


def test_the_expanded_mlp_is_laid_out_layer_by_layer_with_no_frame_over_another():
    """Insert MLP's graph with every group open: the old layout put the
    layers' nodes in shared columns, so the frames overlapped."""
    t = templates.mlp()
    m = GraphModel.from_records({}, [(n, a) for n, a in t.nodes], t.edges)
    for gid, label, members, _collapsed in t.groups:  # every group open (Expand All)
        m.groups.add(members, label, gid=gid)
    assert len(m.groups) > 40 and not any(g.collapsed for g in m.groups)
    old = frames(m, layered_positions(m))[1]
    assert any(
        overlap(ra, rb) for items in old.values() for (_a, ra), (_b, rb) in itertools.combinations(items, 2)
    )  # (the fault this fixes)
    pos = grouped_positions(m)
    check_whole(m, pos)
    # the top level reads left to right: each layer's groups right of the one before
    open_frames, _shown = frames(m, pos)
    by_label = {m.groups.get(g).label: r for g, r in open_frames.items()}
    for k in range(1, 5):
        l1, l2, l3 = (by_label[f"layer {i} [{k}]"] for i in (1, 2, 3))
        assert l1[2] < l2[0] and l2[2] < l3[0] and l3[2] < by_label["loss"][0]


@pytest.mark.parametrize("seed", range(10))
def test_card_rows_read_from_the_adjacency_count_what_boundary_lists(seed):
    """A folded card's rows (asked of every folded group by Auto Layout) are
    counted from the adjacency: the same as the boundary the card shows."""
    from core.graph.groups import MAX_PORT_ROWS, boundary

    m = random_graph(seed, 60)
    m.set_output(list(m.nodes())[seed])
    rnd = random.Random(seed)
    for _ in range(30):
        nodes = set(rnd.sample(list(m.nodes()), rnd.randint(1, 20)))
        ins, outs = boundary(m, nodes)
        want = max(1, *(len(x) if len(x) <= MAX_PORT_ROWS else 1 for x in (ins, outs)))
        assert card_rows(m, nodes) == want


def test_a_node_used_nowhere_is_an_output_of_its_group_and_a_row_of_its_card():
    """A copy of the "loss" group (Ctrl+D): its loss feeds nothing and is not
    the graph's output; its folded card listed no output, its name alone. A
    value that goes nowhere is a result: an output row, counted by Auto Layout."""
    from core.graph.groups import boundary

    m = GraphModel()
    a, b = m.add_node("leaf", value=2.0), m.add_node("leaf", value=3.0)
    loss, again = m.add_node("mul"), m.add_node("mul")
    for t in (loss, again):
        m.connect(a, t, 0)
        m.connect(b, t, 1)
    m.set_output(loss)
    assert boundary(m, {again}) == ([a, b], [again]) and card_rows(m, {again}) == 2
    assert boundary(m, {a, b}) == ([], [a, b])  # (used outside: as before)


def test_a_group_of_many_leaves_none_feeding_another_is_a_square_not_a_column():
    """A layer's 16 weights in one group: 4 columns of 4 (in one tall column
    they stretched the layer's frames and fanned their wires across it);
    the same leaves ungrouped stay the plain layout's one column."""
    m = GraphModel()
    leaves = [m.add_node("leaf", value=float(i)) for i in range(16)]
    out = m.add_node("add")
    m.connect(leaves[0], out, 0)
    m.connect(leaves[1], out, 1)
    assert len({x for x, _y in grouped_positions(m).values()}) == 2  # no groups: as layered_positions
    m.groups.add(leaves, "weights")
    pos = grouped_positions(m)
    assert sorted(Counter(pos[n][0] for n in leaves).values()) == [4, 4, 4, 4]
    assert len({pos[n][1] for n in leaves}) == 4
    check_whole(m, pos)


def _box(m: GraphModel, pos: dict) -> tuple[float, float]:
    """Width and height of everything shown (open frames and folded cards as drawn)."""
    _frames, shown = frames(m, pos)
    rects = [r for items in shown.values() for _k, r in items]
    return max(r[2] for r in rects) - min(r[0] for r in rects), max(r[3] for r in rects) - min(
        r[1] for r in rects
    )


def test_a_chain_of_folded_layers_is_laid_out_in_bands_not_one_line():
    """The vanishing-gradient example (a chain of twelve folded tanh layers)
    opens as rows; Auto Layout made it one line ~45 times wider than tall,
    fitted where no name reads. In bands, the whole is near a window's shape
    and each band reads on from the one above it."""
    from pathlib import Path

    from core.files import fileio

    m = fileio.load(
        Path(__file__).resolve().parent.parent / "resources" / "examples" / "vanishing_tanh.mgraph"
    )
    layers = [g.id for g in m.groups if m.groups.shown_as_card(g.id)]
    assert len(layers) == 12
    pos = grouped_positions(m)
    check_whole(m, pos)
    w, h = _box(m, pos)
    assert 0.8 < w / h < 3.2, (w, h)
    _frames, shown = frames(m, pos)
    top = {k: r[1] for k, r in shown[None]}
    rows = sorted({top[g] for g in layers})
    assert len(rows) >= 3
    # read like text: along a band, then the next band down
    order = sorted(layers, key=lambda g: (rows.index(top[g]), pos[sorted(m.groups.nodes_in(g))[0]][0]))
    chain = sorted(layers, key=lambda g: min(m.topological_order().index(n) for n in m.groups.nodes_in(g)))
    assert order == chain


def test_a_layout_that_fits_a_window_where_its_cards_read_stays_one_band():
    """The one-point MLP (six columns of folded cards) was cut in two bands,
    layer 1's wires running back across the picture to layer 2 below it:
    bands are for a layout too wide to read fitted, not merely wider than a
    window's shape."""
    m = _built(templates.mlp(xs=templates.LECTURE_XS[:1], ys=templates.LECTURE_YS[:1]))
    pos = grouped_positions(m)
    _frames, shown = frames(m, pos)
    card = {m.groups.get(k).label: r for k, r in shown[None] if k in {g.id for g in m.groups}}
    # one band: each layer's card right of the one before, on to the loss
    chain = [card[k] for k in ("layer 1 [1]", "layer 2 [1]", "layer 3 [1]", "loss")]
    assert all(a[2] < b[0] for a, b in zip(chain, chain[1:]))
    # six cards in a row, each 100 high: ~6 times wider than high, but it reads fitted (the old rule cut it)
    assert len(cut_bands([(GROUP_W, 100.0, [])] * 6)) == 1


def test_a_unit_sits_flush_right_in_its_column_next_to_what_it_feeds():
    """The MLP's inputs share a column with the (wider) first layer's
    weights: flush right, they sit next to the sums they feed, not a band
    of wires away from them."""
    m = GraphModel()
    x = m.add_node("leaf", value=1.0)
    ws = [m.add_node("leaf", value=0.5) for _ in range(16)]
    s = m.add_node("add")
    m.connect(x, s, 0)
    m.connect(ws[0], s, 1)
    gid = m.groups.add(ws, "weights")
    pos = grouped_positions(m)
    check_whole(m, pos)
    rects = dict(frames(m, pos)[1][None])
    assert rects[gid][2] - rects[gid][0] > 3 * NODE_W  # the weights' square is wider than a card
    assert rects[x][2] == pytest.approx(rects[gid][2])  # flush right with it
    assert rects[s][0] > rects[gid][2]


def _built(t: templates.Template) -> GraphModel:
    m = GraphModel.from_records({}, [(n, a) for n, a in t.nodes], t.edges)
    for gid, label, members, collapsed in t.groups:
        m.groups.add(members, label, gid=gid, collapsed=collapsed)
    return m


@pytest.mark.parametrize("which", ["mlp", "one point", "classifier"])
def test_a_template_opens_laid_out_as_auto_layout_lays_it_out(which):
    """One folded layout, not two: Insert MLP (and the classifier's graph)
    open where Ctrl+L would put them, so pressing Layout on a fresh one
    moves nothing (an older template layout stacked folded cards its own way)."""
    from core.learn.classifier import graph_for
    from core.learn.fit import Mlp

    if which == "classifier":
        t = graph_for(Mlp.init(2, [16, 16]), [0.5, -1.0], 1)
    else:
        one = which == "one point"
        xs, ys = (
            (templates.LECTURE_XS[:1], templates.LECTURE_YS[:1])
            if one
            else (templates.LECTURE_XS, templates.LECTURE_YS)
        )
        t = templates.mlp(xs=xs, ys=ys)
    m = _built(t)
    assert any(g.collapsed for g in m.groups)
    laid = grouped_positions(m)
    assert sorted(laid) == sorted(m.nodes())
    for n, (x, y) in laid.items():
        assert m.position(n) == pytest.approx((x, y), abs=1e-6), n


def test_an_input_sits_level_with_what_it_feeds_not_at_the_top_of_its_column():
    """The expanded MLP laid out: each data point's inputs beside that data
    point's first layer, each layer level with the one it reads from, and
    each layer's weights level with the middle of the layers they feed.
    Stacked from the top, data point 4's inputs sat by data point 1 (their
    wires crossing the picture) and the weights at the top."""
    t = templates.mlp()
    m = GraphModel.from_records({}, [(n, a) for n, a in t.nodes], t.edges)
    for gid, label, members, _collapsed in t.groups:
        m.groups.add(members, label, gid=gid)
    pos = grouped_positions(m)
    check_whole(m, pos)
    open_frames, _shown = frames(m, pos)
    by_label = {m.groups.get(g).label: r for g, r in open_frames.items()}

    def middle(r: Rect) -> float:
        return (r[1] + r[3]) / 2

    for d in range(1, 5):
        layer1 = by_label[f"layer 1 [{d}]"]
        for i in range(1, 4):
            y = pos[f"x{d}_{i}"][1]
            nearest = min(range(1, 5), key=lambda k: abs(middle(by_label[f"layer 1 [{k}]"]) - y))
            assert nearest == d, (d, i)
        assert layer1[1] - 1 <= y <= layer1[3] + 1
        for a, b in ((1, 2), (2, 3)):
            la, lb = by_label[f"layer {a} [{d}]"], by_label[f"layer {b} [{d}]"]
            assert la[1] < middle(lb) < la[3]  # level: the later layer's middle within the earlier's span
    layers = [middle(by_label[f"layer 1 [{k}]"]) for k in range(1, 5)]
    for w in ("layer 1 weights", "layer 2 weights"):
        assert layers[1] < middle(by_label[w]) < layers[2]


def test_imported_code_comes_in_with_each_statements_group_whole():
    """A new user's trial: File › Import Code of micrograd's README example
    (a group per long statement) came in laid out by depth alone, group
    frames over one another and nodes of one group inside another's frame."""
    from core.code.codeadd import add_code

    text = (
        "a = Value(-4.0)\nb = Value(2.0)\nc = a + b\nd = a * b + b**3\nc += c + 1\nc += 1 + c + (-a)\n"
        "d += d * 2 + (b + a).relu()\nd += 3 * d + (b - a).relu()\ne = c - d\nf = e**2\ng = f / 2.0\n"
        "g += 10.0 / f\n"
    )
    m = GraphModel()
    add_code(m, text, group_statements=True)
    assert len(m.groups) >= 4
    pos = {n: m.position(n) for n in m.nodes()}
    check_whole(m, pos)
    # one band, read left to right: a statement's block right of the one it reads (cut in two
    # bands, line 8's block sat under line 7's, its wires running back across the picture)
    by_line = {
        g.label.rsplit("(line ", 1)[1].rstrip(")"): r
        for g, r in ((m.groups.get(k), r) for k, r in frames(m, pos)[0].items())
    }
    assert by_line["7"][2] < by_line["8"][0]
