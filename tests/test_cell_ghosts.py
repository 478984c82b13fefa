"""Zoomed out on a crowded view, the wires nobody asked for get no item: their
cell draws them from their ends (gui/canvas/wires/cell_ghosts.py), and the
picture is the one their items drew."""

from __future__ import annotations

import math
import random

from canvas_helpers import drag, make_canvas
from PySide6.QtCore import QPointF
from test_cell_ink import _drawn_by_items, _on_screen, _same, _settle
from test_lazy_wires import assert_region_drawn, ends, wide_model
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.wires import wire_paint
from gui.common import style as S


def _ghosts_view(qtbot):
    m = wide_model(1500, cols=120, every_port=True)
    _, stack, sc, view = make_canvas(qtbot, m, size=(1000, 700))
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)  # what opening a big file does: built far out, no wire item
    view.set_zoom(0.45)
    view.centerOn(QPointF(60 * 260.0, 4 * 170.0))
    view.viewport().repaint()
    assert len(sc.wires) >= wire_paint.CROWDED_WIRES and 0.45 < S.LOD_THIN_WIRE and not sc.far
    return m, stack, sc, view


def _in_view(sc, view) -> list:
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    return [k for k in sc.wires.ghosts.at if r.contains(ends(sc, k)[0]) and r.contains(ends(sc, k)[1])]


def test_a_crowded_view_zoomed_out_makes_no_wire_item_and_draws_what_they_would(qtbot, monkeypatch):
    m, _, sc, view = _ghosts_view(qtbot)
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert sc.wires.made_items() == [] and len(sc.wires.ghosts) > 300  # drawn by the cells
    assert assert_region_drawn(sc, m, r) > 300  # each where the model says, in the cell its item would be
    shown = _on_screen(view)
    assert _same(shown, _drawn_by_items(view, monkeypatch)) <= 3


def test_a_wire_drawn_by_its_cell_follows_edits_and_gets_its_item_when_asked(qtbot, monkeypatch):
    m, stack, sc, view = _ghosts_view(qtbot)
    rnd = random.Random(5)
    ghosts = sc.wires.ghosts
    key = rnd.choice(_in_view(sc, view))
    # a click on it picks its item (made then), which its cell draws from then on
    p1, p2 = ends(sc, key)
    e = sc.edge_item(*key)
    assert e is not None and key not in ghosts and sc.wires.made(key) is e
    # what it carries turns (an inf upstream): drawn red at the next paint
    inview = _in_view(sc, view)
    ins = m.inputs
    c = next(
        k[0]
        for k in inview
        if k[0] != key[0] and m.op(k[0]) != "leaf" and all(m.op(s) == "leaf" for s in ins(k[0]) if s)
    )
    other = next(k for k in inview if k[0] == c)
    assert ghosts.at[other].wires[other][4] == "ok"
    for s in ins(c):
        m.set_value(s, 1e308)  # their sum or product overflows: inf out of ``c``
    view.viewport().repaint()
    assert not math.isfinite(m.value(c)) and ghosts.at[other].wires[other][4] == "nonfinite"
    # its card moves: drawn where it runs now
    mover = next(k for k in _in_view(sc, view) if c not in k[:2])
    it = sc.node_item(mover[1])
    m.set_position(mover[1], it.x() + 40.0, it.y() + 30.0)
    view.viewport().repaint()
    q1, q2 = ends(sc, mover)
    assert sc.wires.made(mover) is not None or ghosts.at[mover].wires[mover][:4] == (
        q1.x(),
        q1.y(),
        q2.x(),
        q2.y(),
    )
    # it goes: no cell draws it any more
    m.disconnect(mover[1], mover[2])
    view.viewport().repaint()
    assert mover not in ghosts and mover not in sc.wires
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(sc, m, r) > 300
    assert _same(_on_screen(view), _drawn_by_items(view, monkeypatch), red_on_top=True) <= 3


def test_a_card_dragged_among_wires_drawn_by_their_cells_takes_its_wires_along(qtbot, monkeypatch):
    m, stack, sc, view = _ghosts_view(qtbot)
    ghosts = sc.wires.ghosts
    key = next(k for k in _in_view(sc, view) if m.op(k[1]) != "leaf")
    card = sc.node_item(key[1])
    c = card.sceneBoundingRect().center()
    mine = set(sc.wires_of([key[1]]))
    were = set(ghosts.at)
    drag(view, c, c + QPointF(300, 200))
    _settle()
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(sc, m, r) > 300
    # the press looked for a wire under it among those drawn by their cells by their curves
    # (not every wire whose box holds the point: ~300 items here), the drag made those of the card
    made = {e.key for e in sc.wires.made_items()}
    assert len(ghosts) > 300 and len(made & were) <= len(mine) + 5
    assert all(sc.wires.made(k) is not None or ghosts.at[k].wires[k][:4] == _xy(sc, k) for k in mine)
    stack.undo()
    _settle()
    view.viewport().repaint()
    assert assert_region_drawn(sc, m, r) > 300
    assert _same(_on_screen(view), _drawn_by_items(view, monkeypatch)) <= 3


def _xy(sc, key) -> tuple[float, float, float, float]:
    p1, p2 = ends(sc, key)
    return p1.x(), p1.y(), p2.x(), p2.y()


def test_zoomed_in_past_the_thin_wires_the_wires_in_view_get_their_items(qtbot):
    m, _, sc, view = _ghosts_view(qtbot)
    some = _in_view(sc, view)
    view.set_zoom(S.LOD_THIN_WIRE + 0.2)
    view.centerOn(QPointF(60 * 260.0, 4 * 170.0))
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert sc.wires.made_items() and assert_region_drawn(sc, m, r) > 20
    assert not [k for k in sc.wires.ghosts.at if r.contains(ends(sc, k)[0]) and r.contains(ends(sc, k)[1])]
    assert some  # (there were some drawn by their cells before)


def test_the_big_mlp_inserted_folded_and_fitted_makes_no_wire_item(qtbot, window, monkeypatch):
    """Learn › Insert MLP grown to layers 32, 32, 1 (10,720 nodes, ~10,000
    wires in its fitted view): the cells draw the wires, no item is made
    (each was ~23 µs: most of the insert); Expand All and Collapse All
    again end the same way; the screen shows what the wire items would draw."""
    from core.learn import templates
    from gui.learning.templates import insert_template

    w = window
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    insert_template(
        w, templates.mlp(3, [32, 32, 1], xs=templates.LECTURE_XS, ys=templates.LECTURE_YS, seed=1)
    )
    _settle()
    sc, view = w.scene, w.view
    view.viewport().repaint()
    assert 0.2 < view.zoom < S.LOD_THIN_WIRE and not sc.far
    assert len(sc.wires.made_map()) < 100 and len(sc.wires.ghosts) > 9000
    w.grouping.action_expand_all.trigger()
    _settle()
    w.grouping.action_collapse_all.trigger()
    _settle()
    view.viewport().repaint()
    assert len(sc.wires.made_map()) < 100 and len(sc.wires.ghosts) > 9000
    assert _same(_on_screen(view), _drawn_by_items(view, monkeypatch)) <= 3
