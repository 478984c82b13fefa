"""Review 71 #6: ``name = value`` in a card's name box renamed first, then set
the value; a value the model refused then left a one-step "Set q = 5" that
only renamed, the box still open. Now the two are one undo command, applied
whole or not at all. Also decided there: ``a.grad = 3`` is refused (a
gradient is worked out by Backward, not typed; it made a leaf whose label
read as a gradient), and a label with a legitimate "=" whose right side is
a word, not a number (``loss=mse``), is taken as the label, with the hint
that a label computes nothing; ``a = inf`` stays refused."""

from __future__ import annotations

from canvas_helpers import double_click
from PySide6.QtCore import Qt
from test_name_box_takes_value import box, name_spot
from test_tutorial_gui import COL, place_leaf
from test_tutorial_gui import type_into_editor as type_in
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.errors import InvalidValueError
from core.graph.model import GraphModel


def leaf_a(qtbot, w) -> str:
    w.resize(1400, 900)
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    return place_leaf(qtbot, w, "a = 2", COL[0], -60)


def test_a_refused_value_leaves_the_name_as_it_was_and_no_undo_step(qtbot, window, monkeypatch):
    w = window
    a = leaf_a(qtbot, w)
    steps = w.undo_stack.count()

    def refuse(self, node_id, value):  # the model says no to this value (e.g. a rule of a future model)
        raise InvalidValueError(f"value of {self.label(node_id)!r} refused here")

    monkeypatch.setattr(GraphModel, "set_value", refuse)
    double_click(w.view, name_spot(w, a))
    type_in(qtbot, w, "q = 5")
    assert box(w) is not None and box(w).isVisible()  # kept open, to be corrected
    assert (w.model.label(a), w.model.value(a)) == ("a", 2.0)  # neither part: not renamed alone
    assert w.undo_stack.count() == steps
    assert "refused here" in w.status_text()
    qtbot.keyClick(box(w), Qt.Key.Key_Escape)

    monkeypatch.undo()  # the model takes it again: both parts, one step, undone as one
    double_click(w.view, name_spot(w, a))
    type_in(qtbot, w, "q = 5")
    assert (w.model.label(a), w.model.value(a)) == ("q", 5.0)
    assert w.undo_stack.count() == steps + 1 and w.undo_stack.undoText() == "Set q = 5"
    w.undo_stack.undo()
    assert (w.model.label(a), w.model.value(a)) == ("a", 2.0)
    w.undo_stack.redo()
    assert (w.model.label(a), w.model.value(a)) == ("q", 5.0)


def test_a_gradient_is_not_typed_but_a_label_may_hold_an_equals_sign(qtbot, window):
    w = window
    a = leaf_a(qtbot, w)
    steps = w.undo_stack.count()
    double_click(w.view, name_spot(w, a))
    type_in(qtbot, w, "a.grad = 3")
    assert box(w) is not None and (w.model.label(a), w.model.value(a)) == ("a", 2.0)
    assert w.undo_stack.count() == steps
    assert w.status_text() == (
        "Not changed: a.grad is a gradient, which Backward works out (Ctrl+B), not a name to give "
        "a value · this box takes a name, or name = number (a = 2)"
    )
    type_in(qtbot, w, "a = inf")  # still refused: a word for a number that is not finite
    assert box(w) is not None and (w.model.label(a), w.model.value(a)) == ("a", 2.0)
    type_in(qtbot, w, "loss=mse")  # a label with "=" in it: "mse" is no number
    assert box(w) is None and (w.model.label(a), w.model.value(a)) == ("loss=mse", 2.0)
    assert w.status_text().startswith("“loss=mse” is only this card's name: mse is not a number")
    assert w.undo_stack.count() == steps + 1


def test_f2_with_a_word_for_the_value_says_it_is_no_number_and_how_to_give_one(qtbot, window):
    """t72 #4: F2 on x1, ``x1 = abc``: taken as the label, said only as "a
    label computes nothing", where the presenter meant a value."""
    from animation_helpers import EXAMPLES
    from PySide6.QtWidgets import QApplication

    w = window
    w.open_path(str(EXAMPLES / "neuron_tanh.mgraph"))
    QApplication.processEvents()
    x1 = next(n for n in w.model.nodes() if w.model.label(n) == "x1")
    w.scene.select_ids([x1])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F2)
    assert box(w) is not None
    type_in(qtbot, w, "x1 = abc")
    assert w.model.label(x1) == "x1 = abc" and w.model.value(x1) == 2.0
    said = w.status_text()
    assert said.startswith("“x1 = abc” is only this card's name: abc is not a number"), said
    assert said.endswith("for a value, type x1 = 2; to build a formula, type it in the f(x) bar"), said
