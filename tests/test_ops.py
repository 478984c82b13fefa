"""The op table: IEEE-754 values and PyTorch's gradient formulas.

Expected numbers are worked out by hand from the spec's table and from
PyTorch's ``derivatives.yaml`` / CPU kernels (torch itself is not needed):
- div: other's gradient is ``-grad * ((a / b) / b)``, not ``-grad*a/b**2``;
- pow: ``grad * (k * a**(k-1))``, exactly 0 when k == 0; a float64 tensor to
  the power 2, 3, -2 is a product, to 0.5, -0.5, -1 is sqrt / 1/sqrt / 1/a;
- relu: ``threshold_backward(grad, result, 0)``: 0 where result <= 0, else
  grad (so nan passes the gradient through);
- tanh: ``grad * (1 - y*y)``; sigmoid: ``grad * (1 - y) * y``; exp: ``grad * y``;
  log: ``grad / a``.
"""

import math
import random
from fractions import Fraction

import pytest

from core.autograd import ops
from core.autograd.ops import OPS, evaluate, explain_nonfinite

INF, NAN = math.inf, math.nan


def same(a: float, b: float) -> bool:
    """Bit-for-bit float equality: nan equals nan, 0.0 differs from -0.0."""
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def grad(op, inputs, k=None, g=1.0):
    y = evaluate(op, inputs, k)
    return OPS[op].grad(inputs, y, k, g)


# ------------------------------------------------------------- the op table
def test_every_spec_op_is_in_the_table_with_its_arity():
    arities = {
        "leaf": 0,
        "add": 2,
        "sub": 2,
        "mul": 2,
        "div": 2,
        "neg": 1,
        "pow": 1,
        "exp": 1,
        "log": 1,
        "tanh": 1,
        "relu": 1,
        "sigmoid": 1,
    }
    assert {n: OPS[n].arity for n in OPS} == arities
    assert {n: ops.arity(n) for n in OPS} == arities
    for name, op in OPS.items():
        assert op.name == name and op.title and op.symbol and op.formula
        assert len(op.ports) == op.arity


# ------------------------------------------------------------ spec's IEEE list
@pytest.mark.parametrize(
    "op, inputs, k, expected",
    [
        ("div", (1.0, 0.0), None, INF),  # 1/0 = inf
        ("div", (-1.0, 0.0), None, -INF),
        ("div", (1.0, -0.0), None, -INF),  # the sign of zero counts
        ("div", (0.0, 0.0), None, NAN),  # 0/0 = nan
        ("div", (NAN, 0.0), None, NAN),
        ("div", (INF, INF), None, NAN),
        ("exp", (1000.0,), None, INF),  # exp(1000) = inf
        ("exp", (-1000.0,), None, 0.0),
        ("exp", (-INF,), None, 0.0),
        ("log", (0.0,), None, -INF),  # log(0) = -inf
        ("log", (-0.0,), None, -INF),
        ("log", (-1.0,), None, NAN),  # log(-1) = nan
        ("log", (INF,), None, INF),
        ("log", (-INF,), None, NAN),
        ("log", (NAN,), None, NAN),
        ("pow", (-8.0,), 1 / 3, NAN),  # (-8)^(1/3) = nan, not complex
        ("pow", (0.0,), -1.0, INF),  # 0^-1 = inf
        ("pow", (-0.0,), -1.0, -INF),
        ("pow", (0.0,), -3.0, INF),
        ("pow", (-0.0,), -3.0, -INF),  # odd negative power keeps the sign
        ("pow", (-0.0,), -4.0, INF),
        ("pow", (0.0,), -1.5, INF),
        ("pow", (0.0,), -2.0, INF),
        ("pow", (10.0,), 400.0, INF),  # overflow, not OverflowError
        ("pow", (-10.0,), 401.0, -INF),
        ("pow", (-10.0,), 400.0, INF),
        ("pow", (0.1,), -400.0, INF),
        ("pow", (1e200,), 2.0, INF),  # a*a overflows quietly
        ("pow", (1e200,), 3.0, INF),
        ("pow", (-1e200,), 3.0, -INF),
        ("pow", (10.0,), -400.0, 0.0),  # underflow
        ("pow", (NAN,), 0.0, 1.0),  # anything^0 = 1
        ("pow", (0.0,), 0.0, 1.0),
        ("pow", (NAN,), 2.5, NAN),
        ("mul", (INF, 0.0), None, NAN),
        ("add", (INF, -INF), None, NAN),
        ("sub", (INF, INF), None, NAN),
        ("mul", (1e200, 1e200), None, INF),
        ("tanh", (1000.0,), None, 1.0),
        ("tanh", (-INF,), None, -1.0),
        ("tanh", (NAN,), None, NAN),
        ("sigmoid", (-1000.0,), None, 0.0),  # 1/(1+inf)
        ("sigmoid", (1000.0,), None, 1.0),
        ("sigmoid", (0.0,), None, 0.5),
        ("sigmoid", (NAN,), None, NAN),
        ("relu", (-0.0,), None, -0.0),  # as PyTorch and micrograd
        ("relu", (NAN,), None, NAN),
        ("relu", (-INF,), None, 0.0),
        ("relu", (-2.0,), None, 0.0),
        ("relu", (2.5,), None, 2.5),
        ("neg", (0.0,), None, -0.0),
    ],
)
def test_ieee_values_never_raise(op, inputs, k, expected):
    out = evaluate(op, inputs, k)
    assert type(out) is float
    assert same(out, expected), (op, inputs, k, out)


def test_ordinary_values():
    assert evaluate("add", (2.0, 3.0)) == 5.0
    assert evaluate("sub", (2.0, 3.0)) == -1.0  # port 0 minus port 1
    assert evaluate("mul", (2.0, -3.0)) == -6.0
    assert evaluate("div", (1.0, 4.0)) == 0.25  # port 0 over port 1
    assert evaluate("neg", (2.0,)) == -2.0
    assert evaluate("pow", (2.0,), 10.0) == 1024.0
    assert evaluate("exp", (0.0,)) == 1.0
    assert evaluate("log", (math.e,)) == 1.0
    assert evaluate("tanh", (0.0,)) == 0.0


# ------------------------------------------------------- pow, as PyTorch does
def test_pow_special_exponents_are_computed_like_pytorch():
    # 0.3**3 is 0.3*0.3*0.3 = 0.027 in PyTorch; C's pow gives 0.026999999999999996.
    assert evaluate("pow", (0.3,), 3.0) == 0.3 * 0.3 * 0.3 == 0.027
    assert 0.3**3.0 != 0.027  # so the special case is real
    # 3**-0.5 is 1/sqrt(3) = 0.5773502691896258; pow gives ...257.
    assert evaluate("pow", (3.0,), -0.5) == 0.5773502691896258
    assert 3.0**-0.5 == 0.5773502691896257
    assert evaluate("pow", (2.0,), 0.5) == math.sqrt(2.0)
    assert evaluate("pow", (3.0,), -1.0) == 1 / 3
    assert evaluate("pow", (3.0,), -2.0) == 1 / 9
    assert evaluate("pow", (0.1,), 2.0) == 0.1 * 0.1
    assert same(evaluate("pow", (NAN,), 1.0), NAN)
    assert evaluate("pow", (1.7,), 1.0) == 1.7


@pytest.mark.parametrize(
    "a, k, expected",
    [
        (-0.0, 0.5, -0.0),  # sqrt(-0.0) = -0.0 (C's pow would give +0.0)
        (-INF, 0.5, NAN),  # sqrt(-inf) = nan (C's pow would give inf)
        (-4.0, 0.5, NAN),
        (-0.0, -0.5, -INF),  # 1/sqrt(-0.0)
        (0.0, -0.5, INF),
        (INF, -0.5, 0.0),
        (4.0, -0.5, 0.5),
        (-0.0, -1.0, -INF),
        (-0.0, -2.0, INF),
    ],
)
def test_pow_square_root_family_at_signed_zeros_and_infinities(a, k, expected):
    assert same(evaluate("pow", (a,), k), expected)


# --------------------------------------------------- gradients, by hand
def test_add_sub_mul_gradients():
    assert grad("add", (2.0, 3.0), g=1.5) == (1.5, 1.5)
    assert grad("sub", (2.0, 3.0), g=1.5) == (1.5, -1.5)
    assert grad("mul", (2.0, -3.0), g=2.0) == (-6.0, 4.0)
    assert OPS["mul"].local((2.0, -3.0), -6.0, None) == (-3.0, 2.0)


def test_div_gradient_uses_pytorchs_formula():
    # d/da = g/b; d/db = -g * ((a/b)/b)
    assert grad("div", (6.0, 3.0)) == (1 / 3, -(2.0 / 3.0))
    ga, gb = grad("div", (1.0, 13.0))
    assert ga == 1 / 13
    assert gb == -0.00591715976331361  # -((1/13)/13)
    assert gb != -1.0 / 13.0**2  # the textbook -a/b**2 differs in the last bit
    assert OPS["div"].local((1.0, 13.0), 1 / 13, None) == (1 / 13, -0.00591715976331361)


def test_div_gradient_at_zero_divisor():
    ga, gb = grad("div", (1.0, 0.0))
    assert ga == INF and gb == -INF  # 1/0 = inf; -((1/0)/0) = -inf
    ga, gb = grad("div", (0.0, 0.0))
    assert ga == INF and same(gb, NAN)  # 1/0; -((0/0)/0)
    ga, gb = grad("div", (1.0, 0.0), g=0.0)
    assert same(ga, NAN) and same(gb, NAN)  # 0/0


def test_neg_exp_log_gradients():
    assert grad("neg", (5.0,), g=2.0) == (-2.0,)
    assert grad("exp", (0.0,), g=3.0) == (3.0,)
    assert grad("exp", (1000.0,)) == (INF,)
    assert grad("exp", (-INF,)) == (0.0,)
    assert grad("log", (4.0,), g=2.0) == (0.5,)
    assert grad("log", (0.0,)) == (INF,)
    assert grad("log", (-0.0,)) == (-INF,)
    assert grad("log", (-1.0,)) == (-1.0,)  # the value is nan but 1/a is not


def test_pow_gradient():
    assert grad("pow", (3.0,), 2.0) == (6.0,)
    assert grad("pow", (2.0,), 3.0, g=0.5) == (6.0,)
    assert grad("pow", (4.0,), 0.5) == (0.25,)  # 0.5 * 1/sqrt(4)
    assert grad("pow", (2.0,), -1.0) == (-0.25,)  # -1 * 1/(2*2)
    assert grad("pow", (0.0,), 0.5) == (INF,)  # 0.5 * 1/sqrt(0)
    assert grad("pow", (1e200,), 3.0) == (INF,)  # 3 * (a*a) overflows
    assert grad("pow", (NAN,), 1.0) == (1.0,)  # k*a^0 = 1 even for nan
    assert grad("pow", (-8.0,), 1 / 3)[0] != grad("pow", (-8.0,), 1 / 3)[0]  # nan


@pytest.mark.parametrize("a", [0.0, -0.0, 2.0, -3.0, INF, NAN])
def test_pow_gradient_is_exactly_zero_for_exponent_zero(a):
    # 0 * a^-1 would be nan at a = 0 (0 * inf); PyTorch returns zeros.
    (g,) = grad("pow", (a,), 0.0, g=5.0)
    assert same(g, 0.0)
    assert OPS["pow"].local((a,), 1.0, 0.0) == (0.0,)


def fused_one_minus_square(y: float) -> float:
    """1 - y*y with one rounding, by exact rational arithmetic."""
    return float(Fraction(1) - Fraction(y) ** 2)


def test_tanh_and_sigmoid_gradients_use_the_result():
    # PyTorch's compiled tanh_backward is grad * fma(-y, y, 1).
    for a in (0.5, -0.3, 0.8813735870195432, 2.0, 1e-9):
        y = math.tanh(a)
        assert grad("tanh", (a,), g=2.0) == (2.0 * fused_one_minus_square(y),)
        assert OPS["tanh"].local((a,), y, None) == (fused_one_minus_square(y),)
    assert grad("tanh", (1000.0,)) == (0.0,)
    assert grad("sigmoid", (0.0,)) == (0.25,)
    s = 1 / (1 + math.exp(-0.7))
    assert grad("sigmoid", (0.7,), g=3.0) == (3.0 * (1.0 - s) * s,)
    assert OPS["sigmoid"].local((0.7,), s, None) == (s * (1.0 - s),)
    assert grad("sigmoid", (1000.0,)) == (0.0,)
    assert grad("sigmoid", (-1000.0,)) == (0.0,)


@pytest.mark.parametrize(
    "a, g, expected",
    [
        (2.0, 3.0, 3.0),
        (-2.0, 3.0, 0.0),
        (0.0, 3.0, 0.0),  # relu'(0) = 0, as PyTorch
        (-0.0, 3.0, 0.0),
        (NAN, 3.0, 3.0),  # result nan is not <= 0: the gradient passes
        (INF, 3.0, 3.0),
        (-INF, 3.0, 0.0),
        (2.0, NAN, NAN),
    ],
)
def test_relu_gradient_is_threshold_backward_on_the_result(a, g, expected):
    (c,) = grad("relu", (a,), g=g)
    assert same(c, expected)


# ------------------------------------------------ the IEEE helpers themselves
def test_safe_helpers():
    assert ops.safe_div(1.0, 0.0) == INF
    assert ops.safe_div(-1.0, -0.0) == INF
    assert same(ops.safe_div(0.0, -0.0), NAN)
    assert ops.safe_exp(709.0) == math.exp(709.0)
    assert ops.safe_exp(710.0) == INF
    assert ops.safe_log(0.0) == -INF
    assert same(ops.safe_log(-2.0), NAN)
    assert same(ops.safe_pow(-8.0, 1 / 3), NAN)
    assert ops.safe_pow(0.0, -1.0) == INF
    assert ops.safe_pow(-0.0, -1.0) == -INF
    assert ops.safe_pow(-0.0, 0.5) == 0.0  # C's pow; the pow op uses sqrt instead
    assert ops.sigmoid(-1000.0) == 0.0
    assert same(ops.relu(-0.0), -0.0)


# ------------------------------------------------------ explaining inf / nan
def test_explain_nonfinite_names_the_cause():
    assert explain_nonfinite("log", (0.0,), None, -INF) == "log of zero"
    assert explain_nonfinite("log", (-1.0,), None, NAN) == "log of a negative number"
    assert explain_nonfinite("div", (0.0, 0.0), None, NAN) == "0 / 0"
    assert explain_nonfinite("div", (1.0, 0.0), None, INF) == "division by zero"
    assert explain_nonfinite("pow", (0.0,), -1.0, INF) == "zero to a negative power"
    assert "fractional" in explain_nonfinite("pow", (-8.0,), 1 / 3, NAN)
    assert "overflow" in explain_nonfinite("pow", (10.0,), 400.0, INF)
    assert "exp" in explain_nonfinite("exp", (1000.0,), None, INF)
    assert explain_nonfinite("add", (1.0, 2.0), None, 3.0) is None  # finite
    assert explain_nonfinite("add", (INF, 2.0), None, INF) is None  # inherited


def test_one_minus_square_is_rounded_once():
    rnd = random.Random(7)
    ys = [rnd.uniform(-1, 1) for _ in range(5000)] + [math.tanh(rnd.uniform(-20, 20)) for _ in range(5000)]
    plain_differs = 0
    for y in ys + [0.0, -0.0, 1.0, -1.0, 0.5, 1e-200]:
        assert ops.one_minus_square(y) == fused_one_minus_square(y), y
        plain_differs += (1.0 - y * y) != fused_one_minus_square(y)
    assert plain_differs > 100  # the plain formula really is different
    assert same(ops.one_minus_square(NAN), NAN)
