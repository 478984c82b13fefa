"""The data plane: the model's score over the plane (its decision boundary)
with the data points on top. Click a point to choose the example the canvas
shows; click an empty spot to add a point (Shift: label −1), drag a point to
move it, right-click one to remove it."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

POS = QColor("#2563eb")  # label 1
NEG = QColor("#ea580c")  # label -1
POS_BG = (37, 99, 235)
NEG_BG = (234, 88, 12)
PICK_PX = 8.0  # how close (pixels) a click must be to a point to pick it
MARGIN = 6


class DataPlane(QWidget):
    chosen = Signal(int)  # a point was clicked: show it on the canvas
    added = Signal(float, float, int)  # x, y, label
    moved = Signal(int, float, float)  # a drag ended: index, new x, y
    removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_plane")
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.xs: list[tuple[float, ...]] = []
        self.ys: list[int] = []
        self.selected: int | None = None
        self.bounds = (-2.0, 2.0, -2.0, 2.0)
        self.image: QImage | None = None  # the score picture, for the bounds it was made for
        self.image_bounds = self.bounds
        self._drag: int | None = None
        self._drag_at: tuple[float, float] | None = None
        self.setToolTip(
            "Click a point to show it on the canvas · click empty space to add a point of label 1 "
            "(Shift+click: label −1) · drag a point to move it · right-click a point to remove it"
        )

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def heightForWidth(self, w: int) -> int:
        return w

    def hasHeightForWidth(self) -> bool:
        return True

    # ------------------------------------------------------------ data
    def set_points(self, xs: list, ys: list, refit: bool = True) -> None:
        self.xs, self.ys = list(xs), list(ys)
        if self.selected is not None and self.selected >= len(self.xs):
            self.selected = None
        if refit:
            self.bounds = _bounds(self.xs)
        self.update()

    def set_selected(self, i: int | None) -> None:
        self.selected = i
        self.update()

    def set_scores(self, grid: list[list[float]] | None) -> None:
        """The model's scores on an n × n grid over :attr:`bounds` (rows top to bottom)."""
        if not grid:
            self.image = None
        else:
            n = len(grid)
            img = QImage(n, n, QImage.Format.Format_RGB32)
            for r, row in enumerate(grid):
                for c, s in enumerate(row):
                    img.setPixel(c, r, _shade(s))
            self.image = img
            self.image_bounds = self.bounds
        self.update()

    # ------------------------------------------------------------ geometry
    def plot_rect(self) -> QRectF:
        side = min(self.width(), self.height()) - 2 * MARGIN
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_screen(self, x: float, y: float) -> QPointF:
        r = self.plot_rect()
        x0, x1, y0, y1 = self.bounds
        return QPointF(
            r.left() + (x - x0) / (x1 - x0) * r.width(), r.bottom() - (y - y0) / (y1 - y0) * r.height()
        )

    def to_data(self, p: QPointF) -> tuple[float, float]:
        r = self.plot_rect()
        x0, x1, y0, y1 = self.bounds
        return (
            x0 + (p.x() - r.left()) / r.width() * (x1 - x0),
            y0 + (r.bottom() - p.y()) / r.height() * (y1 - y0),
        )

    def point_at(self, p: QPointF) -> int | None:
        best, best_d = None, PICK_PX
        for i, x in enumerate(self.xs):
            q = self.to_screen(x[0], x[1])
            d = math.hypot(q.x() - p.x(), q.y() - p.y())
            if d <= best_d:
                best, best_d = i, d
        return best

    # ------------------------------------------------------------ mouse
    def mousePressEvent(self, e: QMouseEvent) -> None:
        p = e.position()
        if not self.plot_rect().contains(p):
            return
        i = self.point_at(p)
        if e.button() == Qt.MouseButton.RightButton:
            if i is not None:
                self.removed.emit(i)
            return
        if e.button() != Qt.MouseButton.LeftButton:
            return
        if i is None:
            x, y = self.to_data(p)
            shift = bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.added.emit(x, y, -1 if shift else 1)
            return
        self._drag, self._drag_at = i, None
        self.selected = i
        self.chosen.emit(i)
        self.update()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if self._drag is None:
            over = self.point_at(e.position()) is not None
            self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.CrossCursor)
            return
        self._drag_at = self.to_data(e.position())
        self.update()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        i, at = self._drag, self._drag_at
        self._drag = self._drag_at = None
        if i is not None and at is not None:
            self.moved.emit(i, at[0], at[1])
        self.update()

    # ------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.plot_rect()
        p.fillRect(r, QColor("#f8fafc"))
        if self.image is not None and self.image_bounds == self.bounds:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(r, self.image)
        p.setPen(QPen(QColor("#94a3b8"), 1))
        p.drawRect(r)
        self._axes(p, r)
        for i, (x, y) in enumerate(zip(self.xs, self.ys)):
            at = self._drag_at if i == self._drag and self._drag_at else x
            q = self.to_screen(at[0], at[1])
            p.setPen(QPen(QColor("white"), 1.5))
            p.setBrush(POS if y > 0 else NEG)
            p.drawEllipse(q, 4.5, 4.5)
        if self.selected is not None and self.selected < len(self.xs):
            x = self.xs[self.selected]
            q = self.to_screen(x[0], x[1])
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor("#111827"), 2.5))
            p.drawEllipse(q, 9.0, 9.0)
        if not self.xs:
            p.setPen(QColor("#64748b"))
            p.drawText(
                r,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                "No data yet:\nGenerate, Import CSV,\nor click to add points",
            )
        p.end()

    def _axes(self, p: QPainter, r: QRectF) -> None:
        """x = 0 and y = 0 as faint lines, when they are in view."""
        x0, x1, y0, y1 = self.bounds
        p.setPen(QPen(QColor(15, 23, 42, 60), 1, Qt.PenStyle.DashLine))
        if x0 < 0 < x1:
            q = self.to_screen(0, y0)
            p.drawLine(QPointF(q.x(), r.top()), QPointF(q.x(), r.bottom()))
        if y0 < 0 < y1:
            q = self.to_screen(x0, 0)
            p.drawLine(QPointF(r.left(), q.y()), QPointF(r.right(), q.y()))


def _bounds(xs: list) -> tuple[float, float, float, float]:
    """A square view around the points with a margin (−2..2 when there are none)."""
    if not xs:
        return (-2.0, 2.0, -2.0, 2.0)
    lo_x, hi_x = min(x[0] for x in xs), max(x[0] for x in xs)
    lo_y, hi_y = min(x[1] for x in xs), max(x[1] for x in xs)
    side = max(hi_x - lo_x, hi_y - lo_y, 1.0) * 1.25
    cx, cy = (lo_x + hi_x) / 2, (lo_y + hi_y) / 2
    return (cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2)


def _shade(s: float) -> int:
    """A light blue for a positive score, a light orange for a negative one,
    stronger the surer the model is; the boundary (score 0) is near white."""
    if s != s:
        return 0xFFE5E7EB
    k = math.tanh(abs(s)) * 0.55
    r, g, b = POS_BG if s > 0 else NEG_BG
    mix = lambda c: int(255 + (c - 255) * k)
    return 0xFF000000 | (mix(r) << 16) | (mix(g) << 8) | mix(b)
