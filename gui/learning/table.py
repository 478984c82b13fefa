"""The read-only result tables of the Learn docks (Gradient Check, What If…)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget


def result_table(name: str, columns: tuple[str, ...], stretch: int = 0) -> QTableWidget:
    """A read-only, row-selecting table whose column ``stretch`` (the node's
    name) takes the spare width; the number and mark columns fit their
    contents, so a ✓ stays next to its numbers instead of 400 px away."""
    t = QTableWidget(0, len(columns))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(list(columns))
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    h.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    h.setStretchLastSection(False)
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
