"""Numbers as the canvas shows them: short on the card, exact in the tooltip."""

from __future__ import annotations

import ast
import functools
import math
import operator
import re
from collections.abc import Callable
from typing import Any

# Shown numbers are formatted where the engine can draw them too (Value._repr_svg_).
from core.autograd.floats import MINUS as MINUS
from core.autograd.floats import SMALL, sci
from core.autograd.floats import fmt as fmt
from core.autograd.floats import fmt_card as fmt_card

#: The fewest significant digits a number shown on the canvas is cut to:
#: one misled ("0.2" for 0.25 and for 0.18 side by side at 30 %, a trial).
LEAST_DIGITS = 2


def fmt_full(v: float | None) -> str:
    """The exact value (``repr`` digits, so it round-trips through
    :func:`parse_number`), for tooltips, Properties and editors; with the
    same real minus sign as :func:`fmt`, so the card's "−6" is "−6.0" there."""
    if v is None:
        return "?"
    return repr(float(v)).replace("-", MINUS)


def short(v: float | None, digits: int) -> str:
    """``v`` in ``digits`` significant digits, never looking like an exact
    integer it is not (−2.0347 is "−2.0", not "−2"; 99.7 is "99.7", not "1e2");
    under ``SMALL`` in powers of ten, as the cards' four digits (0.00011213
    in two is "1.1e−4": "0.00011" beside "1.121e−4" read as another number)."""
    if v is not None and 0 < abs(v) < SMALL:
        return sci(v, digits)
    s = fmt(v, digits)
    if v is None or not math.isfinite(v):
        return s
    for more in range(1, 4):  # 99.7 in two digits is "1e2", in three 99.7
        mantissa = s.lstrip(MINUS).split("e")[0]
        if "." in mantissa or v == int(v):
            return s
        if "e" not in s:
            return f"{v:.1f}".replace("-", MINUS)
        s = fmt(v, digits + more)
    return s


_PLAIN = re.compile(r"(−?)(\d+)(?:\.(\d*))?")


def padded(text: str, digits: int) -> str:
    """A plain decimal in ``digits`` significant digits, its trailing zeros
    kept (``short`` drops them: "−1.1" beside "−1.14"); any other text
    (3.2e−6, inf) as it is."""
    m = _PLAIN.fullmatch(text)
    if m is None:
        return text
    whole, frac = m.group(2), m.group(3) or ""
    sig = len(frac.lstrip("0")) if whole == "0" else len(whole) + len(frac)
    if sig >= digits or not sig:  # (a zero is exactly "0")
        return text
    return f"{m.group(1)}{whole}.{frac}{'0' * (digits - sig)}"


@functools.lru_cache(maxsize=8192)
def number_forms(v: float | None, pad: bool = False) -> tuple[str, str, str, str]:
    """The forms a number takes where room is short (a zoomed-out card, a
    linked copy, a folded card's row), longest first: the lecture's four
    decimals (:func:`fmt_card`), then three significant digits, then two
    (``LEAST_DIGITS``; a value exact in fewer reads so: "0.5", "−2"), and
    last, for a number under 0.1, to two decimal places: the precision of
    its neighbours' two digits ("0.03" beside "0.25" and "0.18"; "≈0" where
    that rounds to zero, never a bare "0"). Never one digit of a larger
    number: 0.25 is "0.25", never "0.2" (as 0.18 read too, at 30 %, a
    trial). Each is a rounding of the same number, with its leading zero and
    a real minus sign: "−0.05", never "−.05". Where none fits, a caller says
    something else (a name) rather than a number cut shorter: a number shown
    is one to trust.

    ``pad``: trailing zeros kept to the digits a form says ("4.00", "0.50"),
    for numbers read side by side in one column. Always four forms, alike in
    kind (a column of rows takes the same one of each), the same text again
    where fewer digits say it all ("0.5000", "0.5", "0.5", "0.5"). Cached:
    the linked copies ask at each paint."""
    four, three, two = fmt_card(v), short(v, 3), short(v, LEAST_DIGITS)
    if pad:
        three, two = padded(three, 3), padded(two, LEAST_DIGITS)
    return four, three, two, _hundredths(v) if v is not None and 0 < abs(v) < 0.1 else two


def _hundredths(v: float) -> str:
    """``v`` to two decimal places ("−0.01" for −0.0094), "≈0" where that is zero."""
    text = f"{v:.2f}"
    return "≈0" if float(text) == 0 else text.replace("-", MINUS)


def parse_number(text: str) -> float:
    """A finite float typed by a user; ValueError with a message otherwise.

    Accepts the typographic minus the canvas displays, so a shown value can be
    typed back as it reads.
    """
    t = text.strip().replace(MINUS, "-").replace("\u2013", "-")
    if not t:
        raise ValueError("an empty entry is not a number")
    try:
        f = float(t)
    except ValueError:
        try:  # a little arithmetic, as a learner writes a product: 2*-3
            f = arithmetic(t)
        except NoResult:
            raise
        except ValueError:
            point = decimal_comma(t)
            hint = f" (use a decimal point: {point})" if point else ""
            raise ValueError(f"{text.strip()!r} is not a number{hint}") from None
    if not math.isfinite(f):
        raise ValueError(f"{text.strip()!r} is not a finite number")
    return f


_COMMA = re.compile(r"\s*([-+]?\d+),(\d+)\s*")


def decimal_comma(text: str) -> str | None:
    """``text`` written with a decimal point where it is a number written
    with a decimal comma ("0,7" -> "0.7", "−0,3" -> "-0.3", as a European
    keyboard or habit writes it: trial 50), else None (also for "1,000",
    which may be a thousand: told it is 1.000, one, a user would be misled)."""
    m = _COMMA.fullmatch(text.replace(MINUS, "-").replace("\u2013", "-"))
    if m is None:
        return None
    whole, part = m.group(1).lstrip("-+"), m.group(2)
    if len(part) == 3 and not whole.startswith("0"):  # "1,000": a thousands separator, maybe (a review)
        return None
    return f"{m.group(1)}.{m.group(2)}"


_BIN: dict[type, Callable[[float, float], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_UN: dict[type, Callable[[float], float]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class NoResult(ValueError):
    """Typed arithmetic that has no number as its result (``1/0``): named
    so, not "not a number" (a trial typed 1/0 and was told that)."""


def arithmetic(text: str) -> float:
    """The value of a typed sum such as ``2*-3`` or ``1/2 + 0.25`` (numbers,
    + − × ÷ ^ ** and brackets; read with ``ast``, never run); NoResult for
    a division by zero (``0**-1`` too), ValueError if it is anything else."""
    src = text.strip().replace(MINUS, "-").replace("×", "*").replace("÷", "/").replace("·", "*")
    src = src.replace("^", "**")
    try:
        return float(_eval(ast.parse(src, mode="eval").body))
    except ZeroDivisionError as e:
        raise NoResult(f"{text.strip()!r} divides by zero") from e
    except (SyntaxError, TypeError, OverflowError, RecursionError) as e:
        raise ValueError(f"{text.strip()!r} is not arithmetic") from e


def _eval(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)  # type: ignore[arg-type]  # an int or a float; float arithmetic: 9**999**999 overflows at once
    if isinstance(node, ast.Name) and node.id in ("inf", "nan"):
        return float(node.id)
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        left, right = _eval(node.left), _eval(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > 1000:
            raise ValueError("exponent too large")
        r = _BIN[type(node.op)](left, right)
        if isinstance(r, complex):
            raise ValueError("complex result")
        return float(r)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UN:
        return _UN[type(node.op)](_eval(node.operand))
    raise ValueError("not arithmetic")
