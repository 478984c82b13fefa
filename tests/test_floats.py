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
