"""``signed`` (a form measured as if its number were negative, so cards of
one width choose one form): a form with no number, only a name with digits
("ypred[2] —" before values are known, "9 values in"), was measured with
a minus put into the name ("ypred[−2] —"), a character too wide, and a
card whose column just held the name lost it (issue 10's trial notes)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication  # noqa: F401  (fonts need the app: the qapp fixture)

from gui.canvas.cards.card_text import metrics, signed
from gui.canvas.folding.group_rows import Port, column, compact_forms


def test_only_a_number_ending_the_form_is_signed():
    assert signed("ypred[2] ∇3.11") == "ypred[2] ∇−3.11"
    assert signed("∇ 0.5461") == "∇ −0.5461"
    assert signed("loss 6.005") == "loss −6.005"
    assert signed("3.2e−6") == "−3.2e−6"
    assert signed("ypred[2] ∇−1.14") == "ypred[2] ∇−1.14"  # negative already
    for name_only in ("ypred[2] —", "—", "9 values in", "x1", "n3.1[4]", "h1.2"):
        assert signed(name_only) == name_only


def test_a_name_with_digits_and_no_value_keeps_its_name_where_it_fits(qapp):
    px = 18
    fm = metrics(px, False)
    width = fm.horizontalAdvance("ypred[2] —") + 1  # just the name and its dash
    assert column([compact_forms(Port("a", "ypred[2]", None))], px, width, signed=True) == ["ypred[2] —"]
