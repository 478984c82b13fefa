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
        self._results: list[QDockWidget] = []

    def add(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
        result: bool = False,
    ) -> QDockWidget:
        """A panel stacked below the docks already in ``area``, or tabbed with
        dock ``tab_with`` when that one is in ``area``. ``result``: it shows
        what a command worked out for one graph (a Hessian, a comparison), so
        it is not opened again at the next start (empty, it took the canvas's room)."""
        w = self._window
        dock = QDockWidget(title.replace("&", ""), w)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(SIDES)
        dock.toggleViewAction().setObjectName(f"action_toggle_{name}")
        dock.toggleViewAction().setText(title if "&" in title else f"&{title}")
        w.addDockWidget(area, dock, Qt.Orientation.Vertical)
        if tab_with is not None and w.dockWidgetArea(tab_with) == area:
            w.tabifyDockWidget(tab_with, dock)
        if result:
            self._results.append(dock)
        return dock

    def close_results(self) -> None:
        """Hide the result panels a restored layout showed (see :meth:`add`)."""
        for dock in self._results:
            dock.hide()

    def all(self) -> list[QDockWidget]:
        """Every dock of the window (also one added without :meth:`add`), in
        the order they were made."""
        return self._window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def fill_menu(self, menu: QMenu) -> None:
        """View › Panels: a toggle per dock (built when the menu opens, so it
        lists the docks features added later too), each with its check box
        showing whether the panel is open: not the icon one has for a toolbar
        (trial 72 #11: the Code entry's icon hid its tick)."""
        for old in menu.actions():  # (not clear(): PySide's let go of the toggles' wrappers, the Code
            menu.removeAction(old)  # panel's show_action among them, and a later use of one raised)
        for dock in self.all():
            act = dock.toggleViewAction()
            if not act.objectName():
                act.setObjectName(f"action_toggle_{dock.objectName()}")
            act.setIconVisibleInMenu(False)
            menu.addAction(act)
