"""Loss and accuracy per training step, one chart, painted by hand (QtCharts
is not part of PySide6-Essentials): loss on the left axis from 0, accuracy
on the right from 0 to 100%."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

LOSS = QColor("#7c3aed")
ACC = QColor("#16a34a")
TEXT = QColor("#4b5563")
GRID = QColor("#e5e7eb")


class Curves(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_curves")
        self.loss: list[float] = []
        self.accuracy: list[float] = []
        self.setMinimumSize(200, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip("Loss (purple, left axis) and accuracy (green, right axis) after each step")

    def sizeHint(self) -> QSize:
        return QSize(320, 130)

    def set_history(self, loss: list[float], accuracy: list[float]) -> None:
        self.loss, self.accuracy = loss, accuracy
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        r = QRectF(8 + fm.horizontalAdvance("0.00"), 8, 0, 0)
        r.setRight(self.width() - 10 - fm.horizontalAdvance("100%"))
        r.setBottom(self.height() - 8 - fm.height())
        p.fillRect(r, QColor("white"))
        p.setPen(QPen(GRID, 1))
        for k in range(5):
            y = r.top() + r.height() * k / 4
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        p.setPen(QPen(QColor("#94a3b8"), 1))
        p.drawRect(r)
        finite = [v for v in self.loss if math.isfinite(v)]
        top = max(finite, default=1.0) or 1.0
        n = max(len(self.loss), 2)
        p.setPen(LOSS)
        p.drawText(
            QRectF(0, r.top() - 2, r.left() - 4, fm.height()), Qt.AlignmentFlag.AlignRight, f"{top:.2g}"
        )
        p.drawText(
            QRectF(0, r.bottom() - fm.height() + 2, r.left() - 4, fm.height()),
            Qt.AlignmentFlag.AlignRight,
            "0",
        )
        p.setPen(ACC)
        p.drawText(QRectF(r.right() + 4, r.top() - 2, 60, fm.height()), Qt.AlignmentFlag.AlignLeft, "100%")
        p.drawText(
            QRectF(r.right() + 4, r.bottom() - fm.height() + 2, 60, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            "0%",
        )
        row = QRectF(r.left(), r.bottom() + 2, r.width(), fm.height())
        p.setPen(LOSS)
        p.drawText(row, Qt.AlignmentFlag.AlignLeft, "— loss")
        p.setPen(ACC)
        p.drawText(
            row.translated(fm.horizontalAdvance("— loss  "), 0), Qt.AlignmentFlag.AlignLeft, "— accuracy"
        )
        p.setPen(TEXT)
        p.drawText(row, Qt.AlignmentFlag.AlignRight, f"step {len(self.loss)}")
        for values, color, scale in ((self.accuracy, ACC, 1.0), (self.loss, LOSS, top)):
            path = QPainterPath()
            started = False
            for i, v in enumerate(values):
                if not math.isfinite(v):
                    started = False
                    continue
                q = QPointF(r.left() + r.width() * i / (n - 1), r.bottom() - r.height() * min(v / scale, 1.0))
                if started:
                    path.lineTo(q)
                else:
                    path.moveTo(q)
                    started = True
            p.setPen(QPen(color, 1.8))
            p.drawPath(path)
        p.end()
