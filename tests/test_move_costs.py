"""Moving (almost) every card at once far out (Auto Layout, its undo, a
group opened in place making room; issue 14): the wires without items are
noted where they run and filed once, when a region is next asked for (the
zoom in), not filed by each batch; a batch beside a folded group finds the
folded nodes once, asking no question per wire. Counted, never timed; the
view is checked to show every wire where it runs."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_folding_scale import check_every_wire
from test_lazy_wires import assert_region_drawn, wide_model

from core.graph.groups import GroupSet
from core.graph.layout import layered_positions
from gui.canvas import scene_build
from gui.canvas.folding.fold_layer import FoldingLayer
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.wires.lazy_wires import LazyWires
from gui.common import style as S
from gui.editing import commands as C

FAR = S.FAR_ZOOM / 4


@pytest.fixture
def lazy(monkeypatch):
    """Opened far out, any graph keeps its wires without items (the app does from scene_build.LAZY_FROM)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)


def filed_keys(monkeypatch) -> list[int]:
    """How many wires each ``refile_many`` files (every filing of a pending wire goes through it)."""
    counts: list[int] = []
    real = LazyWires.refile_many

    def refile(self, ends_) -> None:
        ends_ = list(ends_)
        counts.append(len(ends_))
        real(self, ends_)

    monkeypatch.setattr(LazyWires, "refile_many", refile)
    return counts


def far_canvas(qtbot, n: int):
    m = wide_model(n)
    _, stack, sc, view = make_canvas(qtbot, m)
    view.set_zoom(FAR)
    sc.set_model(m, view.zoom)  # what opening does: built far out, the wires pending
    view.viewport().repaint()
    return m, stack, sc, view


def overview_follows(sc, m, inside: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Every wire's line in the far-zoom overview runs where the wire does
    (but those wholly inside the folded group of the nodes ``inside``)."""
    for key in m.edges():
        if key[0] in inside and key[1] in inside:
            continue
        line = sc._layer._line_of(key)
        p1, p2 = sc.wire_ends(*key)
        assert line is not None and line.p1() == p1 and line.p2() == p2, key


def test_auto_layout_and_its_undo_far_out_file_no_wire_until_the_zoom_in(qtbot, monkeypatch, lazy):
    m, stack, sc, view = far_canvas(qtbot, 900)
    pending = len(sc.wires.pending())
    assert pending == len(m.edges())
    filed = filed_keys(monkeypatch)
    rnd = random.Random(2)
    m.set_positions(
        {n: (x + rnd.uniform(-300, 300), y) for n, (x, y) in ((n, m.position(n)) for n in m.nodes())}
    )
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))  # every card moves
    stack.undo()
    stack.redo()
    view.viewport().repaint()
    assert sum(filed) == 0  # noted where they run: no box, no cell
    assert len(sc.wires.pending()) == pending
    overview_follows(sc, m)  # the lines drawn far out are where the wires run
    view.set_zoom(1.0)  # the first region asked for: each noted wire filed once, where it runs now
    x, y = m.position(m.nodes()[len(m) // 2])
    view.centerOn(QPointF(x, y))
    view.viewport().repaint()
    assert sum(filed) == pending
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(sc, m, r) > 0
    for _ in range(3):  # and anywhere else
        view.centerOn(QPointF(*m.position(rnd.choice(m.nodes()))))
        view.viewport().repaint()
        assert_region_drawn(sc, m, view.mapToScene(view.viewport().rect()).boundingRect())
    assert sum(filed) == pending  # none filed twice


def folded_far(qtbot, members: slice):
    """``far_canvas`` of 900 nodes with the nodes ``members`` in a folded group."""
    m, stack, sc, view = far_canvas(qtbot, 900)
    inside = set(m.nodes()[members])
    gid = m.groups.add(inside, "part")
    m.groups.set_collapsed(gid, True)
    view.viewport().repaint()
    return m, sc, view, inside, gid


def test_a_batch_move_beside_a_folded_group_asks_no_question_per_wire(qtbot, monkeypatch, lazy):
    m, sc, view, members, _gid = folded_far(qtbot, slice(300, 340))
    asked = count_calls(monkeypatch, FoldingLayer, "card_of")
    contains = count_calls(monkeypatch, LazyWires, "__contains__")
    rnd = random.Random(3)
    moving = [n for n in m.nodes() if n not in members]
    m.set_positions(
        {n: (x + rnd.uniform(-200, 200), y + 50) for n, (x, y) in ((n, m.position(n)) for n in moving)}
    )
    touching = [k for k in m.edges() if k[0] in members or k[1] in members]
    # the folded nodes once, then each wire drawn to the card: not two questions for every wire
    assert 0 < len(asked) <= len(members) + 2 * len(touching) < len(m.edges())
    assert contains == []  # a pending wire known from the map, not asked of it per wire
    monkeypatch.undo()
    overview_follows(sc, m, members)  # the wires of the folded group's nodes drawn to its card
    view.set_zoom(1.0)
    view.viewport().repaint()
    check_every_wire(SimpleNamespace(model=m, scene=sc))  # each where the groups say (items made now)


def test_a_batch_move_of_a_folded_group_asks_its_card_only_for_wires_crossing_it(qtbot, monkeypatch, lazy):
    """Making room for an opened group moves the folded ones beside it,
    members and all: a wire wholly inside a folded card is hidden with it
    and runs between its cards' places, so its card is not asked where it
    ends (making room at 50,000 nodes asked 42,000 wires, 18,000 of them such)."""
    m, sc, view, members, gid = folded_far(qtbot, slice(300, 400))
    asked = count_calls(monkeypatch, FoldingLayer, "wire_ends")
    rnd = random.Random(4)
    at = {n: m.position(n) for n in m.nodes()}
    m.set_positions({n: (x + rnd.uniform(-200, 200), y + 90) for n, (x, y) in at.items()})
    crossing = [k for k in m.edges() if (k[0] in members) != (k[1] in members)]
    inside = [k for k in m.edges() if k[0] in members and k[1] in members]
    assert len(inside) > 20 and 0 < len(asked) <= len(crossing)
    monkeypatch.undo()
    overview_follows(sc, m, members)
    m.groups.set_collapsed(gid, False)  # the wires inside run between their cards' new places
    view.set_zoom(1.0)
    view.viewport().repaint()
    check_every_wire(SimpleNamespace(model=m, scene=sc))


def test_a_batch_move_finds_the_folded_nodes_without_a_scan_of_the_groups_per_card(qtbot, monkeypatch, lazy):
    """Which card shows each folded node: up each group's nesting once, not
    ``nodes_in`` per card (which scans every group for its children: 110 ms
    a batch move with 1,700 folded cards, by a review's measure)."""
    m, stack, sc, view = far_canvas(qtbot, 900)
    ids = m.nodes()
    gids = [m.groups.add(set(ids[i : i + 20]), f"part {i}") for i in range(0, 800, 20)]
    for g in gids:
        m.groups.set_collapsed(g, True)
    view.viewport().repaint()
    scans = count_calls(monkeypatch, GroupSet, "children")
    at = {n: m.position(n) for n in m.nodes()}
    m.set_positions({n: (x + 40.0, y + 30.0) for n, (x, y) in at.items()})
    assert len(scans) < len(gids) // 4
    monkeypatch.undo()
    inside = set(ids[:800])
    overview_follows(sc, m, inside)


def test_the_whole_graph_in_view_is_drawn_whole_after_a_layout_spread_it_once(qtbot, monkeypatch, lazy):
    """The overview's rect never shrinks: after the cards were spread wide and
    came back, a view of every card is no "small part" of them, so its paint
    files no line by where it is (a line index of every wire) to draw them all."""
    m, stack, sc, view = far_canvas(qtbot, 900)
    layer = sc._layer
    was = {n: m.position(n) for n in m.nodes()}
    C.push(stack, C.LayoutCommand(m, {n: (x * 12, y * 12) for n, (x, y) in was.items()}))
    view.viewport().repaint()
    fills = count_calls(monkeypatch, LineIndex, "fill")
    stack.undo()  # back where they were; the layer keeps the wide rect
    view.centerOn(sc.graph_rect().center())
    QApplication.processEvents()
    view.viewport().repaint()
    assert layer.moved_batches == 2 and fills == []
    monkeypatch.undo()
    drawn = view.viewport().grab().toImage()
    layer.invalidate()  # the layer rebuilt from the items: the same picture
    view.viewport().repaint()
    assert view.viewport().grab().toImage() == drawn


def test_after_a_batch_move_a_view_of_a_few_percent_draws_every_line_without_filing_them(
    qtbot, monkeypatch, lazy
):
    """After a batch move no line index is kept; the first paint of a view
    showing a few percent of the graph draws every line (Qt clips them)
    rather than filing all of them by where they are; what it draws stays
    right through a card moved and back."""
    m, stack, sc, view = far_canvas(qtbot, 900)
    layer = sc._layer
    C.push(stack, C.LayoutCommand(m, {n: (m.position(n)[0] * 10, m.position(n)[1] * 10) for n in m.nodes()}))
    view.centerOn(sc.graph_rect().center())
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    whole = sc.graph_rect()
    assert 1 / 256 < seen.width() * seen.height() / (whole.width() * whole.height()) < 1 / 16
    fills = count_calls(monkeypatch, LineIndex, "fill")
    QApplication.processEvents()
    view.viewport().repaint()
    assert fills == []
    drawn = view.viewport().grab().toImage()
    centre = seen.center()  # a card well inside the view (ids_near is a superset, in no set order)
    cx, cy = centre.x(), centre.y()
    n = min(sc.ids_near(seen), key=lambda i: abs(m.position(i)[0] - cx) + abs(m.position(i)[1] - cy))
    x, y = m.position(n)
    m.set_position(n, x + 30, y)  # a small repaint where the card was and is
    QApplication.processEvents()
    view.viewport().repaint()
    assert view.viewport().grab().toImage() != drawn
    m.set_position(n, x, y)
    QApplication.processEvents()
    view.viewport().repaint()
    assert view.viewport().grab().toImage() == drawn
    layer.invalidate()  # the layer rebuilt from the items: the same picture
    view.viewport().repaint()
    assert view.viewport().grab().toImage() == drawn
