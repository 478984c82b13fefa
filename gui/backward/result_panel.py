"""The shape the Compare and Hessian panels share: their dock is wide and
low, under the canvas, so the words and the button sit beside the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


def summary_beside_table(
    panel: QWidget, summary: QLabel, button: QPushButton, table: QTableWidget, weight: int
) -> None:
    """Lay ``panel`` out: ``summary`` over ``button`` on the left, ``table``
    on the right, sharing the width ``2 : weight``. The words scroll when
    the dock is lower than they are (cut at the top and bottom, a trial's
    Hessian panel hid its first and last lines)."""
    summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    words = QScrollArea()
    words.setObjectName(f"{summary.objectName()}_scroll")
    words.setWidget(summary)
    words.setWidgetResizable(True)
    words.setFrameShape(QFrame.Shape.NoFrame)
    words.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    left = QVBoxLayout()
    left.addWidget(words, 1)
    left.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    lay = QHBoxLayout(panel)
    lay.setContentsMargins(6, 6, 6, 6)
    lay.addLayout(left, 2)
    lay.addWidget(table, weight)
