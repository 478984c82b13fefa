"""Trial 54 #1: a node renamed on its card (mul1 -> L) is named by its
label in what the window says about its empty input: Backward's refusal,
the Properties panel's reason, the Code panel's list of unfinished nodes;
and its port as the card names it (in₂), not "input port 1"."""

from __future__ import annotations

from canvas_helpers import double_click, drag, out_port, vp
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_wire_to_empty import type_and_enter
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from gui.code.code_editor import CodeEditor
from gui.code.code_sync import REWRITE_DELAY


def _build_a_times_nothing(qtbot, w) -> str:
    """New; Tab, ``a=2``, Enter; a's output dragged onto empty canvas, ``*``,
    Enter; the Multiply's title double-clicked and typed ``L``: its id."""
    trigger(w, "new")
    view, scene = w.view, w.scene
    QTest.mouseMove(view.viewport(), vp(view, view.mapToScene(view.viewport().rect().center())))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    type_and_enter(qtbot, "a=2")
    (a,) = w.model.nodes()
    drag(view, out_port(scene, a), out_port(scene, a) + QPointF(220, 40))
    type_and_enter(qtbot, "*")
    (mul,) = [n for n in w.model.nodes() if w.model.op(n) == "mul"]
    assert mul != "L" and w.model.inputs(mul) == [a, None]
    card = scene.node_item(mul)
    double_click(view, card.mapToScene(QPointF(-40, -22)))  # its title, left
    ed = scene.interaction.inline_editor
    assert ed.objectName() == "inline_label_editor"
    ed.selectAll()
    qtbot.keyClicks(ed, "L")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.model.label(mul) == "L"
    w.activateWindow()  # (offscreen, the closed Quick Add stays the active window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    return mul


def test_backward_from_a_renamed_node_with_an_empty_port_names_its_label_and_port(qtbot, window):
    w = window
    mul = _build_a_times_nothing(qtbot, w)
    scene = w.scene
    scene.select_ids([mul])
    QApplication.processEvents()
    assert "mul1" not in w.properties.value_reason.text() and mul not in w.properties.value_reason.text()
    assert "in₂ of 'L'" in w.properties.value_reason.text()
    code = w.findChild(CodeEditor, "code_editor")
    if not code.isVisible():
        menu_action(w.menus["view"], "toggle_dock_code").trigger()  # View › Code
    qtbot.waitUntil(lambda: "unfinished" in code.toPlainText(), timeout=REWRITE_DELAY * 20)
    assert "# L\n" in code.toPlainText() and mul not in code.toPlainText()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    said = w.backward.last_error
    assert said == "Cannot run backward from L: its input in₂ is empty (L = a × in₂). Wire a node into it."
    assert w.status_text() == said


def test_an_empty_port_further_up_names_that_card_and_the_id_only_when_labels_clash(qtbot, window):
    w = window
    mul = _build_a_times_nothing(qtbot, w)
    (a,) = [n for n in w.model.nodes() if w.model.op(n) == "leaf"]
    drag(w.view, out_port(w.scene, mul), out_port(w.scene, mul) + QPointF(220, 40))
    type_and_enter(qtbot, "tanh")
    (t,) = [n for n in w.model.nodes() if w.model.op(n) == "tanh"]
    w.model.set_label(a, "L")  # two cards read L now
    w.scene.select_ids([t])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.backward.last_error == (
        f"Cannot run backward from {t}: L (Multiply, id {mul}) has an empty input in₂"
        f" ((L, id {mul}) = (L, id {a}) × in₂)."  # (trial 69 #6: "L = L × in₂" told the two apart nowhere)
        " Wire a node into it."
    )


def test_the_learning_tools_name_a_renamed_nodes_empty_input_by_its_card(qtbot, window):
    """Trial 54 (left over): Learn › Train… and Gradient Check said "node 'mul1' (mul) has
    nothing connected to input port 1 (in₂)" of the card renamed L: as Backward does now."""
    from test_learning_gui import click

    w = window
    mul = _build_a_times_nothing(qtbot, w)
    w.editor.set_output(mul)
    trigger(w, "learn_train")
    click(qtbot, w.learning.train.start_button)
    said = w.learning.train.status.text()
    want = "Cannot train: L (Multiply) has an empty input in₂ (L = a × in₂). Wire a node into it."
    assert said == want, said
    assert mul not in said.replace("Multiply", "")


def test_export_as_python_names_a_renamed_nodes_empty_input_by_its_card(qtbot, window, answers):
    """Trial 54 (left over): File › Export › Export as Python Script… said "cannot export:
    node 'mul1' (mul) has nothing connected to input port 1 (in₂)" of the card renamed L."""
    w = window
    mul = _build_a_times_nothing(qtbot, w)
    menu_action(w.menus["export"], "export_python").trigger()
    QApplication.processEvents()
    ((title, said),) = answers.errors
    assert title == "Cannot Export as Python Script"
    assert said == "L (Multiply) has an empty input in₂ (L = a × in₂). Wire a node into it.", said
    assert mul not in said and "port" not in said


def test_export_says_an_empty_input_before_asking_which_end_to_start_from(qtbot, window, answers):
    """Several end nodes (L = a × ?, and a leaf on its own): Export as Python Script asked which
    end to start from, then refused for the empty input whatever the answer. It says that alone."""
    w = window
    _build_a_times_nothing(qtbot, w)
    w.model.add_node("leaf", "z", label="z", value=1.0, x=0, y=600)
    w.editor.set_output(None)
    w.scene.clearSelection()  # (one selected node is where Backward starts, unasked)
    QApplication.processEvents()
    asked: list = []
    QTimer.singleShot(0, lambda: asked.append(QApplication.activeModalWidget()))
    menu_action(w.menus["export"], "export_python").trigger()
    QApplication.processEvents()
    assert asked == [None]  # (no "Backward from which node?" first)
    ((title, said),) = answers.errors
    assert (title, said) == (
        "Cannot Export as Python Script",
        "L (Multiply) has an empty input in₂ (L = a × in₂). Wire a node into it.",
    )
