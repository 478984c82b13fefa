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
from test_scaling_algorithms import grid_model

from core.autograd import ops
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
    fresh = GraphModel()
    for n in m.topological_order():
        a = m.node(n)
        fresh.add_node(a.pop("op"), n, **a)
    for s, t, p in m.edges():
        fresh.connect(s, t, p)
    return fresh.values()


def test_an_edit_of_one_leaf_evaluates_only_its_downstream_cone(passes, monkeypatch):
    m = grid_model(2000)
    ops_run = []
    evaluate_op = ops.evaluate
    monkeypatch.setattr(ops, "evaluate", lambda *a: ops_run.append(a[0]) or evaluate_op(*a))
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
    assert sorted(passes[0]) == sorted(m.downstream(["a1", "b1"]))  # the two cones, each node once
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
    assert len(passes) == 1 and sorted(passes[0]) == sorted(m.downstream(["a5"]))
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
