"""A formula typed in the f(x) bar lays out so that each wire can be
followed on its own (trial 67 #1): ``y = 3*x**2 - 4*x + 2`` drew the wire
x → 4*x in behind the x**2 card and out at its output port, read as x²
feeding 4*x, and Auto Layout (Ctrl+L) left it so ("nothing moved"). Driven
as a user: the formula typed in the bar, Enter, x's value typed in the
values table, Enter, then Ctrl+L; every drawn wire's path is sampled and
kept clear of every card it does not end at, and of every port but its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_formula_bar_canvas_names import formula_with_table, typing
from window_helpers import answers, tmp_settings, window  # noqa: F401

#: How near a wire may come to a card it does not join (the pen and the ports, ~5 px out of its sides).
CLEAR = 4.0
#: How near a wire may come to a port that is not one of its two ends.
PORT_CLEAR = 8.0


def card_rect(w, n: str) -> QRectF:
    """The card as drawn (not the "output" tag above it)."""
    it = w.scene.node_item(n)
    return it.mapRectToScene(it.boundingRect().adjusted(0, 15, 0, 0))


def ports(w, n: str) -> list[tuple[str, int, QPointF]]:
    it = w.scene.node_item(n)
    return [("out", 0, it.output_pos())] + [("in", p, it.input_pos(p)) for p in range(it.arity)]


def wire_points(w, s: str, t: str, p: int) -> list[QPointF]:
    wire = w.scene.edge_item(s, t, p)
    assert wire is not None and wire.isVisible(), (s, t, p)
    path = wire.sceneTransform().map(wire.path())
    return [path.pointAtPercent(i / 200) for i in range(201)]


def tangles(w) -> list[str]:
    """Each wire that passes under (or within ``CLEAR`` of) a card it does not
    end at, or within ``PORT_CLEAR`` of a port other than its own two."""
    label = w.model.label
    cards = {n: card_rect(w, n).adjusted(-CLEAR, -CLEAR, CLEAR, CLEAR) for n in w.model.nodes()}
    all_ports = {n: ports(w, n) for n in w.model.nodes()}
    out = []
    for s, t, p in w.model.edges():
        pts = wire_points(w, s, t, p)
        name = f"{label(s)} → {label(t)}.in{p + 1}"
        for n, r in cards.items():
            if n not in (s, t) and any(r.contains(q) for q in pts):
                out.append(f"{name} under {label(n)}")
        for n, ps in all_ports.items():
            for kind, k, at in ps:
                if (n, kind, k) in ((s, "out", 0), (t, "in", p)):
                    continue
                if any((q - at).manhattanLength() < PORT_CLEAR for q in pts):
                    out.append(f"{name} through {label(n)}'s {kind}{k + 1 if kind == 'in' else ''}")
    return out


def layout_keys(qtbot, w) -> None:
    """Ctrl+L on the canvas, as a user asks for Auto Layout."""
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


@pytest.mark.parametrize(
    ("formula", "values"),
    [
        ("y = 3*x**2 - 4*x + 2", ("3",)),  # the lecture's first f(x), x = 3
        ("L = 3*x**3 - 2*x**2 + x", ("2",)),
        ("y = a*b + a", ("2", "-3")),
        ("L = (a*b + c) * f", ("2", "-3", "10", "-2")),  # the blog's L
        ("y = x**3 - x**2 + x - 1", ("2",)),
        ("y = tanh(x) * x + x", ("0.5",)),
        ("y = a + b*a + c*a", ("1", "2", "3")),
        ("y = 4*x**4 + 3*x**3 + 2*x**2 + x", ("2",)),  # x → x**2 ran past the constant 3 (fix67a)
    ],
)
def test_each_wire_of_a_typed_formula_runs_clear_of_other_cards_and_ports(qtbot, window, formula, values):
    w = window
    formula_with_table(qtbot, w, formula, typing(qtbot, *values))
    out = formula.split(" = ")[0]
    assert w.model.output is not None and w.model.label(w.model.output) == out
    assert len(w.model.edges()) >= 3
    assert tangles(w) == [], "as the bar placed it"
    layout_keys(qtbot, w)
    assert tangles(w) == [], "after Auto Layout"


def test_the_lectures_f_reads_x_into_x_squared_and_into_4x_each_by_its_own_wire(qtbot, window):
    """The trial's graph: y = 17 at x = 3, and x's two wires go where they
    are read to go, neither through x**2."""
    w = window
    formula_with_table(qtbot, w, "y = 3*x**2 - 4*x + 2", typing(qtbot, "3"))
    ids = {w.model.label(n): n for n in w.model.nodes()}
    assert w.model.value(ids["y"]) == 17.0
    x, sq, four_x = ids["x"], ids["x**2"], ids["4*x"]
    assert w.model.inputs(four_x)[1] == x and w.model.inputs(sq) == [x]
    layout_keys(qtbot, w)
    pts = wire_points(w, x, four_x, 1)
    inside = card_rect(w, sq).adjusted(-CLEAR, -CLEAR, CLEAR, CLEAR)
    assert not any(inside.contains(q) for q in pts), "x → 4*x runs under x**2"
    out_port = w.scene.node_item(sq).output_pos()
    assert min((q - out_port).manhattanLength() for q in pts) > 30, "x → 4*x passes x**2's output port"
