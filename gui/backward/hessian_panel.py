"""The Hessian dock: the root's second derivatives as a coloured table,
the gradient beside them (Backward › Show Hessian)."""

from __future__ import annotations

import html
import math
from collections import Counter

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
from core.explain.names import data_and_constants
from core.explain.words import listed
from core.graph.hessian import HessianResult
from gui.backward.result_panel import COPY_ROLE, summary_beside_table
from gui.common import grad_colors

#: More leaves than this are not tabulated (the table would be unreadable).
MAX_LEAVES = 120
#: A Hessian table of at most this many leaves is computed by itself and again after each edit
#: (gui/backward/forward_mode.py; trial 58 #14: "Out of date… Press Compute again" with 4 leaves).
AUTO_LEAVES = 8


def cell_color(v: float, scale: float) -> QColor:
    """Red for positive, blue for negative, stronger for larger |v| (as the
    gradient colours, on this table's own scale)."""
    if not math.isfinite(v):
        c = QColor(grad_colors.NONFINITE)
        c.setAlpha(70)
        return c
    if v == 0.0:
        return QColor(0, 0, 0, 0)
    c = QColor(grad_colors.POSITIVE if v > 0 else grad_colors.NEGATIVE)
    c.setAlpha(round(20 + 130 * min(1.0, abs(v) / scale)))
    return c


#: The headers of constants' rows and columns (the canvas's "const" tag grey).
CONST_GREY = "#6b7280"


def header_names(leaves: list[str], label) -> list[str]:
    """The leaves' labels, each label that several leaves share followed by
    the id ("1 (id one)", "1 (id one_b)"): two columns both headed "1" could not be
    told apart (said to be an id: "x1 (x2)" read as another leaf's name, trial 49)."""
    labels = [label(n) for n in leaves]
    shared = {x for x, k in Counter(labels).items() if k > 1}  # (not a count a leaf: 20,000 leaves took 5 s)
    return [f"{x} (id {n})" if x in shared and x != n else x for x, n in zip(labels, leaves, strict=True)]


def constants_note(names: list[str]) -> str:
    """The summary's words for the constants, leaves labelled with their
    number as imported code's are ("2 and 1 (id one) are constants ...")."""
    if not names:
        return ""
    verb = "is a constant" if len(names) == 1 else "are constants"
    return f" {html.escape(listed(names))} {verb} (in italics): numbers of the code, not trainable."


def data_note(names: list[str]) -> str:
    """The summary's words for the other leaves not trainable: data, as
    Mark as Data marks them (trial 65 #7: the lecture's x1 and x2, a file's
    inputs, were called "numbers of the code")."""
    if not names:
        return ""
    verb = "is data" if len(names) == 1 else "are data"
    return f" {html.escape(listed(names))} {verb} (in italics): not trainable, held still by Train."


#: Leaves the summary names among those left out; more are counted (a file of thousands).
MAX_UNUSED_NAMED = 6


def unused_note(names: list[str]) -> str:
    """The summary's words for the leaves the root does not depend on (left out of the table)."""
    if not names:
        return ""
    verb = "does" if len(names) == 1 else "do"
    if len(names) > MAX_UNUSED_NAMED:
        rest = len(names) - (MAX_UNUSED_NAMED - 1)
        names = [*names[: MAX_UNUSED_NAMED - 1], f"{rest:,} other leaves"]
    return f" {html.escape(listed(names))} {verb} not affect it (second derivatives all 0): not shown."


class HessianPanel(QWidget):
    HINT = (
        "The Hessian: how each gradient changes when a leaf changes, ∂²root/∂leaf∂leaf. "
        "It is computed by running backward on the gradients themselves (reverse over reverse). "
        f"Press Compute for the output's table; one of at most {AUTO_LEAVES} leaves shows here by itself."
    )
    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self.HINT)
        self.summary.setObjectName("hessian_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("hessian_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.button = QPushButton("Compute")
        self.button.setObjectName("hessian_run")
        self.button.clicked.connect(self.run_requested)
        self.shape = summary_beside_table(self, self.summary, self.button, self.table)
        self.result: HessianResult | None = None

    def show_hint(self, text: str | None = None) -> None:
        self.result = None
        self.summary.setText(text or self.HINT)
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.table.setEnabled(True)

    def empty(self) -> bool:
        """Whether it shows no table, only words (its hint or why there is none), not one out of date."""
        return self.result is None and self.table.rowCount() == 0

    def show_result(
        self, r: HessianResult, label, constant=None, every_leaf=None, follows: bool = False, name=None
    ) -> None:
        """``r`` as a table, its leaves (those the root depends on, as the
        CLI's table: one it does not depend on was a row and a column of
        zeros) named by ``label``; those for which ``constant`` says True
        (not trainable) marked so, in the summary and in grey italics (the
        neuron's 2, 1 and 1 read as three more inputs): a constant of code
        (labelled with its number), else data. ``every_leaf``: the
        file's leaves, named alike, those not in the table told as not
        affecting the root (default ``r.leaves``). ``follows``: it is computed again after
        each edit, and the summary says so."""
        self.result = r
        root = label(r.root)
        leaves = r.leaves
        file_leaves = r.leaves if every_leaf is None else every_leaf
        # (named alike in the table and the summary)
        every = dict(zip(file_leaves, header_names(file_leaves, name or label), strict=True))
        names = [every[leaf] for leaf in leaves]
        gradient, matrix = r.gradient, r.hessian
        shown = set(leaves)
        others = [every[leaf] for leaf in file_leaves if leaf not in shown]
        consts = [i for i, leaf in enumerate(leaves) if constant is not None and constant(leaf)]
        # a constant of code is labelled with its number ("2", "1"); any other is data (x1, x2)
        data, literal = data_and_constants((i, label(leaves[i])) for i in consts)
        n = len(names)
        sym = all(
            matrix[i][j] == matrix[j][i] or math.isclose(matrix[i][j], matrix[j][i], rel_tol=1e-9)
            for i in range(n)
            for j in range(i)
        )
        self.summary.setText(
            f"<b>∂²{html.escape(root)}/∂row ∂column</b> for the {n} lea{'f' if n == 1 else 'ves'} it "
            f"depends on, beside the gradient ∂{html.escape(root)}/∂leaf. Row i is what Backward gives "
            f"when run from leaf i's gradient (Build Gradient Graph shows that graph). "
            + ("Symmetric, as second derivatives are." if sym else "")
            + constants_note([names[i] for i in literal])
            + data_note([names[i] for i in data])
            + unused_note(others)
            + (" Computed again after each edit." if follows else "")
        )
        t = self.table
        t.clear()
        t.setRowCount(n)
        t.setColumnCount(n + 1)
        t.setHorizontalHeaderLabels([f"∂{root}/∂leaf", *names])
        t.setVerticalHeaderLabels(names)
        for i in consts:
            for head in (t.horizontalHeaderItem(i + 1), t.verticalHeaderItem(i)):
                if head is None:
                    continue
                f = head.font()
                f.setItalic(True)
                head.setFont(f)
                head.setForeground(QBrush(QColor(CONST_GREY)))
                what = "a constant" if i in literal else "data"
                head.setToolTip(f"{names[i]} is {what} (not trainable), not a parameter")
        finite = [abs(v) for row in matrix for v in row if math.isfinite(v)]
        scale = max(finite, default=0.0) or 1.0
        gscale = max((abs(v) for v in gradient if math.isfinite(v)), default=0.0) or 1.0
        for i in range(n):
            self._cell(i, 0, gradient[i], gscale, f"∂{root}/∂{names[i]}", bold=True)
            for j in range(n):
                self._cell(i, j + 1, matrix[i][j], scale, f"∂²{root}/∂{names[i]}∂{names[j]}")
        self._fit_columns()
        t.setEnabled(True)

    def _fit_columns(self) -> None:
        """The columns as wide as their numbers; the matrix's one width, its
        widest's (a trial: w2's, all zeros, a sliver beside the others)."""
        t = self.table
        t.resizeColumnsToContents()
        widest = max((t.columnWidth(j) for j in range(1, t.columnCount())), default=0)
        for j in range(1, t.columnCount()):
            t.setColumnWidth(j, widest)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (Presentation Mode's larger text: measured anew)
            self._fit_columns()

    def _cell(self, row: int, col: int, v: float, scale: float, what: str, bold: bool = False) -> None:
        item = QTableWidgetItem(fmt(v + 0.0))  # -0.0 reads as 0 (the tooltip keeps the sign)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setBackground(QBrush(cell_color(v, scale)))
        item.setToolTip(f"{what} = {fmt_full(v)}")
        item.setData(COPY_ROLE, repr(float(v + 0.0)))  # copied whole, for a spreadsheet
        if bold:
            f = item.font()
            f.setBold(True)
            item.setFont(f)
        self.table.setItem(row, col, item)

    def height_missing(self) -> int:
        """How many pixels taller the panel must be to show its words and every row (0: it does)."""
        return max(0, self.shape.need() - self.height())

    def mark_out_of_date(self) -> None:
        if self.result is not None:
            self.summary.setText("Out of date: the graph changed since. Press Compute again.")
            self.table.setEnabled(False)
            self._fade()
        self.result = None

    def _fade(self) -> None:
        """The cells' colours a quarter as strong: the disabled table's grey
        numbers stay readable on them (a trial: "6" and "−4" on full red and blue)."""
        t = self.table
        for r in range(t.rowCount()):
            for c in range(t.columnCount()):
                item = t.item(r, c)
                if item is not None:
                    bg = item.background().color()
                    bg.setAlpha(bg.alpha() // 4)
                    item.setBackground(QBrush(bg))
