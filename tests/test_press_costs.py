"""What pressing Backward on a big graph leaves for after its first frame
(issue 14), counted, never timed: the table of every node's gradient is
made only for a tool that reads it, and the same numbers in the same order
as the table made at once; who sent what to whom and each node's step
(what a step asks of the nodes it shows) are filed in the idle turn after
the first frame, and frozen with the pass's records."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication
from test_pass_records import layered_dag
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.graph.backward import BackwardResult, backward
from gui.document import heap


def opened_to_step(w, n: int) -> None:
    """A layered graph of ``n`` nodes opened, Backward set to step by hand."""
    w.open_model(layered_dag(n), "big")
    w.backward.action_autoplay.setChecked(False)
    QApplication.processEvents()


def test_pressing_backward_makes_no_gradient_table_of_every_node(window):
    w = window
    opened_to_step(w, 1500)
    before = BackwardResult.tables_made
    w.backward.action_backward.trigger()
    w.backward.action_step.trigger()
    w.backward.action_skip_end.trigger()
    QApplication.processEvents()
    assert w.backward.replay is not None and w.backward.replay.last > 300
    assert BackwardResult.tables_made == before  # the pass's own gradients drew it all


def test_the_gradient_table_read_later_is_every_nodes_as_the_pass_left_it():
    m = layered_dag(400)
    r = backward(m, m.nodes()[len(m) // 2])  # a root in the middle: many nodes outside its past
    m.add_node("leaf", value=1.0)  # made after the pass: not in its table
    want = dict.fromkeys([n for n in m.nodes() if n in r.values], 0.0)
    want.update({n: r.steps.final_grad(n) for n in r.order})
    got = r.grads
    assert list(got) == list(want) and all(got[n] == want[n] or got[n] != got[n] for n in want)
    assert got is r.grads and len(got) == len(r.values) > len(r.order)


def test_who_sent_what_is_filed_after_the_first_frame_and_frozen(window, monkeypatch):
    monkeypatch.setattr(heap, "FREEZE_FROM", 30)
    w = window
    opened_to_step(w, 1500)
    try:
        w.backward.action_backward.trigger()
        QApplication.processEvents()  # the first frame
        steps = w.backward.replay.steps
        assert not steps.senders_filed  # the start shows nothing sent yet
        QApplication.processEvents()  # the next idle turn
        assert steps.senders_filed
        listed = {id(o) for o in gc.get_objects()}  # what the collector walks (not the frozen)
        kept = list(steps.sender_table().values())
        assert len(kept) > 300 and not any(id(o) in listed for o in kept)
        # a step right after the press files it itself, frozen all the same in that turn
        w.backward.action_backward.trigger()
        w.backward.action_step.trigger()
        steps = w.backward.replay.steps
        assert steps.senders_filed
        QApplication.processEvents()
        QApplication.processEvents()
        listed = {id(o) for o in gc.get_objects()}
        assert not any(id(o) in listed for o in steps.sender_table().values())
    finally:
        gc.unfreeze()


def test_the_hidden_empty_canvas_hint_is_not_laid_out_as_the_banner_moves_the_viewport(window):
    w = window
    opened_to_step(w, 300)
    hint = w.canvas_hint
    assert hint.isHidden()
    placed = hint.placed
    w.backward.action_backward.trigger()  # the banner takes a strip above the viewport
    QApplication.processEvents()
    assert w.backward.narration.isVisible()
    assert hint.placed == placed
    w.scene.select_all()
    w.editor.delete_selection()  # the canvas empty again: the hint shows, laid out for the viewport as it is
    QApplication.processEvents()
    assert hint.isVisible() and hint.placed > placed
    assert w.view.viewport().geometry().contains(hint.geometry())
    w.undo_stack.setClean()


def _top_level(scene) -> int:
    return sum(1 for it in scene.items() if it.parentItem() is None)


def test_pressing_backward_adds_nothing_to_the_scenes_top_level(window):
    """Qt sorts its top-level list of every card for the first addition after
    a frame and again at the next paint (~50 ms of the press at 50,000 nodes):
    the far-out ring over the step joins the scene's mark layer instead."""
    w = window
    opened_to_step(w, 1500)
    for _ in range(2):  # the first press on a document, and one after a new document
        before = _top_level(w.scene)
        w.backward.action_backward.trigger()
        w.backward.action_step.trigger()
        w.action_fit.trigger()  # far out: the ring shows
        QApplication.processEvents()
        assert w.scene.far and w.backward.canvas._marker.isVisible()
        assert _top_level(w.scene) == before
        opened_to_step(w, 1200)


def test_each_nodes_step_is_filed_after_the_first_frame(window):
    """The start asks which nodes are in the pass (the cards it dims) and the
    root's step (the Chain Rule panel), not the step of every node: that
    table (~3 ms of the press at 50,000 nodes) is made in the idle turn
    after the first frame, or by a step that comes first."""
    w = window
    opened_to_step(w, 1500)
    w.backward.action_backward.trigger()
    QApplication.processEvents()  # the first frame
    rp = w.backward.replay
    assert rp is not None and rp.last > 300 and not rp.rank_made
    assert "step 1 of" in w.backward.chain_panel.text()  # the root passes its gradient on at step 1
    assert any(not rp.in_past(n) for n in w.model.nodes())  # (cards dimmed, as before)
    QApplication.processEvents()  # the next idle turn
    assert rp.rank_made and rp.rank == {n: k for k, n in enumerate(rp.result.order)}
    w.backward.action_backward.trigger()
    w.backward.action_step.trigger()  # before the idle turn: the step makes it
    rp = w.backward.replay
    assert rp.rank_made and rp.rank[rp.root] == 0
