"""The Properties page of a selected folded group's card: its name (edited
as Graph › Rename Group does, one undo step) and what it holds."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from core.graph.model import GraphModel
from gui.common.style import scaled_font


def heading_font(base: QFont) -> QFont:
    """A page's title: bold, a quarter larger than ``base`` (the panel's font)."""
    f = scaled_font(1.25, base)
    f.setBold(True)
    return f


class GroupPage(QWidget):
    """Shows one group; ``rename(gid, label)`` (the Groups feature's, handed
    over by the window) renames it through its undo command."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rename: Callable[[str, str], object] | None = None
        self.gid: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        self.title = QLabel()
        self.title.setObjectName("properties_group_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.title.setFont(heading_font(self.title.font()))
        outer.addWidget(self.title)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("properties_group_name")
        self.name_edit.setToolTip("The group's name; Enter renames it (Ctrl+Z undoes it)")
        self.name_edit.editingFinished.connect(self._commit)
        form.addRow("&Name", self.name_edit)
        self.holds = QLabel()
        self.holds.setObjectName("properties_group_holds")
        self.holds.setWordWrap(True)
        form.addRow("Holds", self.holds)
        self.state = QLabel()
        self.state.setObjectName("properties_group_state")
        self.state.setWordWrap(True)
        form.addRow("Shown", self.state)
        outer.addLayout(form)
        outer.addStretch(1)

    def show_group(self, model: GraphModel, gid: str) -> None:
        gs = model.groups
        g = gs.get(gid)
        self.gid = gid
        pill = "<span style='background-color:#e0e7ff; color:#3b5bdb;'>&nbsp;▸ Group&nbsp;</span>"
        self.title.setText(f"{pill}&nbsp; {html.escape(g.label)}")
        if not (self.name_edit.hasFocus() and self.name_edit.isModified()):
            self.name_edit.setText(g.label)
            self.name_edit.setModified(False)
        nodes = gs.nodes_in(gid)
        inner = sorted(x.label for x in gs if x.parent == gid)
        text = f"{len(nodes)} node{'s' if len(nodes) != 1 else ''}"
        if inner:
            text += f"; {len(inner)} group{'s' if len(inner) != 1 else ''} inside: " + ", ".join(inner)
        self.holds.setText(text)
        self.state.setText(
            "folded into one card: double-click it (or Ctrl+]) to open it"
            if g.collapsed
            else "open, in its frame: Ctrl+[ folds it"
        )

    def _commit(self) -> None:
        if self.gid is None or self.rename is None or not self.name_edit.isModified():
            return
        self.name_edit.setModified(False)
        self.rename(self.gid, self.name_edit.text())
