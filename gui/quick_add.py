"""Quick add: Tab on the canvas, type a few letters, Enter."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from core import ops

from .palette import OP_ROLE, op_tooltip


class QuickAdd(QFrame):
    """A small popup list of operations, filtered as you type."""

    chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quick_add")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("quick_add_filter")
        self.edit.setPlaceholderText("Add node…")
        self.list = QListWidget(self)
        self.list.setObjectName("quick_add_list")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name, spec in ops.OPS.items():
            it = QListWidgetItem(f"{spec.title}   {spec.symbol if name != 'leaf' else ''}".rstrip())
            it.setData(OP_ROLE, name)
            it.setToolTip(op_tooltip(name))
            self.list.addItem(it)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(3)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        self.resize(220, 260)
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self.list.itemClicked.connect(lambda it: self._choose(it))
        self._filter("")

    def popup_at(self, global_pos: QPoint) -> None:
        self.move(global_pos)
        self.show()
        self.edit.setFocus()

    def visible_ops(self) -> list[str]:
        return [self.list.item(i).data(OP_ROLE) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def _filter(self, text: str) -> None:
        t = text.strip().lower()
        first = None
        exact = None
        for i in range(self.list.count()):
            it = self.list.item(i)
            op = it.data(OP_ROLE)
            spec = ops.OPS[op]
            names = (op, spec.title.lower(), spec.symbol.lower())
            hit = not t or any(t in n for n in names) or (op == "leaf" and t in "value leaf number")
            it.setHidden(not hit)
            if hit and first is None:
                first = it
            if hit and t in names and exact is None:
                exact = it
        self.list.setCurrentItem(exact or first)

    def _move(self, step: int) -> None:
        vis = [self.list.item(i) for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not vis:
            return
        cur = self.list.currentItem()
        i = vis.index(cur) if cur in vis else -1
        self.list.setCurrentItem(vis[max(0, min(len(vis) - 1, i + step))])

    def _choose(self, it: QListWidgetItem | None) -> None:
        if it is None or it.isHidden():
            return
        op = it.data(OP_ROLE)
        self.close()
        self.chosen.emit(op)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            k = event.key()
            if k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentItem())
                return True
            if k == Qt.Key.Key_Escape:
                self.close()
                return True
            if k == Qt.Key.Key_Down:
                self._move(1)
                return True
            if k == Qt.Key.Key_Up:
                self._move(-1)
                return True
        return super().eventFilter(obj, event)
