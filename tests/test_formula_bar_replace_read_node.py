"""Replace, from the f(x) bar, of a node that other nodes read (t70 #2):
``y = x**2 + 3*x`` (x = 2), ``z = y * x``, then ``y = x - 1`` answered with
"Replace y". z read y and was the output: it stays the output (the status
said "y is now the output" and Backward ran from y). The new y's cards come
to the old y's spot: the constant 1 went far right past z, its wire looping
back, and x's wire into the new y ran under the dead x**2 card; the old y's
inputs were left feeding nothing without a word. Driven as a
user: typing in the bar, the values table, the question's Replace button."""

from __future__ import annotations

from test_formula_bar_canvas_names import formula_with_table, typing
from test_formula_bar_name_taken import labelled
from test_formula_bar_wires_own_way import card_rect, tangles
from window_helpers import answers, tmp_settings, trigger, type_formula, window  # noqa: F401

from core.graph.layout import ROW


def y_then_z(qtbot, w) -> dict[str, str]:
    formula_with_table(qtbot, w, "y = x**2 + 3*x", typing(qtbot, "2"))
    type_formula(qtbot, w, "z = y * x", None)
    ids = {w.model.label(n): n for n in w.model.nodes()}
    assert w.model.output == ids["z"] and w.model.value(ids["z"]) == 20.0
    return ids


def test_replacing_a_node_that_z_reads_keeps_z_the_output(qtbot, window):
    w = window
    old = y_then_z(qtbot, window)
    type_formula(qtbot, w, "y = x - 1", "replace")
    (y,) = labelled(w, "y")
    z = old["z"]
    assert y != old["y"] and old["y"] not in w.model and w.model.op(y) == "sub"
    assert w.model.inputs(z) == [y, old["x"]] and w.model.value(z) == 2.0
    assert w.model.output == z, w.model.output
    said = w.status_text()
    assert "replaced the old y" in said and "y is now the output" not in said, said
    assert "x**2 and 3*x now feed nothing" in said, said  # (the old y's inputs: dead ends, said so)
    trigger(w, "undo")
    assert w.model.output == z and w.model.op(old["y"]) == "add" and y not in w.model
    trigger(w, "redo")
    assert w.model.output == z


def test_replacing_the_output_itself_makes_the_new_node_the_output(qtbot, window):
    w = window
    formula_with_table(qtbot, w, "y = x**2 + 3*x", typing(qtbot, "2"))
    type_formula(qtbot, w, "y = x - 1", "replace")
    (y,) = labelled(w, "y")
    assert w.model.output == y


def test_the_new_cards_come_to_the_old_spot_and_their_wires_run_clear(qtbot, window):
    w = window
    w.resize(1366, 768)
    old = y_then_z(qtbot, window)
    spot = w.model.position(old["y"])
    type_formula(qtbot, w, "y = x - 1", "replace")
    (y,) = labelled(w, "y")
    (one,) = labelled(w, "1")
    z = card_rect(w, old["z"])
    # in the old y's column, a few rows off at most (where x's wire into it passes no card)
    (x, top), (sx, sy) = w.model.position(y), spot
    assert x == sx and abs(top - sy) <= 2 * ROW, (w.model.position(y), spot)
    # the constant 1 left of the new y, not past z
    assert card_rect(w, one).right() <= card_rect(w, y).left(), (w.model.position(one), spot)
    assert card_rect(w, one).right() < z.left()
    rects = [card_rect(w, n) for n in w.model.nodes()]
    assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.intersects(b)]
    assert tangles(w) == []


def test_with_w_beside_the_output_stays_z_and_the_new_wires_run_clear(qtbot, window):
    """The trial's first run: ``w = x + 1`` added after z (a side result: z stays the output, t70 #8)."""
    w = window
    w.resize(1366, 768)
    old = y_then_z(qtbot, window)
    type_formula(qtbot, w, "w = x + 1", None)
    assert w.model.output == old["z"]
    type_formula(qtbot, w, "y = x - 1", "replace")
    assert w.model.output == old["z"] and "is now the output" not in w.status_text()
    assert tangles(w) == []
