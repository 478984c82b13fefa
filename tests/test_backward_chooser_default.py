"""Trial 54 #2: with several end nodes, Backward's "from which node?"
preselects the likeliest end (the one with the most nodes behind it: L),
not a leaf a delete left on its own (a, first in the list); an end that
cannot start a pass (an empty input behind it) is not offered, the question
saying why, so no second dialog follows the choice."""

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


def ask_and_answer(qtbot, w, seen: list) -> None:
    """Ctrl+B, the chooser's items, choice and text noted, Enter taking what it offers."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QInputDialog)
        seen.append((box.comboBoxItems(), box.textValue(), box.labelText()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # takes what it offers

    QTimer.singleShot(0, answer)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B
    QApplication.processEvents()


def test_the_chooser_preselects_the_end_with_the_most_behind_it(qtbot, window):
    w = window
    m = lecture_graph()
    m.add_node("leaf", "z", label="z", value=1.0, x=0, y=400)  # a leaf on its own, made last
    w.set_document(m, None, "lecture")
    step_by_hand(w)
    seen: list = []
    ask_and_answer(qtbot, w, seen)
    assert seen and seen[0][:2] == (["L", "z"], "L"), seen
    assert "Not offered" not in seen[0][2]
    assert w.backward.last_error is None and w.backward.replay is not None


def test_an_end_with_an_empty_input_behind_it_is_not_offered_and_the_chooser_says_why(qtbot, window):
    """Trial 54: click e, Del, Ctrl+B: the chooser offered L, then a second dialog said it could not run."""
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
    seen: list = []
    ask_and_answer(qtbot, w, seen)
    ((items, _, text),) = seen
    assert sorted(items) == ["a", "b"]
    why = (
        "\n\nNot offered, as a pass cannot start there:"
        "\n  L: behind it, d (Add) has an empty input in₁ (d = in₁ + c)"
    )
    assert text.endswith(why) and "(Set as Output" in text.split(why)[0]  # the hint not read as a reason
    assert w.backward.last_error is None and QApplication.activeModalWidget() is None  # no second dialog


def test_with_no_end_that_can_start_a_pass_it_says_why_once_without_asking(qtbot, window):
    w = window
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=0, y=0)
    m.add_node("mul", "mul1", label="L", x=260, y=0)
    m.add_node("tanh", "t", label="o", x=260, y=200)
    m.connect("a", "mul1", 0)
    w.set_document(m, None, "a × ?")
    step_by_hand(w)
    seen: list = []
    QTimer.singleShot(0, lambda: seen.append(QApplication.activeModalWidget()))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not any(isinstance(box, QInputDialog) for box in seen)
    assert w.backward.last_error == (
        "No end node can start a pass: L: its input in₂ is empty (L = a × in₂); "
        "o: its input in is empty (o = tanh(in)). Wire a node into each empty input."
    )
