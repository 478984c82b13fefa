"""The numbers of one equation of the Chain Rule panel, written to one
precision, so that the line adds up when redone on paper.

Each number alone in four significant digits (:func:`fmt`) made a line a
learner could not check: ``(−6) + 6.881 = 0.8814`` (a trial: 6.881 − 6 is
0.881). Here a sum's numbers are rounded to the same number of decimal
places: four, as the lecture and the cards print them, or more where one
of them needs more for its own four significant digits (0.04289);
trailing zeros are dropped ("−6", "0.5"), so ``(−6) + 6.8814 = 0.8814``.
A product's numbers keep four decimals or four significant digits each
(the card's digits: ``(−0.8721) × (−1.92) = 1.6744``). A number too small
or too large to write plainly (3.2e−6, 1e308), inf and nan read as
:func:`fmt` writes them, and set no precision for the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from core.explain.format import MINUS, fmt

#: The decimal places a line takes at least: the lecture's ``f"{v:.4f}"``.
PLACES = 4
#: The significant digits each number keeps at least.
DIGITS = 4


def _plain(v: float) -> bool:
    """Written with decimals, not as 3.2e−6 (the range a card writes plainly)."""
    return math.isfinite(v) and (v == 0 or 1e-4 <= abs(v) < 1e8)


def places_of(v: float | None, digits: int = DIGITS) -> int:
    """The decimal places ``v``'s ``digits`` significant digits need (0 for
    a number not written plainly)."""
    if v is None or not _plain(v) or v == 0:
        return 0
    s = f"{v:.{digits}g}"
    return 0 if "e" in s or "." not in s else len(s.split(".")[1])


class Numbers:
    """One line's numbers, each written with at least :data:`PLACES`
    decimals and its own :data:`DIGITS` significant digits.

    ``aligned`` (a sum: ``(−6) + 6.8814 = 0.8814``, ``1 − 0.881941² =
    0.22218``): all at the line's :attr:`places`, the most any of them
    needs, so the line adds up digit by digit. Not aligned (a product:
    ``−0.0004738 × 0.9547 = −0.0004523``): each at its own, the same
    relative precision, without padding a factor to a small one's places.

    ``values``: every number the line writes; ``fine``: (number, digits)
    for one written to more significant digits (a saturated tanh's
    0.9999998, so that 1 − o² does not read 1 − 1²)."""

    def __init__(
        self, *values: float | None, fine: Iterable[tuple[float, int]] = (), aligned: bool = True
    ) -> None:
        self._fine = dict(fine)
        own = [places_of(v) for v in values] + [places_of(v, d) for v, d in self._fine.items()]
        self.places: int | None = max(PLACES, *own) if aligned else None

    def _places(self, v: float) -> int:
        if self.places is not None:
            return self.places
        return max(PLACES, places_of(v, self._fine.get(v, DIGITS)))

    def num(self, v: float | None) -> str:
        """``v`` at the line's places, its trailing zeros dropped."""
        if v is None or not _plain(v):
            return fmt(v)
        s = f"{float(v) + 0.0:.{self._places(v)}f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return "0" if s in ("-0", "0") else s.replace("-", MINUS)

    def term(self, v: float, first: bool = False) -> str:
        """``v`` as a term of a sum: a negative after the first in parentheses."""
        s = self.num(v)
        return s if first or not s.startswith(MINUS) else f"({s})"

    def sum(self, terms: Sequence[float], total: float | None) -> str:
        """``6 + (−2) = 4``, or just ``4`` for one term."""
        if len(terms) <= 1:
            return self.num(total)
        return " + ".join(self.term(t, i == 0) for i, t in enumerate(terms)) + " = " + self.num(total)


def summed(terms: Sequence[float], total: float | None) -> str:
    """:meth:`Numbers.sum` with the precision of these numbers."""
    return Numbers(*terms, total).sum(terms, total)
