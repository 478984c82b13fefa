"""The palette: every operation, to drag onto the canvas or double-click."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QLineEdit, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from core import ops

from . import style as S
from .scene import OP_MIME

OP_ROLE = Qt.ItemDataRole.UserRole + 1


def op_tooltip(op: str) -> str:
    spec = ops.OPS[op]
    if op == "leaf":
        return ("<b>Value</b> (leaf): a number you type in — an input or a weight.<br>"
                "Backward stops here: its grad is how much the output changes per unit of it.")
    return (f"<b>{spec.title}</b> &nbsp;{spec.symbol}<br>computes: {spec.formula}"
            f"<br>local derivative: {spec.derivative}"
            + ("<br>k is the exponent (double-click the node to change it)" if op == "pow" else ""))


def op_entry_text(op: str) -> str:
    spec = ops.OPS[op]
    if op == "leaf":
        return "Value"
    return f"{spec.title}   {spec.formula}"


class _OpList(QListWidget):
    """A list whose drags carry the op name under OP_MIME."""

    def mimeTypes(self) -> list[str]:
        return [OP_MIME]

    def mimeData(self, items) -> QMimeData:
        md = QMimeData()
        if items:
            md.setData(OP_MIME, items[0].data(OP_ROLE).encode("utf-8"))
        return md


class Palette(QWidget):
    """A filterable list of operations for a dock."""

    add_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("palette_filter")
        self.filter.setPlaceholderText("Filter…")
        self.filter.setClearButtonEnabled(True)
        self.list = _OpList(self)
        self.list.setObjectName("palette_list")
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setIconSize(QSize(0, 0))
        self.list.setUniformItemSizes(True)
        self.list.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        bold = QFont()
        bold.setBold(True)
        for name, spec in ops.OPS.items():
            it = QListWidgetItem(f"{spec.symbol if name != 'leaf' else '•'}\t{op_entry_text(name)}")
            it.setData(OP_ROLE, name)
            it.setToolTip(op_tooltip(name))
            if name == "leaf":
                it.setForeground(S.LEAF_TEXT)
                it.setFont(bold)
            self.list.addItem(it)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter)
        lay.addWidget(self.list)
        self.filter.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda it: self.add_requested.emit(it.data(OP_ROLE)))
        self.list.itemActivated.connect(lambda it: None)

    def item_for(self, op: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(OP_ROLE) == op:
                return self.list.item(i)
        return None

    def _filter(self, text: str) -> None:
        t = text.strip().lower()
        for i in range(self.list.count()):
            it = self.list.item(i)
            op = it.data(OP_ROLE)
            hay = f"{op} {ops.OPS[op].title} {ops.OPS[op].symbol}".lower()
            it.setHidden(bool(t) and t not in hay)
