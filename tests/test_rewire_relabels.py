"""A label that is the formula of its inputs' labels follows a wire replaced
under it (trial 52 #11: y dropped onto x**2's input in place of x left the
card reading "x**2", Properties "Computes x**2 = y^2"); so does each label
below built of it; a name the user gave stays; one Undo puts all back."""

from __future__ import annotations

from canvas_helpers import drag, in_port, out_port
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.code.codeadd import import_code
from core.code.relabel import formula_labelled, relabelled
from gui.editing.commands import connect_command, push


def labelled(m) -> dict[str, str]:
    return {m.label(n): n for n in m.nodes()}


def test_a_formula_label_and_those_built_of_it_follow_the_new_input_and_undo_puts_them_back():
    m, _ = import_code("x = 3.0\ny = 2.0\nf = (x*y + x**2) * 2\n")
    ids = labelled(m)
    sq, total = ids["x**2"], ids["x*y + x**2"]
    assert formula_labelled(m, [sq, total, ids["f"]]) == [sq, total]  # (f: a name the code gave)
    stack = QUndoStack()
    push(stack, connect_command(m, ids["y"], sq, 0))
    assert m.label(sq) == "y**2" and m.value(sq) == 4.0
    assert m.label(total) == "x*y + y**2" and m.value(total) == 10.0  # (built of it, below)
    assert m.label(ids["f"]) == "f"  # the code's name for it stays
    stack.undo()
    assert m.label(sq) == "x**2" and m.label(total) == "x*y + x**2"
    assert m.inputs(sq) == [ids["x"]]
    stack.redo()
    assert m.label(total) == "x*y + y**2"


def test_relabelled_says_old_and_new_and_changes_nothing_itself():
    m, _ = import_code("a = 1.0\nb = 2.0\nc = 3.0\nt = (a*b).tanh() * 2\n")
    ids = labelled(m)
    mul, tanh_of = ids["a*b"], ids["tanh(a*b)"]
    m.disconnect(mul, 1)
    m.connect(ids["c"], mul, 1)
    assert relabelled(m, [mul]) == {mul: ("a*b", "a*c"), tanh_of: ("tanh(a*b)", "tanh(a*c)")}
    assert m.label(mul) == "a*b"  # (only said: the command sets them)


def test_dropping_y_on_x_squared_relabels_its_card(qtbot, window, tmp_path):
    m, _ = import_code("x = 3.0\ny = 2.0\nf = x*y + x**2\n")
    w = window
    open_saved(qtbot, w, m, tmp_path / "f.mgraph")
    ids = labelled(w.model)
    sc = w.scene
    drag(w.view, out_port(sc, ids["y"]), in_port(sc, ids["x**2"], 0))
    QApplication.processEvents()
    sq = ids["x**2"]
    assert w.model.inputs(sq) == [ids["y"]] and w.model.label(sq) == "y**2"
    assert sc.node_item(sq).label == "y**2"  # (the card reads it)
    assert w.status_text() == "Wired y into x**2 in place of x (it reads y**2 now) · Ctrl+Z puts x back"
    w.undo_stack.undo()
    assert w.model.label(sq) == "x**2"
