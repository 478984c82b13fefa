"""Where the view goes when one group is folded with its tab's ▾: the room
the open group took is given back, so a graph too big for the view at this
zoom may fit again. Verify 57: the view stayed where the open graph was,
the folded MLP cut off at the left and the right half of the view empty."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, show_mlp, tmp_settings, window  # noqa: F401

from gui.groups.fold_view import SMALL_PAN_PX


def seen(w):
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def fold_by_tab(qtbot, w, gid) -> None:
    frame = w.scene.folding.frame(gid)
    at = w.view.mapFromScene(frame.mapToScene(frame.toggle_rect().center()))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()


def layer(w, label):
    g = w.model.groups
    return next(x for x in g.ids() if g.get(x).label == label)


def test_folding_the_group_that_outgrew_the_view_shows_the_graph_whole_again(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    gid = layer(w, "layer 2 [2]")
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)  # opened where it is
    assert not w.model.groups.get(gid).collapsed
    zoom = w.view.zoom
    assert not seen(w).contains(w.scene.graph_rect())  # the open graph is too big for the view
    fold_by_tab(qtbot, w, gid)
    assert w.model.groups.get(gid).collapsed
    assert w.view.zoom == zoom  # not refitted: moved
    assert seen(w).contains(w.scene.graph_rect()), "the folded graph fits, so it shows whole"
    card = w.scene.folding.card(gid)
    assert seen(w).contains(card.sceneBoundingRect())


def test_a_view_zoomed_onto_a_part_stays_where_it_is(qtbot, window):
    """Only a graph that now fits moves into view: zoomed in on a part, the fold keeps the view."""
    w = window
    show_mlp(qtbot, w)
    gid = layer(w, "layer 2 [2]")
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)
    w.view.set_zoom(1.0, center=w.scene.folding.frame(gid).sceneBoundingRect().center())
    QApplication.processEvents()
    frame_tab = w.scene.folding.frame(gid)
    w.view.centerOn(frame_tab.mapToScene(frame_tab.toggle_rect().center()))
    QApplication.processEvents()
    before = seen(w)
    fold_by_tab(qtbot, w, gid)
    assert w.model.groups.get(gid).collapsed
    assert seen(w) == before


def test_the_folds_least_pan_leaves_a_few_pixels_cut_rather_than_move_the_tab_away(qtbot, window):
    """Verify 58: a fold that scrolled the view ~40 px moved the ▾ tab from under the pointer (the
    next click hit a wire). Under SMALL_PAN_PX of a move the view stays; past it, it moves."""
    from gui.canvas.least_pan import pan_least

    w = window
    show_mlp(qtbot, w)
    v, graph = w.view, w.scene.graph_rect()
    z = v.zoom
    for px, moves in ((40.0, False), (SMALL_PAN_PX + 40.0, True)):
        v.fit_all()
        QApplication.processEvents()
        v.centerOn(v.mapToScene(v.viewport().rect().center()) + QPointF(px / z + 60.0, 0.0))
        QApplication.processEvents()
        before = seen(w)
        assert not before.contains(graph)
        assert pan_least(v, graph, 0.0, below_px=SMALL_PAN_PX) is moves
        assert (seen(w) != before) is moves
        assert seen(w).contains(graph) is moves
