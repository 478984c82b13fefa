"""Gradient Flow's "Gradient by group" list while a pass runs (trial 73
#3), driven as a teacher does: File › Examples › Vanishing gradients, View
› Gradient Flow, Ctrl+B and → on the canvas. A bar only grows towards its
final length (layer 12's shrank from 1 to 0.334: a mean over the nodes
reached so far), and the list keeps the group the pass just reached in
view (the only non-empty bar started scrolled away; at step 2 the list
jumped back to its top)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gradient_flow import VANISHING, headless, open_example, turn_on
from window_helpers import answers, step_by_hand, tmp_settings, window  # noqa: F401

from gui.gradflow.panel import GradientFlowPanel
from gui.window.main_window import MainWindow


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def press(qtbot, w: MainWindow, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w.view, key, mods)
    settle()


def start_pass(qtbot, w: MainWindow, size: tuple[int, int] = (1600, 1000)) -> None:
    """The trial's window: the vanishing example, Gradient Flow on, Ctrl+B (waiting at step 0)."""
    w.resize(*size)
    settle()
    turn_on(w)
    open_example(w, "vanishing_tanh")
    step_by_hand(w)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert w.backward.animator.active and w.backward.animator.pos == 0


def bars(w: MainWindow) -> dict[str, tuple[float, float]]:
    """Each row's (number, bar length) as the panel shows them."""
    return {r.label: (r.magnitude, r.fraction) for r in w.gradient_flow.panel.bars.rows}


def in_view(panel: GradientFlowPanel, label: str) -> bool:
    """Row ``label`` wholly inside the list's scrolled view."""
    rows = panel.bars.rows
    i = next(k for k, r in enumerate(rows) if r.label == label)
    top = panel.bars.mapTo(panel.bar_scroll.viewport(), panel.bars.rect().topLeft()).y()
    h = panel.bars.row_h  # (the rows drawn from 2 px down, one under another)
    return top + 2 + i * h >= 0 and top + 2 + (i + 1) * h <= panel.bar_scroll.viewport().height()


def test_bars_only_grow_towards_their_final_length(qtbot, window):
    """Layer 12 read 1 (a full bar) at the start, 0.587 after a step, and
    0.334 at the end. Now each number is the group's mean |grad| over all
    its nodes, those the pass has not reached yet counted as 0: stepping
    through the whole pass no bar gets shorter, none is ever longer than
    at the end, and the end's numbers are the headless command's."""
    w = window
    start_pass(qtbot, w)
    seen = [bars(w)]
    for _ in range(len(w.document.backward_pass.steps)):
        press(qtbot, w, Qt.Key.Key_Right)
        seen.append(bars(w))
    assert w.backward.animator.at_end
    final = seen[-1]
    ref = headless(VANISHING)["nodes"]
    gs = w.model.groups
    for r in w.gradient_flow.panel.bars.rows:  # the final figure as before: the whole pass's mean
        nodes = gs.nodes_in(r.gid)
        assert r.magnitude == pytest.approx(math.fsum(abs(ref[n]["grad"]) for n in nodes) / len(nodes))
    assert 0 < seen[0]["layer 12"][0] < final["layer 12"][0]  # (h12 alone reached: 1 / 5)
    assert seen[0]["layer 12"][0] == pytest.approx(1 / 5)
    for before, after in zip(seen, seen[1:], strict=False):
        for label, (mag, frac) in after.items():
            assert mag >= before[label][0] - 1e-15 and frac >= before[label][1] - 1e-12, label
            assert mag <= final[label][0] * (1 + 1e-12) and frac <= final[label][1] + 1e-12, label


def test_the_list_keeps_the_group_the_pass_just_reached_in_view(qtbot, window):
    """At the start the only bar not empty is layer 12's, the list's last
    row: it is in view. Stepping on, the group of the step's node (the
    Order list's current row) and each group the pass reaches for the
    first time stay in view at every step, even after the user scrolled
    the list the other way (no jump back to its top)."""
    w = window
    start_pass(qtbot, w, (1600, 900))  # (a list that scrolls: at 1600×1000 the twelve bars fit)
    panel = w.gradient_flow.panel
    scroll = panel.bar_scroll.verticalScrollBar()
    assert panel.hidden_bars() > 0  # (the list scrolls: the trial's case)
    assert in_view(panel, "layer 12")
    result, gs = w.document.backward_pass, w.model.groups
    scroll.setValue(scroll.minimum())  # the user scrolls to the top, away from the pass
    assert not in_view(panel, "layer 12")
    before = bars(w)
    went_up = False
    for _ in range(len(result.steps)):
        press(qtbot, w, Qt.Key.Key_Right)
        pos = w.backward.animator.pos
        now = bars(w)
        node = result.steps[pos - 1].node
        if gs.group_of(node) is not None:
            label = gs.get(gs.group_of(node)).label
            assert in_view(panel, label), (pos, node, label)
        for label, (mag, _frac) in now.items():
            if mag > 0 and before[label][0] == 0:  # reached just now
                assert in_view(panel, label), (pos, label)
                went_up |= label == "layer 1"
        before = now
    assert went_up and w.backward.animator.at_end  # (the list followed the pass up to layer 1)
    assert in_view(panel, "layer 1")  # the end: w1's step, the last, in layer 1
