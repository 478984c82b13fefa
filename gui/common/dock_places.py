"""Where a panel opens on a side of the window that holds panels already:
Qt splits the height of the one above it for the newcomer, and in a
1000 px window Gradient Flow left the Order list three rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow


def tab_with_lowest(window: QMainWindow, dock: QDockWidget) -> None:
    """Tab ``dock`` with the lowest other panel shown on its side when the
    side has two or more (their heights kept), and bring it to the front;
    a panel the user dragged elsewhere (floating) is left where it is."""
    if dock.isFloating():
        return
    area = window.dockWidgetArea(dock)
    if window.tabifiedDockWidgets(dock):
        dock.raise_()
        return
    others = [
        d
        for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if d is not dock
        and not d.isFloating()
        and d.isVisible()
        and not d.visibleRegion().isEmpty()
        and window.dockWidgetArea(d) == area
    ]
    if len(others) < 2:
        return
    lowest = max(others, key=lambda d: d.geometry().bottom())
    window.tabifyDockWidget(lowest, dock)
    dock.raise_()
