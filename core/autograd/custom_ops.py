"""Operators a learner defines: a name, one or two inputs (``a``, ``b``), a
forward formula and one derivative formula per input, written in the
formula bar's language, e.g. ``f(a) = a*sigmoid(a)``,
``df/da = sigmoid(a) + a*sigmoid(a)*(1 - sigmoid(a))``.

Formulas are read with Python's ``ast`` into trees of the op table's
operators (never ``eval``'d): + - * / (with ** to a number), unary minus,
exp log tanh relu sigmoid, numbers and the input names. So a custom op's
value, its gradient and its gradient as a graph (second order) are all made
of ops the rest of the program already knows. :func:`grade` checks the
derivatives the learner typed against central finite differences.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from psygnal import Signal

from core.autograd import ops

PORT_NAMES = ("a", "b")
FUNCTIONS = ("exp", "log", "tanh", "relu", "sigmoid")
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div"}
#: A formula longer than this is refused (a file could hold anything).
MAX_FORMULA = 500


class FormulaError(ValueError):
    """A formula that is not made of the table's ops; the message says where."""


# An expression: ("x", port) an input, ("c", number) a constant,
# (op, exponent or None, child, ...) an op of the table.
Expr = tuple


def parse_formula(text: str, arity: int, what: str = "formula") -> Expr:
    """``text`` as a tree of table ops over the first ``arity`` port names."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(f"{what} is empty")
    if len(text) > MAX_FORMULA:
        raise FormulaError(f"{what} is longer than {MAX_FORMULA} characters")
    src = text.strip().replace("−", "-").replace("·", "*").replace("×", "*")
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as e:
        raise FormulaError(f"{what}: not a formula ({e.msg}, column {e.offset or 0})") from None
    ports = PORT_NAMES[:arity]
    return _node(tree.body, ports, what)


def _node(n: ast.AST, ports: Sequence[str], what: str) -> Expr:
    where = f"{what}, column {getattr(n, 'col_offset', 0) + 1}"
    if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool):
        if not math.isfinite(n.value):
            raise FormulaError(f"{where}: numbers must be finite")
        return ("c", float(n.value))
    if isinstance(n, ast.Name):
        if n.id in ports:
            return ("x", ports.index(n.id))
        raise FormulaError(f"{where}: unknown name {n.id!r} (the inputs are {', '.join(ports)})")
    if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.USub, ast.UAdd)):
        inner = _node(n.operand, ports, what)
        if isinstance(n.op, ast.UAdd):
            return inner
        return ("c", -inner[1]) if inner[0] == "c" else ("neg", None, inner)
    if isinstance(n, ast.BinOp) and type(n.op) in _BINARY:
        return (_BINARY[type(n.op)], None, _node(n.left, ports, what), _node(n.right, ports, what))
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow):
        k = _node(n.right, ports, what)
        if k[0] != "c":
            raise FormulaError(f"{where}: ** takes a number as the exponent (a**2, not a**b)")
        return ("pow", k[1], _node(n.left, ports, what))
    if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in FUNCTIONS:
        if len(n.args) != 1 or n.keywords:
            raise FormulaError(f"{where}: {n.func.id} takes one argument")
        return (n.func.id, None, _node(n.args[0], ports, what))
    if isinstance(n, ast.Call):
        name = f"{n.func.id}(…)" if isinstance(n.func, ast.Name) else "that call"
        raise FormulaError(f"{where}: {name} is not an operator (the functions are {', '.join(FUNCTIONS)})")
    raise FormulaError(f"{where}: only numbers, {', '.join(ports)}, + - * / **, and {', '.join(FUNCTIONS)}")


def evaluate(e: Expr, xs: Sequence[float]) -> float:
    """The formula's value (float64, IEEE: inf/nan, never an exception)."""
    kind = e[0]
    if kind == "x":
        return xs[e[1]]
    if kind == "c":
        return e[1]
    return ops.evaluate(kind, tuple(evaluate(c, xs) for c in e[2:]), e[1])


def build(e: Expr, xs: Sequence, apply: Callable, const: Callable) -> object:
    """The formula made of nodes: ``apply(op, inputs, exponent)`` makes one
    (``Value.apply``), ``const(number)`` a constant leaf; ``xs`` are the inputs."""
    kind = e[0]
    if kind == "x":
        return xs[e[1]]
    if kind == "c":
        return const(e[1])
    return apply(kind, tuple(build(c, xs, apply, const) for c in e[2:]), e[1])


def text_of(e: Expr, names: Sequence[str] = PORT_NAMES) -> str:
    """The formula written out again (normalised), e.g. for a file."""
    kind = e[0]
    if kind == "x":
        return names[e[1]]
    if kind == "c":
        return repr(e[1]) if e[1] >= 0 else f"({e[1]!r})"
    parts = [text_of(c, names) for c in e[2:]]
    if kind in ("add", "sub", "mul", "div"):
        sym = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[kind]
        return f"({parts[0]} {sym} {parts[1]})"
    if kind == "neg":
        return f"(-{parts[0]})"
    if kind == "pow":
        return f"({parts[0]} ** {e[1]!r})"
    return f"{kind}({parts[0]})"


# ----------------------------------------------------------------- definition
@dataclass(frozen=True)
class CustomOp:
    """A user's operator, as written; :meth:`parsed` reads its formulas."""

    name: str
    arity: int
    forward: str
    derivatives: tuple[str, ...]

    def check(self) -> tuple[Expr, tuple[Expr, ...]]:
        """(forward tree, derivative trees), or FormulaError naming the operator."""
        where = f"operator {self.name!r}"
        if not isinstance(self.name, str) or not self.name.isidentifier() or self.name.startswith("_"):
            raise FormulaError(f"{where}: the name must be a word of letters, digits and _")
        if self.name in ops.BUILTIN_OPS or self.name in FUNCTIONS or self.name in PORT_NAMES:
            raise FormulaError(f"{where}: {self.name!r} is already a built-in operator or input name")
        if self.arity not in (1, 2) or isinstance(self.arity, bool):
            raise FormulaError(f"{where}: it takes 1 or 2 inputs, not {self.arity!r}")
        if not isinstance(self.derivatives, tuple) or len(self.derivatives) != self.arity:
            raise FormulaError(f"{where}: give one derivative per input ({self.arity})")
        f = parse_formula(self.forward, self.arity, f"{where}, formula")
        ds = tuple(
            parse_formula(d, self.arity, f"{where}, d{self.name}/d{PORT_NAMES[i]}")
            for i, d in enumerate(self.derivatives)
        )
        return f, ds

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "arity": self.arity,
            "forward": self.forward,
            "derivatives": list(self.derivatives),
        }

    @classmethod
    def from_json(cls, d: object) -> CustomOp:
        """A record from a file; FormulaError if it is not one."""
        if not isinstance(d, dict):
            raise FormulaError("a custom operator must be an object with name, arity, forward, derivatives")
        name = d.get("name")
        ders = d.get("derivatives")
        if not isinstance(ders, list) or not all(isinstance(x, str) for x in ders):
            raise FormulaError(f"operator {name!r}: derivatives must be a list of formulas")
        op = cls(name, d.get("arity"), d.get("forward"), tuple(ders))  # type: ignore[arg-type]  # checked next
        op.check()
        return op


# -------------------------------------------------------------------- grading
#: Where a derivative is checked: each input at each of these (both inputs
#: on the grid for two).
POINTS = (-2.0, -1.0, -0.5, 0.0, 0.3, 1.0, 2.5)
H = 1e-6


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str
    checked: int  # points where a derivative was compared


def grade(op: CustomOp, points: Sequence[float] = POINTS) -> Verdict:
    """Each derivative the learner typed against a central finite difference
    of the forward formula, at every point where both are finite and the
    forward formula is smooth (no kink or pole within the difference)."""
    f, ds = op.check()
    grid = [(x,) for x in points] if op.arity == 1 else [(x, y) for x in points for y in points]
    checked = 0
    for xs in grid:
        for i, d in enumerate(ds):
            want = _difference(f, xs, i)
            if want is None:
                continue
            got = evaluate(d, xs)
            checked += 1
            if not math.isfinite(got) or abs(got - want) > 1e-4 * max(1.0, abs(want)):
                at = ", ".join(f"{PORT_NAMES[j]} = {x:g}" for j, x in enumerate(xs))
                return Verdict(
                    False,
                    f"your d{op.name}/d{PORT_NAMES[i]} is wrong near {at}: expected {_num(want)}, "
                    f"got {_num(got)}",
                    checked,
                )
    if not checked:
        return Verdict(False, f"{op.name} is not finite anywhere it was tried: nothing to check", 0)
    return Verdict(
        True, f"every derivative of {op.name} agrees with finite differences ({checked} checks)", checked
    )


def _difference(f: Expr, xs: tuple, i: int) -> float | None:
    """(f(x+h) - f(x-h)) / 2h in input ``i``, or None where f is not smooth."""

    def at(dx: float) -> float:
        ys = list(xs)
        ys[i] += dx
        return evaluate(f, ys)

    lo, mid, hi = at(-H), at(0.0), at(H)
    if not all(math.isfinite(v) for v in (lo, mid, hi)):
        return None
    left, right = (mid - lo) / H, (hi - mid) / H
    if abs(left - right) > 1e-3 * max(1.0, abs(left), abs(right)):
        return None  # a kink (relu at 0) or a steep spot: no single slope
    return (hi - lo) / (2 * H)


def _num(v: float) -> str:
    return f"{v:.6g}"


# ------------------------------------------------------------------ the table
def install(op: CustomOp) -> None:
    """Make ``op`` an operator of the table (replacing an earlier custom one
    of that name): its value, gradient, local derivatives and symbolic
    gradient are its formulas, so Backward, forward mode, the gradient graph
    and the commands all run it."""
    f, ds = op.check()
    name = op.name
    ports = PORT_NAMES[: op.arity]

    def forward(x, k):
        return evaluate(f, x)

    def local(x, y, k):
        return tuple(evaluate(d, x) for d in ds)

    def grad(x, y, k, g):
        return tuple(g * evaluate(d, x) for d in ds)

    def sym(x, y, k, g, c):
        apply = type(x[0]).apply
        return tuple(g * build(d, x, apply, c) for d in ds)

    slots = ("{a}", "{b}")[: op.arity]
    value = f"{name}({', '.join(slots)})"
    # the learner's own text, inputs as slots for the explanations to fill in
    locals_ = tuple(_template(d.strip()) for d in op.derivatives)
    ops.OP_TITLES[name] = name
    ops.OPS[name] = ops.Op(
        name,
        ports,
        "ƒ",  # the palette's chip: a function of your own
        f"{name}({', '.join(ports)}) = {op.forward}",
        ", ".join(f"∂/∂{p} = {d}" for p, d in zip(ports, op.derivatives)),
        forward,
        grad,
        local,
        chain_text=ops.OpText(value, locals_),
        quiz_text=ops.OpText(value, locals_),
    )
    ops.FORWARD_RULES[name] = forward
    ops.GRAD_RULES[name] = grad
    ops.GRAD_GRAPH[name] = sym
    new = name not in DEFINITIONS
    DEFINITIONS[name] = op
    events.installed.emit(name, new)


def put_back(kept: dict[str, CustomOp]) -> None:
    """Install again each operator of ``kept`` (a copy of ``DEFINITIONS``)
    that was defined otherwise since: a file read but not opened (its "save
    your changes?" answered Cancel) had replaced the open graph's, whose
    nodes then ran another formula (a monkey test). Operators new since stay."""
    for name, op in kept.items():
        if DEFINITIONS.get(name) != op:
            install(op)


def uninstall(name: str) -> None:
    """Take a custom operator out of the table again (tests; a built-in
    one cannot be removed)."""
    if name in ops.BUILTIN_OPS or name not in DEFINITIONS:
        return
    for table in (ops.OPS, ops.FORWARD_RULES, ops.GRAD_RULES, ops.GRAD_GRAPH, ops.OP_TITLES):
        table.pop(name, None)
    del DEFINITIONS[name]


def _template(text: str) -> str:
    """A formula as an explanation template: an input alone in a call's
    parentheses stays bare (``sigmoid({a})``), elsewhere it is an operand
    (``{0}``, which a negative number fills as ``(−1.05)``)."""

    def slot(m: re.Match) -> str:
        name = m.group(1)
        bare = m.string[: m.start()].rstrip().endswith("(") and m.string[m.end() :].lstrip().startswith(")")
        return f"{{{name}}}" if bare else "{" + str(PORT_NAMES.index(name)) + "}"

    return re.sub(r"\b([ab])\b", slot, text)


#: name -> definition of every custom operator installed
DEFINITIONS: dict[str, CustomOp] = {}


class _Events:
    """What the op table's listeners hear (the palette adds an entry)."""

    installed = Signal(str, bool)  # operator name, first time


events = _Events()
