"""Pan, nudge, wire selection, cancel: the smaller gestures of the canvas."""

from __future__ import annotations

from canvas_helpers import Messages, _send, click, drag, in_port, make_canvas, out_port, vp
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent

from core.files import fileio


def _blog(qtbot):
    return make_canvas(qtbot, fileio.load("resources/examples/blog_L.mgraph"))


def test_middle_drag_pans_without_editing(qtbot):
    model, stack, scene, view = _blog(qtbot)
    before = view.mapToScene(view.viewport().rect().center())
    drag(view, QPointF(100, 300), QPointF(300, 350), button=Qt.MouseButton.MiddleButton)
    after = view.mapToScene(view.viewport().rect().center())
    assert (before.x() - after.x(), before.y() - after.y()) == (200, 50)
    assert stack.count() == 0 and view.zoom == 1.0


def test_space_drag_pans_instead_of_moving_a_node(qtbot):
    model, stack, scene, view = _blog(qtbot)
    view.setFocus()
    pos_a = model.position("a")
    before = view.mapToScene(view.viewport().rect().center())
    qtbot.keyPress(view, Qt.Key.Key_Space)
    drag(view, QPointF(0, -55), QPointF(-100, -55))  # starts on node a
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() - before.x() == 100
    assert model.position("a") == pos_a and stack.count() == 0
    # without space the same drag moves the node
    drag(view, QPointF(0, -55), QPointF(-100, -55))
    assert model.position("a") != pos_a and stack.count() == 1


def test_arrow_keys_nudge_as_one_entry(qtbot):
    model, stack, scene, view = _blog(qtbot)
    scene.select_ids(["a", "b"])
    view.setFocus()
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert model.position("a") == (36.0, -55.0) and model.position("b") == (36.0, 55.0)
    assert stack.count() == 1 and stack.text(0) == "Move 2 nodes"
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert model.position("a") == (36.0, -56.0)
    stack.undo()
    assert model.position("a") == (0.0, -55.0)


def test_two_separate_drags_are_two_entries(qtbot):
    model, stack, scene, view = _blog(qtbot)
    drag(view, QPointF(0, -55), QPointF(0, -155))
    drag(view, QPointF(0, -155), QPointF(0, -255))
    assert stack.count() == 2
    stack.undo()
    assert model.position("a") == (0.0, -155.0)


def test_click_wire_then_delete_disconnects(qtbot):
    model, stack, scene, view = _blog(qtbot)
    e = scene.edge_item("f", "L", 1)
    mid = e.path().pointAtPercent(0.5)
    click(view, mid)
    assert scene.selected_wires() == [("f", "L", 1)]
    assert e.pen().color() != scene.edge_item("d", "L", 0).pen().color()  # drawn selected
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.inputs("L") == ["d", None] and "f" in model
    assert stack.text(0) == "Disconnect f → L"
    stack.undo()
    assert model.inputs("L") == ["d", "f"]


def test_escape_cancels_a_wire_being_dragged(qtbot):
    model, stack, scene, view = _blog(qtbot)
    model.add_node("exp", "x", x=300, y=300)
    L = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, out_port(scene, "a")), L, L)
    _send(view, QMouseEvent.Type.MouseMove, vp(view, QPointF(200, 200)), Qt.MouseButton.NoButton, L)
    assert scene.interaction.wiring
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not scene.interaction.wiring
    _send(
        view,
        QMouseEvent.Type.MouseButtonRelease,
        vp(view, in_port(scene, "x", 0)),
        L,
        Qt.MouseButton.NoButton,
    )
    assert model.inputs("x") == [None] and stack.count() == 0


def test_hovering_an_invalid_port_while_dragging_says_why(qtbot):
    model, stack, scene, view = _blog(qtbot)
    msgs = Messages(scene)
    L = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, out_port(scene, "L")), L, L)
    _send(view, QMouseEvent.Type.MouseMove, vp(view, in_port(scene, "e", 0)), Qt.MouseButton.NoButton, L)
    assert msgs and "cycle" in msgs[-1]
    _send(
        view,
        QMouseEvent.Type.MouseButtonRelease,
        vp(view, in_port(scene, "e", 0)),
        L,
        Qt.MouseButton.NoButton,
    )
    assert model.inputs("e") == ["a", "b"] and stack.count() == 0


def test_rubber_band_selects_nodes_not_wires_crossing_it(qtbot):
    model, stack, scene, view = _blog(qtbot)
    # a band around c and f only; wires c->d and e->d pass through it
    band = scene.node_item("c").sceneBoundingRect().united(scene.node_item("f").sceneBoundingRect())
    band = band.adjusted(-20, -20, 20, 20)
    drag(view, band.topLeft(), band.bottomRight())
    assert scene.selected_ids() == ["c", "f"]
    assert scene.selected_wires() == []
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert sorted(model.edges()) == [("a", "e", 0), ("b", "e", 1), ("d", "L", 0), ("e", "d", 0)]


def test_ctrl_click_adds_a_wire_to_the_selection(qtbot):
    model, stack, scene, view = _blog(qtbot)
    click(view, QPointF(0, -55))
    click(view, scene.edge_item("d", "L", 0).path().pointAtPercent(0.5), Qt.KeyboardModifier.ControlModifier)
    assert scene.selected_ids() == ["a"] and scene.selected_wires() == [("d", "L", 0)]
    scene.interaction.editor.delete_selection()
    assert "a" not in model and model.inputs("L") == [None, "f"]
    assert stack.text(0) == "Delete 1 node and 1 wire"
    stack.undo()
    assert model.inputs("L") == ["d", "f"] and model.inputs("e") == ["a", "b"]


def _menu_action(menu, name):
    from PySide6.QtGui import QAction

    act = menu.findChild(QAction, name)
    assert act is not None, name
    return act


def test_context_menu_on_card_wire_and_canvas(qtbot):
    from gui.editing.context_menu import build_menu

    model, stack, scene, view = _blog(qtbot)
    on_e = scene.node_item("e").sceneBoundingRect().center()
    menu = build_menu(scene.interaction.editor, scene.interaction, on_e)
    assert scene.selected_ids() == ["e"]
    out = _menu_action(menu, "ctx_output")
    assert out.isCheckable() and not out.isChecked()
    out.trigger()
    assert model.output == "e" and stack.text(0) == "Set output to e"
    menu = build_menu(scene.interaction.editor, scene.interaction, QPointF(0, -50))  # on leaf a
    _menu_action(menu, "ctx_edit_value").trigger()
    assert (
        scene.interaction.inline_editor is not None
        and scene.interaction.inline_editor.objectName() == "inline_value_editor"
    )
    qtbot.keyClick(scene.interaction.inline_editor, Qt.Key.Key_Escape)
    menu = build_menu(scene.interaction.editor, scene.interaction, QPointF(0, -50))
    _menu_action(menu, "ctx_delete").trigger()
    assert "a" not in model
    wire_mid = scene.edge_item("f", "L", 1).path().pointAtPercent(0.5)
    menu = build_menu(scene.interaction.editor, scene.interaction, wire_mid)
    _menu_action(menu, "ctx_delete_wire").trigger()
    assert model.inputs("L") == ["d", None]
    menu = build_menu(scene.interaction.editor, scene.interaction, QPointF(300, 400))  # empty canvas
    _menu_action(menu, "ctx_add_tanh").trigger()
    (new,) = [n for n in model.nodes() if model.op(n) == "tanh"]
    assert model.position(new) == (300.0, 400.0)


def test_right_click_opens_the_menu(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    model, stack, scene, view = _blog(qtbot)
    seen = []

    def close_popup():
        w = QApplication.activePopupWidget()
        seen.append(w.objectName() if w else None)
        if w:
            w.close()

    QTimer.singleShot(200, close_popup)
    p = vp(view, scene.node_item("e").sceneBoundingRect().center())
    ev = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, view.viewport().mapToGlobal(p))
    QApplication.sendEvent(view.viewport(), ev)
    assert seen == ["canvas_context_menu"]
    assert scene.selected_ids() == ["e"] and stack.count() == 0


def test_dragging_a_wire_to_the_edge_scrolls_the_view(qtbot):
    model, stack, scene, view = _blog(qtbot)
    L = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, out_port(scene, "L")), L, L)
    edge = QPointF(view.viewport().width() - 3, view.viewport().height() / 2)
    from PySide6.QtCore import QPoint

    _send(view, QMouseEvent.Type.MouseMove, QPoint(int(edge.x()), int(edge.y())), Qt.MouseButton.NoButton, L)
    before = view.mapToScene(view.viewport().rect().center()).x()
    qtbot.wait(1500)  # (it scrolls once the pointer rests at the edge, slowly at first: auto_pan.py)
    after = view.mapToScene(view.viewport().rect().center()).x()
    assert after > before + 20  # scrolled right, towards the mouse
    assert scene.interaction.wiring
    _send(
        view,
        QMouseEvent.Type.MouseButtonRelease,
        QPoint(int(edge.x()), int(edge.y())),
        L,
        Qt.MouseButton.NoButton,
    )
    assert not scene.interaction.wiring
    stopped = view.mapToScene(view.viewport().rect().center()).x()
    qtbot.wait(100)
    assert view.mapToScene(view.viewport().rect().center()).x() == stopped


def test_dragging_a_card_to_the_edge_carries_it_along_as_one_move(qtbot):
    from PySide6.QtCore import QPoint

    model, stack, scene, view = _blog(qtbot)
    L = Qt.MouseButton.LeftButton
    start = vp(view, QPointF(0, -55))
    _send(view, QMouseEvent.Type.MouseButtonPress, start, L, L)
    edge = QPoint(view.viewport().width() - 3, start.y())
    for x in range(start.x(), edge.x(), 40):
        _send(view, QMouseEvent.Type.MouseMove, QPoint(x, start.y()), Qt.MouseButton.NoButton, L)
    _send(view, QMouseEvent.Type.MouseMove, edge, Qt.MouseButton.NoButton, L)
    qtbot.wait(1500)  # (resting at the edge: auto_pan.py)
    _send(view, QMouseEvent.Type.MouseButtonRelease, edge, L, Qt.MouseButton.NoButton)
    x, y = model.position("a")
    assert x > view.viewport().width() - 3 - start.x() + 20  # further than the mouse went
    assert y == -55.0
    assert stack.count() == 1 and stack.text(0) == "Move a"
    # the card is where the mouse is
    assert abs(vp(view, QPointF(x, y)).x() - edge.x()) <= 2
