"""core/graph/add_room.py in plain Python: the cards a text adds beside a
graph (the f(x) bar, File › Import Code › Add to Graph) go where the wires
from the canvas into them pass under no card (trial 50), and a block with
groups moves as one."""

from __future__ import annotations

import time

from trial50_graph import trial_graph

from core.autograd.ops import arity
from core.code.codeadd import canvas_names, plan_add
from core.code.codein import parse_code
from core.graph.gradient_geometry import card_box, wire, wire_meets
from core.graph.model import GraphModel


def under(model: GraphModel, text: str, **kw) -> dict[tuple[str, str], list[str]]:
    """Each wire the plan brings, and the cards (not its ends) it passes under."""
    graph = parse_code(text)
    plan = plan_add(model, graph, reuse=canvas_names(model, graph)[0], **kw)
    pos = {n: model.position(n) for n in model.nodes()}
    ops = {n: model.op(n) for n in model.nodes()}
    for n, a in plan.nodes:
        pos[n], ops[n] = (a["x"], a["y"]), a["op"]
    out = {}
    for s, t, p in plan.edges:
        w = wire(pos[s], pos[t], p, arity(ops[t]))
        out[(s, t)] = [n for n in pos if n not in (s, t) and wire_meets(w, card_box(*pos[n]))]
    return out


def test_the_bars_cards_wires_pass_under_no_card():
    got = under(trial_graph(), "f = tanh(add1) * exp(-y)", set_output=True)
    assert ("y", "neg1") in got and ("add1", "tanh1") in got
    assert all(not hits for hits in got.values()), got


def test_a_new_formula_s_wires_pass_under_no_card():
    """Trial 65 #8: on an empty canvas, f = x*y + exp(x)*y**2 ran y's wire up to
    x*y under y**2's corner, beside its port (read as a second wire into it):
    the lane it runs in was stacked by its source's height, under y**2."""
    for text in ("f = x*y + exp(x)*y**2", "h = exp(a)*b + a*b**2", "L = a*b + c"):
        got = under(GraphModel(), text, set_output=True)
        assert all(not hits for hits in got.values()), (text, got)


def test_a_grouped_import_moves_as_a_block_off_the_cards_between():
    got = under(trial_graph(), "u = tanh(add1) * exp(-y)\nv = u * u + u * 2", group_statements=True)
    assert not got[("add1", "tanh1")]
    assert set(got[("y", "neg1")]) <= {"mul1"}  # (the card next to y, whose port y's wires all leave by)


def test_beside_a_big_graph_only_the_cards_near_are_looked_at():
    """50,000 cards, 100 columns: wires from the far corner and from the
    right edge (a wire across the whole graph cost a second, its cards
    counted for each row tried)."""
    m = GraphModel()
    with m.batch():
        for i in range(50_000):
            m.add_node("leaf", f"v{i}", value=1.0, x=(i % 100) * 240.0, y=(i // 100) * 110.0)
    texts = ("f = tanh(v0) * exp(-v49999)", "g = v0*v1 + v25000*v49999", "h = tanh(v99)*v199 + exp(-v299)")
    for text in texts:
        graph = parse_code(text)
        reuse = canvas_names(m, graph)[0]
        t = time.perf_counter()
        plan_add(m, graph, reuse=reuse)
        assert time.perf_counter() - t < 1.0, text
