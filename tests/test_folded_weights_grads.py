"""A folded card of many values shows the range of their gradients once a
pass shows them, and hovering it lists each one (a trial of issue 10:
after Backward, End, the MLP's "layer 1 weights" and "layer 2 weights"
cards, sixteen and twenty values in one summary row, showed no gradient
at all: the numbers a training step uses)."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, hover_tip, show_mlp, tmp_settings, window  # noqa: F401

from core.autograd.floats import fmt_card
from core.graph.backward import backward
from gui.canvas.cards.card_text import MIN_PX
from gui.canvas.folding import card_rows

CTRL = Qt.KeyboardModifier.ControlModifier
NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


def _numbers(text: str) -> list[float]:
    return [float(t.replace("−", "-")) for t in NUMBER.findall(text)]


def _weights_cards(w):
    return {c.label: c for c in w.scene.folding.cards() if c.isVisible() and c.label.endswith("weights")}


def _finish(qtbot, w) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # to its end
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()


def test_the_finished_mlp_shows_each_weights_cards_gradient_range(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    z = w.view.zoom
    before = _weights_cards(w)
    assert set(before) == {"layer 1 weights", "layer 2 weights", "layer 3 weights"}
    assert not any("∇" in t.text for c in before.values() for t in c.texts_at(z))  # no pass yet
    for label, n in (("layer 1 weights", 16), ("layer 2 weights", 20)):  # how many, not a name alone
        rows = [t.text for t in before[label].texts_at(z) if t.kind == "row"]
        assert rows in ([f"{n} values out"], [f"{n} out"]), (label, rows)
    _finish(qtbot, w)
    z = w.view.zoom
    grads = backward(w.model).grads  # the engine's, as the headless command prints them
    cards = _weights_cards(w)
    for label, c in cards.items():
        mine = [grads[n] for n in card_rows.nodes(c.outputs)]
        assert len(mine) == {"layer 1 weights": 16, "layer 2 weights": 20, "layer 3 weights": 5}[label]
        rows = [t for t in c.texts_at(z) if "∇" in t.text]
        assert all(t.px * z >= MIN_PX - 1e-9 and c.rect().contains(t.rect) for t in rows)
        if len(rows) == len(mine):  # (five rows fit: each its own)
            assert [_numbers(t.text)[-1] for t in rows] == [round(g, 4) for g in mine]
            continue
        assert len(rows) == 1, (label, c.texts_at(z))
        lo, hi = _numbers(rows[0].text)
        assert abs(lo - min(mine)) <= 0.051 * abs(min(mine)) and abs(hi - max(mine)) <= 0.051 * abs(max(mine))
        assert rows[0].text.startswith("∇−") and " to " in rows[0].text  # a range, its sign kept
    c = cards["layer 1 weights"]
    (row,) = [t.text for t in c.texts_at(1.0) if t.kind == "row"]  # near: how many, the range in full
    mine = [grads[n] for n in card_rows.nodes(c.outputs)]
    assert row.startswith("16 values out") or row.startswith("16 out")
    assert row.endswith(f"∇{fmt_card(min(mine))} to {fmt_card(max(mine))}")


def test_hovering_a_folded_weights_card_lists_each_weight_and_its_gradient(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    c = _weights_cards(w)["layer 1 weights"]
    tip = hover_tip(w, c.mapToScene(c.rect().center()))
    m = w.model
    outs = card_rows.nodes(c.outputs)
    assert "Group “layer 1 weights”, folded: 16 nodes" in tip and "grad" not in tip  # no pass: values alone
    assert all(f"{m.label(n)}</td>" in tip and fmt_card(m.value(n)) in tip for n in outs)
    _finish(qtbot, w)
    grads = backward(m).grads
    tip = hover_tip(w, c.mapToScene(c.rect().center()))
    assert "grad</td>" in tip  # a column headed so
    for n in outs:  # each weight's row, unwrapped: its name, its value and its gradient
        row = re.search(rf"<tr><td nowrap>{re.escape(m.label(n))}</td>(.*?)</tr>", tip)
        assert row is not None, m.label(n)
        cells = re.findall(r"<td nowrap align=right>&nbsp;&nbsp;(.*?)</td>", row.group(1))
        assert cells == [fmt_card(m.value(n)), fmt_card(grads[n])]


def test_a_saturated_neurons_tiny_gradients_are_shown_not_its_values(qtbot, window):
    """A trial: Backward, End, click "layer 1 [1]", Ctrl+] at 49 %: neuron
    1.4 [1] (tanh of 4.5: gradients near 1e−4) showed its cards' values
    where the other neurons showed gradients, read as "backprop never
    reached here". Each card with a gradient shows one, whatever its size."""
    w = window
    show_mlp(qtbot, w)
    _finish(qtbot, w)
    m = w.model
    card = next(c for c in w.scene.folding.cards() if c.label == "layer 1 [1]")
    w.scene.clearSelection()
    card.setSelected(True)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL)  # opens it
    QApplication.processEvents()
    w.view.set_zoom(0.49)  # (the trial's: a gradient in three digits fits, not one as small as 1e−4 is)
    QApplication.processEvents()
    z = w.view.zoom
    grads = backward(m).grads
    layer = next(g for g in m.groups.ids() if m.groups.get(g).label == "layer 1 [1]")
    inside = [n for n in m.groups.nodes_in(layer) if w.scene.node_item(n).isVisible()]
    tiny = [n for n in inside if 0 < abs(grads[n]) < 1e-3]
    assert len(tiny) >= 4  # (the case: a saturated neuron)
    for n in inside:
        texts = {t.kind: t.text for t in w.scene.node_item(n).texts_at(z)}
        assert "grad" in texts, (m.label(n), grads[n], texts)
        if n in tiny:  # its size kept: a power of ten or "≈0", never "0"
            shown = texts["grad"].replace("∇", "").strip().replace("−", "-")
            assert (
                shown == "≈0"
                or abs(float(shown) - grads[n]) <= 0.5 * 10 ** math.floor(math.log10(abs(grads[n]))) + 1e-12
            )


def test_a_summary_of_gradients_in_keeps_the_outputs_in_four_decimals(qapp):
    """A trial at step 55: the finished "layer 3 [1]" read "9 in … ypred[1]
    ∇−1.1" where at step 13 it read "9 values in  ypred[1] ∇−1.1446": the
    inputs' summary, a gradient range now, was taken for a row cut short,
    and the outputs were cut to two digits to match it."""
    from gui.canvas.folding.group_card import GroupCard
    from gui.canvas.folding.group_rows import Port

    ports = {f"i{k}": Port(f"i{k}", f"h2.{k}[1]", 0.5, 0.1 * k - 0.45) for k in range(9)}
    card = GroupCard("g", lambda _g: None, lambda *_a: None, lambda _g: None)
    ins = card_rows.Bundle(list(ports), lambda n: ports[n].grad)
    card.set_content("layer 3 [1]", 12, ins, [Port("o", "ypred[1]", 0.4277, -1.14460123)])
    rows = [t.text for t in card.texts_at(1.0) if t.kind == "row"]
    assert rows[-1].endswith("∇−1.1446"), rows
    assert rows[0].startswith("9 "), rows  # (its count kept)


def test_a_gradient_range_is_the_same_whatever_the_order_and_says_nan(qapp):
    """A review: min and max over [nan, 1, −2] gave "∇nan to nan", over
    [1, nan, −2] "∇−2 to 1": the range is of the numbers, a nan said apart;
    two gradients alike in four decimals are one number, not "0.1234 to 0.1234"."""
    from gui.canvas.folding.group_rows import Port, grad_span

    def span(*grads):
        return grad_span([Port(f"n{i}", f"n{i}", 0.0, g) for i, g in enumerate(grads)])

    nan = float("nan")
    assert span(nan, 1.0, -2.0) == span(1.0, nan, -2.0) == span(1.0, -2.0, nan)
    assert span(nan, 1.0, -2.0)[0] == "∇−2.0000 to 1.0000 (and nan)"
    assert span(0.12341, 0.12342)[0] == "∇0.1234"
    assert span(nan, nan)[0] == "∇nan" and span(None) is None
