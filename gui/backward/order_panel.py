"""The Order dock: the backward pass's node order, with the current step
marked, each step under its group's row where the graph has groups
(gui/backward/order_tree.py). Clicking a row asks the animator to jump there
(a group's row: to its first step)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QStackedLayout,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.explain.forward_replay import ForwardReplay
from core.explain.replay import Replay
from core.explain.row_names import RowNames
from core.graph.groups import GroupSet
from gui.backward.order_delegate import StepLabelDelegate
from gui.backward.order_tree import GRAD_COL, OP_COL, ROW_H, OrderModel
from gui.common.dock_places import LEND, LEND_ASKED, LENDS, give_back
from gui.common.style import scale_text
from gui.common.whole_label import WholeLabel

__all__ = ["ROW_H", "OrderPanel"]
#: The node column narrower than this (px): the op column gives way to it
#: (the op is in each row's tooltip); a 1280 px window left "(…) n…]", the default
#: dock "ypred[2] · neu…" (a step named with its group needs about this).
NODE_MIN = 160
#: The node column keeps this many characters' width before the gradients' column
#: widens for its heading on one line ("∂(x.grad)/∂node"): narrower, on two.
NODE_KEEP = 12
#: A pass of more steps lists them flat, groups or not: a tree is built and
#: laid out row by row (~0.1 s more at the press of a pass of 50,000 steps).
TREE_MAX = 5_000
#: A pass of at most this many steps lists them with every group's row open:
#: each step in view to click (a trial: step 6 of the lecture's graph, in a
#: group's folded row, could not be jumped to before opening it). A longer
#: pass opens only the rows on the way to the current step.
OPEN_ALL = 40
#: How far a group's steps sit in from its group's row (px).
INDENT = 12
#: A node column narrower than this many characters' width: its rows' indent mostly given up.
NODE_TIGHT = 10
#: The list is never shorter than this many rows (fewer when the pass has
#: fewer), whole (a list a few pixels short of its rows scrolled them at the
#: last steps, leaving the "start" row half under the header: Qt lines the
#: last row up with the bottom). The window's first layout gives it room for
#: the lecture's first graph (start and 7 steps); when panels crowd the
#: column it gives way before Chain Rule, the step's explanation (a trial:
#: Gradient Flow and the Tutorial left that 4–6 lines), and keeps the
#: current step in view.
MIN_ROWS = 4
#: In Presentation Mode, at the pass's end, it lends its rows down to this many (the current
#: step's) to a panel asking for the room that shows all of a list: Gradient Flow's twelve bars
#: (dock_places.LENDS). It keeps them lent as the pass is stepped (lent and taken back at each
#: step, the column changed height at every step and Chain Rule's page was cut: review 73 #1),
#: and takes them back, from the panel it lent them to, when the pass changes.
LENT_ROWS = 1


def _two_lines(heading: str) -> list[str]:
    """``heading`` broken after its fraction's slash ("∂(x.grad)/" over "∂node")."""
    top, slash, rest = heading.partition("/∂")
    return [top + "/", "∂" + rest] if slash else [heading]


class WholeRows(QStackedLayout):
    """The list's place: where it cannot show every row, only as tall as its
    header and whole rows, the pixels left over under it (t72 #11: after End
    Qt lines the last row up with the list's bottom, and a list a part of a
    row short cut the "start" row in half under its header)."""

    def __init__(self, panel: OrderPanel) -> None:
        super().__init__()
        self._panel = panel

    def setGeometry(self, rect: QRect) -> None:
        t = self.currentWidget()
        if isinstance(t, QTableView | QTreeView):
            rect = QRect(rect.x(), rect.y(), rect.width(), self._panel.whole_rows(t, rect.height()))
        super().setGeometry(rect)


class OrderPanel(QWidget):
    """The list plus a one-line status ("step 3 of 7 · d passes −2 back")."""

    jump_requested = Signal(int)  # a position
    #: Esc (no modifier) in the list: the keys go back to the canvas, as from the f(x) bar,
    #: the Code panel and the Palette (trial 68: a key typed after a click in the list went nowhere)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenting = False  # (Presentation Mode: its rows lent to a list shown whole)
        self._lent = 0  # rows of MIN_ROWS lent (at this pass's end, till the pass changes)
        self.model = OrderModel(self)
        self.status = WholeLabel("Run Backward to see the order in which the chain rule visits the nodes.")
        self.status.setObjectName("order_status")
        self.status.installEventFilter(self)  # its width changed: its wrapped height is its minimum
        self._nested = QTreeView(self)
        self._nested.setUniformRowHeights(True)
        self._nested.setIndentation(INDENT)
        self._nested.setTreePosition(1)  # the steps in from their group's name, the numbers in line
        self._nested.setExpandsOnDoubleClick(False)  # (a double-click jumps, as a click does)
        self._nested.setItemDelegateForColumn(1, StepLabelDelegate(self._nested))
        self.model.is_open = self._nested.isExpanded  # (an open group's row carries no step number)
        for rows_changed in (self._nested.expanded, self._nested.collapsed, self.model.modelReset):
            rows_changed.connect(self._relayout)  # (the list as tall as whole rows: WholeRows)
        self._flat = QTableView(self)  # a pass without groups: a table asks nothing of rows off screen
        self._flat.verticalHeader().hide()
        self._flat.verticalHeader().setDefaultSectionSize(ROW_H)
        self._flat.setShowGrid(False)
        self._stack = WholeRows(self)
        self._fixed: dict[int, int] = {}  # column -> its width (the op column's when hidden too)
        self._last = 0  # the pass's last step (its number sets the step column's width)
        self._head = "grad"  # the gradients' column's heading ("∂(x.grad)/∂node" from a gradient's node)
        self._grad_w = self._head_w = self._split_w = 0  # its width for its numbers, its heading, on 2 lines
        self._measure()
        for t in (self._flat, self._nested):
            t.viewport().installEventFilter(self)  # its width changed (panel resized, scroll bar): refit
            t.installEventFilter(self)  # (Esc)
            t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setAlternatingRowColors(True)
            t.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "ypred[4]" keeps its "[4]"
            hh = t.header() if isinstance(t, QTreeView) else t.horizontalHeader()
            hh.setTextElideMode(Qt.TextElideMode.ElideNone)  # (Qt elided the two lines as one: _fit_columns)
            self._fit_header(t.header() if isinstance(t, QTreeView) else t.horizontalHeader())
            t.clicked.connect(self._clicked)
            t.activated.connect(self._clicked)
            self._stack.addWidget(t)
        self._flat.setModel(self.model)  # the tree is given it for a pass with groups only (it
        # lays out every row it is shown, hidden or not: 60 ms for a pass of 50,000 steps)
        self._fit_header(self._flat.horizontalHeader())
        self.table: QTableView | QTreeView = self._flat
        self.table.setObjectName("order_table")
        lay = self._layout = QVBoxLayout(self)
        for t in (self._flat, self._nested):
            t.horizontalScrollBar().rangeChanged.connect(self._bar_changed)  # (its bar shown or gone)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.status)
        lay.addLayout(self._stack, 1)
        self._footer: QWidget | None = None
        self._opened: list[QPersistentModelIndex] = []  # the group rows opened for the current step
        self._shown: tuple = (
            None,
            None,
            None,
            -1,
            None,
        )  # the replay shown, op names, groups, their revision, labels

    def _measure(self) -> None:
        """The fixed columns' widths and the rows' height, for the panel's font
        (the step column as wide as the pass's last number: "▶ 10720" was cut to "▶ …")."""
        fm = self.fontMetrics()
        last = self._last
        for col, sample in ((0, "▶ start"), (OP_COL, "tanh"), (GRAD_COL, "−0.0001234")):
            self._fixed[col] = fm.horizontalAdvance(sample) + 14
        self._fixed[0] = max(self._fixed[0], fm.horizontalAdvance(f"▶ {last}") + 14)
        self._grad_w = self._fixed[GRAD_COL]
        hm = self._flat.horizontalHeader().fontMetrics()
        self._head_w = hm.horizontalAdvance(self._head) + 20
        self._split_w = max(hm.horizontalAdvance(line) for line in _two_lines(self._head)) + 20
        self.model.row_h = max(ROW_H, fm.height() + 8)
        self._flat.verticalHeader().setDefaultSectionSize(self.model.row_h)

    def set_text_scale(self, scale: float) -> None:
        """The list's text ``scale`` times the app's (View › Presentation Mode)."""
        self._presenting, self._lent = scale != 1.0, 0
        scale_text(self, scale)
        self._fit_height()

    def _offer(self) -> None:
        """What it can lend (dock_places.LENDS): while presenting a pass, at its end (the
        staircase of bars whole), its rows down to ``LENT_ROWS``; else nothing (its least rows
        kept, as a lesson's other panels need them, and the column steady as the pass is stepped)."""
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            at_end = self.model.steps() and self.model.pos == self._last
            can = MIN_ROWS - self._lent - LENT_ROWS if self._presenting and at_end else 0
            dock.setProperty(LENDS, max(0, can) * self.model.row_h)

    def event(self, event: QEvent) -> bool:
        if event.type() == LEND:  # rows asked of it: its least that many rows lower (at this step)
            dock = self.parentWidget()
            asked = dock.property(LEND_ASKED) if isinstance(dock, QDockWidget) else 0
            rows = -(-int(asked or 0) // self.model.row_h)
            self._lent = min(MIN_ROWS - LENT_ROWS, self._lent + rows)
            self._fit_height()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # rows as tall as the text, columns as wide
            self._measure()
            for t in (self._flat, self._nested):
                self._fit_header(t.header() if isinstance(t, QTreeView) else t.horizontalHeader())
            if self._nested.model() is not None:
                self._nested.doItemsLayout()
            self._fit_columns()
            self._fit_height()
            self._fit_status()
            if self.model.steps():  # (rows taller now: the current one kept in view, a trial)
                QTimer.singleShot(0, self, lambda: self.table.scrollTo(self.table.currentIndex()))

    def _fit_header(self, hh: QHeaderView) -> None:
        """Fixed widths: sizing columns to their contents would read every
        row on every step, which a graph of thousands of nodes cannot afford."""
        hh.setStretchLastSection(False)
        if hh.count() < len(self._fixed) + 1:  # (no model yet: set when it comes)
            return
        for col, width in self._fixed.items():
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            hh.resizeSection(col, width)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def eventFilter(self, obj, event) -> bool:
        if (
            obj in (self._flat, self._nested)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        ):
            self.escaped.emit()
            return True
        if event.type() == QEvent.Type.Resize:
            if obj is self.status:
                self._fit_status()
            else:
                self._fit_columns()
                if event.size().height() < event.oldSize().height() and self.model.steps():
                    # shorter (the column shared out again): the current step kept whole in view
                    # (a trial's last row was cut at the list's bottom edge)
                    QTimer.singleShot(0, self, lambda: self.table.scrollTo(self.table.currentIndex()))
        return False

    def _fit_status(self) -> None:
        """The status's wrapped lines as its minimum height: a dock's layout
        asks no height for a width, so a second line was not counted and the
        list ran under the legend (Presentation Mode's text in a 1280 px window)."""
        s = self.status
        if s.width() > 0:
            s.setMinimumHeight(0)  # (a label's height for a width keeps to its minimum)
            s.setMinimumHeight(s.heightForWidth(s.width()))

    def _fit_columns(self) -> None:
        """The gradients' column as wide as its heading on one line where the node
        column keeps ``NODE_KEEP`` characters, else its heading on two lines (the
        gradient graph's "∂(x.grad)/∂" read as cut off; "∂(x.grad)/∂node" on one line
        left the node column "x…d"); the op column shown only where it leaves the node
        column readable."""
        t = self.table
        room = t.viewport().width()
        left = room - self._fixed[0] - NODE_KEEP * self.fontMetrics().averageCharWidth()
        one = self._head_w <= max(left, self._grad_w)
        grad = max(self._grad_w, min(self._head_w if one else self._split_w, max(left, 0)))
        hm, lines = (
            self._flat.horizontalHeader().fontMetrics(),
            [self._head] if one else _two_lines(self._head),
        )
        middle = Qt.TextElideMode.ElideMiddle  # (a long one: "∂(w1.…d)/" over "∂node")
        self.model.set_heading(None if one else "\n".join(hm.elidedText(s, middle, grad - 20) for s in lines))
        if grad != self._fixed[GRAD_COL]:
            self._fixed[GRAD_COL] = grad
            for view in (self._flat, self._nested):
                hh = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
                if hh.count() > GRAD_COL:
                    hh.resizeSection(GRAD_COL, grad)
        narrow = room - sum(self._fixed.values()) < NODE_MIN
        if narrow != t.isColumnHidden(OP_COL):
            t.setColumnHidden(OP_COL, narrow)
        # a node column of a few characters (Presentation Mode's text at 1024 px) gives up most of
        # its steps' indent under their groups to their names (trial 73 #1: "n…]", "w…]")
        tight = (
            room - sum(w for c, w in self._fixed.items() if c != OP_COL)
            < NODE_TIGHT * self.fontMetrics().averageCharWidth()
        )
        self._nested.setIndentation(INDENT // 2 if tight else INDENT)

    def add_footer(self, w: QWidget) -> None:
        """A widget under the list (the gradient colour legend)."""
        self._layout.addWidget(w)
        self._footer = w

    def set_replay(
        self, replay: Replay | ForwardReplay | None, op_of=None, groups: GroupSet | None = None, labels=None
    ) -> None:
        """``groups``: the graph's; where some step is in one, each step is
        under its group's row, the groups open on the way to the current
        step (built again when groups are made or removed mid-pass);
        ``labels()``: every node's (id, label), to tell apart rows that read
        the same as the banner does (trial 51: two rows "exp(2*n)")."""
        lent = self._lent if replay is not self._shown[0] else 0  # (a new pass: its rows back)
        self._lent -= lent
        self._shown = (replay, op_of, groups, groups.revision if groups is not None else -1, labels)
        was, self._last = self._fixed.get(0), replay.last if replay is not None else 0
        self._head = replay.column if replay is not None else "grad"
        self._measure()
        if self._fixed.get(0) != was:  # (a pass of more digits: its step column wider)
            for t in (self._flat, self._nested):
                self._fit_header(t.header() if isinstance(t, QTreeView) else t.horizontalHeader())
        nested = (
            replay is not None
            and groups is not None
            and len(groups) > 0
            and replay.last <= TREE_MAX
            and any(groups.group_of(s.node) is not None for s in replay.steps)
        )
        if not nested and self._nested.model() is not None:
            self._nested.setModel(None)  # (Qt takes None: no model)
        self._opened = []
        names = None
        if replay is not None and labels is not None:
            names = RowNames(replay.row_label, replay.result.order.__iter__, labels, groups)
        self.model.set_replay(replay, op_of, groups if nested else None, names)
        if nested and self._nested.model() is None:
            self._nested.setModel(self.model)
            self._fit_header(self._nested.header())
        if nested and self.model.steps() <= OPEN_ALL + 1:
            self._nested.expandAll()
        view = self._nested if nested else self._flat
        if view is not self.table:
            self.table.setObjectName("")
            self.table = view
            view.setObjectName("order_table")
            self._stack.setCurrentWidget(view)
        self._fit_columns()  # (its heading's width too)
        self._fit_height()
        dock = self.parentWidget()
        if lent and isinstance(dock, QDockWidget):  # (from the panel that had them: not Chain Rule)
            give_back(dock, lent * self.model.row_h)
        if replay is None:
            self.status.setText("Run Backward to see the order in which the chain rule visits the nodes.")
            self._fit_status()

    def _fit_height(self) -> None:
        """Room for ``MIN_ROWS`` rows (less those lent) and the header, whole."""
        t = self.table
        rows = min(MIN_ROWS - self._lent, self.model.rowCount())
        hh = t.header() if isinstance(t, QTreeView) else t.horizontalHeader()
        need = hh.sizeHint().height() + rows * self.model.row_h + 2 * t.frameWidth() if rows else 0
        bar = t.horizontalScrollBar()
        if rows and (bar.isVisible() or bar.maximum() > 0):  # (its rows whole over the bar: review 72b #3)
            need += bar.sizeHint().height()
        for view in (self._flat, self._nested):
            view.setMinimumHeight(need)
        self._offer()

    def _bar_changed(self, *_args: object) -> None:
        self._fit_height()
        self._relayout()

    def _relayout(self, *_args: object) -> None:
        self._layout.invalidate()

    def whole_rows(self, t: QTableView | QTreeView, height: int) -> int:
        """The height of ``t`` at most ``height`` that shows its header and whole rows: ``height``
        where every row fits, else less by the part of a row."""
        row = self.model.row_h
        hh = t.header() if isinstance(t, QTreeView) else t.horizontalHeader()
        chrome = hh.sizeHint().height() + 2 * t.frameWidth()
        bar = t.horizontalScrollBar()
        if bar.isVisible() or bar.maximum() > 0:  # (shown, or about to be: its range says the rows are
            chrome += bar.sizeHint().height()  # wider than the list; counted before it shows: review 72b #3)
        room = height - chrome
        if room <= 0 or self._rows_shown(t) * row <= room:
            return height
        return chrome + room // row * row

    def _rows_shown(self, t: QTableView | QTreeView) -> int:
        """How many rows the list lays out (a tree's: those of its open groups too)."""
        m = self.model
        if not isinstance(t, QTreeView):
            return m.rowCount()
        count, todo = 0, [QModelIndex()]
        while todo:
            parent = todo.pop()
            for r in range(m.rowCount(parent)):
                count += 1
                child = m.index(r, 0, parent)
                if m.rowCount(child) and t.isExpanded(child):
                    todo.append(child)
        return count

    def set_pos(self, pos: int, status: str = "") -> None:
        replay, op_of, groups, revision, labels = self._shown
        if groups is not None and replay is not None and groups.revision != revision:
            self.set_replay(replay, op_of, groups, labels)  # grouped or ungrouped mid-pass
        self.model.set_pos(pos)
        self._offer()  # (rows to lend at the pass's end only)
        if status and status != self.status.text():
            self.status.setText(status)
            self._fit_status()
        if self.model.steps():
            idx = self.model.index_of(pos)
            self._open_to(idx)
            sel = self.table.selectionModel()
            # current too, so the focus frame a click on a group's row left moves on with the pass
            sel.setCurrentIndex(idx, sel.SelectionFlag.ClearAndSelect | sel.SelectionFlag.Rows)
            self.table.scrollTo(idx)
        self.table.viewport().update()  # every row shows the new position (done, current)

    def _open_to(self, idx) -> None:
        """The groups' rows on the way to the current step open; those it
        opened for an earlier step fold again (one the user opened stays)."""
        path = []
        parent = idx.parent()
        while parent.isValid():
            path.append(QPersistentModelIndex(parent))
            parent = parent.parent()
        tree, was = self._nested, self._opened
        for p in was:
            if p.isValid() and p not in path:
                tree.collapse(self.model.index(p.row(), 0, p.parent()))
        self._opened = [
            p
            for p in reversed(path)
            if p in was or not tree.isExpanded(self.model.index(p.row(), 0, p.parent()))
        ]
        for p in self._opened:
            tree.expand(self.model.index(p.row(), 0, p.parent()))

    def _clicked(self, index) -> None:
        if isinstance(index, QPersistentModelIndex) or index.isValid():
            self.jump_requested.emit(self.model.pos_of(index))
