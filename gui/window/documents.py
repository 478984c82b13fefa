"""The life of a document in the main window: New, Open, Save, Save As,
examples, recent files, picture export, files dropped on the window, and the
"save your changes?" question before anything replaces unsaved work.

Every question to the user is a method of its own (``_ask_open_path``,
``_ask_save_path``, ``_ask_export_path``, ``_ask_save_changes``) and every
refusal goes through ``_show_error``, so tests answer them without dialogs.
A file is read completely before anything is replaced, so a file that cannot
be opened leaves the open document exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from core.code.codein import CodeError, parse_code
from core.files import embed, fileio
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.canvas.image_export import export_scene
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.common import resources, settings
from gui.document.document import Document
from gui.window.autosave import AutoSaver, Orphan, orphans

log = logging.getLogger(__name__)

APP_NAME = "micrograd-studio"
OPEN_FILTER = (
    "Graphs and pictures with a graph (*.mgraph *.png *.svg);;micrograd-studio graphs (*.mgraph);;"
    "Pictures exported with their graph (*.png *.svg);;JSON files (*.json);;All files (*)"
)
SAVE_FILTER = "micrograd-studio graphs (*.mgraph);;JSON files (*.json);;All files (*)"
#: What a drop on the window opens (a .py is imported as code).
DROPPED = (fileio.SUFFIX, ".json", ".png", ".svg", ".py")
Button = QMessageBox.StandardButton


def _is_picture(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return embed.picture_kind(f.read(65536)) is not None
    except OSError:
        return False


def example_files() -> list[tuple[Path, str]]:
    """(path, title) of the built-in examples, the blog post's first."""
    found = []
    for p in sorted(resources.EXAMPLES.glob("*.mgraph")):
        try:
            title = json.loads(p.read_text("utf-8")).get("graph", {}).get("title") or p.stem
        except (OSError, ValueError, AttributeError):
            title = p.stem
        found.append((p, str(title)))
    found.sort(key=lambda pt: (pt[0] != resources.DEFAULT_EXAMPLE, pt[0].name))
    return found


class DocumentWindow(QMainWindow):
    """A main window's file commands. The window that derives from it builds
    the parts declared here (and says things through ``show_status``)."""

    document: Document
    scene: GraphScene
    view: GraphView
    autosaver: AutoSaver
    recent_menu: QMenu
    action_clear_recent: QAction
    #: A list for a start-up check (``--quit-after``): refusals are kept
    #: here instead of shown in a dialog that nobody will close.
    collected_errors: list[str] | None = None

    # The document's parts, by the names the window and its tests use.
    @property
    def undo_stack(self) -> QUndoStack:
        return self.document.undo_stack

    @property
    def model(self) -> GraphModel:
        return self.document.model

    @property
    def path(self) -> str | None:
        return self.document.path

    @property
    def doc_name(self) -> str:
        return self.document.name

    def show_status(self, message: str, msecs: int = 6000) -> None:
        raise NotImplementedError

    # ================================================================ documents
    def set_document(self, model: GraphModel, path: str | None, name: str | None = None) -> None:
        """Show ``model`` (the scene follows the document); the undo stack starts empty."""
        self.document.replace(model, path, name)

    def _show_new_model(self) -> None:
        """The document has a new model: the window's part (recovery copy,
        fit) once the scene has rebuilt; the title follows the document."""
        self.autosaver.clear()
        if len(self.model):
            self._fit_later()
        self.view.setFocus()

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest unsaved work that was copied aside.
        True if it was reopened (as a modified document)."""
        for orphan in orphans():
            answer = self._ask_recover(orphan)
            if answer == Button.Discard:
                orphan.discard()
                continue
            if answer != Button.Yes:
                return False  # not now: offered again next time
            try:
                model = orphan.load()
            except GraphError as e:
                self._show_error("Cannot recover", str(e))
                orphan.discard()
                continue
            self.set_document(model, orphan.path, orphan.name)
            self.document.mark_modified()  # differs from any file until saved
            orphan.discard()
            self.autosaver.save_now()
            self.show_status(f"Recovered {orphan.name}: save it to keep it", 15000)
            return True
        return False

    def _ask_recover(self, orphan: Orphan) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Recover unsaved work",
            "micrograd-studio did not close normally last time.\n\n"
            f"Reopen the unsaved work in {orphan.describe()}?",
            Button.Yes | Button.Discard | Button.Cancel,
            self,
        )
        box.button(Button.Yes).setText("Recover")
        box.button(Button.Cancel).setText("Not Now")
        box.setDefaultButton(Button.Yes)
        box.setObjectName("recover_box")
        return Button(box.exec())

    def _fit_later(self) -> None:
        """Fit once the layout settled (not at all if the view is gone by then)."""
        QTimer.singleShot(0, self.view, self.view.fit_all)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc_name}[*] — {APP_NAME}")
        self.setWindowFilePath(self.path or "")

    def is_modified(self) -> bool:
        return self.document.modified

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means stop (the user cancelled or
        the save failed)."""
        if not self.is_modified():
            return True
        answer = self._ask_save_changes()
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def open_model(self, model: GraphModel, name: str) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(model, None, name)
        self.show_status(f"Opened {name}; your graph is as you left it (Save asks where to keep this one)")
        return True

    def new_document(self) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(GraphModel(), None, "Untitled")
        self.show_status("New empty graph: drag from the Palette or press Tab on the canvas to add a node")
        return True

    def open_file(self) -> bool:
        """File > Open: choose a file, then open it."""
        path = self._ask_open_path()
        if not path:
            return False
        return self.open_path(path)

    def open_path(
        self, path: str | os.PathLike, *, example: bool = False, untitled: str | None = None
    ) -> bool:
        """Open ``path`` (after asking about unsaved changes). A file that
        cannot be read is reported and the open document stays as it was.
        ``untitled``: open it as a new unsaved document of that name (a graph
        handed over from Python), which asks to be saved before it closes."""
        path = os.fspath(path)
        try:
            model = fileio.load(path)
        except GraphError as e:
            self._show_error("Cannot open file", str(e))
            return False
        except Exception as e:
            log.exception("unexpected error opening %s", path)
            self._show_error("Cannot open file", f"{path}: {type(e).__name__}: {e}")
            return False
        if not self.maybe_save():
            return False
        # a shipped example opened by its path (Open, a drop, the command
        # line) is still an example: Save never writes over the shipped copy
        if untitled is None and _is_picture(path):
            # a picture carrying its graph: Save must never write JSON over it
            untitled = f"{Path(path).stem} (from picture)"
        if untitled:
            self.set_document(model, None, untitled)
            self.document.mark_modified()  # kept only once saved: closing asks
            self.show_status(f"Opened the graph {untitled}; Save asks where to keep it")
        elif example or Path(path).resolve().parent == resources.EXAMPLES.resolve():
            self.set_document(model, None, f"{Path(path).stem} (example)")
            self.show_status(f"Opened the example {Path(path).name}; Save asks where to keep your copy")
        else:
            self.set_document(model, path)
            settings.add_recent_file(path)
            settings.set_last_folder(path)
            self.show_status(f"Opened {path}")
        return True

    def open_example(self, path: str | os.PathLike) -> bool:
        return self.open_path(path, example=True)

    def open_recent(self, path: str) -> bool:
        if not os.path.exists(path):
            settings.remove_recent_file(path)
            self._show_error("Cannot open file", f"{path}: no such file (it was removed from Open Recent)")
            return False
        return self.open_path(path)

    def clear_recent(self) -> None:
        settings.clear_recent_files()
        self._fill_recent_menu()

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        path = self._ask_save_path(self.suggested_path(fileio.SUFFIX))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += fileio.SUFFIX
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the document to ``path``; on failure say why and stay modified."""
        try:
            fileio.save(self.model, path)
        except OSError as e:
            reason = e.strerror or str(e)
            self._show_error(
                "Cannot save",
                f"{path}: {reason}.\n\nThe graph is still open and "
                "not saved; try Save As with another folder.",
            )
            return False
        except (GraphError, ValueError, TypeError) as e:
            self._show_error("Cannot save", f"{path}: {e}\n\nThe graph is still open and not saved.")
            return False
        self.document.saved_as(path)  # the title and modified flag follow
        self.autosaver.clear()
        settings.add_recent_file(path)
        settings.set_last_folder(path)
        self.show_status(f"Saved {path}")
        return True

    def suggested_path(self, suffix: str) -> str:
        stem = Path(self.path).stem if self.path else self.doc_name.split(" (")[0] or "untitled"
        folder = os.path.dirname(self.path) if self.path else (settings.last_folder() or str(Path.home()))
        return os.path.join(folder, stem + suffix)

    def export_image(self, kind: str) -> bool:
        if len(self.model) == 0:
            self._show_error("Nothing to export", "The graph is empty: add some nodes first.")
            return False
        path = self._ask_export_path(kind, self.suggested_path("." + kind))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += "." + kind
        try:
            export_scene(
                self.scene,
                path,
                kind,
                self.model.attrs.get("title") or self.doc_name,
                graph_text=fileio.dumps(self.model),  # opening the picture reopens the graph
            )
        except (OSError, ValueError, GraphError) as e:
            reason = (e.strerror if isinstance(e, OSError) else None) or str(e)
            self._show_error("Cannot export", f"{path}: {reason}")
            return False
        self.show_status(f"Exported {path}, with the graph inside: opening it reopens the graph")
        return True

    # ---- the questions, one method each so tests can answer them
    def _ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "Open graph", settings.last_folder(), OPEN_FILTER)
        return path

    def _ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save graph as", suggested, SAVE_FILTER)
        return path

    def _ask_export_path(self, kind: str, suggested: str) -> str:
        filt = "PNG images (*.png)" if kind == "png" else "SVG images (*.svg)"
        path, _ = QFileDialog.getSaveFileName(self, f"Export as {kind.upper()}", suggested, filt)
        return path

    def _ask_save_changes(self) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{self.doc_name}” before closing it?",
            Button.Save | Button.Discard | Button.Cancel,
            self,
        )
        box.setInformativeText("If you don't save, your changes will be lost.")
        box.setDefaultButton(Button.Save)
        box.setObjectName("unsaved_changes_box")
        return Button(box.exec())

    def _show_error(self, title: str, message: str) -> None:
        if self.collected_errors is not None:
            self.collected_errors.append(f"{title}: {message}")
            return
        QMessageBox.warning(self, title, message)

    # ---- a file dropped on the window: a graph, a picture with its graph, code
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
    add_code: Callable[[str], list[str] | None] | None = None

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
        return self.add_code is not None and self.add_code(text) is not None

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

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = settings.recent_files()
        for i, f in enumerate(files, 1):
            name = os.path.basename(f)
            folder = os.path.dirname(f)
            act = menu.addAction(f"&{i % 10}  {name}   —   {folder}" if i <= 10 else name)
            act.setObjectName(f"action_recent_{i}")
            act.setData(f)
            act.setToolTip(f)
            act.setStatusTip(f)
            act.triggered.connect(lambda _c=False, p=f: self.open_recent(p))
        if not files:
            none = menu.addAction("No recent files")
            none.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.action_clear_recent)
        self.action_clear_recent.setEnabled(bool(files))
