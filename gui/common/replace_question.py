"""The question an export asks before writing over a file whose name the
save dialog did not show: the name it returned, with the format's extension
added (core/files/kinds.py), names a file that is already there."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_replace(parent: QWidget | None, path: str, typed: str) -> bool:
    """Write over ``path`` (``typed`` with its extension added)?"""
    name, given = os.path.basename(path), os.path.basename(typed)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Replace the file?",
        f"“{given}” does not end as this format does, so the picture or code goes into “{name}”, "
        "which already exists. Replace it?",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("replace_renamed_box")
    replace = box.addButton("Replace", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is replace


def renamed_note(path: str, typed: str) -> str:
    """What the status line adds, inside its parentheses, when the extension
    was added ("; .png added to “wrong.svg”"; "" if not)."""
    if path == typed:
        return ""
    ext = path[len(typed.rstrip(".")) :]
    return f"; {ext} added to “{os.path.basename(typed)}”"
