"""Where a panel opens on a side of the window that holds panels already:
Qt splits the height of the one above it for the newcomer, and in a
1000 px window Gradient Flow left the Order list three rows. Under the
canvas, panels stacked the same way (What If…, Hessian, Forward vs
Reverse) left the canvas 190 px of a 1000 px window: there they share one
row, as tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow


def _shown_in(window: QMainWindow, area: Qt.DockWidgetArea, but: QDockWidget) -> list[QDockWidget]:
    """The panels in ``area`` one sees (in front of their tabs), ``but`` aside."""
    return [
        d
        for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if d is not but
        and not d.isFloating()
        and d.isVisible()
        and not d.visibleRegion().isEmpty()
        and window.dockWidgetArea(d) == area
    ]


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
    others = _shown_in(window, area, dock)
    if len(others) < 2:
        return
    lowest = max(others, key=lambda d: d.geometry().bottom())
    window.tabifyDockWidget(lowest, dock)
    dock.raise_()


def open_below(dock: QDockWidget, height: int) -> None:
    """Show ``dock`` and bring it to the front (in the main window holding
    it; a dock outside one is just shown); under the canvas, as a tab of
    a panel shown there already (the canvas keeps its height), at least
    ``height`` (at most a third of the window). A panel the user moved to a
    side or floated opens where they put it."""
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow):
        dock.show()
        dock.raise_()
        return
    first = dock.isHidden()
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    under = not dock.isFloating() and window.dockWidgetArea(dock) == bottom
    if first and under:
        others = _shown_in(window, bottom, dock)
        if others:
            window.tabifyDockWidget(others[0], dock)
    dock.show()
    dock.raise_()
    if first and under:  # (tabbed too: the row grows for it, as far as a third of the window)
        want = min(height, window.height() // 3)
        if dock.height() < want:
            window.resizeDocks([dock], [want], Qt.Orientation.Vertical)


def grow_by(dock: QDockWidget, more: int) -> None:
    """Make ``dock`` up to ``more`` px taller (its tab set with it). In a
    side column the height comes from the panels above and below it (the
    tallest first, each down to its least height), to at most two thirds of
    the window; under or over the canvas from the canvas, to at most a third
    of the window (as ``open_below``). A floating panel grows itself, within its screen. (Qt's
    resizeDocks of one panel of a column spreads the change over the
    column: 78 px asked gave 31.)"""
    if more <= 0 or dock.isHidden():
        return
    if dock.isFloating():  # (within its screen: a Hessian of 120 leaves asked 3,600 px)
        screen = dock.screen()
        frame = dock.frameGeometry()
        extra = frame.height() - dock.height()
        want = dock.height() + more
        if screen is not None:
            want = min(want, screen.availableGeometry().height() - extra)
        if want <= dock.height():
            return
        dock.resize(dock.width(), want)
        over = frame.top() + want + extra - 1 - screen.availableGeometry().bottom() if screen else 0
        if over > 0:  # up as far as it grew past the screen's bottom
            dock.move(frame.left(), frame.top() - over)
        return
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow):
        return
    area = window.dockWidgetArea(dock)
    vertical = Qt.Orientation.Vertical
    if area in (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea):
        want = min(dock.height() + more, window.height() // 3)
        if want > dock.height():
            window.resizeDocks([dock], [want], vertical)
        return
    more = min(more, window.height() * 2 // 3 - dock.height())
    g = dock.geometry()
    column = [
        d
        for d in _shown_in(window, area, dock)
        if d.geometry().left() < g.right() and g.left() < d.geometry().right()  # above or below it
    ]
    sizes = {d: d.height() for d in column}
    given = 0
    for d in sorted(column, key=lambda d: d.height(), reverse=True):
        take = max(0, min(more - given, d.height() - d.minimumSizeHint().height()))
        sizes[d] -= take
        given += take
    if given > 0:
        window.resizeDocks([dock, *column], [dock.height() + given, *sizes.values()], vertical)
