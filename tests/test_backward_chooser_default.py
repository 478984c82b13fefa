"""Trial 54 #2: with several end nodes, Backward's "from which node?"
preselects the likeliest end (the one with the most nodes behind it: L),
not a leaf a delete left on its own (a, first in the list)."""

from __future__ import annotations

from canvas_helpers import click
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from window_helpers import answers, step_by_hand, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel


def lecture_graph() -> GraphModel:
    """The lecture's L = (a*b + c) * f built by hand: no output set (L is the one sink)."""
    m = GraphModel()
    for n, v, x, y in [("a", 2.0, 0, 0), ("b", -3.0, 0, 160), ("c", 10.0, 260, 260), ("f", -2.0, 520, 260)]:
        m.add_node("leaf", n, label=n, value=v, x=x, y=y)
    for n, op, x, y in [("e", "mul", 260, 80), ("d", "add", 520, 120), ("L", "mul", 780, 180)]:
        m.add_node(op, n, label=n, x=x, y=y)
    for s, t, p in [("a", "e", 0), ("b", "e", 1), ("e", "d", 0), ("c", "d", 1), ("d", "L", 0), ("f", "L", 1)]:
        m.connect(s, t, p)
    return m


def test_the_chooser_preselects_the_end_with_the_most_behind_it(qtbot, window):
    w = window
    w.set_document(lecture_graph(), None, "lecture")
    step_by_hand(w)
    w.view.centerOn(w.scene.node_item("e"))
    QApplication.processEvents()
    click(w.view, w.scene.node_item("e").sceneBoundingRect().center())  # click e, Del
    assert w.scene.selected_ids() == ["e"]
    w.view.setFocus()
    QApplication.processEvents()  # as between a user's click and key press
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "e" not in w.model and sorted(w.model.sinks()) == ["L", "a", "b"]
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QInputDialog)
        seen.append((box.comboBoxItems(), box.textValue()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # takes what it offers

    QTimer.singleShot(0, answer)
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B
    QApplication.processEvents()
    assert seen and seen[0][1] == "L", seen
    assert w.backward.last_error == (
        "Cannot run backward from L: d (Add) has an empty input in₁ (d = in₁ + c)."
    )
