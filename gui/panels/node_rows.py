"""The Properties panel's rows about an operator's wiring: what it computes
and its local derivatives in its inputs' own names (core/explain/node_formula.py),
its inputs by port, and who uses it. Ports are named as the cards name them
(``in₁``, ``in₂``): the op table's old ``a``, ``b`` read as the lecture's
leaves a and b."""

from __future__ import annotations

import html
from collections.abc import Callable

from core.autograd import ops
from core.explain import node_formula
from core.explain.format import fmt
from core.explain.names import told_apart
from core.graph.model import GraphModel

#: A place a long name may wrap, unseen (a zero-width space).
WRAP = "\u200b"


def breakable(text: str) -> str:
    """``text`` with a place to wrap after each "·" of a product's name: at
    Presentation Mode's larger text "∂(w2.3.3·h1.3[1])" was wider than the
    panel, which then scrolled sideways (a review)."""
    return text.replace("·", "·" + WRAP)


def computes_text(m: GraphModel, nid: str) -> str:
    """``L = d × f``; "" for a leaf."""
    return breakable(node_formula.computes(m, nid))


def derivative_text(m: GraphModel, nid: str) -> str:
    """``∂L/∂d = f = −2``, one input a line (a long one wraps at its slash,
    ∂n2.3.3[1]/ then ∂(w2.3.3·h1.3[1]), in the panel); "—" for a leaf."""
    return breakable("\n".join(node_formula.derivatives(m, nid))) or "—"


def inputs_html(m: GraphModel, nid: str, link: Callable[[str], str]) -> str:
    """``in₁ ← d = 4`` a port a line (``in₂: not connected``)."""
    names = ops.OPS[m.op(nid)].ports
    if not names:
        return "none (a leaf has no inputs)"
    lines = []
    for name, s in zip(names, m.inputs(nid)):
        if s is None:
            lines.append(f"{name}: <span style='color:#b45309'>not connected</span>")
        else:
            lines.append(f"{name} ← {link(s)} = {html.escape(fmt(m.value(s)))}")
    return "<br>".join(lines)


def consumers_html(m: GraphModel, nid: str, link: Callable[[str], str]) -> str:
    """Each node ``nid`` feeds, told apart where labels are shared, and the
    port it feeds as its card names it (``L, input in₂``)."""
    cons = m.consumers(nid)
    if not cons:
        return "nothing" + (" (this is the output)" if m.output == nid else "")
    lines = []
    apart = told_apart(m.label, m.groups, [t for t, _p in cons])
    for t, p in sorted(cons, key=lambda tp: (m.label(tp[0]), apart.get(tp[0], ""), tp[1])):
        port = ops.OPS[m.op(t)].ports[p]
        where = f" ({html.escape(apart[t])})" if t in apart else ""
        lines.append(f"{link(t)}{where}, input {html.escape(port)}")
    return "<br>".join(lines)
