"""What the app's Backward costs, counted (issue 14): starting a pass
builds no ``Value``, makes no step record and walks no card; a step
makes the records it shows and places its captions from a few dozen spots;
Skip to End on a graph full of inf/nan makes a record for a few nodes, not
one per node. Never timed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_pass_records import layered_dag
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.autograd import engine
from core.graph.model import GraphModel
from core.learn.training import TRAINABLE, is_trainable, trainable_among
from gui.backward import caption_layout


def open_graph(w, m) -> None:
    w.open_model(m, "big")
    w.backward.action_autoplay.setChecked(False)
    QApplication.processEvents()


def test_starting_backward_builds_no_value_makes_no_record_and_walks_no_card(window, monkeypatch):
    w = window
    open_graph(w, layered_dag(1500))
    made = []
    orig_node, orig_init = engine._node, engine.Value.__init__
    monkeypatch.setattr(engine, "_node", lambda *a: made.append(1) or orig_node(*a))
    monkeypatch.setattr(engine.Value, "__init__", lambda v, *a, **k: made.append(1) or orig_init(v, *a, **k))
    walks = []
    scene_type = type(w.scene)
    orig_items = scene_type.node_items
    monkeypatch.setattr(scene_type, "node_items", lambda sc: walks.append(1) or orig_items(sc))
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    rp = w.backward.replay
    assert rp is not None and rp.last > 300
    assert made == []
    assert walks == []  # the scene's pass board is told once: no walk over the cards
    assert rp.steps.made <= 50  # the rows the Order list shows, not the pass's hundreds
    # run again over a finished pass: still one walk, and the same start picture
    w.backward.action_skip_end.trigger()
    QApplication.processEvents()
    walks.clear()
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    assert walks == []
    rp = w.backward.replay
    for n in w.model.nodes():
        it = w.scene.node_item(n)
        assert (it.grad, it.highlight, it.note) == (rp.grad(n, 0), rp.highlight(n, 0), rp.note(n, 0)), n


def test_a_step_makes_the_records_it_shows_and_looks_at_few_caption_spots(window, monkeypatch):
    w = window
    open_graph(w, layered_dag(1500))
    covers = []
    orig = caption_layout.Blocked.__init__

    def kept(self, *a):
        orig(self, *a)
        covers.append(self)

    monkeypatch.setattr(caption_layout.Blocked, "__init__", kept)
    ctl = w.backward
    ctl.action_backward.trigger()
    QApplication.processEvents()
    looked: list[float] = []
    for _ in range(12):
        before = ctl.replay.steps.made
        covers.clear()
        ctl.action_step.trigger()
        QApplication.processEvents()
        # this step and, for the captions, the notes and the chain panel, the steps that fed its inputs
        step = ctl.replay.current(ctl.animator.pos)
        fed = {k for n in step.inputs for k, _p in ctl.replay.steps.senders(n)}
        assert ctl.replay.steps.made - before <= 1 + len(fed)
        assert covers  # the step's captions were placed
        looked += [c.looked / len(c.cands) for c in covers]
    # a caption with room near its wire stops there (one in a dense spot
    # still weighs them all, as before): every spot was looked at, before
    assert len([f for f in looked if f <= 0.1]) >= len(looked) // 4, sorted(looked)


def test_skip_to_end_on_a_graph_full_of_inf_makes_records_for_a_few_nodes(window):
    w = window
    open_graph(w, layered_dag(1500, big=True))
    ctl = w.backward
    ctl.action_backward.trigger()
    QApplication.processEvents()
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    rp = ctl.replay
    shown = [n for n in rp.rank if w.scene.node_item(n).note and "⚠" in w.scene.node_item(n).note]
    assert len(shown) > 300  # the test means something: hundreds of cards explain an inf/nan
    made = len(rp.received._made)
    assert made <= len(rp.rank) // 10, made
    assert rp.steps.made <= len(rp.rank) // 10, rp.steps.made


def test_skip_to_end_reads_which_leaves_are_parameters_from_the_attribute_table(window, monkeypatch):
    """The finished picture keeps the root and the parameters in view when
    every leaf does not fit: which leaves are parameters is read from the
    model's attribute table, not asked of the model a leaf (~10,000 at 50,000
    nodes); the same leaves as ``is_trainable`` keeps."""
    w = window
    m = layered_dag(1500)
    leaves = [n for n in m.nodes() if m.op(n) == "leaf"]
    m.set_attr(leaves[3], TRAINABLE, False)  # (a constant)
    assert trainable_among(m, leaves) == [n for n in leaves if is_trainable(m, n)] == leaves[:3] + leaves[4:]
    open_graph(w, m)
    ctl = w.backward
    ctl.action_backward.trigger()
    QApplication.processEvents()
    asked = count_calls(monkeypatch, GraphModel, "op")
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    assert len(ctl.replay.ends()) > 100  # the pass's leaves
    assert len(asked) < 20, len(asked)  # (the cards brought up to date ask a few)
