"""Forward Mode's "which leaf?" and Backward's "from which node?" questions
answered in a test as ``QInputDialog.getItem`` was: they are asked clear of
the cards now (gui/canvas/clear_of_cards.py ``ask_item``), not by the static call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

from gui.backward import animation, forward_mode


def _asked(get_item: Callable) -> Callable:
    def ask(parent, view, title, label, items, current, name=""):
        text, ok = get_item(parent, title, label, items, current, False)
        return text if ok else None

    return ask


def answer_leaf_question(monkeypatch, get_item: Callable) -> None:
    """``get_item(parent, title, label, items, current, editable)`` gives ``(text, ok)``."""
    monkeypatch.setattr(forward_mode, "ask_item", _asked(get_item))


def answer_root_question(monkeypatch, get_item: Callable) -> None:
    """Backward's "from which node?", answered as :func:`answer_leaf_question` answers its question."""
    monkeypatch.setattr(animation, "ask_item", _asked(get_item))


def ok_when_asked(w) -> dict[str, object]:
    """Answer the next question box with its OK button, as a user clicks it:
    what it showed is noted in the returned dict ("box", "window": frame
    geometries then, "title") once it has been asked."""
    seen: dict[str, object] = {}

    def answer() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        seen["box"], seen["window"] = dlg.frameGeometry(), w.frameGeometry()
        seen["title"] = dlg.windowTitle()
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(50, answer)
    return seen
