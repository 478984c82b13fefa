"""What pressing Backward on a big graph leaves for after its first frame
(issue 14), counted, never timed: the table of every node's gradient is
made only for a tool that reads it, and the same numbers in the same order
as the table made at once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_pass_records import layered_dag
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.graph.backward import BackwardResult, backward


def test_pressing_backward_makes_no_gradient_table_of_every_node(window):
    w = window
    w.open_model(layered_dag(1500), "big")
    w.backward.action_autoplay.setChecked(False)
    QApplication.processEvents()
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
