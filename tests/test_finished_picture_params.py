"""The finished picture (gui/backward/replay_canvas.py): where the root and
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
