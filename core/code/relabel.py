"""Labels that are formulas of their inputs' labels, kept true when a wire
is replaced (trial 52: y dropped onto x**2's input in place of x left the
card reading "x**2" and Properties "Computes x**2 = y^2").

A label counts as such a formula when it is exactly what the code reader
would compose from its inputs' labels (:func:`codenames.composed_label`:
``x*y``, ``x**2``, ``tanh(n)``, ``x*y + x**2``); a name the user gave
(``n``, ``loss``) or the templates' ``w1.1.1·x1[1]`` is not, and stays."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from core.code.codenames import composed_label
from core.graph.model import GraphModel


def _formula(m: GraphModel, node: str, label: Callable[[str], str]) -> str | None:
    ins = m.inputs(node)
    if not ins or any(s is None for s in ins):
        return None
    kids: list[tuple[str | None, str]] = [(label(s), m.op(s)) for s in ins if s is not None]
    return composed_label(m.op(node), kids, m.node(node).get("exponent"))


def formula_labelled(m: GraphModel, nodes: Iterable[str]) -> list[str]:
    """Those of ``nodes`` whose label is the formula of their inputs' labels now."""
    return [n for n in nodes if n in m and m.op(n) != "leaf" and _formula(m, n, m.label) == m.label(n)]


def relabelled(m: GraphModel, formulas: Iterable[str]) -> dict[str, tuple[str, str]]:
    """After their wiring changed, ``formulas`` (labelled by their formula
    before: :func:`formula_labelled`) labelled by their formula now, and so,
    on down, each consumer labelled by its formula of a label that changed:
    node -> (old label, new label), inputs first. Nothing is changed here."""
    out: dict[str, tuple[str, str]] = {}
    now = lambda n: out[n][1] if n in out else m.label(n)
    was = lambda n: out[n][0] if n in out else m.label(n)
    todo = list(dict.fromkeys(formulas))
    while todo:
        n = todo.pop(0)
        new = _formula(m, n, now)
        if new is None or new == now(n):
            continue
        out[n] = (was(n), new)
        for u, _p in m.consumers(n):
            if u not in out and _formula(m, u, was) == m.label(u):
                todo.append(u)
    return out
