"""The "What if…" dock: a classic mistake's gradients beside the right ones."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from core.explain.format import fmt, fmt_full
from core.explain.words import counted
from core.graph.errors import GraphError
from core.learn import classic_bugs
from gui.common.beside_table import words_beside_table
from gui.host import Host
from gui.learning.table import result_table, show_current, show_out_of_date
from gui.learning.text import problem

DIFF_ROW = QColor("#fff1e6")
COLUMNS = ("Node", "Correct grad", "With the bug", "")
AGAIN = "Replay on This Graph"
#: What the panel says of the mistake chosen once another graph is open (trial 67 #5: blank).
OTHER_GRAPH = f"Another graph is open: press “{AGAIN}” to see what this mistake does to it."


class WhatIfPanel(QWidget):
    replayed = Signal(object)  # BugReplay
    node_activated = Signal(str)
    demo_requested = Signal(str)  # bug key
    again_requested = Signal(str)  # bug key: replay it on the graph as it is now

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.setObjectName("learn_whatif_panel")
        self.host = host
        self.title = QLabel("Choose a mistake in Learn ▸ What if…")
        self.title.setObjectName("learn_whatif_title")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.text = QLabel("")
        self.text.setObjectName("learn_whatif_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel("")
        self.summary.setObjectName("learn_whatif_summary")
        self.summary.setWordWrap(True)
        self.table = result_table("learn_whatif_table", COLUMNS)
        self.table.cellDoubleClicked.connect(self._activated)
        # (it opens a graph of its own, yours kept: "Insert" said otherwise, trial 58)
        self.demo_button = QPushButton("Open an Example That Shows This Mistake")
        self.demo_button.setObjectName("learn_whatif_demo")
        self.demo_button.setEnabled(False)
        self.demo_button.clicked.connect(lambda: self.demo_requested.emit(self.key))
        # the mistake chosen, replayed on the graph as it is now (after an edit, or on another graph)
        self.again_button = QPushButton(AGAIN)
        self.again_button.setObjectName("learn_whatif_again")
        self.again_button.setToolTip("Replay the mistake on the graph shown now and compare again")
        self.again_button.hide()
        self.again_button.clicked.connect(self._again)
        self.key: str | None = None
        # the words (the mistake, its explanation, what it does here) beside the table, or over it
        # where the panel is narrow, each whole (trial 60: the paragraph cut mid-line, 1½ of 5 rows)
        words = QWidget()
        lay = QVBoxLayout(words)
        lay.setContentsMargins(0, 0, 0, 0)
        for label in (self.title, self.summary, self.text):  # (what it does here first: the room short,
            # at 1280×800 in Presentation Mode, it is the general explanation's end that scrolls)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            lay.addWidget(label)
            if label is self.summary:  # (what to press, right under what says to press it)
                lay.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        self.shape = words_beside_table(self, words, self.demo_button, self.table, "learn_whatif_words")
        self.result: classic_bugs.BugReplay | None = None
        host.document.graph_changed.connect(self._on_graph_changed)

    def _again(self) -> None:
        if self.key is not None:
            self.again_requested.emit(self.key)

    def _on_graph_changed(self) -> None:
        if self.result is not None:
            show_out_of_date(self.summary, self.table, f"Press “{AGAIN}” to replay it on the graph now.")
            self.again_button.show()

    def reset(self) -> None:
        """A new document: no result of the old one stays; a mistake chosen says how to replay
        it on the new graph, with the button that does."""
        self.result = None
        self.table.setRowCount(0)
        show_current(self.table)
        self.summary.setText(OTHER_GRAPH if self.key is not None else "")
        self.again_button.setVisible(self.key is not None)
        self.demo_button.setEnabled(self.key is not None)  # (the example it opened is not open now)

    def show_bug(self, key: str, on_demo: bool = False) -> classic_bugs.BugReplay | None:
        """Replay the mistake ``key`` on the graph; ``on_demo``: the graph is its example
        (the button that opens it is not offered there again)."""
        bug = classic_bugs.BUGS[key]
        self.key = key
        self.demo_button.setEnabled(not on_demo)
        self.title.setText(f"What if… {bug.title}")
        self.text.setText(bug.explanation)
        self.again_button.hide()
        m = self.host.model
        try:
            r = classic_bugs.replay(m, key)
        except GraphError as e:
            self.summary.setText(f"Cannot replay: {problem(e, self.host.model)}")
            self.result = None
            self.table.setRowCount(0)
            self.again_button.show()  # (once the graph is mended)
            return None
        self.result = r
        show_current(self.table)
        n = len(r.differs)
        self.summary.setText(
            f"On this graph (backward from {m.label(r.root)}): "
            + (
                f"{n} of {counted(len(r.correct), 'gradient')} {'comes' if n == 1 else 'come'} out wrong, "
                "marked on the canvas "
                "(the card shows the right gradient, the caption the buggy one)."
                if n
                else "every gradient comes out right: this graph does not trigger the mistake. " + bug.when
            )
        )
        t = self.table
        t.setRowCount(len(r.correct))
        for i, node in enumerate(r.correct):
            good, bad = r.correct[node], r.buggy[node]
            differs = node in r.differs
            cells = (m.label(node), fmt(good, 8), fmt(bad, 8), "≠ wrong" if differs else "")
            for j, c in enumerate(cells):
                it = QTableWidgetItem(c)
                it.setData(Qt.ItemDataRole.UserRole, node)
                it.setToolTip(node if j == 0 else fmt_full(good) if j == 1 else fmt_full(bad))
                if j in (1, 2):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if differs:
                    it.setBackground(QBrush(DIFF_ROW))
                t.setItem(i, j, it)
        self.replayed.emit(r)
        return r

    def height_missing(self) -> int:
        """How many pixels taller the panel must be to show its words and every row (0: it does)."""
        return max(0, self.shape.need() - self.height())

    def _activated(self, row: int, col: int) -> None:
        it = self.table.item(row, 0)
        if it is not None:
            self.node_activated.emit(it.data(Qt.ItemDataRole.UserRole))
