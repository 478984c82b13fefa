"""The questions the window asks about files: where to open or save, whether
to save changes or recover work, and about files that are not simply there
to be written: changed by another program, open in another instance,
read-only. Each is one method returning a plain answer, so tests answer
them without dialogs (see ``tests/window_helpers.py``), and each box has an
object name, so a test may also find it and click.
"""

from __future__ import annotations

import html
import os

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QMessageBox

from core.files.lock import LockOwner
from gui.common import settings
from gui.common.file_dialog import ask_path
from gui.common.replace_question import ask_replace

FILE_FILTER = "micrograd-studio graphs (*.mgraph);;JSON files (*.json);;All files (*)"
#: Open also lists the pictures exported with their graph inside.
OPEN_FILTER = (
    "Graphs and pictures with a graph (*.mgraph *.png *.svg);;micrograd-studio graphs (*.mgraph);;"
    "Pictures exported with their graph (*.png *.svg);;JSON files (*.json);;All files (*)"
)

Button = QMessageBox.StandardButton

#: The file dialogs' titles of File › Export's entries.
EXPORT_TITLES = {"png": "Export as PNG", "svg": "Export as SVG", "steps": "Export Every Step as PNG"}


def cant_open(path: str) -> str:
    """An error box's title for a file that did not open, named as the
    user knows it ("Can't open “bad.json”", as a desktop app says it)."""
    return f"Can't open “{os.path.basename(path) or path}”"


#: What a File › New opens in place of the graph (``FileQuestions._replacing``): a new empty graph.
NEW_GRAPH = ""


#: The unsaved-changes box's buttons with their Alt keys (Qt's own have none: trial 68 pressed
#: Alt+D for Discard in vain, and Tab then Space, with Save focused first, saved a stray file).
MNEMONICS = {Button.Save: "&Save", Button.Discard: "&Discard", Button.Cancel: "&Cancel"}


def give_mnemonics(box: QMessageBox) -> None:
    """Name ``box``'s Save, Discard and Cancel buttons with their Alt keys (Alt+S, Alt+D, Alt+C)."""
    for which, text in MNEMONICS.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)


class FileQuestions(QMainWindow):
    """The window's questions about files (a base of DocumentWindow)."""

    #: The name of a graph a command opens in place of this one (Build Gradient Graph), while asked.
    _replacing: str | None = None
    #: What became of the document's file, where the graph on screen is its only copy now
    #: ("“g.mgraph” on disk was deleted or moved."; documents.py ``_off_disk``), else None.
    _off_disk_note: str | None = None

    @property
    def doc_name(self) -> str:
        """The document's name, as questions call it (the window says)."""
        raise NotImplementedError

    def _ask_open_path(self) -> str:
        return ask_path(self, "Open graph", settings.start_folder(), OPEN_FILTER, save=False)

    def _ask_save_path(self, suggested: str) -> str:
        return ask_path(self, "Save graph as", suggested, FILE_FILTER, save=True)

    def _ask_export_path(self, kind: str, suggested: str) -> str:
        """Where File › Export writes: ``kind`` "png", "svg", or "steps" (Export Every Step's
        PNGs, a dialog titled for them: trial 68 read "Export as PNG" there too)."""
        filt = "SVG images (*.svg)" if kind == "svg" else "PNG images (*.png)"
        return ask_path(self, EXPORT_TITLES.get(kind, "Export"), suggested, filt, save=True)

    def _ask_export_steps(self, paths: list[str], there: list[str]) -> bool:
        """Many pictures, or some there already: write them?"""
        folder = os.path.dirname(paths[0]) or "."
        text = f"Export {len(paths)} pictures, one a step of the pass, into {folder}?"
        info = f"{os.path.basename(paths[0])} … {os.path.basename(paths[-1])}"
        if there:
            info += f"\n\n{len(there)} of them are already there and will be replaced."
        key = self._choose(
            "export_steps_box",
            "Export Every Step",
            text,
            info,
            [("export", f"Export {len(paths)}", True), ("cancel", "Cancel", False)],
        )
        return key == "export"

    def _ask_replace_renamed(self, path: str, typed: str) -> bool:
        return ask_replace(self, path, typed)

    def _error_box(self, title: str, message: str) -> None:
        """An error, its ``title`` both the window's title and the box's
        first line, in bold (a window manager may show no title: the trial's
        boxes said what went wrong with no word of what was being done), and
        a plain OK button (the style's icon on it read as a stray picture)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("error_box")
        detail = html.escape(message, quote=False).replace("\n", "<br>")
        # (one label: an informative text below it was wrapped to the title's width)
        box.setText(f"<b>{html.escape(title, quote=False)}</b><br><br>{detail}")
        ok = box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
        ok.setIcon(QIcon())
        ok.setObjectName("error_box_ok")
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        box.exec()

    def _ask_save_changes(self) -> QMessageBox.StandardButton:
        new = self._replacing
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{self.doc_name}” before closing it?"
            if new is None
            else f"A new empty graph takes the place of “{self.doc_name}”. Save the changes to it first?"
            if new == NEW_GRAPH
            else f"“{new}” opens again from its file, without your changes. Save the changes first?"
            if new == self.doc_name  # (the file open now, opened again: verify 51)
            else f"“{new}” opens in this window in place of “{self.doc_name}”. Save the changes to "
            f"“{self.doc_name}” first?",
            Button.Save | Button.Discard | Button.Cancel,
            self,
        )
        note = self._off_disk_note
        box.setInformativeText(
            "If you don't save, your changes will be lost."
            if note is None
            else f"{note} If you don't save, the graph on screen is lost."
        )
        give_mnemonics(box)
        box.setDefaultButton(Button.Save)
        box.setObjectName("unsaved_changes_box")
        return Button(box.exec())

    def _choose(
        self, name: str, title: str, text: str, info: str, choices: list[tuple[str, str, bool]]
    ) -> str:
        """Ask; the key of the chosen button ("cancel" when closed).
        ``choices``: (key, button text, is the default)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(name)
        box.setInformativeText(info)
        keys: dict[object, str] = {}
        for key, label, default in choices:
            role = QMessageBox.ButtonRole.RejectRole if key == "cancel" else QMessageBox.ButtonRole.AcceptRole
            button = box.addButton(label, role)
            button.setObjectName(f"{name}_{key}")
            keys[button] = key
            if default:
                box.setDefaultButton(button)
            if key == "cancel":
                box.setEscapeButton(button)
        box.exec()
        return keys.get(box.clickedButton(), "cancel")

    def _ask_reload(self, path: str, modified: bool) -> bool:
        """The open file was changed by another program: reload it?"""
        name = os.path.basename(path)
        if modified:
            info = (
                "You have unsaved changes here. Reloading replaces them with the file's new "
                "content; keeping yours means Save will ask before writing over the other version."
            )
            choices = [("reload", "Reload and Lose My Changes", False), ("keep", "Keep My Version", True)]
        else:
            info = "Reload it to see the new version (Undo cannot go back past a reload)."
            choices = [("reload", "Reload", True), ("keep", "Keep This Version", False)]
        answer = self._choose(
            "reload_box", "File changed on disk", f"“{name}” was changed by another program.", info, choices
        )
        return answer == "reload"

    def _ask_overwrite_changed(self, path: str) -> str:
        """Save over a file changed since it was read? "overwrite", "save_as" or "cancel"."""
        return self._choose(
            "overwrite_changed_box",
            "File changed on disk",
            f"“{os.path.basename(path)}” was changed by another program since you opened it.",
            "Saving now replaces that version with yours. Save As keeps both.",
            [("overwrite", "Overwrite", False), ("save_as", "Save As…", True), ("cancel", "Cancel", False)],
        )

    def _ask_locked(self, path: str, owner: LockOwner) -> str:
        """The file is open elsewhere: "read_only", "copy", "anyway" or "cancel"."""
        return self._choose(
            "locked_box",
            "File in use",
            f"“{os.path.basename(path)}” is already open in micrograd-studio, by {owner.describe()}.",
            "Open it read-only (Save then asks for a new name), or open a copy of it. "
            "Editing it in both places loses one side's changes.",
            [
                ("read_only", "Open Read-Only", True),
                ("copy", "Open a Copy", False),
                ("anyway", "Open and Edit Anyway", False),
                ("cancel", "Cancel", False),
            ],
        )

    def _ask_overwrite_open(self, path: str, owner: LockOwner) -> bool:
        """Save As onto a file someone has open: write it anyway?"""
        return (
            self._choose(
                "overwrite_open_box",
                "File in use",
                f"“{os.path.basename(path)}” is open in micrograd-studio, by {owner.describe()}.",
                "Writing over it now may lose their changes, or they may write over yours.",
                [("overwrite", "Save Anyway", False), ("cancel", "Cancel", True)],
            )
            == "overwrite"
        )

    def _ask_write_read_only(self, path: str) -> bool:
        """The file is read-only: write it anyway (it stays read-only)?"""
        return (
            self._choose(
                "read_only_box",
                "Read-only file",
                f"“{os.path.basename(path)}” is read-only.",
                "Write over it anyway? It stays read-only afterwards. Or cancel and use Save As.",
                [("overwrite", "Write Anyway", False), ("cancel", "Cancel", True)],
            )
            == "overwrite"
        )

    def _ask_graph_name(self, typed: str, path: str) -> str:
        """Save As was given ``typed``, another kind's name (report.txt): save as ``path``
        (report.mgraph) instead? "rename", "again" (choose another name) or "cancel"."""
        given, name = os.path.basename(typed), os.path.basename(path)
        there = os.path.exists(path)
        info = (
            "A graph file's name ends in .mgraph (or .json): File › Open lists only those, and "
            f"“{given}” would hold a graph, not what its name promises. Nothing has been saved."
        )
        if there:
            info += f"\n\n“{name}” is there already: saving as it replaces it."
        return self._choose(
            "graph_name_box",
            "Not a graph file's name",
            f"“{given}” is not a graph file's name.",
            info,
            [
                ("rename", f"{'Replace' if there else 'Save as'} “{name}”", not there),
                ("again", "Choose Another Name…", there),
                ("cancel", "Cancel", False),
            ],
        )

    def _ask_save_elsewhere(self, path: str, reason: str) -> bool:
        """The file's folder stopped the save (gone, or not writable): Save As instead?"""
        return (
            self._choose(
                "save_elsewhere_box",
                "Cannot save",
                f"Cannot save “{os.path.basename(path)}”: {reason}.",
                "The graph is still open and not saved. Use Save As… to save it in another folder.",
                [("save_as", "Save As…", True), ("cancel", "Cancel", False)],
            )
            == "save_as"
        )
