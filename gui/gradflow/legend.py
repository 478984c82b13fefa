"""Gradient Flow's legend: sample wires of the pass's scale, each with the
|gradient| it stands for, and what the colours mean (the panel's top;
gui/gradflow/panel.py holds the rest)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.explain.format import short
from core.graph.gradient_flow import LogScale, WidthScale, wire_width
from gui.common import grad_colors
from gui.common import style as S

TEXT = QColor("#374151")
MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
#: px of the legend's row of sample strokes (the widest is MAX_WIDTH).
STROKE_ROW = 14


class WidthLegend(QWidget):
    """Sample wires, largest to smallest, side by side, each with the
    |gradient| it stands for after it, on the scale of the pass (linear or log, as
    its title says), and a line for the colours: the sign, as the gradient
    legend's (one row of samples: the bars below keep the room). Short of
    room it draws :attr:`rows` rows of three: without the colours' line
    (the tooltip says it), then the samples alone (the title in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradient_flow_legend")
        self.scale: WidthScale | None = None
        self.rows = 3  # the title, the samples, the colours (2: no colours' line; 1: the samples)
        self._tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_scale(None)

    @property
    def kind(self) -> str:
        """ "linear" or "log": the scale the widths are on."""
        return "log" if isinstance(self.scale, LogScale) else "linear"

    def title(self) -> str:
        return "wire width: |gradient|" + ("" if self.scale is None else f" ({self.kind})")

    def set_rows(self, rows: int) -> None:
        """Draw the first ``rows`` of the title, the samples and the colours'
        line (the samples always: 1 is the samples alone)."""
        rows = min(3, max(1, rows))
        if rows != self.rows:
            self.rows = rows
            self._show_tip()
            self.updateGeometry()
            self.update()

    def _show_tip(self) -> None:
        self.setToolTip(self._tip if self.rows > 1 else f"{self.title()}\n{self._tip}")

    def set_scale(self, scale: WidthScale | None) -> None:
        self.scale = scale
        how = (
            "on a log scale: ten times less gradient is a step thinner (the gradients of this\n"
            "pass span decades)."
            if isinstance(scale, LogScale)
            else "in proportion: a wire carrying three times more is three times wider than a\n"
            "hairline (the gradients of this pass are of one size)."
        )
        self._tip = (
            "Each wire is drawn as wide as the gradient it carries back (|local derivative × upstream|),\n"
            f"{how} The widest wire carries the largest gradient of this pass; wires carrying\n"
            "nothing are hairlines. Its colour is the gradient's sign, as on the cards: blue negative,\n"
            "red positive. During Backward the step's wires glow yellow under their sign colour."
        )
        self._show_tip()
        self.update()

    def samples(self) -> list[tuple[float, float]]:
        """(|gradient|, width in pixels) of the sample strokes shown."""
        sc = self.scale
        if sc is None:
            return []
        return [(v, wire_width(sc, v)) for v in sc.samples()]

    def height_of(self, rows: int) -> int:
        """px of the legend drawn with ``rows`` rows (see :meth:`set_rows`)."""
        fm = self.fontMetrics()
        return (rows - 1) * (fm.height() + 2) + max(STROKE_ROW, fm.height()) + 2

    def sizeHint(self) -> QSize:
        return QSize(240, self.height_of(self.rows))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        p.setPen(TEXT)
        top = 0
        if self.rows > 1:
            p.drawText(QRectF(6, 0, self.width() - 12, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title())
            top = fm.height() + 2
        rows = self.samples()
        if not rows:
            p.setPen(S.TEXT_DIM)
            p.drawText(
                QRectF(6, top, self.width() - 12, max(STROKE_ROW, fm.height())),
                MIDDLE,
                "run Backward (Ctrl+B) to see it",
            )
            p.end()
            return
        col = (self.width() - 12) / 3
        row = max(STROKE_ROW, fm.height())
        mid = top + row / 2
        for i, (value, width) in enumerate(rows):  # each stroke with its |gradient| after it
            left = 6 + i * col
            text = short(value, 2)  # (powers of ten under 0.001, as the rows: "3.7e−4")
            room = fm.horizontalAdvance(text) + 6
            end = max(left + 4 + 12, left + col - 8 - room)
            p.setPen(_stroke(S.WIRE_GRADIENT, width))
            p.drawLine(QPointF(left + 4 + width / 2, mid), QPointF(end - width / 2, mid))
            p.setPen(TEXT)
            p.drawText(QRectF(end + 4, top, left + col - end - 4, row), MIDDLE, text)
        if self.rows < 3:  # (short of room: the tooltip says what the colours are)
            p.end()
            return
        # the colours: the sign, as the gradient legend's and the cards'
        y = top + row + 2
        mid = y + fm.height() / 2
        p.drawText(QRectF(6, y, self.width() - 12, fm.height()), Qt.AlignmentFlag.AlignLeft, "colour:")
        x = 12.0 + fm.horizontalAdvance("colour:")
        for text, sign in (("negative", -1.0), ("positive", 1.0)):
            p.setPen(_stroke(grad_colors.wire_color(sign), 4))
            p.drawLine(QPointF(x + 2, mid), QPointF(x + 20, mid))
            p.setPen(TEXT)
            p.drawText(
                QRectF(x + 26, y, self.width() - x - 26, fm.height()), Qt.AlignmentFlag.AlignLeft, text
            )
            x += 26 + fm.horizontalAdvance(text) + 12
        p.end()


def _stroke(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen
