"""The Learn panels follow the graph shown (trial 67 #4–#6): a finished pass
stays through a gradient check, and no panel keeps the last graph's result
once another graph is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, run_to_end, tmp_settings, trigger, window  # noqa: F401

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def open_blog(w):
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()


def card_grads(w) -> dict:
    return {n: w.scene.node_item(n).grad for n in w.model.nodes()}


def test_gradient_check_keeps_a_finished_pass_on_the_cards(qtbot, window):
    """Ctrl+B, End, then Learn › Gradient Check…: the cards keep their gradients, the same
    numbers as the table's Analytic column, and Back/Home still step the pass."""
    w = window
    open_blog(w)
    run_to_end(qtbot, w)
    shown = card_grads(w)
    assert shown["a"] == 6.0 and shown["b"] == -4.0
    trigger(w, "learn_gradcheck")
    assert card_grads(w) == shown
    assert w.backward.animator.active and w.backward.animator.at_end
    assert action(w, "step_back").isEnabled() and action(w, "restart").isEnabled()
    table = w.learning.gradcheck.table
    analytic = {table.item(r, 0).text(): float(table.item(r, 1).text().replace("−", "-")) for r in range(table.rowCount())}
    assert analytic == {n: shown[n] for n in analytic}
    assert "All 4 gradients agree" in w.learning.gradcheck.summary.text()


def test_gradient_check_that_marks_a_wrong_gradient_says_the_pass_ended(qtbot, window, monkeypatch):
    w = window
    open_blog(w)
    run_to_end(qtbot, w)
    from core.learn import gradcheck as module

    real = module.backward

    def wrong(model, root=None):
        res = real(model, root)
        res.grads["b"] = 4.0
        return res

    monkeypatch.setattr(module, "backward", wrong)
    trigger(w, "learn_gradcheck")
    b = w.scene.node_item("b")
    assert b.highlight == "current" and "numeric" in b.note
    assert not w.backward.animator.active
    assert "Gradient Check ended the backward pass" in w.status_text()
