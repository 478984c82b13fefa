"""t62 #6: the trial's MLP (imported from its code), Backward stepped by hand
to (x1*w11)'s step: the banner wrote its gradient "−0.003514" in x1's product
and "−0.0035143" in w11's ("x1.grad += −0.003514 × 0.5 = −0.001757; w11.grad
+= −0.0035143 × 2 = −0.007029"). One sentence writes one number alike, as
the product that needs the most digits to check on paper writes it; each
product still checks, and the Chain Rule panel's lines of the step too."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_folded_boundary_grads import start_pass
from test_forward_end_numbers import MLP
from window_helpers import answers, drop_code, tmp_settings, window  # noqa: F401


def _id(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def _products(text: str) -> list[tuple[str, str, str]]:
    """Each ``a × b = c`` written in ``text`` (``b`` in brackets if negative)."""
    num = r"−?\d+(?:\.\d+)?(?:e−?\d+)?"
    return re.findall(rf"({num}) × \(?({num})\)? = ({num})", text)


def _checks(a: str, b: str, c: str) -> bool:
    """``a × b``, done on paper, rounded to ``c``'s places, is ``c``."""
    d = [Decimal(x.replace("−", "-")) for x in (a, b, c)]
    return (d[0] * d[1]).quantize(d[2]) == d[2]


def test_one_step_writes_its_gradient_alike_in_every_product(qtbot, window, tmp_path):
    w = window
    drop_code(w, tmp_path, MLP)
    qtbot.keyClick(
        w.view,
        Qt.Key.Key_BracketRight,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    start_pass(qtbot, w)
    pos = w.backward.replay.step_of(_id(w, "x1*w11")) + 1
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    for _ in range(pos):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    banner = w.backward.narration.text()
    assert "(x1*w11).grad = −0.0035143 is complete" in banner, banner
    products = _products(banner)
    assert [p[1] for p in products] == ["0.5", "2"], banner  # x1's and w11's
    assert {p[0] for p in products} == {"−0.0035143"}, banner  # one form of one gradient
    assert all(_checks(*p) for p in products), banner
    chain = w.backward.chain_panel.text().split("Chain rule:")[1]  # (its section of the step)
    lines = _products(chain)
    assert lines and {p[0] for p in lines} == {"−0.0035143"} and all(_checks(*p) for p in lines), chain
