"""What to do on an empty canvas, shown in its middle."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QLabel


class CanvasHint(QLabel):
    """What to do on an empty canvas, in its middle; clicks go through it."""

    TEXT = (
        "<div style='font-size:15px; font-weight:600'>An empty graph</div>"
        "<div style='margin-top:6px'>Drag a node from the <b>Palette</b> onto the canvas,<br>"
        "double-click the canvas, or press <b>Tab</b> and type its name.</div>"
        "<div style='margin-top:6px'>Or open one of the <b>File › Examples</b>.</div>"
    )

    def __init__(self, view: QAbstractScrollArea) -> None:
        # A child of the view, not of its viewport: the viewport scrolls its
        # children's pixels along with the scene.
        super().__init__(view)
        self._viewport = view.viewport()
        self.setObjectName("canvas_hint")
        self.setText(self.TEXT)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "QLabel { color: #4b5563; background: #ffffff;"
            " border: 1px solid #d1d5db; border-radius: 10px; padding: 16px 22px; }"
        )
        self._viewport.installEventFilter(self)
        self.placed = 0  # times laid out (tests count them)
        self._place()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # hidden (a graph on the canvas) it waits for its show: laying its rich
        # text out twice for each move of the viewport (Backward's banner
        # taking its strip) cost ~1 ms of a press at any size
        if event.type() in (event.Type.Resize, event.Type.Show, event.Type.Move) and not self.isHidden():
            self._place()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        self._place()
        super().showEvent(event)

    def _place(self) -> None:
        self.placed += 1
        vp = self._viewport.geometry()
        self.setWordWrap(False)
        natural = self.sizeHint().width()
        w = max(60, min(natural, vp.width() - 16))
        self.setWordWrap(w < natural)
        h = self.heightForWidth(w) if w < natural else self.sizeHint().height()
        self.resize(w, h)
        self.move(vp.center().x() - w // 2, max(vp.top(), vp.center().y() - h // 2))
        self.raise_()
