"""Collapse All again, from every group open as the last one was, puts back
the overview's lines the last one drew (handed back by the Expand All
between: gui/canvas/folding/open_routes.py) when nothing they were drawn
for changed: no wire's ends worked out, no line made. Counted: the ends
worked out (``fold_routes.ends_of``), the lines made; what is drawn is
compared with the first fold's picture and with a rebuild of the overview."""

from __future__ import annotations

from PySide6.QtCore import QLineF
from PySide6.QtWidgets import QApplication
from test_fold_batches import crossing, open_grouped
from test_fold_lazy import lazy  # noqa: F401
from test_folding_scale import check_every_wire
from test_layout_moves import drawn, grid_model
from test_open_routes import count_ends, shown
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.groups import Group
from gui.canvas.folding import fold_routes
from gui.canvas.overview import overview_lines


def look(w) -> tuple:
    """What the overview holds and the frame, the layer not rebuilt (a
    rebuild files new lines: no fold's lines could be handed back after it)."""
    QApplication.processEvents()
    return drawn(w.scene._layer), w.view.viewport().grab().toImage()


def count_lines(monkeypatch) -> list[int]:
    """Each line the overview's batches make."""
    made: list[int] = []

    class Counted(QLineF):
        def __init__(self, *a):
            made.append(1)
            super().__init__(*a)

    monkeypatch.setattr(overview_lines, "QLineF", Counted)
    return made


def far(w, gids: list[str]) -> int:
    n = len(crossing(w))
    w.view.set_zoom(w.view.zoom * 0.98)  # not fitted (Collapse All would fit a fitted view again)
    QApplication.processEvents()
    assert w.scene.far and n >= fold_routes.MANY
    return n


def test_collapse_all_again_puts_back_the_lines_the_last_one_drew(lazy, window, tmp_path, monkeypatch):
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    n = far(w, gids)
    routes = w.scene.folding._index.routes
    w.grouping.set_collapsed(gids, True)
    folded = look(w)
    w.grouping.action_expand_all.trigger()
    opened = look(w)
    calls, made = count_ends(monkeypatch), count_lines(monkeypatch)
    w.grouping.set_collapsed(gids, True)
    assert look(w) == folded
    assert calls == [] and made == [] and routes.folds_reused == 1
    w.grouping.action_expand_all.trigger()
    assert look(w) == opened
    undo, redo = w.action_undo, w.action_redo
    for act, want in ((undo, folded), (undo, opened), (redo, folded), (redo, opened)):
        act.trigger()
        assert look(w) == want
    assert calls == [] and made == [] and routes.folds_reused == 3  # (each fold from every group open)
    w.grouping.set_collapsed(gids, True)
    assert shown(w) == folded  # (a rebuild of the overview draws these lines)
    w.grouping.action_expand_all.trigger()  # (the lines rebuilt: none handed back, the next one draws anew)
    w.grouping.set_collapsed(gids, True)
    assert calls == [n] and routes.folds_reused == 4
    assert shown(w) == folded
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)  # zoomed in, each made where it goes


def test_a_card_moved_or_another_fold_between_draws_the_lines_anew(lazy, window, tmp_path, monkeypatch):
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    n = far(w, gids)
    m, routes = w.model, w.scene.folding._index.routes
    w.grouping.set_collapsed(gids, True)
    w.grouping.action_expand_all.trigger()
    calls = count_ends(monkeypatch)
    a = sorted(m.groups.get("g4").members)[0]  # a card moved while every group is open
    x, y = m.position(a)
    w.editor.move_nodes({a: ((x, y), (x + 500.0, y + 260.0))})
    w.grouping.set_collapsed(gids, True)
    assert calls == [n] and routes.folds_reused == 0
    shown(w)  # (drawn as a rebuild draws it: asserted in ``shown``)
    w.grouping.action_expand_all.trigger()
    # one group folded, then every one (not from every group open), then opened: each drawn where it goes
    calls.clear()
    w.grouping.set_collapsed(gids[3:4], True)
    w.grouping.set_collapsed(gids, True)
    w.grouping.action_expand_all.trigger()
    w.grouping.set_collapsed(gids[3:4], True)
    w.grouping.set_collapsed(gids, True)
    assert routes.folds_reused == 0 and calls == [n, n]  # (each fold of all from g3's: worked out)
    shown(w)
    w.grouping.action_expand_all.trigger()
    shown(w)
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)


def test_a_fold_leaving_a_node_out_of_every_card_keeps_no_lines(lazy, window, tmp_path, monkeypatch):
    """A wire from a node in no group runs from that node's port, which an
    edit of its kind may move with no card moved: such a fold's lines are
    not kept, the next one works its ends out."""
    w = window
    m = grid_model(900, seed=11)
    ids = m.nodes()
    m.groups.load(
        [Group(f"g{k}", f"part {k}", set(ids[i : i + 30])) for k, i in enumerate(range(30, 900, 30))]
    )
    path = tmp_path / "grouped.mgraph"
    fileio.save(m, str(path))
    assert w.open_path(path)
    QApplication.processEvents()
    gids = w.model.groups.ids()
    far(w, gids)
    routes = w.scene.folding._index.routes
    w.grouping.set_collapsed(gids, True)
    folded = look(w)
    w.grouping.action_expand_all.trigger()
    calls = count_ends(monkeypatch)
    w.grouping.set_collapsed(gids, True)
    assert len(calls) == 1 and routes.folds_reused == 0
    assert look(w) == folded


def test_near_collapse_all_again_draws_each_wire_where_it_goes(lazy, window, tmp_path, monkeypatch):
    """At readable zoom, over cards of several groups: the second Collapse
    All puts the first one's lines back, and each wire in view runs where
    the folded cards' rows are; the frame is the first fold's."""
    from PySide6.QtCore import QPointF

    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    w.view.set_zoom(1.0)
    w.view.centerOn(QPointF(*w.model.position(sorted(w.model.groups.get("g7").members)[0])))
    QApplication.processEvents()
    assert not w.scene.far
    routes = w.scene.folding._index.routes
    w.grouping.set_collapsed(gids, True)
    folded = w.view.viewport().grab().toImage()
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    calls = count_ends(monkeypatch)
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    assert calls == [] and routes.folds_reused == 1
    check_every_wire(w)
    assert w.view.viewport().grab().toImage() == folded


class Taken(dict):
    """The overview's top-level plain lines, counting the lines put in key by
    key (each key's hash worked out again: ~10 ms of 38,000 at 50,000 nodes)
    and those taken in whole from a dict (by the hashes it keeps)."""

    def __init__(self, lines: dict) -> None:
        super().__init__(lines)
        self.by_key = self.whole = 0

    def update(self, other=(), **kw) -> None:  # type: ignore[override]
        if isinstance(other, dict):
            self.whole += len(other)
        else:
            other = list(other)
            self.by_key += len(other)
        super().update(other, **kw)


def test_expand_all_takes_the_open_lines_back_whole(lazy, window, tmp_path):
    """Expand All after Collapse All from every group open puts the lines
    set aside at the fold back as the dict they were kept in: none looked
    up key by key; what is drawn is the open graph's, as a rebuild draws it;
    and the next Collapse All puts the fold's lines back whole too."""
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    n = far(w, gids)
    before = shown(w)
    w.grouping.set_collapsed(gids, True)
    folded = look(w)
    layer = w.scene._layer
    taken = layer._lines[None] = Taken(layer._lines[None])
    w.grouping.action_expand_all.trigger()
    assert (taken.whole, taken.by_key) == (n, 0)
    opened = look(w)
    w.grouping.set_collapsed(gids, True)
    assert (taken.whole, taken.by_key) == (2 * n, 0) and w.scene.folding._index.routes.folds_reused == 1
    assert look(w) == folded
    w.grouping.action_expand_all.trigger()
    assert (taken.whole, taken.by_key) == (3 * n, 0) and look(w) == opened
    assert shown(w) == before  # (the lines where a rebuild of the overview puts them)
