"""Trial 43 #16: a wire dropped on empty canvas did nothing. As in other
node editors, it opens Quick Add there; the node chosen is placed with its
port at the drop and wired to the dragged end, in one undo entry. Dragged
from an output, only operations with an input are offered (no Value, no
typed number); from an empty input, a typed number adds a Value feeding it.
Driven as a user: a mouse drag from a port, typing, Enter, Ctrl+Z."""

from __future__ import annotations

import math

from canvas_helpers import _send, drag, in_port, make_canvas, out_port, vp
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsPathItem

from core.graph.model import GraphModel
from gui.editing.quick_add import QuickAdd


def two_leaves() -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "a", value=0.5, x=0, y=0)
    m.add_node("mul", "p", x=300, y=200)
    return m


def popup() -> QuickAdd:
    w = QApplication.activePopupWidget()
    assert isinstance(w, QuickAdd), w
    return w


def type_and_enter(qtbot, text: str) -> None:
    p = popup()
    qtbot.keyClicks(p.edit, text)
    qtbot.keyClick(p.edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_a_wire_from_an_output_dropped_on_empty_canvas_ends_on_the_node_chosen(qtbot):
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drop = QPointF(250, -150)  # empty canvas
    drag(view, out_port(scene, "a"), drop)
    p = popup()
    assert "leaf" not in p.visible_ops() and "tanh" in p.visible_ops()  # a wire goes into it
    qtbot.keyClicks(p.edit, "3")  # a number is no node a wire goes into
    assert not any(p.list.item(i).text().startswith("Value") for i in range(p.list.count()))
    p.edit.clear()
    type_and_enter(qtbot, "tanh")
    (new,) = [n for n in m.nodes() if m.op(n) == "tanh"]
    assert m.inputs(new) == ["a"]
    assert m.value(new) == math.tanh(0.5)
    start = in_port(scene, new, 0)  # its input where the wire was let go
    assert abs(start.x() - drop.x()) <= 1 and abs(start.y() - drop.y()) <= 1
    assert scene.selected_ids() == [new]
    assert stack.count() == 1 and "Wire" in stack.text(0)
    stack.undo()  # one gesture, one undo
    assert sorted(m.nodes()) == ["a", "p"]
    stack.redo()
    assert m.inputs(new) == ["a"]


def test_a_wire_from_an_empty_input_takes_a_typed_number_as_a_value_feeding_it(qtbot):
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drop = QPointF(0, 300)
    drag(view, in_port(scene, "p", 1), drop)
    type_and_enter(qtbot, "3")
    (new,) = [n for n in m.nodes() if n not in ("a", "p")]
    assert m.op(new) == "leaf" and m.value(new) == 3.0
    assert m.inputs("p") == [None, new]
    end = out_port(scene, new)  # its output where the wire was let go
    assert abs(end.x() - drop.x()) <= 1 and abs(end.y() - drop.y()) <= 1
    stack.undo()
    assert sorted(m.nodes()) == ["a", "p"] and m.inputs("p") == [None, None]


def test_escape_in_the_list_leaves_the_graph_as_it_was(qtbot):
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drag(view, out_port(scene, "a"), QPointF(250, -150))
    qtbot.keyClick(popup().edit, Qt.Key.Key_Escape)
    assert sorted(m.nodes()) == ["a", "p"] and stack.count() == 0


def test_a_picked_up_wire_dropped_on_empty_canvas_is_still_unwired(qtbot):
    """(Not a new wire: one pulled off an input, let go in space, goes.)"""
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    m.connect("a", "p", 0)
    drag(view, in_port(scene, "p", 0), QPointF(0, 300))
    assert QApplication.activePopupWidget() is None
    assert m.inputs("p") == [None, None]


def test_the_wire_runs_on_to_the_list_while_it_is_open(qtbot):
    """The list alone did not say what it was for: the dashed wire stays,
    from the port to where it was let go, until a node is chosen or not."""
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drop = QPointF(250, -150)
    drag(view, out_port(scene, "a"), drop)
    dashed = [
        it
        for it in scene.items()
        if isinstance(it, QGraphicsPathItem) and it.pen().style() == Qt.PenStyle.DashLine
    ]
    assert len(dashed) == 1
    path = dashed[0].path()
    start, end = path.pointAtPercent(0), path.pointAtPercent(1)
    a = out_port(scene, "a")
    assert abs(start.x() - a.x()) < 1 and abs(start.y() - a.y()) < 1
    assert abs(end.x() - drop.x()) < 1 and abs(end.y() - drop.y()) < 1
    qtbot.keyClick(popup().edit, Qt.Key.Key_Escape)
    assert dashed[0].scene() is None


def test_a_node_added_at_the_canvas_edge_is_scrolled_into_view_whole(qtbot):
    """A trial let go near the right edge: the card's port was at the drop, the
    rest of it under the dock beside the canvas."""
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    drop = QPointF(seen.right() - 3, 0)  # at the edge
    drag(view, out_port(scene, "a"), drop)
    type_and_enter(qtbot, "tanh")
    (new,) = [n for n in m.nodes() if m.op(n) == "tanh"]
    now = view.mapToScene(view.viewport().rect()).boundingRect()
    assert now.contains(scene.node_item(new).sceneBoundingRect())


def test_from_an_input_the_list_opens_left_of_the_drop_off_the_card_it_feeds(qtbot):
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drop = QPointF(100, 200)
    drag(view, in_port(scene, "p", 1), drop)
    p = popup()
    at = view.viewport().mapToGlobal(view.mapFromScene(drop))
    assert p.frameGeometry().right() <= at.x() + 1
    card = scene.node_item("p").sceneBoundingRect()
    tl = view.viewport().mapToGlobal(view.mapFromScene(card.topLeft()))
    assert p.frameGeometry().right() < tl.x()  # not over the card
    qtbot.keyClick(p.edit, Qt.Key.Key_Escape)


def test_a_press_on_a_port_while_a_new_values_name_is_typed_keeps_it_and_draws_the_wire(qtbot):
    """Trial 45 #2: with a new Value's "x1 = 0.0" editor open, a drag from
    another card's port moved that card, and the Value kept 0."""
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    ed = scene.interaction.editor
    new = ed.add_node_at("leaf", QPointF(0, 300))
    assert scene.interaction.typing()
    field = scene.interaction._proxy.widget()
    field.selectAll()
    qtbot.keyClicks(field, "x1 = 3")  # typed, no Enter
    where = scene.node_item("p").pos()
    drag(view, in_port(scene, "p", 1), out_port(scene, new))
    assert m.label(new) == "x1" and m.value(new) == 3.0  # kept, as a click away keeps it
    assert m.inputs("p")[1] == new  # and the drag drew the wire
    assert scene.node_item("p").pos() == where  # not a move


def _drag_and_hold(qtbot, view, a, b, hold_ms: int) -> None:
    """Press at scene point ``a``, move to viewport point ``b``, rest there
    ``hold_ms`` with the button held (as a hand does), let go."""
    pa, btn, none = vp(view, a), Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(view, QMouseEvent.Type.MouseButtonPress, pa, btn, btn)
    for i in range(1, 7):
        p = QPoint(round(pa.x() + (b.x() - pa.x()) * i / 6), round(pa.y() + (b.y() - pa.y()) * i / 6))
        _send(view, QMouseEvent.Type.MouseMove, p, none, btn)
    qtbot.wait(hold_ms)
    _send(view, QMouseEvent.Type.MouseButtonRelease, b, btn, none)
    QApplication.processEvents()


def test_a_wire_let_go_10px_from_the_edge_after_a_second_adds_the_card_there_in_view(qtbot):
    """Trial 51 #18: a wire held a second 10 px from the right edge (to add a
    tanh there) ran the view 550 px on; the card landed far from its source,
    the source out of sight. The view moves only a little once the pointer has
    rested at the edge, and the card lands where the wire was let go, whole."""
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    view.centerOn(QPointF(300, 0))
    port = view.viewport().rect()
    drop = QPoint(port.right() - 10, port.center().y())
    before = view.mapToScene(port).boundingRect()
    _drag_and_hold(qtbot, view, out_port(scene, "a"), drop, 1000)
    now = view.mapToScene(port).boundingRect()
    assert abs(now.left() - before.left()) < 150, (before, now)  # (was ~560 px)
    type_and_enter(qtbot, "tanh")
    (new,) = [n for n in m.nodes() if m.op(n) == "tanh"]
    card = scene.node_item(new).sceneBoundingRect()
    after = view.mapToScene(port).boundingRect()
    assert after == now  # the view did not jump to the card: it is in view, where let go
    assert after.contains(card)
    let_go = view.mapToScene(drop)
    assert card.left() <= let_go.x() <= card.right() + 30 and card.top() <= let_go.y() <= card.bottom()
    assert after.contains(scene.node_item("a").sceneBoundingRect())  # its source still in sight
    assert m.inputs(new) == ["a"] and stack.count() == 1


def test_a_card_dragged_to_the_edge_and_held_there_scrolls_the_view_gently(qtbot):
    """Auto-scroll still works for a hand that rests at the edge, slowly at first."""
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    port = view.viewport().rect()
    start = view.mapToScene(port).boundingRect()
    _drag_and_hold(
        qtbot, view, scene.node_item("a").sceneBoundingRect().center(), QPoint(port.right() - 4, 200), 200
    )
    assert view.mapToScene(port).boundingRect() == start  # a moment there: not yet
    _drag_and_hold(
        qtbot, view, scene.node_item("a").sceneBoundingRect().center(), QPoint(port.right() - 4, 200), 1500
    )
    moved = view.mapToScene(port).boundingRect().left() - start.left()
    assert 40 < moved < 600, moved
