"""Folding a big graph far out costs no wire item (issue 10's scale clause;
gui/canvas/wires/lazy_wires.py, gui/canvas/folding/fold_routes.py): zoomed far out every
wire item is hidden and the overview draws lines, so a fold files the wires
crossing a boundary by where they run now, without items, and gives the
hidden, plain items some had to the wire pool; each is made again, where it
runs then, when it comes into view or is asked for. Counted, never timed;
what a user sees stays the same (every wire in view drawn where it goes, the
overview what a rebuild draws, undo and Backward through groups as ever)."""

from __future__ import annotations

import gc
import random

import pytest
import test_fold_batches as batches
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication
from test_fold_batches import crossing, open_grouped
from test_folding_scale import check_every_wire, expected_ends
from test_layout_moves import drawn, grid_model
from test_lazy_wires import Made, crosses
from window_helpers import Button, answers, tmp_settings, window  # noqa: F401

from core.graph.groups import Group
from gui.canvas import scene_build
from gui.canvas.items import EdgeItem, wire_path
from gui.canvas.wires.lazy_wires import LazyWires, curve_box
from gui.canvas.wires.wire_cells import WireBox, holder
from gui.common import style as S
from gui.groups.commands import FoldCommand

FAR = S.FAR_ZOOM / 4


@pytest.fixture
def lazy(monkeypatch):
    """Opened far out, any graph keeps its wires without items (the app does from scene_build.LAZY_FROM)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)


def count_items(monkeypatch) -> dict[str, int]:
    """How many wire items are made and how many are filed into a cell (Qt work per wire)."""
    counts = {"made": 0, "filed": 0}
    init, hold = EdgeItem.__init__, WireBox.hold

    def made(e, *a) -> None:
        counts["made"] += 1
        init(e, *a)

    def filed(box, e) -> None:
        counts["filed"] += 1
        hold(box, e)

    monkeypatch.setattr(EdgeItem, "__init__", made)
    monkeypatch.setattr(WireBox, "hold", filed)
    return counts


def look_around(w, rnd: random.Random, times: int = 4) -> int:
    """Zoom in at a few places: every wire whose curve crosses the view has
    its item there, shown, drawn where the groups say, in its group's box;
    back far out after each. How many wires were checked."""
    sc, v, m = w.scene, w.view, w.model
    r0 = sc.graph_rect()
    checked = 0
    for _ in range(times):
        v.set_zoom(1.0)
        v.centerOn(QPointF(rnd.uniform(r0.left(), r0.right()), rnd.uniform(r0.top(), r0.bottom())))
        v.viewport().repaint()
        r = v.mapToScene(v.viewport().rect()).boundingRect()
        for key in m.edges():
            want = expected_ends(w, *key)
            if want is None or not crosses(want[0], want[1], r):
                continue
            e = sc.wires.made(key)
            assert e is not None and e.isVisible(), key
            assert e.ends() == want and e.path() == wire_path(*want), key
            home = sc.folding.wire_box(key)
            box = holder(e)
            assert box is sc.detail.top if home is None else box.parentItem().gid == home, key
            checked += 1
        v.set_zoom(FAR)
        v.viewport().repaint()
    return checked


def test_folding_far_out_makes_no_wire_item_and_gives_up_the_hidden_ones(lazy, window, tmp_path, monkeypatch):
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30, nested=True)
    inner = [g for g in gids if not g.startswith("pair")]
    sc, gs = w.scene, w.model.groups
    assert sc.far and sc.wires.made_items() == []  # opened far out with its groups: no wire item
    rnd = random.Random(7)
    assert look_around(w, rnd) > 20  # some items made where the view looked
    want = crossing(w)
    had = {e.key for e in sc.wires.made_items()} & want
    assert had  # boundary wires with items, to give up
    w.view.viewport().repaint()
    layer = sc._layer
    seen = 0
    steps = [  # fold the inner groups, open them, undo, redo; one group (a few wires, one by one), twice
        lambda: w.grouping.set_collapsed(inner, True),
        lambda: w.grouping.set_collapsed(inner, False),
        w.action_undo.trigger,
        w.action_redo.trigger,
        lambda: w.grouping.set_collapsed([inner[3]], True),
        lambda: w.grouping.set_collapsed([inner[3]], False),
    ]
    for step, act in enumerate(steps):
        counts = count_items(monkeypatch)
        before = len(sc.wires.made_items())
        act()
        QApplication.processEvents()
        w.view.viewport().repaint()
        monkeypatch.undo()
        assert counts["made"] == 0, step  # no wire item made by a fold far out
        if step < 4:  # the batches: no item filed, the boundary's given up
            assert counts["filed"] == 0, step
            assert not {e.key for e in sc.wires.made_items()} & want
        if step == 0:
            assert len(sc.wires.made_items()) == before - len(had)  # the inner wires keep theirs
        moved = drawn(layer)
        layer._fill()  # what a rebuild from the items and the filed wires draws
        assert moved == drawn(layer), step
        seen += look_around(w, rnd, 2)  # items made again where the view looks
    assert seen > 20 and not any(g.collapsed for g in gs)
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)  # asked for, every wire is made where it goes


def test_a_pooled_item_left_in_a_group_box_survives_the_group_going(
    lazy, window, tmp_path, answers, monkeypatch
):
    """An item given up far out stays hidden in its group's box (moving it
    out would cost Qt work per wire); when the group goes (ungroup, undo of
    grouping), the pool takes it out first, and a new wire reuses it."""
    monkeypatch.setattr(S, "FEW_CARDS", 0)  # far out after folding too, as a big graph is
    w = window
    gids = open_grouped(w, tmp_path, n=400, per=40, nested=True)
    sc, m = w.scene, w.model
    assert sc.far
    sc.edge_items()  # every wire's item: those inside the outer groups in their boxes
    w.grouping.set_collapsed([g for g in gids if not g.startswith("pair")], True)
    QApplication.processEvents()
    boxed = [k for k in crossing(w) if sc.folding.wire_box(k) is not None]
    assert boxed and all(sc.wires.made(k) is None for k in boxed)  # given up, in the outer groups' boxes
    m.groups.clear()  # every box goes
    QApplication.processEvents()
    gc.collect()
    x, y = m.position(m.nodes()[0])
    for i in range(len(boxed) + 80):  # new wires take the pooled items, the last given up first
        n = m.add_node("neg", f"new{i}", x=x + 300.0, y=y + 40.0 * i)
        m.connect(m.nodes()[i % 50], n, 0)
    QApplication.processEvents()
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)
    # items given up into boxes, then another document: the scene rebuilt
    answers.save_changes = Button.Discard
    open_grouped(w, tmp_path, n=400, per=40, nested=True)
    w.scene.edge_items()
    w.grouping.set_collapsed(w.model.groups.ids(), True)
    QApplication.processEvents()
    open_grouped(w, tmp_path, n=300, per=30, nested=True)
    gc.collect()
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)


@pytest.mark.parametrize("per", [3, 40])
def test_opened_far_out_without_items_each_boundary_wire_is_routed_once(
    lazy, window, tmp_path, monkeypatch, per
):
    batches.test_folding_every_group_routes_each_boundary_wire_once_from_positions(
        window, tmp_path, monkeypatch, FAR, per
    )


def test_opened_far_out_without_items_folded_cards_show_a_pass(lazy, window, tmp_path, monkeypatch):
    batches.test_folded_cards_show_a_pass_without_reading_every_node_when_none_is_on(
        window, tmp_path, monkeypatch
    )


def test_wires_noted_far_out_are_filed_once_where_they_run_when_a_region_is_asked(monkeypatch):
    rnd = random.Random(3)
    wires = LazyWires({}, lambda keys: [Made(k) for k in keys])  # type: ignore[misc]
    where = {}
    for i in range(2000):
        x1, y1 = rnd.uniform(-2e5, 2e5), rnd.uniform(-2e5, 2e5)
        far = rnd.choice([10, 500, 5000, 60000])
        where[(f"s{i}", f"t{i}", 0)] = (x1, y1, x1 + rnd.uniform(-far, far), y1 + rnd.uniform(-far, far))
    wires.defer_many((k, *xy) for k, xy in where.items())
    assert wires.take_in(QRectF(-3e4, -3e4, 6e4, 6e4))  # some get items
    filings: list[int] = []
    real = LazyWires.refile_many
    monkeypatch.setattr(LazyWires, "refile_many", lambda w, ends: filings.append(len(ends)) or real(w, ends))
    for _ in range(3):  # folds far out: each notes where its wires run now
        some = rnd.sample(sorted(where), 500)
        for k in some:
            x1, y1, x2, y2 = where[k]
            where[k] = (x1 + rnd.uniform(-9e3, 9e3), y1 + rnd.uniform(-9e3, 9e3), x2, y2)
        wires.note_moved([(k, *where[k]) for k in some])
        assert all(wires.made(k) is None and wires.is_pending(k) for k in some)  # items given up
    assert filings == []  # nothing filed until a region is asked for
    for _ in range(30):
        cx, cy, w = rnd.uniform(-2.5e5, 2.5e5), rnd.uniform(-2.5e5, 2.5e5), rnd.choice([300, 5000, 5e4])
        r = QRectF(cx, cy, w, w)
        meets = {k for k, xy in where.items() if wires.is_pending(k) and _box_meets(curve_box(*xy), r)}
        assert set(wires.keys_in(r)) == meets
        wires.take_in(r)
    assert len(filings) == 1 and filings[0] <= 1500  # each noted wire filed once, where it runs last
    assert set(wires) == set(where)


def _box_meets(b, r: QRectF) -> bool:
    return b[0] <= r.right() and b[2] >= r.left() and b[1] <= r.bottom() and b[3] >= r.top()


def test_a_small_graph_folded_far_out_keeps_every_wire_item(window, tmp_path, monkeypatch):
    w = window
    gids = open_grouped(w, tmp_path)
    monkeypatch.setattr(scene_build, "LAZY_FROM", len(w.model.edges()) + 1)  # small, as the app sees it
    sc = w.scene
    assert sc.far
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    assert sc.wires.pending() == [] and len(sc.wires.made_items()) == len(w.model.edges())


def test_a_batch_move_far_out_gives_up_the_hidden_wire_items(lazy, window, tmp_path, monkeypatch):
    """Opening a group in place moves most of the graph to make room (a batch
    move, as Auto Layout's): far out, the moved wires' hidden items are given
    up as a fold gives them up, not filed again one by one."""
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    sc, m = w.scene, w.model
    sc.edge_items()  # every wire with an item
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    some = gids[len(gids) // 2]
    counts = count_items(monkeypatch)
    w.grouping.set_collapsed([some], False)  # opened in place: room made
    QApplication.processEvents()
    monkeypatch.undo()
    assert w.undo_stack.undoText().startswith("Expand") and counts == {"made": 0, "filed": 0}
    moved = {k for k in m.edges() if sc.folding.wire_box(k) is None}
    assert not any(sc.wires.made(k) is not None and sc.wires.made(k).isVisible() for k in moved)
    assert len(sc.wires.made_items()) < len(m.edges()) / 2  # given up, not kept
    layer = sc._layer
    w.view.viewport().repaint()
    moved_lines = drawn(layer)
    layer._fill()
    assert moved_lines == drawn(layer)
    assert look_around(w, random.Random(2), 3) > 10
    w.action_undo.trigger()
    QApplication.processEvents()
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)


def test_opening_every_group_far_out_hands_over_each_groups_wires_as_its_set(lazy, qtbot):
    """Far out, the wires Expand All shows make their curves at the switch
    to readable zoom: each opened group's own set of inner wires is handed
    over as it is, not copied into one set wire by wire (~30,000 at 50,000
    nodes); those with an item still have their curves once zoomed in."""
    m = grid_model(400)
    ids = m.nodes()
    m.groups.load([Group(f"g{k}", f"p{k}", set(ids[i : i + 40])) for k, i in enumerate(range(0, 400, 40))])
    _, _, scene, view = make_canvas(qtbot, m)
    view.set_zoom(1.0)  # every wire with an item
    QApplication.processEvents()
    gids = m.groups.ids()
    FoldCommand(m, gids, True).apply()
    view.set_zoom(FAR)
    QApplication.processEvents()
    inner = [k for k in scene.folding._index.home if scene.folding.wire_box(k) is not None]
    assert len(inner) > 100
    detail = scene.detail
    FoldCommand(m, gids, False).apply()  # Expand All, far out
    assert len(detail._stale) < len(inner) // 10  # (before: every inner wire, one by one)
    view.set_zoom(1.0)
    QApplication.processEvents()
    for key in inner:
        e = scene.edge_item(*key)
        assert e is not None and e.isVisible() and not e.stale
        assert e.ends() == (scene.node_item(key[0]).output_pos(), scene.node_item(key[1]).input_pos(key[2]))
