"""A frame round a pane's widget while it has the keys, and Esc there to leave.

A scroll area or a read-only text (Properties, the Chain Rule panel, the
Tutorial) shows no cursor when it takes the keys, so F6 stopping there
looked like nothing happened (review 68). The ring is a child drawn over the
widget, shown while it has the focus: the widget's own layout is untouched.
Esc there (or in a field inside that leaves it unused) is :attr:`FocusRing.escaped`:
the window gives the keys back to the canvas, as from the f(x) bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from gui.common import style as S

WIDTH = 2


class FocusRing(QWidget):
    """A frame in the selection colour over ``target`` while ``target`` has the keys."""

    #: Esc (no modifier) pressed in ``target``
    escaped = Signal()

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target = target
        target.installEventFilter(self)
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.setGeometry(self._target.rect())
            self.raise_()  # (over the viewport and scroll bars, children made before it)
            self.show()
        elif kind == QEvent.Type.FocusOut:
            self.hide()
        elif kind == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._target.rect())
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        ):
            self.escaped.emit()
            return True
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setPen(QPen(S.SELECT, WIDTH))
        half = WIDTH // 2
        p.drawRect(self.rect().adjusted(half, half, -half, -half))
