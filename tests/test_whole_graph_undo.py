"""Undoing the delete of every node of a big graph far out (issue 14):
counted, never timed. The graph's tables come back as they were (not each
wire checked and made again: tests/test_bulk_costs.py), and on the canvas
the wires' filing by region (gui/canvas/wires/lazy_wires.py) and the overview's
lines are those kept by the delete, not worked out and filed anew; what
is drawn is what a fresh build draws."""

from __future__ import annotations

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtWidgets import QApplication
from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model, state
from test_lazy_wires import assert_region_drawn
from test_whole_selection import as_text, count_calls, shown_as_new

from gui.canvas import scene_build
from gui.canvas.cards.card_decor import DecoratedCard
from gui.canvas.items import NodeItem
from gui.canvas.pass_board import nothing
from gui.canvas.wires.lazy_wires import LazyWires
from gui.common import style as S
from gui.editing import commands as C


def lines_of(layer) -> dict:
    return {k: line.toTuple() for k, line in layer.plain_lines().items()}


def test_every_wire_back_far_out_takes_the_kept_filing_and_lines_and_files_none_anew(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(600)
    m.set_value("v3", 1e308)  # some wires carry inf
    stack, scene, view = far_canvas(qtbot, m)
    view.set_zoom(1.0)  # a few wires get items where the view looks, then far out again
    view.centerOn(QPointF(5 * 220.0, 2 * 150.0))
    view.viewport().repaint()
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    had = {e.key for e in scene.wires.made_items()}
    assert had and scene.wires.pending()
    before, layer = state(m), scene._layer
    drawn = lines_of(layer)
    filed = scene.wires.keys_in(scene.graph_rect())
    refiled = count_calls(monkeypatch, LazyWires, "refile_many")
    scene.select_all()
    C.push(stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    view.viewport().repaint()  # the empty graph shown
    assert len(scene.wires) == 0 and refiled == []
    stack.undo()
    QApplication.processEvents()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before) and scene.parked_back == 1
    # filed anew: only the wires that had items (they get none now)
    assert [sorted(k for k, *_ in a[1]) for a in refiled] == [sorted(had)]
    assert scene.wires.made_items() == [] and len(scene.wires) == len(m.edges())
    assert sorted(scene.wires.keys_in(scene.graph_rect())) == sorted(filed + list(had))
    assert lines_of(layer) == drawn
    layer._fill()  # as the overview would file them from the cards
    assert lines_of(layer) == drawn
    # zoomed in, every wire where the view looks has its item, as the model says
    view.set_zoom(1.0)
    view.centerOn(QPointF(20 * 220.0, 7 * 150.0))
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(scene, m, r) > 10
    shown_as_new(scene, m)


def test_the_kept_filing_goes_once_a_wire_is_filed_or_made_after_the_delete():
    """What forget_all kept is put back only into a map that nothing was
    filed in since (else the cards may have moved meanwhile), and only for
    the same wires."""
    ends = [(("a", "b", 0), 0.0, 0.0, 100.0, 50.0), (("a", "c", 1), 0.0, 0.0, 5000.0, 900.0)]
    keys = [k for k, *_ in ends]
    lines = {k: QLineF(*xy) for k, *xy in ends}

    def emptied(then) -> LazyWires:
        lw = LazyWires({}, lambda ks: [object() for _ in ks])
        lw.defer_many(ends)
        assert lw.forget_all(lines) == [] and len(lw) == 0
        then(lw)
        for k in keys:
            lw.pop(k)  # empty again
        assert len(lw) == 0
        return lw

    lw = emptied(lambda lw: None)
    assert lw.take_parked(keys[::-1]) == ([], lines) and sorted(lw.pending()) == sorted(keys)
    assert lw.keys_in(QRectF(4000, 800, 10, 10)) == [keys[1]]  # filed where it was
    assert emptied(lambda lw: None).take_parked(keys[:1]) is None  # not the same wires
    for then in (
        lambda lw: lw.defer(*ends[0]),
        lambda lw: lw.defer_many(ends[1:]),
        lambda lw: lw.note_moved(ends[1:]),
        lambda lw: lw.note_moved_xy({keys[0]: (1.0, 2.0, 3.0, 4.0)}, {}),
        lambda lw: lw.__setitem__(keys[0], object()),
    ):
        assert emptied(then).take_parked(keys) is None


@pytest.mark.parametrize("grouped", [False, True], ids=["no groups", "a group"])
def test_deleting_every_card_asks_the_pass_board_once_and_no_card_for_its_box_without_groups(
    qtbot, monkeypatch, grouped
):
    """Parking 50,000 cards asked each its scene for the pass board and Qt
    for its parent item: the board is handed to the batch, and without
    groups no card is in a box (with a group, none is either: the delete
    empties the group first, and it goes, its cards leaving its box, before
    the cards are told to go). A card a pass is shown on is still removed,
    not parked."""
    m = grid_model(300)
    if grouped:
        m.groups.add([f"v{i}" for i in range(10, 40)], "part")
    _, stack, scene, view = make_canvas(qtbot, m)
    lit = {"v5", "v30"}
    scene.board.retell(lambda n: (0.5, "grad", None, None) if n in lit else nothing(n))
    boards = count_calls(monkeypatch, DecoratedCard, "_board")
    parents = count_calls(monkeypatch, NodeItem, "parentItem")
    cards = dict(scene.node_map())
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    assert boards == [] and parents == []
    assert not any(n in scene.parking for n in lit) and len(scene.parking) == len(cards) - len(lit)
    assert all(cards[n].parentItem() is None for n in ("v12", "v35")) and not m.groups
    assert cards["v30"].scene() is None and not cards["v6"].isVisible()
    stack.undo()
    assert scene.node_item("v6") is cards["v6"] and scene.node_item("v5").grad == 0.5
    shown = {n: it.grad for n, it in scene.node_map().items()}
    assert shown == {n: 0.5 if n in lit else None for n in m.nodes()}
