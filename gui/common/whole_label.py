"""A wrapped label whose least height is that of its lines at its width.

A layout's minimum counts a wrapped QLabel as one line, while the layout
itself gives it the height of all its lines: in a short dock the panel fell
below what its layout needed, and the layout squeezed the other widgets
over each other (the Train panel's data warning under its "Mark x as Data"
button at 1366×768; the Order panel's status does the same).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel


class WholeLabel(QLabel):
    """A word-wrapped QLabel whose minimum size hint is its whole text."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        s = super().minimumSizeHint()
        return QSize(s.width(), max(s.height(), self.heightForWidth(max(1, self.width()))))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # (another width: other lines)
