"""The pass's notes and captions laid out again after what moved them:
cards moved under them (once the move is done), or a zoom that needs
captions of another size to be read. A zoom the step's camera made grows
them past the room it kept: the camera follows once more; a user's zoom or
pan is left where the user put the view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from gui.backward.replay_canvas import ReplayCanvas
from gui.canvas.scene import GraphScene


class CaptionKeeper(QObject):
    """Told of moves and zooms by the pass's controller, which says whether
    a pass is showing (``showing``) and follows its step (``follow``)."""

    def __init__(
        self,
        canvas: ReplayCanvas,
        scene: Callable[[], GraphScene],
        showing: Callable[[], bool],
        follow: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._canvas, self._scene, self._showing, self._follow = canvas, scene, showing, follow
        self._moved: set[str] = set()  # cards moved since the captions were placed
        self._move_timer = QTimer(self, singleShot=True, interval=0)
        self._move_timer.timeout.connect(self._relayout)
        self._zoom_timer = QTimer(self, singleShot=True, interval=0)
        self._zoom_timer.timeout.connect(self._recaption)

    def nodes_moved(self, moved: set[str]) -> None:
        """Cards moved under the captions and notes: place them again, once the move is done."""
        if self._showing():
            self._moved |= moved
            self._move_timer.start()

    def zoomed(self, zoom: float) -> None:
        """The view's zoom changed: captions of another size, once the zoom is done."""
        if self._canvas.set_zoom(zoom) and self._showing():
            self._zoom_timer.start()

    def _recaption(self) -> None:
        if not self._showing():
            return
        again = self._canvas.take_refollow()
        self._canvas.recaption(self._scene())
        if again:
            self._follow()

    def _relayout(self) -> None:
        moved, self._moved = self._moved, set()
        self._canvas.relayout(self._scene(), moved)
