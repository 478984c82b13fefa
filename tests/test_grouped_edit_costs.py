"""Edits of a big grouped graph cost what they change (issue 10's groups
under issue 14's goals): deleting a group's nodes re-homes no other card,
and values changing across most of the graph ask nothing per card of the
model or the overview but what their flags change."""

from __future__ import annotations

from test_overview_cache import differing, direct, far_canvas, filed_when_idle, frame, lines, local_grid  # noqa: F401 (a fixture)
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.explain.format import fmt_card
from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas.folding.box_homes import BoxHomes
from gui.canvas.folding.group_box import GroupBox
from gui.canvas.overview.overview import OverviewLayer


def _rows_grouped(n: int = 800) -> GraphModel:
    """``local_grid(n)``, each row of 40 cards a group "r<row>"."""
    m = local_grid(n)
    m.groups.load(
        [Group(f"r{r}", f"row {r}", {f"v{i}" for i in range(40 * r, 40 * r + 40)}) for r in range(n // 40)]
    )
    return m


def _counting(monkeypatch, owner, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(owner, name)

    def counted(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _box_of(scene, node: str) -> str | None:
    box = scene.node_item(node).parentItem()
    return box.gid if isinstance(box, GroupBox) else None


def test_deleting_a_whole_group_rehomes_no_other_card_and_its_undo_puts_it_back(qtbot, monkeypatch):
    """The delete empties the group, which goes; its undo brings it back
    (a group of nothing, then its nodes): neither re-homes the 760 other
    cards and their wires (which cost seconds at 50,000 nodes), and the
    group works as before: its cards in its box, folded away with it."""
    scene, view, editor = far_canvas(qtbot, model=_rows_grouped())
    m = scene.model
    frame(view)
    rehomed = _counting(monkeypatch, BoxHomes, "rehome")
    row = [f"v{i}" for i in range(200, 240)]  # the group r5, whole
    scene.select_ids(row)
    editor.delete_selection()
    shown = frame(view)
    assert "r5" not in m.groups and rehomed == []
    assert scene.folding.node_box("v240") == "r6" and _box_of(scene, "v240") == "r6"
    assert differing(shown, direct(view, monkeypatch)) == []
    editor.undo_stack.undo()
    shown = frame(view)
    assert rehomed == []
    assert m.groups.get("r5").members == set(row)
    assert {_box_of(scene, n) for n in row} == {"r5"}
    assert differing(shown, direct(view, monkeypatch)) == []
    editor.undo_stack.redo()
    frame(view)
    editor.undo_stack.undo()
    m.groups.set_collapsed("r5", True)
    frame(view)
    assert not any(scene.node_item(n).isVisible() for n in row)  # (hidden with their box)
    card = scene.folding.card("r5")
    assert card is not None and card.isVisible()
    assert rehomed == []
    _, end = scene.wire_ends("v160", "v200", 1)  # (a wire into the group, from the row above)
    assert end.x() == card.x()  # re-routed to the folded card's port: still indexed as crossing


def test_values_changing_across_the_graph_recolour_only_the_cards_flagged_otherwise(qtbot, monkeypatch):
    """Every card of the grid hangs off v0: a new value of v0 changes 799
    values, none of them flagged otherwise (no block changes colour, no
    wire carries another kind); deleting v0 leaves 799 without a value (each
    block and wire recoloured, in one pass over the wires with an item, not
    the model asked each card's consumers); the pixels are a direct paint's."""
    scene, view, editor = far_canvas(qtbot, model=local_grid(800))
    m = scene.model
    frame(view)
    recolours = _counting(monkeypatch, OverviewLayer, "node_changed")
    asked = _counting(monkeypatch, GraphModel, "consumers")
    editor.set_value("v0", "2.5")
    shown = frame(view)
    assert m.value("v799") != 0 and recolours == [] and asked == []
    assert differing(shown, direct(view, monkeypatch)) == []
    scene.select_ids(["v0"])
    editor.delete_selection()
    shown = frame(view)
    assert m.value("v1") is None and scene.node_item("v799").flagged == "incomplete"
    assert len(recolours) < 10 and len(asked) < 10  # (the deleted card's, not 799)
    assert differing(shown, direct(view, monkeypatch)) == []
    editor.undo_stack.undo()
    shown = frame(view)
    assert scene.node_item("v799").flagged is None
    assert len(recolours) < 20 and len(asked) < 20
    assert differing(shown, direct(view, monkeypatch)) == []
    view.set_zoom(1.0)  # near: the cards show their values, the wires with an item what they carry
    view.centerOn(scene.node_item("v41").pos())
    frame(view)
    near = [("v40", "v41", 0), ("v1", "v41", 1), ("v41", "v42", 0)]
    assert all(scene.wires.made(k) is not None for k in near)
    scene.select_ids(["v0"])
    editor.delete_selection()
    frame(view)
    assert m.value("v41") is None
    assert {scene.wires.made(k).carries for k in near} == {"none"}
    assert scene.node_item("v41").value_text == fmt_card(None)
    editor.undo_stack.undo()
    frame(view)
    assert {scene.wires.made(k).carries for k in near} == {"ok"}
    assert scene.node_item("v41").value_text == fmt_card(m.value("v41"))


def test_deleting_every_grouped_node_rehomes_once_not_card_by_card(qtbot, monkeypatch):
    """Every node of the grouped grid goes (each group emptied and dropped),
    and comes back with the undo: the cards are re-homed in one pass each
    time, not one by one (800 here; at 50,000 that took seconds more)."""
    scene, view, editor = far_canvas(qtbot, model=_rows_grouped())
    m = scene.model
    frame(view)
    one_by_one = _counting(monkeypatch, BoxHomes, "regroup")
    scene.select_all()
    editor.delete_selection()
    shown = frame(view)
    assert len(m) == 0 and len(m.groups) == 0 and one_by_one == []
    assert differing(shown, direct(view, monkeypatch)) == []
    editor.undo_stack.undo()
    shown = frame(view)
    assert len(m) == 800 and len(m.groups) == 20 and one_by_one == []
    assert {_box_of(scene, f"v{i}") for i in range(200, 240)} == {"r5"}
    assert differing(shown, direct(view, monkeypatch)) == []


def test_a_small_repaint_in_a_grouped_graph_draws_the_lines_there_not_every_group_s(
    qtbot, lines, monkeypatch
):
    """With every group open, nearly every line lives in a group's box: a
    moved card's repaint hands Qt the lines near it, not every box's (the
    grouped 50,000-node graph drew all 68,000 for one move), and the pixels
    are a direct paint's."""
    scene, view, editor = far_canvas(qtbot, model=_rows_grouped(1600))
    frame(view)
    assert scene.far
    x, y = scene.model.position("v820")
    editor.move_nodes({"v820": ((x, y), (x + 20, y + 10))})  # the first: its lines not filed by place yet
    frame(view)
    filed_when_idle(view)
    lines.clear()
    editor.move_nodes({"v820": ((x + 20, y + 10), (x + 30, y + 10))})
    shown = frame(view)
    assert 0 < sum(lines) < 1000  # (the lines filed near it; 1,560 of the 3,120 are in the groups' boxes)
    assert differing(shown, direct(view, monkeypatch)) == []


def test_parts_of_a_repaint_that_each_draw_everything_are_drawn_once():
    """A repaint in parts far apart, one of which draws every line anyway
    (a wire across the graph moved): all of them drawn at once, not the
    whole layer drawn once a part."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from gui.canvas.picture_cache import PictureCache

    drawn: list[QRectF] = []
    cache = PictureCache(lambda p, r: drawn.append(r), whole=lambda r: r.width() > 300)
    img = QImage(1000, 800, QImage.Format.Format_ARGB32_Premultiplied)
    for parts, times in (
        ([QRectF(10, 10, 20, 20), QRectF(900, 700, 20, 20)], 2),
        ([QRectF(10, 10, 400, 20), QRectF(900, 700, 20, 20)], 1),
    ):
        p = QPainter(img)
        cache.paint(p, QRectF(0, 0, 1000, 800))  # (up to date)
        drawn.clear()
        for r in parts:
            cache.dirty(r)
        cache.paint(p, QRectF(0, 0, 1000, 800))
        p.end()
        assert len(drawn) == times


def test_a_rebuilt_overview_asks_no_wire_without_an_item_its_ends(window, tmp_path, monkeypatch):
    """Far out, a big graph's wires have no items (gui/canvas/wires/lazy_wires.py):
    the overview built anew (as after the undo of deleting every grouped
    node) draws each from where its cards are, not by asking the scene for
    each wire's ends (68,000 of them at 50,000 nodes); a folded group's
    wires are asked (their ends are its card's ports). The pixels are a
    direct paint's either way."""
    from PySide6.QtWidgets import QApplication

    from core.files import fileio
    from gui.canvas.scene import GraphScene

    path = str(tmp_path / "grid.mgraph")
    fileio.save(local_grid(1600), path)
    w = window
    w.open_path(path)  # (opened far out, then grouped: the wires stay without items)
    QApplication.processEvents()
    scene, view = w.scene, w.view
    scene.model.groups.load(list(_rows_grouped(1600).groups))
    frame(view)
    assert scene.far and len(scene.wires.pending()) > 1000
    asked = _counting(monkeypatch, GraphScene, "wire_ends")
    scene._layer.invalidate()
    shown = frame(view)
    assert asked == []
    assert differing(shown, direct(view, monkeypatch)) == []
    scene.model.groups.set_collapsed("r5", True)
    frame(view)
    scene._layer.invalidate()
    shown = frame(view)
    assert len(asked) > 1000
    assert differing(shown, direct(view, monkeypatch)) == []


def test_the_fold_index_rebuilt_in_bulk_is_the_one_built_wire_by_wire():
    """``FoldIndex.rebuild`` files a wire with both ends directly in one group
    without comparing chains: the index is the one :meth:`add` of each wire
    makes, nested groups included (a node directly in an outer group, wires
    between sibling groups, into a child, to the top level)."""
    import random

    from gui.canvas.folding.fold_index import FoldIndex

    rnd = random.Random(7)
    m = local_grid(400)
    gs = m.groups
    gs.add([f"v{i}" for i in range(0, 120)], "outer", gid="outer")
    gs.add([f"v{i}" for i in range(10, 50)], "a", gid="a")
    gs.add([f"v{i}" for i in range(60, 100)], "b", gid="b")
    gs.add([f"v{i}" for i in range(70, 80)], "b1", gid="b1")
    gs.add([f"v{i}" for i in range(200, 260)], "c", gid="c")
    wires = m.edges()
    rnd.shuffle(wires)
    bulk, one_by_one = FoldIndex(gs), FoldIndex(gs)
    bulk.rebuild(wires)
    for key in wires:
        one_by_one.add(key)
    assert bulk.home == one_by_one.home and bulk.inner == one_by_one.inner
    assert bulk.entering == one_by_one.entering and bulk.leaving == one_by_one.leaving
    assert bulk._crosses == one_by_one._crosses and bulk.stamp == one_by_one.stamp
    assert {bulk.home[k] for k in wires} >= {None, "outer", "a", "b", "b1", "c"}


def test_the_boxes_line_indexes_go_with_their_lines(qtbot):
    """The lines of each group's box filed by place are not held once the
    layer files its lines anew (another graph in the scene: 1,599 of the
    old graph's lines were still referenced)."""
    scene, view, editor = far_canvas(qtbot, model=_rows_grouped(1600))
    x, y = scene.model.position("v820")
    editor.move_nodes({"v820": ((x, y), (x + 30, y + 10))})
    frame(view)
    assert scene._layer._box_indexes
    scene.set_model(local_grid(40))
    view.fit_all()
    frame(view)
    assert sum(len(d) for d, _ in scene._layer._box_indexes.values()) == 0


def test_blocks_recoloured_across_a_grouped_graph_move_in_runs_and_repaint_as_a_direct_paint(
    qtbot, monkeypatch
):
    """Deleting v0 leaves the 799 cards of 20 groups without a value: their
    blocks change colour in a run per box and colour (each run's dict steps in
    C loops, not a Python step a block: 24,500 at 50,000 nodes), many of them
    drawn over the whole layer rather than the rect worked out around each
    block; the undo colours them back the same way. The overview's tables
    are a rebuild's, the pixels a direct paint's."""
    from test_delete_grouped_costs import as_rebuilt, overview_tables

    from gui.canvas.overview import overview_repaints

    monkeypatch.setattr(overview_repaints, "MANY_RECOLOURED", 100)  # (2,048: the grid's 799 are fewer)
    scene, view, editor = far_canvas(qtbot, model=_rows_grouped())
    m, layer = scene.model, scene._layer
    frame(view)
    runs, skipped = layer.recolour_runs, layer.recolour_bounds_skipped
    scene.select_ids(["v0"])
    editor.delete_selection()
    shown = frame(view)
    assert m.value("v799") is None and scene.node_item("v799").flagged == "incomplete"
    assert 0 < layer.recolour_runs - runs <= 2 * 20  # (a run per box and colour, not per block)
    assert layer.recolour_bounds_skipped - skipped == 1
    assert differing(shown, direct(view, monkeypatch)) == []
    got = overview_tables(layer)
    assert got == as_rebuilt(layer)
    frame(view)
    runs = layer.recolour_runs
    editor.undo_stack.undo()
    shown = frame(view)
    assert m.value("v799") is not None and scene.node_item("v799").flagged is None
    assert 0 < layer.recolour_runs - runs <= 2 * 20
    assert differing(shown, direct(view, monkeypatch)) == []
    assert overview_tables(layer) == as_rebuilt(layer)
