"""Change Operation (trial 75 #8): a learner who picked Subtract where Add was
meant had to delete the card, add another, wire it again and rename it. Now
the card's right-click menu changes the operation in place: the node keeps its
id, name, place and the wires its new operation has ports for (a wire into a
port it lacks is removed, and the status line says so), values follow at once,
and one Ctrl+Z puts it all back."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QMenu

from core.graph.model import GraphModel
from gui.canvas.painting import CARD_RECT

SHIFT_F10 = (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)


def _graph() -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=-300, y=-80)
    m.add_node("leaf", "b", label="b", value=-3.0, x=-300, y=80)
    m.add_node("sub", "d", label="d", x=0, y=0)  # Subtract picked for d = a + b
    m.add_node("tanh", "L", label="L", x=300, y=0)
    m.connect("a", "d", 0)
    m.connect("b", "d", 1)
    m.connect("d", "L", 0)
    m.set_output("L")
    return m


def _choose(qtbot, view, entry: str) -> list[str]:
    """Open the selected card's menu with Shift+F10 and pick Change Operation ›
    ``entry`` with the keys (Right opens the submenu, Enter picks); the
    entries the submenu offered."""
    offered: list[str] = []

    def walk():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        if menu.objectName() == "canvas_context_menu":
            sub = [a for a in menu.actions() if a.menu() and a.menu().objectName() == "ctx_change_op"]
            if not sub:  # (no such entry: the menu closed, the test fails on what it finds)
                menu.close()
                timer.stop()
                return
            menu.setActiveAction(sub[0])
            qtbot.keyClick(menu, Qt.Key.Key_Right)
        elif menu.objectName() == "ctx_change_op":
            offered[:] = [a.objectName() for a in menu.actions() if a.isEnabled()]
            menu.setActiveAction(next(a for a in menu.actions() if a.objectName() == entry))
            qtbot.keyClick(menu, Qt.Key.Key_Return)
            timer.stop()

    timer = QTimer(interval=100)
    timer.timeout.connect(walk)
    timer.start()
    qtbot.keyClick(view, *SHIFT_F10)
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=3000)
    qtbot.wait(50)
    return offered


def _canvas(qtbot):
    m = _graph()
    model, stack, scene, view = make_canvas(qtbot, m)
    vp = view.viewport()
    QCursor.setPos(vp.mapToGlobal(QPoint(vp.width() + 400, vp.height() + 400)))
    said: list[str] = []
    scene.interaction.editor.status_message.connect(said.append)
    view.setFocus()
    scene.select_ids(["d"])
    return model, stack, scene, view, said


def test_change_operation_keeps_the_node_and_its_wires_and_updates_values(qtbot):
    model, stack, scene, view, said = _canvas(qtbot)
    place = scene.node_item("d").pos()
    assert model.values()["d"] == 5.0
    offered = _choose(qtbot, view, "ctx_change_add")
    assert (
        "ctx_change_sub" not in offered and "ctx_change_leaf" not in offered
    )  # what it is, a Value: not offered
    assert model.op("d") == "add" and model.label("d") == "d"
    assert model.inputs("d") == ["a", "b"] and model.consumers("d") == [("L", 0)] and model.output == "L"
    assert model.values()["d"] == -1.0  # 2 + (−3), at once
    assert scene.node_item("d").pos() == place and scene.selected_ids() == ["d"]
    assert said[-1] == "Changed d from Subtract to Add · Ctrl+Z changes it back"
    assert stack.count() == 1
    stack.undo()
    assert model.op("d") == "sub" and model.values()["d"] == 5.0 and model.inputs("d") == ["a", "b"]


def test_a_one_input_operation_keeps_the_first_wire_and_says_the_other_went(qtbot):
    model, stack, scene, view, said = _canvas(qtbot)
    _choose(qtbot, view, "ctx_change_relu")
    assert model.op("d") == "relu" and model.inputs("d") == ["a"] and model.values()["d"] == 2.0
    assert model.consumers("b") == []
    assert said[-1] == (
        "Changed d from Subtract to ReLU; ReLU has 1 input, so the wire from b (into in₂) was removed"
        " · Ctrl+Z changes it back"
    )
    card = scene.node_item("d")
    assert card.sceneBoundingRect().width() >= CARD_RECT.width() - 1  # a card, drawn for its one port
    stack.undo()  # one step: the op and the wire
    assert model.op("d") == "sub" and model.inputs("d") == ["a", "b"] and model.values()["d"] == 5.0
    stack.redo()
    assert model.op("d") == "relu" and model.inputs("d") == ["a"]


def test_a_value_has_no_operation_to_change(qtbot):
    model, stack, scene, view, said = _canvas(qtbot)
    scene.select_ids(["a"])
    seen: list[set[str]] = []

    def read_and_close():
        w = QApplication.activePopupWidget()
        if w is not None:
            seen.append({a.menu().objectName() if a.menu() else a.objectName() for a in w.actions()})
            w.close()

    timer = QTimer(interval=100)
    timer.timeout.connect(read_and_close)
    timer.start()
    qtbot.keyClick(view, *SHIFT_F10)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    timer.stop()
    assert "ctx_rename" in seen[0] and not any("change" in name for name in seen[0])


def test_change_and_undo_leave_the_saved_file_as_it_was_and_the_node_selected(qtbot, tmp_path):
    """The node keeps its place in the file's node order (it is not listed
    last after a change), and a change undone saves the very same bytes: the
    op, the wire it dropped, its key and the order of every list."""
    from core.files import fileio

    model, stack, scene, view, said = _canvas(qtbot)
    model.add_node("relu", "e", label="e", x=0, y=200)  # a node after d, fed by b too
    model.connect("b", "e", 0)  # (so b's wires are listed d's, then e's)
    before, first = tmp_path / "before.json", tmp_path / "after.json"
    fileio.save(model, before)
    order = model.nodes()
    _choose(qtbot, view, "ctx_change_relu")  # drops b's wire
    assert model.op("d") == "relu" and model.nodes() == order  # in its place, not last
    assert scene.selected_ids() == ["d"]
    stack.undo()
    assert scene.selected_ids() == ["d"]  # as after any edit of one node
    fileio.save(model, first)
    assert first.read_bytes() == before.read_bytes()
    stack.redo()
    assert model.op("d") == "relu" and model.nodes() == order and scene.selected_ids() == ["d"]
    stack.undo()
    fileio.save(model, first)
    assert first.read_bytes() == before.read_bytes()
