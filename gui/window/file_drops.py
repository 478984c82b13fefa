"""A file dropped on the window: a graph or a picture with its graph is
opened, Python code imported (as File › Import Code does)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from core.code.codein import CodeError, parse_code
from core.files import fileio

#: What a drop on the window opens (a .py is imported as code).
DROPPED = (fileio.SUFFIX, ".json", ".png", ".svg", ".py")


class FileDrops(QMainWindow):
    """The window's drops; it supplies ``open_path`` and ``_show_error``."""

    def open_path(
        self, path: str | os.PathLike, *, example: bool = False, untitled: str | None = None
    ) -> bool:
        raise NotImplementedError

    def _show_error(self, title: str, message: str) -> None:
        raise NotImplementedError

    @staticmethod
    def _dropped_file(event: QDropEvent) -> str | None:
        md = event.mimeData()
        if not md.hasUrls():
            return None
        for url in md.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(DROPPED):
                return url.toLocalFile()
        return None

    def open_dropped(self, path: str) -> bool:
        """A dropped file: code is imported (as File › Import Code does), anything
        else opened."""
        if path.lower().endswith(".py"):
            return self.import_code_file(path)
        return self.open_path(path)

    #: Adds code to the graph as one undo step (the window hands in its code tools').
    add_code: Callable[..., list[str] | None] | None = None

    def import_code_file(self, path: str) -> bool:
        """Add the graph a Python file builds (micrograd-style code, read, never run)."""
        try:
            text = Path(path).read_text("utf-8-sig")
            parse_code(text)
        except (OSError, UnicodeError) as e:
            reason = (e.strerror if isinstance(e, OSError) else None) or str(e)
            self._show_error("Cannot import code", f"{path}: {reason}")
            return False
        except CodeError as e:
            self._show_error("Cannot import code", f"{path}: {e}\n\nNothing was added.")
            return False
        return self.add_code is not None and self.add_code(text, name=Path(path).name) is not None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        # after the drop has finished, so a question or an error dialog is not
        # shown inside the drag-and-drop event
        QTimer.singleShot(0, lambda: self.open_dropped(path))
