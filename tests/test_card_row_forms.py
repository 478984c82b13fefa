"""A folded card's rows (gui/canvas/folding/group_rows.py), after the new user's
trial: one card showed "0.9243 ∇−0.2220" beside "−0.747 ∇−2" — rows cut to
fewer digits one by one, and a gradient of −2.03 written as if exactly −2."""

from __future__ import annotations

from core.explain.format import short
from gui.canvas.cards.card_text import metrics
from gui.canvas.folding.group_rows import Port, column, compact_forms, row_texts


def test_a_number_cut_short_never_reads_as_an_integer_it_is_not():
    assert short(-2.0347, 2) == "−2.0"
    assert short(12.3, 2) == "12.3"
    assert short(-0.4012, 2) == "−0.4"
    assert short(3.0, 2) == "3"  # a true integer stays one
    assert short(1234.5, 2) == "1.2e3"
    assert short(99.7, 2) == "99.7" and short(999.6, 3) == "999.6"  # not "1e2", "1e3"
    assert short(float("nan"), 2) == "nan" and short(None, 2) == "?"
    grad_only = compact_forms(Port("n", "h", 0.5, -2.0347))[-1]
    assert grad_only == "∇ −2.0"


def test_every_row_of_a_column_shows_the_same_form(qapp):
    ports = [Port("a", "h1", 0.9243, -0.2220), Port("b", "h2.1[4] long name", -0.74735, -2.0347)]
    rows = row_texts(ports, 1)
    px = 11
    fm = metrics(px)
    # room for the first row's longest form, not the second's
    width = fm.horizontalAdvance(rows[0][0]) + 1
    assert fm.horizontalAdvance(rows[1][0]) > width
    shown = column(rows, px, width)
    forms = [r.index(t) for r, t in zip(rows, shown)]
    assert forms[0] == forms[1] > 0, shown
    assert column(rows, px, 10_000) == [r[0] for r in rows]  # all fit: the longest of each


def test_after_backward_a_layer_card_names_whose_gradient_each_row_is(qtbot):
    """Insert MLP, Backward to the end: each "layer 3 [n]" card's output row
    reads "ypred[n]  ∇…" (it read "0.4520  ∇−1.0959", no name: the trial
    could not tell which value got which gradient)."""
    from PySide6.QtWidgets import QApplication
    from window_helpers import make_window

    from core.learn import templates

    w = make_window(qtbot, None)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    w.backward.action_backward.trigger()
    w.backward.animator.pause()
    w.backward.action_skip_end.trigger()
    QApplication.processEvents()
    layer3 = [c for c in w.scene.folding.cards() if c.label.startswith("layer 3 [")]
    assert len(layer3) == 4
    for card in layer3:
        rows = [t.text for t in card.texts_at(1.0) if t.kind == "row" and "∇" in t.text]
        (out,) = [t for t in rows if t.startswith("ypred[")]
        assert out.split()[0] == f"ypred[{card.label[-2]}]"


def test_a_row_without_a_gradient_has_a_form_for_each_form_of_one_with_a_gradient():
    """A card's column takes every row's form at one depth: the forms of a
    row without a gradient must line up with those of a row with one (their
    names kept as long as theirs), or the two drift apart unseen."""
    from gui.canvas.folding.group_rows import Port, _forms

    plain, graded = _forms(Port("a", "ypred[1]", 0.4277)), _forms(Port("b", "ypred[2]", 0.5571, -1.0959))
    assert len(plain) == len(graded)
    for p, g in zip(plain, graded):
        assert p.startswith("ypred[1]") == g.startswith("ypred[2]"), (p, g)


def _card(inputs, outputs):
    from gui.canvas.folding.group_card import GroupCard

    card = GroupCard("g", lambda *a: None, lambda *a: None, lambda *a: None)
    card.set_content("neuron", 7, inputs, outputs)
    return [t.text for t in card.texts_at(1.0) if t.kind == "row"]


def _precision(rows: list[str]) -> set[int]:
    """How many decimals each row's gradient shows."""
    return {len(t.split("∇")[-1].split(".")[-1]) if "." in t.split("∇")[-1] else 0 for t in rows}


def test_a_cards_two_columns_share_one_precision(qapp):
    """The trial's card: inputs with long names in full beside an output cut
    to "o ∇1.2": the output's column is widened to its full form where the
    inputs keep their names and precision in what is left."""
    ins = [Port(f"x{i}", f"w{i}[{i}] input", 0.123456 * i, -0.98765 * i) for i in range(1, 4)]
    rows = _card(ins, [Port("o", "o", 0.7071, 1.2345)])
    assert rows[-1] == "o  ∇1.2345", rows
    assert _precision(rows) == {4}, rows
    assert all(r.startswith(f"w{i}[{i}] input") for i, r in zip((1, 2, 3), rows))


def test_when_both_cannot_be_full_both_are_cut_short(qapp):
    """Inputs whose names leave too little room: the outputs are cut to the
    inputs' precision rather than shown in four decimals beside two."""
    from gui.canvas.folding.group_rows import cut_short, one_precision

    px, fm = 11, metrics(11)
    left = row_texts([Port("a", "x", 0.5, -2.0347), Port("b", "y", 0.25, 0.5123)], 0)
    right = row_texts([Port("o", "out", 0.7071, 1.2345)], 1)
    lw = fm.horizontalAdvance(left[0][6]) + 1  # only the bare short gradient fits
    rw = fm.horizontalAdvance(right[0][1]) + 1  # its name and full gradient, no more
    cols = {0: column(left, px, lw), 1: column(right, px, rw)}
    assert all(cut_short(f, t) for f, t in zip(left, cols[0])) and not cut_short(right[0], cols[1][0])
    shared, widths = one_precision((left, right), cols, (lw, rw), px)
    assert widths == (lw, rw)  # the inputs' full forms need more than the outputs can give
    assert cut_short(right[0], shared[1][0]) and shared[1][0] == "out ∇1.2", shared


def test_a_whole_number_is_not_cut_short_and_no_column_loses_its_names_or_rows(qapp):
    """The review's cases: "loss ∇1" for a gradient of exactly 1 is whole
    (the inputs keep four digits beside it); a column widened to its full
    forms keeps the names it showed; a summary row is never lost."""
    from gui.canvas.folding.group_rows import cut_short

    forms = row_texts([Port("o", "loss", 6.0054, 1.0)], 1)[0]
    assert not cut_short(forms, "loss ∇1") and cut_short(
        row_texts([Port("o", "loss", 6.0, 1.25)], 1)[0], "loss ∇1.2"
    )
    # (but its zeros dropped, its row goes over the inputs' where it fits: trial 59)
    from gui.canvas.folding.group_rows import zeros_dropped

    assert zeros_dropped(forms, "loss ∇1") and not zeros_dropped(forms, "loss  ∇1.0000")
    ins = [Port(f"x{i}", f"x{i}", 0.123456 * i, -0.98765 * i) for i in range(1, 4)]
    rows = _card(ins, [Port("o", "long output name", 0.7071, 1.2345)])
    # (side by side they were cut to two digits: its one output's row goes over the inputs')
    assert rows == ["long output name ∇1.2345", "x1 ∇−0.9877", "x2 ∇−1.9753", "x3 ∇−2.9630"], rows
    many_out = [Port(f"o{i}", f"o{i}", 0.5, 0.25) for i in range(16)]
    rows = _card([Port(f"x{i}", f"weight[{i}]", -1.234567e6, -2.3456e6) for i in range(3)], many_out)
    assert rows[-1].startswith("16 values out") or rows[-1].startswith("16 out"), rows


def test_a_zoomed_out_cards_gradients_keep_their_names_where_they_fit():
    """A new user's trial: the one-point MLP finished at 60 % read "∇ 0.5461
    / ∇ −0.1929 …" on layer 1's card, no h1.x names: which was whose? The
    names stay while the column has room; without it, the gradients alone."""
    ports = [
        Port(f"h{i}", f"h1.{i}[1]", 0.3 * i, g) for i, g in enumerate((0.5461, -0.1929, -0.405, -0.3697), 1)
    ]
    rows = [compact_forms(p) for p in ports]
    px = 18
    wide = metrics(px, False).horizontalAdvance("h1.3[1] ∇−0.4050") + 2
    assert column(rows, px, wide) == [
        "h1.1[1] ∇0.5461",
        "h1.2[1] ∇−0.1929",
        "h1.3[1] ∇−0.4050",
        "h1.4[1] ∇−0.3697",
    ]
    narrow = metrics(px, False).horizontalAdvance("∇ −0.1929") + 2
    assert column(rows, px, narrow) == ["∇ 0.5461", "∇ −0.1929", "∇ −0.4050", "∇ −0.3697"]


def test_a_column_names_every_row_or_none():
    """The review: a tiny gradient had two forms and a value three, so the
    column's second form named a normal gradient but not a tiny one, or an
    output not reached yet: 'ypred[1] ∇0.55' beside '∇ 3.2e−6'."""
    ports = [
        Port("a", "ypred[1]", 0.7, 0.5461),
        Port("b", "ypred[2]", 0.2, 3.2e-6),
        Port("c", "h1.1[1]", 0.8898, None),
    ]
    rows = [compact_forms(p) for p in ports]
    assert {len(r) for r in rows} == {6}
    px = 20
    for width in range(60, 260, 5):
        shown = column(rows, px, float(width))
        named = [t is not None and t.startswith(p.name) for t, p in zip(shown, ports)]
        assert all(named) or not any(named), (width, shown)


def test_a_negative_gradient_keeps_three_digits_where_four_do_not_fit():
    """A new user's trial: layer 3 [1] and [4] both read "∇−1.1" (−1.1446,
    −1.0959) beside "ypred[2] ∇3.1141": the minus cost two digits."""
    rows = [compact_forms(Port("a", "ypred[1]", 0.2, -1.1446))]
    px = 18
    fm = metrics(px, False)
    width = fm.horizontalAdvance("ypred[1] ∇−1.14") + 1
    assert fm.horizontalAdvance("ypred[1] ∇−1.1446") > width
    assert column(rows, px, width) == ["ypred[1] ∇−1.14"]


def test_sibling_cards_of_one_width_show_one_precision_whatever_their_signs():
    """A trial: the MLP's layer 3 cards, one row each, read "ypred[1] ∇−1.14",
    "ypred[2] ∇3.1141" and "ypred[4] ∇−1.1": a positive gradient kept the
    digit a minus sign cost its neighbours, and −1.10 lost its zero. Each
    card chooses as if its number were negative, in as many digits as the form says."""
    px = 18
    fm = metrics(px, False)
    width = fm.horizontalAdvance("ypred[2] ∇3.1141") + 1  # (a positive's four digits fit; a negative's not)
    assert fm.horizontalAdvance("ypred[1] ∇−1.1446") > width
    shown = [
        column([compact_forms(Port("a", f"ypred[{i}]", 0.2, g))], px, width, signed=True)[0]
        for i, g in ((1, -1.1446), (2, 3.1141), (3, 3.4369), (4, -1.0959))
    ]
    assert shown == ["ypred[1] ∇−1.14", "ypred[2] ∇3.11", "ypred[3] ∇3.44", "ypred[4] ∇−1.10"]
    assert column([compact_forms(Port("a", "ypred[2]", 0.2, 3.1141))], px, width) == ["ypred[2] ∇3.1141"]
    wide = fm.horizontalAdvance("ypred[1] ∇−1.1446") + 1
    assert column([compact_forms(Port("a", "ypred[2]", 0.2, 3.1141))], px, wide, signed=True) == [
        "ypred[2] ∇3.1141"
    ]
