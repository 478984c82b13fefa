"""The gesture handler a scene forwards its events to. The canvas defines
only this do-nothing base; the editing layer installs a real one, so the
canvas never imports editing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter


class SceneInteraction:
    """The gestures of a scene. The scene forwards its mouse, key and
    context-menu events here; a method returns True when it dealt with the
    event (accepting it or not as Qt expects; ``default`` runs Qt's own
    handling, e.g. selecting and moving cards) and False to leave it to Qt.
    This base does nothing, so a bare scene is a plain viewer."""

    def mouse_press(self, event, default: Callable[[], None]) -> bool:
        return False

    def mouse_move(self, event, default: Callable[[], None]) -> bool:
        return False

    def mouse_release(self, event, default: Callable[[], None]) -> bool:
        return False

    def mouse_double_click(self, event) -> bool:
        return False

    def context_menu(self, event) -> bool:
        return False

    def key_press(self, event) -> bool:
        return False

    def draw_foreground(self, painter: QPainter, rect: QRectF) -> None:
        pass

    def node_removing(self, node_id: str) -> None:
        """``node_id``'s card is about to go (a gesture on it must end)."""

    def dragging(self) -> bool:
        """True while a wire or cards are dragged (the view scrolls at its edges)."""
        return False

    def typing(self) -> bool:
        """True while text is typed into the canvas (keys belong to it)."""
        return False
