"""A formula's name too wide for its card zoomed out is written on two lines;
the break must not change what it reads as. The lecture's f(x), imported and
zoomed out with the Code panel open (42 %), read "3*x**" over "2 - 4*x" (a
power split, then what looks like a difference of 2 and 4*x), and ``a*b + c``
could read "a*" over "b + c", a product of a sum. A formula breaks only after
an operator of its lowest precedence outside every bracket, never inside
``**``, a sign or a number's exponent."""

from __future__ import annotations

import pytest
from window_helpers import answers, drop_code, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import two_lines
from gui.canvas.cards.name_parts import first_operand_end

FX = "x = Value(3.0)\ny = 3*x**2 - 4*x + 2\n"


def test_the_imported_f_of_x_never_splits_its_power_zoomed_out(window, tmp_path):
    w = window
    drop_code(w, tmp_path, FX)
    (s,) = [n for n in w.model.nodes() if w.model.label(n) == "3*x**2 - 4*x"]
    card = w.scene.node_item(s)
    broken = []
    for z in (0.3, 0.35, 0.4, 0.42, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.0):
        lines = [t.text for t in card.texts_at(z) if t.kind == "label"]
        if len(lines) == 2:
            broken.append(z)
            assert lines == ["3*x**2 -", "4*x"], (z, lines)
        elif lines:
            assert not lines[0].endswith("*"), (z, lines)
    assert broken  # (zoomed out the card does write it on two lines)


@pytest.mark.parametrize(
    ("text", "halves"),
    [
        ("3*x**2 - 4*x", ["3*x**2 -", "4*x"]),
        ("a*b + c", ["a*b +", "c"]),
        ("x**2*y**2", ["x**2*", "y**2"]),
        ("2*x**-1 + 3", ["2*x**-1 +", "3"]),
        ("1e-05*x + y", ["1e-05*x +", "y"]),
        ("(1 - o)*(1 + o)", ["(1 - o)*", "(1 + o)"]),
        ("x1*w1 + x2*w2", ["x1*w1 +", "x2*w2"]),
    ],
)
def test_a_formula_breaks_after_its_lowest_operator(qapp, text, halves):
    assert two_lines(text, 13, True, 400) == halves


def test_no_break_that_would_misread_where_only_a_tighter_one_fits(qapp):
    # "a*b +" does not fit where "a*" would: no two lines rather than a product of a sum
    from gui.canvas.cards.card_text import metrics

    w = metrics(13, True).horizontalAdvance("b + c") + 1
    assert metrics(13, True).horizontalAdvance("a*b +") > w
    assert two_lines("a*b + c", 13, True, w) is None


def test_the_first_operand_keeps_its_power_and_its_sign(qapp):
    assert (m := first_operand_end("x**2*y")) is not None and "x**2*y"[: m.end()] == "x**2*"
    assert (m := first_operand_end("x**-1 + y")) is not None and "x**-1 + y"[: m.end()] == "x**-1 +"
