"""The forms a number takes where room is short (core.explain.format.number_forms),
after trial 49's verification: at 30 % one graph read 0.2500 as "0.2", 0.1824
as "0.2", 0.0333 as ".03" and 0.2833 as "0.3" (at 31 %: 0.25, 0.18, 0.03,
0.28), and the linked copies wrote "∇−.05" and "∇0.03" beside a caption's
0.02503. Never one digit of a number that has two, always a leading zero."""

from __future__ import annotations

import math
import random

import pytest

from core.explain.format import MINUS, fmt_card, number_forms


@pytest.mark.parametrize(
    "v, two",
    [
        (0.25, "0.25"),
        (0.1824, "0.18"),
        (0.0333, "0.033"),
        (0.2833, "0.28"),
        (0.02503, "0.025"),
        (-0.5, "−0.5"),
    ],
)
def test_the_trials_numbers_keep_two_digits(v, two):
    four, three, shortest, hundredths = number_forms(v)
    assert shortest == two
    assert four == f"{v:.4f}".replace("-", MINUS)  # the lecture's, first
    assert "0.2" not in (three, shortest, hundredths) or v == 0.2


def test_a_small_number_to_hundredths_last_with_its_leading_zero():
    assert number_forms(0.0333)[3] == "0.03"  # as "0.25" and "0.18" beside it: to hundredths
    assert number_forms(-0.0857)[2:] == ("−0.086", "−0.09")
    assert number_forms(0.05) == ("0.0500", "0.05", "0.05", "0.05")
    assert number_forms(-0.05) == ("−0.0500", "−0.05", "−0.05", "−0.05")
    assert number_forms(0.004)[3] == "≈0"  # not "0.00", which reads as exactly zero
    assert number_forms(0.0)[3] == "0"


def test_padded_forms_say_their_digits():
    assert number_forms(-0.5, True) == ("−0.5000", "−0.500", "−0.50", "−0.50")
    assert number_forms(4.0, True)[1:3] == ("4.00", "4.0")


def test_no_form_lacks_its_leading_zero_or_is_less_precise_than_two_digits():
    rnd = random.Random(49)
    values = [rnd.uniform(-3, 3) * 10 ** rnd.randint(-5, 3) for _ in range(3000)]
    for v in [*values, 0.25, -0.25, 0.95, -0.999, 0.0995, 12.5, 1234.5]:
        forms = number_forms(v)
        for text in forms:
            assert not text.startswith((".", MINUS + ".")), (v, text)
            assert "-" not in text.split("e")[0], (v, text)  # a real minus sign
        two = float(f"{v:.2g}")
        # as close as two significant digits, or closer (0.25 is never "0.2"); the first is the
        # lecture's four decimals as the full card writes it (0.00029 as "0.0003", as printed)
        assert forms[0] == fmt_card(v)
        for text in forms[1:3] if 1e-4 <= abs(v) < 1e-3 else forms[:3]:
            assert abs(float(text.replace(MINUS, "-")) - v) <= abs(two - v) + 1e-12 * abs(v), (v, text)
        if forms[3] != forms[2]:  # under 0.1: to two decimal places
            assert abs(v) < 0.1
            assert forms[3] == "≈0" or math.isclose(float(forms[3].replace(MINUS, "-")), round(v, 2))


def test_forms_are_cached_and_alike_in_kind():
    assert number_forms(0.1824) is number_forms(0.1824)
    assert all(len(number_forms(v)) == 4 for v in (None, math.nan, math.inf, 0.5, 1e-7))
    assert number_forms(None) == ("?",) * 4
