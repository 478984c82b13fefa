"""Opening, Select All and Fit do work that follows the graph once, not per
card and listener (issue 14): counted, never timed. An opened graph is built
for the zoom its fit shows (no card switched afterwards) and looks exactly as
one built edit by edit; Select All asks Qt for the selection once and
re-colours the overview in one batch; the graph's bounds are kept as cards
move, come and go, not found by a pass over every card."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtWidgets import QApplication, QGraphicsItem
from scene_checks import brute_rect
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas.items import NodeItem, wire_path
from gui.canvas.overview import overview
from gui.canvas.picture_cache import PictureCache
from gui.common import style as S

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def grid_model(n: int, cols: int = 40) -> GraphModel:
    m = GraphModel()
    rnd = random.Random(5)
    for i in range(n):
        m.add_node(
            "leaf" if i < 20 else "mul", f"v{i}", value=1.5, x=(i % cols) * 220.0, y=(i // cols) * 150.0
        )
        if i >= 20:
            m.connect(f"v{rnd.randrange(i)}", f"v{i}", 0)
            if rnd.random() < 0.9:  # some stay unwired: their wires carry no value
                m.connect(f"v{rnd.randrange(i)}", f"v{i}", 1)
    m.set_value("v3", 1e300)  # inf downstream: red wires
    return m


def test_a_big_graph_opens_built_for_the_fits_zoom(window, tmp_path, monkeypatch):
    path = str(tmp_path / "big.mgraph")
    fileio.save(grid_model(1200, cols=120), path)  # 26,000 units wide: the fit is far out
    switched = []
    set_flag = NodeItem.setFlag
    monkeypatch.setattr(NodeItem, "setFlag", lambda it, *a: switched.append(a) or set_flag(it, *a))
    assert window.open_path(path)
    QApplication.processEvents()
    sc = window.scene
    assert window.view.zoom < S.FAR_ZOOM and sc.far
    assert switched == []  # made far out, not made near and switched card by card
    assert all(it.flags() & _NO_CONTENTS for it in sc.node_items())
    assert not any(e.isVisible() for e in sc.edge_items())
    # zooming in shows them, as for any graph (the cards where the view looks)
    window.view.set_zoom(1.0)
    assert not sc.far and all(e.isVisible() for e in sc.edge_items())
    v = window.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    assert not any(it.flags() & _NO_CONTENTS for it in sc.node_items_in(seen))


@pytest.mark.parametrize("far", [False, True])
def test_a_scene_built_at_once_is_the_scene_built_edit_by_edit(qtbot, far):
    m = grid_model(300)
    m.set_output("v299")
    mirror = GraphModel()
    _, _, edited, edited_view = make_canvas(qtbot, mirror)
    _, _, built, view = make_canvas(qtbot, m)
    if far:
        view.set_zoom(S.FAR_ZOOM / 2)
        edited_view.set_zoom(S.FAR_ZOOM / 2)
    built.set_model(m, view.zoom)  # what opening a file does
    for n in m.nodes():  # the same graph, through the per-edit signals
        a = m.node(n)
        mirror.add_node(a["op"], n, value=a.get("value"), x=a["x"], y=a["y"])
    for s, t, p in m.edges():
        mirror.connect(s, t, p)
    mirror.set_value("v3", 1e300)
    assert [it.node_id for it in built.node_items()] == [it.node_id for it in edited.node_items()]
    assert [e.key for e in built.edge_items()] == m.edges()  # the model's order (stacking)
    for e in built.edge_items():
        twin = edited.edge_item(*e.key)
        assert e.path() == twin.path() == wire_path(*edited.wire_ends(*e.key))
        assert e.ends() == twin.ends() and e.carries == twin.carries and e.pen() == twin.pen()
        assert e.isVisible() is (not far)
    assert {e.carries for e in built.edge_items()} == {"ok", "nonfinite", "none"}
    for it in built.node_items():
        twin = edited.node_item(it.node_id)
        assert it.pos() == twin.pos() and it.value_text == twin.value_text and it.label == twin.label
        assert bool(it.flags() & _NO_CONTENTS) is far
    assert built.graph_rect() == brute_rect(built)
    if far:  # the overview takes the builder's blocks and lines: the ones its own pass makes
        layer = built._layer
        assert not layer._dirty and layer._color["v299"] == (4, None)  # the output's colour, in no group
        taken = [{k: dict(v) for k, v in b.items() if v} for b in layer._blocks], dict(layer._lines)
        layer._rebuild()
        assert ([{k: dict(v) for k, v in b.items() if v} for b in layer._blocks], layer._lines) == taken
        assert len(taken[1][None]) == len(m.edges()) and sum(len(ids(b)) for b in taken[0]) == len(m)


def test_select_all_never_asks_qt_for_the_selection_and_recolours_in_one_batch(window, monkeypatch):
    m = grid_model(600, cols=120)
    window.open_model(m, "big")
    QApplication.processEvents()
    sc = window.scene
    assert sc.far  # the overview draws the graph
    window.view.viewport().repaint()  # its first paint builds it
    single, emitted = [], []
    monkeypatch.setattr(sc._layer, "node_changed", lambda it: single.append(it))
    sc.selectionChanged.connect(lambda: emitted.append(1))
    reads = sc._sel.reads
    window.action_select_all.trigger()
    QApplication.processEvents()  # every listener: Properties, the actions, the status line, Chain Rule
    # the scene knows what it selected: Qt is not asked (a wrapper and an id read per card)
    assert emitted == [1] and sc._sel.reads == reads
    assert single == []  # not card by card
    assert sc._layer._picked == set(m.nodes())  # every block drawn in the selection's colour
    assert ids(sc._layer._blocks[6]) == set()  # over its own block, which stays where it was filed
    assert window.properties.node_id is None and window.action_copy.isEnabled()
    assert sc.selected_ids() == m.topological_order()
    sc.clearSelection()
    QApplication.processEvents()
    assert sc._layer._picked == set() and sc.selected_ids() == []


def test_the_selection_read_once_follows_edits(qtbot):
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0)
    m.add_node("neg", "x", x=200.0)
    m.add_node("neg", "y", x=200.0, y=150.0)
    m.connect("a", "x", 0)
    m.connect("a", "y", 0)
    _, _, sc, _ = make_canvas(qtbot, m)
    sc.select_ids(["y", "x"])
    assert sc.selected_ids() == ["x", "y"]
    m.disconnect("x", 0)
    m.connect("y", "x", 0)  # now x consumes y
    assert sc.selected_ids() == ["y", "x"]  # the order follows the new wire
    m.remove_node("x")
    assert sc.selected_ids() == ["y"] and len(sc.selectedItems()) == 1


def test_the_graph_rect_is_kept_as_cards_move_come_and_go(qtbot):
    m = grid_model(400)
    _, _, sc, view = make_canvas(qtbot, m)
    bounds = sc._grid.bounds
    assert sc.graph_rect() == brute_rect(sc)
    found = bounds.recounts
    for n in ("v45", "v130", "v222"):  # inside the graph: the extremes stay
        x, y = m.position(n)
        m.set_position(n, x + 37.0, y - 11.0)
        assert sc.graph_rect() == brute_rect(sc)
    assert bounds.recounts == found  # no pass over the cards
    rnd = random.Random(7)
    for step in range(120):
        n = rnd.choice(m.nodes())
        what = rnd.random()
        if what < 0.5:
            m.set_position(n, rnd.uniform(-3000, 12000), rnd.uniform(-2000, 4000))
        elif what < 0.6 and len(m) > 50:
            m.remove_node(n)
        elif what < 0.7:
            m.add_node("leaf", value=1.0, x=rnd.uniform(-4000, 13000), y=rnd.uniform(-3000, 5000))
        elif what < 0.8:
            sc.node_item(n).set_note("a note under the card " * rnd.randrange(1, 30))
        elif what < 0.9:
            sc.node_item(n).set_note(None)
        else:
            m.set_position(*rnd.choice([(n, *m.position(n)) for n in m.nodes()]))
        assert sc.graph_rect() == brute_rect(sc), step
        assert view.graph_rect() == sc.graph_rect()
    assert bounds.recounts < 120  # found again only when an edge card left


def test_the_graph_rect_counts_a_folded_groups_card_not_its_cards(qtbot):
    m = grid_model(200)
    _, _, sc, _ = make_canvas(qtbot, m)
    far = "v150"
    m.set_position(far, 20000.0, 9000.0)  # far beyond every other card
    m.groups.load([Group("g", "corner", {far, "v100"}, collapsed=True)])
    QApplication.processEvents()
    assert not sc.node_item(far).isVisible()
    assert sc.graph_rect() == brute_rect(sc)
    assert not sc.graph_rect().contains(
        sc.node_item(far).sceneBoundingRect()
    )  # the corner card is folded away
    m.groups.load([Group("g", "corner", {far, "v100"}, collapsed=False)])
    QApplication.processEvents()
    assert sc.node_item(far).isVisible() and sc.graph_rect() == brute_rect(sc)


def test_many_cards_recoloured_at_once_repaint_the_overview_once(qtbot, monkeypatch):
    m = grid_model(overview.MANY + 50)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    layer = sc._layer
    base, over = layer.pictures  # the lines and blocks; the selected blocks over them
    updates: list = []
    redrawn: list = []
    real = PictureCache.dirty

    def dirty(cache, *a):
        (updates if cache is over else redrawn if cache is base else []).append(a)
        real(cache, *a)

    monkeypatch.setattr(PictureCache, "dirty", dirty)
    sc.select_all()
    assert updates == [()]  # the whole selection's picture, once
    assert redrawn == []  # the lines and blocks are not drawn again
    assert layer._picked == set(m.nodes()) and ids(layer._blocks[6]) == set()  # drawn over, not re-filed
    sc.clearSelection()
    assert layer._picked == set()
    updates.clear()
    sc.select_ids(["v1", "v2"])  # a few: each where it is
    assert len(updates) == 2 and all(len(u) == 1 for u in updates)
    assert layer._picked == {"v1", "v2"} and redrawn == []


def ids(by_box: dict) -> set:
    """The ids in an overview colour's blocks, over every group's box."""
    return {n for blocks in by_box.values() for n in blocks}
