"""A number a hair from a whole one reads as the other cards' numbers do
(trial 51: tanh o = −0.99999999999777 read "−1.0" at 56 %, every other card
four decimals, so the student could not tell what the short form meant):
"≈−1.0000" on the card (trial 66 #9: "−1.0000" read as exactly −1), its
digits in the tooltip as Properties has them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, hover_tip, tmp_settings, type_on_card, window  # noqa: F401

EX = Path(__file__).resolve().parent.parent / "resources" / "examples"


def test_a_saturated_tanh_reads_minus_one_to_four_decimals(qtbot, window):
    w = window
    w.resize(1366, 768)  # the trial's laptop
    assert w.open_path(str(EX / "neuron_tanh.mgraph"))
    QApplication.processEvents()
    # b = −7.7627, typed on its card as the student did: n = −13.7627, o = tanh(n)
    type_on_card(qtbot, w, "b", "-7.7627")  # (typed on its card, as the student did)
    o = w.scene.node_item("o")
    assert -1 < w.model.value("o") < -0.99999999999  # not −1 itself
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit: the whole graph, as the trial's 56 %
    QApplication.processEvents()
    for zoom in (w.view.zoom, 1.0):
        values = [t.text for t in o.texts_at(zoom) if t.kind == "value"]
        # not "−1.0", nor −0.999999999998 that fits no card; "≈": not −1 itself (trial 66 #9)
        assert values == ["≈−1.0000"], (zoom, values)
    n = [t.text for t in w.scene.node_item("n").texts_at(w.view.zoom) if t.kind == "value"]
    assert n == ["−13.7627"]  # (its neighbour: four decimals too)
    tip = hover_tip(w, o.sceneBoundingRect().center())
    assert "−0.99999999999777" in tip, tip  # the digits, as Properties shows them
