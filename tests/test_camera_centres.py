"""The camera during Backward on the expanded MLP (issue 10; a new user's
trial): when a step's node, inputs and consumers could not all be shown at
a readable zoom (a hidden value feeding four neurons far down the next
layer), the least scroll brought the node just inside the view's edge,
and the next step, a row further, scrolled it there again. Now such a step
centres the node (on the way the view has to move, as far as its inputs
stay in view and the view does not pass the graph's end), and a step
already in view does not move it; a step whose neighbours fit still
scrolls the least (tests/test_camera_neighbours.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, expanded_mlp_pass, open_mlp_file, tmp_settings, window  # noqa: F401

from gui.backward.camera_moves import COMFORT, READABLE_ZOOM, fit_zoom
from gui.backward.camera_moves import seen as _seen
from gui.backward.replay_canvas import _rect, _tabs_around
from gui.backward.step_parts import inputs_as_drawn


def test_a_step_whose_consumers_do_not_fit_is_centred_not_left_at_the_edge(qtbot, window, tmp_path):
    w = window
    expanded_mlp_pass(qtbot, w, tmp_path)  # Expand All, Backward to step by hand
    rp, m, view = w.backward.replay, w.model, w.view
    centred = 0
    for _ in range(120):
        before = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        qtbot.keyClick(w.view, Qt.Key.Key_Right)  # Step
        QApplication.processEvents()
        step = rp.current(w.backward.animator.pos)
        if step is None:
            continue
        moved = (view.horizontalScrollBar().value() - before[0], view.verticalScrollBar().value() - before[1])
        seen = _seen(view, margin=0)
        node = _rect(w.scene, [step.node])
        assert seen.contains(node), step.node
        ins = inputs_as_drawn(w.scene, step.node, step.inputs)  # (a linked copy: beside the node)
        whole = node.united(_rect(w.scene, [t for t, _p in m.consumers(step.node)]))
        for r in ins:
            whole = whole.united(r)
        if fit_zoom(view, whole, 0.0) >= READABLE_ZOOM or moved == (0, 0):
            continue
        # the view had to move and could not show them all: it centres the
        # node on the way it moved, as far as what is shown with it (inputs,
        # the captions on their wires, a near consumer) stays in view; before,
        # the node was left 15 to 48 px from the view's edge
        near = [*ins, *(_rect(w.scene, [t]) for t, _p in m.consumers(step.node))]
        near += [
            w.scene.edge_item(s, t, p).caption_rect() for s, t, p, _x in rp.flows(w.backward.animator.pos)
        ]
        # (and the name tabs of the groups around it, kept in view where they fit: tests/test_camera_tabs.py)
        near += _tabs_around(w.scene, node, view.transform().m11())
        shown = [r for r in near if seen.contains(r)]
        c, g = node.center(), view.graph_rect()
        hold = COMFORT / view.transform().m11()
        if moved[0]:
            lows, highs = [r.left() for r in shown], [r.right() for r in shown]
            assert _placed(c.x(), seen.left(), seen.width(), lows, highs, (g.left(), g.right()), hold), (
                step.node
            )
        if moved[1]:
            lows, highs = [r.top() for r in shown], [r.bottom() for r in shown]
            assert _placed(c.y(), seen.top(), seen.height(), lows, highs, (g.top(), g.bottom()), hold), (
                step.node
            )
        centred += 1
    assert centred >= 5  # (the steps that needed it)


def _placed(
    at: float,
    lo: float,
    size: float,
    lows: list[float],
    highs: list[float],
    graph: tuple[float, float],
    hold: float = 0.0,
) -> bool:
    """``at`` in the middle of the span from ``lo`` of ``size``; or held off
    it by something shown on the other side, at that side's edge (within
    ``hold`` more: the room the camera keeps around the step's captions),
    or by the graph's end on its own side, in view (no empty view past it)."""
    off, edge = at - (lo + size / 2), size / 10
    if abs(off) <= edge:
        return True
    edge += hold
    if off > 0:
        return any(x <= lo + edge for x in lows) or graph[1] <= lo + size
    return any(x >= lo + size - edge for x in highs) or graph[0] >= lo
