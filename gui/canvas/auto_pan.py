"""The canvas scrolls by itself while a wire or cards are dragged near its
edge (GraphView's mouse moves start it; a timer goes on while the mouse
rests there). Gently, as in other node editors: only once the pointer has
rested at the edge a moment (DWELL), slowly at first (a trial let a wire go
10 px from the edge, to Quick-Add a tanh there, after about a second: the
view had run 550 px on and the new card landed far from its source)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from gui.canvas.scene import GraphScene

EDGE = 24  # px from the viewport's edge where a drag starts scrolling
EDGE_SPEED = 14.0  # px per tick at the very edge, at full speed
DWELL = 450  # ms the pointer rests at the edge before the view moves
RAMP = 1200  # ms from then to full speed


class AutoPan:
    """Scrolls ``view`` towards the edge a drag is near."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self._auto: tuple[float, float, QPointF, Qt.KeyboardModifier] | None = None  # (dx, dy, pos, mods)
        self._timer = QTimer(view)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._step)
        self._since = QElapsedTimer()  # since the pointer came to the edge

    def _dragging(self) -> bool:
        sc = self.view.scene()
        return isinstance(sc, GraphScene) and sc.is_dragging()

    def check(self, event) -> None:
        """A wire or cards dragged near the edge scroll the view that way."""
        if not self._dragging():
            self.stop()
            return
        p = event.position()
        r = self.view.viewport().rect()

        def speed(v: float, hi: float) -> float:
            if v < EDGE:
                return -EDGE_SPEED * (EDGE - v) / EDGE
            if v > hi - EDGE:
                return EDGE_SPEED * (v - (hi - EDGE)) / EDGE
            return 0.0

        dx, dy = speed(p.x(), r.width()), speed(p.y(), r.height())
        if dx or dy:
            self._auto = (dx, dy, QPointF(p), event.modifiers())
            if not self._timer.isActive():
                self._since.start()
                self._timer.start()
        else:
            self.stop()

    def stop(self) -> None:
        self._auto = None
        self._timer.stop()

    def _step(self) -> None:
        if self._auto is None or not self._dragging():
            self.stop()
            return
        dx, dy, pos, mods = self._auto
        t = self._since.elapsed() - DWELL
        if t < 0:  # (let go there soon, and the view has not moved)
            return
        ramp = min(1.0, 0.1 + t / RAMP)
        dx, dy = dx * ramp, dy * ramp
        view = self.view
        z = view.transform().m11()
        old = view.transformationAnchor()
        view.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        view.translate(-dx / z, -dy / z)
        view.setTransformationAnchor(old)
        # the drag goes on under the unmoved mouse: tell the scene where it now is
        w = view.viewport()
        ev = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            pos,
            QPointF(w.mapToGlobal(pos.toPoint())),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            mods,
        )
        QApplication.sendEvent(w, ev)
