"""Auto Layout wraps a deep chain into bands (a real-window review): x0 ->
tanh -> tanh -> ... or x*w+b again and again, 2,000 to 20,000 nodes deep,
was laid out as one row millions of pixels wide, fitted where nothing
shows; the bands rule cut only where few wires ran back, and a chain's
leaves (w and b, cut from their product) failed it. Now such a chain reads
like text: along a band, then on at the start of the next one down; a graph
that fits stays as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, tmp_settings, trigger, window  # noqa: F401

from core.graph.bands import ASPECT
from core.graph.group_layout import auto_positions
from core.graph.layout import NODE_H, NODE_W, layered_positions
from core.graph.model import GraphModel


def tanh_chain(n: int) -> GraphModel:
    m = GraphModel()
    x = m.add_node("leaf", value=0.5, label="x0")
    for _ in range(n):
        t = m.add_node("tanh")
        m.connect(x, t, 0)
        x = t
    return m


def affine_chain(n: int, grouped: bool = False, folded: bool = False) -> GraphModel:
    """x = x*w + b, ``n`` times (each step a group of its product and sum: ``grouped``)."""
    m = GraphModel()
    x = m.add_node("leaf", value=0.5, label="x0")
    for k in range(n):
        w, b = m.add_node("leaf", value=0.9, label=f"w{k}"), m.add_node("leaf", value=0.1, label=f"b{k}")
        p, s = m.add_node("mul"), m.add_node("add")
        m.connect(x, p, 0)
        m.connect(w, p, 1)
        m.connect(p, s, 0)
        m.connect(b, s, 1)
        if grouped:
            gid = m.groups.add([p, s], f"step {k}")
            if folded:
                m.groups.set_collapsed(gid, True)
        x = s
    return m


def box(pos: dict[str, tuple[float, float]]) -> tuple[float, float]:
    xs, ys = [x for x, _y in pos.values()], [y for _x, y in pos.values()]
    return max(xs) - min(xs) + NODE_W, max(ys) - min(ys) + NODE_H


def rows(pos: dict[str, tuple[float, float]]) -> list[float]:
    return sorted({y for _x, y in pos.values()})


@pytest.mark.parametrize("make, n", [(tanh_chain, 2000), (affine_chain, 1000), (tanh_chain, 20000)])
def test_a_deep_chain_is_laid_out_in_bands_near_a_windows_shape(make, n):
    m = make(n)
    pos = auto_positions(m)
    assert set(pos) == set(m.nodes())
    w, h = box(pos)
    assert ASPECT / 2 < w / h < ASPECT * 2, (w, h)  # (one row: 480,000 by 64 for 2,000 tanh)
    assert w < 50_000, w
    # no two cards on one another
    cells = {(round(x), round(y)) for x, y in pos.values()}
    assert len(cells) == len(pos)
    # along a band, left to right: a wire runs back only from a band's end to the next one's start
    back = [(u, t) for u, t in m.graph.edges() if pos[t][0] <= pos[u][0]]
    bands = len(rows(pos)) if make is tanh_chain else None
    for u, t in back:
        assert pos[t][1] > pos[u][1], (u, t, pos[u], pos[t])  # (down, to the next band)
    if bands is not None:
        assert len(back) == bands - 1, (len(back), bands)


@pytest.mark.parametrize("folded", [False, True], ids=["open", "folded"])
def test_a_deep_chain_of_groups_is_cut_into_bands_too(folded):
    """Each step x*w+b a group (its w and b outside it): one line 150,000 wide before."""
    m = affine_chain(300, grouped=True, folded=folded)
    pos = auto_positions(m)
    w, h = box(pos)
    assert ASPECT / 2 < w / h < ASPECT * 2, (w, h)


def test_a_short_chain_and_a_small_graph_stay_as_they_were():
    for m in (tanh_chain(8), affine_chain(5)):
        assert auto_positions(m) == layered_positions(m)


def test_auto_layout_in_the_window_wraps_a_deep_chain_and_fit_shows_it_larger(qtbot, window, tmp_path):
    w = window
    m = tanh_chain(600)
    m.set_positions({n: (240.0 * i, 0.0) for i, n in enumerate(m.topological_order())})  # one row
    open_saved(qtbot, w, m, tmp_path / "chain.mgraph")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit: the one row
    QApplication.processEvents()
    before = w.view.zoom
    trigger(w, "layout")  # Graph › Auto Layout
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    QApplication.processEvents()
    ys = {round(w.model.position(n)[1]) for n in w.model.nodes()}
    assert len(ys) > 5, ys  # several rows, not one
    assert w.view.zoom > 4 * before, (before, w.view.zoom)
