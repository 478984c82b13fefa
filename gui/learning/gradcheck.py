"""The Gradient check dock: a table of analytic vs. numeric gradients."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.explain.format import fmt, fmt_full, parse_number
from core.explain.words import counted
from core.graph.errors import GraphError
from core.learn import gradcheck
from gui.host import Host
from gui.learning.table import result_table, show_current, show_out_of_date
from gui.learning.text import problem

BAD_ROW = QColor("#fdecec")
ERROR_STYLE = "color: #b91c1c;"
SLICE_SECONDS = 0.05  # checking work between two looks at the event queue
COLUMNS = ("Leaf", "Analytic", "Numeric", "Abs error", "Rel error", "")
#: Said over the table while Quiz Mode asks (t71 #5: its Analytic column held the quiz's answers).
QUIZ_NOTE = (
    "Quiz Mode is asking for these gradients: the Analytic and Numeric columns are hidden "
    "until the quiz ends."
)
#: The columns that give a gradient away (Numeric is it to six digits).
ANSWER_COLUMNS = (1, 2)
INTRO = (
    "Compares each leaf's gradient from backward with a central finite "
    "difference. Select leaves to check only those."
)


class GradCheckPanel(QWidget):
    """Checks the selected leaves (or all of them) of the output's graph."""

    checked = Signal(object)  # GradCheckResult
    node_activated = Signal(str)

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.setObjectName("learn_gradcheck_panel")
        self.host = host
        self.h = QLineEdit(f"{gradcheck.DEFAULT_H:g}")
        self.h.setObjectName("learn_gradcheck_h")
        self.h.setToolTip("Finite-difference step: numeric = (f(x + h) − f(x − h)) / 2h")
        self.run_button = QPushButton("Check gradients")
        self.run_button.setObjectName("learn_gradcheck_run")
        self.summary = QLabel(INTRO)
        self.summary.setObjectName("learn_gradcheck_summary")
        self.summary.setWordWrap(True)
        self.table = result_table("learn_gradcheck_table", COLUMNS)
        self.quiz_note = QLabel(QUIZ_NOTE)
        self.quiz_note.setObjectName("learn_gradcheck_quiz_note")
        self.quiz_note.setWordWrap(True)
        self.quiz_note.setStyleSheet("color: #b45309;")
        self.quiz_note.hide()
        # a row's note (a kink: "not differentiable at x = 0: …") under the table, wrapped: in
        # its last column it ran off the dock's right edge, read only by scrolling sideways (t75 #9)
        self.notes = QLabel()
        self.notes.setObjectName("learn_gradcheck_notes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.hide()
        form = QFormLayout()
        form.addRow("Step h:", self.h)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.run_button)
        lay.addWidget(self.summary)
        lay.addWidget(self.quiz_note)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)
        self.run_button.clicked.connect(self.run)
        self.h.returnPressed.connect(self.run)
        self.table.cellDoubleClicked.connect(self._activated)
        self.result: gradcheck.GradCheckResult | None = None
        self._check: gradcheck.GradCheck | None = None
        self._rows: Iterator[gradcheck.GradCheckRow] | None = None
        self._which = ""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)
        host.document.graph_changed.connect(self._on_graph_changed)

    @property
    def running(self) -> bool:
        return self._check is not None

    def run(self) -> gradcheck.GradCheckResult | None:
        """Start a check (or stop the one running); small graphs finish at once,
        big ones run a slice at a time so the window stays responsive."""
        if self.running:
            self.cancel("Stopped.")
            return None
        m = self.host.model
        try:
            h = parse_number(self.h.text())
            if h <= 0:
                raise ValueError("h must be positive")
        except ValueError as e:
            self._refuse(f"Step h: {e}. Type a small positive number such as 1e-6.")
            return None
        sel = [n for n in self.host.scene.selected_ids() if n in m and m.op(n) == "leaf"]
        try:
            self._check = gradcheck.GradCheck(m, None, sel or None, h)
        except GraphError as e:
            self._refuse(f"Cannot check: {problem(e, self.host.model)}")
            return None
        self.summary.setStyleSheet("")
        self._which = f"{counted(len(sel), 'selected leaf', 'selected leaves')}" if sel else "every leaf"
        self._rows = self._check.rows()
        self._work()
        if self.running:
            self.run_button.setText("Stop")
            self._timer.start()
        return self.result if not self.running else None

    def _refuse(self, message: str) -> None:
        """A check not run: ``message`` in red, and the rows of the check before
        greyed, said to be that one's (trial 69 #13: the message stood in black
        over the last run's rows, which read as this run's)."""
        if self.table.rowCount() and self.result is not None:
            message += f" The rows below are the last check's (h = {self.result.h:g}), not checked again."
            self.table.setEnabled(False)
        self.summary.setText(message)
        self.summary.setStyleSheet(ERROR_STYLE)

    def _refused(self) -> bool:
        return self.summary.styleSheet() == ERROR_STYLE

    def _work(self) -> None:
        rows, c = self._rows, self._check
        assert rows is not None and c is not None  # called while a check runs
        t0 = time.perf_counter()
        try:
            for _ in rows:
                if time.perf_counter() - t0 > SLICE_SECONDS:
                    self.summary.setText(
                        f"Checking… {len(c.result.rows)} of {counted(len(c.leaves), 'leaf', 'leaves')}"
                    )
                    return
        except Exception as e:
            logging.getLogger(__name__).error("gradient check failed", exc_info=True)
            self.cancel(f"The check stopped: {type(e).__name__}: {e}. Press Check gradients to try again.")
            return
        self._finish()

    def _finish(self) -> None:
        assert self._check is not None  # called while a check runs
        res = self._check.result
        self._end()
        m = self.host.model
        self.result = res
        self._fill(res)
        show_current(self.table)
        bad = res.failures
        if not res.rows:
            text = f"No leaves to check: {m.label(res.root)} depends on none."
        elif bad:
            wrong = [r for r in bad if r.checkable]
            odd = [r for r in bad if not r.checkable]  # (nan or inf: nothing to compare, as the CLI says)
            of = counted(len(res.rows), "gradient")
            parts = [
                f"{len(rows)} of {of} {what}: {', '.join(r.label for r in rows)}"
                for rows, what in (
                    (wrong, f"{'disagrees' if len(wrong) == 1 else 'disagree'} with the finite difference"),
                    (odd, "could not be checked (not finite)"),
                )
                if rows
            ]
            text = f"✗ {'; '.join(parts)} (marked on the canvas)"
        else:
            agree = "The gradient agrees" if len(res.rows) == 1 else f"All {len(res.rows)} gradients agree"
            text = f"✓ {agree} ({self._which}, h = {res.h:g})."
        self.summary.setText(f"d{m.label(res.root)}/d(leaf): {text}")
        self.checked.emit(res)

    def _end(self) -> None:
        self._timer.stop()
        self._check = self._rows = None
        self.run_button.setText("Check gradients")

    def cancel(self, why: str) -> None:
        if self.running:
            self._end()
            self.summary.setText(why)

    def _on_graph_changed(self) -> None:
        if self.running:
            self.cancel("The graph changed during the check; press Check gradients again.")
        elif self.result is not None and not self._refused():  # (a refusal stays: its rows are greyed)
            show_out_of_date(self.summary, self.table, "Press Check gradients to check it as it is now.")

    def hide_answers(self, hide: bool) -> None:
        """While Quiz Mode asks, the gradients it asks for stay out of sight
        (the leaves and whether each agrees stay): shown again once it ends."""
        for c in ANSWER_COLUMNS:
            self.table.setColumnHidden(c, hide)
        self.quiz_note.setVisible(hide)

    def reset(self) -> None:
        """A new document: no result of the old one stays."""
        self.cancel("")
        self.result = None
        self.table.setRowCount(0)
        self.notes.hide()
        show_current(self.table)
        self.summary.setText(INTRO)
        self.summary.setStyleSheet("")

    def _fill(self, res: gradcheck.GradCheckResult) -> None:
        t = self.table
        t.setRowCount(len(res.rows))
        noted = [r for r in res.rows if r.note]
        self.notes.setText("\n".join(f"{'✓' if r.ok else '✗'} {r.label}: {r.note}" for r in noted))
        self.notes.setVisible(bool(noted))
        for i, r in enumerate(res.rows):
            cells = (
                r.label,
                fmt(r.analytic, 12),
                fmt(r.numeric, 12),
                f"{r.abs_err:.2e}",
                f"{r.rel_err:.2e}",
                f"{'✓' if r.ok else '✗'}{' see below' if r.note else ''}",
            )
            tips = (
                r.node,
                fmt_full(r.analytic),
                fmt_full(r.numeric),
                repr(r.abs_err),
                repr(r.rel_err),
                f"{'passes' if r.ok else 'fails'}{': ' + r.note if r.note else ''}",
            )
            for j, (c, tip) in enumerate(zip(cells, tips)):
                it = QTableWidgetItem(c)
                it.setToolTip(tip)
                it.setData(Qt.ItemDataRole.UserRole, r.node)
                if j:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not r.ok:
                    it.setBackground(QBrush(BAD_ROW))
                t.setItem(i, j, it)

    def _activated(self, row: int, col: int) -> None:
        it = self.table.item(row, 0)
        if it is not None:
            self.node_activated.emit(it.data(Qt.ItemDataRole.UserRole))
