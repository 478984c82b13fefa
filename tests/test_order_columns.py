"""The Order panel's columns in a narrow dock: the node column stayed ~30 px
("(…) n…]", a header reading "ıode") beside the fixed #, op and grad
columns in a 1280 px window; now the op column gives way to it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleFactory

from core.cli.templates import build
from core.explain.replay import Replay
from core.graph.backward import backward
from gui.backward.order_panel import NODE_MIN, OP_COL, OrderPanel


def mlp_panel(qtbot) -> OrderPanel:
    m = build("mlp")  # as Insert MLP makes it, groups included
    rp = Replay(backward(m), m.label)
    panel = OrderPanel()
    qtbot.addWidget(panel)
    panel.set_replay(rp, m.op, m.groups)
    panel.show()
    return panel


def node_width(panel: OrderPanel) -> int:
    return panel.table.columnWidth(1)


def test_a_narrow_panel_gives_the_op_column_to_the_node_names(qtbot):
    panel = mlp_panel(qtbot)
    panel.resize(240, 500)
    QApplication.processEvents()
    assert panel.table.isColumnHidden(OP_COL)
    assert node_width(panel) >= 70
    panel.resize(440, 500)  # the dock made wider: the op column is back
    QApplication.processEvents()
    assert not panel.table.isColumnHidden(OP_COL)
    assert node_width(panel) >= NODE_MIN
    panel.resize(240, 500)
    QApplication.processEvents()
    assert panel.table.isColumnHidden(OP_COL)
    assert panel.model.data(panel.model.index_of(1, 1))  # the rows still read their names


def test_the_columns_are_refitted_when_the_scroll_bar_comes(qtbot):
    """The scroll bar takes its width from the rows, not the panel: the
    panel keeps its size and the op column must still give way. (Fusion's
    scroll bars take room; the offscreen default's do not.)"""
    panel = mlp_panel(qtbot)
    panel.table.setStyle(QStyleFactory.create("Fusion"))
    off, on = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    panel.table.setVerticalScrollBarPolicy(off)
    fixed = sum(panel._fixed.values())
    bar = panel.table.verticalScrollBar().sizeHint().width()
    assert bar >= 8
    panel.resize(400, 500)
    QApplication.processEvents()
    room = panel.width() - panel.table.viewport().width()  # margins and frame
    panel.resize(fixed + NODE_MIN + bar // 2 + room, 500)  # wide enough only without the bar
    QApplication.processEvents()
    assert not panel.table.isColumnHidden(OP_COL)
    panel.table.setVerticalScrollBarPolicy(on)
    QApplication.processEvents()
    assert panel.table.viewport().width() - fixed < NODE_MIN
    assert panel.table.isColumnHidden(OP_COL)
