"""A caption over the top of the canvas that says what the current step does,
so a learner reads the "why" where they are looking, not in a side panel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel


class Narration(QLabel):
    """Floats over a view's viewport, top centre; hidden when empty."""

    MARGIN = 10

    def __init__(self, view: QAbstractScrollArea):
        # a child of the view, not of its viewport: scrolling the canvas
        # scrolls the viewport's children along with the picture
        super().__init__(view)
        self.setObjectName("backward_narration")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "QLabel#backward_narration { background: rgba(255, 247, 237, 235);"
            " color: #7c2d12; border: 1px solid #fdba74; border-radius: 7px;"
            " padding: 6px 12px; font-size: 13px; }"
        )
        self._view = view
        view.viewport().installEventFilter(self)
        self.hide()

    def say(self, text: str | None) -> None:
        if not text:
            self.hide()
            return
        self.setText(text)
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        vp = self._view.viewport().geometry()
        w = min(vp.width() - 2 * self.MARGIN, 820)
        self.setFixedWidth(max(120, w))
        self.setFixedHeight(self.heightForWidth(self.width()))
        self.move(vp.left() + (vp.width() - self.width()) // 2, vp.top() + self.MARGIN)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
