"""The window's panels, made alike: named for tests and saved layouts,
movable between the sides and the bottom, listed in View › Panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

SIDES = (
    Qt.DockWidgetArea.LeftDockWidgetArea
    | Qt.DockWidgetArea.RightDockWidgetArea
    | Qt.DockWidgetArea.BottomDockWidgetArea
)


class Docks:
    """Every panel of one window (its own and its features')."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window

    def add(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
    ) -> QDockWidget:
        """A panel stacked below the docks already in ``area``, or tabbed with
        dock ``tab_with`` when that one is in ``area``."""
        w = self._window
        dock = QDockWidget(title, w)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(SIDES)
        dock.toggleViewAction().setObjectName(f"action_toggle_{name}")
        dock.toggleViewAction().setText(f"&{title}")
        w.addDockWidget(area, dock, Qt.Orientation.Vertical)
        if tab_with is not None and w.dockWidgetArea(tab_with) == area:
            w.tabifyDockWidget(tab_with, dock)
        return dock

    def all(self) -> list[QDockWidget]:
        """Every dock of the window (also one added without :meth:`add`), in
        the order they were made."""
        return self._window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def fill_menu(self, menu: QMenu) -> None:
        """View › Panels: a toggle per dock (built when the menu opens, so it
        lists the docks features added later too)."""
        menu.clear()
        for dock in self.all():
            act = dock.toggleViewAction()
            if not act.objectName():
                act.setObjectName(f"action_toggle_{dock.objectName()}")
            menu.addAction(act)
