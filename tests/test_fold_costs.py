"""What folding many groups costs (issue 10's Collapse All / Expand All):
each group's boundary is read from its wires once, not at every fold; the
overview's lines for the wires re-routed are set in one call, not wire by
wire."""

from __future__ import annotations

import gc

from test_frame_layer import grouped

from gui.canvas.folding import group_card
from gui.canvas.folding.group_rows import Port
from gui.canvas.folding.kept_rows import NAME_ROOM
from gui.canvas.overview.overview import OverviewLayer
from gui.common import style as S
from gui.document import heap
from gui.groups.commands import FoldCommand


def fold_all(scene, collapsed: bool) -> FoldCommand:
    m = scene.model
    cmd = FoldCommand(m, m.groups.ids(), collapsed)
    cmd.apply()
    return cmd


def test_each_groups_boundary_is_read_from_its_wires_once(qtbot):
    scene, view, _ = grouped(qtbot, nested=False)
    index = scene.folding._index
    n = len(scene.model.groups)
    fold_all(scene, True)
    first = index.ports_made
    assert first == n  # every card: its rows once
    for collapsed in (False, True, False, True):
        fold_all(scene, collapsed)
    assert index.ports_made == first  # folded again: its boundary as it was
    # a wire into g5 goes and one from g0 comes: those groups' (and the old wire's source's) are read again
    m = scene.model
    a, b = m.groups.get("g0"), m.groups.get("g5")
    src, dst = sorted(a.members)[0], sorted(b.members)[-1]
    free = next(p for p, s in enumerate(m.inputs(dst)) if s is None) if None in m.inputs(dst) else None
    if free is None:  # every input taken: rewire the last one
        m.disconnect(dst, len(m.inputs(dst)) - 1)
        free = len(m.inputs(dst)) - 1
    m.connect(src, dst, free)
    scene.folding._place()
    assert index.ports_made - first <= 3


def test_a_fold_sets_the_overviews_lines_in_one_call_not_wire_by_wire(qtbot, monkeypatch):
    scene, view, _ = grouped(qtbot, nested=False)
    assert scene.far
    each: list[tuple] = []
    for name in ("line_moved", "wire_changed"):
        real = getattr(OverviewLayer, name)

        def counting(self, *a, _real=real, **k):
            each.append(a)
            return _real(self, *a, **k)

        monkeypatch.setattr(OverviewLayer, name, counting)
    crossing = set()
    for gid in scene.model.groups.ids():
        crossing |= scene.folding._index.crossing(gid)
    assert len(crossing) > 100  # many: the batch's path
    layer = scene._layer
    for collapsed in (True, False):
        before = layer.lines_batched
        fold_all(scene, collapsed)
        assert layer.lines_batched - before == len(crossing)  # all in one call
    assert each == []


def test_folding_every_group_reads_each_groups_crossing_wires_once(qtbot):
    """Collapse All and Expand All gather the wires to re-route into one set,
    each group's crossing wires read once (they were read into a set per
    group and united twice over: the cards whose ports moved, then the
    cards folded; ~37,000 wires each time at 50,000 nodes)."""
    scene, view, _ = grouped(qtbot, nested=False)
    index = scene.folding._index
    n = len(scene.model.groups)
    for collapsed in (True, False, True, False):
        before, routed = index.crossings_read, scene.folding.routed
        fold_all(scene, collapsed)
        assert index.crossings_read - before == n
        # (every wire crossing a boundary re-routed, as before)
        assert scene.folding.routed - routed == len(index.crossing_all(scene.model.groups.ids()))


def test_what_a_big_fold_made_joins_the_frozen_heap_before_the_collector_is_back(qtbot, monkeypatch):
    """Folding or opening every group of a big graph keeps an end per
    boundary wire (the lazy wires' notes, the routes Expand All puts back):
    from ``heap.FREEZE_FROM`` wires re-routed they are frozen before the
    collector comes back, whose first young collection walked them all
    (~30-45 ms right after Collapse All at 50,000 nodes); a smaller fold
    freezes nothing."""
    scene, view, _ = grouped(qtbot, nested=False)
    folding = scene.folding
    wires = len(folding._index.crossing_all(scene.model.groups.ids()))
    assert wires > 100
    monkeypatch.setattr(heap, "FREEZE_FROM", wires)  # (this graph's batch counts as big)
    freezes, walked = [], []
    real = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(gc.isenabled()) or real())
    gc.collect()
    gc.callbacks.append(collected := lambda phase, info: walked.append(phase))
    try:
        for collapsed in (True, False):
            routed = folding.routed
            fold_all(scene, collapsed)
            assert folding.routed - routed == wires
            assert walked == [], collapsed  # no collection walked what the fold made
            assert gc.get_count()[0] < 100, collapsed  # nothing young left for it
        assert freezes == [False, False]  # once a fold, the collector still paused
        monkeypatch.setattr(heap, "FREEZE_FROM", wires + 1)
        fold_all(scene, True)
        assert len(freezes) == 2  # fewer: left to the collector
    finally:
        gc.callbacks.remove(collected)
        gc.unfreeze()


def test_a_folded_cards_size_is_made_once_a_change_of_its_rows(qtbot, monkeypatch):
    """Qt asks each folded card for its bounding rect some seven times as
    Collapse All makes 500 of them: the card keeps it from its rows, made
    again when they change, not counted out at every question."""
    scene, view, _ = grouped(qtbot, nested=False)
    fold_all(scene, True)
    cards = scene.folding.cards()
    assert cards
    counted: list[int] = []
    real = group_card._rows
    monkeypatch.setattr(group_card, "_rows", lambda ports: counted.append(1) or real(ports))
    for card in cards:
        for _ in range(5):
            card.boundingRect()
            card.rect()
    assert counted == []
    card = cards[0]
    for rows in (3, 5):  # made again with its rows
        card.set_content(card.label, card.count, [Port(f"n{i}", "", 0.0) for i in range(rows)], [])
        assert card.rect().height() == group_card.HEADER_H + 18 + rows * group_card.ROW_H + 6
        # (a short card's bounds hold its name spilling over its edges zoomed out: kept_rows.NAME_ROOM)
        spill = max(0.0, (NAME_ROOM - card.rect().height()) / 2)
        assert card.boundingRect() == card.rect().adjusted(-S.PORT_R - 5, -5 - spill, S.PORT_R + 5, 5 + spill)


def test_expand_all_tells_the_bounds_no_card_is_folded_without_reading_their_nodes(qtbot, monkeypatch):
    """Every group opened (Expand All): the graph's bounds learn that no
    card is folded away as such (they take back the box they had before
    the fold), not from a set of every node of every card gone (49,900 at
    50,000 nodes, ~12 ms); the bounds are those of the graph as before."""
    from gui.canvas.folding import fold_placing

    scene, view, _ = grouped(qtbot, nested=False)
    whole = scene.graph_rect()
    read: list[str] = []
    real = fold_placing.nodes_of

    def counting(gs, gid, kids):
        read.append(gid)
        return real(gs, gid, kids)

    monkeypatch.setattr(fold_placing, "nodes_of", counting)
    fold_all(scene, True)
    assert scene.graph_rect() != whole
    read.clear()
    fold_all(scene, False)
    assert read == []
    assert scene.graph_rect() == whole


def test_the_nodes_used_nowhere_are_filed_by_group_once_until_they_or_the_groups_nodes_change(qtbot):
    """A fold of one group at 50,000 nodes filed its 10,000 sinks by group
    each time; the cards' rows still follow a new sink and a node moved
    from one group to another."""
    scene, view, _ = grouped(qtbot, nested=False)
    index, m = scene.folding._index, scene.model
    fold_all(scene, True)
    filed = index.ends_filed
    for collapsed in (False, True, False, True):
        fold_all(scene, collapsed)
    assert index.ends_filed == filed  # nothing used nowhere changed: filed once
    new = m.add_node("leaf", value=2.0)  # used nowhere, in g3: a row of g3's card
    m.groups.place_node(new, "g3")
    fold_all(scene, False)
    fold_all(scene, True)
    assert index.ends_filed == filed + 1
    assert new in index.ports(m, "g3")[1]
    m.groups.place_node(new, "g5")  # the same sinks, another group: filed again
    scene.folding._rows_later()
    scene.folding.settle()
    assert new in index.ports(m, "g5")[1] and new not in index.ports(m, "g3")[1]


def test_collapse_all_tells_the_bounds_the_nodes_folded_away_set_by_set(qtbot, monkeypatch):
    """Collapse All from every group open: the graph's bounds get the nodes
    of the cards as one set filled from each group's members (no list of
    each card's nodes made for them: a card's own rows read its nodes once),
    kept as the set of the cards folded away, not copied into another
    (49,900 at 50,000 nodes: ~7 ms of the fold); the bounds are the folded
    graph's, and the whole graph's when opened again."""
    from gui.canvas.folding import fold_placing

    scene, view, _ = grouped(qtbot, nested=False)
    whole = scene.graph_rect()
    bounds, gs = scene._grid.bounds, scene.model.groups
    was = bounds.hidden()
    read: list[str] = []
    real = fold_placing.nodes_of

    def counting(gs, gid, kids):
        read.append(gid)
        return real(gs, gid, kids)

    monkeypatch.setattr(fold_placing, "nodes_of", counting)
    fold_all(scene, True)
    assert sorted(read) == sorted(gs.ids())  # (each card's rows)
    hidden = bounds.hidden()
    assert hidden == set().union(*(gs.get(g).members for g in gs.ids())) and hidden is not was
    folded = scene.graph_rect()
    bounds._box = None  # (found again from every card shown)
    assert scene.graph_rect() == folded != whole
    fold_all(scene, False)
    assert scene.graph_rect() == whole
