"""Room for the Properties form: a node's form taller than its panel makes
the panel taller, from the panel next to it (a trial, 71 #12: at 1600×1000
beside the Tutorial, a Multiply's form lost its Gradient row under a scroll
bar while the Tutorial under it showed blank room). Once the user drags an
edge between panels, the heights they chose stay."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QScrollArea

from gui.common.dock_places import grow_from_next

#: Resizes asked for one form at most (Qt's resizeDocks can land short).
TRIES = 3


class PropertiesRoom(QObject):
    """Grows ``dock`` when the form in ``scroll`` is taller than it."""

    def __init__(self, scroll: QScrollArea, dock: QDockWidget) -> None:
        super().__init__(dock)
        self.scroll = scroll
        self.dock = dock
        self.by_hand = False  # the user dragged a panel's edge: their heights stay
        self._tries = 0
        self._later = QTimer(self, singleShot=True, interval=0)  # (once the form is laid out)
        self._later.timeout.connect(self._grow)
        scroll.verticalScrollBar().rangeChanged.connect(self._cut)
        window = dock.parentWidget()
        if window is not None:  # a press on the window itself: on the edge between panels
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched is self.dock.parentWidget():
            self.by_hand = True
        return False

    def _cut(self, _low: int, high: int) -> None:
        if high > 0 and not self.by_hand:
            self._tries = TRIES
            self._later.start()

    def _grow(self) -> None:
        dock = self.dock
        hidden = self.scroll.verticalScrollBar().maximum()
        if self.by_hand or hidden <= 0 or self._tries <= 0 or not dock.isVisible():
            return
        if dock.visibleRegion().isEmpty():  # (behind another panel's tab)
            return
        self._tries -= 1
        grow_from_next(dock, hidden)  # (from the panel next to it: the ones further off keep their place)
        self._later.start()  # (what is still hidden, if any, once laid out)
