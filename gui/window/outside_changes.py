"""Another program changed the open file: File › Reload from Disk, the question the file
guard's news brings (reload, or keep this version), and the graph on screen counted as
unsaved once it is no longer what its file holds. A base of the window
(gui/window/documents.py), kept apart from its other file commands."""

from __future__ import annotations

import os

from core.files.lock import DocumentLock
from core.files.reading import FileStamp
from core.files.safewrite import target_of
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.document.document import Document
from gui.window import loading
from gui.window.autosave import AutoSaver
from gui.window.file_guard import FileGuard
from gui.window.file_questions import FileQuestions


class OutsideChanges(FileQuestions):
    """The window's answers to changes of its file; the window supplies the parts below."""

    document: Document
    autosaver: AutoSaver
    file_guard: FileGuard
    _asking_reload = False

    @property
    def path(self) -> str | None:
        raise NotImplementedError

    def show_status(self, message: str, msecs: int = 6000, joined: str | None = None) -> None:
        raise NotImplementedError

    def _show_error(self, title: str, message: str) -> None:
        raise NotImplementedError

    def is_modified(self) -> bool:
        raise NotImplementedError

    def _maybe_save_for(self, name: str) -> bool:
        raise NotImplementedError

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
        raise NotImplementedError

    def _on_disk_again(self) -> None:
        """Saved, or another document: what became of the old file no longer matters."""
        self._off_disk_note = None

    def reload(self, ask: bool = True) -> bool:
        """File > Reload from Disk: the file as it is now (asking about unsaved
        changes first, unless the user was just asked whether to reload)."""
        path, guard = self.path, self.file_guard
        if path is None or (ask and not self._maybe_save_for(self.doc_name)):
            return False
        try:
            model, stamp, laid = loading.load_file(self, path)
        except loading.Cancelled:
            self._off_disk("on disk holds another version now (its reload was cancelled)")
            return False
        except GraphError as e:
            self._show_error("Cannot reload", f"{e}\n\nThe graph on screen is as it was.")
            self._off_disk("on disk could not be read back (it is broken or cut off)")
            return False
        self.set_document(model, path, self.doc_name, stamp=stamp, lock=guard.lock, read_only=guard.read_only)
        self.show_status(f"Reloaded {path}{laid}")
        return True

    def _changed_on_disk(self, state: str) -> None:
        """Another program changed (or removed) the open file."""
        if state == "missing":
            self._off_disk("was deleted or moved")  # (the graph on screen is its only copy now)
            folder = target_of(self.path or "").parent
            if os.path.isdir(folder):
                self.show_status(f"{self.path} was deleted or moved; Save writes it again", 15000)
            else:  # (Save cannot write it there: a trial was promised it would)
                self.show_status(
                    f"{self.path}: its folder {folder} is gone; use Save As… to keep the graph", 15000
                )
            return
        if self._asking_reload or self.path is None:
            return
        self._asking_reload = True
        try:
            if self._ask_reload(self.path, self.is_modified()):
                self.reload(ask=False)
            else:
                self.file_guard.accept_disk_state()
                self._off_disk("on disk holds another version now (you kept this one)")
                self.show_status(
                    f"Kept your version: it is not what {self.doc_name} holds now, so it counts as "
                    "unsaved (Save asks before writing over the other version)",
                    15000,
                )
        finally:
            self._asking_reload = False

    def _off_disk(self, why: str) -> None:
        """The graph on screen is no longer what its file holds (another version kept, a reload
        that failed, the file gone): unsaved from now on, so closing asks (saying ``why``, what
        became of the file) and a recovery copy is made at once (trial 74: each of these quit
        without a word, losing the only good copy)."""
        if self.path is None or not self.file_guard.differs_on_disk():
            return
        self._off_disk_note = f"“{os.path.basename(self.path)}” {why}."
        self.document.mark_modified()
        self.autosaver.save_now(block=False)
