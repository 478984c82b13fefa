"""Why the canvas changes size: the window was resized (or is being laid
out at start-up), or a panel beside the canvas opened, closed or had its
edge dragged while the window kept its size.

The canvas answers the two a little differently (GraphView.resizeEvent).
Either way a fitted view fits again and a graph wholly in view stays whole
(centred if it still fits at its zoom, else zoomed out); a view the user
zoomed into part of keeps its middle where it is. A panel zooms a view the
user zoomed out no further than the cards still write their names, a fit no
further than they write a name or a number (``readable_floor``); past that
the middle of the graph stays in the middle, and the fit so held is made
again as the panel closes. Trials pulled each way: a teacher saw the graph
turn into compact cards when she opened the Code panel right after opening
a file (the app's fit refitted into the narrower canvas), so panels kept
the zoom; then a learner saw the lecture's cards cut at both edges of the
canvas when he clicked Code (52_code_view: the zoom kept at 121 %), and
another, at scale 2, the f(x) graph's held at 40 % where 37 % showed it all
(trial 67 #7). Cut cards hide the graph the code is about; compact ones
still show it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtWidgets import QWidget

from gui.common import style as S

#: Just above a zoom, so a view set to it is at it, not a rounding under (a transform's scale).
_AT = 1 + 1e-9


def readable_floor(zoom: float, labels: float = S.LOD_TEXT, fitted: bool = False) -> float:
    """The zoom a panel's resize keeps the view at or above, from ``zoom``: cards still write
    their names (``LOD_TEXT``); below that, down to ``labels``, the zoom under which the cards
    are blank blocks (the scene's far zoom: a small graph's cards write a name or a number
    down to ``FAR_ZOOM_FEW``), that zoom: a trial's 21 cards, labelled at 32 %, went blank at
    18 % as the Code panel opened (trial 51 #9); none when they were blank already (a big
    graph's fit, far out). ``fitted``: a fit (the app's, or the user's Fit All), which shows
    all of the graph: held at ``labels`` only. Whole cards may turn compact on the way: cut ones hid the graph
    (trial 47: Code cut the neuron's leaves and output at 79 %; compact, all of it shows)."""
    if zoom >= S.LOD_TEXT and not fitted:
        return S.LOD_TEXT
    return labels * _AT if zoom >= labels else 0.0


class ResizeCause(QObject):
    """Tells, in a canvas's resize, whether a panel caused it."""

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._window_size: QSize | None = None  # the window's, once its last resize settled
        #: The view (GraphView.view_state) a panel left as a fit made it, the zoom held at the
        #: floor, the graph maybe cut: still the fit, which the next resize makes again (not a pan or zoom).
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
