"""What the canvas view asks of the editing layer to add a node (quick add,
a palette drop), and its taking an operator dropped from the palette.

Adding the node is the editing layer's: it installs a :class:`ViewEditing`
in the view, so the view never imports it."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QGraphicsView, QWidget

from gui.canvas.scene import OP_MIME

#: The view a :class:`ViewEditing` is installed in (the canvas's ``GraphView``, which this module
#: does not import: it imports this one).
V = TypeVar("V", bound=QGraphicsView)


class ViewEditing(Generic[V]):
    """What the view asks of the editing layer; by default nothing happens."""

    def quick_add(self, view: V, view_pos: QPoint) -> QWidget | None:
        """Open the quick-add popup at ``view_pos``; the popup."""
        return None

    def drop_op(self, op: str, scene_pos: QPointF) -> bool:
        """An operation dropped from the palette: True if a node was added."""
        return False


class NodeAdding(QGraphicsView):
    """The canvas view's palette drops, and what it asks to add a node (see the module docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._quick: QWidget | None = None
        self._editing: ViewEditing[Any] = ViewEditing()

    def set_editing(self, editing: ViewEditing[Any]) -> None:
        """Install what quick add and palette drops do."""
        self._editing = editing

    # ------------------------------------------------------------ drops
    # Files (URLs) are the window's to open: their drag is ignored here, so Qt offers it to
    # the widgets around the canvas, up to the window. Handed to the scene, its enter was
    # accepted (a QGraphicsScene takes every enter) and every move refused (no item takes
    # files): a file dropped on the canvas did nothing (trial 74 #2).
    def dragEnterEvent(self, event) -> None:
        md = event.mimeData()
        if md.hasFormat(OP_MIME):
            event.acceptProposedAction()
        elif md.hasUrls():
            event.ignore()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        md = event.mimeData()
        if md.hasFormat(OP_MIME):
            event.acceptProposedAction()
        elif md.hasUrls():
            event.ignore()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        md = event.mimeData()
        if md.hasFormat(OP_MIME):
            op = bytes(md.data(OP_MIME)).decode("utf-8", "replace").strip()
            pos = self.mapToScene(event.position().toPoint())
            if self._editing.drop_op(op, pos):
                event.acceptProposedAction()
                self.setFocus()
            else:
                event.ignore()
            return
        super().dropEvent(event)
