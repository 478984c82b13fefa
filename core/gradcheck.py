"""Gradient check: each analytic gradient against a central finite difference.

The numeric side never touches the engine or the model: it re-evaluates the
root's past with the op table's forward rules, one leaf moved by ±h, so a
wrong gradient rule in the engine cannot hide itself.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

import networkx as nx

from . import ops
from .errors import InvalidValueError, UnknownNodeError

if TYPE_CHECKING:
    from .model import GraphModel

DEFAULT_H = 1e-6
DEFAULT_RTOL = 1e-5
DEFAULT_ATOL = 1e-6


@dataclass
class GradCheckRow:
    node: str
    label: str
    analytic: float
    numeric: float
    abs_err: float
    rel_err: float
    ok: bool
    note: str = ""  # why a row failed beyond "the numbers differ"


@dataclass
class GradCheckResult:
    root: str
    value: float  # the root's value
    h: float
    rtol: float
    atol: float
    rows: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def failures(self) -> list:
        return [r for r in self.rows if not r.ok]


def past(model: "GraphModel", root: str) -> list[str]:
    """The root and everything it depends on, inputs first."""
    return model.topological_order(nx.ancestors(model.graph, root) | {root})


class Evaluator:
    """Forward values of a root's past with some leaves overridden."""

    def __init__(self, model: "GraphModel", root: str) -> None:
        self.model = model
        self.root = root
        self.order = past(model, root)
        g = model.graph.nodes
        self._spec = [(n, g[n]["op"], model.inputs(n), g[n].get("exponent")) for n in self.order]
        self.base = {n: model.value(n) for n in self.order}

    def root_value(self, overrides: dict[str, float]) -> float:
        vals = dict(self.base)
        vals.update(overrides)
        for n, op, srcs, k in self._spec:
            if op != "leaf":
                vals[n] = ops.evaluate(op, tuple(vals[s] for s in srcs), k)
        return vals[self.root]


def numeric_gradient(ev: Evaluator, leaf: str, h: float) -> float:
    """(f(x + h) − f(x − h)) / 2h for one leaf."""
    x = ev.base[leaf]
    return (ev.root_value({leaf: x + h}) - ev.root_value({leaf: x - h})) / (2.0 * h)


def errors(analytic: float, numeric: float) -> tuple[float, float]:
    """Absolute error and relative error |a − n| / max(|a|, |n|) (0 when both are 0)."""
    diff = abs(analytic - numeric)
    scale = max(abs(analytic), abs(numeric))
    return diff, (diff / scale if scale > 0.0 else 0.0)


def gradient_check(model: "GraphModel", root: str | None = None,
                   leaves: Iterable[str] | None = None, h: float = DEFAULT_H,
                   rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL,
                   analytic: dict[str, float] | None = None) -> GradCheckResult:
    """Check the gradient of every leaf in ``leaves`` (default: every leaf the
    root depends on). A row passes when the absolute error is at most ``atol``
    or the relative error at most ``rtol``. ``analytic`` replaces the engine's
    gradients (to check gradients computed elsewhere)."""
    if isinstance(h, bool) or not isinstance(h, (int, float)) or not (math.isfinite(h) and h > 0):
        raise InvalidValueError(f"the finite-difference step h must be a positive number, not {h!r}")
    result = model.backward(root)
    root = result.root
    grads = result.grads if analytic is None else {**result.grads, **analytic}
    ev = Evaluator(model, root)
    if leaves is None:
        chosen = [n for n in ev.order if model.op(n) == "leaf"]
    else:
        chosen = []
        for n in leaves:
            if n not in model:
                raise UnknownNodeError(f"no node with id {n!r} to check")
            if model.op(n) != "leaf":
                raise InvalidValueError(f"{model.label(n)!r} is a {model.op(n)} node; the gradient "
                                        "check compares leaves (the inputs you could change)")
            if n not in chosen:
                chosen.append(n)
    out = GradCheckResult(root, model.value(root), float(h), rtol, atol)
    for n in chosen:
        a = grads.get(n, 0.0)
        num = numeric_gradient(ev, n, h) if n in ev.base else 0.0
        abs_err, rel_err = errors(a, num)
        note = ""
        if not (math.isfinite(a) and math.isfinite(num)):
            ok, note = False, "not finite"
            if a == num:  # the same infinity on both sides
                abs_err = rel_err = 0.0
        else:
            ok = abs_err <= atol or rel_err <= rtol
        out.rows.append(GradCheckRow(n, model.label(n), a, num, abs_err, rel_err, ok, note))
    return out
