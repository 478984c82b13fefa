"""The operator table: each op's forward rule sits beside its gradient rule.

Everything is float64 with IEEE-754 semantics: a result may be inf or nan,
but no operator ever raises or returns a complex number. Gradient
contributions are computed with the same formulas as PyTorch's autograd
(``derivatives.yaml``) so the numbers agree to the last bit; ``local`` gives
the local derivative for display ("local x upstream = contribution"), and
``chain_text``/``quiz_text`` how each op is written in explanations.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from core.autograd.floats import fmt

INF = math.inf
NAN = math.nan


# ---------------------------------------------------------------- IEEE helpers
def safe_div(a: float, b: float) -> float:
    """a / b as IEEE-754 does it: x/0 is +-inf, 0/0 is nan."""
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0.0:
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)


def _odd_integer(k: float) -> bool:
    return k.is_integer() and math.fmod(k, 2.0) != 0.0


def safe_pow(a: float, k: float) -> float:
    """C's pow(a, k): overflow gives inf, a negative base with a fractional
    exponent gives nan (Python would return a complex number)."""
    try:
        r = a**k
    except ZeroDivisionError:  # (+-0) ** negative
        if _odd_integer(k):
            return math.copysign(INF, a)
        return INF
    except OverflowError:
        if a < 0.0 and _odd_integer(k):
            return -INF
        return INF
    if type(r) is complex:
        return NAN
    return r


def _sqrt(a: float) -> float:
    """C's sqrt: sqrt(-0.0) = -0.0, a negative number or -inf gives nan."""
    if a >= 0.0 or a != a:
        return math.sqrt(a)
    return NAN


def power(a: float, k: float) -> float:
    """``a ** k`` exactly as PyTorch computes a float64 tensor to a number
    power (``aten::pow.Tensor_Scalar`` on the CPU): k = 0 gives 1 and k = 1
    gives a without arithmetic; k = 2, 3, -2 are products (a*a, a*a*a,
    1/(a*a)); k = 0.5, -0.5, -1 are sqrt(a), 1/sqrt(a), 1/a; any other k is
    C's pow. The special cases differ from pow in the last bit or at signed
    zeros (pow(-0.0, 0.5) = +0.0 but sqrt(-0.0) = -0.0)."""
    if k == 2.0:
        return a * a
    if k == 0.0:
        return 1.0
    if k == 1.0:
        return a
    if k == 3.0:
        return a * a * a
    if k == 0.5:
        return _sqrt(a)
    if k == -1.0:
        return safe_div(1.0, a)
    if k == -2.0:
        return safe_div(1.0, a * a)
    if k == -0.5:
        return safe_div(1.0, _sqrt(a))
    return safe_pow(a, k)


def one_minus_square(y: float) -> float:
    """``1 - y*y`` rounded once, as a fused multiply-add computes it (what
    PyTorch's compiled tanh gradient does); ``math.fma`` needs Python 3.13.

    y*y = p + e exactly (Dekker's product with Veltkamp's split), 1 - p =
    s + t exactly (Fast2Sum, |1| >= |p| for |y| <= 1), so the result is
    s + (t - e) with a single final rounding of a tiny correction."""
    if not -1.0 <= y <= 1.0:  # |y| > 1, inf or nan: plain arithmetic
        return 1.0 - y * y
    p = y * y
    c = 134217729.0 * y  # 2**27 + 1
    hi = c - (c - y)
    lo = y - hi
    e = ((hi * hi - p) + 2.0 * hi * lo) + lo * lo
    s = 1.0 - p
    t = (1.0 - s) - p
    return s + (t - e)


def safe_exp(a: float) -> float:
    try:
        return math.exp(a)
    except OverflowError:
        return INF


def safe_log(a: float) -> float:
    if a > 0.0:
        return math.log(a)  # also log(inf) = inf
    if a == 0.0:
        return -INF
    return NAN  # negative, -inf or nan


def sigmoid(a: float) -> float:
    return 1.0 / (1.0 + safe_exp(-a))


def relu(a: float) -> float:
    # As PyTorch: relu(-0.0) = -0.0 and relu(nan) = nan.
    return 0.0 if a < 0.0 else a


# --------------------------------------------------- forward + gradient rules
# Each op: forward(inputs, k) -> value; grad(inputs, out, k, g) -> contribution
# to each input (the chain rule, PyTorch's formula); local(inputs, out, k) ->
# local derivative of out with respect to each input. (Kept as a table: each
# rule on one line, beside its op's other rules.) add, sub, mul and neg are
# one float operator each: their forward is made of it (rule_of_floats), so
# the forward pass of a big graph calls the operator itself, its one copy;
# their gradients are declared as what they pass each input (passes), which
# the backward pass runs in its loop, none of the four named there.
# sym(inputs, out, k, g, const) -> the same contributions built as a graph:
# inputs, out and the upstream g are Values, and each rule uses only ops of
# this table (const(x) makes a constant leaf), so a gradient is itself a
# Value that can be differentiated again (second order, the Hessian). Each
# does the same arithmetic in the same order as its numeric twin, so its
# value is that gradient bit for bit (tanh's 1 - y*y: within an ulp or two).


def rule_of_floats(f: Callable[..., float]) -> Callable[[tuple, float | None], float]:
    """The forward rule ``forward(inputs, k)`` of ``f``, a rule of the input
    floats themselves (``operator.add`` is ``a + b``, to the last bit): the
    forward pass calls ``f`` on the inputs' values, no tuple made, no call
    of a rule between (:attr:`Op.of_floats`; most nodes of a big graph are
    add, sub, mul or neg)."""

    def forward(x: tuple, k: float | None) -> float:
        return f(*x)

    _FLOAT_FORMS[forward] = f
    return forward


#: forward rule -> the function of floats it calls (:func:`rule_of_floats`)
_FLOAT_FORMS: dict[Callable, Callable[..., float]] = {}

#: What a gradient rule of the simplest kind passes an input (add, sub, mul,
#: neg: :func:`passes`): the upstream gradient ``g`` itself, ``-g``, or ``g``
#: times the other input's value.
UPSTREAM, NEGATED, TIMES_OTHER = "g", "-g", "g * other"


def passes(*parts: str) -> Callable[[Callable], Callable]:
    """Declares that the gradient rule below it passes each input, in port
    order, one of :data:`UPSTREAM`, :data:`NEGATED` or :data:`TIMES_OTHER`
    (of two inputs), as its body computes (a test holds each to its body,
    bit for bit): the backward pass over a big graph runs the parts
    themselves (``grad[x] += g``), with no call of the rule and no tuple a
    node (:func:`passes_of`; most nodes of a big graph are add, sub, mul or neg)."""
    if not 1 <= len(parts) <= 2 or not set(parts) <= {UPSTREAM, NEGATED, TIMES_OTHER}:
        raise ValueError(f"not a gradient of parts: {parts!r}")
    if len(parts) == 1 and parts[0] == TIMES_OTHER:
        raise ValueError("one input has no other")

    def declared(rule: Callable) -> Callable:
        _PASSES[rule] = parts
        return rule

    return declared


#: gradient rule -> what it passes each input (:func:`passes`)
_PASSES: dict[Callable, tuple[str, ...]] = {}


def passes_of(rule: Callable | None) -> tuple[str, ...] | None:
    """What gradient ``rule`` passes each input, if it was declared with
    :func:`passes`; None for any other rule (or a wrapper of one)."""
    return _PASSES.get(rule) if rule is not None else None


# fmt: off
_add_f = rule_of_floats(operator.add)
@passes(UPSTREAM, UPSTREAM)
def _add_g(x, y, k, g): return (g, g)
def _add_l(x, y, k): return (1.0, 1.0)
def _add_s(x, y, k, g, c): return (g, g)

_sub_f = rule_of_floats(operator.sub)
@passes(UPSTREAM, NEGATED)
def _sub_g(x, y, k, g): return (g, -g)
def _sub_l(x, y, k): return (1.0, -1.0)
def _sub_s(x, y, k, g, c): return (g, -g)

_mul_f = rule_of_floats(operator.mul)
@passes(TIMES_OTHER, TIMES_OTHER)
def _mul_g(x, y, k, g): return (g * x[1], g * x[0])
def _mul_l(x, y, k): return (x[1], x[0])
def _mul_s(x, y, k, g, c): return (g * x[1], g * x[0])

def _div_f(x, k): return safe_div(x[0], x[1])
def _div_g(x, y, k, g):
    a, b = x
    return (safe_div(g, b), -g * safe_div(safe_div(a, b), b))
def _div_l(x, y, k):
    a, b = x
    return (safe_div(1.0, b), -safe_div(safe_div(a, b), b))
def _div_s(x, y, k, g, c): return (g / x[1], -g * (y / x[1]))  # y is a / b

_neg_f = rule_of_floats(operator.neg)
@passes(NEGATED)
def _neg_g(x, y, k, g): return (-g,)
def _neg_l(x, y, k): return (-1.0,)
def _neg_s(x, y, k, g, c): return (-g,)

# PyTorch's pow_backward: exactly 0 when k == 0 (even where a^-1 is inf),
# else grad * (k * a^(k-1)) with a^(k-1) computed by the same pow.
def _pow_f(x, k): return power(x[0], k)
def _pow_g(x, y, k, g):
    if k == 0.0:
        return (0.0,)
    return (g * (k * power(x[0], k - 1.0)),)
def _pow_l(x, y, k):
    if k == 0.0:
        return (0.0,)
    return (k * power(x[0], k - 1.0),)
def _pow_s(x, y, k, g, c):
    # (x**1 is x and x**0 is 1 exactly, as ``power`` computes them: the card says 2·y, not 2·(y**1))
    if k == 0.0:
        return (c(0.0),)
    if k == 1.0:
        return (g * c(k),)
    return (g * (c(k) * (x[0] if k == 2.0 else x[0] ** (k - 1.0))),)

def _exp_f(x, k): return safe_exp(x[0])
def _exp_g(x, y, k, g): return (g * y,)
def _exp_l(x, y, k): return (y,)
def _exp_s(x, y, k, g, c): return (g * y,)

def _log_f(x, k): return safe_log(x[0])
def _log_g(x, y, k, g): return (safe_div(g, x[0]),)
def _log_l(x, y, k): return (safe_div(1.0, x[0]),)
def _log_s(x, y, k, g, c): return (g / x[0],)

def _tanh_f(x, k): return math.tanh(x[0])
# PyTorch's tanh_backward kernel is ``grad * (1 - y*y)``, which the compiler
# fuses into ``grad * fma(-y, y, 1)`` (one rounding for 1 - y*y) on x86 CPUs.
def _tanh_g(x, y, k, g): return (g * one_minus_square(y),)
def _tanh_l(x, y, k): return (one_minus_square(y),)
# 1 - y² as (1 - y)(1 + y): no cancellation where tanh saturates (within an ulp of the fma)
def _tanh_s(x, y, k, g, c): return (g * ((c(1.0) - y) * (c(1.0) + y)),)

def _relu_f(x, k): return relu(x[0])
def _relu_g(x, y, k, g): return (0.0 if y <= 0.0 else g,)
def _relu_l(x, y, k): return (0.0 if y <= 0.0 else 1.0,)
# relu'' = 0: the gradient passes (g itself) or stops (a constant 0), as PyTorch's threshold_backward
def _relu_s(x, y, k, g, c): return (c(0.0) if y.data <= 0.0 else g,)

def _sig_f(x, k): return sigmoid(x[0])
def _sig_g(x, y, k, g): return (g * (1.0 - y) * y,)
def _sig_l(x, y, k): return (y * (1.0 - y),)
def _sig_s(x, y, k, g, c): return (g * (c(1.0) - y) * y,)
# fmt: on


@dataclass(frozen=True)
class OpText:
    """How one op is written in words: ``str.format`` templates for its value
    and its local derivative per port. Placeholders (each caller fills them in
    its own number style):

    - ``{0}`` ``{1}``: the inputs as operands (a negative number or an
      expression comes in parentheses);
    - ``{a}`` ``{b}``: the same inputs bare (inside a function's own
      parentheses);
    - ``{k}`` the exponent, ``{kk}`` it as an operand, ``{km1}`` it minus one;
      ``{kp}`` it as Python writes it after ``**`` (``x**-2``, ``x**(-2 - 1)``:
      a "-", as the f(x) bar and the exported code write it);
    - ``{out}``: the node itself (its name or value).
    """

    value: str
    local: tuple[str, ...]
    local_num: tuple[str, ...] | None = None  # with numbers in, where it differs from ``local``

    @property
    def local_with_numbers(self) -> tuple[str, ...]:
        return self.local if self.local_num is None else self.local_num


_NO_TEXT = OpText("", ())


@dataclass(frozen=True)
class Op:
    """What one operator computes, and how it is shown and explained."""

    name: str
    ports: tuple[str, ...]  # input names, in port order
    symbol: str
    formula: str  # value, in terms of the port names
    derivative: str  # local derivative(s), in terms of the port names
    forward: Callable[[tuple, float | None], float] | None
    grad: Callable[[tuple, float, float | None, float], tuple] | None
    local: Callable[[tuple, float, float | None], tuple] | None
    # the Chain rule panel writes the op in full (×, ln, σ, max(0, …)), a power as the f(x)
    # bar and the code do (x**3: Properties wrote x^3 beside them, t72 #11e);
    # the quiz's explanations in short (·, log, sigmoid, relu)
    chain_text: OpText = _NO_TEXT
    quiz_text: OpText = _NO_TEXT
    #: the palette's short form, beside no node: in x and y, as its symbols
    #: xᵏ, eˣ, −x ("in₁ / in₂" did not fit beside Divide); "": ``formula``
    short: str = ""
    #: ``forward`` as a function of the input floats themselves, where the
    #: rule is one (add, sub, mul, neg: ``operator.add``...), for the forward
    #: pass; None for any other rule, or a wrapper of one (a test's counting rule)
    of_floats: Callable[..., float] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        floats = _FLOAT_FORMS.get(self.forward) if self.forward is not None else None
        object.__setattr__(self, "of_floats", floats)

    @property
    def arity(self) -> int:
        return len(self.ports)

    @property
    def title(self) -> str:
        return OP_TITLES[self.name]


#: The ports' names, where the card or a text names a port (the Properties
#: panel only for a port with nothing wired: a wired one is its input's name).
#: Not a, b: beside the lecture's leaves a and b, "∂/∂a = b" on L = d·f read
#: as ∂L/∂a (a trial); no node is named with a subscript digit.
_TWO = ("in₁", "in₂")
_ONE = ("in",)


# fmt: off
OP_TITLES = {
    "leaf": "Value", "add": "Add", "sub": "Subtract", "mul": "Multiply",
    "div": "Divide", "neg": "Negate", "pow": "Power", "exp": "Exp",
    "log": "Log", "tanh": "Tanh", "relu": "ReLU", "sigmoid": "Sigmoid",
}

OPS: dict[str, Op] = {
    op.name: op
    for op in (
        Op("leaf", (), "•", "value", "—", None, None, None),
        Op("add", _TWO, "+", "in₁ + in₂", "∂/∂in₁ = 1, ∂/∂in₂ = 1", _add_f, _add_g, _add_l,
           chain_text=OpText("{0} + {1}", ("1", "1")),
           quiz_text=OpText("{0} + {1}", ("1", "1")),
           short="x + y"),
        Op("sub", _TWO, "−", "in₁ − in₂", "∂/∂in₁ = 1, ∂/∂in₂ = −1", _sub_f, _sub_g, _sub_l,
           chain_text=OpText("{0} − {1}", ("1", "−1")),
           quiz_text=OpText("{0} − {1}", ("1", "−1")),
           short="x − y"),
        Op("mul", _TWO, "×", "in₁ · in₂", "∂/∂in₁ = in₂, ∂/∂in₂ = in₁", _mul_f, _mul_g, _mul_l,
           chain_text=OpText("{0} × {1}", ("{1}", "{0}")),
           quiz_text=OpText("{0} · {1}", ("{1}", "{0}")),
           short="x · y"),
        Op("div", _TWO, "÷", "in₁ / in₂", "∂/∂in₁ = 1/in₂, ∂/∂in₂ = −in₁/in₂²", _div_f, _div_g, _div_l,
           chain_text=OpText("{0} / {1}", ("1 / {1}", "−{0} / {1}²")),
           quiz_text=OpText("{0} / {1}", ("1/{1}", "−{0}/{1}²")),
           short="x / y"),
        Op("neg", _ONE, "−x", "−in", "∂/∂in = −1", _neg_f, _neg_g, _neg_l,
           chain_text=OpText("−{0}", ("−1",)),
           quiz_text=OpText("−{0}", ("−1",)),
           short="−x"),
        Op("pow", _ONE, "xᵏ", "inᵏ", "∂/∂in = k·inᵏ⁻¹ (0 when k = 0)", _pow_f, _pow_g, _pow_l,
           chain_text=OpText("{0}**{kp}", ("{k} × {0}**({kp} - 1)",)),
           quiz_text=OpText("{0}^{k}", ("{k}·{0}^{km1}",)),
           short="xᵏ"),
        Op("exp", _ONE, "eˣ", "exp(in)", "∂/∂in = exp(in)", _exp_f, _exp_g, _exp_l,
           chain_text=OpText("exp({a})", ("exp({a})",), ("{out}",)),
           quiz_text=OpText("exp({a})", ("exp({a}) = {out}",)),
           short="eˣ"),
        Op("log", _ONE, "ln", "ln(in)", "∂/∂in = 1/in", _log_f, _log_g, _log_l,
           chain_text=OpText("ln({a})", ("1 / {0}",)),
           quiz_text=OpText("log({a})", ("1/{0}",)),
           short="ln x"),
        Op("tanh", _ONE, "tanh", "tanh(in)", "∂/∂in = 1 − tanh²(in)", _tanh_f, _tanh_g, _tanh_l,
           chain_text=OpText("tanh({a})", ("1 − tanh²({a})",), ("1 − {out}²",)),
           quiz_text=OpText("tanh({a})", ("1 − {out}²",)),
           short="tanh x"),
        Op("relu", _ONE, "ReLU", "max(0, in)", "∂/∂in = 0 if in ≤ 0 else 1", _relu_f, _relu_g, _relu_l,
           chain_text=OpText("max(0, {a})", ("1 if {a} > 0 else 0",)),
           quiz_text=OpText("relu({a})", ("0 if {0} ≤ 0 else 1",)),
           short="max(0, x)"),
        Op("sigmoid", _ONE, "σ", "1 / (1 + exp(−in))", "∂/∂in = σ(in)(1 − σ(in))", _sig_f, _sig_g, _sig_l,
           chain_text=OpText("σ({a})", ("σ({a}) × (1 − σ({a}))",), ("{out} × (1 − {out})",)),
           quiz_text=OpText("sigmoid({a})", ("{out}·(1 − {out})",)),
           short="1 / (1 + e⁻ˣ)"),
    )
}
# fmt: on


#: The operators every graph has (custom ones are added to OPS beside them).
BUILTIN_OPS = frozenset(OPS)
#: Ops whose two inputs may swap without changing anything: their cards name no
#: port (an add's "a" and "b", as the ports were named, read as the lecture's leaves).
ORDERLESS = frozenset({"add", "mul"})
#: op name -> forward rule and gradient rule; the engine runs these dicts,
#: so an operator added to them (core/autograd/custom_ops.py) runs everywhere.
FORWARD_RULES = {name: op.forward for name, op in OPS.items() if op.forward is not None}
GRAD_RULES = {name: op.grad for name, op in OPS.items() if op.grad is not None}

#: op name -> symbolic gradient rule (see the comment above the rules)
GRAD_GRAPH: dict[str, Callable[..., tuple]] = {
    "add": _add_s, "sub": _sub_s, "mul": _mul_s, "div": _div_s, "neg": _neg_s, "pow": _pow_s,
    "exp": _exp_s, "log": _log_s, "tanh": _tanh_s, "relu": _relu_s, "sigmoid": _sig_s,
}  # fmt: skip


def arity(op: str) -> int:
    return len(OPS[op].ports)


def evaluate(op: str, inputs: tuple, exponent: float | None = None) -> float:
    """The value of ``op`` applied to ``inputs`` (floats, in port order)."""
    return OPS[op].forward(inputs, exponent)  # type: ignore[misc]  # not called for a leaf


def explain_nonfinite(op: str, inputs: tuple, exponent: float | None, out: float) -> str | None:
    """Why ``out`` is inf/nan, in words, or None when it is finite or inherited."""
    if math.isfinite(out) or any(not math.isfinite(v) for v in inputs):
        return None
    a = inputs[0] if inputs else None
    if op == "log":
        return "log of zero" if a == 0.0 else "log of a negative number"
    if op == "div":
        return "0 / 0" if inputs[0] == 0.0 else "division by zero"
    if op == "pow":
        if a == 0.0:
            return "zero to a negative power"
        if out != out:
            return "negative number to a fractional power"
        return f"power {OVERFLOWED}"
    if op == "exp":
        return "exp overflowed (its argument is above ~709.78: larger than the largest number, ~1.8e308)"
    return f"{op} {OVERFLOWED}"


#: What an overflow is, said to a learner (trial 69 #11: "overflowed float64" was jargon).
OVERFLOWED = "overflowed (larger than the largest number, ~1.8e308)"


def explain_nonfinite_local(op: str, inputs: tuple, exponent: float | None, port: int) -> str | None:
    """Why the local derivative of ``op`` at ``port`` is inf/nan where its
    inputs and value are finite: x**0.5 at 0, "vertical slope (0.5·0^−0.5)"
    (trial 69 #11: "inf/nan from 'y'" named no cause); None where no rule says."""
    if any(not math.isfinite(v) for v in inputs):
        return None
    if op == "pow" and exponent is not None and inputs and inputs[0] == 0.0 and 0.0 < exponent < 1.0:
        return f"vertical slope ({fmt(exponent)}·0^{fmt(exponent - 1.0)})"
    return None
