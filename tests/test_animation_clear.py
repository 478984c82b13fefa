"""Clearing what the animation and the learning tools drew on the cards goes
through one NodeItem method."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import action, answers, make_window, menu_action, tmp_settings, window  # noqa: F401

from gui.learning.overlay import Overlay


def _state(w):
    return {
        n: (w.scene.node_item(n).grad, w.scene.node_item(n).highlight, w.scene.node_item(n).note)
        for n in w.model.nodes()
    }


def test_clear_gradients_and_overlay_reset_every_card(window):
    w = window
    open_example(w, "accumulate_shared")
    hand_mode(w)
    action(w, "backward").trigger()
    action(w, "step").trigger()
    QApplication.processEvents()
    assert any(v != (None, None, None) for v in _state(w).values())
    action(w, "clear_grads").trigger()
    QApplication.processEvents()
    assert set(_state(w).values()) == {(None, None, None)}

    ov = Overlay(w)
    ov.mark("a", grad=2.5, highlight="current", note="look here")
    ov.mark("b", highlight="dim")
    assert w.scene.node_item("b").opacity() < 1.0
    ov.clear()
    assert set(_state(w).values()) == {(None, None, None)}
    assert w.scene.node_item("b").opacity() == 1.0
    assert ov.ids == set()


def test_deleting_nodes_mid_pass_whose_cards_are_out_of_date(window):
    """Found by tests/test_action_sequences.py: Backward, then Delete of two
    nodes whose cards had not caught up with the pass (out of view): parking
    the cards (a batch) asked the pass board for their looks after the model
    had lost the nodes, and a note's label raised UnknownNodeError inside the
    model's nodes_removed signal, leaving the canvas half updated for good."""
    from sequence_checks import inconsistency

    w = window
    open_example(w, "neuron_exp")
    hand_mode(w)
    action(w, "backward").trigger()
    QApplication.processEvents()
    board = w.scene.board
    stale = [n for n in w.model.nodes() if w.scene.node_item(n)._seen < board.epoch]
    assert stale, "every card caught up: the test needs one out of date (out of view)"
    assert len(stale) >= 2
    w.scene.select_ids(stale[:2])
    QApplication.processEvents()
    action(w, "delete").trigger()
    QApplication.processEvents()
    assert stale[0] not in w.model and stale[1] not in w.model and inconsistency(w) is None
    w.undo_stack.undo()
    QApplication.processEvents()
    assert stale[0] in w.model and stale[1] in w.model and inconsistency(w) is None
    assert set(_state(w).values()) == {(None, None, None)}  # the pass was cleared by the delete
