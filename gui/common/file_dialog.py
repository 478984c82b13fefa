"""The window's Open and Save dialogs: one made here (not the static
getters), so where Qt draws its own dialog (no native one on the desktop)
its list is wide enough to read: trial 54 saw "11....KiB", "PN...ge" and
"pla...ent" in columns a few letters wide."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

from gui.common import settings

#: The size the dialog opens at, at least (pixels; a smaller screen: most of it).
SIZE = (900, 560)


def ask_path(parent: QWidget, title: str, start: str, filters: str, save: bool) -> str:
    """The file chosen in a dialog titled ``title`` starting at ``start``
    (a folder, or a file: its folder, the name filled in); "" if cancelled."""
    dlg = QFileDialog(parent, title, start, filters)
    dlg.setObjectName("file_dialog")
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    _readable(dlg)
    if dlg.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    files = dlg.selectedFiles()
    return files[0] if files else ""


def ask_file_near(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """An existing file chosen in a dialog starting in ``suggested``'s folder
    (the open graph's, else the last used, else Documents: never the working
    directory, verify 55), that folder remembered for the next one; "" if cancelled."""
    path = ask_path(parent, title, os.path.dirname(suggested), filters, save=False)
    if path:
        settings.set_last_folder(path)
    return path


def _readable(dlg: QFileDialog) -> None:
    """Qt's own dialog: big enough, its list's columns as wide as what they
    show (the name's takes the rest). A native dialog has none of these."""
    screen = dlg.screen().availableGeometry() if dlg.screen() is not None else None
    w, h = SIZE
    if screen is not None:
        w, h = min(w, int(screen.width() * 0.9)), min(h, int(screen.height() * 0.9))
    dlg.resize(max(dlg.width(), w), max(dlg.height(), h))
    for tree in dlg.findChildren(QTreeView):  # (Qt's dialog: its detail list; its own part, not a feature's)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, header.count()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
