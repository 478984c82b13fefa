"""Trial 54 #3: Quick Add (Tab) at the mouse near the canvas's edge moves
the new card in, whole in view, and leaves the view where it is (it
scrolled by ~40 px each time, so a column of leaves typed one under the
other came out a staircase); with the mouse near a card, the new card goes
near the mouse, not a card's width or two away."""

from __future__ import annotations

from canvas_helpers import make_canvas, vp
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.graph.model import GraphModel


def _tab_at_pixel(qtbot, view, at: QPoint, typed: str) -> None:
    """The mouse rests at viewport pixel ``at``; Tab, ``typed``, Enter."""
    QTest.mouseMove(view.viewport(), at)
    QApplication.processEvents()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qa = view._quick
    assert qa is not None and qa.isVisible()
    qtbot.keyClicks(qa.edit, typed)
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    view.activateWindow()  # (offscreen, the closed popup stays the active window)


def _scroll(view) -> tuple[int, int]:
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def test_a_column_of_leaves_typed_at_the_left_edge_stays_a_column_and_the_view_still(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    before = _scroll(view)
    for name, y in [("p", 80), ("q", 260), ("r", 440)]:
        _tab_at_pixel(qtbot, view, QPoint(40, y), f"{name}=1")
        assert _scroll(view) == before, name  # the view did not move
    xs = {round(model.position(n)[0], 3) for n in model.nodes()}
    assert len(model.nodes()) == 3 and len(xs) == 1, [model.position(n) for n in model.nodes()]
    for n in model.nodes():
        card = view.mapFromScene(scene.node_item(n).sceneBoundingRect()).boundingRect()
        assert view.viewport().rect().contains(card), n
        assert card.left() < 80  # moved in just enough, near the mouse


def test_tab_beside_a_card_among_wires_puts_the_new_card_near_the_mouse(qtbot):
    m = GraphModel()
    m.add_node("leaf", "w1", label="w1", value=-3.0, x=0, y=0)
    m.add_node("leaf", "x2", label="x2", value=0.0, x=-40, y=110)
    m.add_node("leaf", "b", label="b", value=6.9, x=-80, y=330)
    m.add_node("mul", "p", label="x2*w2", x=220, y=150)
    m.add_node("add", "n", label="n", x=480, y=250)
    m.connect("w1", "p", 0)
    m.connect("x2", "p", 1)
    m.connect("b", "n", 1)
    m.connect("p", "n", 0)
    model, stack, scene, view = make_canvas(qtbot, m)
    mouse = QPointF(60, 20)  # at w1's right edge
    _tab_at_pixel(qtbot, view, vp(view, mouse), "a=3")
    (a,) = [n for n in model.nodes() if model.label(n) == "a"]
    x, y = model.position(a)
    for other in ("w1", "x2", "b", "p", "n"):
        r1, r2 = scene.node_item(a).sceneBoundingRect(), scene.node_item(other).sceneBoundingRect()
        assert not r1.intersects(r2), other
    assert ((x - mouse.x()) ** 2 + (y - mouse.y()) ** 2) ** 0.5 < 160, (x, y)  # (was 204 off: past p)


def _tutorial_step_7() -> GraphModel:
    """The Tutorial's graph at step 7 (trial 67 #8): d near the canvas's right edge, f below it."""
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=-113, y=-240)
    m.add_node("leaf", "b", label="b", value=-3.0, x=-113, y=-115)
    m.add_node("leaf", "c", label="c", value=10.0, x=-113, y=15)
    m.add_node("mul", "e", label="e", x=132, y=-150)
    m.add_node("add", "d", label="d", x=307, y=0)
    m.add_node("leaf", "f", label="f", value=-2.0, x=307, y=125)
    m.connect("a", "e", 0)
    m.connect("b", "e", 1)
    m.connect("e", "d", 0)
    m.connect("c", "d", 1)
    return m


def test_tab_right_of_a_card_at_the_right_edge_keeps_the_mouses_height(qtbot):
    """Trial 67 #8: with the mouse low and right of d near the canvas's right edge, the card
    moved in from the edge met d, and went ~120-170 px up, above d (the wires d → L and
    f → L then ran behind d). It goes right of d at the mouse's height, the view moved on
    just enough to show it whole."""
    model, stack, scene, view = make_canvas(qtbot, _tutorial_step_7())
    for mouse in (QPointF(430, 67), QPointF(460, 20)):
        _tab_at_pixel(qtbot, view, vp(view, mouse), "*")
        (new,) = [n for n in model.nodes() if model.op(n) == "mul" and n != "e"]
        x, y = model.position(new)
        assert abs(y - mouse.y()) <= 24, (mouse, (x, y))  # at the mouse's height (was 120+ off)
        card, d = scene.node_item(new).sceneBoundingRect(), scene.node_item("d").sceneBoundingRect()
        assert card.left() > d.right(), (mouse, (x, y))  # beside d, not over it
        for other in ("a", "b", "c", "e", "d", "f"):
            assert not card.intersects(scene.node_item(other).sceneBoundingRect()), other
        shown = view.mapFromScene(card).boundingRect()
        assert view.viewport().rect().contains(shown), (mouse, shown)  # whole in view
        stack.undo()
        view.resetTransform()
        view.centerOn(0, 0)


def test_tab_beside_a_card_near_the_right_edge_leaves_the_view_still_when_the_card_is_whole(qtbot):
    """Trial 70 #11 (the Tutorial's step 5): Tab on e near the canvas's right edge put the +
    card right of e, whole in view a few px from the edge, and the view then moved 23 px
    left to keep 24 px round it. Nothing needed to move: the view stays still."""
    for ex in (220.0, 230.0, 240.0):  # e's centre: the new card 24, 14 and 4 px from the edge
        m = GraphModel()
        m.add_node("leaf", "a", label="a", value=2.0, x=ex - 250, y=-60)
        m.add_node("leaf", "b", label="b", value=-4.0, x=ex - 250, y=70)
        m.add_node("mul", "e", label="e", x=ex, y=10)
        m.add_node("leaf", "c", label="c", value=10.0, x=ex, y=150)
        m.connect("a", "e", 0)
        m.connect("b", "e", 1)
        model, stack, scene, view = make_canvas(qtbot, m)
        before = _scroll(view)
        _tab_at_pixel(qtbot, view, vp(view, QPointF(ex + 40, 20)), "+")  # the mouse on e
        (new,) = [n for n in model.nodes() if model.op(n) == "add"]
        card = view.mapFromScene(scene.node_item(new).sceneBoundingRect()).boundingRect()
        assert view.viewport().rect().contains(card), ex  # whole in view
        e = view.mapFromScene(scene.node_item("e").sceneBoundingRect()).boundingRect()
        assert card.left() > e.right()  # (beside e)
        assert _scroll(view) == before, (ex, _scroll(view), before)  # and the view did not move
        view.close()
