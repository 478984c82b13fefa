"""Compact cards after Backward say value and gradient (trial 43 #9: at
54 %, neuron_exp.mgraph after Ctrl+B, End read only "∇ …" under each name,
its data values gone; a learner wants both side by side, as the lecture's
graphviz picture shows them). Two lines: value and gradient; a third line,
where it fits, names the card too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, run_to_end, tmp_settings, window  # noqa: F401

from core.explain.format import fmt_card
from gui.canvas.cards.card_text import FULL_MAX, line_height, needed_px


def open_zoomed_out(qtbot, w, presses: int) -> float:
    """neuron_exp opened, then Ctrl+0 (100 %) and Ctrl+− ``presses`` times;
    the zoom reached."""
    w.resize(1600, 1000)
    qtbot.waitExposed(w)
    menu_action(w.menus["file"], "example_neuron_exp").trigger()
    QApplication.processEvents()
    w.view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w.view, Qt.Key.Key_0, ctrl)
    for _ in range(presses):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus, ctrl)
    QApplication.processEvents()
    return w.view.transform().m11()


def kinds(card, zoom) -> dict[str, str]:
    return {t.kind: t.text for t in card.texts_at(zoom)}


def test_after_backward_at_the_trials_zoom_cards_show_value_and_gradient(qtbot, window):
    w = window
    z = open_zoomed_out(qtbot, w, 3)  # 51 %, the trial's 54 % near enough
    px = needed_px(z)
    assert px > FULL_MAX and int(65 // line_height(px, True)) == 2, z  # compact cards, two lines
    before = {n: kinds(w.scene.node_item(n), z) for n in ("x1", "w1", "n", "o")}
    assert all("value" in k and "label" in k for k in before.values()), before
    run_to_end(qtbot, w)
    for n in ("x1", "w1", "n", "o"):
        card = w.scene.node_item(n)
        shown = kinds(card, z)
        assert "value" in shown and "grad" in shown, (n, shown)
        assert shown["value"] == before[n]["value"], (n, shown)  # the data value stays where it was
        assert shown["grad"].startswith("∇"), shown
    o = kinds(w.scene.node_item("o"), z)
    assert o["grad"] == f"∇ {fmt_card(1.0)}", o


def test_zoomed_in_a_little_the_name_is_back_as_a_third_line(qtbot, window):
    w = window
    z = open_zoomed_out(qtbot, w, 2)  # 64 %
    run_to_end(qtbot, w)
    px = needed_px(z)
    assert px > FULL_MAX and int(65 // line_height(px, True)) >= 3, z
    shown = kinds(w.scene.node_item("x1"), z)
    assert shown.keys() >= {"label", "value", "grad"}, shown
