"""How a gradient is coloured: hue by sign, strength by size.

One scale per backward pass (the largest finite |grad| in it), so the eye
finds the big gradients of *this* graph. Blue is negative, red is positive,
grey is zero; non-finite gradients get the canvas's warning colour. The
canvas (NodeItem, Gradient Flow's wires) and the legend all ask this module,
so they always agree.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

NEGATIVE = QColor("#1d4ed8")
POSITIVE = QColor("#c2410c")
ZERO = QColor("#6b7280")
NONFINITE = QColor("#dc2626")

_scale = 1.0


def set_scale(max_abs: float | None) -> None:
    """Use ``max_abs`` as the size that gets the strongest colour."""
    global _scale
    _scale = max_abs if max_abs and math.isfinite(max_abs) and max_abs > 0 else 1.0


def scale() -> float:
    return _scale


def scale_for(grads) -> float:
    """The largest finite |g| of ``grads`` (1.0 when there is none)."""
    grads = list(grads)
    try:  # no None among them (a backward pass's): one loop in C
        m = max(map(abs, filter(math.isfinite, grads)), default=0.0)
    except TypeError:  # (isfinite(None))
        m = max((abs(g) for g in grads if g is not None and math.isfinite(g)), default=0.0)
    return m if m > 0 else 1.0


def strength(v: float) -> float:
    """0 (zero) .. 1 (the largest gradient of the pass); sqrt so small ones still show."""
    return min(1.0, math.sqrt(abs(v) / _scale))


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def text_color(v: float | None) -> QColor:
    """The colour of a gradient's number."""
    if v is None or v == 0.0:
        return QColor(ZERO)
    if not math.isfinite(v):
        return QColor(NONFINITE)
    return _mix(ZERO, POSITIVE if v > 0 else NEGATIVE, 0.45 + 0.55 * strength(v))


def fill_color(v: float | None) -> QColor:
    """A translucent fill behind the number: stronger for larger |grad|."""
    if v is None:
        return QColor(0, 0, 0, 0)
    if not math.isfinite(v):
        c = QColor(NONFINITE)
        c.setAlpha(60)
        return c
    c = QColor(POSITIVE if v > 0 else NEGATIVE)
    c.setAlpha(round(18 + 90 * strength(v)) if v != 0.0 else 0)
    return c


#: Opacity of a Gradient Flow wire: the legend's full hue, a little see-through
#: where wires cross (paler, the thin ones of a wide range read as grey).
WIRE_ALPHA = 225


def wire_color(v: float) -> QColor:
    """The colour of a wire carrying ``v`` back in Gradient Flow: the sign's
    full hue of the legend (blue negative, red positive), the same for every
    size (the width tells the size); grey for zero, the warning red for inf/nan."""
    if not math.isfinite(v):
        return QColor(NONFINITE)
    c = QColor(ZERO if v == 0.0 else POSITIVE if v > 0 else NEGATIVE)
    c.setAlpha(WIRE_ALPHA)
    return c
