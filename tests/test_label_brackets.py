"""Verify 50, N6: a label that is an expression is bracketed only where
something follows it that binds more tightly. "(x**2).grad" keeps its
brackets, but the Order list's rows read "x*y + x**2" and "-y", not
"(x*y + x**2)" and "(-y)"; the banner says "so x**2 passes it back";
Properties' Computes reads "L = (p1 - y1)**2 + (…)**2", as Python writes
it, not "((p1 - y1)**2) + (…)"; and the gradient graph's negation of
(-y).grad is "−(−y).grad", one minus sign throughout, not "−((-y).grad)"
(and its status line's "(x**2).grad" keeps the brackets ".grad" needs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_class_trial import click_card
from test_folded_boundary_grads import FORMULA, X, Y, start_pass
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

from core.code.codeadd import import_code
from core.files import fileio

DISPLAY = Qt.ItemDataRole.DisplayRole


def open_code(w, tmp_path, code: str, values: dict) -> None:
    model, _plan = import_code(code, values)
    path = tmp_path / "g.mgraph"
    fileio.save(model, str(path))
    w.resize(1600, 1000)
    assert w.open_path(str(path))
    QApplication.processEvents()


def rows(w) -> dict[int, str]:
    """The Order list's node column, step by step (without a group beside it)."""
    om = w.backward.order_panel.model
    last = w.backward.replay.last
    return {p: om.data(om.index_of(p, 1), DISPLAY).split("  · ")[0] for p in range(1, last + 1)}


def node(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def test_the_order_list_and_the_banner_bracket_a_label_only_before_its_grad(qtbot, window, tmp_path):
    w = window
    open_code(w, tmp_path, FORMULA, {"x": X, "y": Y})
    start_pass(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    shown = rows(w)
    for expr in ("x*y + x**2", "-y", "x*y", "x**2", "tanh(x*y + x**2)", "exp(-y)"):
        assert expr in shown.values(), shown
    assert not [r for r in shown.values() if r.startswith("(")], shown
    # the step of x**2, as the trial saw it: its gradient keeps its brackets, the sentence none
    pos = w.backward.replay.step_of(node(w, "x**2")) + 1
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    for _ in range(pos):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    banner = w.backward.narration.text()
    # (the gradient written as its product writes it: "1.24933 × 1.4 = 1.7491", t62 #6)
    assert "(x**2).grad = 1.24933 is complete, so x**2 passes it back" in banner, banner
    assert w.backward.order_panel.status.text() == f"Step {pos} of 9: x**2 passes its gradient back."
    chain = w.backward.chain_panel.text()
    assert "Chain rule: x**2 passes its gradient back" in chain, chain
    assert "from x*y + x**2: (x*y + x**2).grad × ∂(x*y + x**2)/∂(x**2)" in chain, chain


def test_properties_computes_brackets_only_where_python_needs_them(qtbot, window, tmp_path):
    w = window
    code = "L = (p1 - y1)**2 + (sigmoid(w*x2 + b) - y2)**2"
    open_code(w, tmp_path, code, {"p1": 0.5, "y1": 1.0, "w": 0.5, "x2": 2.0, "b": -1.0, "y2": 0.0})
    click_card(w, node(w, "L"))
    p = w.properties
    computes = p.formula_label.text().replace("\u200b", "")
    assert computes == "L = (p1 - y1)**2 + (sigmoid(w*x2 + b) - y2)**2", computes
    chain = w.backward.chain_panel.text()
    assert "L = (p1 - y1)**2 + (sigmoid(w*x2 + b) - y2)**2 = 0.25 + " in chain, chain
    # a product of two sums still brackets both, and a power's base its sum
    click_card(w, node(w, "(p1 - y1)**2"))
    assert p.formula_label.text().replace("\u200b", "").startswith("(p1 - y1)**2 = (p1 - y1)**2")


def test_the_gradient_graph_writes_one_minus_sign_and_no_extra_brackets(qtbot, window, tmp_path):
    w = window
    open_code(w, tmp_path, FORMULA, {"x": X, "y": Y})
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    m = w.model
    negs = [m.label(n) for n in m.nodes() if m.op(n) == "neg"]
    assert negs == ["-y", "−(−y).grad"], negs  # (the first: f's own -y, as typed)
    labels = [m.label(n) for n in m.nodes()]
    assert "(−y).grad" in labels and "−((-y).grad)" not in labels
    said = w.status_text()  # (an add passes its gradient on: "… is also (x**2).grad", not "x**2.grad")
    assert "(x*y + x**2).grad is also (x*y).grad and (x**2).grad" in said, said
