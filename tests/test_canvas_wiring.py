"""Wiring by mouse on the real view: connect, refuse, replace, a*a, pick up, unwire."""

from __future__ import annotations

from canvas_helpers import Messages, drag, in_port, make_canvas, out_port
from PySide6.QtCore import QPointF


def _abc(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    model.add_node("leaf", "a", label="a", value=2.0, x=-250, y=-60)
    model.add_node("leaf", "b", label="b", value=-3.0, x=-250, y=60)
    model.add_node("mul", "e", label="e", x=0, y=0)
    model.add_node("tanh", "t", x=250, y=0)
    return model, stack, scene, view


def test_drag_output_to_input_connects_one_undo_entry(qtbot):
    model, stack, scene, view = _abc(qtbot)
    drag(view, out_port(scene, "a"), in_port(scene, "e", 0))
    assert model.inputs("e") == ["a", None]
    assert scene.edge_item("a", "e", 0) is not None
    assert stack.count() == 1 and stack.text(0) == "Connect a → e.in₁"
    drag(view, in_port(scene, "e", 1), out_port(scene, "b"))  # backwards, from the input
    assert model.inputs("e") == ["a", "b"]
    assert model.value("e") == -6.0
    assert scene.node_item("e").value_text == "\u22126.0000"
    stack.undo()
    assert model.inputs("e") == ["a", None]
    assert scene.edge_item("b", "e", 1) is None
    assert scene.node_item("e").flagged == "incomplete"


def test_same_node_into_both_ports_makes_two_wires(qtbot):
    model, stack, scene, view = _abc(qtbot)
    drag(view, out_port(scene, "a"), in_port(scene, "e", 0))
    drag(view, out_port(scene, "a"), in_port(scene, "e", 1))
    assert model.inputs("e") == ["a", "a"]
    assert model.value("e") == 4.0
    assert scene.edge_item("a", "e", 0) is not scene.edge_item("a", "e", 1)
    assert len(scene.edge_items()) == 2


def test_cycle_refused_with_message_and_no_change(qtbot):
    model, stack, scene, view = _abc(qtbot)
    model.connect("a", "e", 0)
    model.connect("e", "t", 0)
    msgs = Messages(scene)
    before = (model.edges(), stack.count())
    drag(view, out_port(scene, "t"), in_port(scene, "e", 1))
    assert (model.edges(), stack.count()) == before
    assert msgs and "cycle" in msgs[-1]


def test_leaf_has_no_input_to_drop_on(qtbot):
    model, stack, scene, view = _abc(qtbot)
    msgs = Messages(scene)
    # dropped where a leaf's input would be (its left edge): refused, and why
    leaf = scene.node_item("b")
    left = leaf.mapToScene(QPointF(-60, 11))
    drag(view, out_port(scene, "a"), left)
    assert model.edges() == [] and stack.count() == 0
    assert msgs and "leaf" in msgs[-1] and "no inputs" in msgs[-1]
    # output on output is refused with a reason too
    drag(view, out_port(scene, "a"), out_port(scene, "b"))
    assert model.edges() == [] and stack.count() == 0
    assert "input port" in msgs[-1]


def test_drop_on_a_card_takes_its_first_free_input(qtbot):
    model, stack, scene, view = _abc(qtbot)
    msgs = Messages(scene)
    body = scene.node_item("e").mapToScene(QPointF(10, 10))
    drag(view, out_port(scene, "a"), body)
    assert model.inputs("e") == ["a", None]
    drag(view, out_port(scene, "b"), body)
    assert model.inputs("e") == ["a", "b"]
    drag(view, out_port(scene, "a"), body)  # full: says how to replace
    assert model.inputs("e") == ["a", "b"] and "taken" in msgs[-1]
    assert stack.count() == 2


def test_drop_on_taken_port_replaces_wire_in_one_entry(qtbot):
    model, stack, scene, view = _abc(qtbot)
    model.connect("a", "e", 0)
    drag(view, out_port(scene, "b"), in_port(scene, "e", 0))
    assert model.inputs("e") == ["b", None]
    assert scene.edge_item("a", "e", 0) is None and scene.edge_item("b", "e", 0) is not None
    assert stack.count() == 1 and "replacing a" in stack.text(0)
    stack.undo()
    assert model.inputs("e") == ["a", None]
    assert scene.edge_item("a", "e", 0) is not None


def test_pick_up_wire_and_drop_in_empty_space_unwires(qtbot):
    model, stack, scene, view = _abc(qtbot)
    model.connect("a", "e", 0)
    drag(view, in_port(scene, "e", 0), QPointF(0, 250))
    assert model.inputs("e") == [None, None]
    assert scene.edge_item("a", "e", 0) is None
    assert stack.count() == 1 and stack.text(0).startswith("Disconnect")
    stack.undo()
    assert model.inputs("e") == ["a", None]
    assert scene.edge_item("a", "e", 0).isVisible()


def test_pick_up_wire_and_move_it_to_another_port(qtbot):
    model, stack, scene, view = _abc(qtbot)
    model.connect("a", "e", 0)
    drag(view, in_port(scene, "e", 0), in_port(scene, "t", 0))
    assert model.inputs("e") == [None, None]
    assert model.inputs("t") == ["a"]
    assert stack.count() == 1
    stack.undo()
    assert model.inputs("e") == ["a", None] and model.inputs("t") == [None]


def test_valid_targets_known_during_drag(qtbot):
    model, stack, scene, view = _abc(qtbot)
    model.connect("a", "e", 0)
    model.connect("e", "t", 0)
    from canvas_helpers import _send, vp
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QMouseEvent

    L = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, out_port(scene, "t")), L, L)
    _send(view, QMouseEvent.Type.MouseMove, vp(view, QPointF(100, 100)), Qt.MouseButton.NoButton, L)
    assert scene.interaction.wiring
    assert scene.interaction.wire_target_state("e", "in", 1) is not None  # cycle
    assert scene.interaction.wire_target_state("t", "in", 0) is not None  # itself
    model.add_node("exp", "x", x=0, y=200)
    assert scene.interaction.wire_target_state("x", "in", 0) is None
    view.grab()  # paints the highlighted targets without error
    _send(view, QMouseEvent.Type.MouseButtonRelease, vp(view, QPointF(100, 100)), L, Qt.MouseButton.NoButton)
    assert not scene.interaction.wiring and stack.count() == 0


def _press_and_move(view, a, b):
    """Press at scene point ``a`` and move to ``b`` with the button held (no release)."""
    from canvas_helpers import _send, vp
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QMouseEvent

    left = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, a), left, left)
    _send(view, QMouseEvent.Type.MouseMove, vp(view, b), Qt.MouseButton.NoButton, left)


def test_a_wire_drag_ends_when_its_node_goes(qtbot):
    # e.g. Ctrl+Z or File > Open while a wire hangs from the mouse: the drag
    # is dropped with its node instead of reaching for a card that is gone
    from canvas_helpers import _send, vp
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QMouseEvent

    model, stack, scene, view = _abc(qtbot)
    _press_and_move(view, out_port(scene, "a"), QPointF(-100, 150))
    assert scene.interaction.wiring
    model.remove_node("a")
    assert not scene.interaction.wiring
    _send(
        view,
        QMouseEvent.Type.MouseMove,
        vp(view, QPointF(-90, 160)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
    )
    _send(
        view,
        QMouseEvent.Type.MouseButtonRelease,
        vp(view, QPointF(-90, 160)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.NoButton,
    )
    assert model.edges() == []

    _press_and_move(view, out_port(scene, "b"), QPointF(-100, 150))
    assert scene.interaction.wiring
    scene.set_model(type(model)())  # a new document on the same scene
    assert not scene.interaction.wiring
