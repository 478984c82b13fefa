"""The Gradient Flow panel: what a wire's width means (a legend of sample
strokes), and a bar per group for how large its gradients are, on the same
kind of log scale, so a gradient that vanishes (or explodes) layer by layer
reads as a staircase of bars."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from core.explain.format import fmt
from core.graph.gradient_flow import LogScale, wire_width
from gui.common import style as S

BAR = S.MAGNITUDE  # as the strips on the canvas (gui/canvas/folding/group_strip.py)
TRACK = QColor(31, 36, 48, 30)
TEXT = QColor("#374151")
MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft


#: px a nested group's name is indented per level (three levels at most).
INDENT = 10


@dataclass(frozen=True)
class GroupRow:
    """One group's line: its name, mean |gradient| and where that sits on the scale."""

    gid: str
    label: str
    magnitude: float
    fraction: float
    depth: int = 0  # a group inside another is indented under it


class WidthLegend(QWidget):
    """Three sample wires, largest to smallest, with the |gradient| each stands for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradient_flow_legend")
        self.scale: LogScale | None = None
        self.setMinimumHeight(84)
        self.setToolTip(
            "Each wire is drawn as wide as the gradient it carries back (|local derivative × upstream|),\n"
            "on a log scale: ten times less gradient is a step thinner. The widest wire carries the\n"
            "largest gradient of this pass; wires carrying nothing are hairlines."
        )

    def set_scale(self, scale: LogScale | None) -> None:
        self.scale = scale
        self.update()

    def samples(self) -> list[tuple[float, float]]:
        """(|gradient|, width in pixels) of the sample strokes shown."""
        sc = self.scale
        if sc is None:
            return []
        return [(sc.value_at(f), wire_width(sc, sc.value_at(f))) for f in (1.0, 0.5, 0.0)]

    def sizeHint(self) -> QSize:
        return QSize(240, 84)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        p.setPen(TEXT)
        p.drawText(
            QRectF(6, 0, self.width() - 12, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            "wire width: |gradient| (log)",
        )
        rows = self.samples()
        if not rows:
            p.setPen(S.TEXT_DIM)
            p.drawText(
                QRectF(6, fm.height() + 6, self.width() - 12, fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                "run Backward (Ctrl+B) to see it",
            )
            p.end()
            return
        y = fm.height() + 6
        for value, width in rows:
            mid = y + fm.height() / 2
            pen = QPen(S.WIRE_GRADIENT, width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(QPointF(14, mid), QPointF(90, mid))
            p.setPen(TEXT)
            p.drawText(
                QRectF(104, y, self.width() - 110, fm.height()), Qt.AlignmentFlag.AlignVCenter, fmt(value, 2)
            )
            y += fm.height() + 4
        p.end()


class GroupBars(QWidget):
    """A row per group: its name, a bar (log scale) and its mean |gradient|."""

    ROW_H = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradient_flow_groups")
        self.rows: list[GroupRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[GroupRow]) -> None:
        self.rows = rows
        self.setFixedHeight(max(1, len(rows)) * self.ROW_H + 4)
        self.setToolTip(
            "Each group's mean |gradient| over its nodes, on a log scale: bars that shrink from\n"
            "the output back to the inputs are a vanishing gradient."
            if rows
            else ""
        )
        self.update()

    def text_of(self, row: GroupRow) -> str:
        """The number a row shows."""
        return fmt(row.magnitude, 3)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        w = self.width()
        name_w = min(110.0, w * 0.38)
        num_w = 64.0
        for i, row in enumerate(self.rows):
            top = 2 + i * self.ROW_H
            indent = min(row.depth, 3) * INDENT
            r = QRectF(6 + indent, top, name_w - 8 - indent, self.ROW_H)
            p.setPen(TEXT)
            p.drawText(
                r,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                fm.elidedText(row.label, Qt.TextElideMode.ElideRight, int(r.width())),
            )
            bar = QRectF(name_w, top + 6, max(10.0, w - name_w - num_w - 10), self.ROW_H - 12)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(TRACK)
            p.drawRoundedRect(bar, 4, 4)
            if row.fraction > 0:
                p.setBrush(BAR)
                p.drawRoundedRect(
                    QRectF(
                        bar.left(), bar.top(), max(bar.height(), bar.width() * row.fraction), bar.height()
                    ),
                    4,
                    4,
                )
            p.setPen(TEXT)
            p.drawText(
                QRectF(bar.right() + 6, top, num_w, self.ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self.text_of(row),
            )
        p.end()


class GradientFlowPanel(QWidget):
    """The dock's contents: a line saying what is shown, the legend, the bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradient_flow_panel")
        self.status = QLabel()
        self.status.setObjectName("gradient_flow_status")
        self.status.setWordWrap(True)
        self.legend = WidthLegend()
        self.bars = GroupBars()
        self.groups_title = QLabel("<b>Gradient by group</b> (mean |grad|, log scale)")
        self.bar_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.bars)
        inner.addStretch(1)
        scroll.setWidget(holder)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.status)
        lay.addWidget(self.legend)
        lay.addWidget(self.groups_title)
        lay.addWidget(scroll, 1)

    def show_flow(self, status: str, scale: LogScale | None, rows: list[GroupRow], has_groups: bool) -> None:
        self.status.setText(status)
        self.legend.set_scale(scale)
        self.bars.set_rows(rows)
        self.groups_title.setVisible(has_groups and bool(rows))  # (no heading over no bars: a trial)
