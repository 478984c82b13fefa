"""Trial 70 #9 (the Tutorial's step 6 at 1366×768): with the mouse on d,
Tab and ``f = -2`` put f right in front of d's output; then Tab and ``*``
put the × above f, left of f's output, so the wire f → × turned back under
f's own card and d → × could only pass under f. A Value added beside a card
that feeds nothing yet stays out of the way of its output, and an operation
goes right of the cards it will likely read, where their wires reach it
running forward, under no card. Driven as a user: the mouse, Tab, typing,
the wires dragged."""

from __future__ import annotations

from canvas_helpers import drag, in_port, make_canvas, out_port, vp, wire_cards_under
from PySide6.QtCore import QPointF, Qt
from test_quick_add_at_edge import _tab_at_pixel

from core.graph.model import GraphModel


def _step_6() -> GraphModel:
    """The teacher's hand-built e = a·b and d = e + c, d near the canvas's right edge."""
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=-213, y=0)
    m.add_node("leaf", "b", label="b", value=-4.0, x=-214, y=132)
    m.add_node("mul", "e", label="e", x=-14, y=72)
    m.add_node("leaf", "c", label="c", value=10.0, x=-14, y=222)
    m.add_node("add", "d", label="d", x=158, y=152)
    m.connect("a", "e", 0)
    m.connect("b", "e", 1)
    m.connect("e", "d", 0)
    m.connect("c", "d", 1)
    return m


def test_tab_on_d_for_f_then_times_wires_run_forward_under_no_card(qtbot):
    model, stack, scene, view = make_canvas(qtbot, _step_6(), size=(891, 635))
    on_d = QPointF(170, 160)
    _tab_at_pixel(qtbot, view, vp(view, on_d), "f=-2")  # mouse on d, Tab, f = -2
    (f,) = [n for n in model.nodes() if model.label(n) == "f"]
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # f no longer selected: the × is added unwired
    _tab_at_pixel(qtbot, view, vp(view, on_d), "*")  # mouse on d, Tab, *
    (times,) = [n for n in model.nodes() if model.op(n) == "mul" and n != "e"]
    drag(view, out_port(scene, "d"), in_port(scene, times, 0))  # d → ×.in₁
    drag(view, out_port(scene, f), in_port(scene, times, 1))  # f → ×.in₂
    assert model.inputs(times) == ["d", f]
    for source, port in (("d", 0), (f, 1)):
        assert out_port(scene, source).x() < in_port(scene, times, port).x(), source  # forward
        assert wire_cards_under(scene, source, times, port) == [], source
    card = view.mapFromScene(scene.node_item(times).sceneBoundingRect()).boundingRect()
    assert view.viewport().rect().contains(card)  # (the view moved on to it)


def test_tab_d_times_f_wires_both_forward_under_no_card(qtbot):
    """The same, from the keyboard alone (t72 #5): ``d*f`` names the cards, which
    are wired in, and the × goes right of them where their wires pass under no card."""
    model, stack, scene, view = make_canvas(qtbot, _step_6(), size=(891, 635))
    on_d = QPointF(170, 160)
    _tab_at_pixel(qtbot, view, vp(view, on_d), "f=-2")
    (f,) = [n for n in model.nodes() if model.label(n) == "f"]
    _tab_at_pixel(qtbot, view, vp(view, on_d), "d*f")
    (times,) = [n for n in model.nodes() if model.op(n) == "mul" and n != "e"]
    assert model.inputs(times) == ["d", f] and model.value(times) == -4.0  # d = 2, f = -2
    for source, port in (("d", 0), (f, 1)):
        assert out_port(scene, source).x() < in_port(scene, times, port).x(), source  # forward
        assert wire_cards_under(scene, source, times, port) == [], source
    card = view.mapFromScene(scene.node_item(times).sceneBoundingRect()).boundingRect()
    assert view.viewport().rect().contains(card)  # (the view moved on to it)
