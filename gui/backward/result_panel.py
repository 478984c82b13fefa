"""The shape the Compare and Hessian panels share: their dock is wide and
low, under the canvas, so the words and the button sit beside the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget


def summary_beside_table(
    panel: QWidget, summary: QLabel, button: QPushButton, table: QTableWidget, weight: int
) -> None:
    """Lay ``panel`` out: ``summary`` over ``button`` on the left, ``table``
    on the right, sharing the width ``2 : weight``."""
    left = QVBoxLayout()
    left.addWidget(summary)
    left.addStretch(1)
    left.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    lay = QHBoxLayout(panel)
    lay.setContentsMargins(6, 6, 6, 6)
    lay.addLayout(left, 2)
    lay.addWidget(table, weight)
