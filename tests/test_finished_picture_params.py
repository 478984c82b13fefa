"""The finished picture (gui/backward/finished_view.py): where the root and
every leaf do not fit at a readable zoom, the root and the parameters, or
the parameters alone; one parameter alone too (it was left out: End showed
the last step's card, the parameter and its gradient off screen)."""

from __future__ import annotations

import pytest
from test_animation_gui import _seen, hand_mode, open_example, press
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.learn.training import TRAINABLE, is_trainable


@pytest.mark.parametrize("trainable", [(), ("w1",), ("w1", "w2", "b")])
def test_end_shows_the_parameters_however_many(window, trainable):
    w = window
    w.resize(900, 700)  # (neuron_exp's root and leaves do not fit here at a readable zoom)
    open_example(w, "neuron_exp")
    for n in w.model.nodes():
        if w.model.op(n) == "leaf" and n not in trainable:
            w.model.set_attr(n, TRAINABLE, False)
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    for _ in range(rp.last):
        press(w, "step")
    params = [n for n in rp.ends()[1:] if is_trainable(w.model, n)]
    assert sorted(params) == sorted(trainable)
    seen = _seen(w.view)
    if params:
        assert all(seen.contains(w.scene.node_item(n).sceneBoundingRect()) for n in params), params
    else:  # no parameter: the last step, as before
        assert seen.contains(w.scene.node_item(rp.steps[-1].node).sceneBoundingRect())


def test_a_deep_folded_mlps_end_shows_its_root_and_weights_not_a_constant(qtbot, window):
    """Trial 59 #6: Insert MLP with layers 4, 4, 4, 4, 4, 4, 1 (1,016 nodes), Backward, End:
    the view landed at 85 % on the constants x1[1]…x3[2] (the root and its weights, all
    folded, fitted a hair below the node cards' readable zoom). Folded cards read further
    out: the picture is the root and every weights card, their names drawn (here, as in the
    trial's window, below where folded cards write their rows: F's picture, the loss in it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from core.learn import templates
    from gui.common import style as S

    w = window
    w.resize(1450, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.learning.insert(templates.mlp(nouts=(4, 4, 4, 4, 4, 4, 1)))
    QApplication.processEvents()
    assert len(list(w.model.nodes())) == 1016
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end
    seen = _seen(w.view)
    cards = {c.label: c for c in w.scene.folding.cards() if c.isVisible()}
    wanted = ["loss", *(f"layer {k} weights" for k in range(1, 8))]
    for label in wanted:
        assert seen.contains(cards[label].sceneBoundingRect()), (label, w.view.zoom)
    assert S.FAR_ZOOM_FEW <= w.view.zoom < S.FAR_ZOOM, w.view.zoom  # (their names drawn over them)
    x1 = w.scene.node_item(next(n for n in w.model.nodes() if w.model.label(n) == "x1[1]"))
    assert seen.contains(x1.sceneBoundingRect())  # (the whole graph: its constants too)
