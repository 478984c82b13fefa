"""Forward mode on a graph with an empty input port (trial 58 #6: Shift+F5
asked which leaf, then refused "L (Multiply) has an empty input in₂" without
the hint Show Hessian gives). A leaf whose tangents would reach the empty
port is not offered, the question says why; with none left, Shift+F5 refuses
at once, with the hint."""

from __future__ import annotations

import pytest
from leaf_question import answer_leaf_question
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.errors import GraphError
from core.graph.forward_mode import forward_mode


def press_shift_f5(qtbot, w) -> None:
    w.scene.clearSelection()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()


def asked(monkeypatch, pick: str | None = None) -> list[tuple[str, list[str]]]:
    """The leaf questions asked (their text and the leaves offered), answering ``pick`` (else Cancel)."""
    got: list[tuple[str, list[str]]] = []

    def get_item(parent, title, label, items, current=0, editable=True, *a, **k):
        got.append((label, list(items)))
        hit = [i for i in items if i.split()[0] == pick]
        return (hit[0], True) if hit else ("", False)

    answer_leaf_question(monkeypatch, get_item)
    return got


def test_the_leaves_behind_the_empty_port_are_not_offered_and_the_question_says_why(
    qtbot, window, monkeypatch
):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    w.model.disconnect("L", 1)  # f no longer feeds L: L's in₂ empty; a, b, c feed L, f feeds nothing
    got = asked(monkeypatch, pick="f")
    press_shift_f5(qtbot, w)
    ((text, offered),) = got
    assert [i.split()[0] for i in offered] == ["f"]
    assert "Not offered, as forward mode from them reaches a node with no value" in text
    assert "L (Multiply) has an empty input in₂" in text and "a, b, c" in text
    assert w.backward.animator.active and w.backward.replay.wrt == "f"
    assert w.backward.replay.result.tangents == forward_mode(w.model, "f").tangents


def test_with_every_leaf_behind_it_shift_f5_refuses_at_once_with_the_hint(qtbot, window, monkeypatch):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    w.model.remove_node("f")  # L's in₂ empty, every leaf feeding L
    got = asked(monkeypatch)
    press_shift_f5(qtbot, w)
    assert got == [], "nothing asked"
    said = w.status_text()
    assert said.startswith("Forward mode cannot start from any leaf: each reaches a node with no value"), said
    assert "L (Multiply) has an empty input in₂" in said, said
    assert said.endswith("Wire a node into it."), said
    assert not w.backward.animator.active


def test_a_leaf_whose_pass_reads_a_side_input_behind_an_empty_port_is_not_offered(qtbot, window, monkeypatch):
    """Review 58: L's in₂ fed by f2 = g × (empty): forward mode from a reaches L, whose other input f2
    has no value; a was offered, then refused. Every leaf offered runs."""
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    m = w.model
    m.disconnect("L", 1)
    m.add_node("leaf", "g", value=3.0)
    m.add_node("mul", "f2")
    m.connect("g", "f2", 0)
    m.connect("f2", "L", 1)
    got = asked(monkeypatch, pick="f")
    press_shift_f5(qtbot, w)
    ((text, offered),) = got
    assert [i.split()[0] for i in offered] == ["f"]  # (f feeds nothing now: its pass is its own)
    assert "a, b, c" in text and "g" in text.split("no value", 1)[1]
    for leaf in ("a", "b", "c", "g"):  # each left out is one forward mode refuses
        with pytest.raises(GraphError):
            forward_mode(m, leaf)
    assert w.backward.replay.wrt == "f"


def test_the_question_starts_on_a_parameter_not_a_data_input(qtbot, window, monkeypatch):
    """Trial 58: on the lecture's neuron the question started on x1, a data input; w1 is the one a
    learner differentiates with respect to."""
    w = window
    open_example(w, "neuron_tanh")
    hand_mode(w)
    first: list[int] = []

    def get_item(parent, title, label, items, current=0, editable=True, *a, **k):
        first.append(current)
        return items[current], True

    answer_leaf_question(monkeypatch, get_item)
    press_shift_f5(qtbot, w)
    assert first and w.model.label(w.backward.replay.wrt) == "w1"
