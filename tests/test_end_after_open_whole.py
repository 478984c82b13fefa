"""Verify 59 (t59 #6's residual, v59/93): the MLP opened from its file,
Backward stepped three times by hand, Ctrl+] on the banner's card (layer
2 [4] opens mid-pass), then End. The finished picture kept the root and
the weights cards at 33 % but, centred there, cut the last step's constant
x1[1] at the top and the opened frame's last row at the bottom. The graph
fits a little further out, where its cards still write their names: End
shows it whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _seen(v):
    return v.mapToScene(v.viewport().rect()).boundingRect()


def test_end_after_a_layer_opened_mid_pass_shows_every_card_whole(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL)  # the banner's card opens
    qtbot.wait(20)  # (the pass shows its step again a turn later)
    QApplication.processEvents()
    gid = next(g.id for g in w.model.groups if g.label == "layer 2 [4]")
    assert not w.model.groups.get(gid).collapsed
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end
    seen = _seen(w.view)
    last = w.backward.replay.steps[-1].node
    assert w.model.label(last) == "x1[1]"
    assert seen.contains(w.scene.node_item(last).sceneBoundingRect()), (seen, w.view.zoom)
    frame = w.scene.folding.frame(gid)
    assert frame is not None and seen.contains(frame.sceneBoundingRect()), (seen, w.view.zoom)
    cut = [
        it.node_id
        for it in w.scene.node_items_in(seen)
        if it.isVisible() and not seen.contains(it.sceneBoundingRect())
    ]
    assert not cut
    cards = [c for c in w.scene.folding.cards() if c.isVisible()]
    assert all(seen.contains(c.sceneBoundingRect()) for c in cards)
    assert not w.scene.far_at(w.view.zoom)  # (the cards still write their names)
    assert w.view.zoom < 0.4
