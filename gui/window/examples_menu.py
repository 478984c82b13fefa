"""File › Examples: an entry per example file shipped with the app (each
opens a copy of it; Save asks where to keep it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from gui.common.actions import make_action
from gui.window.documents import example_files


def fill(window: QWidget, menu: QMenu, open_example: Callable[[Path], object]) -> dict[str, QAction]:
    """Fill ``menu`` with the examples; their actions by file stem (tests and
    the tutorial trigger them by name)."""
    actions: dict[str, QAction] = {}
    for path, title in example_files():
        act = make_action(
            window,
            f"example_{path.stem}",
            title.replace("&", "&&"),
            lambda p=path: open_example(p),
            tip=f"Open the example {path.name}",
        )
        window.removeAction(act)  # (in the menu only: its shortcut-less entry is not the window's)
        menu.addAction(act)
        actions[path.stem] = act
    return actions
