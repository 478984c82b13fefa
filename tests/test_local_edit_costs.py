"""A local edit costs what it touches, not the size of the graph (issue 14):
counted, never timed. Changing a leaf re-evaluates its downstream cone and
nothing else; a rewire (a disconnect and a connect) is one forward pass, and
so are its undo and redo; the port and card under the mouse come from the
card grid, a few cards, not from asking every item of the scene."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import drag, in_port, make_canvas, out_port
from PySide6.QtCore import QPointF
from PySide6.QtGui import QUndoStack
from test_forward_plan import reference
from test_scaling_algorithms import grid_model

from core.graph import forward
from core.graph.model import GraphModel
from gui.canvas.items import NodeItem
from gui.editing import commands as C


@pytest.fixture
def passes(monkeypatch):
    """Every forward pass the model runs: the ids it evaluated, in order."""
    seen: list[list[str]] = []
    evaluate = forward.evaluate

    def counting(order, *args, **kwargs):
        seen.append(list(order))
        return evaluate(order, *args, **kwargs)

    monkeypatch.setattr(forward, "evaluate", counting)
    return seen


def reference_values(m: GraphModel) -> dict:
    """The values of a model built afresh from ``m``'s nodes and wires."""
    return reference(m).values()


def test_an_edit_of_one_leaf_evaluates_only_its_downstream_cone(passes, op_runs):
    m = grid_model(2000)
    ops_run = op_runs
    ops_run.clear()  # (building it ran each op)
    # the leaf with the smallest cone: a local edit in a big graph
    leaf = min((n for n in m.nodes() if m.op(n) == "leaf"), key=lambda n: len(m.downstream([n])))
    cone = m.downstream([leaf])
    assert len(cone) < len(m) // 4
    passes.clear()
    m.set_value(leaf, 0.25)
    assert len(passes) == 1
    assert sorted(passes[0]) == sorted(cone)  # each node of the cone once, nothing else
    assert len(ops_run) == len(cone) - 1  # every operator of the cone, once
    assert m.values() == reference_values(m)


def chain_model() -> GraphModel:
    """Two long chains, a and b, each from its own leaf."""
    m = GraphModel()
    for side in "ab":
        m.add_node("leaf", f"{side}0", value=2.0 if side == "a" else -3.0)
        for i in range(1, 200):
            m.add_node("mul" if i % 3 == 0 else "add", f"{side}{i}")
            m.connect(f"{side}{i - 1}", f"{side}{i}", 0)
    m.add_node("leaf", "k", value=0.5)
    for side in "ab":
        for i in range(1, 200):
            m.connect("k", f"{side}{i}", 1)
    m.disconnect("a1", 1)
    m.add_node("leaf", "x", value=1.5)
    return m


def test_a_rewire_and_its_undo_and_redo_are_each_one_forward_pass(passes):
    m = chain_model()
    changed: list[set] = []
    m.values_changed.connect(lambda ids: changed.append(set(ids)))
    stack = QUndoStack()
    # k's wire into b1 moves to a1's empty input: both chains change
    before = m.values()
    passes.clear()
    C.push(stack, C.rewire_command(m, "k", "b1", 1, "a1", 1))
    assert m.inputs("a1") == ["a0", "k"] and m.inputs("b1") == ["b0", None]
    assert len(passes) == 1 and len(changed) == 1
    # the two cones, each node once (a cone of most of the graph is swept: the order from its start)
    assert set(m.downstream(["a1", "b1"])) <= set(passes[0]) and len(passes[0]) == len(set(passes[0]))
    assert m.values() == reference_values(m)
    for undo in (stack.undo, stack.redo, stack.undo):
        passes.clear()
        changed.clear()
        undo()
        assert len(passes) == 1 and len(changed) == 1
        assert len(passes[0]) == len(set(passes[0]))
        assert m.values() == reference_values(m)
    assert m.values() == before


def test_a_replacing_connect_is_one_forward_pass(passes):
    m = chain_model()
    stack = QUndoStack()
    passes.clear()
    C.push(stack, C.connect_command(m, "x", "a5", 1))  # replaces k
    assert m.inputs("a5") == ["a4", "x"]
    assert len(passes) == 1 and set(m.downstream(["a5"])) <= set(passes[0])
    assert m.values() == reference_values(m)


def test_a_refused_wire_edit_leaves_the_values_as_they_were(passes):
    m = chain_model()
    stack = QUndoStack()
    before = m.values()
    # the second wire would make a cycle: the whole command is refused
    cmd = C.WireCommand(m, "two wires", add=[("x", "a1", 1), ("a9", "a3", 1)])
    with pytest.raises(Exception, match="cycle"):
        C.push(stack, cmd)
    assert m.inputs("a1") == ["a0", None] and m.inputs("a3") == ["a2", "k"]
    assert m.values() == before == reference_values(m)
    assert stack.count() == 0


def test_batches_nest_and_forget_removed_nodes(passes):
    m = chain_model()
    passes.clear()
    with m.batch():
        m.set_value("a0", 4.0)
        with m.batch():
            m.disconnect("a50", 0)
            m.remove_node("a100")
        assert passes == []  # nothing re-evaluated until the outermost batch ends
    assert len(passes) == 1
    assert m.values() == reference_values(m)


def test_a_wire_drag_asks_a_few_cards_not_the_scene(qtbot, monkeypatch):
    m = grid_model(2000)
    m.add_node("add", "free", x=600.0, y=-400.0)
    _, stack, scene, view = make_canvas(qtbot, m, size=(1200, 800))
    view.centerOn(QPointF(400, -200))
    asked_scene = []
    monkeypatch.setattr(scene, "items", lambda *a, **k: asked_scene.append(a) or [])
    ports_asked = []
    port_at = NodeItem.port_at
    monkeypatch.setattr(NodeItem, "port_at", lambda it, *a: ports_asked.append(it.node_id) or port_at(it, *a))
    moves = 12
    drag(view, out_port(scene, "v3"), in_port(scene, "free", 0), steps=moves)
    view.viewport().repaint()  # the ports that would take the wire are drawn from the grid too
    assert m.inputs("free") == ["v3", None] and stack.count() == 1
    assert asked_scene == []
    # press, each move, hover and the drop: a few cards each, never the 2,000
    assert len(ports_asked) <= 8 * (moves + 4), len(ports_asked)


def test_the_card_under_the_mouse_is_the_one_qt_stacks_on_top(qtbot):
    m = GraphModel()
    rnd = random.Random(4)
    for i in range(120):  # cards piled on each other
        m.add_node("add", f"n{i}", x=rnd.uniform(0, 600), y=rnd.uniform(0, 400))
    _, _, scene, _ = make_canvas(qtbot, m)
    scene.node_item("n7").setZValue(1.5)  # one raised above the others
    m.remove_node("n3")
    m.add_node("mul", "n3", x=300.0, y=200.0)  # added again: on top of those of its z
    for _ in range(300):
        p = QPointF(rnd.uniform(-100, 700), rnd.uniform(-50, 450))
        qt = next((it for it in scene.items(p) if isinstance(it, NodeItem)), None)
        assert scene.node_at(p) is qt, p
        hit = scene.port_at(p)
        if hit is not None:
            assert scene.node_item(hit[0]).isVisible()


def test_wire_edits_reuse_items_and_add_none_to_the_scene(qtbot, monkeypatch):
    m = grid_model(300)
    m.add_node("add", "free", x=600.0, y=-400.0)
    _, stack, scene, view = make_canvas(qtbot, m)
    added = []
    add_item = scene.addItem
    monkeypatch.setattr(scene, "addItem", lambda it: added.append(it) or add_item(it))
    ed = scene.interaction.editor
    # a selected wire carrying a gradient's caption goes; its item comes back clean
    e = scene.edge_item(*m.edges()[5])
    scene.select_wire(e)
    e.set_flow("grad 1.0")
    s, t, p = e.key
    assert ed.disconnect_port(t, p) and scene.edge_item(s, t, p) is None
    assert not e.isVisible() and e.flow is None and not e.isSelected() and scene.selectedItems() == []
    for _ in range(10):
        assert ed.connect_ports("v3", "free", 0) and ed.connect_ports("v4", "free", 1)
        assert ed.rewire("v4", "free", 1, "free", 1) is True
        stack.undo()
        stack.undo()
        stack.redo()
    assert added == []  # Qt's scene got no item: nothing to sort again at the next paint
    wire = scene.edge_item("v3", "free", 0)
    assert wire is not None and wire.isVisible() and wire.key == ("v3", "free", 0)
    assert wire.flow is None and not wire.isSelected() and wire.pen() == scene.edge_item(*m.edges()[0]).pen()
    assert wire.ends() == (scene.node_item("v3").output_pos(), scene.node_item("free").input_pos(0))
    assert len(scene.edge_items()) == m.edge_count()
    # many new wires at once: items are made a batch at a time, not one by one per edit
    for i in range(100):
        m.add_node("neg", f"k{i}", x=800.0, y=50.0 * i)
    bursts = 0
    for i in range(100):
        added.clear()
        m.connect("v1", f"k{i}", 0)
        bursts += bool(added)
    assert bursts <= 2
    assert {scene.edge_item("v1", f"k{i}", 0).key for i in range(100)} == {
        ("v1", f"k{i}", 0) for i in range(100)
    }


def test_a_long_wire_strokes_only_the_stretch_that_meets_the_repainted_area():
    from PySide6.QtCore import QPointF as P

    from gui.canvas.painting import wire_cubic
    from gui.canvas.wires import curve_clip as cc

    def point(c, t):
        x0, y0, x1, y1, x2, y2, x3, y3 = c
        u = 1 - t
        a, b, d, e = u**3, 3 * u * u * t, 3 * u * t * t, t**3
        return a * x0 + b * x1 + d * x2 + e * x3, a * y0 + b * y1 + d * y2 + e * y3

    rnd = random.Random(7)
    met = 0
    for _ in range(400):
        p1 = P(rnd.uniform(-5000, 5000), rnd.uniform(-5000, 5000))
        p2 = P(p1.x() + rnd.uniform(-3000, 20000), rnd.uniform(-5000, 5000))
        c = wire_cubic(p1, p2)
        w = rnd.uniform(5, 1500)
        cx, cy = point(c, rnd.random())  # a box somewhere near the curve, on it or just off it
        x, y = cx - rnd.uniform(0, 1.5 * w), cy - rnd.uniform(0, w)
        box = (x, y, x + w, y + 0.6 * w)
        span = cc.Span.of(c)
        assert (span is not None) == (p2.x() - p1.x() >= 80)  # every forward wire takes the quick way
        pieces = ([] if (q := span.piece_in(box)) is None else [q]) if span else cc.pieces_in(c, box)
        inside = [
            pt
            for pt in (point(c, i / 3000) for i in range(3001))
            if x <= pt[0] <= x + w and y <= pt[1] <= y + 0.6 * w
        ]
        met += bool(inside)
        for px, py in inside:  # each point of the curve in the box is on a piece drawn
            assert any(
                min(q[0::2]) - 1e-6 <= px <= max(q[0::2]) + 1e-6
                and min(q[1::2]) - 1e-6 <= py <= max(q[1::2]) + 1e-6
                for q in pieces
            )
        # and what is drawn is a short stretch of the curve: a few boxes, or a few 32nds of it
        limit = max(6 * w, 8 * max(max(c[0::2]) - min(c[0::2]), max(c[1::2]) - min(c[1::2])) / cc.STEPS) + 1
        for q in pieces:
            assert max(max(q[0::2]) - min(q[0::2]), max(q[1::2]) - min(q[1::2])) <= limit
    assert met > 150


def _spread_model(n: int) -> GraphModel:
    """Cards on a grid with many wires across it, long ones included."""
    m = GraphModel()
    rnd = random.Random(9)
    for i in range(n):
        m.add_node(
            "leaf" if i < 30 else rnd.choice(["add", "mul"]), f"v{i}", x=(i % 30) * 260.0, y=(i // 30) * 170.0
        )
        if i >= 30:
            m.connect(f"v{rnd.randrange(max(0, i - 40), i)}", f"v{i}", 0)
            m.connect(f"v{rnd.randrange(i)}", f"v{i}", 1)
    return m


def _render(view, region=None):
    from PySide6.QtGui import QImage, QRegion

    img = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    img.fill(0xFF00FF00)
    if region is None:
        view.viewport().render(img)
    else:  # that part only, where it is
        view.viewport().render(img, region.topLeft(), QRegion(region))
    return img


def _differing(a, b, rect, tolerance: int) -> int:
    from PySide6.QtGui import QColor

    bad = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            p, q = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            if max(abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue())) > tolerance:
                bad += 1
    return bad


@pytest.mark.parametrize("zoom", [0.05, 1.0])
def test_a_small_repaint_draws_what_a_whole_one_draws_there(qtbot, zoom):
    """Far out, the overview draws only the lines and blocks near a repainted
    part; close up, a long wire strokes only its stretch there: the pixels
    are the ones a repaint of the whole view gives."""
    from PySide6.QtCore import QRect

    from gui.common import style as S

    m = _spread_model(900)
    _, _, scene, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(zoom)
    view.centerOn(QPointF(3900, 2500))
    assert scene.far == (zoom < S.FAR_ZOOM)
    whole = _render(view)
    rnd = random.Random(3)
    for _ in range(6):
        r = QRect(rnd.randrange(0, 800), rnd.randrange(0, 500), rnd.randrange(12, 90), rnd.randrange(12, 90))
        part = _render(view, r)
        # antialiased curves cut into pieces may differ by a shade at a pixel or two
        assert _differing(part, whole, r, 0 if scene.far else 40) <= (0 if scene.far else 3), r


def test_a_card_drag_repaints_only_the_wires_that_move(qtbot, monkeypatch):
    from canvas_helpers import _send, vp
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QMouseEvent

    from gui.canvas.items import EdgeItem

    painted: list | None = None  # while counting, the wires painted
    edge_paint = EdgeItem.paint
    # patched before any wire paints (PySide looks the override up once)
    monkeypatch.setattr(
        EdgeItem,
        "paint",
        lambda e, *a: (painted.append(e.key) if painted is not None else None, edge_paint(e, *a)),
    )
    m = _spread_model(600)
    _, stack, scene, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(1.0)
    card = scene.node_item("v310")
    view.centerOn(card.sceneBoundingRect().center())
    moving = {(s, "v310", p) for p, s in enumerate(m.inputs("v310"))} | {
        ("v310", t, p) for t, p in m.consumers("v310")
    }
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    p0 = vp(view, card.mapToScene(card.rect().center()))
    _send(view, QMouseEvent.Type.MouseButtonPress, p0, left, left)
    _send(view, QMouseEvent.Type.MouseMove, QPoint(p0.x() + 5, p0.y() + 2), none, left)
    assert view.still.active and len(view.still.hidden()) > 20
    assert not {e.key for e in view.still.hidden()} & moving
    painted = []
    for i in range(2, 6):
        _send(view, QMouseEvent.Type.MouseMove, QPoint(p0.x() + 9 * i, p0.y() + 4 * i), none, left)
        view.viewport().repaint()
    assert painted and set(painted) <= moving  # each frame strokes the moved card's wires only
    painted = None
    frozen = _render(view)
    _send(view, QMouseEvent.Type.MouseButtonRelease, QPoint(p0.x() + 45, p0.y() + 20), left, none)
    assert not view.still.active and stack.count() == 1
    assert all(e.isVisible() for e in scene.edge_items())
    # the picture showed what the wires themselves show (antialiased edges may differ a shade)
    assert _differing(frozen, _render(view), QRect(0, 0, 900, 600), 60) < 900 * 600 // 500


def test_the_still_wires_come_back_when_the_view_zooms_or_a_node_goes(qtbot):
    from canvas_helpers import _send, vp
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QMouseEvent

    m = _spread_model(300)
    _, _, scene, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(1.0)
    card = scene.node_item("v100")
    view.centerOn(card.sceneBoundingRect().center())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    p0 = vp(view, card.mapToScene(card.rect().center()))
    _send(view, QMouseEvent.Type.MouseButtonPress, p0, left, left)
    _send(view, QMouseEvent.Type.MouseMove, QPoint(p0.x() + 5, p0.y() + 2), none, left)
    assert view.still.active
    before = view.still.hidden()
    view.set_zoom(0.8)  # the picture was of the view as it was: Qt replays the mouse move, a new one is made
    assert view.still._transform == view.viewportTransform()
    assert all(e.isVisible() for e in set(before) - set(view.still.hidden()))
    _send(view, QMouseEvent.Type.MouseMove, QPoint(p0.x() + 9, p0.y() + 4), none, left)
    assert view.still.active
    gone = next(e for e in view.still.hidden())
    m.remove_node(gone.key[0])  # its wires go; the others come back, the pooled item stays hidden
    assert not view.still.active
    assert scene.edge_item(*gone.key) is None and not gone.isVisible()
    assert all(e.isVisible() for e in scene.edge_items())
    _send(view, QMouseEvent.Type.MouseButtonRelease, QPoint(p0.x() + 9, p0.y() + 4), left, none)
