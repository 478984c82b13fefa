"""Random edit sequences through the scene and the undo stack: the items
always mirror the model exactly (ids, wires, positions, what cards show)."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF

from core.autograd import ops
from core.explain.format import fmt_card

OPS = list(ops.OPS)


def check_mirror(model, scene) -> None:
    assert {it.node_id for it in scene.node_items()} == set(model.nodes())
    assert sorted(e.key for e in scene.edge_items()) == sorted(model.edges())
    for n in model.nodes():
        it = scene.node_item(n)
        assert (it.x(), it.y()) == model.position(n)
        assert it.value_text == fmt_card(model.value(n))
        assert it.label == model.label(n)
        assert it.is_output == (model.output == n)
    for s, t, p in model.edges():
        e = scene.edge_item(s, t, p)
        start = e.path().elementAt(0)
        assert (start.x, start.y) == (
            scene.node_item(s).output_pos().x(),
            scene.node_item(s).output_pos().y(),
        )
        end = e.path().elementAt(e.path().elementCount() - 1)
        q = scene.node_item(t).input_pos(p)
        assert (end.x, end.y) == pytest.approx((q.x(), q.y()))


@pytest.mark.parametrize("zoom", [1.0, 0.1])
@pytest.mark.parametrize("seed", range(6))
def test_random_edits_keep_the_scene_a_mirror(qtbot, seed, zoom):
    rnd = random.Random(seed)
    model, stack, scene, view = make_canvas(qtbot)
    view.set_zoom(zoom)
    assert scene.far == (zoom < 0.3)
    for step in range(120):
        nodes = model.nodes()
        action = rnd.random()
        if action < 0.25 or len(nodes) < 3:
            scene.interaction.editor.add_node_at(
                rnd.choice(OPS), QPointF(rnd.randint(-600, 600), rnd.randint(-400, 400))
            )
        elif action < 0.5:
            t = rnd.choice(nodes)
            if model.op(t) != "leaf":
                scene.interaction.editor.connect_ports(
                    rnd.choice(nodes), t, rnd.randrange(ops.arity(model.op(t)))
                )
        elif action < 0.58:
            scene.select_ids(rnd.sample(nodes, k=min(len(nodes), rnd.randint(1, 3))))
            scene.interaction.editor.delete_selection()
        elif action < 0.64:
            scene.select_ids(rnd.sample(nodes, k=min(len(nodes), rnd.randint(1, 4))))
            scene.interaction.editor.duplicate_selection()
        elif action < 0.7:
            n = rnd.choice(nodes)
            if model.op(n) == "leaf":
                scene.interaction.editor.set_value(n, str(rnd.uniform(-3, 3)))
            elif model.op(n) == "pow":
                scene.interaction.editor.set_exponent(n, rnd.choice(["2", "-1", "0.5", "3"]))
            else:
                scene.interaction.editor.set_label(n, rnd.choice(["", "h", "out"]))
        elif action < 0.75:
            scene.interaction.editor.set_output(rnd.choice(nodes + [None]))
        elif action < 0.8:
            scene.select_ids(rnd.sample(nodes, k=min(len(nodes), 2)))
            scene.interaction.editor.nudge_selection(rnd.choice([-12, 12]), 0)
        elif action < 0.83:
            scene.interaction.editor.auto_layout()
        elif action < 0.93 and stack.canUndo():
            stack.undo()
        elif stack.canRedo():
            stack.redo()
        check_mirror(model, scene)
        if scene.far:  # the overview draws the wires; the items stay hidden
            assert not any(e.isVisible() for e in scene.edge_items())
        if step % 40 == 0:
            view.grab()
    assert stack.count() > 30 and model.edges()  # the walk really edited
    # and all the way back, then forward again
    while stack.canUndo():
        stack.undo()
        check_mirror(model, scene)
    assert model.nodes() == []
    while stack.canRedo():
        stack.redo()
    check_mirror(model, scene)
