"""Toolbar icons, drawn as vector line art so they are sharp at any size and
screen scale and need no image files. Each icon is a function that draws in a
24x24 box with the painter's pen; :func:`icon` wraps it in a QIcon."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from core.files import data

EXAMPLES = data.examples_dir()
DEFAULT_EXAMPLE = data.default_example()

Drawer = Callable[[QPainter], None]
_ACCENT = QColor("#2f6fbd")


def _page(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(6, 3)
    path.lineTo(14, 3)
    path.lineTo(19, 8)
    path.lineTo(19, 21)
    path.lineTo(6, 21)
    path.closeSubpath()
    p.drawPath(path)
    p.drawPolyline([QPointF(14, 3), QPointF(14, 8), QPointF(19, 8)])


def _new(p: QPainter) -> None:
    _page(p)
    pen = QPen(p.pen())
    pen.setColor(_ACCENT)
    p.setPen(pen)
    p.drawLine(QPointF(12.5, 11), QPointF(12.5, 18))
    p.drawLine(QPointF(9, 14.5), QPointF(16, 14.5))


def _open(p: QPainter) -> None:
    back = QPainterPath()
    back.moveTo(3, 19)
    back.lineTo(3, 5)
    back.lineTo(9, 5)
    back.lineTo(11, 7)
    back.lineTo(18, 7)
    back.lineTo(18, 10)
    p.drawPath(back)
    front = QPainterPath()
    front.moveTo(3, 19)
    front.lineTo(6.5, 10)
    front.lineTo(21.5, 10)
    front.lineTo(18, 19)
    front.closeSubpath()
    p.drawPath(front)


def _save(p: QPainter) -> None:
    body = QPainterPath()
    body.moveTo(4, 4)
    body.lineTo(17, 4)
    body.lineTo(20, 7)
    body.lineTo(20, 20)
    body.lineTo(4, 20)
    body.closeSubpath()
    p.drawPath(body)
    p.drawRect(QRectF(8, 4, 7, 5))
    p.drawRect(QRectF(7, 13, 10, 7))


def _arrow(p: QPainter, mirrored: bool) -> None:
    if mirrored:
        p.translate(24, 0)
        p.scale(-1, 1)
    path = QPainterPath()
    path.moveTo(5, 10)
    path.lineTo(15, 10)
    path.cubicTo(22, 10, 22, 19, 15, 19)
    path.lineTo(10, 19)
    p.drawPath(path)
    p.drawPolyline([QPointF(9, 6), QPointF(5, 10), QPointF(9, 14)])


def _undo(p: QPainter) -> None:
    _arrow(p, False)


def _redo(p: QPainter) -> None:
    _arrow(p, True)


def _fit(p: QPainter) -> None:
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        p.save()
        p.translate(12, 12)
        p.scale(sx, sy)
        p.drawPolyline([QPointF(-8, -3.5), QPointF(-8, -8), QPointF(-3.5, -8)])
        p.restore()
    pen = QPen(p.pen())
    pen.setColor(_ACCENT)
    p.setPen(pen)
    p.drawRoundedRect(QRectF(8, 9, 8, 6), 1.5, 1.5)


def _layout(p: QPainter) -> None:
    boxes = [QRectF(3, 4, 6, 5), QRectF(3, 15, 6, 5), QRectF(15, 9.5, 6, 5)]
    p.drawLine(QPointF(9, 6.5), QPointF(15, 12))
    p.drawLine(QPointF(9, 17.5), QPointF(15, 12))
    pen = QPen(p.pen())
    for i, r in enumerate(boxes):
        pen.setColor(_ACCENT if i == 2 else p.pen().color())
        p.save()
        p.setPen(pen)
        p.setBrush(p.background())
        p.drawRoundedRect(r, 1.2, 1.2)
        p.restore()


def _magnifier(p: QPainter, plus: bool) -> None:
    p.drawEllipse(QPointF(10, 10), 6, 6)
    p.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))
    p.drawLine(QPointF(7, 10), QPointF(13, 10))
    if plus:
        p.drawLine(QPointF(10, 7), QPointF(10, 13))


def _zoom_in(p: QPainter) -> None:
    _magnifier(p, True)


def _zoom_out(p: QPainter) -> None:
    _magnifier(p, False)


def _output(p: QPainter) -> None:
    p.drawEllipse(QPointF(9, 12), 5, 5)
    pen = QPen(p.pen())
    pen.setColor(_ACCENT)
    p.setPen(pen)
    p.drawLine(QPointF(14, 12), QPointF(21, 12))
    p.drawPolyline([QPointF(18, 9), QPointF(21, 12), QPointF(18, 15)])


def _delete(p: QPainter) -> None:
    p.drawLine(QPointF(4, 6), QPointF(20, 6))
    p.drawLine(QPointF(10, 6), QPointF(10, 3.5))
    p.drawLine(QPointF(10, 3.5), QPointF(14, 3.5))
    p.drawLine(QPointF(14, 3.5), QPointF(14, 6))
    body = QPainterPath()
    body.moveTo(6, 6)
    body.lineTo(7.5, 20.5)
    body.lineTo(16.5, 20.5)
    body.lineTo(18, 6)
    p.drawPath(body)
    p.drawLine(QPointF(10.5, 10), QPointF(10.5, 17))
    p.drawLine(QPointF(13.5, 10), QPointF(13.5, 17))


def _code(p: QPainter) -> None:
    p.drawPolyline([QPointF(8, 6.5), QPointF(3, 12), QPointF(8, 17.5)])
    p.drawPolyline([QPointF(16, 6.5), QPointF(21, 12), QPointF(16, 17.5)])
    pen = QPen(p.pen())
    pen.setColor(_ACCENT)
    p.setPen(pen)
    p.drawLine(QPointF(13.5, 5), QPointF(10.5, 19))


DRAWERS: dict[str, Drawer] = {
    "new": _new,
    "open": _open,
    "save": _save,
    "undo": _undo,
    "redo": _redo,
    "fit": _fit,
    "layout": _layout,
    "zoom_in": _zoom_in,
    "zoom_out": _zoom_out,
    "output": _output,
    "delete": _delete,
    "code": _code,
}


class _LineIconEngine(QIconEngine):
    """Paints one drawer at whatever size and device pixel ratio is asked."""

    def __init__(self, draw: Drawer) -> None:
        super().__init__()
        self._draw = draw

    def clone(self) -> QIconEngine:
        return _LineIconEngine(self._draw)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        pal = QGuiApplication.palette()
        color = pal.color(
            QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active,
            QPalette.ColorRole.WindowText,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(rect.width(), rect.height())
        painter.translate(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2)
        painter.scale(side / 24.0, side / 24.0)
        pen = QPen(color, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.45)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setBackground(pal.color(QPalette.ColorRole.Window))
        self._draw(painter)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pm = QPixmap(size * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        self.paint(p, QRect(0, 0, size.width(), size.height()), mode, state)
        p.end()
        return pm


def icon(name: str) -> QIcon:
    """The line icon called ``name`` (see DRAWERS)."""
    return QIcon(_LineIconEngine(DRAWERS[name]))
