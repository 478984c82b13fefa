"""Graph › New Operator…, driven as a learner does: type the formula and a
derivative, get told where it is wrong, fix it, use the operator on the
canvas, run Backward and forward mode on it, save and open the file."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from window_helpers import Button, action, answers, make_window, menu_action, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.backward import backward
from gui.code.new_operator import NewOperatorDialog
from gui.editing.palette import OP_ROLE

RIGHT = "sigmoid(a) + a*sigmoid(a)*(1 - sigmoid(a))"


def type_into(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_the_dialog_grades_the_derivative_before_accepting(qtbot):
    dlg = NewOperatorDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    type_into(qtbot, dlg.name, "swish2")
    type_into(qtbot, dlg.forward, "a*sigmoid(a)")
    type_into(qtbot, dlg.d_a, "sigmoid(a)")
    qtbot.mouseClick(dlg.check_button, Qt.MouseButton.LeftButton)
    assert "✗ your dswish2/da is wrong near a = -2: expected -0.0907842, got 0.119203" in dlg.verdict.text()
    dlg.accept()  # OK with a wrong derivative: refused, the dialog stays
    assert dlg.isVisible() and dlg.defined is None
    type_into(qtbot, dlg.d_a, "a*")  # a formula cut short
    dlg.accept()
    assert "not a formula" in dlg.verdict.text() and dlg.isVisible()
    type_into(qtbot, dlg.d_a, RIGHT)
    dlg.accept()
    assert not dlg.isVisible() and dlg.defined is not None and dlg.defined.name == "swish2"
    assert "✓ every derivative of swish2 agrees" in dlg.verdict.text()


def test_a_name_in_use_is_refused_with_a_reason(qtbot):
    """A monkey test: a second "cube" went under the first one's nodes
    (ports and values as they were; Undo kept the second definition)."""
    from core.autograd.custom_ops import CustomOp, install, uninstall

    install(CustomOp("cube2", 1, "a**3", ("3*a**2",)))
    try:
        dlg = NewOperatorDialog(in_use={"cube2"})  # (what the graph defines or uses)
        qtbot.addWidget(dlg)
        dlg.show()
        type_into(qtbot, dlg.name, "cube2")
        type_into(qtbot, dlg.forward, "a + 1")
        type_into(qtbot, dlg.d_a, "1")
        dlg.accept()
        assert dlg.isVisible() and dlg.defined is None
        assert "“cube2” is an operator already: give this one another name" in dlg.verdict.text()
        type_into(qtbot, dlg.name, "plus1")
        dlg.accept()
        assert not dlg.isVisible() and dlg.defined is not None and dlg.defined.name == "plus1"
        # a name defined earlier but not in the graph (undone, or another file's) is free
        free = NewOperatorDialog()
        qtbot.addWidget(free)
        free.show()
        type_into(qtbot, free.name, "cube2")
        type_into(qtbot, free.forward, "a + 1")
        type_into(qtbot, free.d_a, "1")
        free.accept()
        assert not free.isVisible() and free.defined is not None and free.defined.name == "cube2"
    finally:
        uninstall("cube2")


def test_two_inputs_show_the_second_derivative_field(qtbot):
    dlg = NewOperatorDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.d_b.isVisible()
    dlg.arity.setCurrentIndex(1)
    assert dlg.d_b.isVisible() and dlg.db_label.text() == "∂swish/∂b ="


def test_a_new_operator_is_in_the_palette_runs_and_is_saved(window, qtbot, answers, tmp_path):
    w = window
    menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()

    def fill():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, NewOperatorDialog)
        type_into(qtbot, dlg.name, "swish3")
        type_into(qtbot, dlg.d_a, RIGHT)
        dlg.accept()

    QTimer.singleShot(0, fill)
    menu_action(w.menus["graph"], "new_operator").trigger()
    QApplication.processEvents()
    assert [d["name"] for d in w.model.attrs["custom_ops"]] == ["swish3"]
    item = w.palette_panel.item_for("swish3")
    assert item is not None and item.data(OP_ROLE) == "swish3"
    # one undo step takes the definition out of the graph, redo puts it back
    action(w, "undo").trigger()
    assert "custom_ops" not in w.model.attrs
    action(w, "redo").trigger()
    # on the canvas, wired after L; Backward runs through it
    w.palette_panel.list.itemDoubleClicked.emit(item)
    QApplication.processEvents()
    s = next(n for n in w.model.nodes() if w.model.op(n) == "swish3")
    w.model.connect("L", s, 0)
    w.model.set_output(s)
    grads = backward(w.model).grads
    assert grads["a"] != 0.0
    answers.save_path = str(tmp_path / "mine.mgraph")
    action(w, "save_as").trigger()
    again = fileio.load(tmp_path / "mine.mgraph")
    assert again.op(s) == "swish3" and backward(again).grads == grads


def test_a_file_not_opened_leaves_the_open_graphs_operators_as_they_were(window, answers, tmp_path):
    """A monkey test: File › Open of a file defining "sq3" with two inputs,
    "save your changes?" answered Cancel: the open graph stayed, but its sq3
    ran the other file's formula (read, and installed, before the question)."""
    import json

    from core.autograd import ops
    from core.autograd.custom_ops import CustomOp

    w = window
    other = tmp_path / "other.mgraph"
    sq = {"name": "sq3", "arity": 2, "forward": "a*b", "derivatives": ["b", "a"]}
    graph = {"format": "micrograd-studio", "version": 1, "custom_ops": [sq]}
    nodes = [{"id": "p", "op": "leaf", "value": 1.0}]
    other.write_text(
        json.dumps({"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": []})
    )
    try:
        w.code_tools.new_operator.add(CustomOp("sq3", 1, "a*a", ("2*a",)))
        x = w.add_node("leaf")
        w.editor.set_value(x, "3")
        n = w.add_node("sq3")
        w.editor.connect_ports(x, n, 0)
        assert w.model.value(n) == 9.0
        answers.save_changes = Button.Cancel
        assert not w.open_path(other)
        assert ops.OPS["sq3"].arity == 1 and ops.OPS["sq3"].forward((4.0,), None) == 16.0
        w.editor.set_value(x, "5")
        assert w.model.value(n) == 25.0
    finally:
        w.undo_stack.setClean()  # (the operator goes after the window: conftest's op-table fixture)


def test_a_name_is_taken_while_the_graph_has_it_and_free_again_after_undo(qtbot, window):
    """The review: the name stayed refused after Ctrl+Z took the operator out
    of the graph (the process-wide table still had it)."""
    from core.autograd.custom_ops import CustomOp

    w = window
    w.code_tools.new_operator.add(CustomOp("sq5", 1, "a*a", ("2*a",)))
    seen: list = []

    def look():
        dlg = QApplication.activeModalWidget()
        seen.append(set(dlg.in_use))
        dlg.reject()

    QTimer.singleShot(50, look)
    w.code_tools.new_operator.run()
    w.undo_stack.undo()
    QTimer.singleShot(50, look)
    w.code_tools.new_operator.run()
    assert seen == [{"sq5"}, set()]
