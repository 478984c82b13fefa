"""Expand All (or Collapse All undone) sends the wires crossing the groups'
boundaries back where they ran before the fold without working out their
ends again, when nothing moved meanwhile (gui/canvas/folding/open_routes.py); when a
card moved or a wire came or went, they are worked out anew. Counted:
the ends worked out (``fold_routes.ends_of``); what is drawn is compared
with the picture before, with a rebuild of the overview and, zoomed in,
with where each wire goes."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from scene_checks import Walked
from test_fold_batches import crossing, open_grouped
from test_fold_lazy import lazy  # noqa: F401
from test_folding_scale import check_every_wire
from test_layout_moves import drawn
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.folding import fold_routes
from gui.canvas.folding.open_routes import OpenRoutes


def count_ends(monkeypatch) -> list[int]:
    """How many wires' ends each batch worked out."""
    calls: list[int] = []
    real = fold_routes.ends_of
    monkeypatch.setattr(fold_routes, "ends_of", lambda keys, *a: calls.append(len(keys)) or real(keys, *a))
    return calls


def shown(w):
    """The overview as drawn, the same rebuilt from the items and filed wires, and the frame."""
    QApplication.processEvents()
    layer = w.scene._layer
    kept = drawn(layer)
    layer._fill()
    assert drawn(layer) == kept  # (the lines are where a rebuild puts them)
    return kept, w.view.viewport().grab().toImage()


def test_expand_all_puts_the_wires_back_where_they_ran_before_collapse_all(
    lazy, window, tmp_path, monkeypatch
):
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    n = len(crossing(w))
    w.view.set_zoom(w.view.zoom * 0.98)  # not fitted (Collapse All would fit a fitted view again)
    QApplication.processEvents()
    assert w.scene.far and n >= fold_routes.MANY
    before = shown(w)
    calls = count_ends(monkeypatch)
    w.grouping.set_collapsed(gids, True)
    folded = shown(w)
    assert calls == [n]
    w.grouping.action_expand_all.trigger()
    assert shown(w) == before
    assert calls == [n]  # no end worked out again
    routes = w.scene.folding._index.routes
    assert routes.reused == 1
    undo, redo = w.action_undo, w.action_redo
    for act, want in ((undo, folded), (undo, before), (redo, folded), (redo, before)):
        act.trigger()
        assert shown(w) == want
    assert calls == [n, n, n] and routes.reused == 3  # folding works them out, opening puts them back
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)  # zoomed in, each made where it goes


def test_wires_moved_or_changed_while_folded_are_worked_out_anew(lazy, window, tmp_path, monkeypatch):
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    m, gs = w.model, w.model.groups
    w.grouping.set_collapsed(gids, True)
    calls = count_ends(monkeypatch)
    a = sorted(gs.get("g4").members)[0]  # a card moved meanwhile (its group's card dragged)
    x, y = m.position(a)
    w.editor.move_nodes({a: ((x, y), (x + 500.0, y + 260.0))})
    w.grouping.action_expand_all.trigger()
    shown(w)
    assert len(calls) == 1 and w.scene.folding._index.routes.reused == 0
    w.grouping.set_collapsed(gids, True)
    s, t, p = next(k for k in sorted(crossing(w)))  # a wire gone meanwhile
    m.disconnect(t, p)
    QApplication.processEvents()
    calls.clear()
    w.grouping.action_expand_all.trigger()
    shown(w)
    assert len(calls) == 1 and w.scene.folding._index.routes.reused == 0
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)


def test_near_expand_all_shows_what_working_the_ends_out_shows(lazy, window, tmp_path, monkeypatch):
    """At readable zoom, over cards and wires of several groups: Collapse
    All then Expand All, with the routes put back and with every end worked
    out (the frames re-opened stack anew, so the picture is not the one
    before the fold either way)."""
    w = window

    def fold_and_open() -> tuple:
        gids = open_grouped(w, tmp_path, n=900, per=30)
        w.view.set_zoom(1.0)
        w.view.centerOn(QPointF(*w.model.position(sorted(w.model.groups.get("g7").members)[0])))
        QApplication.processEvents()
        assert not w.scene.far
        w.grouping.set_collapsed(gids, True)
        QApplication.processEvents()
        w.grouping.action_expand_all.trigger()
        QApplication.processEvents()
        check_every_wire(w)
        return w.scene.folding._index.routes.reused, w.view.viewport().grab().toImage()

    with monkeypatch.context() as mp:
        mp.setattr(OpenRoutes, "take", lambda *a: None)
        worked_out = fold_and_open()
    w.undo_stack.setClean()
    put_back = fold_and_open()
    assert worked_out[0] == 0 and put_back[0] == 1
    assert put_back[1] == worked_out[1]


class Compared(Walked):
    """A map of positions that counts its walks, copies and comparisons."""

    def __eq__(self, other: object) -> bool:
        Walked.walks += 1
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


def test_the_routes_hold_while_no_card_moved_without_a_copy_of_every_position(
    lazy, window, tmp_path, monkeypatch
):
    """Collapse All kept a copy of every card's position (~5 ms at 50,000
    nodes) for Expand All to compare with all of them again: the cards'
    count of moves (gui/canvas/cards/card_bounds.py) says the same."""
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    bounds = w.scene._grid.bounds
    bounds._pos = Compared(bounds._pos)
    inside: list[int] = []
    for name in ("keep", "holds"):
        real = getattr(OpenRoutes, name)

        def counted(self, *a, _real=real):
            walks = Walked.walks
            try:
                return _real(self, *a)
            finally:
                inside.append(Walked.walks - walks)

        monkeypatch.setattr(OpenRoutes, name, counted)
    routes = w.scene.folding._index.routes
    w.grouping.set_collapsed(gids, True)
    w.grouping.action_expand_all.trigger()
    assert routes.kept == 1 and routes.reused == 1  # kept at the fold, put back at the opening
    assert len(inside) >= 2 and not any(inside)  # no position copied or compared
    a = sorted(w.model.groups.get("g4").members)[0]
    w.grouping.set_collapsed(gids, True)
    x, y = w.model.position(a)
    w.editor.move_nodes({a: ((x, y), (x + 1.0, y))})  # a card moved meanwhile: worked out anew
    w.grouping.action_expand_all.trigger()
    assert routes.reused == 1
