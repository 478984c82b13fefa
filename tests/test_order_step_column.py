"""The Order list's step column is as wide as the pass's last number (verify
52: on the 10,720-node MLP the last row read "▶ …" where "▶ 10720" was)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel


def test_the_step_column_holds_the_last_steps_number(qtbot, window, tmp_path):
    m = GraphModel()
    m.add_node("leaf", "x", value=0.5)
    prev = "x"
    for i in range(10_000):  # a chain: a pass of 10,001 steps
        m.add_node("neg", f"n{i}", x=120.0 * (i % 100), y=120.0 * (i // 100))
        m.connect(prev, f"n{i}", 0)
        prev = f"n{i}"
    w = window
    open_saved(qtbot, w, m, tmp_path / "chain.mgraph")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    panel = w.backward.order_panel
    table = panel.table
    header = table.horizontalHeader() if hasattr(table, "horizontalHeader") else table.header()
    need = panel.fontMetrics().horizontalAdvance("▶ 10001") + 14
    assert header.sectionSize(0) >= need, (header.sectionSize(0), need)
