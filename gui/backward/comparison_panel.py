"""The Forward vs Reverse dock: what each mode costs to get every
d root / d leaf (passes and wire visits, side by side) and, leaf by leaf,
that forward mode's tangent of the root equals reverse mode's gradient."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from core.explain.format import fmt, fmt_full
from core.graph.mode_cost import ModeComparison
from gui.backward.result_panel import COPY_ROLE, summary_beside_table

_GOOD, _BAD = QColor("#15803d"), QColor("#b91c1c")
COLUMNS = ("leaf", "forward: ∂{root}/∂leaf", "reverse: leaf.grad", "", "wires its forward pass visits")


class ComparisonPanel(QWidget):
    """Shows one :class:`ModeComparison` (or a hint)."""

    HINT = (
        "Forward mode gets d(everything)/d(one leaf) per pass; reverse mode (backprop) gets "
        "d(root)/d(every leaf) in one pass. Press Compare to count both on this graph."
    )
    run_requested = Signal()
    forward_requested = Signal(str)  # a leaf: show its forward pass

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self.HINT)
        self.summary.setObjectName("comparison_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("comparison_table")
        self.table.setHorizontalHeaderLabels([h.format(root="root") for h in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(False)
        self.table.setToolTip("Double-click a leaf (or select it and press Enter) to watch its forward pass")
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.table.installEventFilter(self)  # Enter on a row too (trial 68: only a double-click did)
        self.button = QPushButton("Compare")
        self.button.setObjectName("comparison_run")
        self.button.setToolTip("Run reverse mode once and forward mode once per leaf, and count the work")
        self.button.clicked.connect(self.run_requested)
        self.shape = summary_beside_table(self, self.summary, self.button, self.table)
        self.result: ModeComparison | None = None
        self._label = str

    def show_hint(self, text: str | None = None) -> None:
        self.result = None
        self.summary.setText(html.escape(text or self.HINT))
        self.table.setRowCount(0)
        self.name_root(None)

    def name_root(self, name: str | None) -> None:
        """The empty table's columns named for the root ``name`` Compare would take (None: "root"),
        not the previous graph's (t65 #4: "forward: ∂o/∂leaf" over a graph whose output is L)."""
        if not self.table.rowCount():
            self.table.setHorizontalHeaderLabels([h.format(root=name or "root") for h in COLUMNS])

    def show_result(self, c: ModeComparison, label) -> None:
        self.result, self._label = c, label
        root = html.escape(label(c.root))
        n = c.forward_passes
        verdict = (
            f"<span style='color:{_GOOD.name()}'>✓ all {n} agree</span>"
            if c.all_agree
            else f"<span style='color:{_BAD.name()}'>✗ some differ</span>"
        )
        self.summary.setText(
            f"<b>∂{root}/∂leaf for all {n} lea{'f' if n == 1 else 'ves'}:</b>"
            "<table cellspacing='0' cellpadding='3'>"
            "<tr><td></td><th align='right'>passes</th><th align='right'>wire visits</th></tr>"
            f"<tr><td>forward mode (one pass per leaf)</td><td align='right'>{n}</td>"
            f"<td align='right'>{c.forward_edge_visits}</td></tr>"
            f"<tr><td>reverse mode (backprop)</td><td align='right'>{c.reverse_passes}</td>"
            f"<td align='right'>{c.reverse_edge_visits}</td></tr></table>"
            f"Same numbers both ways: {verdict} (forward mode's tangent of {root} = Backward's gradient)."
        )
        t = self.table
        t.setHorizontalHeaderLabels([h.format(root=label(c.root)) for h in COLUMNS])
        t.setRowCount(len(c.leaves))
        for r, cost in enumerate(c.leaves):
            mark = "✓" if cost.agree else "✗"
            cells = (label(cost.leaf), fmt(cost.tangent), fmt(cost.grad), mark, str(cost.edge_visits))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (1, 2, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col in (1, 2):  # the numbers copied whole, as the Hessian's
                    v = cost.tangent if col == 1 else cost.grad
                    item.setToolTip(fmt_full(v))
                    item.setData(COPY_ROLE, repr(float(v + 0.0)))
                elif col == 3:
                    item.setForeground(QBrush(_GOOD if cost.agree else _BAD))
                item.setData(Qt.ItemDataRole.UserRole, cost.leaf)
                t.setItem(r, col, item)

    def height_missing(self) -> int:
        """How many pixels taller the panel must be to show its words and every row (0: it does)."""
        return max(0, self.shape.need() - self.height())

    def mark_out_of_date(self) -> None:
        if self.result is not None and not self.summary.text().startswith("Out of date"):
            self.summary.setText(
                "Out of date: the graph changed since. Press Compare again.<br>" + self.summary.text()
            )
            self.table.setEnabled(False)
        self.result = None

    def mark_current(self) -> None:
        self.table.setEnabled(True)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter on the selected row starts that leaf's forward pass, as a double-click does."""
        if (
            obj is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            row = self.table.currentRow()
            item = self.table.item(row, 0) if row >= 0 else None
            if item is not None and item.isSelected():
                self._double_clicked(row, 0)
                return True
        return super().eventFilter(obj, event)

    def _double_clicked(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None and self.table.isEnabled():
            self.forward_requested.emit(item.data(Qt.ItemDataRole.UserRole))
