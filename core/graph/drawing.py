"""The graph drawn as the app's cards (an SVG for Jupyter: ``GraphModel._repr_svg_``)."""

from __future__ import annotations

from typing import Any

from core.autograd import picture


def svg(model: Any) -> str:
    """A GraphModel's cards at their positions; a node's ``grad``, if it has
    one (the Python bridge keeps it), is printed under its value. (``model``
    is untyped: the model imports this module.)"""
    order = model.topological_order()
    at = {n: i for i, n in enumerate(order)}
    nodes, inputs = model.graph.nodes, model.input_table()
    cards = []
    for n in order:
        a = nodes[n]
        g = a.get("grad")
        cards.append(
            picture.Card(
                model.label(n),
                a["op"],
                model.value(n),
                float(g) if isinstance(g, (int, float)) else None,
                a.get("exponent"),
                tuple(None if s is None else at[s] for s in inputs[n]),
                a.get("x"),
                a.get("y"),
            )  # fmt: skip
        )
    return picture.svg(cards, str(model.attrs.get("title") or "micrograd-studio graph"))
