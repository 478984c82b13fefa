"""The life of a document in the main window: New, Open, Save, Save As,
examples, recent files, picture export, files dropped on the window, and the
"save your changes?" question before anything replaces unsaved work.

Every question to the user is a method of its own (``_ask_open_path``,
``_ask_save_path``, ``_ask_save_changes``, ..., in ``file_questions.py``)
and every refusal goes through ``_show_error``, so tests answer them
without dialogs.
A file is read completely before anything is replaced, so a file that cannot
be opened leaves the open document exactly as it was.

The open file is guarded (``file_guard.py``): a change by another program
offers a reload (``outside_changes.py``), Save asks before writing over such a change or over a
read-only file, and a file another instance has open (its lock file) is
opened read-only, as a copy, or anyway, as the user chooses
(``file_questions.py`` asks).
"""

from __future__ import annotations

import json
import logging
import os
from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu, QMessageBox

from core.autograd import custom_ops
from core.files import embed, fileio, kinds
from core.files.lock import DocumentLock
from core.files.reading import FileStamp, read_limited
from core.files.safewrite import FolderError, ReadOnlyFileError, clean_stale_temps, failure_reason, target_of
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.backward.animation import BackwardController
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.common import resources, settings
from gui.common.actions import make_action
from gui.document.document import Document
from gui.document.heap import document_heap
from gui.window import loading
from gui.window.autosave import AutoSaver
from gui.window.file_drops import FileDrops
from gui.window.file_guard import FileGuard
from gui.window.file_questions import NEW_GRAPH, cant_open
from gui.window.outside_changes import OutsideChanges
from gui.window.picture_export import PictureExport
from gui.window.recovery_offer import RecoveryOffer

log = logging.getLogger(__name__)

APP_NAME = "micrograd-studio"
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


class DocumentWindow(FileDrops, PictureExport, RecoveryOffer, OutsideChanges):
    """A main window's file commands. The window that derives from it builds
    the parts declared here (and says things through ``show_status``)."""

    document: Document
    scene: GraphScene
    view: GraphView
    autosaver: AutoSaver
    file_guard: FileGuard
    recent_menu: QMenu
    action_clear_recent: QAction
    backward: BackwardController
    #: A list for a start-up check (``--quit-after``): refusals are kept
    #: here instead of shown in a dialog that nobody will close.
    collected_errors: list[str] | None = None
    #: What the last unsaved-changes question did to the graph, said as the next one opens.
    _left_as = "your graph is as you left it"

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

    def show_status(self, message: str, msecs: int = 6000, joined: str | None = None) -> None:
        raise NotImplementedError

    # ================================================================ documents
    def _make_file_safety(self) -> list[QAction]:
        """The file guard, and the File menu's Reload and backup preference."""
        self.file_guard = FileGuard(self)
        self.file_guard.changed_on_disk.connect(self._changed_on_disk)
        self._asking_reload = False
        reload = make_action(self, "reload", "Reloa&d from Disk", self.reload,
                             tip="Read the file again, as it is on disk now")  # fmt: skip
        backup = make_action(self, "keep_backup", "Keep a &Backup When Saving", settings.set_keep_backup,
                             tip="Before saving over NAME.mgraph, keep its previous version as "
                             "NAME.mgraph.bak", checkable=True)  # fmt: skip
        backup.setChecked(settings.keep_backup())
        self.document.file_changed.connect(lambda: reload.setEnabled(self.path is not None))
        self.document.file_changed.connect(self._on_disk_again)
        reload.setEnabled(False)
        return [reload, backup, self._recover_action()]

    def set_document(
        self,
        model: GraphModel,
        path: str | None,
        name: str | None = None,
        *,
        stamp: FileStamp | None = None,
        lock: DocumentLock | None = None,
        read_only: bool = False,
    ) -> None:
        """Show ``model`` (the scene follows the document); the undo stack
        starts empty. ``path``'s file is guarded from now on: as ``stamp``
        says it was read, with ``lock`` (else its lock is taken if free)."""
        if path and lock is None and not read_only:
            lock = self._own_lock(path)
            if lock.acquire() is not None:
                lock = None  # held by someone else: recovered work is theirs to merge
        with document_heap(len(model)):
            self.document.replace(model, path, name)
        self.file_guard.track(path, stamp, lock, read_only=read_only)

    def _own_lock(self, path: str) -> DocumentLock:
        """The lock of ``path``: the one this window holds, if it is that file's."""
        lock = DocumentLock(path)
        held = self.file_guard.lock
        return held if held is not None and held.path == lock.path else lock

    def _show_new_model(self) -> None:
        """The document has a new model: the window's part (recovery copy,
        fit) once the scene has rebuilt; the title follows the document."""
        self.autosaver.clear()
        self._fit_later()  # (an empty graph: 100 %, where new nodes are readable; a trial's New kept 15 %)
        self.view.setFocus()

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
        self._left_as = "your graph is as you left it"
        if not self.is_modified():
            return True
        answer = self._ask_save_changes()
        if answer == Button.Save:
            if not self.save():
                return False
            self._left_as = f"your changes are saved in {self.doc_name}"
            return True
        if answer != Button.Discard:
            return False
        # (said as it is: trial 75 #4 read "as you left it" right after pressing Discard)
        self._left_as = "your unsaved changes were discarded"
        return True

    def _maybe_save_for(self, name: str) -> bool:
        """:meth:`maybe_save`, asked as what it is: ``name`` opening in place
        of this graph (trials: Build Gradient Graph, the tutorial's "Open b = a
        + a" and Open Recent asked to save "before closing it", of a close not
        asked for)."""
        self._replacing = name
        try:
            return self.maybe_save()
        finally:
            self._replacing = None

    def open_model(self, model: GraphModel, name: str, made: bool = False) -> bool:
        if not self._maybe_save_for(name):
            return False
        self.set_document(model, None, name)
        if made:
            self.document.mark_modified()  # in no file, and not to be had again from a menu: closing asks
        self.show_status(f"Opened {name}; {self._left_as} (Save asks where to keep this one)")
        return True

    def new_document(self) -> bool:
        if not self._maybe_save_for(NEW_GRAPH):
            return False
        self.set_document(GraphModel(), None, "Untitled")
        self.show_status("New empty graph: drag from the Palette or press Tab on the canvas to add a node")
        return True

    def new_graph_for(self, name: str) -> bool:
        """A new graph for ``name`` (Import Code's "Open as New Graph": the code's name), the
        question about unsaved changes saying what opens in place of what (trial 67 #9: "A new
        empty graph takes the place of …" of the user's code); False: the user kept the graph."""
        if not self._maybe_save_for(name):
            return False
        self.set_document(GraphModel(), None, "Untitled")
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
        """Open ``path`` (after asking about unsaved changes); a file not read,
        or not opened, leaves the open document as it was, its operators too
        (reading installs the file's). ``untitled``: open it as a new unsaved
        document of that name (from Python), which asks to be saved."""
        kept = dict(custom_ops.DEFINITIONS)
        opened = self._open_path(os.fspath(path), example, untitled)
        if not opened:
            custom_ops.put_back(kept)
        return opened

    def _open_path(self, path: str, example: bool, untitled: str | None) -> bool:
        same = self.path is not None and os.path.abspath(path) == os.path.abspath(self.path)
        try:
            with self.file_guard.holding() if same else nullcontext():
                model, stamp, laid = loading.load_file(self, path)
        except loading.Cancelled:
            self.show_status(f"Did not open {path}: cancelled")
            return False
        except GraphError as e:
            self._show_error(cant_open(path), str(e))
            return False
        except Exception as e:
            log.exception("unexpected error opening %s", path)
            self._show_error(cant_open(path), f"{path}: {type(e).__name__}: {e}")
            return False
        # a shipped example opened by its path (Open, a drop, the command
        # line) is still an example: Save never writes over the shipped copy
        picture = untitled is None and _is_picture(path)
        if picture:
            # a picture carrying its graph: Save must never write JSON over it
            untitled = f"{Path(path).stem} (from picture)"
        if untitled:
            if not self._maybe_save_for(Path(path).name):
                return False
            self.set_document(model, None, untitled)
            if not picture:  # (a picture's graph, unchanged, is had again from the picture)
                self.document.mark_modified()  # handed over from Python: kept only once saved
            self.show_status(
                f"Opened the graph {untitled}{self._resumed(path)}; Save asks where to keep it{laid}"
            )
            return True
        if example or Path(path).resolve().parent == resources.EXAMPLES.resolve():
            if not self._maybe_save_for(Path(path).name):
                return False
            self.set_document(model, None, f"{Path(path).stem} (example)")
            self.show_status(f"Opened the example {Path(path).name}; Save asks where to keep your copy{laid}")
            return True
        clean_stale_temps(target_of(path))  # what saves killed half-way left behind
        lock = self._own_lock(path)
        owner = lock.holder()
        how = "edit" if owner is None else self._ask_locked(path, owner)
        if how == "cancel" or not self._maybe_save_for(Path(path).name):
            return False
        name = os.path.basename(path)
        if how == "copy":
            self.set_document(model, None, f"{Path(path).stem} (copy)")
            self.show_status(f"Opened a copy of {path}; Save asks where to keep it{laid}")
            return True
        if how == "read_only" or lock.acquire(force=how == "anyway") is not None:
            self.set_document(model, path, f"{name} (read-only)", stamp=stamp, read_only=True)
            self.show_status(f"Opened {path} read-only: it is open elsewhere; Save asks for a new name{laid}")
        else:
            self.set_document(model, path, stamp=stamp, lock=lock)
            self.show_status(f"Opened {path}{laid}{self._copy_waiting(path)}")
        settings.remember_file(path)
        return True

    def _resumed(self, path: str) -> str:
        """A picture of a Backward pass opened: the pass shown again at the
        step the picture shows (a slide reopened in class goes on from there);
        what to say of it ("" for any other file, or a pass the graph cannot run there)."""
        try:
            data, _ = read_limited(path)
        except GraphError:
            return ""
        step = embed.pass_step(data)
        if step is None or not self.backward.resume(*step):
            return ""
        last = self.backward.replay.last if self.backward.replay is not None else step[1]
        return f", its pass at step {step[1]} of {last} as the picture shows it (Esc clears it)"

    def open_example(self, path: str | os.PathLike) -> bool:
        return self.open_path(path, example=True)

    def open_recent(self, path: str) -> bool:
        if not os.path.exists(path):
            settings.remove_recent_file(path)
            self._show_error(cant_open(path), f"{path}: no such file (it was removed from Open Recent)")
            return False
        return self.open_path(path)

    def clear_recent(self) -> None:
        settings.clear_recent_files()
        self._fill_recent_menu()

    def save(self) -> bool:
        if self.path is None or self.file_guard.read_only:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self, suggested: str | None = None) -> bool:
        typed = self._ask_save_path(suggested or self.suggested_path(fileio.SUFFIX))
        if not typed:
            return False
        path = kinds.as_graph_name(typed)
        if path != typed and os.path.splitext(typed)[1].strip("."):
            # another kind's name (report.txt, pic.png): graph JSON under it is no such file, and
            # Open does not list it; headless -o refuses it (trial 74 #7: both written silently)
            answer = self._ask_graph_name(typed, path)
            if answer == "again":
                return self.save_as(path)
            if answer != "rename":
                self.show_status(f"Not saved: “{os.path.basename(typed)}” is not a graph file's name")
                return False
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the document to ``path``; on failure say why and stay modified.
        Asks first when the file changed since it was read, is open elsewhere
        or is read-only."""
        how = self._may_write(path)
        if how == "save_as":
            return self.save_as()
        if how != "write":
            return False
        try:
            stamp = self._write(path)
            if stamp is None:
                return False
        except FolderError as e:  # gone, or not writable: the file may be fine
            return self._ask_save_elsewhere(path, failure_reason(e)) and self.save_as()
        except OSError as e:
            self._show_error(
                "Cannot save",
                f"Cannot save {path}: {failure_reason(e)}.\n\nThe graph is still open and "
                "not saved; try Save As with another folder.",
            )
            return False
        except (GraphError, ValueError, TypeError) as e:
            self._show_error("Cannot save", f"{path}: {e}\n\nThe graph is still open and not saved.")
            return False
        self.document.saved_as(path)  # the title and modified flag follow
        self.file_guard.saved(path, stamp)
        self.autosaver.clear()
        settings.remember_file(path)
        self.show_status(f"Saved {path}")
        return True

    def _may_write(self, path: str) -> str:
        """Ask before writing over another program's change or someone's open
        file: "write", "save_as" (choose another file) or "stop"."""
        same = self.path is not None and os.path.realpath(path) == os.path.realpath(self.path)
        if same and not self.file_guard.read_only:
            if self.file_guard.changed_since_read():
                answer = self._ask_overwrite_changed(path)
                if answer != "overwrite":
                    return "save_as" if answer == "save_as" else "stop"
            lock = self.file_guard.lock
            if lock is not None and lock.held:
                return "write"
            # (no lock of ours: someone held it when the work was recovered, or still does)
        owner = DocumentLock(path).holder()
        return "write" if owner is None or self._ask_overwrite_open(path, owner) else "stop"

    def _write(self, path: str) -> FileStamp | None:
        """Save to ``path`` (a read-only file only if the user says so);
        None: the user said no."""
        backup = settings.keep_backup()
        try:
            return fileio.save(self.model, path, backup=backup)
        except ReadOnlyFileError:
            if not self._ask_write_read_only(path):
                self.show_status(f"Not saved: {path} is read-only")
                return None
        return fileio.save(self.model, path, backup=backup, allow_read_only=True)

    def suggested_path(self, suffix: str) -> str:
        stem = Path(self.path).stem if self.path else self.doc_name.split(" (")[0] or "untitled"
        # a new graph's: where Open starts too (the last dialog's folder, else Documents)
        folder = os.path.dirname(self.path) if self.path else settings.start_folder()
        if not os.path.isdir(folder):  # (its folder deleted while it was open)
            folder = settings.start_folder()
        return os.path.join(folder, stem + suffix)

    def _show_error(self, title: str, message: str) -> None:
        if self.collected_errors is not None:
            self.collected_errors.append(f"{title}: {message}")
            return
        self._error_box(title, message)

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
