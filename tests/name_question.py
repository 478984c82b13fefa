"""Answering the question Import Code and the f(x) bar ask about names the
canvas shows already (gui/code/name_clash.py), as a user clicks its buttons."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton


def answer_names(w, answer: str | None, seen: dict | None = None) -> QTimer:
    """Answer the name question once it shows: the button whose object name
    ends with ``answer`` (None: Cancel); what it said goes in ``seen``."""
    seen = {} if seen is None else seen

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not (isinstance(box, QMessageBox) and box.isVisible()):
            timer.start()
            return
        seen["text"] = box.text() + " " + box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["parent"] = box.parentWidget()
        if answer is None:
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            next(b for b in box.findChildren(QPushButton) if b.objectName().endswith(answer)).click()

    timer = QTimer(w, singleShot=True, interval=50)
    timer.timeout.connect(poll)
    timer.start()
    return timer
