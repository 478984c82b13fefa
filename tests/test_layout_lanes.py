"""Auto Layout keeps a wire off the cards it does not join (trial 42, item 2).

Imported, micrograd's README example drew the wire from c′ to "1 + c" under
the constant 1's card, so that "1 + c" seemed to read 1 twice, and the wire
from c′ to c″ under three cards. A wire now has a lane in each column it
crosses (core/graph/lanes.py): no card stands in its way there.
"""

from __future__ import annotations

import pytest
from snippets import MICROGRAD_README

from core.code.codeadd import import_code
from core.graph.group_layout import auto_positions
from core.graph.layout import NODE_H, NODE_W, ROW, layered_positions
from core.graph.model import GraphModel
from gui.canvas.linked.rule import LinkedRule
from gui.canvas.painting import OUT_Y, PORT_YS, wire_cubic_at

W2, H2 = NODE_W / 2, NODE_H / 2


def _wires(m: GraphModel, pos: dict) -> list[tuple[str, str, float, float, float, float]]:
    """Every wire drawn as a wire (not as a linked copy): its ends and ports."""
    rule = LinkedRule(m)
    table = m.input_table()
    out = []
    for t, ins in table.items():
        ys = PORT_YS[2 if len(ins) > 1 else 1]
        for port, s in enumerate(ins):
            if s is None or rule.is_linked((s, t, port)):
                continue
            (x1, y1), (x2, y2) = pos[s], pos[t]
            out.append((s, t, x1 + W2, y1 + OUT_Y, x2 - W2, y2 + ys[port]))
    return out


def _under(m: GraphModel, pos: dict, level_only: bool = False) -> list[tuple[str, str, str]]:
    """(source, target, card) for each card a wire passes under, its curve
    sampled as the canvas draws it (``level_only``: the wires whose ends are
    less than half a row apart in height, nearly straight)."""
    hits = []
    for s, t, x1, y1, x2, y2 in _wires(m, pos):
        if level_only and abs(y2 - y1) >= ROW / 2:
            continue
        c = wire_cubic_at(x1, y1, x2, y2)
        pts = []
        for i in range(65):
            u = i / 64
            a, b, cc, d = (1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u * u * (1 - u), u**3
            pts.append(
                (a * c[0] + b * c[2] + cc * c[4] + d * c[6], a * c[1] + b * c[3] + cc * c[5] + d * c[7])
            )
        for n, (x, y) in pos.items():
            if n not in (s, t) and any(x - W2 < px < x + W2 and y - H2 < py < y + H2 for px, py in pts):
                hits.append((s, t, n))
    return hits


def _placed(m: GraphModel) -> dict[str, tuple[float, float]]:
    return {n: m.position(n) for n in m.nodes()}


@pytest.mark.parametrize("how", ["import", "auto layout"])
def test_the_readme_examples_wires_run_clear_of_the_cards_they_do_not_join(how):
    m, _plan = import_code(MICROGRAD_README)
    pos = _placed(m) if how == "import" else auto_positions(m)
    labels = {n: m.graph.nodes[n].get("label") for n in m.nodes()}
    named = {(labels[s], labels[t]) for s, t, _n in _under(m, pos)}
    # the trial's two: c′ into "1 + c" (under the card 1) and c′ into c″ (under three)
    assert not named & {("c′", "1 + c"), ("c′", "c″")}, named
    assert _under(m, pos, level_only=True) == []  # no nearly level wire under a card
    assert _under(m, pos) == []  # nor any other (d into d * 2 dropped across the card 2)


def test_a_wire_past_a_chain_has_its_own_row():
    """a → b → c → d and a → d: the long wire from a ran level under b and c."""
    m = GraphModel()
    a, b, c, d = (
        m.add_node(op, value=1.0) if op == "leaf" else m.add_node(op)
        for op in ("leaf", "tanh", "tanh", "add")
    )
    m.connect(a, b, 0)
    m.connect(b, c, 0)
    m.connect(c, d, 0)
    m.connect(a, d, 1)
    pos = layered_positions(m)
    assert pos[a][0] < pos[b][0] < pos[c][0] < pos[d][0]  # (the chain in its columns, as before)
    assert _under(m, pos) == []
    assert auto_positions(m) == pos  # (no groups: Auto Layout is the plain layout)


@pytest.mark.parametrize("how", ["import", "auto layout"])
def test_a_leaf_used_by_a_product_and_the_sum_of_it_runs_clear_of_the_product(how):
    """c = a*b + a (trial 47): the lane of a's wire to c was moved off a's
    row to keep the wires into c in their ports' order, and the wire, drawn
    straight from a to c, ran under a*b through its second input: it read
    as a feeding both inputs of a*b."""
    m, _plan = import_code("a = Value(2.0)\nb = Value(-3.0)\nc = a*b + a\n")
    pos = _placed(m) if how == "import" else auto_positions(m)
    assert _under(m, pos) == []
