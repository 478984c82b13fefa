"""Regenerate resources/examples/*.mgraph (laid out) from the code below."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.files import fileio
from core.graph.layout import layered_positions
from core.graph.model import GraphModel

OUT = Path(__file__).resolve().parents[1] / "resources" / "examples"


def build(nodes, edges, output, title):
    m = GraphModel()
    m.attrs["title"] = title
    for nid, op, extra in nodes:
        m.add_node(op, nid, label=extra.pop("label", nid), **extra)
    for s, t, p in edges:
        m.connect(s, t, p)
    m.set_output(output)
    for n, (x, y) in layered_positions(m).items():
        m.set_position(n, x, y)
    return m


def leaf(nid, v, label=None):
    return (nid, "leaf", {"value": v, "label": label or nid})


def const(nid, v, label=None):
    """An input (x1, x2) or a number written in the formula (the 2 in 2n): not a parameter."""
    return (nid, "leaf", {"value": v, "label": label or nid, "trainable": False})


def op(nid, name, **kw):
    return (nid, name, kw)


def vanishing_tanh() -> GraphModel:
    """A deep tanh chain, h_k = tanh(h_(k-1)·w_k + b_k), a folded group per
    layer: each layer multiplies the gradient by w·(1 − h²) ≈ 0.15..0.6, so
    it shrinks by about six orders of magnitude from h12 back to layer 1.
    The weights and biases are draws of random.Random(0) (|w| in [1.2, 2],
    |b| ≤ 0.3), written out. Cards run in rows of four, like text."""
    w = [1.81, 1.23, 1.52, 1.97, 1.67, -1.6, 1.31, -1.69, 1.99, -1.45, -1.92, 1.58]
    b = [-0.24, -0.04, 0.07, 0.25, 0.28, -0.01, 0.22, -0.14, 0.18, 0.03, -0.29, 0.13]
    m = GraphModel()
    m.attrs["title"] = f"Vanishing gradients: {len(w)} tanh layers, h = tanh(h·w + b)"
    dx, dy, per_row = 290.0, 170.0, 4
    # x's output port level with layer 1's input row (a folded card's first row is 54 below its top)
    m.add_node("leaf", "x", label="x", value=1.0, x=-330.0, y=43.0, trainable=False)
    prev = "x"
    for k in range(1, len(w) + 1):
        r, c = divmod(k - 1, per_row)
        x0, y0 = c * dx, r * dy  # the folded card's top-left (its nodes' least x and y)
        m.add_node("leaf", f"w{k}", label=f"w{k}", value=w[k - 1], x=x0, y=y0)
        m.add_node("leaf", f"b{k}", label=f"b{k}", value=b[k - 1], x=x0 + 240.0, y=y0 + 150.0)
        m.add_node("mul", f"m{k}", label=f"{prev}·w{k}", x=x0 + 240.0, y=y0 + 40.0)
        m.add_node("add", f"z{k}", label=f"z{k}", x=x0 + 480.0, y=y0 + 95.0)
        m.add_node("tanh", f"h{k}", label=f"h{k}", x=x0 + 720.0, y=y0 + 95.0)
        for s, t, p in ((prev, f"m{k}", 0), (f"w{k}", f"m{k}", 1), (f"m{k}", f"z{k}", 0)):
            m.connect(s, t, p)
        m.connect(f"b{k}", f"z{k}", 1)
        m.connect(f"z{k}", f"h{k}", 0)
        members = [f"w{k}", f"b{k}", f"m{k}", f"z{k}", f"h{k}"]
        m.groups.add(members, f"layer {k}", gid=f"layer{k}", collapsed=True)
        prev = f"h{k}"
    m.set_output(prev)
    return m


def _neuron_n() -> list:
    """The lecture neuron's inputs, weights and bias, up to n = x1*w1 + x2*w2 + b."""
    return [
        const("x1", 2.0),
        const("x2", 0.0),
        leaf("w1", -3.0),
        leaf("w2", 1.0),
        leaf("b", 6.8813735870195432),
        op("x1w1", "mul", label="x1*w1"),
        op("x2w2", "mul", label="x2*w2"),
        op("x1w1x2w2", "add", label="x1*w1 + x2*w2"),
        op("n", "add"),
    ]


_NEURON_N_WIRES = [
    ("x1", "x1w1", 0),
    ("w1", "x1w1", 1),
    ("x2", "x2w2", 0),
    ("w2", "x2w2", 1),
    ("x1w1", "x1w1x2w2", 0),
    ("x2w2", "x1w1x2w2", 1),
    ("x1w1x2w2", "n", 0),
    ("b", "n", 1),
]


EXAMPLES = {
    "blog_L": build(
        [
            leaf("a", 2.0),
            leaf("b", -3.0),
            leaf("c", 10.0),
            op("e", "mul"),
            op("d", "add"),
            leaf("f", -2.0),
            op("L", "mul"),
        ],
        [("a", "e", 0), ("b", "e", 1), ("e", "d", 0), ("c", "d", 1), ("d", "L", 0), ("f", "L", 1)],
        "L",
        "L = (a*b + c) * f  (the blog post and the lecture)",
    ),
    "neuron_tanh": build(
        [*_neuron_n(), op("o", "tanh")],
        [*_NEURON_N_WIRES, ("n", "o", 0)],
        "o",
        "The lecture's neuron: o = tanh(x1*w1 + x2*w2 + b)",
    ),
    "neuron_exp": build(
        [
            *_neuron_n(),
            const("two", 2.0, "2"),
            op("n2", "mul", label="2n"),
            op("e", "exp"),
            const("one", 1.0, "1"),
            op("num", "sub", label="e - 1"),
            const("one_b", 1.0, "1"),
            op("den", "add", label="e + 1"),
            op("o", "div"),
        ],
        [
            *_NEURON_N_WIRES,
            ("two", "n2", 0),
            ("n", "n2", 1),
            ("n2", "e", 0),
            ("e", "num", 0),
            ("one", "num", 1),
            ("e", "den", 0),
            ("one_b", "den", 1),
            ("num", "o", 0),
            ("den", "o", 1),
        ],
        "o",
        "The same neuron, tanh written out: o = (e²ⁿ - 1) / (e²ⁿ + 1)",
    ),
    "accumulate_a_plus_a": build(
        [leaf("a", 3.0), op("b", "add")],
        [("a", "b", 0), ("a", "b", 1)],
        "b",
        "b = a + a: a is used twice, so a.grad = 1 + 1 = 2",
    ),
    "accumulate_shared": build(
        [leaf("a", -2.0), leaf("b", 3.0), op("d", "mul"), op("e", "add"), op("f", "mul")],
        [("a", "d", 0), ("b", "d", 1), ("a", "e", 0), ("b", "e", 1), ("d", "f", 0), ("e", "f", 1)],
        "f",
        "f = (a*b) * (a+b) with a = -2, b = 3: a and b each get two contributions",
    ),
    "vanishing_tanh": vanishing_tanh(),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, m in EXAMPLES.items():
        fileio.save(m, OUT / f"{name}.mgraph")
        print(OUT / f"{name}.mgraph")


if __name__ == "__main__":
    main()
