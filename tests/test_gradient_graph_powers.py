"""Build Gradient Graph on a power (trial 65 #5): the power rule's cards are
written in the app's own notation, the one its f(x) bar reads (``y**2``;
``y^1`` and ``2·(y^1)`` it refuses: "for a power write **"), simplified where
that is exact (``2·y``: y**1 is y), the same in ``export --to torch``'s comments."""

from __future__ import annotations

import pytest

from core.code.codeout import to_torch
from core.graph.backward import backward
from core.graph.gradient_graph import gradient_graph
from core.graph.hessian import hessian
from core.graph.model import GraphModel


def trial_model(k: float = 2.0) -> GraphModel:
    """``f = x*y + exp(x)*y**k`` built by hand, as the trial did: the palette's names."""
    nodes = [
        ("x", {"op": "leaf", "label": "x", "value": 0.5}),
        ("y", {"op": "leaf", "label": "y", "value": -1.5}),
        ("mul1", {"op": "mul", "label": "mul1"}),
        ("exp1", {"op": "exp", "label": "exp1"}),
        ("pow1", {"op": "pow", "label": "pow1", "exponent": k}),
        ("mul2", {"op": "mul", "label": "mul2"}),
        ("add1", {"op": "add", "label": "add1"}),
    ]
    edges = [
        ("x", "mul1", 0), ("y", "mul1", 1), ("x", "exp1", 0), ("y", "pow1", 0),
        ("exp1", "mul2", 0), ("pow1", "mul2", 1), ("mul1", "add1", 0), ("mul2", "add1", 1),
    ]  # fmt: skip
    return GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)


def _made(m: GraphModel, gm: GraphModel) -> list[str]:
    return [n for n in gm.nodes() if n not in m.nodes()]


def test_the_square_rule_reads_two_y():
    m = trial_model()
    g = gradient_graph(m)
    gm = g.model
    labels = {gm.label(n) for n in _made(m, gm)}
    assert not any("^" in t for t in labels), labels
    assert "2·y" in labels and "pow1.grad·(2·y)" in labels, labels
    (two_y,) = [n for n in _made(m, gm) if gm.label(n) == "2·y"]
    assert gm.op(two_y) == "mul" and [gm.label(s) for s in gm.inputs(two_y)] == ["2", "y"]
    assert not [n for n in _made(m, gm) if gm.op(n) == "pow"]  # (no y**1 card left)
    code = to_torch(gm)
    assert "# 2·y" in code and "^" not in code


@pytest.mark.parametrize(("k", "power"), [(3.0, "y**2"), (-1.0, "y**−2"), (0.5, "y**−0.5")])
def test_other_powers_are_written_with_stars(k, power):
    m = trial_model(k)
    gm = gradient_graph(m).model
    labels = [gm.label(n) for n in _made(m, gm)]
    assert power in labels and not any("^" in t for t in labels), labels


@pytest.mark.parametrize("k", [0.0, 1.0, 2.0, 3.0, -1.0, -2.0])
def test_the_simplified_rule_gives_backwards_gradients_and_the_hessian(k):
    m = trial_model(k)
    g = gradient_graph(m)
    gm = g.model
    grads = backward(m).grads
    assert {n: gm.value(gid) for n, gid in g.grads.items()} == grads  # to the bit
    h = hessian(m)
    for i, leaf in enumerate(h.leaves):
        row = backward(gm, g.grads[leaf]).grads
        assert [row[x] for x in h.leaves] == pytest.approx(h.hessian[i], rel=1e-14, abs=1e-15)
    if k == 1.0:  # y**1's rule is its number: no y**0 card
        assert not [n for n in _made(m, gm) if gm.op(n) == "pow"]
