"""Numbers as the canvas shows them: short on the card, exact in the tooltip."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import Any

#: The minus sign of every number shown (U+2212, not the hyphen "-").
MINUS = "\u2212"


def fmt(v: float | None, digits: int = 4) -> str:
    """``v`` in at most ``digits`` significant digits, with a real minus sign;
    "inf", "−inf", "nan", and "?" for a missing value."""
    if v is None:
        return "?"
    v = float(v)
    if v != v:
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else MINUS + "inf"
    s = f"{v:.{digits}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s.replace("-", MINUS)


def fmt_card(v: float | None) -> str:
    """A number as the lecture prints it (``f"{v:.4f}"``): four decimals, and
    more where four would show a false integer (0.99999834 is 0.999998, not
    1.0000; 0.00001 is not 0.0000); the short form of :func:`fmt` beyond
    what fits on a card."""
    if v is None or not math.isfinite(v) or abs(v) >= 1e8:
        return fmt(v)
    for decimals in range(4, 13):
        s = f"{v:.{decimals}f}"
        if v == int(v) or s.rstrip("0")[-1] != ".":  # a true integer, or digits that show it is not
            return s.replace("-", MINUS)
    if abs(v) < 1e-4:
        return fmt(v)  # not a false 0.0000: 1.234e−13
    return f"{v:.4f}".replace("-", MINUS)  # within 1e-12 of a whole number: 1.0000


def fmt_full(v: float | None) -> str:
    """The exact value (``repr`` digits, so it round-trips through
    :func:`parse_number`), for tooltips, Properties and editors; with the
    same real minus sign as :func:`fmt`, so the card's "−6" is "−6.0" there."""
    if v is None:
        return "?"
    return repr(float(v)).replace("-", MINUS)


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
        except ValueError:
            raise ValueError(f"{text.strip()!r} is not a number") from None
    if not math.isfinite(f):
        raise ValueError(f"{text.strip()!r} is not a finite number")
    return f


_BIN: dict[type, Callable[[float, float], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_UN: dict[type, Callable[[float], float]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}


def arithmetic(text: str) -> float:
    """The value of a typed sum such as ``2*-3`` or ``1/2 + 0.25`` (numbers,
    + − × ÷ ^ ** and brackets; read with ``ast``, never run); ValueError
    if it is anything else."""
    src = text.strip().replace(MINUS, "-").replace("×", "*").replace("·", "*").replace("^", "**")
    try:
        return float(_eval(ast.parse(src, mode="eval").body))
    except (SyntaxError, TypeError, ZeroDivisionError, OverflowError, RecursionError) as e:
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
