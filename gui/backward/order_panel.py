"""The Order dock: the backward pass's node order, with the current step marked.

Row 0 is the start (only the root's gradient, 1); row ``k + 1`` is step ``k``.
Clicking a row asks the animator to jump there. The rows are a table model,
so a graph of thousands of nodes costs nothing until rows are on screen.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.autograd import ops
from core.explain.format import fmt, fmt_full
from core.explain.forward_replay import ForwardReplay
from core.explain.replay import Replay
from gui.common import grad_colors

_CURRENT_BG = QColor("#ffedd5")
_DONE_FG = QColor("#6b7280")
_GROUP_FG = QColor("#7c8594")
COLUMNS = ("#", "node", "op", "grad")
GRAD_COL = 3
#: The node column's two parts, for :class:`NodeCellDelegate`: its label and its group.
LABEL_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
#: A row's height (px): one line, or two (the node, its group under it).
ROW_H = 22
ROW_H_GROUPS = 36
#: The node column narrower than this (px): the op column gives way to it
#: (the op is in each row's tooltip); a 1280 px window left "(…) n…]".
NODE_MIN = 96
OP_COL = 2


class OrderModel(QAbstractTableModel):
    """Rows of one replay at one position."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replay: Replay | ForwardReplay | None = None
        self.pos = 0
        self._op = lambda n: "leaf"
        self._group = lambda n: ""

    def set_replay(self, replay: Replay | ForwardReplay | None, op_of=None, group_of=None) -> None:
        """Show ``replay``; ``op_of(node)`` names a node's op and
        ``group_of(node)`` the groups it is in ("" when none)."""
        self.beginResetModel()
        self.replay = replay
        self.pos = 0
        if replay is None:  # let go of the old document's model (its bound methods held it)
            self._op, self._group = (lambda n: "leaf"), (lambda n: "")
        if op_of is not None:
            self._op = op_of
        if group_of is not None:
            self._group = group_of
        self.endResetModel()

    def set_pos(self, pos: int) -> None:
        self.pos = pos
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def current_row(self) -> int:
        """The row marked current (the start row at position 0)."""
        return self.pos

    # -------------------------------------------------------------- Qt API
    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.replay is None:
            return 0
        return self.replay.last + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == GRAD_COL and self.replay is not None:
                return self.replay.quantity  # grad, or d/da in forward mode
            return COLUMNS[section]
        return None

    def node_at(self, row: int) -> str | None:
        """The node of ``row`` (the root for the start row)."""
        if self.replay is None:
            return None
        return self.replay.root if row == 0 else self.replay.steps[row - 1].node

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        rp = self.replay
        if rp is None or not index.isValid():
            return None
        row, col = index.row(), index.column()
        node = self.node_at(row)
        current = row == self.pos
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return ("▶ " if current else "") + ("start" if row == 0 else str(row))
            if col == 1:
                if not row:
                    return rp.start_text
                group = self._group(node)
                return f"{rp.label(node)}  · {group.rsplit(' › ', 1)[-1]}" if group else rp.label(node)
            if col == 2:
                return "" if row == 0 else ops.OPS[self._op(node)].symbol
            if col == 3:
                g = rp.grad(node, self.pos)
                return "" if g is None else fmt(g)
        elif role in (LABEL_ROLE, GROUP_ROLE) and col == 1 and row:
            if role == LABEL_ROLE:
                return rp.label(node)
            return self._group(node).rsplit(" › ", 1)[-1]
        elif role == Qt.ItemDataRole.ToolTipRole:
            if row == 0:
                return f"start: {rp.start_text}"
            step = rp.steps[row - 1]
            g = rp.grad(node, self.pos)
            lines = [f"step {row}: {rp.label(node)} ({ops.OPS[self._op(node)].title})"]
            if self._group(node):
                lines.append(f"in {self._group(node)}")
            if isinstance(rp, ForwardReplay):
                lines += [rp.flow_text(rp.steps[row - 1], p) for p in rp.steps[row - 1].live_ports]
            elif step.inputs:
                lines += [rp.flow_text(step, p) for p in range(len(step.inputs))]
            else:
                lines.append("a leaf: it passes nothing on")
            if g is not None:
                lines.append(f"{rp.quantity} now: {fmt_full(g)}")
                why = rp.nonfinite_origin(node, self.pos)
                if why:
                    lines.append(f"not finite: {why}")
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.FontRole and current:
            f = QFont()
            f.setBold(True)
            return f
        elif role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(_CURRENT_BG)
        elif role == Qt.ItemDataRole.ForegroundRole:
            if col == 3:
                return QBrush(grad_colors.text_color(rp.grad(node, self.pos)))
            if row < self.pos:
                return QBrush(_DONE_FG)
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class NodeCellDelegate(QStyledItemDelegate):
    """The node column of a graph with groups (its rows two lines tall): the
    label, and under it its group in grey and a little smaller, each
    shortened in its middle only if it must be (one line cut "ypred[4]  ·
    layer 3 [4]" to "ypred[4] · …"); the tooltip holds both whole."""

    def paint(self, painter, option, index) -> None:
        group = index.data(GROUP_ROLE)
        if not group:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(3, 0, -3, 0)
        small = QFont(opt.font)
        small.setPointSizeF(opt.font.pointSizeF() * 0.9)
        label, group = node_cell_texts(
            opt.fontMetrics, QFontMetrics(small), str(index.data(LABEL_ROLE)), group, r.width()
        )
        half = int(r.height() / 2)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        if selected:
            color = opt.palette.color(opt.palette.ColorRole.HighlightedText)
        else:
            color = fg.color() if isinstance(fg, QBrush) else opt.palette.color(opt.palette.ColorRole.Text)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(color)
        painter.drawText(r.adjusted(0, 0, 0, -half), left, label)
        if selected:  # on the highlight: its text colour, softened
            color = QColor(color)
            color.setAlphaF(0.75)
        painter.setPen(color if selected else _GROUP_FG)
        painter.setFont(small)
        painter.drawText(r.adjusted(0, half - 1, 0, 0), left, group)
        painter.restore()


def node_cell_texts(
    fm: QFontMetrics, group_fm: QFontMetrics, label: str, group: str, width: int
) -> tuple[str, str]:
    """The label and the group's name as they fit ``width`` px, each on its
    own line, shortened in the middle only if it must be (keeping "[4]")."""
    mid = Qt.TextElideMode.ElideMiddle
    return fm.elidedText(label, mid, width), group_fm.elidedText(group, mid, width)


class _Table(QTableView):
    """The table, telling when the width its rows have changed (the columns
    are refitted): the panel resized, or the scroll bar came or went."""

    resized = Signal()

    def viewportEvent(self, event) -> bool:
        done = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.resized.emit()
        return done


class OrderPanel(QWidget):
    """The table plus a one-line status ("step 3 of 7 · d passes −2 back")."""

    jump_requested = Signal(int)  # a position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OrderModel(self)
        self.status = QLabel("Run Backward to see the order in which the chain rule visits the nodes.")
        self.status.setObjectName("order_status")
        self.status.setWordWrap(True)
        self.table = _Table(self)
        self.table.resized.connect(self._fit_columns)
        self.table.setObjectName("order_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        # fixed widths: sizing columns to their contents would read every row
        # on every step, which a graph of thousands of nodes cannot afford
        hh = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        self._fixed: dict[int, int] = {}  # column -> its width (the op column's when hidden too)
        for col, sample in ((0, "▶ start"), (OP_COL, "tanh"), (GRAD_COL, "−0.0001234")):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self._fixed[col] = fm.horizontalAdvance(sample) + 14
            hh.resizeSection(col, self._fixed[col])
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._node_cells = NodeCellDelegate(self.table)
        self.table.setItemDelegateForColumn(1, self._node_cells)
        self.table.verticalHeader().setDefaultSectionSize(ROW_H)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        lay = self._layout = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        self._footer: QWidget | None = None

    def _fit_columns(self) -> None:
        """Show the op column only where it leaves the node column readable."""
        narrow = self.table.viewport().width() - sum(self._fixed.values()) < NODE_MIN
        if narrow != self.table.isColumnHidden(OP_COL):
            self.table.setColumnHidden(OP_COL, narrow)

    def add_footer(self, w: QWidget) -> None:
        """A widget under the table (the gradient colour legend)."""
        self._layout.addWidget(w)
        self._footer = w

    def set_replay(self, replay: Replay | ForwardReplay | None, op_of=None, group_of=None) -> None:
        """``group_of`` given (the graph has groups): rows two lines tall,
        the step's node and, under it, its group."""
        self.model.set_replay(replay, op_of, group_of)
        two = group_of is not None and replay is not None
        self.table.verticalHeader().setDefaultSectionSize(ROW_H_GROUPS if two else ROW_H)
        if replay is None:
            self.status.setText("Run Backward to see the order in which the chain rule visits the nodes.")

    def set_pos(self, pos: int, status: str = "") -> None:
        self.model.set_pos(pos)
        if status:
            self.status.setText(status)
        if self.model.rowCount():
            idx = self.model.index(pos, 0)
            self.table.selectionModel().select(
                idx,
                self.table.selectionModel().SelectionFlag.ClearAndSelect
                | self.table.selectionModel().SelectionFlag.Rows,
            )
            self.table.scrollTo(idx)

    def _clicked(self, index) -> None:
        if isinstance(index, QPersistentModelIndex) or index.isValid():
            self.jump_requested.emit(index.row())
