"""The gesture handler a scene forwards its events to. The canvas defines
only this do-nothing base; the editing layer installs a real one, so the
canvas never imports editing."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene


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

    def nodes_removing(self, ids: Collection[str]) -> None:
        """The cards of ``ids`` are about to go (a batch): ``node_removing`` of each."""
        for n in ids:
            self.node_removing(n)

    def dragging(self) -> bool:
        """True while a wire or cards are dragged (the view scrolls at its edges)."""
        return False

    def typing(self) -> bool:
        """True while text is typed into the canvas (keys belong to it)."""
        return False


class InteractiveScene(QGraphicsScene):
    """A scene that hands its mouse, key and context-menu events to an
    installed :class:`SceneInteraction` first (the graph scene's base)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._interaction = SceneInteraction()

    @property
    def interaction(self) -> SceneInteraction:
        """The installed gesture handler (a do-nothing one by default)."""
        return self._interaction

    def set_interaction(self, handler: SceneInteraction) -> None:
        self._interaction = handler

    def is_dragging(self) -> bool:
        return self._interaction.dragging()

    def is_typing(self) -> bool:
        return self._interaction.typing()

    # Each event goes to the handler first; it may run Qt's own handling (default).
    def mousePressEvent(self, event) -> None:
        base = super().mousePressEvent
        if not self._interaction.mouse_press(event, lambda: base(event)):
            base(event)

    def mouseMoveEvent(self, event) -> None:
        base = super().mouseMoveEvent
        if not self._interaction.mouse_move(event, lambda: base(event)):
            base(event)

    def mouseReleaseEvent(self, event) -> None:
        base = super().mouseReleaseEvent
        if not self._interaction.mouse_release(event, lambda: base(event)):
            base(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if not self._interaction.mouse_double_click(event):
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        if not self._interaction.context_menu(event):
            super().contextMenuEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.focusItem() is None and self._interaction.key_press(event):
            event.accept()
            return
        super().keyPressEvent(event)
