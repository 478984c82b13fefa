"""Why the canvas changes size: the window was resized (or is being laid
out at start-up), or a panel beside the canvas opened, closed or had its
edge dragged while the window kept its size.

The canvas answers the two differently (GraphView.resizeEvent). A resized
window refits a fitted view, as before. A panel keeps the zoom the user
sees: good desktop editors (draw.io, yEd, Figma, Inkscape) never zoom the
drawing when a side panel opens, and a trial's teacher saw the graph turn
into compact cards when she opened the Code panel right after opening a
file (the app's own fit on opening was refitted into the narrower canvas).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtWidgets import QWidget


class ResizeCause(QObject):
    """Tells, in a canvas's resize, whether a panel caused it."""

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._window_size: QSize | None = None  # the window's, once its last resize settled
        #: The view (GraphView._view_state) a panel left as a fit made it, the zoom kept, the
        #: graph maybe cut: still the fit, which a resized window makes again (not a pan or zoom).
        self.kept_fit: object = None
        # a window's resize lays the canvas out more than once (the side
        # columns give way after it: first_start.give_canvas_priority, a
        # layout request posted by that resize): all of it is the window's
        self._settling = QTimer(self, singleShot=True, interval=0)
        self._settling.timeout.connect(self._settled)

    def by_panel(self) -> bool:
        """True if the canvas changes size while its window keeps its own
        (a panel shown, hidden, or dragged wider or narrower)."""
        if not self._settling.isActive() and self._canvas.window().size() == self._window_size:
            return True
        self._settling.start()
        return False

    def _settled(self) -> None:
        self._window_size = self._canvas.window().size()
