"""Backward › Build Gradient Graph in core (core/graph/gradient_graph.py):
a new model whose nodes compute every gradient with ops of the table; its
values are Backward's gradients and Backward run from a leaf's gradient node
gives that leaf's row of the Hessian."""

from __future__ import annotations

import pytest
from second_order_helpers import close, random_graph, to_model
from test_cli import EXAMPLES

from core.autograd.ops import OPS
from core.cli import templates
from core.files import fileio
from core.graph import gradient_geometry as geometry
from core.graph import gradient_place as gp
from core.graph.backward import backward
from core.graph.gradient_graph import also_of, gradient_graph
from core.graph.hessian import hessian
from core.graph.layout import NODE_H, NODE_W
from core.graph.model import GraphModel
from gui.canvas.linked.copy_item import room_rect
from gui.canvas.linked.rule import LinkedRule
from gui.canvas.painting import OUT_Y, PORT_YS


def test_blog_gradient_graph():
    g = gradient_graph(fileio.load(EXAMPLES / "blog_L.mgraph"))
    m = g.model
    assert g.root == "L" and set(m.nodes()) >= {"a", "b", "c", "f", "e", "d", "L"}
    assert {n: m.value(g.grads[n]) for n in "abcf"} == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}
    assert m.label(g.grads["a"]) == "a.grad" and m.op(g.grads["a"]) == "mul"
    # a.grad = b · e.grad: a product drawn either way round, its copy of b on the side away from the wire
    assert m.inputs(g.grads["a"]) == ["b", g.grads["e"]]
    assert m.inputs(g.grads["b"]) == [g.grads["e"], "a"]  # b.grad = e.grad · a
    assert m.label(g.grads["L"]) == "L.grad" and m.node(g.grads["L"])["trainable"] is False
    assert m.output == g.grads["a"]
    row = backward(m).grads
    assert [row[n] for n in "abcf"] == [0.0, -2.0, 0.0, -3.0]  # the Hessian's first row


def test_values_are_backwards_gradients_and_rows_are_the_hessians():
    for seed in range(40):
        nodes, root = random_graph(seed)
        m = to_model(nodes, root)
        g = gradient_graph(m, root)
        gm = g.model
        assert all(gm.op(n) in OPS for n in gm.nodes())
        grads = backward(m, root).grads
        for n, gid in g.grads.items():
            assert close(gm.value(gid), grads[n], 1e-13, 1e-15), (seed, n)
        h = hessian(m, root)
        for i, leaf in enumerate(h.leaves):
            if gm.op(g.grads[leaf]) == "leaf":
                assert all(v == 0.0 for v in h.hessian[i])
                continue
            row = backward(gm, g.grads[leaf]).grads
            # the same sums, perhaps in another order: the new model's own topological order
            for x, want in zip(h.leaves, h.hessian[i]):
                assert close(row[x], want, 1e-12, 1e-14), (seed, leaf, x)


def test_the_gradient_graph_saves_and_loads():
    g = gradient_graph(fileio.load(EXAMPLES / "neuron_tanh.mgraph"))
    again = fileio.loads(fileio.dumps(g.model))
    assert again.nodes() == g.model.nodes() and again.values() == g.model.values()
    assert again.output == g.model.output


def test_a_constant_of_the_rules_is_one_card_for_all_its_uses():
    """tanh's rule writes 1 − o and 1 + o: both read the one leaf "1" (two
    cards both labelled 1 left a learner asking which was which); a
    gradient that is itself a number (o.grad = 1) keeps a card of its own,
    and every value and Hessian row is as before."""
    m = fileio.load(EXAMPLES / "neuron_tanh.mgraph")
    g = gradient_graph(m)
    gm = g.model
    ones = [n for n in gm.nodes() if gm.op(n) == "leaf" and gm.label(n) == "1"]
    assert len(ones) == 1
    users = sorted(gm.label(t) for s, t, _p in gm.edges() if s == ones[0])
    assert users == ["1 + o", "1 − o"]
    assert gm.label(g.grads["o"]) == "o.grad" and g.grads["o"] != ones[0]
    grads = backward(m).grads
    assert all(gm.value(gid) == grads[n] for n, gid in g.grads.items())
    h = hessian(m)
    row = backward(gm).grads
    first = gm.output
    leaf = next(n for n, gid in g.grads.items() if gid == first)
    want = h.hessian[h.leaves.index(leaf)]
    assert all(close(row[n], want[h.leaves.index(n)], 1e-12, 1e-15) for n in h.leaves)


def test_a_gradient_shared_through_adds_is_named_where_it_is_made():
    """d = e + c passes d's gradient on to e and c unchanged: one node. Named
    after the leaf, the blog's a.grad read "c.grad · b" (a trial asked what c
    had to do with a); after both, the card wrote "d.gr…grad": it is named
    after d, where it is made, and ``also_of`` says whose gradient it is too."""
    g = gradient_graph(fileio.load(EXAMPLES / "blog_L.mgraph"))
    m = g.model
    assert g.grads["d"] == g.grads["e"] == g.grads["c"]
    assert m.label(g.grads["c"]) == "d.grad" and also_of(g, g.grads["c"]) == ["c", "e"]
    assert sorted(m.label(s) for s in m.inputs(g.grads["a"])) == ["b", "d.grad"]  # (b · d.grad: drawn so)
    assert m.label(g.grads["f"]) == "f.grad" and also_of(g, g.grads["f"]) == []
    n = gradient_graph(fileio.load(EXAMPLES / "neuron_tanh.mgraph")).model
    assert {n.label(x) for x in n.nodes()} >= {"n.grad", "x1.grad", "o.grad", "(1 − o)·(1 + o)"}


def test_one_rules_constants_are_one_card_another_rules_their_own():
    """The twelve tanh layers each have their own "1" (one for all 24 uses ran
    a fan of wires down the whole graph), each feeding its layer's 1 − h and 1 + h."""
    g = gradient_graph(fileio.load(EXAMPLES / "vanishing_tanh.mgraph"))
    m = g.model
    ones = [n for n in m.nodes() if m.op(n) == "leaf" and m.label(n) == "1"]
    assert len(ones) == 12
    for one in ones:
        users = sorted(m.label(t) for s, t, _p in m.edges() if s == one)
        assert len(users) == 2 and users[0].startswith("1 + ") and users[1].startswith("1 − ")


def _hidden_wires(m, leaves):
    """The wires of the gradient graph ``m`` drawn as wires (an original leaf
    read in the gradients' group is drawn as a linked copy beside its port)
    whose straight segment or curve, from port to port, passes within 8 of
    a card that is neither of its ends, or whose curve passes within 8 of a
    copy (at its largest):
    (source, target, the card or "copy of" its leaf) by label."""
    half_w, half_h, pad = NODE_W / 2, NODE_H / 2, 8.0
    pos = {n: m.position(n) for n in m.nodes()}
    grads = m.groups.nodes_in(m.groups.ids()[0]) if len(m.groups) else set()
    copies = []
    for s, t, p in m.edges():
        if s in leaves and t in grads:
            r = room_rect(len(m.inputs(t)), p).translated(*pos[t])
            copies.append((f"copy of {m.label(s)}", r.left(), r.top(), r.right(), r.bottom()))
    out = []
    for s, t, p in m.edges():
        if s in leaves and t in grads:
            continue  # a copy
        (xs, ys), (xt, yt) = pos[s], pos[t]
        x1, y1 = xs + half_w, ys + OUT_Y
        x2, y2 = xt - half_w, yt + PORT_YS[len(m.inputs(t))][p]
        dx = max(40.0, abs(x2 - x1) / 2)
        pts = []
        for i in range(65):  # the canvas's cubic: control points level with the ports, dx out of each
            u = i / 64
            a, b, c, d = (1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u * u * (1 - u), u**3
            pts.append((a * x1 + b * (x1 + dx) + c * (x2 - dx) + d * x2, (a + b) * y1 + (c + d) * y2))
        straight = [(x1 + (x2 - x1) * i / 64, y1 + (y2 - y1) * i / 64) for i in range(65)]
        for n, (x, y) in pos.items():
            if n in (s, t):
                continue
            inside = [
                abs(px - x) <= half_w + pad and abs(py - y) <= half_h + pad for px, py in pts + straight
            ]
            if any(inside):
                out.append((m.label(s), m.label(t), m.label(n)))
        for name, left, top, right, bottom in copies:
            if any(left - pad <= px <= right + pad and top - pad <= py <= bottom + pad for px, py in pts):
                out.append((m.label(s), m.label(t), name))
    return out


def test_no_wire_of_the_gradient_graph_passes_under_another_card():
    """Wires from the original leaves to the gradient columns ran under every
    card between (the blog's b to a.grad under c, f and d.grad): the
    gradients are a group of their own, so the leaves they read are drawn
    beside them as linked copies, and each gradient node sits where its
    other wires (the blog's d to f.grad, which ran under L and L.grad) pass
    under no card. The original nodes keep their rows and the order of their
    columns (spaced for a copied leaf's badge: the blog's f, a column right
    of c, read "×1" where a and b read "×1 copy"). Under a copy: none in the
    blog (a trial: the copy of a beside b.grad lay across d.grad's wire to
    it; now b.grad's copy is on the side away from that wire, a.grad's is
    too: a.grad = b · d.grad); in the neuron, n.grad feeds four cards each
    with a copy beside it: its wires to the lower two pass under three
    copies of the cards above them (four before)."""
    graphs = [(fileio.load(EXAMPLES / "blog_L.mgraph"), 0), (templates.build("neuron"), 3)]
    for m, under_copies in graphs:
        g = gradient_graph(m)
        gm = g.model
        assert all(gm.position(n)[1] == m.position(n)[1] for n in m.nodes())
        before, after = ({n: mm.position(n)[0] for n in m.nodes()} for mm in (m, gm))
        side = {(a, b): (before[a] > before[b]) - (before[a] < before[b]) for a in before for b in before}
        assert side == {(a, b): (after[a] > after[b]) - (after[a] < after[b]) for a in after for b in after}
        leaves = {n for n in m.nodes() if m.op(n) == "leaf"}
        made = set(gm.nodes()) - set(m.nodes())
        assert len(gm.groups) == 1 and gm.groups.nodes_in(gm.groups.ids()[0]) == made
        copies = LinkedRule(gm)
        reads = [(s, t, p) for s, t, p in gm.edges() if s in leaves and t in made]
        assert reads and all(copies.is_linked(k) for k in reads)
        hidden = _hidden_wires(gm, leaves)
        assert [h for h in hidden if not h[2].startswith("copy of")] == []
        assert len(hidden) <= under_copies, hidden


def test_the_placement_measures_cards_ports_and_copies_as_the_canvas_draws_them():
    from gui.common import style

    assert (geometry.NODE_W, geometry.NODE_H) == (style.NODE_W, style.NODE_H)
    assert gp.wire((0.0, 0.0), (500.0, 0.0), 0, 1)[1] == OUT_Y
    for arity in (1, 2):
        for port in range(arity):
            x1, y1, x2, y2 = gp.wire((0.0, 0.0), (500.0, 0.0), port, arity)
            assert (x1, x2, y2) == (style.NODE_W / 2, 500.0 - style.NODE_W / 2, PORT_YS[arity][port])
            r = room_rect(arity, port)
            assert gp.copy_box(0.0, 0.0, port, arity) == (r.left(), r.top(), r.right(), r.bottom())


def test_with_its_tests_spent_every_node_still_has_a_height_of_its_own(monkeypatch):
    """Past ``BUDGET`` (a big graph) each gradient node goes to the free
    height nearest its inputs without looking at the cards in the way."""
    monkeypatch.setattr(gp, "BUDGET", 0)
    m = templates.build("neuron")
    gm = gradient_graph(m).model
    made = set(gm.nodes()) - set(m.nodes())
    at = sorted(gm.position(n) for n in made)
    assert all(a[0] != b[0] or b[1] - a[1] >= gp.ROW for a, b in zip(at, at[1:]))
    assert gm.groups.nodes_in(gm.groups.ids()[0]) == made


def _products_summed(k: int) -> GraphModel:
    """a_i·b_i summed, every leaf at one height: a column of 2k gradients all wanting one row."""
    nodes, edges, prev = [], [], None
    for i in range(k):
        nodes += [(f"a{i}", {"op": "leaf", "value": 1.0 + i, "x": 0.0, "y": 0.0})]
        nodes += [(f"b{i}", {"op": "leaf", "value": 2.0, "x": 0.0, "y": 0.0})]
        nodes += [(f"p{i}", {"op": "mul", "x": 200.0, "y": 0.0})]
        edges += [(f"a{i}", f"p{i}", 0), (f"b{i}", f"p{i}", 1)]
        if prev is not None:
            nodes.append((f"s{i}", {"op": "add", "x": 400.0, "y": 0.0}))
            edges += [(prev, f"s{i}", 0), (f"p{i}", f"s{i}", 1)]
            prev = f"s{i}"
        else:
            prev = f"p{i}"
    return GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)


@pytest.mark.parametrize("name", ["mlp", "products"])
def test_a_column_of_more_gradients_than_the_search_tries_still_gives_each_its_own_height(name):
    """A review: past the heights the search tries (a column of 137 in the
    MLP's gradient graph, 80 for a sum of 40 products at one height) every
    further card landed on the height it wanted, 268 of the MLP's 664 on
    top of others."""
    m = templates.build("mlp") if name == "mlp" else _products_summed(40)
    gm = gradient_graph(m).model
    made = set(gm.nodes()) - set(m.nodes())
    at = sorted(gm.position(n) for n in made)
    assert len(made) > 2 * gp.TRIES
    assert all(a[0] != b[0] or b[1] - a[1] >= gp.ROW for a, b in zip(at, at[1:]))
