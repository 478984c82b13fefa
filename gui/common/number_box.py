"""A number field for settings (learning rate, noise, L2): one look everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox


class NumberBox(QDoubleSpinBox):
    """Shows 0.0001 and 1, not 0.000100 and 1.000000 (six decimals still accepted)."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"


def number_box(name: str, value: float, lo: float, hi: float, step: float, tip: str) -> NumberBox:
    """A named :class:`NumberBox` with its range, step, value and tooltip."""
    s = NumberBox()
    s.setObjectName(name)
    s.setDecimals(6)
    s.setRange(lo, hi)
    s.setSingleStep(step)
    s.setValue(value)
    s.setToolTip(tip)
    return s
