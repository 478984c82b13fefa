"""The Properties panel's rows about an operator's wiring: what it computes
and its local derivatives in its inputs' own names (core/explain/node_formula.py),
its inputs by port, and who uses it. Ports are named as the cards name them
(``in₁``, ``in₂``): the op table's old ``a``, ``b`` read as the lecture's
leaves a and b."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from core.autograd import ops
from core.explain import node_formula
from core.explain.format import fmt, fmt_full
from core.explain.names import told_apart
from core.graph.model import GraphModel

#: A place a long name may wrap, unseen (a zero-width space).
WRAP = "\u200b"


def breakable(text: str) -> str:
    """``text`` with a place to wrap after each "·" of a product's name: at
    Presentation Mode's larger text "∂(w2.3.3·h1.3[1])" was wider than the
    panel, which then scrolled sideways (a review)."""
    return text.replace("·", "·" + WRAP)


def computed_text(v: float) -> str:
    """A computed value as Properties shows it: ``0.49`` for x**2 of 0.7,
    whose float64 is 0.48999999999999994 (a trial: a lecture's aside on
    floating point it had not planned); its full digits where 15 significant
    ones do not shorten it by more than noise (1/3 stays 0.3333333333333333)."""
    full = fmt_full(v)
    short = f"{v:.15g}"
    if not math.isfinite(v) or len(short) > len(full) - 4:
        return full
    return fmt_full(float(short)) if "e" not in short else full


def value_field(v: float | None, is_leaf: bool) -> tuple[str, str]:
    """Properties' Value field: its text and its tooltip."""
    if is_leaf:
        return ("—" if v is None else fmt_full(v)), "Type a number and press Enter"
    tip = "Computed from the inputs (read-only); edit a leaf to change it"
    if v is None:
        return "—", tip
    shown = computed_text(v)
    if shown != fmt_full(v):
        tip += f"\nIn float64 exactly {fmt_full(v)}: rounding in the arithmetic (to 15 digits: {shown})"
    return shown, tip


def computes_text(m: GraphModel, nid: str) -> str:
    """``L = d × f``; "" for a leaf (its label wraps it: gui/common/equation_label.py)."""
    return node_formula.computes(m, nid)


def derivative_text(m: GraphModel, nid: str) -> str:
    """``∂L/∂d = f = −2``, one input a line (one wider than the panel wraps
    at its slash, ∂n2.3.3[1]/ then ∂(w2.3.3·h1.3[1]): gui/common/equation_label.py);
    "—" for a leaf."""
    return "\n".join(node_formula.derivatives(m, nid)) or "—"


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
