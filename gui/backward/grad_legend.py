"""The gradient colour legend: what blue, red and the strength of a colour
mean (forward mode's cards show tangents in the same colours: then it says
tangent)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QWidget

from core.explain.format import fmt
from gui.common import grad_colors


class GradLegend(QWidget):
    """A bar from −max to +max painted with :mod:`gui.common.grad_colors`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("grad_legend")
        self.kind = ""
        self.set_kind("gradient")
        self._fit_font()

    def set_kind(self, kind: str) -> None:
        """What the numbers coloured are: "gradient" (Backward's) or
        "tangent" (forward mode's, d(node)/d(leaf))."""
        if kind == self.kind:
            return
        self.kind = kind
        if kind == "tangent":
            what, pass_ = "tangents d(node)/d(leaf)", "tangent of this forward pass"
        else:
            what, pass_ = "gradients", "gradient of this backward pass"
        self._tip = (
            f"The {what} are coloured by sign (blue negative, red positive) and by size:\n"
            f"the stronger the colour, the larger the number compared with the largest\n"
            f"{pass_}. nan/inf values are shown in red with a warning."
        )
        self.setToolTip(f"{self.title()}\n{self._tip}" if self.short() else self._tip)
        self.update()

    def title(self) -> str:
        return f"{self.kind} colour: sign and size"

    def full_height(self) -> int:
        """px of its title, its bar and the numbers under the bar."""
        return max(56, 2 * self.fontMetrics().height() + 24)

    def short(self) -> bool:
        """Given less than its :meth:`full_height` (a column short of room,
        Presentation Mode at 1366×768): the bar and its numbers only, the
        title in the tooltip."""
        return self.height() < self.full_height()

    def sizeHint(self) -> QSize:
        return QSize(240, self.full_height())

    def _fit_font(self) -> None:
        # room for the bar and the numbers under it at least (its title too when it can)
        self.setMinimumHeight(self.fontMetrics().height() + 22)
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_font()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setToolTip(f"{self.title()}\n{self._tip}" if self.short() else self._tip)

    def refresh(self) -> None:
        self.update()

    def labels(self) -> tuple[str, str, str]:
        m = grad_colors.scale()
        return fmt(-m), "0", fmt(m)

    def ends(self) -> tuple[str, str]:
        """The texts under the bar's ends: "−6 (negative)" and "(positive) 6", the
        bare numbers where those would run into the 0 between them (a narrow panel,
        or Presentation Mode's larger text)."""
        lo, mid, hi = self.labels()
        fm = self.fontMetrics()
        left, right = lo + " (negative)", "(positive) " + hi
        room = (self.width() - 16 - fm.horizontalAdvance(mid)) / 2 - fm.horizontalAdvance("  ")
        if max(fm.horizontalAdvance(left), fm.horizontalAdvance(right)) > room:
            return lo, hi
        return left, right

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()
        fm = p.fontMetrics()
        top = 2.0
        if not self.short():
            p.setPen(QColor("#4b5563"))
            p.drawText(QRectF(6, 0, w - 12, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title())
            top = fm.height() + 4
        bar = QRectF(8, top, w - 16, 14)
        m = grad_colors.scale()
        grad = QLinearGradient(bar.left(), 0, bar.right(), 0)
        n = 24
        for i in range(n + 1):
            t = i / n
            v = (2 * t - 1) * m
            c = grad_colors.fill_color(v)
            # show the translucent fill as it looks on a white card
            a = c.alphaF()
            grad.setColorAt(
                t,
                QColor(
                    round(255 + (c.red() - 255) * a),
                    round(255 + (c.green() - 255) * a),
                    round(255 + (c.blue() - 255) * a),
                ),
            )
        p.setPen(QPen(QColor("#c5cad3"), 1))
        p.setBrush(grad)
        p.drawRoundedRect(bar, 4, 4)
        _lo, mid, _hi = self.labels()
        lo, hi = self.ends()
        y = bar.bottom() + 2
        row = QRectF(bar.left(), y, bar.width(), fm.height())
        p.setPen(grad_colors.text_color(-m))
        p.drawText(row, Qt.AlignmentFlag.AlignLeft, lo)
        p.setPen(grad_colors.text_color(0.0))
        p.drawText(row, Qt.AlignmentFlag.AlignHCenter, mid)
        p.setPen(grad_colors.text_color(m))
        p.drawText(row, Qt.AlignmentFlag.AlignRight, hi)
        p.end()
