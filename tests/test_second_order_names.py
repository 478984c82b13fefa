"""Trial 52: Backward over the gradient graph of f = x*y + x**2 ended with
the card labelled "x.grad" showing 8 (∂f/∂x) while the banner said "x is a
leaf: x.grad = 2 is final" and the Chain Rule panel "x.grad = 2" (the 2 is
∂(x.grad)/∂x = ∂²f/∂x²): two numbers called x.grad. A pass from a
gradient's node names its gradients ∂(x.grad)/∂node; Backward on f keeps
its words (x.grad = 8)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from window_helpers import action, answers, step_by_hand, tmp_settings, type_formula, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def run_to_end(w, qtbot) -> None:
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end


def node(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def test_a_pass_over_the_gradient_graph_names_its_gradients_apart_from_the_x_grad_card(
    window, qtbot, answers
):
    w = window
    answers.save_changes = QMessageBox.StandardButton.Discard
    action(w, "new").trigger()
    QApplication.processEvents()
    type_formula(qtbot, w, "x = 3; y = 2; f = x*y + x**2", dialogs=False)
    # first order: the words as they were (x.grad = ∂f/∂x = y + 2x = 8)
    run_to_end(w, qtbot)
    ctl = w.backward
    assert w.scene.node_item(node(w, "x")).note == "x.grad = 6 + 2 = 8"
    assert "y is a leaf: y.grad = 3 is final." in ctl.narration.text()
    assert ctl.order_panel.model.headerData(3, Qt.Orientation.Horizontal) == "grad"
    assert "∂" not in w.scene.node_item(node(w, "x")).note
    # the gradient graph: its output is the card x.grad (value 8); Backward from it
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    m = w.model
    out = m.output
    assert m.label(out) == "x.grad" and m.value(out) == 8.0
    run_to_end(w, qtbot)
    x = node(w, "x")
    # back (←) to x's step, a leaf among the last (the leaves' order follows the cards' places)
    for _ in range(len(ctl.replay.steps)):
        if ctl.replay.steps[ctl.animator.pos - 1].node == x:
            break
        qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert ctl.replay.steps[ctl.animator.pos - 1].node == x
    banner = ctl.narration.text().replace("\u00a0", " ").replace("\u2060", "")
    # ∂(x.grad)/∂x = ∂²f/∂x² = 2, by hand; was "x is a leaf: x.grad = 2 is final"
    assert re.search(r"x is a leaf(, so it passes nothing on)?: ∂\(x\.grad\)/∂x = 2 is final", banner), banner
    assert not re.search(r"(?<![(∂])x\.grad = 2", banner), banner
    chain = ctl.chain_panel.text()
    assert "∂(x.grad)/∂x = 2" in chain and not re.search(r"(?<![(∂])x\.grad = 2", chain), chain
    assert "Its gradient ∂(x.grad)/∂x:" in chain, chain
    # the Order list heads its column with what the numbers are
    assert (
        ctl.order_panel.model.headerData(3, Qt.Orientation.Horizontal).replace("\n", "") == "∂(x.grad)/∂node"
    )
    # the cards: x.grad still shows its value 8, its own gradient ∂(x.grad)/∂(x.grad) = 1;
    # x's note (used twice) sums ∂(x.grad)/∂x, never "x.grad = …"
    assert w.scene.node_item(out).grad == 1.0 and w.scene.node_item(x).grad == 2.0
    notes = [w.scene.node_item(n).note for n in m.nodes() if w.scene.node_item(n).note]
    assert notes and all(not re.match(r"\S+\.grad = ", t) for t in notes), notes
    assert any(t.startswith("∂(x.grad)/∂x = ") for t in notes), notes
    # the start: only the root's gradient is known
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    start = ctl.narration.text().replace("\u00a0", " ").replace("\u2060", "")
    assert start.startswith("Start: ∂(x.grad)/∂(x.grad) = 1."), start
    assert w.scene.node_item(out).note == "∂(x.grad)/∂(x.grad) = 1"


def test_the_order_lists_heading_on_the_gradient_graph_reads_whole_at_any_width(window, qtbot, answers):
    """Verify: the heading read "∂(x.grad)/∂", as if cut off. It reads "∂(x.grad)/∂node",
    on two lines in the panel as it opens (one line there left the node column "x…d"),
    on one line where the panel is wide enough, every line within its column."""
    w = window
    w.resize(1600, 1000)
    answers.save_changes = QMessageBox.StandardButton.Discard
    action(w, "new").trigger()
    type_formula(qtbot, w, "x = 3; y = x*x", dialogs=False)
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    run_to_end(w, qtbot)
    panel = w.backward.order_panel
    hh = panel.table.header()
    hm = hh.fontMetrics()

    def heading() -> list[str]:
        QApplication.processEvents()
        lines = panel.model.headerData(3, Qt.Orientation.Horizontal).split("\n")
        assert all(hm.horizontalAdvance(s) < hh.sectionSize(3) - 8 for s in lines), (lines, hh.sectionSize(3))
        assert (
            hh.sectionSize(1) >= hm.horizontalAdvance("x·y.grad") + 2 * 12
        )  # (the node column keeps its names)
        return lines

    assert heading() == ["∂(x.grad)/", "∂node"]
    assert hh.height() >= 2 * hm.height()  # (both lines drawn)
    assert (
        panel.model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "∂(x.grad)/∂node"
    )
    w.resizeDocks([w.backward.dock_order], [420], Qt.Orientation.Horizontal)
    assert heading() == ["∂(x.grad)/∂node"]
