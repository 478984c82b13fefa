"""Toolbars that fit a narrow window: labels go before buttons do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from gui.common.steady_width import SteadyWidth


def main_toolbar(window: QMainWindow, sections: list[list[QAction]], recent: QMenu) -> QToolBar:
    """The main toolbar: ``sections`` of actions between separators, added to
    the top of ``window``; the first section's second button (Open) has an
    arrow that lists the ``recent`` files."""
    tb = QToolBar("Main toolbar", window)
    tb.setObjectName("toolbar_main")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for i, actions in enumerate(sections):
        if i:
            tb.addSeparator()
        tb.addActions(actions)
    open_button = tb.widgetForAction(sections[0][1])
    if isinstance(open_button, QToolButton):
        open_button.setMenu(recent)
        open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
    return tb


class ToolbarFitter(QObject):
    """Narrow window (a small or scaled screen): rather than hide actions
    behind "»", the toolbars drop labels, the main one first (below 1300 px
    always), then the others' except each one's first (e.g. Backward), and
    only then wrap to a second row. Tooltips still name every button. Fitted
    when the window is resized, and again when a toolbar of the row asks for
    another width (the step counter grown for a pass of 10,000 steps, or
    Presentation Mode's larger text: its "step 9 / 61" went behind "»")."""

    WIDE = 1300

    def __init__(self, window: QMainWindow, main: QToolBar) -> None:
        super().__init__(window)
        self._window = window
        self._main = main
        self._break: QToolBar | None = None  # our own second row, if any
        self._row: list[QToolBar] = []  # the toolbars last fitted into one row (or wrapped)
        self._fitted = 0  # their width as last fitted (a toolbar's new width: fitted again)
        self._again = QTimer(self, singleShot=True, interval=0)
        self._again.timeout.connect(self._if_other_width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QToolBar):
            self._again.start()  # (once its layout is done: the width it asks for then)
        return False

    def _if_other_width(self) -> None:
        if sum(tb.sizeHint().width() for tb in self._row) != self._fitted:
            self.fit()

    def _first_row(self) -> list[QToolBar]:
        w = self._window
        row: list[QToolBar] = []
        for tb in w.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if w.toolBarArea(tb) != Qt.ToolBarArea.TopToolBarArea or tb.isHidden():
                continue
            if row and w.toolBarBreak(tb):
                break
            row.append(tb)
        return row

    def fit(self) -> None:
        w = self._window
        if self._break is not None:  # our own second row: try one row again
            w.removeToolBarBreak(self._break)
            self._break = None
        row = self._first_row()
        others = [tb for tb in row if tb is not self._main]
        room = w.width() - 16

        def need() -> int:
            for tb in row:
                for steady in tb.findChildren(SteadyWidth):  # (its style changed now: Play's width follows)
                    steady.fit()
                layout = tb.layout()
                if layout is not None:
                    layout.invalidate()
            return sum(tb.sizeHint().width() for tb in row)

        def label_others(on: bool) -> None:
            for tb in others:
                for i, act in enumerate(a for a in tb.actions() if not a.isSeparator()):
                    b = tb.widgetForAction(act)
                    if not isinstance(b, QToolButton) or i == 0:
                        continue
                    if on and not b.property("_icon_only_by_window"):
                        continue  # its own style (e.g. icon-only Restart) stays
                    if not on and b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                        continue
                    b.setProperty("_icon_only_by_window", not on)
                    b.setToolButtonStyle(
                        Qt.ToolButtonStyle.ToolButtonTextBesideIcon
                        if on
                        else Qt.ToolButtonStyle.ToolButtonIconOnly
                    )

        wide = w.width() >= self.WIDE
        self._main.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon if wide else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        label_others(True)
        if need() > room and wide:
            self._main.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        if need() > room:
            label_others(False)
        if need() > room and len(row) > 1:  # still too wide: a second row
            self._break = row[1]
            w.insertToolBarBreak(row[1])
        for tb in w.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            tb.removeEventFilter(self)  # (once each)
            tb.installEventFilter(self)
        self._row, self._fitted = row, need()
