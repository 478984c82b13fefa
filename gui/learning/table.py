"""The read-only result tables of the Learn docks (Gradient Check, What If…)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget

#: Room beside the widest name in its column.
NAME_PAD = 24


class _NameWidth(QObject):
    """The name column as wide as its widest name, no wider than the room
    the other columns leave (a narrow dock: names elided, no sideways
    scrolling): docked wide under the canvas, a stretched name column put
    the numbers 600 px from their leaf's name (a trial)."""

    def __init__(self, table: QTableWidget, column: int) -> None:
        super().__init__(table)
        self.table, self.column = table, column
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.viewport().installEventFilter(self)
        m = table.model()
        for sig in (m.rowsInserted, m.rowsRemoved, m.dataChanged, m.modelReset):
            sig.connect(self._timer.start)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        t, c = self.table, self.column
        h = t.horizontalHeader()
        others = sum(h.sectionSize(i) for i in range(t.columnCount()) if i != c)
        want = max(t.sizeHintForColumn(c), h.sectionSizeFromContents(c).width()) + NAME_PAD
        h.resizeSection(c, max(60, min(want, t.viewport().width() - others)))


def result_table(name: str, columns: tuple[str, ...], stretch: int = 0) -> QTableWidget:
    """A read-only, row-selecting table whose column ``stretch`` (the node's
    name) is as wide as its names, within the room the number and mark
    columns (fitting their contents) leave, so a ✓ stays next to its
    numbers and the numbers next to their name."""
    t = QTableWidget(0, len(columns))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(list(columns))
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    h.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Fixed)
    h.setStretchLastSection(False)
    _NameWidth(t, stretch)
    return t


#: What a result panel says once the graph changed under its result.
OUT_OF_DATE = "Out of date: the graph changed since. "


def show_out_of_date(summary: QLabel, table: QTableWidget | None, again: str) -> None:
    """Keep a result in sight but say it no longer describes the graph:
    the summary leads with ``OUT_OF_DATE`` and ``again`` (what to press),
    and the table is greyed out."""
    if summary.text().startswith(OUT_OF_DATE):
        return
    summary.setText(f"{OUT_OF_DATE}{again} (It said: {summary.text()})")
    if table is not None:
        table.setEnabled(False)


def show_current(table: QTableWidget) -> None:
    """The table holds results for the graph as it is."""
    table.setEnabled(True)
