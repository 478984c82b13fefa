"""Trial 62, finding 4: views during a pass cut cards at the canvas's edge.
The trial's own files: the lunch-and-learn MLP as saved (layer 1 open, layer
2 and the loss folded) and the second-order example's gradient graph.

- Forward mode from w11 jumped to 85 % on w11: most of layer 1, all of
  layer 2 and the loss off-screen (and past the graph's end, half the view
  empty, on the gradient graph). A pass on a graph too big to read whole now
  starts at the least readable zoom, the root kept in view and as much of
  the graph as the view holds.
- Backward, with the Hessian and Gradient Flow panels open, left the column
  of leaves and their "×2 copies" badges cut in half at the left edge. A view
  the camera moves now leaves every card whole or out of view, as far as the
  step's node and its neighbours stay in view.
- Backward on the gradient graph finished with y.grad past the right edge:
  where the whole graph costs the finished picture little more zoom than its
  root and leaves, it shows every card."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import click_card, hand_mode
from window_helpers import action, answers, open_file_at, tmp_settings, trigger, window  # noqa: F401

from gui.backward.camera_moves import READABLE_ZOOM
from gui.backward.edge_cards import shown_whole
from gui.backward.step_parts import step_parts

DATA = Path(__file__).resolve().parent / "data"


def in_view(w) -> QRectF:
    view = w.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def cut_cards(w) -> list[str]:
    """The cards (with their linked copies and badges) the view's edges cut."""
    room, z = in_view(w), w.view.transform().m11()
    cut = [
        it.node_id
        for it in w.scene.node_items()
        if it.isVisible() and (r := shown_whole(it, z)).intersects(room) and not room.contains(r)
    ]
    cut += [
        g
        for g in w.model.groups.ids()
        if (c := w.scene.folding.card(g)) is not None
        and c.isVisible()
        and c.sceneBoundingRect().intersects(room)
        and not room.contains(c.sceneBoundingRect())
    ]
    return cut


def step_shown(w) -> None:
    """The step's node and its inputs (as drawn beside it) in view."""
    rp, pos = w.backward.replay, w.backward.animator.pos
    focus, ins, _caps, _used = step_parts(w.scene, rp, pos, rp.current(pos))
    room = in_view(w)
    assert room.contains(focus), pos
    assert all(room.contains(r) for r in ins), pos


def folded_card(w, label: str) -> QRectF:
    (gid,) = [g.id for g in w.model.groups if g.label == label]
    card = w.scene.folding.card(gid)
    assert card is not None and card.isVisible()
    return card.sceneBoundingRect()


def test_forward_mode_starts_with_as_much_of_the_mlp_as_reads_and_whole_cards(qtbot, window):
    w = window
    open_file_at(qtbot, w, DATA / "t62_mlp.mgraph")
    hand_mode(w)
    assert w.view.transform().m11() < READABLE_ZOOM  # (fitted, too small for a pass: the pass zooms in)
    click_card(w, qtbot, "w11")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # Forward Mode…
    QApplication.processEvents()
    assert w.backward.replay.wrt == "w11" and w.backward.animator.pos == 0
    assert w.view.transform().m11() >= READABLE_ZOOM * 0.999
    room = in_view(w)
    assert room.contains(w.scene.node_item("w11").sceneBoundingRect())
    # the way the tangent goes: layer 1's neuron, layer 2 and the loss, all in view
    for label in ("layer 2", "loss"):
        assert room.contains(folded_card(w, label)), label
    assert cut_cards(w) == []
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    step_shown(w)


def test_backward_through_the_mlp_leaves_no_card_cut_at_the_edges(qtbot, window):
    w = window
    open_file_at(qtbot, w, DATA / "t62_mlp.mgraph")
    hand_mode(w)
    trigger(w, "hessian")  # the panels the trial had open: a canvas less tall
    trigger(w, "gradient_flow")
    trigger(w, "backward")
    assert cut_cards(w) == []
    w.view.setFocus()
    last = w.backward.replay.last
    while w.backward.animator.pos < last:
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        step_shown(w)
        assert not cut_cards(w), (w.backward.animator.pos, cut_cards(w), in_view(w))


def test_the_gradient_graphs_finished_picture_shows_every_card(qtbot, window):
    w = window
    open_file_at(qtbot, w, DATA / "t62_second.mgraph")
    hand_mode(w)
    trigger(w, "hessian")
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    labels = {w.model.label(n): n for n in w.model.nodes()}
    assert w.model.output == labels["x.grad"]
    trigger(w, "backward")
    assert cut_cards(w) == []
    trigger(w, "skip_end")
    room = in_view(w)
    assert w.view.transform().m11() >= 0.4  # (where cards read)
    for n in w.model.nodes():  # the root, the leaves and y.grad, which the pass does not reach
        it = w.scene.node_item(n)
        assert room.contains(it.sceneBoundingRect()), w.model.label(n)


def test_whole_cards_at_the_edges_do_not_swing_the_view_between_leaf_steps(qtbot, window):
    """Review 63 #2: at 1000×700 the MLP's leaf steps (x2, w22, x1, w21) swung the view to and fro
    430 units a step, 207 of them scrolled on for whole cards at the edges (223 without): the
    scroll on for whole cards is at most a fifth of the view, a card left cut reads better."""
    w = window
    open_file_at(qtbot, w, DATA / "t62_mlp.mgraph", (1000, 700))
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    rp = w.backward.replay
    centres = {}
    while w.backward.animator.pos < rp.last:
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        centres[w.model.label(rp.current(w.backward.animator.pos).node)] = in_view(w).center().x()
    leaves = [centres[n] for n in ("x2", "w22", "x1", "w21")]
    swings = [abs(b - a) for a, b in zip(leaves, leaves[1:])]
    assert max(swings) < 300, swings
