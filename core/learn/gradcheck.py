"""Gradient check: each analytic gradient against a central finite difference.

The numeric side never touches the engine or the model: it re-evaluates the
root's past with the op table's forward rules, one leaf moved by ±h, so a
wrong gradient rule in the engine cannot hide itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from core.autograd import ops
from core.graph.backward import backward
from core.graph.errors import InvalidValueError, UnknownNodeError
from core.graph.roots import label_hint, model_labels

if TYPE_CHECKING:
    from core.graph.model import GraphModel

DEFAULT_H = 1e-6
DEFAULT_RTOL = 1e-5
DEFAULT_ATOL = 1e-6
EPS = 2.0**-52
NOISE_ULPS = 16.0  # rounding in f(x ± h), in units of eps·|f|: generous for deep graphs


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

    @property
    def checkable(self) -> bool:
        """Were there two finite numbers to compare? (nan, inf, or no step fitting: not a disagreement)"""
        return math.isfinite(self.analytic) and math.isfinite(self.numeric) and not math.isnan(self.abs_err)


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


class Evaluator:
    """Forward values of a root's past with one leaf moved; only the leaf's
    downstream cone is re-evaluated, so a check costs the sum of the cones,
    not leaves x nodes."""

    def __init__(self, model: GraphModel, root: str) -> None:
        self.model = model
        self.root = root
        self.order = model.topological_order(model.past(root))
        self._index = {n: i for i, n in enumerate(self.order)}
        # every value is a float: the past of a root backward ran from is complete
        self.base = cast("dict[str, float]", {n: model.value(n) for n in self.order})
        nodes = model.graph.nodes
        forward = {name: op.forward for name, op in ops.OPS.items()}
        self._spec = {
            n: (forward[nodes[n]["op"]], tuple(model.inputs(n)), nodes[n].get("exponent"))
            for n in self.order
            if nodes[n]["op"] != "leaf"
        }

    def cone(self, leaf: str) -> list:
        """What moving ``leaf`` changes: its consumers' closure, in order."""
        index = self._index
        # a node downstream of the leaf that feeds the root is in the root's
        # past, and so is every node on the way to it: the cone is the overlap
        seen = self.model.downstream([leaf]) & index.keys()
        seen.discard(leaf)
        spec = self._spec
        return [(n, *spec[n]) for n in sorted(seen, key=index.__getitem__)]

    def root_value(self, leaf: str, x: float, cone: list | None = None) -> float:
        """The root's value with ``leaf`` set to ``x``."""
        base = self.base
        moved = {leaf: x}
        for n, forward, srcs, k in self.cone(leaf) if cone is None else cone:
            moved[n] = forward(tuple([moved[s] if s in moved else base[s] for s in srcs]), k)
        return moved[self.root] if self.root in moved else base[self.root]


def step(x: float, h: float) -> float:
    """The step for a leaf of value ``x``: ``h``, scaled by |x| when |x| > 1,
    so that x ± step still differ from x (at |x| ≈ 1e10 a fixed h = 1e-6 is
    lost in rounding)."""
    return h * max(1.0, abs(x))


def numeric_gradient(ev: Evaluator, leaf: str, h: float) -> tuple[float, float]:
    """(f(x + s) − f(x − s)) / 2s for one leaf (s: :func:`step`), and the
    rounding noise to expect in it. The step is taken as the difference of
    the two rounded points (exact), so a leaf with a large value gets no
    step error. NaN when no finite step exists (x infinite or near the
    largest float): the check is meaningless there."""
    x = ev.base[leaf]
    s = step(x, h)
    up, down = x + s, x - s
    width = up - down
    if not (math.isfinite(width) and width > 0.0):
        return math.nan, math.inf
    cone = ev.cone(leaf)
    f_up, f_down = ev.root_value(leaf, up, cone), ev.root_value(leaf, down, cone)
    num = (f_up - f_down) / width
    f0 = ev.base[ev.root]
    scale = max(abs(f_up), abs(f_down), abs(f0)) if math.isfinite(num) else 0.0
    return num, NOISE_ULPS * EPS * scale / width


def errors(analytic: float, numeric: float) -> tuple[float, float]:
    """Absolute error and relative error |a − n| / max(|a|, |n|) (0 when both
    are 0; NaN when either is NaN: no error can be measured)."""
    if math.isnan(analytic) or math.isnan(numeric):
        return math.nan, math.nan
    diff = abs(analytic - numeric)
    scale = max(abs(analytic), abs(numeric))
    return diff, (diff / scale if scale > 0.0 else 0.0)


def kink_note(ev: Evaluator, leaf: str, h: float, tol: float) -> str:
    """Why a central difference cannot be trusted at the leaf's value: "" unless
    the slopes just left and just right of it differ by more than ``tol`` (and
    the rounding noise), and still do with a step 8 times smaller (a smooth
    function's differ in proportion to the step; a kink's do not), as at
    relu(0), where the function has no derivative and (f(x + s) − f(x − s)) / 2s
    averages the two sides of the kink."""
    x = ev.base[leaf]
    f0 = ev.base[ev.root]
    cone = ev.cone(leaf)

    def slopes(s: float) -> tuple[float, float]:  # (left, right) with step s
        up, down = x + s, x - s
        f_up, f_down = ev.root_value(leaf, up, cone), ev.root_value(leaf, down, cone)
        return (f0 - f_down) / (x - down), (f_up - f0) / (up - x)

    s = step(x, h)
    left, right = slopes(s)
    small_left, small_right = slopes(s / 8)
    if not all(map(math.isfinite, (left, right, small_left, small_right))):
        return ""
    noise = NOISE_ULPS * EPS * max(abs(f0), abs(left * s), abs(right * s)) / (s / 8)
    gap = abs(right - left)
    if gap <= tol + noise or abs(small_right - small_left) < gap / 2:
        return ""
    return (
        f"not differentiable at {ev.model.label(leaf)} = {x:g}: the slopes on its left and right "
        f"differ ({left:.6g} and {right:.6g}), and the finite difference straddles that kink"
    )


def gradient_check(
    model: GraphModel,
    root: str | None = None,
    leaves: Iterable[str] | None = None,
    h: float = DEFAULT_H,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    analytic: dict[str, float] | None = None,
) -> GradCheckResult:
    """Check the gradient of every leaf in ``leaves`` (default: every leaf the
    root depends on). A row passes when the relative error is at most ``rtol``
    or the absolute error at most ``atol`` plus the finite difference's own
    rounding noise (about 16·eps·|f| / 2h, which matters only when the root
    is large and the gradient small). ``analytic`` replaces the engine's
    gradients (to check gradients computed elsewhere)."""
    check = GradCheck(model, root, leaves, h, rtol, atol, analytic)
    for _ in check.rows():
        pass
    return check.result


class GradCheck:
    """A gradient check that can run a row at a time (the GUI interleaves it
    with events on big graphs); the set-up validates everything first."""

    def __init__(
        self,
        model: GraphModel,
        root: str | None = None,
        leaves: Iterable[str] | None = None,
        h: float = DEFAULT_H,
        rtol: float = DEFAULT_RTOL,
        atol: float = DEFAULT_ATOL,
        analytic: dict[str, float] | None = None,
    ) -> None:
        if isinstance(h, bool) or not isinstance(h, (int, float)) or not (math.isfinite(h) and h > 0):
            raise InvalidValueError(f"the finite-difference step h must be a positive number, not {h!r}")
        res = backward(model, root)
        self.model = model
        self.grads = res.grads if analytic is None else {**res.grads, **analytic}
        self.ev = Evaluator(model, res.root)
        if leaves is None:
            chosen = [n for n in self.ev.order if model.op(n) == "leaf"]
        else:
            chosen = []
            for n in leaves:
                if n not in model:
                    leaves = {m for m in model.nodes() if model.op(m) == "leaf"}
                    hint = label_hint(n, model_labels(model), leaves)
                    raise UnknownNodeError(f"no node with id or label {n!r} to check{hint}")
                if model.op(n) != "leaf":
                    raise InvalidValueError(
                        f"{model.label(n)!r} is a {model.op(n)} node; the gradient "
                        "check compares leaves (the inputs you could change)"
                    )
                if n not in chosen:
                    chosen.append(n)
        self.leaves = chosen
        self.result = GradCheckResult(res.root, self.ev.base[res.root], float(h), rtol, atol)

    def rows(self) -> Iterator[GradCheckRow]:
        """Check the leaves one by one, yielding each row (also kept in ``result``)."""
        r = self.result
        for n in self.leaves[len(r.rows) :]:
            a = self.grads.get(n, 0.0)
            num, noise = numeric_gradient(self.ev, n, r.h) if n in self.ev.base else (0.0, 0.0)
            abs_err, rel_err = errors(a, num)
            note = ""
            if math.isinf(noise):
                ok, note = False, "meaningless: no finite step fits beside this value"
                abs_err = rel_err = math.nan
            elif math.isnan(a) or math.isnan(num):
                what = "the finite difference is not" if not math.isnan(a) else "the gradient is not"
                if math.isnan(a) and math.isnan(num):
                    what = "neither the gradient nor the finite difference is"
                ok, note = False, f"not checkable: {what} a number (nan)"
            elif not (math.isfinite(a) and math.isfinite(num)):
                ok, note = False, "not finite"
                if a == num:  # the same infinity on both sides
                    abs_err = rel_err = 0.0
            else:
                ok = abs_err <= r.atol or rel_err <= r.rtol
                if not ok and abs_err <= r.atol + noise:
                    ok, note = True, "within rounding noise: try a larger h"
                elif not ok:
                    note = kink_note(self.ev, n, r.h, max(r.atol, r.rtol * max(abs(a), abs(num))))
            row = GradCheckRow(n, self.model.label(n), a, num, abs_err, rel_err, ok, note)
            r.rows.append(row)
            yield row
