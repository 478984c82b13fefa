"""Trial 50's first graph as its teacher built it by hand, a plain model:
x, y, mul1 = x*y, pow1 = x**2 and add1 = mul1 + pow1 where they were put
(the f(x) bar then added ``f = tanh(add1) * exp(-y)`` beside them)."""

from __future__ import annotations

from core.graph.model import GraphModel

#: Where the trial's teacher had put the cards by hand (scene units).
TRIAL = {"x": (0, 0), "y": (0, 140), "mul1": (240, 130), "pow1": (440, -10), "add1": (620, 70)}
#: Each card's operator and attributes.
_CARDS = {
    "x": ("leaf", {"value": 0.7}),
    "y": ("leaf", {"value": -0.3}),
    "mul1": ("mul", {}),
    "pow1": ("pow", {"exponent": 2}),
    "add1": ("add", {}),
}
_WIRES = (("x", "mul1", 0), ("y", "mul1", 1), ("x", "pow1", 0), ("mul1", "add1", 0), ("pow1", "add1", 1))


def trial_graph(output: str | None = None) -> GraphModel:
    """The five cards at :data:`TRIAL`, wired; ``output`` set where given."""
    m = GraphModel()
    for n, (x, y) in TRIAL.items():
        op, attrs = _CARDS[n]
        m.add_node(op, n, x=x, y=y, **attrs)
    for s, t, p in _WIRES:
        m.connect(s, t, p)
    if output is not None:
        m.set_output(output)
    return m
