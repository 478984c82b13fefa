"""A toolbar button whose text changes (Play / Pause) keeps one width, so the
buttons after it stay under the mouse (a trial, 71 #10: Pause, wider than
Play, moved Step, Skip to End and the speed slider 12 px to the right)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QToolButton


class SteadyWidth(QObject):
    """Keeps ``button`` as wide as its widest text of ``texts`` needs while it
    shows its text (icon only, as a narrow window's toolbar has it: its own
    width). Watches the toolbar's layout requests: the button's text or
    style changed."""

    def __init__(self, button: QToolButton, texts: Sequence[str]) -> None:
        super().__init__(button)
        self._button = button
        self._texts = tuple(texts)
        parent = button.parentWidget()
        if parent is not None:
            parent.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False

    def fit(self) -> None:
        """The least width for the widest text at the button's style now."""
        b = self._button
        least = 0
        if b.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly:
            fm = b.fontMetrics()  # (measured as QToolButton's size hint measures its text)
            show = Qt.TextFlag.TextShowMnemonic
            widest = max((fm.size(show, t).width() for t in self._texts), default=0)
            least = b.sizeHint().width() + max(0, widest - fm.size(show, b.text()).width())
        if b.minimumWidth() != least:
            b.setMinimumWidth(least)
