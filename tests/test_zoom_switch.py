"""Switching between the far-zoom overview and readable zoom costs what is on
screen, not the graph (issue 14; gui/canvas/zoom_detail.py): counted, never
timed. And what a user sees stays the same: wherever the view looks after
zooming in, every card there is drawn with its contents and every wire there
is shown; far out no wire is; an exported picture has every card."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem

from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas import image_export
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.wires.wire_cells import holder
from gui.common import style as S

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def grid_model(n: int, cols: int = 40) -> GraphModel:
    m = GraphModel()
    rnd = random.Random(7)
    for i in range(n):
        x, y = (i % cols) * 220.0, (i // cols) * 150.0
        m.add_node("leaf" if i < cols else "add", f"v{i}", value=1.0, x=x, y=y)
        if i >= cols:  # from the row above, near: wires stay short
            shift = rnd.randrange(-1, 2) if 0 < i % cols < cols - 1 else 0
            m.connect(f"v{i - cols + shift}", f"v{i}", 0)
            m.connect(f"v{i - cols}", f"v{i}", 1)
    return m


def seen(view) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def counting(monkeypatch):
    """Count the cards whose contents flag is set and the wires shown or hidden one by one."""
    flags: list[str] = []
    shown: list[tuple] = []
    set_flag, set_visible = NodeItem.setFlag, EdgeItem.setVisible
    monkeypatch.setattr(NodeItem, "setFlag", lambda it, *a: flags.append(it.node_id) or set_flag(it, *a))
    monkeypatch.setattr(EdgeItem, "setVisible", lambda e, v: shown.append(e.key) or set_visible(e, v))
    return flags, shown


def assert_view_drawn(scene, view) -> None:
    """Every card meeting the view draws its contents, every wire meeting it is shown."""
    r = seen(view)
    cards = [it for it in scene.node_items() if it.sceneBoundingRect().intersects(r)]
    wires = [e for e in scene.edge_items() if e.sceneBoundingRect().intersects(r)]
    assert cards and wires
    assert not [it.node_id for it in cards if it.flags() & NO_CONTENTS]
    assert not [e.key for e in wires if not e.isVisible()]


def test_zooming_in_and_out_touches_what_is_in_view_not_the_graph(qtbot, monkeypatch):
    m = grid_model(2400)  # 60 rows of 40 cards, about 3,500 wires
    _, _, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    assert scene.far and not any(e.isVisible() for e in scene.edge_items())
    flags, shown = counting(monkeypatch)
    rebuilds = []
    layer = scene._layer
    rebuild = layer._rebuild
    monkeypatch.setattr(layer, "_rebuild", lambda: rebuilds.append(1) or rebuild())
    view.centerOn(4000, 4000)
    view.set_zoom(1.0)  # the camera zooms in on a part of the graph (Backward, Find)
    view.viewport().repaint()
    r = seen(view)
    near = r.adjusted(-r.width() / 2, -r.height() / 2, r.width() / 2, r.height() / 2)  # zoom_detail.MARGIN
    around = [it for it in scene.node_items() if it.sceneBoundingRect().intersects(near)]
    assert not scene.far and 0 < len(flags) == len(set(flags)) <= len(around) < len(m) / 10
    assert shown == []  # the wires' boxes were shown, not each wire
    assert_view_drawn(scene, view)
    # editing near, then going far again: the overview is not rebuilt, and
    # only the cards revealed lose their contents
    m.set_position("v5", 300.0, -400.0)
    scene.select_ids(["v7"])
    revealed = set(flags)
    flags.clear()
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    assert scene.far and rebuilds == [] and shown == []
    assert set(flags) == revealed and len(flags) == len(revealed)
    assert all(it.flags() & NO_CONTENTS for it in scene.node_items())
    assert not any(e.isVisible() for e in scene.edge_items())
    assert layer._picked == {"v7"}  # selected
    assert layer._blocks[1][None]["v5"].center().x() == pytest.approx(300.0)  # a leaf, moved


def test_after_zooming_in_every_card_and_wire_in_view_is_drawn_wherever_the_view_goes(qtbot):
    m = grid_model(1600)
    _, _, scene, view = make_canvas(qtbot, m)
    m.groups.load([Group("g", "part", {f"v{i}" for i in range(800, 1000)})])  # wires inside a group's box too
    QApplication.processEvents()
    view.fit_all()
    view.viewport().repaint()
    assert scene.far
    view.set_zoom(0.9)
    rnd = random.Random(3)
    for _ in range(8):  # scrolled anywhere, and zoomed a little further in or out
        view.centerOn(rnd.uniform(0, 40 * 220), rnd.uniform(0, 40 * 150))
        view.set_zoom(rnd.uniform(S.FAR_ZOOM * 1.05, 1.5))
        view.grab()  # a frame is painted
        assert not scene.far
        assert_view_drawn(scene, view)
    assert len(scene.detail.shown) < len(m)  # the cards never in view were left as they were


def test_a_lit_wire_and_a_wire_picked_up_keep_their_look_across_the_switch(qtbot):
    m = grid_model(400)
    _, _, scene, view = make_canvas(qtbot, m)
    lit, held = scene.edge_item("v0", "v40", 1), scene.edge_item("v1", "v41", 1)
    lit.set_flow("×2 → 4")  # a pass's caption: drawn over the cards, out of its box
    over = scene.detail.over  # the lit wires' own item at the top level (not Qt's top level: re-sorted)
    assert lit.parentItem() is over and over.parentItem() is None
    assert over.zValue() > scene.node_item("v0").zValue()
    scene.hide_wire(held.key)
    for z in (S.FAR_ZOOM / 4, 1.0, S.FAR_ZOOM / 4):
        view.set_zoom(z)
        far = scene.far
        assert lit.isVisible() is (not far) and not held.isVisible()
        assert scene.edge_item("v2", "v42", 1).isVisible() is (not far)
    view.set_zoom(1.0)
    scene.hide_wire(None)
    lit.set_flow(None)
    assert held.isVisible() and lit.isVisible() and holder(lit) is holder(held)
    view.set_zoom(S.FAR_ZOOM / 4)
    assert not lit.isVisible() and not held.isVisible()


def card_inked(img: QImage, scene_rect: QRectF, src: QRectF, scale: float) -> bool:
    """Some pixel inside the card's middle is not white in the picture."""
    c = scene_rect.center()
    x0, y0 = (c.x() - src.left()) * scale, (c.y() - src.top()) * scale
    for dx in range(-20, 21, 2):
        for dy in range(-10, 11, 2):
            if img.pixelColor(round(x0 + dx), round(y0 + dy)).lightness() < 250:
                return True
    return False


def test_an_exported_picture_has_every_card_at_any_zoom(qtbot):
    m = GraphModel()
    for i in range(6):  # far apart, no wires: a card's ink is its own
        m.add_node("leaf", f"c{i}", value=float(i), x=i * 3000.0, y=(i % 2) * 2000.0)
    _, _, scene, view = make_canvas(qtbot, m)
    far = (S.FAR_ZOOM / 10, QPointF(7500, 1000))
    for z, at in (far, (1.0, QPointF(0, 0)), far):  # near after far: the cards once far out lack contents
        view.set_zoom(z)
        view.centerOn(at)
        view.grab()
        before = {n for n, it in scene.node_map().items() if not it.flags() & NO_CONTENTS}
        img = QImage.fromData(image_export.png_bytes(scene, 0.5))
        pad = image_export.MARGIN
        src = scene.itemsBoundingRect().adjusted(-pad, -pad, pad, pad)  # what the picture shows
        for it in scene.node_items():
            assert card_inked(img, it.sceneBoundingRect(), src, 0.5), it.node_id
        assert len(before) == (1 if z == 1.0 else 0)  # the card in view
        # afterwards the canvas is as it was
        assert {n for n, it in scene.node_map().items() if not it.flags() & NO_CONTENTS} == before


def test_the_wires_of_a_group_made_far_out_follow_the_zoom(qtbot):
    m = grid_model(400)
    _, _, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    m.groups.load([Group("g", "part", {f"v{i}" for i in range(80, 200)})])  # made while far out
    QApplication.processEvents()
    inner = scene.edge_item("v80", "v120", 1)
    assert scene.folding.wire_box(inner.key) == "g" and inner.parentItem() is not None
    assert not inner.isVisible() and not any(e.isVisible() for e in scene.edge_items())
    view.set_zoom(1.0)
    assert inner.isVisible() and all(e.isVisible() for e in scene.edge_items())
    m.groups.clear()  # back to the top level's box
    QApplication.processEvents()
    assert inner.isVisible() and holder(inner) is scene.detail.top
    view.set_zoom(S.FAR_ZOOM / 4)
    assert not any(e.isVisible() for e in scene.edge_items())


def test_a_wire_moved_far_out_has_its_new_curve_once_zoomed_in(qtbot):
    m = grid_model(400)
    _, _, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    m.set_position("v120", 5000.0, 3000.0)
    e = scene.edge_item("v80", "v120", 1)
    assert e.stale  # hidden with its box: the curve waits
    view.set_zoom(1.0)
    assert e.isVisible() and not e.stale  # made at the switch: its bounds are where it is drawn
    a, b = e.ends()
    assert b == scene.node_item("v120").input_pos(1)
    assert e.boundingRect().contains(QRectF(a, b).normalized().center())


def test_the_switch_makes_the_curves_of_the_wires_moved_far_out_without_a_look_up_each(qtbot, monkeypatch):
    """A big edit far out notes tens of thousands of wires whose curves wait;
    zooming in makes those of the ones with items, found in one go, not
    each wire looked up (LazyWires.made) one by one."""
    from gui.canvas.wires.lazy_wires import LazyWires

    m = grid_model(400)
    _, _, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    m.set_positions({n: (x + 37.0, y + 11.0) for n, (x, y) in ((n, m.position(n)) for n in m.nodes())})
    waiting = [e for e in scene.wires.made_items() if e.stale]
    assert len(waiting) > 100
    looked = []
    made = LazyWires.made
    monkeypatch.setattr(LazyWires, "made", lambda w, key: looked.append(key) or made(w, key))
    view.set_zoom(1.0)
    assert looked == []
    assert not [e.key for e in waiting if e.isVisible() and e.stale]
    e = scene.edge_item("v80", "v120", 1)
    assert e.isVisible() and e.ends()[1] == scene.node_item("v120").input_pos(1)
