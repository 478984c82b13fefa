"""Numbers as the canvas shows them: short on the card, exact in the tooltip."""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from typing import Any

# Shown numbers are formatted where the engine can draw them too (Value._repr_svg_).
from core.autograd.floats import MINUS as MINUS
from core.autograd.floats import fmt as fmt
from core.autograd.floats import fmt_card as fmt_card


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
    keyboard or habit writes it: trial 50), else None."""
    m = _COMMA.fullmatch(text.replace(MINUS, "-").replace("\u2013", "-"))
    return f"{m.group(1)}.{m.group(2)}" if m else None


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
