"""Expand All and Collapse All of a fitted view refit it after: the change
runs far out (gui/canvas/scene.py ``far_meanwhile``), its wires re-routed
as numbers, not as wire items' curves the refit then hides or makes again
(the 10,720-node MLP's Expand All made 19,500 curves: 1 s). Where the view
ends near, the wires in view are drawn where they run; the wires made
there read each folded card's rows once (``FoldQueries.wire_ends_many``)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

import gui.canvas.wires.wire_item as wire_item
from core.learn import templates


def curves_made(monkeypatch) -> list[int]:
    """Counts the wire curves made from numbers (batch moves, new items)."""
    made: list[int] = []
    real = wire_item.wire_curve_at

    def counted(*a):
        made.append(1)
        return real(*a)

    monkeypatch.setattr(wire_item, "wire_curve_at", counted)
    return made


def drawn_where_they_run(w) -> int:
    """Each shown wire item's curve runs between the ports the scene says; how many were checked."""
    sc, checked = w.scene, 0
    for key, e in sc.wires.made_map().items():
        if not e.isVisible() or e.linked():
            continue
        a, b = sc.wire_ends(*key)
        path = e.path()
        start, end = path.elementAt(0), path.elementAt(path.elementCount() - 1)
        assert (QPointF(start.x, start.y), QPointF(end.x, end.y)) == (a, b), key
        checked += 1
    return checked


def test_expand_all_ending_far_out_makes_no_wire_curve(qtbot, window, monkeypatch):
    w = window
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.learning.insert(templates.mlp(3, [8, 8, 1]))  # folded, fitted
    QApplication.processEvents()
    assert not w.scene.far and len(w.scene.wires.made_map()) > 300  # near: the wires in view have items
    made = curves_made(monkeypatch)
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert not any(g.collapsed for g in w.model.groups)
    assert w.scene.far and w.scene.far == w.scene.far_at(w.view.zoom)
    assert len(made) < 50  # (was one a re-routed or moved wire in view: thousands)
    w.view.set_zoom(1.0, center=w.view.graph_rect().center())  # near again: each wire where it runs
    QApplication.processEvents()
    assert drawn_where_they_run(w) > 10


def test_collapse_all_ending_near_draws_the_wires_in_view_where_they_run(qtbot, window):
    w = window
    show_mlp(qtbot, w, 1400, 900)
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert w.scene.far
    w.grouping.action_collapse_all.trigger()
    QApplication.processEvents()
    assert not w.scene.far and w.scene.far == w.scene.far_at(w.view.zoom)  # the folded MLP, readable
    assert drawn_where_they_run(w) > 50


def test_the_ends_of_many_wires_at_once_are_each_wires_ends(qtbot, window):
    w = window
    show_mlp(qtbot, w, 1400, 900)
    sc = w.scene
    assert sc.folding.cards()
    keys = [(s, t, d["port"]) for s, t, d in w.model.graph.edges(data=True)]
    many = sc.folding.wire_ends_many(keys)
    for key in keys:
        a, b = sc.wire_ends(*key)
        assert many[key] == (a.x(), a.y(), b.x(), b.y()), key
