"""Wire items filed in cells by where they run (gui/canvas/wires/wire_cells.py):
Qt visits the wires of the cells a repaint meets, not every wire, and every
wire stays in a cell whose rect holds its curve as cards move, edits are
undone and groups fold (else a part of it would not be repainted)."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas.wires.wire_cells import WireBox, WireCell, cell_of, holder


def grid_model(n: int, cols: int = 40, long_every: int = 10) -> GraphModel:
    """Cards in a grid, wired from the row above (short wires), every
    ``long_every``-th also from anywhere (long ones)."""
    m = GraphModel()
    rnd = random.Random(11)
    for i in range(n):
        x, y = (i % cols) * 220.0, (i // cols) * 150.0
        m.add_node("leaf" if i < cols else "add", f"v{i}", value=1.0, x=x, y=y)
        if i >= cols:
            m.connect(f"v{i - cols}", f"v{i}", 0)
            src = rnd.randrange(i) if i % long_every == 0 else i - cols + (1 if i % cols < cols - 1 else -1)
            m.connect(f"v{src}", f"v{i}", 1)
    return m


def visited(box: WireBox, region: QRectF) -> int:
    """The wire items Qt visits to repaint ``region``: those of the cells
    whose rect meets it, and those held by the box itself."""
    n = sum(1 for it in box.childItems() if not isinstance(it, WireCell))
    return n + sum(len(c.childItems()) for c in box.cells() if c.sceneBoundingRect().intersects(region))


def check_filed(scene) -> int:
    """Every wire in its box sits in the cell its ends give, whose rect holds
    its curve; how many were checked."""
    n = 0
    for e in scene.wires.made_items():
        p = e.parentItem()
        if not isinstance(p, WireCell):  # lifted (a pass's caption) or too big for a cell
            assert not isinstance(p, WireBox) or cell_of(*e.ends_xy()) is None, e.key
            continue
        assert p.cell == cell_of(*e.ends_xy()), e.key
        e.path()  # a hidden wire makes its curve now
        assert p.sceneBoundingRect().contains(e.sceneBoundingRect()), e.key
        n += 1
    return n


@pytest.mark.parametrize("long_every, share", [(10**9, 4), (10, 3)])
def test_a_small_repaint_visits_the_wires_of_a_few_cells(qtbot, long_every, share):
    m = grid_model(2400, long_every=long_every)
    _, _, sc, view = make_canvas(qtbot, m)
    view.centerOn(QPointF(4000, 4000))
    QApplication.processEvents()
    wires = len(m.edges())
    assert check_filed(sc) == wires  # none lifted, none too big
    tiny = QRectF(4000, 4000, 4, 4)
    assert visited(sc.detail.top, tiny) < wires / share  # flat: every wire
    # far from the graph only the few long wires' big cells are met
    assert visited(sc.detail.top, QRectF(50_000, 50_000, 4, 4)) < wires / 50


def test_wires_follow_moves_undo_and_folds(window, tmp_path):
    path = str(tmp_path / "g.mgraph")
    fileio.save(grid_model(600, cols=30), path)
    assert window.open_path(path)
    w, sc, m = window, window.scene, window.model
    w.view.set_zoom(1.0)
    sc.edge_map()  # every wire's item (opened far out, most had none)
    QApplication.processEvents()
    assert check_filed(sc) == len(m.edges())
    rnd = random.Random(4)
    ids = m.nodes()
    for _ in range(6):  # far moves: the wires change cells and levels
        moved = rnd.sample(ids, 40)
        w.editor.move_nodes(
            {n: (m.position(n), (rnd.uniform(-20_000, 20_000), rnd.uniform(-20_000, 20_000))) for n in moved}
        )
        QApplication.processEvents()
        check_filed(sc)
    before = {e.key: e.parentItem() for e in sc.wires.made_items()}
    while w.undo_stack.canUndo():
        w.undo_stack.undo()
    QApplication.processEvents()
    assert check_filed(sc) == len(m.edges())
    assert any(e.parentItem() is not before[e.key] for e in sc.wires.made_items())  # they did move back
    w.action_layout.trigger()  # every card moves in one batch
    QApplication.processEvents()
    check_filed(sc)
    m.groups.load([Group("g", "part", set(ids[100:200]))])
    w.view.set_zoom(1.0)  # near: the wires shown (Auto Layout fitted the view)
    QApplication.processEvents()
    assert all(e.isVisible() for e in sc.wires.made_items())
    # (far out, Auto Layout gave up a big graph's hidden wire items: asked for, each is made in its box)
    inner = [sc.edge_item(*k) for k in m.edges() if sc.folding.wire_box(k) == "g"]
    assert inner and all(holder(e).parentItem().gid == "g" for e in inner)  # the group's box, in a cell
    w.grouping.set_collapsed(["g"], True)
    QApplication.processEvents()
    assert not any(e.isVisible() for e in inner)  # hidden with the group's box, cells and all
    check_filed(sc)  # the wires to the folded card re-routed
    w.undo_stack.undo()
    QApplication.processEvents()
    assert all(e.isVisible() for e in inner)
    check_filed(sc)


def _diff(a: QImage, b: QImage) -> int:
    """The largest difference of a colour channel between two pictures."""
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    worst = 0
    for y in range(0, a.height()):
        for x in range(0, a.width()):
            p, q = a.pixel(x, y), b.pixel(x, y)
            if p != q:
                c, d = QColor(p), QColor(q)
                worst = max(
                    worst, abs(c.red() - d.red()), abs(c.green() - d.green()), abs(c.blue() - d.blue())
                )
    return worst


def test_the_cells_draw_every_wire_whole(qtbot):
    """Repainted in small tiles (Qt visits only the cells a tile meets), the
    view shows what one whole repaint shows, also after cards moved far: a
    wire reaching outside its cell's rect would lose the parts in tiles
    its cell misses. And the picture is the one of every wire straight in
    its box (cells change only the order same-coloured wires are blended
    in: a rounding)."""
    m = grid_model(400, cols=20, long_every=3)
    _, _, sc, view = make_canvas(qtbot, m, size=(500, 400))
    view.centerOn(QPointF(2000, 1200))
    m.set_positions({f"v{i}": (2000.0 + 37 * i % 900, 1000.0 + 53 * i % 700) for i in range(0, 400, 7)})
    QApplication.processEvents()
    check_filed(sc)
    vp, screen = view.viewport(), QApplication.primaryScreen()

    def shown() -> QImage:  # what the window shows (offscreen: its backing store)
        QApplication.processEvents()
        return screen.grabWindow(view.winId()).toImage()

    vp.repaint()
    whole = shown()
    vp.update()  # nothing repainted until the tiles are
    for x in range(0, vp.width(), 23):
        for y in range(0, vp.height(), 19):
            vp.repaint(QRect(x, y, 23, 19))
    assert _diff(shown(), whole) <= 24
    for e in sc.wires.made_items():  # every wire straight in the box, as before cells
        if isinstance(e.parentItem(), WireCell):
            e.setParentItem(sc.detail.top)
    vp.repaint()
    assert _diff(shown(), whole) <= 24
