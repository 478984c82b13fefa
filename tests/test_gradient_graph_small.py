"""Build Gradient Graph of a small non-linear function reads at Fit (a
trial: x**3 * y + tanh(x*y) imported as code, its gradient graph opened at
31 %, the cards numbers alone, the gradients spread over 17 rows, "8" at the
top and ".005" at the bottom, with wires from x**3 and tanh1 sweeping down
the whole group to reach them, the middle crowded). Placement:
core/graph/gradient_place.py; the blog's and the neuron's:
test_gradient_graph.py and test_gradient_graph_fit.py."""

from __future__ import annotations

import math

import pytest
from PySide6.QtWidgets import QApplication
from test_gradient_graph_fit import CANVAS_W
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

from core.code import codeadd
from core.graph import gradient_place as gp
from core.graph.gradient_graph import gradient_graph
from core.graph.layout import NODE_H, NODE_W, ROW

TRIAL = "x = Value(2.0)\ny = Value(-1.5)\nz = x**3 * y + (x*y).tanh()\nz.backward()\n"
#: Similar small functions: sigmoid-like, a quotient, a product of three, a polynomial.
SMALL = {
    "trial": TRIAL,
    "sigmoid": "a = Value(0.5)\nb = Value(-2.0)\nz = 1 / (1 + (-(a*b)).exp())\n",
    "quotient": "a = Value(0.5)\nb = Value(-2.0)\nz = (a*b).exp() / (1 + a)\n",
    "product": "a = Value(2.0)\nb = Value(-3.0)\nc = Value(1.5)\nz = a*b*c\n",
    "poly": "x = Value(1.5)\ny = Value(0.5)\nz = x**2*y + y**3 - x*y\n",
}


def _gradient_model(code: str):
    m = codeadd.import_code(code, {})[0]
    return m, gradient_graph(m).model


def _measures(m, gm) -> dict:
    """The gradient graph's height and width (cards' boxes), and the length
    of its drawn wires (an original leaf read by a gradient is a copy)."""
    pos = {n: gm.position(n) for n in gm.nodes()}
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    leaves = {n for n in m.nodes() if m.op(n) == "leaf"}
    made = set(gm.nodes()) - set(m.nodes())
    length = 0.0
    for s, t, p in gm.edges():
        if t in made and s not in leaves:
            x1, y1, x2, y2 = gp.wire(pos[s], pos[t], p, len(gm.inputs(t)))
            length += math.hypot(x2 - x1, y2 - y1)
    return {"height": max(ys) - min(ys) + NODE_H, "width": max(xs) - min(xs) + NODE_W, "wires": length}


def test_the_trials_gradient_graph_is_compact():
    """Before: 1,882 tall (17 rows), 2,764 wide, 10,472 of wire; now about
    6 rows, 2,314 and 5,800."""
    got = _measures(*_gradient_model(TRIAL))
    assert got["height"] <= 7 * ROW, got
    assert got["width"] <= 2400, got
    assert got["wires"] <= 7000, got


@pytest.mark.parametrize("name", sorted(SMALL))
def test_small_functions_gradient_graphs_are_compact_and_overlap_nothing(name):
    """At most 7 rows tall (the sigmoid's were 9, the polynomial's 12), no
    card on another or on a copy, every wire running left to right."""
    m, gm = _gradient_model(SMALL[name])
    assert _measures(m, gm)["height"] <= 7 * ROW
    leaves = {n for n in m.nodes() if m.op(n) == "leaf"}
    made = set(gm.nodes()) - set(m.nodes())
    boxes = [(n, gp.card_box(*gm.position(n))) for n in gm.nodes()]
    for t in made:
        x, y = gm.position(t)
        ins = gm.inputs(t)
        boxes += [(t, gp.copy_box(x, y, p, len(ins))) for p, s in enumerate(ins) if s in leaves]
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1 :]:
            apart = ba[2] <= bb[0] or bb[2] <= ba[0] or ba[3] <= bb[1] or bb[3] <= ba[1]
            assert apart or a == b, (gm.label(a), gm.label(b))
    for s, t, _p in gm.edges():
        assert gm.position(s)[0] < gm.position(t)[0], (gm.label(s), gm.label(t))


def test_the_trials_gradient_graph_fits_larger(window, tmp_path):
    """In the trial's window (1600×1000, the tutorial's dock beside: a canvas
    1,033 wide) Fit showed the trial's gradient graph at 34 %; now 40 %."""
    w = window
    w.showNormal()
    w.resize(1600, 1000)
    action(w, "tutorial").trigger()
    QApplication.processEvents()
    w.resize(1600 - (w.view.viewport().width() - CANVAS_W), 1000)
    QApplication.processEvents()
    w.open_model(codeadd.import_code(TRIAL, {})[0], "trial")
    QApplication.processEvents()
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    action(w, "fit").trigger()
    QApplication.processEvents()
    assert w.view.is_fitted
    assert w.view.zoom >= 0.38, w.view.zoom
