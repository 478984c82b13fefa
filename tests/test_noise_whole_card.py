"""Trial 71 #8: the lecture's neuron, Backward to its end: w1's card read
"grad ≈1.00" while its caption, the Order list and the Chain Rule panel all
said 1 (w1.grad is 2 × 0.4999999999999998 = 0.9999999999999996), and the cards
of 0.4999999999999998 read "0.500" with no "≈". A number whole but for float
noise reads as the whole number it is everywhere; one that is not whole (a
saturated tanh's −0.99999999999777: tests/test_near_whole_card.py) keeps "≈"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, run_to_end, tmp_settings, window  # noqa: F401

EX = Path(__file__).resolve().parent.parent / "resources" / "examples"
CTRL = Qt.KeyboardModifier.ControlModifier


def number(w, node: str, kind: str = "grad") -> str:
    """The number a card writes for its ``kind`` at the view's zoom ("" where none)."""
    texts = [t.text for t in w.scene.node_item(node).texts_at(w.view.zoom) if t.kind == kind]
    return texts[0].replace("∇", " ").split()[-1] if texts else ""


def test_a_gradient_whole_but_for_float_noise_reads_as_every_text_says(qtbot, window):
    w = window
    w.resize(1600, 1000)
    assert w.open_path(str(EX / "neuron_tanh.mgraph"))
    QApplication.processEvents()
    run_to_end(qtbot, w)
    note = [t.text for t in w.scene.node_item("w1").texts_at(w.view.zoom) if t.kind == "note"]
    assert note and note[0].startswith("w1.grad = 1 ")  # the caption under the card
    seen = set()
    for _ in range(6):  # zoomed out step by step, as the trial's window was
        w1, x2 = number(w, "w1"), number(w, "x2")
        assert "≈" not in w1, (w.view.zoom, w1)
        if w1 and x2:  # in as many decimals as 0.4999999999999998's card beside it
            assert w1 == {"0.5000": "1.0000", "0.500": "1.00", "0.50": "1.0"}[x2], (w.view.zoom, w1, x2)
            seen.add(w1)
        qtbot.keyClick(w.view, Qt.Key.Key_Minus, CTRL)
        QApplication.processEvents()
    assert {"1.0000", "1.00"} <= seen, seen
