"""Fit All with View › Minimap on (a new user's trial: after Fit, the MLP's
last cards lay under the minimap in the canvas's corner). Fit now lays the
graph beside the map: moved off-centre where the graph leaves room, made
smaller only as far as its cards need; with the map off it is as before."""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, tmp_settings, trigger, window  # noqa: F401

from core.cli.templates import build
from core.files import fileio
from core.graph.model import GraphModel
from gui.canvas import fit_room
from gui.canvas.fit_room import clear_fit


def under_minimap(w) -> list[QRectF]:
    """The scene rects of the cards shown (folded groups' too) that meet the minimap's."""
    mm = w.navigation.minimap
    assert mm.isVisible()
    vp = w.view.viewport()
    over = w.view.mapToScene(QRect(vp.mapFrom(w.view, mm.pos()), mm.size())).boundingRect()
    cards = [it.sceneBoundingRect() for it in w.scene.node_items() if it.isVisible()]
    cards += [c.sceneBoundingRect() for c in w.scene.folding.cards() if c.isVisible()]
    return [r for r in cards if r.intersects(over)]


def all_in_view(w) -> bool:
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    return seen.contains(w.view.graph_rect())


def press_fit(qtbot, w) -> float:
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    QApplication.processEvents()
    assert w.view.is_fitted and all_in_view(w)
    return w.view.zoom


def grid_model(cols: int, rows: int) -> GraphModel:
    """Cards everywhere, the corners too: sums of products in ``rows`` rows."""
    nodes, edges = [("x0", {"op": "leaf", "value": 0.5, "x": 0.0, "y": 0.0})], []
    prev = "x0"
    for k in range(cols * rows):
        col, row = k % cols, k // cols
        leaf, op = f"w{k}", f"n{k}"
        nodes.append((leaf, {"op": "leaf", "value": 1.0, "x": col * 480.0, "y": row * 220.0}))
        nodes.append((op, {"op": "add", "x": col * 480.0 + 240.0, "y": row * 220.0 + 110.0}))
        edges += [(prev, op, 0), (leaf, op, 1)]
        prev = op
    return GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)


def test_opened_and_fitted_the_mlp_lies_beside_the_minimap_as_large(qtbot, window, tmp_path):
    """The trial's MLP in a 1100×700 window: opened with the map on, its
    layer 3 card lay under the map. Now no card does, after opening and
    after F, and the fit is as large as with the map off (the graph moved up)."""
    w = window
    w.resize(1100, 700)
    path = tmp_path / "mlp.mgraph"
    fileio.save(build("mlp"), str(path))
    trigger(w, "minimap")
    assert w.open_path(path)
    qtbot.wait(50)  # (the fit queued after opening)
    assert w.view.is_fitted and all_in_view(w) and under_minimap(w) == []
    on = press_fit(qtbot, w)
    assert under_minimap(w) == []
    trigger(w, "minimap")  # off: the view, as Fit left it, fits again in the map's room
    assert not w.navigation.minimap.isVisible() and w.view.is_fitted
    off = w.view.zoom
    assert press_fit(qtbot, w) == off
    assert on >= 0.97 * off


def test_cards_in_the_corner_make_the_fit_smaller_only_as_they_need(qtbot, window):
    w = window
    w.resize(1100, 700)
    w.open_model(grid_model(11, 20), "grid")  # as wide for its height as the canvas
    off = press_fit(qtbot, w)
    # the map off: Fit as ever, the graph's rect centred
    fitted = w.view.fit_of(w.view.graph_rect().united(w.view.wires_reach() or w.view.graph_rect()))
    assert off == fitted[1]
    centre = w.view.mapToScene(w.view.viewport().rect().center())
    # (to the pixel each way: the scroll bars stop at whole pixels, and an even
    # viewport's QRect centre lies half a pixel off its middle)
    assert (QPointF(centre) - fitted[0].center()).manhattanLength() < 3 / off
    trigger(w, "minimap")  # on over the fitted view: it fits again, beside the map
    assert w.view.is_fitted and under_minimap(w) == []
    on = w.view.zoom
    assert press_fit(qtbot, w) == on and under_minimap(w) == []
    assert 0.6 * off < on < off  # smaller (cards fill the corner), by less than the map's share


def test_the_search_asks_about_the_corner_not_every_card(qtbot, window, monkeypatch):
    """Fit with the map on over 12,000 nodes filling the corner: the cards
    looked at are those the card grid files near the map, a few hundred."""
    w = window
    w.resize(1400, 900)
    w.open_model(grid_model(60, 100), "big")
    trigger(w, "minimap")
    QApplication.processEvents()
    looked = [0]
    real = w.scene.node_item

    def counted(node_id):
        looked[0] += 1
        return real(node_id)

    monkeypatch.setattr(w.scene, "node_item", counted)
    t = time.perf_counter()
    w.view.fit_all()
    took = time.perf_counter() - t
    assert looked[0] < 600 and took < 0.25
    monkeypatch.undo()
    assert under_minimap(w) == []


def test_clear_fit_moves_first_and_shrinks_only_for_cards():
    """The rule on its own: a 200×100 px rect over the bottom-right corner of
    an 800×600 view, a graph as wide as the view (a strip of room above and
    below it), or filling it."""
    vp = QRectF(0, 0, 800, 600)
    corner = [QRectF(590, 490, 200, 100)]

    def cards_in(*rects):
        return lambda region: any(region.intersects(r) for r in rects)

    flat = QRectF(0, 0, 800, 400)  # at zoom 1: 100 px of room above and below
    c, z = clear_fit(vp, flat, 1.0, corner, cards_in(flat))
    assert z == 1.0 and c.x() == 400.0 and c.y() > 200.0  # moved up (the view down), not shrunk
    shown = QRectF(flat.topLeft() - c + vp.center(), flat.size())  # (zoom 1: scene px = view px)
    assert shown.bottom() <= corner[0].top() + 1 and shown.top() >= 0
    full = QRectF(0, 0, 800, 600)
    c, z = clear_fit(vp, full, 1.0, corner, cards_in(full))
    assert 0.75 < z < 1.0  # smaller: cards everywhere
    c2, z2 = clear_fit(vp, full, 1.0, corner, cards_in(QRectF(0, 0, 300, 300)))
    assert (c2, z2) == (full.center(), 1.0)  # the corner is empty: Fit as ever


def test_folded_every_group_the_search_reads_each_folded_card_once(qtbot, window, monkeypatch):
    """A review: after Collapse All of 5,000 groups Fit beside the map took
    half a second, each of ~30 looks walking every folded card and asking
    each hidden card of the corner whether it was shown. Now the hidden
    cards are left out by one set difference and the folded cards' rects
    are read once, filed by place."""
    from gui.canvas.folding.group_card import GroupCard

    w = window
    w.resize(1200, 800)  # (a canvas the map crowds: the fit has to search)
    m = grid_model(40, 60)
    for k in range(0, 40 * 60, 4):
        m.groups.add({f"w{j}" for j in range(k, k + 4)} | {f"n{j}" for j in range(k, k + 4)}, f"g{k}")
    w.open_model(m, "folded")
    trigger(w, "minimap")
    w.grouping.set_collapsed(m.groups.ids(), True)
    QApplication.processEvents()
    qtbot.wait(200)  # (the map drawn again for the folded graph, at its share of this canvas)
    w.view.fit_all()  # (fitted beside it: the fit below keeps its zoom, the far names not planned again)
    QApplication.processEvents()
    looked, read = [0], [0]
    real = w.scene.node_item
    real_rect = GroupCard.sceneBoundingRect

    def counted(node_id):
        looked[0] += 1
        return real(node_id)

    def rect(card):
        read[0] += 1
        return real_rect(card)

    searched = [0]
    real_search = fit_room.clear_fit

    def search(vp, r, zoom, covered, occupied, cards=None):
        def asked(q):
            searched[0] += 1
            return occupied(q)

        return real_search(vp, r, zoom, covered, asked, cards)

    monkeypatch.setattr(w.scene, "node_item", counted)
    monkeypatch.setattr(GroupCard, "sceneBoundingRect", rect)
    monkeypatch.setattr(fit_room, "clear_fit", search)
    w.view.fit_all()
    assert searched[0] >= 10  # (the map crowds the corner: many looks)
    assert looked[0] <= 1 and read[0] <= 2 * len(m.groups)  # (a few: the graph's rect reads them too)
    monkeypatch.undo()
    assert under_minimap(w) == []


def test_in_a_small_window_the_map_takes_its_share_of_the_canvas_and_still_moves_the_view(
    qtbot, window, tmp_path
):
    """t73 #8: at 1024×700 the map was as large as at 1600×1000, a third of
    the canvas. It takes at most 22 % of the canvas each way now, drawn again
    when the window is made smaller or larger; fitted, no card lies under it."""
    from gui.navigation.minimap import SIZE

    w = window
    w.showNormal()
    w.resize(1600, 1000)
    path = tmp_path / "mlp.mgraph"
    fileio.save(build("mlp"), str(path))
    trigger(w, "minimap")
    assert w.open_path(path)
    qtbot.wait(50)
    mm = w.navigation.minimap
    big = mm.size()
    assert big.width() <= SIZE.width() and big.height() <= SIZE.height()
    assert max(big.width() / SIZE.width(), big.height() / SIZE.height()) > 0.99  # (its whole room here)
    w.resize(1024, 700)
    qtbot.waitUntil(lambda: mm.size() != big)
    vp = w.view.viewport()
    small = mm.size()
    assert small.width() <= 0.22 * vp.width() + 1 and small.height() <= 0.22 * vp.height() + 1
    assert mm.picture() is not None and mm.picture().size() == small  # (drawn at its new size)
    press_fit(qtbot, w)
    assert under_minimap(w) == []
    before = w.view.mapToScene(vp.rect().center())
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=QPoint(4, 4) + QPoint(small.width() // 8, 0))
    assert w.view.mapToScene(vp.rect().center()) != before  # a click on it still moves the view
    drawn = mm.redraws
    for k in range(30):  # a window edge dragged: one drawing once it rests, not one a step (review 72 #4)
        w.resize(1100 + 16 * k, 760 + 8 * k)
        QApplication.processEvents()
    assert mm.redraws == drawn
    w.resize(1600, 1000)
    qtbot.waitUntil(lambda: mm.size() == big)
    assert mm.redraws == drawn + 1
