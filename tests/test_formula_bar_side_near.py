"""t71: a side formula typed in the f(x) bar (``w = x + 1`` beside
``z = x*y + 3*x``) stayed a side result but its cards went right of z, past
the whole graph: the view scrolled right and x went off its left edge. A
side result sits by what it reads: a column right of x, in a row where its
wires pass under no card, and x stays in view. Driven as a user: typing in
the bar."""

from __future__ import annotations

import pytest
from test_formula_bar_name_taken import labelled
from test_formula_bar_side_result import in_view
from window_helpers import answers, tmp_settings, type_formula, window  # noqa: F401

from core.autograd.ops import arity
from core.graph.add_room import crossings
from core.graph.gradient_geometry import card_box


def test_a_side_result_sits_right_of_what_it_reads_not_past_the_output(qtbot, window):
    w = window
    w.resize(1366, 768)
    type_formula(qtbot, w, "z = x*y + 3*x")
    m = w.model
    (z,), (x,) = labelled(w, "z"), labelled(w, "x")
    before = set(m.nodes())
    type_formula(qtbot, w, "w = x + 1", None)
    (side,) = labelled(w, "w")
    assert m.output == z  # (still a side result)
    new = set(m.nodes()) - before
    assert side in new and len(new) == 2
    pos = {n: m.position(n) for n in m.nodes()}
    assert all(pos[n][0] < pos[z][0] for n in new), pos  # left of z: not past the graph
    assert pos[side][0] > pos[x][0]  # right of what it reads
    wires = [(s, n, p) for n in new for p, s in enumerate(m.inputs(n))]
    assert crossings(pos, wires, lambda n: arity(m.op(n))) == 0  # no wire of theirs under a card
    boxes = {n: card_box(*p) for n, p in pos.items()}
    for n in new:  # and no card on another
        a = boxes[n]
        assert not any(
            a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for k, b in boxes.items() if k != n
        )
    assert in_view(w, x) and in_view(w, side)  # the view keeps x in it
    w.grab().save("/tmp/fix71i_side.png")


def _crossed(a, b) -> bool:
    """Whether the straight segments ``a`` and ``b`` (each two QPointF) cross."""

    def side(p, q, r) -> float:
        return (q.x() - p.x()) * (r.y() - p.y()) - (q.y() - p.y()) * (r.x() - p.x())

    return side(*a, b[0]) * side(*a, b[1]) < 0 and side(*b, a[0]) * side(*b, a[1]) < 0


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_a_side_results_two_wires_do_not_cross(qtbot, window, size):
    """t72: ``w = x + 1`` beside ``z = x*y + 3*x`` put its new 1 above x
    (the side result above the graph), wired into w's lower port while x
    went to the upper one: the two wires into w crossed. Its sources lie in
    the order of its ports."""
    w = window
    w.resize(*size)
    type_formula(qtbot, w, "z = x*y + 3*x")
    type_formula(qtbot, w, "w = x + 1", None)
    (side,) = labelled(w, "w")
    assert w.model.output == labelled(w, "z")[0]  # (a side result)
    sc = w.scene
    ins = w.model.inputs(side)
    assert [w.model.label(s) for s in ins] == ["x", "1"]
    wires = [(sc.node_item(s).output_pos(), sc.node_item(side).input_pos(p)) for p, s in enumerate(ins)]
    assert not _crossed(*wires), wires
