"""Room for the Chain Rule page: a page taller than the panel makes the
panel taller, the panels around it giving way (Order's list, Gradient Flow's
bars, the Tutorial: each down to its least height), as far as
:data:`MAX_SHARE` of the window. A page shows from its top
(gui/backward/chain_panel.py), so this is what brings the step's own lines,
at the end of the page, into view (a 1280×720 window had them under its
bottom edge; a trial, 4–6 lines under Gradient Flow or the Tutorial).

It grows for each page that does not fit (panels opened since may have
taken its room), and panels that grow later leave it that page's height
(gui/common/dock_places.py: ``keep_height``), until the user drags the
edge of a panel by hand: then the heights they chose stay for the rest of
the pass."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gui.backward.chain_panel import ChainPanel
from gui.common.dock_places import grow_by, keep_height

#: The panel grows to at most this share of its window's height.
MAX_SHARE = 0.55
#: Resizes asked for one page at most (Qt's resizeDocks can land short).
TRIES = 3


class ChainRoom(QObject):
    """Grows ``dock`` (holding ``panel``) for the pages ``panel`` shows."""

    def __init__(self, panel: ChainPanel, dock: QDockWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.dock = dock
        self.by_hand = False  # the user dragged a panel's edge since the pass began
        self._need = 0  # the dock's height for the page shown (within MAX_SHARE)
        self._tries = 0  # resizes left for the page shown (Qt grants part of one at a time)
        self._later = QTimer(self, singleShot=True, interval=0)  # (the page laid out at its width)
        self._later.timeout.connect(self.fit)
        self._again = QTimer(self, singleShot=True, interval=0)  # (once the column is laid out)
        self._again.timeout.connect(self._grow)
        panel.page_shown.connect(self._later.start)
        panel.text_scaled.connect(self._later.start)  # (Presentation Mode: the page at its new size)
        window = dock.parentWidget()
        if window is not None:  # a press on the window itself: on the edge between panels
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched is self.dock.parentWidget():
            self.by_hand = True  # (the heights they choose are theirs: not kept for the page either)
            keep_height(self.dock, 0)
        return False

    def new_pass(self) -> None:
        """A pass began: its pages get room again (once laid out)."""
        self.by_hand = False
        self._need = 0
        keep_height(self.dock, 0)
        self._later.start()

    def fit(self) -> None:
        """Grow for the page shown when it does not fit, and keep its
        height when other panels grow (the Tutorial, Gradient Flow's bars)."""
        dock, panel = self.dock, self.panel
        if self.by_hand or not dock.isVisible() or panel.visibleRegion().isEmpty():  # (closed, behind a tab)
            return
        need = dock.height() - panel.view.shown_height() + panel.page_height()  # (its page whole)
        window = dock.parentWidget()
        if isinstance(window, QMainWindow) and not dock.isFloating():
            need = min(need, int(window.height() * MAX_SHARE))
        self._need = need
        keep_height(dock, need)
        self._tries = TRIES
        self._grow()

    def _grow(self) -> None:
        dock = self.dock
        if self.by_hand or not dock.isVisible() or self._tries <= 0:
            return
        more = self._need - dock.height()
        if more > 0:
            self._tries -= 1
            grow_by(dock, more)
            self._again.start()  # (what is still missing, if any, once laid out)
