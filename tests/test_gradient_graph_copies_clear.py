"""Trial 70 #3: Backward › Build Gradient Graph of ``y = x**2 + 3*x``,
``z = y * x`` (x = 2). The wire from y.grad to y.grad·(2·x) ran under the
linked copy "3" beside y.grad·3 (a copy has no output port: the wire out of
its edge read as 3 feeding y.grad·(2·x)); and the partial sum of x.grad's
contributions was called "add": it is "x.grad, 2 of 3", written whole (on
two lines where one is too narrow). Driven as a user: the f(x) bar, Backward to
the end, the Backward menu."""

from __future__ import annotations

from PySide6.QtGui import QPainterPathStroker
from PySide6.QtWidgets import QApplication
from window_helpers import (  # noqa: F401
    Button,
    answers,
    menu_action,
    run_to_end,
    tmp_settings,
    trigger,
    type_formula,
    window,
)

from gui.canvas.linked.copy_item import CopyItem


def build(qtbot, w, answers) -> list[str]:
    """The trial's graph by the f(x) bar (x = 2), Backward to the end, then
    Build Gradient Graph (Discard when asked to save); the gradient nodes."""
    w.resize(1366, 768)
    trigger(w, "new")
    type_formula(qtbot, w, "y = x**2 + 3*x", None)
    (x,) = [n for n in w.model.nodes() if w.model.label(n) == "x"]
    w.model.set_value(x, 2.0)  # (as typed in the values table)
    type_formula(qtbot, w, "z = y * x", None)
    assert w.model.label(w.model.output) == "z"
    run_to_end(qtbot, w)
    answers.save_changes = Button.Discard
    before = set(w.model.nodes())
    menu_action(w.menus["backward"], "gradient_graph").trigger()
    QApplication.processEvents()
    return [n for n in w.model.nodes() if n not in before]


def copies_under(w, source: str, target: str, port: int) -> list[str]:
    """The linked copies drawn over the wire ``source`` → ``target``.in``port`` (the copy of
    its own card's other input aside: it stands beside that port)."""
    wire = w.scene.edge_item(source, target, port)
    stroke = QPainterPathStroker()
    stroke.setWidth(2.0)
    path = wire.sceneTransform().map(stroke.createStroke(wire.shown_path()))
    return [
        f"{w.model.label(c.key[0])} beside {w.model.label(c.key[1])}"
        for c in w.scene.items()
        if isinstance(c, CopyItem) and c.isVisible() and c.key[1] != target
        if path.intersects(c.mapToScene(c.shape()).boundingRect())
    ]


def test_no_wire_of_the_gradient_graph_runs_under_a_linked_copy(qtbot, window, answers):
    w = window
    made = build(qtbot, w, answers)
    m = w.model
    labels = {m.label(n) for n in made}
    assert {"y.grad", "x.grad", "z.grad·y"} <= labels, labels
    copies = [c for c in w.scene.items() if isinstance(c, CopyItem) and c.isVisible()]
    assert any(m.label(c.key[0]) == "3" for c in copies)  # (the copy of 3 is there)
    under = [
        (m.label(s), m.label(t), copies_under(w, s, t, p))
        for s, t, p in m.edges()
        if t in made and w.scene.edge_item(s, t, p) is not None and w.scene.edge_item(s, t, p).isVisible()
    ]
    assert [u for u in under if u[2]] == []


def test_the_sum_of_x_grads_first_two_contributions_says_so(qtbot, window, answers):
    w = window
    made = build(qtbot, w, answers)
    m = w.model
    assert "add" not in {m.label(n) for n in made}
    (part,) = [n for n in made if m.label(n) == "x.grad, 2 of 3"]  # z.grad·y + y.grad·3 = 10 + 6
    (xg,) = [n for n in made if m.label(n) == "x.grad"]
    assert part in m.inputs(xg) and m.op(part) == "add"
    assert [m.label(s) for s in m.inputs(part)] in (["z.grad·y", "y.grad·3"], ["y.grad·3", "z.grad·y"])
    card = w.scene.node_item(part)
    for _ in range(2):  # as opened, then at Fit (the trial's 61 %)
        lines = [t.text for t in card.texts_at(w.view.zoom) if t.kind == "label"]
        assert "".join(lines).replace(" ", "") == "x.grad,2of3", (lines, w.view.zoom)  # whole
        trigger(w, "fit")
