"""Forward Mode's "which leaf?" question answered in a test as
``QInputDialog.getItem`` was: it is asked clear of the cards now
(gui/canvas/clear_of_cards.py ``ask_item``), not by the static call."""

from __future__ import annotations

from collections.abc import Callable

from gui.backward import forward_mode


def answer_leaf_question(monkeypatch, get_item: Callable) -> None:
    """``get_item(parent, title, label, items, current, editable)`` gives ``(text, ok)``."""

    def ask(parent, view, title, label, items, current, name=""):
        text, ok = get_item(parent, title, label, items, current, False)
        return text if ok else None

    monkeypatch.setattr(forward_mode, "ask_item", ask)
