"""One rule for a number's digits at a zoom, whatever card writes it (a
real-window review): side by side at one zoom, card kinds chose their digits
each by its own room, at 44 % a card's "x ∇9e−7" beside a folded card's
"h1 ∇3.21e−6", at 62 % "∇ 9.25e−7" beside "x ∇9.247e−7", and on the inserted
32-wide MLP "ypred[1] −1.00" beside "ypred[3] −0.99999". Now node cards,
folded cards' rows and linked copies ask one function (zoom_digits.py)."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QApplication
from test_gradient_flow import backward_to_end, open_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.autograd.floats import fmt_card
from core.explain.format import MINUS
from core.learn import templates

#: The review's zooms, and some between.
ZOOMS = (0.44, 0.5, 0.57, 0.62, 0.7, 0.79, 0.9, 1.0)
_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


def _number(text: str) -> str | None:
    """The number a text ends with ("h1 ∇3.21e−6": "3.21e−6"), None for none."""
    found = _NUMBER.findall(text.split("∇")[-1])
    return found[-1] if found else None


def _digits(number: str) -> int:
    """Its significant digits ("3.21e−6": 3, "0.0028": 2)."""
    mantissa = number.lstrip("−-").split("e")[0].replace(".", "")
    return len(mantissa.lstrip("0"))


def _grads_drawn(w, zoom: float) -> dict[float, set[tuple[str, str]]]:
    """Every gradient a shown card, a folded card's row or a linked copy writes at
    ``zoom``: by its true value, (where, its number)."""
    out: dict[float, set[tuple[str, str]]] = defaultdict(set)
    for n in w.model.nodes():
        it = w.scene.node_item(n)
        if it is None or not it.isVisible() or it.grad is None:
            continue
        for t in it.texts_at(zoom):
            if t.kind == "grad" and (number := _number(t.text)) is not None:
                out[it.grad].add((f"card {w.model.label(n)}", number))
    for c in w.scene.folding.cards():
        if not c.isVisible():
            continue
        grads = {p.name: p.grad for p in (*c.inputs, *c.outputs)}
        for t in c.texts_at(zoom):
            name = t.text.split("∇")[0].strip()
            if t.kind == "row" and "∇" in t.text and grads.get(name) is not None:
                if (number := _number(t.text)) is not None:
                    out[grads[name]].add((f"row {name} of {c.label}", number))
    lk = w.scene.linked
    for c in lk.copies():
        g = lk.carried(c.key)
        for line in c.texts(zoom)[0]:
            if g is not None and "∇" in line and (number := _number(line)) is not None:
                out[g].add((f"copy of {w.model.label(c.source)}", number))
    return out


def test_a_gradient_reads_the_same_on_every_kind_of_card_at_every_zoom(qtbot, window):
    w = window
    w.resize(1600, 1000)
    open_example(w, "vanishing_tanh")  # (its tiny gradients: x's 9.247e−7, layer 1's h1 3.212e−6)
    backward_to_end(qtbot, w)
    kinds_seen = set()
    for zoom in ZOOMS:
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        z = w.view.zoom
        drawn = _grads_drawn(w, z)
        for g, seen in drawn.items():  # one value, one text, whoever writes it
            assert len({number for _where, number in seen}) == 1, (zoom, g, sorted(seen))
            kinds_seen |= {where.split(" ")[0] for where, _n in seen}
        # the tiny ones (in powers of ten) side by side in as many digits: not "x ∇9e−7" beside
        # "h1 ∇3.21e−6" (44 %)
        tiny = {(where, number) for seen in drawn.values() for where, number in seen if "e" in number}
        assert len({_digits(number) for _where, number in tiny}) <= 1, (zoom, sorted(tiny))
    assert {"card", "row"} <= kinds_seen, kinds_seen


def test_the_inserted_mlps_near_whole_predictions_read_alike(qtbot, window):
    """Learning › Insert MLP with layers 32, 32, 1 (the review's): its predictions
    a hair from −1 read alike at one zoom, all in their digits or all rounded to
    as many decimals, never "−1.00" beside "−0.99999"; or each marked as a rounding
    ("≈−1.0", trial 66 #9), whose decimals do not pass for its digits."""
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.learning.insert(templates.mlp(nouts=(32, 32, 1)))
    QApplication.processEvents()
    preds = {n: w.model.value(n) for n in w.model.nodes() if w.model.label(n).startswith("ypred[")}
    near = {n for n, v in preds.items() if 0 < abs(abs(v) - 1) < 5e-4}
    assert len(near) >= 2, preds
    checked = 0
    for zoom in ZOOMS:
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        z = w.view.zoom
        texts = []  # (its number, its value) wherever a prediction near −1 is written
        rounded = 0  # how many of them say "≈"
        for c in w.scene.folding.cards():
            if not c.isVisible():
                continue
            values = {p.name: p.value for p in (*c.inputs, *c.outputs) if p.node in near}
            for t in c.texts_at(z):
                name = t.text.split(" ")[0]
                if t.kind == "row" and name in values and (number := _number(t.text)) is not None:
                    texts.append((number, values[name]))
                    rounded += f"≈{number}" in t.text
        for n in near:
            it = w.scene.node_item(n)
            if it is not None and it.isVisible():
                shown = [t.text for t in it.texts_at(z) if t.kind == "value"]
                rounded += sum(t.startswith("≈") for t in shown)
                texts += [(t.removeprefix("≈"), preds[n]) for t in shown]
        for number, v in texts:
            assert float(number.replace(MINUS, "-")) == round(float(number.replace(MINUS, "-")), 6)
            assert abs(float(number.replace(MINUS, "-")) - v) < 1e-3, (zoom, number, v)
        # all in their own digits (as the cards' four decimals and more), or all in as many decimals
        # (or each one written as a rounding, "≈": trial 66 #9)
        if not all(number == fmt_card(v) for number, v in texts) and rounded < len(texts):
            assert len({len(number.partition(".")[2]) for number, _v in texts}) <= 1, (zoom, texts)
        checked += len(texts)
    assert checked, "no prediction near −1 written at any zoom"


def test_a_gradient_hundredths_would_call_zero_keeps_its_size(qtbot):
    """Verify 54: at 43 % vanishing_tanh's h6 and h7 read "∇≈0" (−0.00281,
    −0.00491) beside h5's "∇8e−4" (7.58e−4): a larger gradient read as none.
    Where two decimal places would say "≈0", one digit in powers of ten first; and (trial 59)
    the zoom's text in two digits before either, for every card with room for it."""
    from gui.canvas.cards.card_text import needed_px
    from gui.canvas.cards.zoom_digits import grad_forms_at

    for zoom in (0.43, 0.44):
        need = needed_px(zoom)
        assert grad_forms_at(7.58e-4, need)[:2] == ["7.6e−4", "8e−4"]
        assert grad_forms_at(-0.00281, need)[:2] == ["−0.0028", "−3e−3"]
        assert grad_forms_at(-0.00491, need)[:2] == ["−0.0049", "−5e−3"]


def test_a_big_gradient_has_a_one_digit_form_last(qtbot):
    """Verify 54: on the gradient graph at 50 % card b showed its value 2.0000, not its
    gradient 1989.78: "1.99e3" was its narrowest form and did not fit. Its size in one
    digit comes last ("2e3"), as a tiny gradient's does (after the zoom's two digits or more:
    trial 59)."""
    from gui.canvas.cards.card_text import needed_px
    from gui.canvas.cards.zoom_digits import grad_forms_at

    assert grad_forms_at(1989.78, needed_px(0.5))[-1] == "2e3"
    assert grad_forms_at(-1989.78, needed_px(0.3)) == ["−1.99e3", "−2e3"]
    assert grad_forms_at(12345.6, None)[-1] == "1e4"
    assert grad_forms_at(999.5, None)[-1] != "1e3"  # (under a thousand: its digits, as before)
