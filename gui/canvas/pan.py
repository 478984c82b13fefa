"""The canvas's pan gestures: a middle drag, Space+left drag, and (View ›
Pan with Left Drag) a left drag on empty canvas move the view; a selection
box that took nothing says how to pan (a trial, 71 #11: with no scroll bars
and the left button drawing boxes, a learner found no way to move the view).
GraphView hands its mouse and key events here first (gui/canvas/view.py)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGraphicsProxyWidget, QGraphicsView

from gui.canvas.scene import GraphScene

_PAN_BUTTONS = (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton)  # (the left one with Space held)
#: Said when a selection box on empty canvas took nothing: the way to move the view.
PAN_HINT = (
    "To move the view, drag the canvas with the middle button, or hold Space and drag "
    "(View › Pan with Left Drag: the left button alone)"
)


class PanGestures:
    """The pan gestures of ``view``; each handler returns True when it took the event."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self._from: QPointF | None = None
        self._moved = False  # the left button's pan moved the view (else it was a click)
        self.space = False  # Space is held: the left button pans
        #: View › Pan with Left Drag: a left drag on empty canvas moves the view (Shift+drag: a box).
        self.with_left = False
        self._plain = (
            False  # the last left press had no Shift, Ctrl or Alt: a box it draws may be a pan meant
        )

    def _scene(self) -> GraphScene:
        sc = self.view.scene()
        assert isinstance(sc, GraphScene), sc
        return sc

    def by(self, dx: float, dy: float) -> None:
        """Move the picture by (``dx``, ``dy``) screen pixels."""
        v = self.view
        z = v.transform().m11()
        old = v.transformationAnchor()
        v.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        v.translate(dx / z, dy / z)
        v.setTransformationAnchor(old)

    @property
    def active(self) -> bool:
        """A pan drag is going on."""
        return self._from is not None

    def _panning(self, event) -> bool:
        if event.button() == Qt.MouseButton.MiddleButton:
            return True
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        boxing = event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        return self.space or (self.with_left and not boxing and self._empty_at(event.position()))

    def _empty_at(self, view_pos: QPointF) -> bool:
        """No card, port, wire, group frame, linked copy or inline editor under ``view_pos``
        (review 71 #4: a click on a copy panned, and the copy was never selected)."""
        sc, p = self._scene(), self.view.mapToScene(view_pos.toPoint())
        return (
            sc.node_at(p) is None
            and sc.port_at(p) is None
            and sc.wire_at(p) is None
            and sc.folding.at(p) is None
            and sc.linked.copy_at(p) is None
            and not isinstance(self.view.itemAt(view_pos.toPoint()), QGraphicsProxyWidget)
        )

    def press(self, event) -> bool:
        if not self._panning(event):
            held = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
            held |= Qt.KeyboardModifier.AltModifier
            self._plain = event.button() == Qt.MouseButton.LeftButton and not event.modifiers() & held
            return False
        self._from = event.position()
        self._moved = False
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()
        return True

    def move(self, event) -> bool:
        if self._from is None:
            return False
        d = event.position() - self._from
        self._from = event.position()
        self._moved = self._moved or not d.isNull()
        self.by(d.x(), d.y())
        event.accept()
        return True

    def release(self, event) -> bool:
        if self._from is None or event.button() not in _PAN_BUTTONS:
            return False
        self._from = None
        self.view.viewport().setCursor(
            Qt.CursorShape.OpenHandCursor if self.space else Qt.CursorShape.ArrowCursor
        )
        if event.button() == Qt.MouseButton.LeftButton and not self.space and not self._moved:
            self._scene().clearSelection()  # (a click on empty canvas, as without the pan)
        event.accept()
        return True

    def box_took_nothing(self) -> str | None:
        """A selection box just ended with nothing selected: the hint to say (None: none).
        Only after a plain left drag: a Shift+ or Ctrl+drag box was asked for (review 71 #7),
        and with Pan with Left Drag on, a plain drag on empty canvas pans already."""
        return PAN_HINT if self._plain and not self.with_left else None

    def key_press(self, event) -> bool:
        sc = self._scene()
        if (
            event.key() != Qt.Key.Key_Space
            or event.isAutoRepeat()
            or sc.is_typing()
            or sc.focusItem() is not None
        ):
            return False
        self.space = True
        self.view.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        return True

    def key_release(self, event) -> bool:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self.space:
            self.space_up()
            return True
        return False

    def space_up(self) -> None:
        """Space let go (or the focus gone): the left button draws boxes again."""
        self.space = False
        self.view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.view.viewport().setCursor(Qt.CursorShape.ArrowCursor)
