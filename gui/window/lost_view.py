"""The view brought back to the graph when an edit, undo or redo leaves
none of it in view: an undo taking away what the f(x) bar had added
where the view was left the canvas an empty grid, the graph's other six
nodes out of view and nothing saying where (trial 49)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoStack

from gui.canvas.view import GraphView


class LostView(QObject):
    """After each change of ``stack``'s index (once the scene has followed,
    at the next turn of the event loop), ``view`` shows the graph again if
    no part of it is in view: centred at this zoom if it fits, else fitted."""

    def __init__(self, view: GraphView, stack: QUndoStack) -> None:
        super().__init__(view)
        self._view = view
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.check)
        stack.indexChanged.connect(self._timer.start)
        #: Times the view was brought back (tests count them).
        self.brought_back = 0

    def check(self) -> None:
        view = self._view
        graph = view.graph_rect()
        if graph is None:
            return
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        if seen.intersects(graph):
            return
        self.brought_back += 1
        view.keep_whole(fitted=False)
