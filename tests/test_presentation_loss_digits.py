"""Verify 59 / fix59c: in Presentation Mode at 78 % the folded loss card wrote its
gradient of exactly 1 as "loss ∇1" (its zeros dropped, to leave the inputs' rows their
four digits), where the normal view writes "loss ∇1.0000" and every number keeps two
significant digits. Where its row has no room for four, it keeps two, "loss ∇1.0",
a little smaller where need be; the inputs keep the zoom's digits (verify 51), and
their names (trial 64 #3: "ypred[4] ∇−1.1", not a bare "∇−1.1" among values)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_presentation_mode import toggle_presentation
from window_helpers import answers, show_mlp, step_by_hand, tmp_settings, window  # noqa: F401


def test_presentation_modes_loss_card_keeps_two_digits_of_its_gradient_of_one(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    (loss,) = [c for c in w.scene.folding.cards() if c.label == "loss"]
    # (the inputs' rows in the zoom's digits, verify 51: at 90 % the mode's cards write two, trial 60 #5)
    for zoom, ypred4 in ((0.9, "∇−1.1"), (0.78, "∇−1.0959")):
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        rows = [t.text for t in loss.texts_at(w.view.zoom) if t.kind == "row"]
        assert not any(t.endswith("∇1") for t in rows), (zoom, rows)
        assert any(t.startswith("loss") and ("∇1.0" in t) for t in rows), (zoom, rows)
        assert f"ypred[4] {ypred4}" in rows, (zoom, rows)  # (named: trial 64 #3)
