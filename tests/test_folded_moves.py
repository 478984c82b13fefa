"""Opening one group among many folded ones (benchmarks/bench_scaling.py's
row "open a laid-out group (making room)"): the folded cards on its far
sides move, and the nodes hidden inside them move in the model (the
document) but not one by one on the canvas: their moves are held for their
card (gui/canvas/folded_moves.py) and made when it opens. Counted, never
timed; every card and wire is checked to be where the model says once
applied, after the opening, its undo and its redo."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_open_in_place_costs import wide_window


def folded_among_many(qtbot):
    """The bench's scene in small: groups of 20 nodes along the topological
    order, all folded and laid out as cards; the window, its model, the
    groups and the one opened in the middle."""
    w, m, _ids = wide_window(qtbot)
    order = m.topological_order()
    gids = [m.groups.add(set(order[i : i + 20]), f"part {i}") for i in range(0, len(order), 20)]
    w.grouping.set_collapsed(gids, True)
    w.action_layout.trigger()
    QApplication.processEvents()
    return w, m, gids, gids[len(gids) // 2]


def assert_cards_where_the_model_says(w, m) -> None:
    sc = w.scene
    pos = sc.card_positions()  # (what is held applied first)
    assert sc.held_cards() == []
    for n in m.nodes():
        assert sc.node_item(n).pos().toTuple() == m.position(n) == pos[n]


def test_opening_one_group_among_folded_ones_moves_no_card_folded_away(qtbot):
    w, m, gids, one = folded_among_many(qtbot)
    sc = w.scene
    inside = set(m.groups.nodes_in(one))
    before = {n: m.position(n) for n in m.nodes()}
    items, held = sc.batch_items, sc.held_moves
    w.grouping.set_collapsed([one], False)
    QApplication.processEvents()
    moved = [n for n in m.nodes() if m.position(n) != before[n]]
    folded_away = [n for n in moved if n not in inside]
    assert len(folded_away) > 100  # (the test's point: room was made, folded cards moved)
    assert sc.batch_items - items <= len(inside)  # no card folded away moved (before: each of them)
    assert sc.held_moves - held == len(folded_away)  # held for their cards instead
    for g in gids:  # each folded card where its nodes are
        card = sc.folding.card(g)
        if card is not None:
            xs, ys = zip(*(m.position(n) for n in m.groups.nodes_in(g)))
            assert card.pos().toTuple() == (min(xs), min(ys))
    after = {n: m.position(n) for n in m.nodes()}
    w.action_undo.trigger()
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} == before
    w.action_redo.trigger()
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} == after
    moved_card = next(g for g in gids if g != one and any(n in folded_away for n in m.groups.nodes_in(g)))
    assert moved_card in sc.held_cards()
    w.grouping.set_collapsed([moved_card], False)  # opened: its cards where the model has them
    QApplication.processEvents()
    assert moved_card not in sc.held_cards()
    for n in m.groups.nodes_in(moved_card):
        assert sc.node_item(n).pos().toTuple() == m.position(n)
    assert_cards_where_the_model_says(w, m)
    w.grouping.expand_all()
    QApplication.processEvents()
    assert_cards_where_the_model_says(w, m)


def test_making_room_asks_no_folded_card_for_its_nested_groups_one_by_one(qtbot, monkeypatch):
    """The units making room are the folded cards' nodes, each card's read
    from one map of the groups' children (``nodes_in`` looks through every
    group for each card's: 500 × 500 at 50,000 nodes, ~11 ms)."""
    from scene_checks import count_calls

    from core.graph.groups import GroupSet

    w, m, gids, one = folded_among_many(qtbot)
    before = {n: m.position(n) for n in m.nodes()}
    children = count_calls(monkeypatch, GroupSet, "children")
    w.grouping.set_collapsed([one], False)
    assert any(m.position(n) != before[n] for n in m.nodes())  # room made
    assert len(children) < len(gids) // 2


def test_the_graphs_bounds_learn_of_one_card_opened_from_its_nodes_alone(qtbot, monkeypatch):
    """The graph's bounds are told which nodes the opened card showed (and
    the cards folded in it hide), not handed a set of every node of the
    other folded cards to compare (49,900 at 50,000 nodes); they are right."""
    from scene_checks import brute_rect, count_calls

    from gui.canvas.cards.card_bounds import CardBounds

    w, m, gids, one = folded_among_many(qtbot)
    sc = w.scene
    every = count_calls(monkeypatch, CardBounds, "set_hidden")
    w.grouping.set_collapsed([one], False)
    QApplication.processEvents()
    assert every == []
    assert sc.graph_rect() == brute_rect(sc)
    w.action_undo.trigger()  # folded again
    QApplication.processEvents()
    assert every == []
    assert sc.graph_rect() == brute_rect(sc)
    monkeypatch.undo()
    w.grouping.expand_all()
    QApplication.processEvents()
    assert sc.graph_rect() == brute_rect(sc)


def test_making_room_reads_the_held_moves_into_the_positions_read_already(qtbot):
    """The folding layer reads where every card is with the moves held read
    in (a copy of every position, ~50,000 at 50,000 nodes) when the opened
    group is placed; the room made then holds the moves of the folded cards
    it pushes, which are read into that copy, not every position copied
    again for the cards' placing (once per opening, not twice); what it
    reads is still where the model has each node."""
    w, m, gids, one = folded_among_many(qtbot)
    sc = w.scene
    before = {n: m.position(n) for n in m.nodes()}
    made = sc.overlays_made
    w.grouping.set_collapsed([one], False)
    QApplication.processEvents()
    assert any(m.position(n) != before[n] for n in m.nodes() if n not in m.groups.nodes_in(one))  # room made
    assert sc.overlays_made - made == 1
    held = sc.card_positions_held()
    assert {n: held[n] for n in m.nodes()} == {n: m.position(n) for n in m.nodes()}
    assert_cards_where_the_model_says(w, m)


def test_placing_the_folded_cards_again_sorts_no_card_of_many_rows_again(qtbot, monkeypatch):
    """A card with more values crossing its boundary than it shows draws
    one summary row, its nodes in a fixed order (by id), which no move
    changes: sorted once when its boundary is read, not at each placing of
    every card (twice when one group opens among 500 and the others make
    room); the rows are the same as sorted afresh."""
    from core.graph.groups import MAX_PORT_ROWS
    from gui.canvas.folding import fold_index

    w, m, gids, one = folded_among_many(qtbot)
    index = w.scene.folding._index
    many = [g for g in gids if max(map(len, index.ports(m, g))) > MAX_PORT_ROWS]
    assert len(many) > 3  # (the test's point: such cards)
    sorts: list[int] = []

    def counted(items, **kw):
        sorts.append(len(items))
        return sorted(items, **kw)

    monkeypatch.setattr(fold_index, "sorted", counted, raising=False)
    before = {n: m.position(n) for n in m.nodes()}
    w.grouping.set_collapsed([one], False)  # placed, room made, placed again
    QApplication.processEvents()
    assert any(m.position(n) != before[n] for n in m.nodes() if n not in m.groups.nodes_in(one))  # room made
    assert [k for k in sorts if k > MAX_PORT_ROWS] == []
    monkeypatch.undo()
    fresh = fold_index.FoldIndex(m.groups)
    fresh.rebuild(m.edges())
    fresh.tell_ends(m.sinks())  # (its nodes used nowhere: rows too)
    for g in many:
        assert index.ports(m, g) == fresh.ports(m, g)


def test_making_room_finds_each_moved_units_card_once_not_each_nodes(qtbot, monkeypatch):
    """The room made among folded cards is told as units (a folded card's
    nodes, a shown card) by their (dx, dy): the plan pairs no node's old
    and new place, the model reads and moves each node once, and the scene
    asks which card shows a unit once for the unit, not for each of its
    nodes (24,900 at 50,000 nodes, 249 cards); undone and redone, every
    node is where it was and where it went."""
    from gui.canvas import folded_moves
    from gui.groups.commands import RoomMove

    w, m, gids, one = folded_among_many(qtbot)
    asked: list[str] = []

    class Counted(dict):
        def get(self, key, default=None):
            asked.append(key)
            return super().get(key, default)

    real = folded_moves.fold_map
    monkeypatch.setattr(folded_moves, "fold_map", lambda *a: Counted(real(*a)))
    before = {n: m.position(n) for n in m.nodes()}
    w.grouping.set_collapsed([one], False)
    QApplication.processEvents()
    monkeypatch.undo()
    after = {n: m.position(n) for n in m.nodes()}
    moved = [n for n in m.nodes() if after[n] != before[n]]
    room = w.undo_stack.command(w.undo_stack.index() - 1).room
    assert isinstance(room, RoomMove) and len(moved) > 100  # (room made, by units)
    assert len(room.units) < len(moved) // 5
    assert 0 < len(asked) <= len(room.units)
    w.action_undo.trigger()
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} == before
    w.action_redo.trigger()
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} == after
    assert_cards_where_the_model_says(w, m)
