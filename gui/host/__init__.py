"""What a feature (backward, learning, code tools, panels) may ask of the
window that hosts it: the document, the canvas, docks, menus, toolbars and
the status bar. Features are typed against :class:`Host`, never against the
window class, so they cannot reach into it (or into each other) by name; the
window builds each feature, hands it itself as the host, and wires the
features that need each other with explicit callables.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QWidget

from core.graph.model import GraphModel
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.document.document import Document


class Panels(Protocol):
    """The window's panels (``gui.window.docks.Docks``)."""

    def all(self) -> list[QDockWidget]:
        """Every panel, in the order they were made."""
        ...


class Host(Protocol):
    """The main window as its features see it (``gui.window.MainWindow``)."""

    @property
    def docks(self) -> Panels: ...

    @property
    def document(self) -> Document: ...

    @property
    def model(self) -> GraphModel:
        """The document's model (replaced on New/Open: read it each time)."""
        ...

    @property
    def undo_stack(self) -> QUndoStack: ...

    @property
    def scene(self) -> GraphScene:
        """The canvas scene showing the document's model now."""
        ...

    @property
    def view(self) -> GraphView: ...

    def dialog_parent(self) -> QWidget:
        """The widget a feature's dialogs and message boxes belong to (their
        parent: the window, which hands each to Presentation Mode's larger text)."""
        ...

    def show_status(self, message: str, msecs: int = 6000, joined: str | None = None) -> None:
        """Say something in the status bar for a while; ``joined``: it follows
        from the edit said in this turn, and is added to that in these words."""

    def show_aside(self, message: str, msecs: int = 6000) -> None:
        """Say a passing note in the status bar, unless the change happening now (the
        user's action) said something: its message wins, said before the note or after."""

    def status_text(self) -> str:
        """What the status bar says now."""
        ...

    def show_node(self, node_id: str) -> None:
        """Select a node and scroll it into view."""

    def open_model(self, model: GraphModel, name: str, made: bool = False) -> bool:
        """Show ``model`` as a new, unsaved graph called ``name`` (after the
        "save your changes?" question); False if the user cancelled. ``made``:
        built from the user's work (the gradient graph), so closing it asks to
        save it; an example or template, had again from its menu, does not."""
        ...

    def suggested_path(self, suffix: str) -> str:
        """Where a file written from this document would go by default."""
        ...

    def menu(self, key: str) -> QMenu:
        """A top-level menu ("file", "export", "graph", "backward", "learn", ...)."""
        ...

    def add_dock(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
        result: bool = False,
    ) -> QDockWidget: ...

    def add_toolbar(self, toolbar: QToolBar, new_row: bool = False) -> None:
        """Add ``toolbar`` to the top area (on a row of its own when ``new_row``)."""

    # The QMainWindow services the features use for their docks and dialogs.
    def resizeDocks(
        self, docks: list[QDockWidget], sizes: list[int], orientation: Qt.Orientation
    ) -> None: ...

    def dockWidgetArea(self, dock: QDockWidget) -> Qt.DockWidgetArea: ...

    def tabifiedDockWidgets(self, dock: QDockWidget) -> list[QDockWidget]: ...

    def tabifyDockWidget(self, first: QDockWidget, second: QDockWidget) -> None: ...
