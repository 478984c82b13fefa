"""Trial 59 #7: on the vanishing example at 47 % the folded cards read "h8 ∇0.01" for
0.00846 (one significant digit, 18 % off) beside "h6 ∇−3e−3" and "h9 ∇0.041", and the
loss card wrote its gradient of exactly 1 as "loss ∇1" beside "ypred[4] ∇−1.0959". A
gradient drawn keeps two significant digits wherever a card has room for them, and a
card's rows one precision."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gradient_flow import open_example, turn_on
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


def _digits(number: str) -> int:
    mantissa = number.lstrip("−-").split("e")[0].replace(".", "")
    return len(mantissa.lstrip("0"))


def _key(qtbot, w, key, mod=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w.view, key, mod)
    QApplication.processEvents()


def test_the_vanishing_examples_folded_rows_keep_two_digits_at_47_percent(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    turn_on(w)  # View › Gradient Flow
    open_example(w, "vanishing_tanh")  # File › Examples
    w.view.setFocus()
    _key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        _key(qtbot, w, Qt.Key.Key_Right)
    _key(qtbot, w, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)  # opens layer 10
    _key(qtbot, w, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    for zoom in (0.47, 0.44):  # (the trial's zoom, and the test of one rule's)
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        z = w.view.zoom
        rows = {
            c.label: [t.text for t in c.texts_at(z) if t.kind == "row"]
            for c in w.scene.folding.cards()
            if c.isVisible()
        }
        assert rows["layer 8"] == ["h8 ∇0.0085"], rows  # (it read "h8 ∇0.01")
        assert rows["layer 6"] == ["h6 ∇−0.0028"] and rows["layer 7"] == ["h7 ∇−0.0049"], rows
        assert rows["layer 1"] == ["h1 ∇3.2e−6"] and rows["layer 5"] == ["h5 ∇7.6e−4"], rows
        assert rows["layer 9"] == ["h9 ∇0.041"] and rows["layer 11"] == ["h11 ∇0.274"], rows
        assert rows["layer 12"] == ["h12 ∇1.00"], rows
        for texts in rows.values():  # every row's gradient in two significant digits at least
            for t in texts:
                assert _digits(_NUMBER.findall(t.split("∇")[-1])[-1]) >= 2, t
        x = w.scene.node_item(next(n for n in w.model.nodes() if w.model.label(n) == "x"))
        assert [t.text for t in x.texts_at(z) if t.kind == "grad"] == ["∇9.2e−7"]  # (it read "∇9e−7")


def test_the_loss_cards_gradient_of_one_reads_in_its_rows_digits(qtbot, window):
    """Insert MLP, Ctrl+B, → twice: the folded loss card wrote "loss ∇1" beside
    "ypred[4] ∇−1.0959"; its output goes over the rows in four decimals."""
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    _key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        _key(qtbot, w, Qt.Key.Key_Right)
    (loss,) = [c for c in w.scene.folding.cards() if c.label == "loss"]
    for zoom in (0.85, 0.7):
        rows = [t.text for t in loss.texts_at(zoom) if t.kind == "row"]
        assert "loss ∇1.0000" in rows and "ypred[4] ∇−1.0959" in rows, (zoom, rows)
    for zoom in (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6):
        rows = [t.text for t in loss.texts_at(zoom) if t.kind == "row"]
        assert not any(t.endswith("∇1") for t in rows), (zoom, rows)
