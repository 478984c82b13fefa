"""Comparing floats the way the app needs, where ``==`` is wrong.

``==`` says nan differs from itself (so a nan value would look changed on
every re-evaluation and be redrawn or re-announced forever) and that -0.0
equals 0.0 (so typing "-0" over 0 would be ignored, though the two are shown
differently and divide differently). Two meanings are needed:

* :func:`same_float`: the same number as shown, for "did it change?"
  tests (a redraw, a values-changed signal, an edit that does nothing);
* :func:`equal_or_both_nan`: equal as numbers, nan matching nan, for
  comparing two computations of a gradient (signed zeros count as equal).

And showing them (:func:`fmt`, :func:`fmt_card`), here at the bottom so that
the engine's own pictures (``Value._repr_svg_``) print numbers as the cards do.
"""

from __future__ import annotations

import math


def same_float(a: float | None, b: float | None) -> bool:
    """Identical as shown: nan equals nan, -0.0 differs from 0.0, and None
    (no value) equals only None."""
    if a is None or b is None:
        return a is b
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def equal_or_both_nan(a: float, b: float) -> bool:
    """``a == b``, except that nan equals nan."""
    return a == b or (a != a and b != b)


#: The minus sign of every number shown (U+2212, not the hyphen "-").
MINUS = "\u2212"


def fmt(v: float | None, digits: int = 4) -> str:
    """``v`` in at most ``digits`` significant digits, with a real minus sign;
    "inf", "−inf", "nan", and "?" for a missing value. Zero reads "0" whatever
    its sign: −0.0 is a real gradient (``x * -0.0``, as PyTorch), but "∇−0" on
    a card reads as a negative one; :func:`fmt_full` keeps the sign."""
    if v is None:
        return "?"
    v = float(v) + 0.0  # −0.0 + 0.0 is 0.0; every other value unchanged
    if v != v:
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else MINUS + "inf"
    s = f"{v:.{digits}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s.replace("-", MINUS)


#: The most decimals a card writes to show a number is not a whole one
#: (tanh(7) = 0.999998); nearer than this to a whole number it reads as one
#: with four decimals, its digits in the tooltip: −0.99999999999777 written
#: "−0.999999999998" did not fit its card, which fell back to "−1.0"
#: while every other card had four decimals (trial 51).
NEAR_WHOLE_DECIMALS = 6


#: Significant digits past which a float's digits are noise of its arithmetic
#: (0.7**2 = 0.48999999999999994 is 0.49): as Properties writes a computed value.
NOISE_FREE_DIGITS = 15


#: How many units in the last place a float may be from a whole number and still count as
#: one (a few operations' rounding): 123456789012345.6, 26 of them, has a real fraction.
NOISE_ULPS = 8


def whole_but_for_noise(v: float) -> bool:
    """Whether ``v`` is a whole number in :data:`NOISE_FREE_DIGITS` significant
    digits (2 × 0.4999999999999998 = 0.9999999999999996 is 1, as every text
    writes it), though not exactly one, and at most :data:`NOISE_ULPS` of its
    last places from it (review 71 #9: 15 digits called 123456789012345.6 whole);
    a saturated tanh's −0.99999999999777 is not."""
    if not math.isfinite(v) or v == round(v):
        return False
    whole = round(v)
    return float(f"{v:.{NOISE_FREE_DIGITS}g}") == whole and abs(v - whole) <= NOISE_ULPS * math.ulp(v)


#: Below this a number is written in powers of ten on the canvas (:func:`fmt_card`,
#: :func:`sci`): four decimals wrote 0.00011 as "0.0001", one digit, beside
#: "9.247e−7" in four (trial 52: zooming in showed fewer digits than out).
SMALL = 1e-3


def sci(v: float, digits: int) -> str:
    """``v`` in powers of ten, in ``digits`` significant digits: 0.00011213 in four is
    "1.121e−4", in two "1.1e−4"; trailing zeros dropped where the number is exactly so
    ("1e−5"), else kept (7.034e−4 in two is "7.0e−4", not a false exact "7e−4")."""
    mant, exp = f"{v + 0.0:.{max(1, digits) - 1}e}".split("e")
    bare = mant.rstrip("0").rstrip(".") if "." in mant else mant
    if float(f"{bare}e{exp}") == v:  # (its zeros kept where it is not exact: 7.034e−4 is "7.0e−4")
        mant = bare
    return f"{mant}e{int(exp)}".replace("-", MINUS)


def fmt_card(v: float | None) -> str:
    """A number as the lecture prints it (``f"{v:.4f}"``): four decimals, and
    up to :data:`NEAR_WHOLE_DECIMALS` where four would show a false integer
    (0.99999834 is 0.999998, not 1.0000); nearer to a whole number than
    that, the whole number with four decimals (−0.99999999999777 is
    −1.0000); under 0.01, five (three significant digits: 0.00281); under
    :data:`SMALL`, four significant digits in powers of ten (0.00011213 is
    1.121e−4, not 0.0001; 0.00001 is 1e−5, not 0.0000); the short form of
    :func:`fmt` beyond what fits on a card."""
    if v is None or not math.isfinite(v) or abs(v) >= 1e8:
        return fmt(v)
    v += 0.0  # "0.0000", not "−0.0000" (see fmt)
    if 0 < abs(v) < SMALL:
        return sci(v, 4)
    # (under 0.01, five decimals: three significant digits, as 0.0405 has, never "0.0028" for
    # 0.00281, which a zoom further out wrote in its three digits)
    for decimals in range(4 if v == 0 or abs(v) >= 0.01 else 5, NEAR_WHOLE_DECIMALS + 1):
        s = f"{v:.{decimals}f}"
        if v == int(v) or s.rstrip("0")[-1] != ".":  # a true integer, or digits that show it is not
            return s.replace("-", MINUS)
    return f"{v:.4f}".replace("-", MINUS)  # within 5e-7 of a whole number: −1.0000


def is_negative_zero(v: float | None) -> bool:
    """Whether ``v`` is −0.0: 0 to look at, but 1/−0 is −inf."""
    return v == 0.0 and math.copysign(1.0, v) < 0  # (None == 0.0 is False)


def signed_zero(v: float | None, text: str) -> str:
    """``text`` (a value written as zero: "0.0000") with the sign of a −0
    value: "−0.0000" beside 1/t = −inf (trial 69 #12: "t = 0.0000, 1/t =
    −inf" read as the app being wrong). A gradient's −0 stays "0" (:func:`fmt`)."""
    return MINUS + text if is_negative_zero(v) and text[:1].isdigit() else text
