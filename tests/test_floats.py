"""The two float comparisons of core.autograd.floats, on the cases ``==`` gets wrong."""

import math

import pytest

from core.autograd.floats import equal_or_both_nan, same_float

NAN, INF = math.nan, math.inf


@pytest.mark.parametrize(
    "a, b, same",
    [
        (1.5, 1.5, True),
        (1.5, 2.0, False),
        (NAN, NAN, True),
        (NAN, float("nan"), True),
        (NAN, 0.0, False),
        (0.0, NAN, False),
        (0.0, 0.0, True),
        (-0.0, -0.0, True),
        (0.0, -0.0, False),
        (-0.0, 0.0, False),
        (INF, INF, True),
        (-INF, -INF, True),
        (INF, -INF, False),
        (INF, NAN, False),
        (None, None, True),
        (None, 0.0, False),
        (0.0, None, False),
        (None, NAN, False),
        (2, 2.0, True),
    ],
)
def test_same_float_is_identical_as_shown(a, b, same):
    assert same_float(a, b) is same
    assert same_float(b, a) is same


@pytest.mark.parametrize(
    "a, b, equal",
    [
        (1.5, 1.5, True),
        (1.5, 2.0, False),
        (NAN, NAN, True),
        (NAN, 1.0, False),
        (1.0, NAN, False),
        (0.0, -0.0, True),  # the only difference from same_float
        (INF, INF, True),
        (INF, -INF, False),
        (INF, NAN, False),
    ],
)
def test_equal_or_both_nan_is_numeric_equality_with_nan(a, b, equal):
    assert equal_or_both_nan(a, b) is equal
    assert equal_or_both_nan(b, a) is equal


def test_a_zero_gradient_reads_zero_whatever_its_sign():
    """A gradient of −0.0 (as PyTorch gives ``x * -0.0``) must not read "∇−0"
    on a card, as if it were negative; the exact sign stays in the full form (tooltip, Properties)."""
    from core.autograd.engine import Value
    from core.explain.format import fmt, fmt_card, fmt_full

    a = Value(2.0)
    out = a * -0.0
    out.backward()
    assert math.copysign(1.0, a.grad) == -1.0 and a.grad == 0  # the engine keeps −0.0, bit for bit
    assert fmt(a.grad) == "0" and fmt_card(a.grad) == "0.0000"
    assert fmt_full(a.grad) == "−0.0"
    assert fmt(-1e-300) == "−1e−300" and fmt_card(-2.5) == "−2.5000"  # other negatives keep their sign


@pytest.mark.parametrize(
    "v, noise",
    [
        (0.9999999999999996, True),  # 2 × 0.4999999999999998: 4 ulps from 1 (t71 #8)
        (2.0000000000000004, True),  # 1 ulp
        (-2.9999999999999996, True),
        (4.000000000000001, True),
        (123456789012345.02, True),  # 1 ulp of a big number: still noise
        (123456789012345.6, False),  # review 71 #9: a real fraction, 26 ulps, whole in 15 digits
        (1e12 + 0.5, False),
        (-0.99999999999777, False),  # a saturated tanh: not whole
        (-1e-17, False),  # a small number, not noise about 0 (the card writes it in powers of ten)
        (0.49999999999999994, False),  # a hair under 0.5: its whole number is 0, far off
        (3.0, False),  # exactly whole: nothing to hide
        (math.inf, False),
        (math.nan, False),
    ],
)
def test_whole_but_for_noise_is_a_few_ulps_from_a_whole_number(v, noise):
    from core.autograd.floats import whole_but_for_noise

    assert whole_but_for_noise(v) is noise
