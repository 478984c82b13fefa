"""The read-only result tables of the Learn docks (Gradient Check, What If…)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


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
