"""Trial 60 #5: the teacher's x*y → tanh, x**3 → sum graph at 1600×1000, in Presentation Mode with
the Hessian shown, Ctrl+B and End: pow1 read "grad 1.0" while tanh1 and add1 read "grad 1.00"
(three digits) and mul1 "grad 0.60", x "grad −0.14" (two). The zoom's form was chosen by the
tightest card at the usual text size ("−0.1234"), but each card wrote its gradient at the mode's
larger size in the first form its own room held: "1.00" is narrower than "0.597", an x³ card's
"in" took room a tanh card has. Now every gradient drawn at one zoom is in one form, in the
mode and out of it (README, "one form per zoom")."""

from __future__ import annotations

import re

from lecture_graphs import lecture_h
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_presentation_mode import press, toggle_presentation
from test_view_digits import card_grads as drawn
from test_view_digits import forms, number_of
from test_window_files import open_blog_example
from window_helpers import (  # noqa: F401
    answers,
    open_file_at,
    run_to_end,
    show_mlp,
    step_by_hand,
    tmp_settings,
    trigger,
    window,
)

from core.files import fileio

_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")

#: Zooms a lesson is shown at: full cards (120–80 %), compact ones (75–40 %).
ZOOMS = (1.2, 1.1, 1.0, 0.97, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.45, 0.4)


def write_lecture_h(folder) -> str:
    """The trial's lecture_h.mgraph (f = tanh(x*y) + x**3 at x = 0.5, y = −1.5, x used twice), saved."""
    path = folder / "lecture_h.mgraph"
    fileio.save(lecture_h(), str(path))
    return str(path)


def one_form_at(w, zoom: float | None = None) -> list[tuple[str, str, float]]:
    """Every gradient drawn on a card at ``zoom`` (the view's as it is where None), asserted in one
    form, the folded cards' rows' gradients in it too (a small one, wider than the model
    −0.1234, may keep two digits where the others keep three: README; a range row, "∇−0.40 to
    0.55", keeps fewer, and a folded card's whole-number gradient beside its inputs' rows two:
    "loss ∇1.0")."""
    if zoom is not None:
        w.view.set_zoom(zoom)
        QApplication.processEvents()
    z = w.view.zoom
    seen = drawn(w, z)
    if not seen:  # (far out a card has room for one line: its name or value, no gradient)
        return seen
    common = {0, 1, 2}
    for _where, text, g in seen:
        common &= forms(number_of(text), g) if abs(g) >= 0.1 else common
    said = [(where, text) for where, text, _g in seen]
    assert common, (z, said)
    for where, text, g in seen:
        assert forms(number_of(text), g) & (common if abs(g) >= 0.1 else common | {2}), (z, where, said)
    for c in w.scene.folding.cards():
        for t in c.texts_at(z) if c.isVisible() else []:
            if t.kind != "row" or "∇" not in t.text or " to " in t.text or "≤" in t.text:
                continue
            for number in _NUMBER.findall(t.text.split("∇")[-1]):
                x = float(number.replace("−", "-"))
                # (as a small one, a whole-number row beside the inputs' keeps two: "loss ∇1.0", README)
                loose = abs(x) < 0.1 or (x == round(x) and number.endswith(".0"))
                assert form_of(number) & (common | {2} if loose else common), (z, c.label, t.text, said)
    return seen


def form_of(number: str) -> set[int]:
    """Which of number_forms' forms (0: four decimals, 1: three digits, 2: two) ``number`` can be."""
    if "e" in number:
        return {0, 1, 2}
    decimals = len(number.partition(".")[2])
    digits = len(number.lstrip("−-").replace(".", "").lstrip("0"))
    return {0} if decimals == 4 else {1} if digits == 3 else {2} if digits == 2 else {0, 1, 2}


def test_the_trials_cards_write_their_gradients_in_one_form_in_presentation_mode(qtbot, window, tmp_path):
    w = window
    open_file_at(qtbot, w, write_lecture_h(tmp_path))
    step_by_hand(w)
    toggle_presentation(qtbot, w)  # Ctrl+Shift+P
    assert w.presentation.on
    trigger(w, "hessian")  # Backward › Show Hessian
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    z = w.view.zoom
    assert 0.8 < z < 1.25, z  # (the trial's 97 %: the cards whole)
    seen = one_form_at(w)
    assert len(seen) == 6, seen  # every card's gradient, not "grad 1.0" beside "grad 1.00"
    texts = {where: text for where, text, _g in seen}
    assert texts["card pow1"] == texts["card tanh1"] == texts["card add1"], texts
    for zoom in ZOOMS:
        seen = one_form_at(w, zoom)
        assert zoom < 0.65 or len(seen) == 6, (zoom, seen)
    toggle_presentation(qtbot, w)  # and out of the mode, at the same zooms
    assert not w.presentation.on
    for zoom in ZOOMS:
        assert zoom < 0.45 or len(one_form_at(w, zoom)) == 6, zoom


def test_the_blog_example_and_the_mlp_write_one_form_at_each_zoom_in_presentation_mode(qtbot, window):
    w = window
    w.resize(1600, 1000)
    open_blog_example(w)
    run_to_end(qtbot, w)
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    one_form_at(w)
    for zoom in ZOOMS:
        seen = one_form_at(w, zoom)
        assert zoom < 0.65 or len(seen) == len(list(w.model.nodes())), (zoom, seen)
    toggle_presentation(qtbot, w)
    show_mlp(qtbot, w)  # Learn › Insert MLP, folded: its rows and linked copies beside cards
    run_to_end(qtbot, w)
    toggle_presentation(qtbot, w)
    for zoom in ZOOMS:
        one_form_at(w, zoom)
