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

Each rounded on its own, a line could still miss by a digit: ``−0.10355 +
0.14645 = 0.04289`` is 0.04290 on paper (verify 51), ``0.1464 × 5.8284 =
0.8536`` is 0.8533. So a sum or a product is checked as a learner checks
it (:meth:`Numbers.fit`): the written numbers are added digit by digit
(a sum's result at the same places: equal) or multiplied (a product's
result, kept to its own digits as the card shows it: the paper product
rounded half up to them). Where that misses, the line takes one more
decimal, then another (a sum: every number; a product: its factors), up
to :data:`MORE` (a product: a factor at a time, the one whose rounding
moves it most first, up to :data:`MORE_FACTOR` each):
``−0.1035534 + 0.1464466 = 0.0428932``, ``0.14645 × 5.82843 = 0.8536``.
Each number stays its true value rounded, never nudged to fit. A line
that no few more digits make check (about one sum of two random numbers
in 250, one product in 2,500: the result a hair from a rounding
boundary) is written at the first precision with ``≈``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from core.autograd.floats import SMALL
from core.explain.format import MINUS, fmt

#: The decimal places a line takes at least: the lecture's ``f"{v:.4f}"``.
PLACES = 4
#: The significant digits each number keeps at least.
DIGITS = 4
#: The most decimals a sum takes beyond its first precision for it to check on paper
#: (its numbers read as one column: ``−0.1035534 + 0.1464466 = 0.0428932``).
MORE = 3
#: The most decimals a product's factor takes beyond its own (a factor of more
#: than six or so digits is not multiplied by hand: ``≈`` says the rest).
MORE_FACTOR = 2

#: The decimal places a number takes at least in every text of one view (a pass's step on screen:
#: :func:`step_places`), so it reads alike in each: the banner's "× 0.050887", which its product
#: takes to check on paper, was "× 0.05089" in the caption and the Chain Rule (trial 64 #8).
Pins = Mapping[float, int]


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
    0.9999998, so that 1 − o² does not read 1 − 1²); ``pins``: the places a number
    takes at least in the view the line is shown in (:data:`Pins`)."""

    def __init__(
        self,
        *values: float | None,
        fine: Iterable[tuple[float, int]] = (),
        aligned: bool = True,
        pins: Pins | None = None,
    ) -> None:
        self._fine = dict(fine)
        self._pins: Pins = pins or {}
        own = [places_of(v) for v in values] + [places_of(v, d) for v, d in self._fine.items()]
        own += [self._pins[v] for v in values if v is not None and _plain(v) and v in self._pins]
        self.places: int | None = max(PLACES, *own) if aligned else None
        #: decimals every number but a product's result takes beyond its own (:meth:`fit`)
        self.more = 0
        self._extra: dict[float, int] = {}  # a product's factors': each its own (:meth:`fit`)
        self._result: float | None = None  # a product's: written to its own digits

    def _places(self, v: float) -> int:
        more = 0 if v == self._result else self._extra.get(v, self.more)
        if self.places is not None:
            return self.places + more
        own = max(PLACES + more, places_of(v, self._fine.get(v, DIGITS) + more))
        return max(own, self._pins.get(v, 0))

    def fit(self, op: str, xs: Sequence[float | None], result: float | None) -> str:
        """Take the fewest extra decimals with which ``xs`` as written,
        added (``op`` "+"), subtracted ("−": the first minus the second) or
        multiplied ("×"), give ``result`` as written; the sign for the
        line: "=", or "≈" where none up to :data:`MORE` (a sum's, every
        number's: :attr:`more`) or :data:`MORE_FACTOR` (a factor's) does. A
        product's result keeps its own digits (the card's), and its factors
        take theirs one at a time, first the one whose rounding moves the
        product most (``3.1141 × 0.689679 = 2.1477``, not ``3.1141299 ×
        0.6896786``: verify 52's banner)."""
        self.more, self._extra = 0, {}
        self._result = result if op == "×" else None
        if result is None or not all(x is not None and _plain(x) for x in (*xs, result)):
            return "="  # (3.2e−6, inf: nothing to check digit by digit)
        if op == "×":
            return self._fit_product(cast("tuple[float, float]", tuple(xs)), result)
        for more in range(MORE + 1):
            self.more = more
            if self._checks(op, [_decimal(self.num(x)) for x in xs], result):
                return "="
        self.more = 0
        return "≈"

    def _fit_product(self, xs: tuple[float, float], result: float) -> str:
        a, b = xs
        # a's rounding moves the product by up to |b| half-units of its last place, and b's by |a|
        a_first = abs(b) * 10.0 ** -self._places(a) >= abs(a) * 10.0 ** -self._places(b)
        for extra in range(2 * MORE_FACTOR + 1):
            ks = [k for k in range(extra + 1) if k <= MORE_FACTOR and extra - k <= MORE_FACTOR]
            for k in sorted(ks, reverse=a_first):  # (k: a's extra decimals)
                self._extra = {b: extra - k, a: k} if a != b else {a: extra}
                if self._checks("×", [_decimal(self.num(x)) for x in xs], result):
                    return "="
        self._extra = {}
        return "≈"

    def _checks(self, op: str, ws: list[Decimal], result: float) -> bool:
        got = sum(ws, Decimal(0)) if op == "+" else ws[0] - ws[1] if op == "−" else ws[0] * ws[1]
        unit = Decimal(1).scaleb(-self._places(result))
        return got.quantize(unit, rounding=ROUND_HALF_UP) == _decimal(self.num(result))

    def num(self, v: float | None) -> str:
        """``v`` at the line's places, its trailing zeros dropped."""
        if v is None or not _plain(v):
            return fmt(v)
        s = f"{float(v) + 0.0:.{self._places(v)}f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        if abs(v) < SMALL and s not in ("-0", "0"):  # as a card, "1.442e−4" (trial 55: "−0.0001442"
            return _in_powers(s)  # beside "−5.465e−5"), its digits as written here: it adds up alike
        return "0" if s in ("-0", "0") else s.replace("-", MINUS)

    def term(self, v: float, first: bool = False) -> str:
        """``v`` as a term of a sum: a negative after the first in parentheses."""
        s = self.num(v)
        return s if first or not s.startswith(MINUS) else f"({s})"

    def sum(self, terms: Sequence[float], total: float | None) -> str:
        """``6 + (−2) = 4``, or just ``4`` for one term; checked (:meth:`fit`)."""
        if len(terms) <= 1:
            return self.num(total)
        eq = self.fit("+", terms, total)
        return " + ".join(self.term(t, i == 0) for i, t in enumerate(terms)) + f" {eq} " + self.num(total)

    def product(self, a: float, b: float, c: float) -> str:
        """``a × b = c`` (a negative ``b`` in parentheses), checked (:meth:`fit`)."""
        eq = self.fit("×", (a, b), c)
        return f"{self.num(a)} × {self.term(b)} {eq} {self.num(c)}"


def _in_powers(written: str) -> str:
    """A plain decimal ("−0.0001442") in powers of ten, exactly its digits ("−1.442e−4")."""
    sign, digits, exp = Decimal(written).normalize().as_tuple()
    mant = "".join(map(str, digits))
    power = int(exp) + len(mant) - 1
    return f"{'-' if sign else ''}{mant[0]}{'.' if mant[1:] else ''}{mant[1:]}e{power}".replace("-", MINUS)


def _decimal(written: str) -> Decimal:
    """A number as :meth:`Numbers.num` writes it, exactly."""
    return Decimal(written.replace(MINUS, "-"))


def said(v: float | None, pins: Pins | None = None) -> str:
    """A number alone (a caption's, a note's, the Order list's) as the banner writes it in its
    equations: four decimals or four significant digits, more where the view's ``pins`` say
    (one rule: the banner's "−1.0959" was "−1.096" in the caption beside it, trial 64 #8)."""
    return Numbers(v, aligned=False, pins=pins).num(v)


def said_term(v: float, first: bool = False, pins: Pins | None = None) -> str:
    """:func:`said` as a term of a sum or a factor: a negative after the first in parentheses."""
    return Numbers(v, aligned=False, pins=pins).term(v, first)


def summed(terms: Sequence[float], total: float | None, pins: Pins | None = None) -> str:
    """:meth:`Numbers.sum` with the precision of these numbers."""
    return Numbers(*terms, total, pins=pins).sum(terms, total)


def multiplied(a: float, b: float, c: float, pins: Pins | None = None) -> str:
    """``a × b = c`` (a gradient times a local derivative), each factor at
    its own four significant digits or more (:meth:`Numbers.product`)."""
    return Numbers(a, b, c, aligned=False, pins=pins).product(a, b, c)


def multiplied_alike(
    a: float, pairs: Sequence[tuple[float, float]], pins: Pins | None = None
) -> tuple[str, list[str]]:
    """``a`` and each ``a × b = c`` of ``pairs`` (``(b, c)``: a node's gradient times each local
    derivative), ``a`` written alike in all of them (a banner read "x1.grad += −0.003514 × 0.5" and
    "w11.grad += −0.0035143 × 2" of one gradient, t62 #6): at the decimals the product that needs
    the most takes, each product then checked as :func:`multiplied`'s, its other factor taking
    more decimals where it must."""
    up, products, _places = _alike(a, pairs, pins)
    return up, products


def step_places(a: float, pairs: Sequence[tuple[float, float]]) -> dict[float, int]:
    """The places each number of a step (``a``, its gradient, times each ``(b, c)`` of ``pairs``)
    takes in :func:`multiplied_alike`'s products, the banner's: the :data:`Pins` of the view that
    shows that step, so its captions and the Chain Rule write them so too."""
    return _alike(a, pairs, None)[2]


def _alike(
    a: float, pairs: Sequence[tuple[float, float]], pins: Pins | None
) -> tuple[str, list[str], dict[float, int]]:
    kept = [Numbers(a, b, c, aligned=False, pins=pins) for b, c in pairs]
    for n, (b, c) in zip(kept, pairs, strict=True):
        n.fit("×", (a, b), c)
    k = max((n._extra.get(a, 0) for n in kept), default=0)
    out = []
    places: dict[float, int] = {}
    for (b, c), n in zip(pairs, kept, strict=True):
        eq = n.fit("×", (a, b), c)
        if b != a and n._extra.get(a, 0) != k:  # (a at k decimals more, b as few more as check)
            n._result = c
            for more in range(MORE_FACTOR + 1):
                n._extra = {a: k, b: more}
                eq = "=" if n._checks("×", [_decimal(n.num(x)) for x in (a, b)], c) else "≈"
                if eq == "=":
                    break
            else:
                n._extra = {a: k, b: 0}
        out.append(f"{n.num(a)} × {n.term(b)} {eq} {n.num(c)}")
        for x in (b, c):
            if _plain(x):
                places[x] = max(places.get(x, 0), n._places(x))
    ones = Numbers(a, a, a, aligned=False, pins=pins)
    ones._extra = {a: k}
    if _plain(a):
        places[a] = max(places.get(a, 0), ones._places(a))
    return ones.num(a), out, places
