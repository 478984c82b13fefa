"""A small line chart of the root's value per training step, painted by hand
(QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.explain.format import fmt

LINE = QColor("#3b5bdb")
AXIS = QColor("#9aa1ad")
GRID = QColor("#e5e7eb")
TEXT = QColor("#4b5563")
#: Past this ratio of spread to the smallest size, a linear axis shows a flat
#: line and a cliff; the plot switches to a symmetric log axis.
LOG_SPREAD = 1e3


def symlog(v: float) -> float:
    """sign(v)·log10(1 + |v|): like log for big sizes, linear near 0, any sign."""
    return math.copysign(math.log10(1.0 + abs(v)), v)


def symexp(y: float) -> float:
    return math.copysign(10.0 ** abs(y) - 1.0, y)


class LossPlot(QWidget):
    """``values[i]`` is the root after ``i`` steps; the y axis fits the data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learn_train_plot")
        self.values: list[float] = []
        self._lo: float | None = None
        self._hi: float | None = None
        self._small: float | None = None  # the smallest |value| seen
        self.setMinimumWidth(220)  # (its least height from its font: minimumSizeHint)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("The root's value after each training step")

    def sizeHint(self) -> QSize:
        return QSize(320, 200)

    def minimumSizeHint(self) -> QSize:
        """Its three value lines and the step line, or the two lines said
        before Start: the plot is what gives way in a column short of room
        (trial 51: at 1366×768, at 140 px, the Train panel made the window
        taller than the screen)."""
        line = QFontMetricsF(self.font()).height()
        return QSize(220, math.ceil(3 * line + 22))

    def set_values(self, values: list[float]) -> None:
        self.values = []
        self._lo = self._hi = self._small = None
        for v in values:
            self.append(v)

    def append(self, value: float) -> None:
        """Add the value after one more step (the range is kept as it grows)."""
        self.values.append(value)
        if math.isfinite(value):
            self._small = abs(value) if self._small is None else min(self._small, abs(value))
            if self._lo is None or self._hi is None:
                self._lo = self._hi = value
            elif value < self._lo:
                self._lo = value
            elif value > self._hi:
                self._hi = value
        self.update()

    def clear(self) -> None:
        self.set_values([])
        self.update()  # (no value appended to repaint it)

    def y_range(self) -> tuple[float, float] | None:
        lo, hi = self._lo, self._hi
        if lo is None or hi is None:
            return None
        if lo == hi:
            pad = abs(lo) * 0.1 or 1.0
            lo, hi = lo - pad, hi + pad
        return lo, hi

    @property
    def log_scale(self) -> bool:
        """True when the values span orders of magnitude (a run blowing up)."""
        lo, hi, small = self._lo, self._hi, self._small
        if lo is None or hi is None or small is None:  # set together, by the first finite value
            return False
        return hi - lo > LOG_SPREAD * max(1.0, small)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), self.palette().base())
        fm = QFontMetricsF(self.font())
        rng = self.y_range()
        if rng is None:
            p.setPen(TEXT)
            p.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter,
                "Press Start: each step, backward,\n"
                "then p.data −= rate × p.grad;\n"
                "the root's value appears here",
            )
            return
        lo, hi = rng
        log = self.log_scale
        tr = symlog if log else (lambda v: v)
        lo, hi = tr(lo), tr(hi)
        mid = symexp((lo + hi) / 2) if log else (lo + hi) / 2
        labels = [fmt(symexp(hi) if log else hi), fmt(mid), fmt(symexp(lo) if log else lo)]
        left = max(fm.horizontalAdvance(t) for t in labels) + 10
        area = QRectF(left, 8, self.width() - left - 10, self.height() - 8 - fm.height() - 10)
        if area.width() < 10 or area.height() < 10:
            return
        # grid and labels
        for i, t in enumerate(labels):
            y = area.top() + area.height() * i / 2
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(TEXT)
            p.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                t,
            )
        n = len(self.values)
        last = max(n - 1, 1)
        p.setPen(QPen(AXIS, 1))
        p.drawLine(area.bottomLeft(), area.bottomRight())
        p.setPen(TEXT)
        p.drawText(
            QRectF(area.left(), area.bottom() + 4, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, "0"
        )
        p.drawText(
            QRectF(area.left(), area.bottom() + 4, area.width(), fm.height()),
            Qt.AlignmentFlag.AlignRight,
            f"step {n - 1}",
        )

        if log:
            p.drawText(
                QRectF(area.left(), area.top(), area.width() - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                "log scale",
            )

        def at(i: int, v: float) -> QPointF:
            return QPointF(
                area.left() + area.width() * i / last,
                area.bottom() - area.height() * (tr(v) - lo) / (hi - lo),
            )

        path = QPainterPath()
        started = False
        stride = max(1, n // max(1, int(area.width()) * 2))  # about two points per pixel
        picks = range(0, n, stride) if stride == 1 or (n - 1) % stride == 0 else [*range(0, n, stride), n - 1]
        for i in picks:
            v = self.values[i]
            if not math.isfinite(v):
                started = False
                continue
            if started:
                path.lineTo(at(i, v))
            else:
                path.moveTo(at(i, v))
                started = True
        p.setPen(QPen(LINE, 2))
        p.drawPath(path)
        if math.isfinite(self.values[-1]):
            p.setBrush(LINE)
            p.drawEllipse(at(n - 1, self.values[-1]), 3, 3)
