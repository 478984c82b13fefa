"""Clearing what the animation and the learning tools drew on the cards goes
through one NodeItem method."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, make_window, menu_action, tmp_settings, window  # noqa: F401

from gui.learning.overlay import Overlay


def _state(w):
    return {
        n: (w.scene.node_item(n).grad, w.scene.node_item(n).highlight, w.scene.node_item(n).note)
        for n in w.model.nodes()
    }


def test_clear_gradients_and_overlay_reset_every_card(window):
    w = window
    menu_action(w.menus["file"], "example_accumulate_shared").trigger()
    QApplication.processEvents()
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()
    action(w, "backward").trigger()
    action(w, "step").trigger()
    QApplication.processEvents()
    assert any(v != (None, None, None) for v in _state(w).values())
    action(w, "clear_grads").trigger()
    QApplication.processEvents()
    assert set(_state(w).values()) == {(None, None, None)}

    ov = Overlay(w)
    ov.mark("a", grad=2.5, highlight="current", note="look here")
    ov.mark("b", highlight="dim")
    assert w.scene.node_item("b").opacity() < 1.0
    ov.clear()
    assert set(_state(w).values()) == {(None, None, None)}
    assert w.scene.node_item("b").opacity() == 1.0
    assert ov.ids == set()
