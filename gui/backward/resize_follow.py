"""The pass's step placed again once the window's resizing rests (trial 73
#1: the MLP presented at step 14, the window grown from 1024×700 to
1280×800; the view kept its middle, and the cards the ringed step sends its
gradients to, "layer 3 weights" and "layer 2 [4]", stayed cut at the
canvas's left edge, as placed for the smaller canvas). The camera places the
step as it does at a fresh step: its card, the cards that feed it and those
it heard from, in view below the banner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

#: How long (ms) the window's size must stay as it is before the step is placed again
#: (not at each step of a drag of its edge; the panels and the banner laid out by then).
REST_MS = 200


class AfterResize(QObject):
    """Calls ``again`` once ``window``'s size has rested for :data:`REST_MS`
    after it changed while ``when()`` said so (a pass placed by the camera on
    screen: a resize before the pass is not followed by a move after it). The
    panels' own resizes, the canvas's, are not the window's: a panel opened
    leaves the view to GraphView.resizeEvent."""

    def __init__(
        self,
        window: QObject,
        again: Callable[[], None],
        when: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window, self._when = window, when
        self._rest = QTimer(self, singleShot=True, interval=REST_MS)
        self._rest.timeout.connect(again)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            if self._when():  # (a pass on screen: the window shown)
                self._rest.start()  # (again at each step of the drag: once, after its last)
        return False
