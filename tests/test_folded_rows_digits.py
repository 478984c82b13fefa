"""Verify 51 N-c: a folded card's rows in the zoom's digits, as the cards
beside it. Between about 73 % and 88 % the folded "inner c = x*y + x**2"
read "x ∇1.4 / y ∇0.87 / x*y + x**2 ∇1.2" beside cards' "∇ 1.3499" (its
rows side by side did not fit in four decimals); in Presentation Mode the
MLP's folded loss read "∇−1.1 / ∇3.1 / ∇3.4 / ∇−1.1" beside four-decimal
rows, where "∇−1.1446" fitted. Now the one output's row goes over the
inputs' (as further out), and a row without room for its name keeps the
zoom's digits before fewer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_presentation_mode import settle, toggle_presentation
from test_view_digits import drawn, folded_inner_at_the_end, one_form
from window_helpers import answers, open_mlp_file, run_to_end, step_by_hand, tmp_settings, window  # noqa: F401

from core.explain.format import number_forms
from gui.canvas.cards.card_text import MIN_PX, needed_px
from gui.canvas.cards.zoom_digits import view_level


def test_a_folded_groups_rows_at_74_to_88_percent_keep_the_cards_digits(qtbot, window, tmp_path):
    w = window
    card = folded_inner_at_the_end(qtbot, w, tmp_path)
    for zoom in (0.74, 0.77, 0.8, 0.85, 0.88):
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        z = w.view.zoom
        seen = drawn(w, z)
        assert {"row x", "row y", "row x*y + x**2"} <= {where for where, _t, _g in seen}, (z, seen)
        one_form(seen, z)  # every card and row in one form: not "x ∇1.4" beside "∇ 1.3499"
        texts = card.texts_at(z)
        for i, t in enumerate(texts):  # each readable, inside the card, none over another
            assert t.px * z >= MIN_PX - 1e-9 and card.rect().contains(t.rect), (z, t)
            assert not any(t.kind == o.kind == "row" and t.rect.intersects(o.rect) for o in texts[i + 1 :]), t
    w.view.set_zoom(0.74)  # verify 51's zoom: what x and y get back, as x's and y's cards say
    QApplication.processEvents()
    rows = sorted(t.text for t in card.texts_at(w.view.zoom) if t.kind == "row")
    assert rows == ["x ∇1.3743", "x*y + x**2 ∇1.2493", "y ∇0.8745"], rows


def test_presentation_modes_folded_loss_keeps_the_zooms_digits(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.resize(1366, 768)
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(13):  # verify 51's step 13: the four ypred[k] have sent the loss theirs
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    toggle_presentation(qtbot, w)
    settle()
    w.view.set_zoom(0.78)  # verify 51's zoom
    QApplication.processEvents()
    z = w.view.zoom
    level = view_level(needed_px(z))
    loss = next(c for c in w.scene.folding.cards() if c.label == "loss")
    rows = [t.text for t in loss.texts_at(z) if t.kind == "row"]
    assert len(rows) == len(loss.inputs) + len(loss.outputs), rows
    for p in loss.inputs:  # each ypred[k]'s gradient in the zoom's form: "∇−1.1446", not "∇−1.1"
        assert p.grad is not None
        shown = number_forms(p.grad, level > 0)[level]
        assert any(r.endswith(f"∇{shown}") for r in rows), (level, shown, rows)
