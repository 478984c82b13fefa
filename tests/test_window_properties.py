"""The Properties dock: what it shows for the selected node, and typed
edits (Enter commits one undo entry; bad input is refused, nothing changes)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_window_files import open_blog_example
from window_helpers import answers, run_to_end, step_by_hand, tmp_settings, window  # noqa: F401

from gui.editing import commands as C


@pytest.fixture
def blog(window):
    open_blog_example(window)
    return window


def select(w, nid):
    w.scene.select_ids([nid])
    QApplication.processEvents()
    assert w.properties.node_id == nid


def type_into(qtbot, edit, text):
    """Click into the field, replace its text as a user does, press Enter."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_empty_selection_says_what_to_do(blog):
    p = blog.properties
    blog.scene.clearSelection()
    QApplication.processEvents()
    assert p.node_id is None and "Select a node" in p._empty.text()
    blog.scene.select_ids(["a", "b"])
    QApplication.processEvents()
    assert "2 nodes selected" in p._empty.text()


def test_shows_a_leaf(blog):
    select(blog, "a")
    p = blog.properties
    assert p.value_edit.text() == "2.0" and not p.value_edit.isReadOnly()
    assert p.label_edit.text() == "a" and p.id_label.text() == "a"
    assert not p.exponent_edit.isVisibleTo(p)
    assert "e" in p.consumers_label.text()


def test_shows_an_operator_with_formula_derivative_and_wires(blog):
    select(blog, "e")
    p = blog.properties
    assert p.value_edit.isReadOnly() and p.value_edit.text() == "\u22126.0"
    assert "Multiply" in p.op_box.currentText()
    assert p.formula_label.text() == "e = a × b"  # (its inputs' names, not the op table's ports)
    assert p.derivative_label.text() == "∂e/∂a = b = −3\n∂e/∂b = a = 2"
    inputs = p.inputs_label.text()
    assert "node:a" in inputs and "node:b" in inputs and inputs.index("node:a") < inputs.index("node:b")
    assert "node:d" in p.consumers_label.text()


def test_value_shown_to_full_precision(blog):
    blog.undo_stack.push(C.set_value_command(blog.model, "a", 0.1 + 0.2))
    select(blog, "a")
    assert blog.properties.value_edit.text() == "0.30000000000000004"


def test_type_a_value_and_enter(qtbot, blog):
    select(blog, "a")
    p = blog.properties
    type_into(qtbot, p.value_edit, "3.5")
    assert blog.model.node("a")["value"] == 3.5
    assert blog.model.value("L") == (3.5 * -3.0 + 10.0) * -2.0
    assert blog.undo_stack.count() == 1
    assert blog.action_undo.text().replace("&", "") == "Undo Set a = 3.5"
    assert p.error_text() == ""
    blog.undo_stack.undo()
    QApplication.processEvents()
    assert blog.model.node("a")["value"] == 2.0 and p.value_edit.text() == "2.0"


def test_pasted_minus_sign_as_displayed_is_accepted(qtbot, blog):
    select(blog, "a")
    edit = blog.properties.value_edit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    edit.insert("−4")  # QTest cannot type U+2212; it arrives as a paste would
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blog.model.node("a")["value"] == -4.0


@pytest.mark.parametrize("text", ["abc", "inf", "nan", "", "1e999", "2..5"])
def test_invalid_value_refused_and_old_value_kept(qtbot, blog, text):
    select(blog, "a")
    p = blog.properties
    type_into(qtbot, p.value_edit, text)
    assert blog.model.node("a")["value"] == 2.0
    assert blog.undo_stack.count() == 0
    msg = p.error_text()
    assert msg.startswith("Not changed") and "stays 2.0" in msg
    if text.strip():
        assert text in msg
    assert p.value_edit.text() == "2.0"
    # a good value afterwards clears the message
    type_into(qtbot, p.value_edit, "1")
    assert blog.model.node("a")["value"] == 1.0 and p.error_text() == ""


def test_same_value_makes_no_undo_entry(qtbot, blog):
    select(blog, "a")
    type_into(qtbot, blog.properties.value_edit, "2")
    assert blog.undo_stack.count() == 0


def test_rename_label(qtbot, blog):
    select(blog, "a")
    p = blog.properties
    type_into(qtbot, p.label_edit, "alpha")
    assert blog.model.label("a") == "alpha"
    assert "alpha" in p.title.text()
    assert blog.undo_stack.count() == 1
    type_into(qtbot, p.label_edit, "")  # empty: back to showing the id
    assert blog.model.node("a").get("label") is None and blog.model.label("a") == "a"


def test_exponent_of_pow(qtbot, blog):
    w = blog
    w.scene.clearSelection()
    pid = w.add_node("pow")
    w.undo_stack.push(C.connect_command(w.model, "a", pid, 0))
    select(w, pid)
    p = w.properties
    assert p.exponent_edit.isVisibleTo(p) and p.exponent_edit.text() == "2.0"
    assert w.model.value(pid) == 4.0
    type_into(qtbot, p.exponent_edit, "3")
    assert w.model.node(pid)["exponent"] == 3.0 and w.model.value(pid) == 8.0
    type_into(qtbot, p.exponent_edit, "x")
    assert w.model.node(pid)["exponent"] == 3.0 and "'x' is not a number" in p.error_text()


def test_follows_model_changes(qtbot, blog):
    select(blog, "e")
    blog.undo_stack.push(C.set_value_command(blog.model, "a", 10.0))
    qtbot.waitUntil(lambda: blog.properties.value_edit.text() == "\u221230.0", timeout=1000)
    blog.undo_stack.push(C.DeleteCommand(blog.model, ["b"]))
    qtbot.waitUntil(lambda: "not connected" in blog.properties.inputs_label.text(), timeout=1000)
    assert blog.properties.value_edit.text() == "—"


def test_incomplete_and_nonfinite_are_explained(qtbot, blog):
    w = blog
    w.undo_stack.push(C.set_value_command(w.model, "a", 0.0))
    lid = w.add_node("log")
    w.undo_stack.push(C.connect_command(w.model, "a", lid, 0))
    select(w, lid)
    assert w.properties.value_edit.text() == "\u2212inf"
    assert "log of zero" in w.properties.note_label.text()


def test_gradient_from_the_canvas_is_shown(qtbot, blog):
    select(blog, "a")
    assert "run Backward" in blog.properties.grad_label.text()
    blog.scene.node_item("a").set_grad(6.0)
    qtbot.waitUntil(lambda: blog.properties.grad_label.text() == "6.0", timeout=2000)


def test_the_gradient_follows_the_canvas_without_polling(qtbot, blog):
    """Properties hears the scene's decorations_changed: the next event-loop
    turn shows the new gradient, and no timer keeps running."""
    from PySide6.QtCore import QTimer

    select(blog, "a")
    blog.scene.node_item("a").set_grad(-2.5)
    QApplication.processEvents()
    assert blog.properties.grad_label.text() == "\u22122.5"
    blog.scene.node_item("a").set_grad(None)
    QApplication.processEvents()
    assert "run Backward" in blog.properties.grad_label.text()
    assert not [t for t in blog.properties.findChildren(QTimer) if t.isActive()]


def test_link_selects_the_input(qtbot, blog):
    select(blog, "e")
    blog.properties.inputs_label.linkActivated.emit("node:b")
    QApplication.processEvents()
    assert blog.scene.selected_ids() == ["b"] and blog.properties.node_id == "b"


def test_escape_puts_back_the_model_value(qtbot, blog):
    select(blog, "a")
    p = blog.properties
    qtbot.mouseClick(p.value_edit, Qt.MouseButton.LeftButton)
    p.value_edit.selectAll()
    qtbot.keyClicks(p.value_edit, "99")
    qtbot.keyClick(p.value_edit, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert blog.model.node("a")["value"] == 2.0 and p.value_edit.text() == "2.0"


def test_ctrl_z_in_a_field_undoes_the_document_once_committed(qtbot, blog):
    select(blog, "a")
    p = blog.properties
    type_into(qtbot, p.value_edit, "3.5")
    assert p.value_edit.hasFocus() and blog.model.node("a")["value"] == 3.5
    qtbot.keyClick(p.value_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert blog.model.node("a")["value"] == 2.0 and p.value_edit.text() == "2.0"
    qtbot.keyClick(
        p.value_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    QApplication.processEvents()
    assert blog.model.node("a")["value"] == 3.5 and p.value_edit.text() == "3.5"
    # while typing, Ctrl+Z is the field's own: the document is not touched
    qtbot.keyClicks(p.value_edit, "99")
    qtbot.keyClick(p.value_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert blog.model.node("a")["value"] == 3.5 and blog.undo_stack.index() == 1


def test_an_incomplete_value_is_a_dash_and_the_reason_is_wrapped_below(qtbot, window):
    """Review: "? — input b (port 1) of 'mul1' is no…" was clipped in the field."""
    w = window
    mid = w.add_node("mul")
    w.scene.select_ids([mid])
    QApplication.processEvents()
    p = w.properties
    assert p.value_edit.text() == "—" and p.value_edit.isReadOnly()
    why = p.value_reason
    assert why.isVisibleTo(p) and why.wordWrap()
    assert w.model.reason(mid) in why.text() and "input" in why.text()
    lid = w.add_node("leaf")
    w.scene.select_ids([lid])
    QApplication.processEvents()
    assert not why.isVisibleTo(p) and p.value_edit.text() != "—"


def test_gradient_during_a_pass_is_the_shown_one_or_not_reached_yet(qtbot, blog):
    p = blog.properties
    select(blog, "a")
    assert "run Backward" in p.grad_label.text()
    blog.scene.node_item("L").set_grad(1.0)  # a pass has started at the output
    qtbot.waitUntil(lambda: p.grad_label.text() == "not reached yet", timeout=2000)
    blog.scene.node_item("a").set_grad(-3.0)  # the animation reached a
    qtbot.waitUntil(lambda: p.grad_label.text() == "\u22123.0", timeout=2000)
    for n in ("L", "a"):
        blog.scene.node_item(n).set_grad(None)  # pass cleared
    qtbot.waitUntil(lambda: "run Backward" in p.grad_label.text(), timeout=2000)


def test_title_puts_the_operation_in_a_pill_before_the_name(blog):
    select(blog, "e")
    t = blog.properties.title.text()
    assert "Multiply" in t and t.index("\u00d7") < t.index("Multiply") < t.rindex(" e")
    assert "background-color" in t  # a pill, not a bare glyph
    select(blog, "L")
    assert "(output)" in blog.properties.title.text()


def test_a_value_can_be_typed_as_arithmetic(qtbot, blog):
    """Issue 11, bug 8 (in part): value fields take a little arithmetic, as
    the Quiz does: 2*-3 is −6."""
    select(blog, "a")
    p = blog.properties
    type_into(qtbot, p.value_edit, "2*-3")
    assert blog.model.node("a")["value"] == -6.0 and blog.model.value("L") == (-6.0 * -3.0 + 10.0) * -2.0
    type_into(qtbot, p.value_edit, "1/0")  # not a finite number: refused, nothing changes
    assert blog.model.node("a")["value"] == -6.0 and p.error_text()


@pytest.mark.parametrize("key, menu", [(Qt.Key.Key_L, "learn"), (Qt.Key.Key_V, "view")])
def test_alt_letters_of_the_menus_open_them_with_a_node_selected(qtbot, blog, key, menu):
    """A trial: with a node selected, Alt+L (Learn) went to the Label field
    (its mnemonic the same letter) and the next keys renamed the node; the
    menu bar's letters are the menus', the fields' are others (Alt+A, Alt+U)."""
    w = blog
    w.activateWindow()
    select(w, "a")
    qtbot.keyClick(w.view.viewport(), key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is w.menus[menu], timeout=2000)
    assert not w.properties.label_edit.hasFocus() and not w.properties.value_edit.hasFocus()
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    assert w.model.label("a") == "a"
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # the Label field's
    qtbot.waitUntil(lambda: w.properties.label_edit.hasFocus(), timeout=2000)


@pytest.mark.parametrize("field", ["value_edit", "label_edit"])
def test_a_field_left_as_several_undos_take_its_node_away_says_nothing(qtbot, blog, field):
    """A monkey test: a Properties field focused, two nodes added (the panel
    showing the last), then both undone at once (Edit History's first row):
    the field's focus-out committed to a node gone by then: UnknownNodeError."""
    w = blog
    select(w, "a")
    edit = getattr(w.properties, field)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    middle = w.view.mapToScene(w.view.viewport().rect().center())
    w.editor.add_node_at("leaf", middle, value=1.0)
    QApplication.processEvents()
    w.editor.add_node_at("pow", middle + QPointF(200, 0))
    QApplication.processEvents()
    (new,) = w.scene.selected_ids()
    assert w.model.op(new) == "pow" and w.properties.node_id == new
    edit.setFocus()
    edit.setModified(True)  # (a letter typed, not yet committed)
    w.undo_stack.setIndex(0)  # (several undos in one go, as a click on Edit History's first row)
    QApplication.processEvents()
    assert new not in w.model and w.undo_stack.index() == 0


def test_a_leafs_role_is_shown_and_changed_as_one_undo_step(qtbot, blog):
    """Trial 49: a leaf's role (does Train move it?) was shown nowhere beside
    its value; Properties shows it and the user changes it there."""
    from core.learn import roles

    w = blog
    select(w, "a")
    box = w.properties.role_box
    assert box.isVisibleTo(w.properties) and box.currentText().startswith("Param")
    assert "a" in roles.moves(w.model, "L").params
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the user picks "Data"
    QApplication.processEvents()
    assert box.currentText().startswith("Data")
    assert "a" not in roles.moves(w.model, "L").params
    assert w.undo_stack.undoText() == "Mark a as data"
    w.undo_stack.undo()
    QApplication.processEvents()
    assert "a" in roles.moves(w.model, "L").params and box.currentText().startswith("Param")
    select(w, "e")  # an operator has no role
    assert not box.isVisibleTo(w.properties)


def test_a_computed_value_reads_without_float_noise_its_full_digits_in_the_tooltip(blog):
    """Trial 50: Properties showed x**2 of 0.7 as 0.48999999999999994, a
    lecture's aside on floating point nobody planned."""
    w = blog
    w.model.add_node("leaf", "x", label="x", value=0.7, x=0.0, y=400.0)
    w.model.add_node("pow", "sq", exponent=2.0, x=200.0, y=400.0)
    w.model.connect("x", "sq", 0)
    assert w.model.value("sq") == 0.7**2 == 0.48999999999999994
    select(w, "sq")
    p = w.properties
    assert p.value_edit.text() == "0.49" and "0.48999999999999994" in p.value_edit.toolTip()
    select(w, "x")  # a leaf: as typed, and its tooltip says so
    assert p.value_edit.text() == "0.7" and "float64" not in p.value_edit.toolTip()
    select(w, "e")  # no noise: as it is
    assert p.value_edit.text() == "\u22126.0"


def test_the_wheel_over_the_role_box_scrolls_the_panel_not_the_role(qtbot, blog):
    """A review: one wheel notch over the Role box, while scrolling
    Properties, turned a parameter into data (an undo entry, and Train then
    held it still)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    w = blog
    select(w, "a")
    box = w.properties.role_box
    n0 = w.undo_stack.count()
    w.view.setFocus()
    centre = QPointF(box.rect().center())
    wheel = QWheelEvent(
        centre,
        box.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(box, wheel)
    QApplication.processEvents()
    assert box.currentText().startswith("Param") and w.undo_stack.count() == n0
    assert w.model.node("a").get("trainable", True) is not False


def test_a_finished_pass_says_what_each_gradient_means(qtbot, blog):
    """Trial 67 #10: a learner following the lecture's first part found the
    number (c.grad = −2), not what it says: the slope of L at c."""
    w = blog
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    select(w, "d")  # (half way: d's gradient is shown, c's not reached; no slope said yet)
    p = w.properties
    assert not p.slope_label.isVisibleTo(p)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    select(w, "c")
    assert p.slope_label.isVisibleTo(p)
    said = p.slope_label.text()
    assert said == "= the slope of L where c is 10: nudging c by a small h moves L by about −2·h", said
    select(w, "L")  # (the root: its gradient is 1 by definition, no slope of itself)
    assert not p.slope_label.isVisibleTo(p)


def test_a_card_clicked_after_the_pass_says_its_slope_in_chain_rule(qtbot, blog):
    """The Chain Rule panel, where a learner reads the pass, says it too for
    the card they click; each step's page stays as it was (no extra line)."""
    w = blog
    run_to_end(qtbot, w)
    chain = w.backward.chain_panel
    assert "slope" not in chain.text()  # (the last step's page: b, as before)
    it = w.scene.node_item("c")
    w.view.ensureVisible(it)
    QApplication.processEvents()
    at = w.view.mapFromScene(it.sceneBoundingRect().center())
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: chain.node == "c")
    assert "(the slope of L where c is 10: nudging c by a small h moves L by about −2·h)" in chain.text()


def test_title_says_an_operation_once_where_its_symbol_is_its_name(blog):
    """t75 #14: "ReLU ReLU y" and "tanh Tanh o": the pill said the operation twice."""
    import re

    for op in ("relu", "tanh", "sigmoid"):
        nid = blog.model.add_node(op, label="y")
        select(blog, nid)
        words = re.sub(r"<[^>]+>|&nbsp;", " ", blog.properties.title.text()).split()
        title = {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid"}[op]
        assert [w.lower() for w in words].count(title.lower()) == 1, words
        assert words[-1] == "y"
    select(blog, "e")
    assert "\u00d7" in blog.properties.title.text()  # a symbol of its own stays


def test_the_operation_row_changes_the_operation_in_place(qtbot, blog):
    """t75 #8: Properties showed the operation as plain text; nothing changed
    it. Picked in its Operation box (click, arrow keys, Enter), d = e + c
    becomes e − c: same node, name and wires, value at once, one undo step."""
    select(blog, "d")
    p = blog.properties
    box = p.op_box
    assert box.isVisible() and box.currentText() == "Add (+)"
    count = blog.undo_stack.count()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # the list opens
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    view.setCurrentIndex(box.model().index(box.findData("sub"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    QApplication.processEvents()
    m = blog.model
    assert m.op("d") == "sub" and m.label("d") == "d" and m.inputs("d") == ["e", "c"]
    assert m.value("d") == -16.0  # −6 − 10
    assert blog.undo_stack.count() == count + 1 and blog.scene.selected_ids() == ["d"]
    qtbot.waitUntil(lambda: p.op_box.currentText() == "Subtract (−)", timeout=2000)
    blog.undo_stack.undo()
    assert m.op("d") == "add" and m.value("d") == 4.0
