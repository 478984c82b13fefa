"""Trial 72 #8: after the neuron's pass Properties read x1's gradient as
−1.4999999999999993 where the card, Order, Chain Rule and the Hessian read
−1.5: the gradient row now shows 15 digits as a computed value does, its
exact float64 in the tooltip."""

from __future__ import annotations

from animation_helpers import EXAMPLES
from PySide6.QtWidgets import QApplication
from window_helpers import answers, run_to_end, tmp_settings, window  # noqa: F401


def test_the_gradient_row_reads_as_every_other_text(qtbot, window):
    w = window
    w.open_path(str(EXAMPLES / "neuron_tanh.mgraph"))
    QApplication.processEvents()
    run_to_end(qtbot, w)
    x1 = next(n for n in w.model.nodes() if w.model.label(n) == "x1")
    exact = w.scene.node_item(x1).grad
    assert exact != -1.5 and abs(exact + 1.5) < 1e-14  # (the float64 the pass gives)
    w.scene.select_ids([x1])
    QApplication.processEvents()
    label = w.properties.grad_label
    assert label.text() == "−1.5"
    assert "−1.4999999999999993" in label.toolTip()
    w1 = next(n for n in w.model.nodes() if w.model.label(n) == "w1")  # 2 × 0.4999999999999998
    w.scene.select_ids([w1])
    QApplication.processEvents()
    assert label.text() == "1.0" and "0.9999999999999996" in label.toolTip()
    w.scene.select_ids([w.model.output])  # its seed, exactly 1: nothing to say
    QApplication.processEvents()
    assert label.text() == "1.0" and label.toolTip() == ""
