"""Comparing floats the way the app needs, where ``==`` is wrong.

``==`` says nan differs from itself (so a nan value would look changed on
every re-evaluation and be redrawn or re-announced forever) and that -0.0
equals 0.0 (so typing "-0" over 0 would be ignored, though the two are shown
differently and divide differently). Two meanings are needed:

* :func:`same_float`: the same number as shown, for "did it change?"
  tests (a redraw, a values-changed signal, an edit that does nothing);
* :func:`equal_or_both_nan`: equal as numbers, nan matching nan, for
  comparing two computations of a gradient (signed zeros count as equal).
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
