"""Forward Mode's "which leaf?" and Backward's "from which node?" questions
answered in a test as ``QInputDialog.getItem`` was: they are asked clear of
the cards now (gui/canvas/clear_of_cards.py ``ask_item``), not by the static call."""

from __future__ import annotations

from collections.abc import Callable

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
