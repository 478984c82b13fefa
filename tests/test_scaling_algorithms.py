"""Work that must follow what an action touches, not the size of the graph
(issue 14): counted, never timed. Explaining inf/nan walks each node once;
the zoomed-out overview re-places only the moved card and its wires; the
card grid finds the cards the scene finds; the wire count is kept."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QRectF, Qt

from core.autograd import ops
from core.explain.replay import Replay
from core.graph import forward
from core.graph.backward import backward
from core.graph.model import GraphModel
from gui.backward.replay_canvas import ReplayCanvas
from gui.canvas.items import NodeItem
from gui.common import style as S


def inf_chain(n: int) -> GraphModel:
    """log(0) = -inf at the start of a chain of n adds and negations: every
    value and gradient after it is inf or nan."""
    m = GraphModel()
    m.add_node("leaf", "z", value=0.0)
    m.add_node("log", "y")
    m.connect("z", "y", 0)
    prev = "y"
    for i in range(n):
        nid = f"n{i}"
        if i % 2:
            m.add_node("neg", nid)
            m.connect(prev, nid, 0)
        else:
            m.add_node("leaf", f"c{i}", value=1.0)
            m.add_node("mul", nid)
            m.connect(prev, nid, 0)
            m.connect(f"c{i}", nid, 1)
        prev = nid
    m.add_node("mul", "out")
    m.connect(prev, "out", 0)
    m.connect(prev, "out", 1)  # out = prev²: inf · inf, then nan gradients
    return m


def test_skip_to_end_explains_each_nonfinite_node_once():
    m = inf_chain(600)
    rp = Replay(backward(m), m.label, m.nonfinite_reason)
    whys = {n: rp.nonfinite_cause(n, rp.last) for n in m.nodes()}
    assert sum(w is not None for w in whys.values()) > 600  # most nodes explain an inf
    assert rp.origin_walks <= len(m)  # each node walked once, not once per node behind it
    # the answers are the walk's own: the same from a fresh replay asked node by node
    for n in random.Random(3).sample(m.nodes(), 40):
        fresh = Replay(backward(m), m.label, m.nonfinite_reason)
        assert fresh.nonfinite_cause(n, fresh.last) == whys[n]


def test_stepping_through_a_pass_explains_each_nonfinite_node_once():
    """Each step asks why the inf/nan of the few cards it changes came about;
    the walk back from them goes through nodes whose step is shown, whose
    answer stays the same: walked once in the whole pass, not once per step
    (a step deep into a 50,000-node graph of inf/nan walked hundreds)."""
    m = inf_chain(300)
    rp = Replay(backward(m), m.label, m.nonfinite_reason)
    asked = 0
    whys = {}
    for pos in range(1, rp.last + 1):
        for n in sorted(rp.touched(pos)):
            asked += 1
            whys[(n, pos)] = rp.nonfinite_cause(n, pos)
    assert sum(w is not None for w in whys.values()) > rp.last  # most steps explain an inf
    assert rp.origin_walks <= len(m) + asked  # the node asked about, and each node behind it once
    for (n, pos), why in random.Random(4).sample(sorted(whys.items()), 60):  # as a fresh replay says
        fresh = Replay(backward(m), m.label, m.nonfinite_reason)
        assert fresh.nonfinite_cause(n, pos) == why, (n, pos)


def test_the_models_inf_reasons_walk_each_node_once(monkeypatch):
    m = inf_chain(600)
    calls = []
    explain = ops.explain_nonfinite
    monkeypatch.setattr(ops, "explain_nonfinite", lambda *a: calls.append(1) or explain(*a))
    reasons = {n: m.nonfinite_reason(n) for n in m.nodes()}
    assert reasons["out"] == "log of zero at 'y'"
    # each node walked once, and only where a walk stops asked why: 'y',
    # the one node whose own op made its inf (the others inherit it)
    assert len(calls) == 1
    # an edit forgets them: a finite start makes every value finite again
    m.set_value("z", 1.0)
    assert m.nonfinite_reason("out") is None
    m.set_value("z", 0.0)
    m.set_label("y", "why")
    assert m.nonfinite_reason("out") == "log of zero at 'why'"


def test_forward_memo_gives_the_unmemoized_answers():
    m = inf_chain(50)
    g, ins, vals = m.graph.nodes, m.input_table(), m.values()
    memo: dict = {}
    for n in m.nodes()[::-1]:
        assert forward.nonfinite_origin(n, g, ins, vals, m.label, memo) == forward.nonfinite_origin(
            n, g, ins, vals, m.label
        )


def test_skip_to_end_on_the_canvas_explains_each_node_once(qtbot):
    m = inf_chain(300)
    _, _, scene, _ = make_canvas(qtbot, m)
    rp = Replay(backward(m), m.label, m.nonfinite_reason)
    ReplayCanvas().draw(rp, scene, m, rp.last, -1)
    assert rp.origin_walks <= len(m)
    assert "log of zero at 'y'" in scene.node_item("n299").note


def grid_model(n: int, seed: int = 5) -> GraphModel:
    """Cards on a 40-wide grid, each op's inputs from anywhere before it."""
    m = GraphModel()
    rnd = random.Random(seed)
    for i in range(n):
        m.add_node("leaf" if i < 20 else "add", f"v{i}", value=1.0, x=(i % 40) * 220.0, y=(i // 40) * 150.0)
        if i >= 20:
            m.connect(f"v{rnd.randrange(i)}", f"v{i}", 0)
            m.connect(f"v{rnd.randrange(i)}", f"v{i}", 1)
    return m


def test_a_move_zoomed_out_replaces_only_its_card_and_wires(qtbot, monkeypatch):
    m = grid_model(400)
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    layer = scene._layer
    assert layer.isVisible()
    view.viewport().repaint()  # the first paint builds everything once
    rebuilds, cards, wires = [], [], []
    monkeypatch.setattr(layer, "_rebuild", lambda: rebuilds.append(1))
    put_node, put_wire = layer._put_node, layer._put_wire
    monkeypatch.setattr(layer, "_put_node", lambda it: cards.append(it.node_id) or put_node(it))
    monkeypatch.setattr(layer, "_put_wire", lambda e: wires.append(e.key) or put_wire(e))
    n_wires = len(m.inputs("v200")) + len(m.consumers("v200"))
    m.set_position("v200", 5000.0, 5000.0)
    view.viewport().repaint()
    assert rebuilds == [] and cards == ["v200"] and len(wires) == n_wires
    block = layer._blocks[0][None]["v200"]  # colour 0, the top level (no group)
    assert block.center().x() == pytest.approx(5000.0) and block.center().y() == pytest.approx(5000.0)
    assert layer.boundingRect().contains(scene.node_item("v200").sceneBoundingRect())
    # selecting one card draws that card's block in the selection's colour (no block re-filed)
    cards.clear()
    scene.select_ids(["v3"])
    assert cards == [] and layer._picked == {"v3"}


def test_the_card_grid_finds_what_the_scene_finds(qtbot):
    m = grid_model(300)
    _, _, scene, _ = make_canvas(qtbot, m)
    m.set_position("v7", 12345.0, -678.0)  # moved: filed again
    m.remove_node("v150")
    long_note = "a very long note " * 40  # wider than the grid's reach
    scene.node_item("v9").set_note(long_note)
    rnd = random.Random(1)
    for _ in range(60):
        x, y = rnd.uniform(-2000, 14000), rnd.uniform(-1500, 2500)
        region = QRectF(x, y, rnd.uniform(10, 3000), rnd.uniform(10, 2000))
        found = scene.items(region, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
        want = {it for it in found if isinstance(it, NodeItem) and it.isVisible()}
        assert set(scene.node_items_in(region)) == want, region


def test_the_wire_count_is_kept_through_edits():
    m = grid_model(120)
    rnd = random.Random(2)
    for _ in range(200):
        t = rnd.choice([n for n in m.nodes() if m.op(n) != "leaf"])
        p = rnd.randrange(2)
        if m.inputs(t)[p] is None:
            s = rnd.choice(m.nodes())
            if m.can_connect(s, t, p) is None:
                m.connect(s, t, p)
        else:
            m.disconnect(t, p)
        if rnd.random() < 0.05:
            m.remove_node(rnd.choice(m.nodes()))
        assert m.edge_count() == m.graph.number_of_edges()


def test_an_explanation_kept_for_good_is_read_only_where_its_step_is_shown():
    """What a node's walk found once its step was shown stays true at every
    later position, not before it (there, only some contributions are in).
    ``a`` gets two finite contributions whose sum overflows (kind "sum"),
    then an inf through exp's overflow ("local"): after Skip to End, stepping
    back to between them explains the sum, as a replay that never went
    further does (review: it read the finished pass's answer)."""
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    m.add_node("leaf", "h", value=1e308)
    m.add_node("leaf", "e", value=1000.0)
    m.add_node("exp", "x")
    m.connect("e", "x", 0)
    for name, (s, t) in (("m3", ("a", "x")), ("m1", ("a", "h")), ("m2", ("a", "h"))):  # m3's step last
        m.add_node("mul", name)
        m.connect(s, name, 0)
        m.connect(t, name, 1)
    m.add_node("add", "s12")
    m.connect("m1", "s12", 0)
    m.connect("m2", "s12", 1)
    m.add_node("add", "out")
    m.connect("s12", "out", 0)
    m.connect("m3", "out", 1)
    m.set_output("out")
    result = backward(m)
    rp = Replay(result, m.label, m.nonfinite_reason)
    between = max(rp.rank["m1"], rp.rank["m2"]) + 1  # both in, m3's not yet
    assert between <= rp.rank["m3"]
    fresh = Replay(result, m.label, m.nonfinite_reason)
    want = fresh.nonfinite_cause("a", between)
    assert want is not None and rp.nonfinite_cause("a", rp.last) != want  # it differs at the end
    assert rp.nonfinite_cause("a", between) == want
