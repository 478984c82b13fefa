"""Getting crash copies back, and saying when none can be made.

At start every waiting copy is offered in turn, each question true to its
case: the file's folder, the copy's time and size (two "Untitled" graphs
told apart), the other copies waiting, whether the app stopped or the user
put the copy aside with Not Now, whether the file was saved or changed
since the copy was made, whether newer edits could not be copied. File ›
Recover Unsaved Work… offers them again any time; opening a file with a copy
waiting says so. A recovered document keeps what the work was based on (the
file's stamp, read-only), so Save asks before writing over a newer file or
one open elsewhere, as it would have before the crash.

While copies cannot be written (no permission, a full disk) a warning stays
in the status bar until they can again or the work is saved. Settings that
cannot be written (the same folder) are said once, in the status bar.
"""

from __future__ import annotations

import os
import time
from typing import Protocol

from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from core.files.lock import DocumentLock
from core.files.reading import FileStamp
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.common import settings
from gui.common.actions import make_action
from gui.document.document import Document
from gui.window.autosave import AutoSaver, Orphan, orphans, recovery_dir
from gui.window.file_guard import FileGuard

Button = QMessageBox.StandardButton

#: What the status bar keeps saying while copies cannot be written.
NOT_COPIED = "⚠ Unsaved work is not copied aside: save now"


def when(t: float) -> str:
    """A time as the offer says it (to the second: two copies of one minute told apart)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def copy_line(orphan: Orphan) -> str:
    """One copy, told apart from the others: name, folder, size, time."""
    where = f" in {orphan.folder}" if orphan.folder else " (never saved to a file)"
    n = orphan.nodes
    size = "" if n is None else f"{n} node{'' if n == 1 else 's'}, "
    return f"“{orphan.name}”{where} — {size}copied {when(orphan.saved_at)}"


def recover_question(orphan: Orphan, waiting: list[Orphan]) -> tuple[str, str]:
    """The offer of ``orphan`` (``waiting``: every copy still waiting): its text and details."""
    if orphan.deferred is not None:
        head = f"You put this unsaved work aside (Not Now) on {when(orphan.deferred)}:"
    else:
        head = "A micrograd-studio window stopped without closing normally and left this unsaved work:"
    notes = []
    state = orphan.file_state()
    name = os.path.basename(orphan.path or "")
    if state == "changed":
        try:
            saved = f" (the file is from {when(os.stat(orphan.path or '').st_mtime)})"
        except OSError:
            saved = ""
        notes.append(
            f"“{name}” was saved or changed after this copy was made{saved}: the copy is older than the "
            "file. Recover brings back the copy's work; Save then asks before writing over the newer file."
        )
    elif state == "missing":
        notes.append(f"{orphan.path} is no longer there; Save writes it again.")
    if orphan.not_copied is not None:
        since, why = orphan.not_copied
        because = f" ({why})" if why else ""
        notes.append(f"Edits made after {when(since)} could not be copied{because}: this copy lacks them.")
    if orphan.read_only:
        notes.append("It was open read-only: Save asks for a new name.")
    others = [w for w in waiting if w is not orphan]
    if others:
        listed = "\n".join(f"• {copy_line(w)}" for w in others)
        notes.append(f"Also waiting ({len(others)}):\n{listed}")
    notes.append(f"Not Now keeps it in {recovery_dir()}; File › Recover Unsaved Work… offers it again.")
    return f"{head}\n\n{copy_line(orphan)}", "\n\n".join(notes)


class RecoveryWindow(Protocol):
    """What the offer needs of its window beyond its own part (MainWindow has it all)."""

    def show_status(self, message: str, msecs: int = ..., joined: str | None = ...) -> None: ...

    def _show_error(self, title: str, message: str) -> None: ...

    def _maybe_save_for(self, name: str) -> bool: ...

    def set_document(
        self,
        model: GraphModel,
        path: str | None,
        name: str | None = ...,
        *,
        stamp: FileStamp | None = ...,
        lock: DocumentLock | None = ...,
        read_only: bool = ...,
    ) -> None: ...


class RecoveryOffer(QMainWindow):
    """The window's crash copies (a base of DocumentWindow; the window hands itself in for the rest)."""

    document: Document
    autosaver: AutoSaver
    file_guard: FileGuard
    _copy_warning: QLabel | None = None
    #: This window as the offer uses it, handed in by the window once whole (_watch_copies): the
    #: type checker then sees that it has the rest, said once, in the window.
    _window: RecoveryWindow

    def _recover_action(self) -> QAction:
        """The File menu's way back to the waiting copies."""
        tip = "Reopen unsaved work copied aside before a crash (or kept with Not Now)"
        return make_action(self, "recover_unsaved", "Recover &Unsaved Work…", self.recover_unsaved, tip=tip)

    def _watch_copies(self, window: RecoveryWindow) -> None:
        """Once the autosaver is made: its copies keep what the file was; its trouble is shown.
        ``window``: this window, whole."""
        self._window = window
        self.autosaver.file_state = self.file_guard.copy_state
        self.autosaver.trouble.connect(self._copy_trouble)
        settings.write_trouble().failed.connect(self._settings_trouble)

    def keep_work_aside(self, *, last: bool = False) -> None:
        """The system asked the app to stop (SIGTERM, SIGHUP, Ctrl+C: gui/app.py): no
        question can be asked, so unsaved work is copied aside now, as after a
        crash, and offered back at the next start (t71 #6: an edit half a second old
        was lost). ``last``: the app ends now, so the file's lock goes, as on a
        normal close (not before: a question may still be open, review 71 #2)."""
        self.autosaver.save_now(block=True)
        if last:
            self.file_guard.release()

    def _settings_trouble(self, text: str) -> None:
        """The settings cannot be written: said once, in the status bar (and its history),
        joined to what else this turn says (a file opened at launch). Failed while no window
        was visible, it waits for the next window shown (:meth:`showEvent`)."""
        if self.isVisible():
            self._window.show_status(text, 30000, joined=text)
            settings.write_trouble().said(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for text in list(settings.write_trouble().waiting):
            self._settings_trouble(text)

    def _ask_recover(self, orphan: Orphan, waiting: list[Orphan]) -> QMessageBox.StandardButton:
        text, info = recover_question(orphan, waiting)
        buttons = Button.Yes | Button.Discard | Button.Cancel
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work", text, buttons, self)
        box.setInformativeText(info)
        box.button(Button.Yes).setText("&Recover")  # (each with its Alt key, as the unsaved-changes box)
        box.button(Button.Discard).setText("&Discard")
        box.button(Button.Cancel).setText("&Not Now")
        box.setDefaultButton(Button.Yes)
        box.setObjectName("recover_box")
        return Button(box.exec())

    def recover_unsaved(self) -> bool:
        """File › Recover Unsaved Work…: the waiting copies offered again."""
        return self.offer_recovery(asked=True)

    def offer_recovery(self, *, asked: bool = False) -> bool:
        """Offer every waiting copy in turn; True if one was reopened (as a
        modified document). ``asked``: from the menu, so the graph open now
        is asked about before a copy takes its place."""
        window = self._window
        waiting = orphans()
        if not waiting and asked:
            folder = recovery_dir()
            window.show_status(f"No unsaved work waits to be recovered (copies are kept in {folder})", 10000)
        kept = 0
        gone: list[Orphan] = []
        for orphan in list(waiting):
            answer = self._ask_recover(orphan, waiting)
            if answer not in (Button.Yes, Button.Discard, Button.Cancel):
                break  # unanswered (a stop signal ended the question): every copy stays as it was
            if answer == Button.Discard:
                orphan.discard()
                waiting.remove(orphan)
                gone.append(orphan)
                continue
            if answer != Button.Yes:
                orphan.defer()  # next time: "you put this aside", not "did not close normally"
                kept += 1
                continue
            if asked and not window._maybe_save_for(orphan.name):
                self._say_discarded(gone)
                return False
            try:
                model = orphan.load()
            except GraphError as e:
                window._show_error("Cannot recover", str(e))
                orphan.discard()
                waiting.remove(orphan)
                continue
            waiting.remove(orphan)
            self._recover(orphan, model, len(waiting))
            self._say_discarded(gone)
            return True
        self._say_discarded(gone)
        if kept:
            back = "File › Recover Unsaved Work… brings it back"
            window.show_status(f"Unsaved work kept aside in {recovery_dir()}: {back}", 20000)
        return False

    def _say_discarded(self, gone: list[Orphan]) -> None:
        """Say which copies Discard deleted (a trial, 71 #12: Discard said
        nothing, and the learner could not tell what had gone), joined to
        what this turn says besides (a copy kept aside or recovered after it)."""
        if not gone:
            return
        if len(gone) == 1:
            text = f"Discarded the unsaved work {copy_line(gone[0])}"
        else:
            text = f"Discarded {len(gone)} copies of unsaved work: " + "; ".join(copy_line(o) for o in gone)
        self._window.show_status(text, 20000, joined=text)

    def _recover(self, orphan: Orphan, model: GraphModel, left: int) -> None:
        """``orphan``'s work in this window, based on the file as the copy says it was."""
        window, state = self._window, orphan.file_state()
        window.set_document(model, orphan.path, orphan.name, stamp=orphan.stamp, read_only=orphan.read_only)
        self.document.mark_modified()  # differs from any file until saved
        orphan.discard()
        self.autosaver.save_now()
        said = [f"Recovered {orphan.name}: save it to keep it"]
        name = os.path.basename(orphan.path or "")
        lock = self.file_guard.lock
        if state == "changed":
            said.append(f"{name} changed on disk after this copy was made: Save asks before writing over it")
        if orphan.read_only:
            said.append("it was open read-only: Save asks for a new name")
        elif orphan.path and not (lock is not None and lock.held):
            owner = DocumentLock(orphan.path).holder()
            if owner is not None:
                said.append(f"{name} is open elsewhere, by {owner.describe()}: Save asks first")
        if orphan.not_copied is not None:
            said.append(f"edits after {when(orphan.not_copied[0])} were not in the copy")
        if left:
            said.append(f"{left} more waiting: File › Recover Unsaved Work…")
        window.show_status("; ".join(said), 20000)

    def _copy_waiting(self, path: str) -> str:
        """What to add when ``path`` opens while a copy of its unsaved work waits ("" if none)."""
        real = os.path.realpath(path)
        mine = [o for o in orphans() if o.path and os.path.realpath(o.path) == real]
        if not mine:
            return ""
        at = when(mine[0].saved_at)
        return f"; unsaved work of this file copied {at} waits: File › Recover Unsaved Work…"

    def _copy_trouble(self, reason: str) -> None:
        """Copies cannot be written (why), or can again (""): a warning that stays until then."""
        label = self._copy_warning
        if reason:
            text = f"Unsaved work can't be copied aside ({reason}): save now"
            if label is None:
                label = self._copy_warning = QLabel(NOT_COPIED)
                label.setObjectName("copy_warning")
                label.setStyleSheet("color: #b91c1c; font-weight: bold; padding: 0 6px;")
                self.statusBar().addWidget(label)  # (after the message, before the counts)
            label.setToolTip(text)
            label.show()
            self._window.show_status(text, 30000)
        elif label is not None and label.isVisible():
            label.hide()
            if self.document.modified:
                self._window.show_status("Unsaved work is copied aside again")
