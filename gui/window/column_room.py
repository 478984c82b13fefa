"""A side column gives back the width a panel took: a panel opened in the
left or right column that needs more width than the column has widens it
(Qt's layout does), and Qt kept that width after the panel closed (t75 #10:
Nudge took the right column from 240 to 440 px at 1280 × 800, the canvas
lost the output card, and Nudge, Train and Quiz all closed left it so)."""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gui.window.docks import Docks

_SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


class ColumnRoom(QObject):
    """Keeps each side column's settled width (read once the layout has done
    its work, so a panel's opening has not widened it yet), gives a panel
    opening there that width to return to, and narrows the column back to it
    when the panel closes (never below what the panels left need: Qt keeps
    their least widths)."""

    def __init__(self, window: QMainWindow, docks: Docks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._w = window
        self._settled: dict[Qt.DockWidgetArea, int] = {}
        self._before: dict[QDockWidget, int] = {}  # an open panel -> its column's width before it
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._settle)
        for d in docks.all():
            d.visibilityChanged.connect(partial(self._changed, d))
            d.toggleViewAction().triggered.connect(lambda shown, d=d: self._toggled(d, shown))
            d.installEventFilter(self)
        self._settle()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()  # (read after the layout: not inside a panel's opening)
        elif event.type() == QEvent.Type.Close and isinstance(obj, QDockWidget):
            QTimer.singleShot(0, self, partial(self._closed, obj))
        return False

    def _toggled(self, dock: QDockWidget, shown: bool) -> None:
        if not shown:  # (View › Panels unticked: closed as its × closes it)
            QTimer.singleShot(0, self, partial(self._closed, dock))

    def _docks(self, area: Qt.DockWidgetArea, but: QDockWidget | None = None) -> list[QDockWidget]:
        w = self._w
        return [
            d
            for d in w.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if d is not but
            and d.isVisible()
            and not d.isFloating()
            and w.dockWidgetArea(d) == area
            and w.rect().intersects(d.geometry())  # (a tab behind another sits off the window, its width old)
        ]

    def _settle(self) -> None:
        if self._gone():
            return
        for area in _SIDES:
            if shown := self._docks(area):
                self._settled[area] = max(d.width() for d in shown)
            else:
                self._settled.pop(area, None)

    def _gone(self) -> bool:
        """The window going away: its panels hidden as it is deleted, nothing to keep."""
        return not shiboken6.isValid(self._w)

    def _changed(self, dock: QDockWidget, shown: bool) -> None:
        if self._gone():
            return
        area = self._w.dockWidgetArea(dock)
        if dock.isFloating() or area not in _SIDES:
            self._before.pop(dock, None)
            return
        if shown and dock not in self._before and area in self._settled:
            self._before[dock] = self._settled[area]

    def _closed(self, dock: QDockWidget) -> None:
        """Closed by the user (its × or View › Panels), not hidden for a while
        by the app (Presentation Mode hides and brings back panels of its own)."""
        if self._gone() or not shiboken6.isValid(dock):
            return
        area = self._w.dockWidgetArea(dock)
        if not dock.isHidden() or dock.isFloating() or area not in _SIDES or dock not in self._before:
            return
        width = self._before.pop(dock)
        beside = self._docks(area, but=dock)
        if beside and max(d.width() for d in beside) > width:
            self._w.resizeDocks(beside, [width] * len(beside), Qt.Orientation.Horizontal)
