"""Trial 64 #3: the lecture's MLP opened from its file, Presentation Mode (Ctrl+Shift+P),
Backward (Ctrl+B), → and → (step 14, 85 %): the folded "loss" card's input rows read
"0.4277 / 0.5571 / 0.7185 / ∇−1.1", no names (ypred[1]…ypred[4]), three values beside one
gradient, four digits beside two. Its rows side by side had no room for the names at the
mode's larger text. Now its one output's row goes in the line over the inputs' (a little
smaller there), every row keeps its name, and a row whose gradient is still to come says
so ("ypred[1] ∇—") beside the one that has come ("ypred[4] ∇−1.1"): one kind, one precision."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_presentation_mode import press, toggle_presentation
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX

_NUMBER = re.compile(r"(?<![\w.\[])[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?(?![\w.\]])")


def _digits(number: str) -> int:
    """Its significant digits as written ("−1.1": 2, "0.4277": 4, "1.0": 2)."""
    mantissa = number.lstrip("−-").split("e")[0].replace(".", "")
    return len(mantissa.lstrip("0")) or 1


def _loss_at_step_14(qtbot, w, folder):
    """The trial's keys: the MLP's file opened, Ctrl+Shift+P, Ctrl+B, →, →."""
    open_mlp_file(qtbot, w, folder)
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        press(qtbot, w, Qt.Key.Key_Right)
    assert w.backward.animator.pos == 14
    return next(c for c in w.scene.folding.cards() if c.label == "loss")


def _rows(card, zoom: float) -> list[str]:
    texts = card.texts_at(zoom)
    for i, t in enumerate(texts):  # each readable, inside the card, none over another
        assert t.px * zoom >= MIN_PX - 1e-9 and card.rect().contains(t.rect), (zoom, t)
        assert not any(t.kind == o.kind == "row" and t.rect.intersects(o.rect) for o in texts[i + 1 :]), t
    return [t.text for t in texts if t.kind == "row"]


def _one_kind_and_precision(card, rows: list[str], zoom: float) -> None:
    names = [p.name for p in (*card.inputs, *card.outputs)]
    assert len(rows) == len(names), (zoom, rows)
    for name in names:  # every row named: which data point, whose gradient
        assert any(r.startswith(f"{name} ") for r in rows), (zoom, name, rows)
    # one kind: each row says a gradient (or that it is still to come), none a bare value among them
    assert all("∇" in r for r in rows), (zoom, rows)
    numbers = [n for r in rows for n in _NUMBER.findall(r.split("∇", 1)[1])]
    assert numbers and len({_digits(n) for n in numbers}) == 1, (zoom, rows)  # one precision


def test_presentation_modes_loss_card_at_step_14_names_every_row(qtbot, window, tmp_path):
    w = window
    loss = _loss_at_step_14(qtbot, w, tmp_path)
    z = w.view.zoom
    assert abs(z - 0.85) < 0.01, z  # (the trial's 85 %)
    rows = _rows(loss, z)
    _one_kind_and_precision(loss, rows, z)
    waiting = [p.name for p in loss.inputs if p.grad is None]
    assert waiting == ["ypred[1]", "ypred[2]", "ypred[3]"], waiting  # (the pass has sent ypred[4] its own)
    assert sorted(rows) == ["loss ∇1.0", "ypred[1] ∇—", "ypred[2] ∇—", "ypred[3] ∇—", "ypred[4] ∇−1.1"], rows


def test_presentation_modes_loss_card_keeps_its_names_near_and_at_the_lessons_zooms(qtbot, window, tmp_path):
    w = window
    loss = _loss_at_step_14(qtbot, w, tmp_path)
    for zoom in (1.2, 1.0, 0.9, 0.85, 0.8, 0.78):
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        _one_kind_and_precision(loss, _rows(loss, w.view.zoom), w.view.zoom)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_End)  # the finished pass: every ypred[k] has its gradient
    w.view.set_zoom(0.85)
    QApplication.processEvents()
    rows = _rows(loss, w.view.zoom)
    _one_kind_and_precision(loss, rows, w.view.zoom)
    assert not any("∇—" in r for r in rows), rows
