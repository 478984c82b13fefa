"""Far out, each card's block is tinted by the gradient it shows
(gui/canvas/cards/grad_tint.py): a trial found the fitted, expanded MLP looking
the same after Backward as before it. The tints are read from the pixels
the view paints, against gradients from the engine's own ``Value`` pass."""

from __future__ import annotations

import networkx as nx
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.build import build_values
from gui.canvas.cards import grad_tint
from gui.common import style as S


def open_far(w, tmp_path, n: int = 200):
    w.resize(1400, 900)
    path = tmp_path / "grid.mgraph"
    fileio.save(grid_model(n), str(path))
    assert w.open_path(path)
    w.backward.action_autoplay.setChecked(False)
    w.action_fit.trigger()
    QApplication.processEvents()
    assert w.scene.far
    return w.model


def centre_colors(w, nodes) -> dict[str, QColor]:
    """The colour the view paints at the middle of each node's card."""
    QApplication.processEvents()
    img = w.view.viewport().grab().toImage()
    out = {}
    for n in nodes:
        p = w.view.mapFromScene(w.scene.node_item(n).pos())
        out[n] = img.pixelColor(p)
    return out


def engine_grads(m) -> dict[str, float]:
    """Each node the output depends on: its gradient (the others show none)."""
    vals = build_values(m)
    vals[m.output].backward()
    past = nx.ancestors(m.graph, m.output)
    return {n: v.grad for n, v in vals.items() if n in past}


def plain(m, n) -> QColor:
    return S.LEAF_BORDER if m.op(n) == "leaf" else S.CARD_BORDER


def test_after_backward_each_block_shows_its_gradient_colour(qtbot, window, tmp_path):
    w = window
    m = open_far(w, tmp_path)
    nodes = [n for n in m.nodes() if n != m.output]
    before = centre_colors(w, nodes)
    assert all(before[n] == plain(m, n) for n in nodes)
    w.backward.action_backward.trigger()
    w.backward.action_skip_end.trigger()
    w.action_fit.trigger()
    after = centre_colors(w, nodes)
    grads = engine_grads(m)
    colors = grad_tint.colors()
    tinted = lit = 0
    for n in nodes:
        if w.scene.node_item(n).drawn_highlight is not None:
            lit += n in grads
            continue  # the last step's: drawn as current
        t = grad_tint.index(grads[n]) if n in grads else None
        want = plain(m, n) if t is None else colors[t]
        assert after[n] == want, (n, grads.get(n), after[n].name(), want.name())
        tinted += t is not None
    # (how many are lit depends on the cards the finished view revealed: those at its edges, kept
    # whole since t64 #4, draw their pass state; the others, most of the far graph, their tint)
    assert tinted + lit == len(grads) and tinted >= 20
    assert {grad_tint.index(g) for g in grads.values()} >= {0, grad_tint.LEVELS}  # both signs shown
    # Clear: the blocks as they were
    w.backward.action_clear.trigger()
    assert centre_colors(w, nodes) == before


def test_a_step_tints_the_blocks_it_reached_and_only_once_far_again(qtbot, window, tmp_path):
    """Stepping near (the overview hidden) keeps its picture up to date: the
    view zoomed out again shows what the steps did, block by block."""
    w = window
    m = open_far(w, tmp_path)
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    first = centre_colors(w, m.nodes())
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    for _ in range(6):
        w.backward.action_step.trigger()
        QApplication.processEvents()
    w.action_fit.trigger()
    now = centre_colors(w, m.nodes())
    changed = {n for n in m.nodes() if now[n] != first[n]}
    shown = {n for n in m.nodes() if w.scene.node_item(n).grad_on(w.scene.board) is not None}
    colors = grad_tint.colors()
    for n in m.nodes():
        it = w.scene.node_item(n)
        t = grad_tint.index(it.grad_on(w.scene.board))
        if t is not None and it.drawn_highlight is None and n != m.output:
            assert now[n] == colors[t], n
    assert changed and len(shown) > 1


def test_a_big_graph_asks_no_gradient_per_block(qtbot, window, tmp_path, monkeypatch):
    """Above TINT_MAX cards a full repaint asks no card for its gradient."""
    w = window
    monkeypatch.setattr(grad_tint, "TINT_MAX", 150)
    m = open_far(w, tmp_path)
    asked = []
    original = grad_tint.index
    monkeypatch.setattr(grad_tint, "index", lambda g: asked.append(g) or original(g))
    w.backward.action_backward.trigger()
    w.backward.action_skip_end.trigger()
    w.action_fit.trigger()
    nodes = [n for n in m.nodes() if n != m.output]
    got = centre_colors(w, nodes)
    assert asked == []
    for n in nodes:
        if w.scene.node_item(n).drawn_highlight is None:
            assert got[n] == plain(m, n), (n, got[n].name())


def test_the_colour_scale_is_the_largest_finite_size_whatever_the_numbers():
    from gui.common.grad_colors import scale_for

    inf, nan = float("inf"), float("nan")
    assert scale_for([0.5, -3.0, inf, nan, -inf, 2]) == 3.0
    assert scale_for(iter([None, -4.0, 1.0, nan])) == 4.0  # forward mode's numbers may be None
    assert scale_for([1.0, None, -7.5]) == 7.5
    assert scale_for([]) == scale_for([0.0, -0.0]) == scale_for([nan, None]) == 1.0
