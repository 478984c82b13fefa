"""Opening one group in place moves (nearly) every other card to make room
(issue 10: 49,899 of 50,000 in benchmarks/bench_scaling.py): the wires'
ends are worked out in one pass over the wire maps, not looked up wire by
wire from a set of the moved cards' wires, and the groups' frames are all
measured again without asking each moved card for its group. Counted,
never timed; the overview's lines, the wires and the frames are checked
to be where they go."""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_lazy_wires import assert_region_drawn
from test_move_costs import far_canvas, lazy, overview_follows  # noqa: F401  (a fixture)

from core.graph.groups import GroupSet
from gui.canvas.scene_batches import SceneBatches


def test_moving_nearly_every_card_walks_the_wires_once_and_asks_no_card_its_group(qtbot, monkeypatch, lazy):
    m, _stack, sc, view = far_canvas(qtbot, 900)
    ids = m.nodes()
    gids = [m.groups.add(set(ids[i : i + 50]), f"part {i}") for i in range(0, len(ids), 50)]
    QApplication.processEvents()
    staying = set(m.groups.nodes_in(gids[0]))  # the group opened: the others make room
    rnd = random.Random(4)
    moves = {
        n: (x + rnd.uniform(-400, 400), y + 300)
        for n, (x, y) in ((n, m.position(n)) for n in ids if n not in staying)
    }
    wires_of = count_calls(monkeypatch, SceneBatches, "wires_of")
    group_of = count_calls(monkeypatch, GroupSet, "group_of")
    m.set_positions(moves)
    QApplication.processEvents()  # the frames follow
    assert wires_of == []  # no set of the moved cards' wires, each then looked up
    assert len(group_of) < len(moves) // 10  # every group measured again, no question per card
    monkeypatch.undo()
    overview_follows(sc, m)  # each line drawn far out where its wire runs
    folding = sc.folding
    frames = {g: folding.frame(g).outline() for g in gids}
    folding._dirty = None  # every frame measured from scratch: the same
    folding._place()
    assert frames == {g: folding.frame(g).outline() for g in gids}
    view.set_zoom(1.0)  # the wires filed where they run: those in view drawn there
    for n in rnd.sample(ids, 3):
        view.centerOn(QPointF(*m.position(n)))
        view.viewport().repaint()
        assert_region_drawn(sc, m, view.mapToScene(view.viewport().rect()).boundingRect())


def wide_window(qtbot):
    """A window with a 600-node graph of many columns open: it, its model and the ids."""
    from test_move_costs import wide_model
    from window_helpers import make_window

    w = make_window(qtbot, None)
    w.open_model(wide_model(600), "big")
    QApplication.processEvents()
    return w, w.model, w.model.nodes()


def test_opening_a_group_of_nearly_everything_asks_the_few_cards_outside(qtbot, monkeypatch):
    """A group of all but a few nodes (the trial: Select All, Ctrl+G, fold,
    open: 17 s frozen at 20,000 nodes) opens asking the cards outside where
    they are, not every card inside for its neighbours; a card outside on
    one inside still makes room, one on free space does not."""

    from gui.canvas.cards.node_item import NodeItem

    w, m, ids = wide_window(qtbot)
    lone = ids[-1]
    x, y = m.position(lone)
    m.set_position(lone, x + 10_000, y + 10_000)  # outside, on free space
    gid = m.groups.add(set(ids[:-1]), "nearly everything", collapsed=True)
    QApplication.processEvents()
    bounds = count_calls(monkeypatch, NodeItem, "sceneBoundingRect")
    before = {n: m.position(n) for n in ids}
    w.grouping.set_collapsed([gid], False)
    assert len(bounds) < 50  # not a question per card inside (599 of them, each about its neighbours)
    assert {n: m.position(n) for n in ids} == before  # nothing landed on the lone card: no room made
    w.action_undo.trigger()
    a = ids[len(ids) // 2]
    m.set_position(lone, *m.position(a))  # now on a card inside: room is made
    QApplication.processEvents()
    w.grouping.set_collapsed([gid], False)
    assert m.position(lone) != m.position(a) or any(m.position(n) != before[n] for n in ids[:-1])


def test_a_small_group_opening_onto_free_space_walks_no_list_of_every_card(qtbot, monkeypatch):
    """Whether it lands on anything is asked of the cards near its own
    (a group of 100 among 50,000: no list of the 49,900 others made)."""

    w, m, ids = wide_window(qtbot)
    small = set(ids[:10])
    for n in small:  # far from the rest, on free space
        x, y = m.position(n)
        m.set_position(n, x + 50_000, y)
    gid = m.groups.add(small, "a few", collapsed=True)
    QApplication.processEvents()
    sc = w.scene
    walks: list[int] = []

    class Walked(dict):
        def __iter__(self):
            walks.append(len(self))
            return super().__iter__()

    real = sc.node_map
    monkeypatch.setattr(sc, "node_map", lambda: Walked(real()))
    before = {n: m.position(n) for n in ids}
    w.grouping.set_collapsed([gid], False)
    assert not m.groups.get(gid).collapsed
    assert {n: m.position(n) for n in ids} == before  # no room made
    assert walks == []


def test_a_group_overlapping_itself_opens_as_it_was_as_expand_all_opens_it(qtbot):
    """A graph whose cards overlap anyway (benchmarks/bench_scaling.py's,
    jittered, in groups of 100 along the topological order): opened, a
    group's cards lie on others' as they did before it was folded. Expand
    All leaves such a graph as it is (``lands_on_others``); opening one
    group of it did not: it pushed 49,899 of 50,000 cards ~10^6 units away
    (~1 s), clearing nothing. No card moves now, and the undo stack holds
    no room to give back."""
    w, m, ids = wide_window(qtbot)
    rnd = random.Random(5)
    m.set_positions({n: (x + rnd.uniform(-500, 500), y + rnd.uniform(-500, 500)) for n, (x, y) in
                     ((n, m.position(n)) for n in ids)})  # fmt: skip
    order = m.topological_order()
    gids = [m.groups.add(set(order[i : i + 100]), f"part {i}") for i in range(0, len(order), 100)]
    QApplication.processEvents()
    before = {n: m.position(n) for n in ids}
    w.grouping.set_collapsed(gids, True)
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert {n: m.position(n) for n in ids} == before  # Expand All: left as it is
    one = gids[len(gids) // 2]
    w.grouping.set_collapsed([one], True)
    QApplication.processEvents()
    w.grouping.set_collapsed([one], False)
    QApplication.processEvents()
    assert not m.groups.get(one).collapsed
    moved = [n for n in ids if m.position(n) != before[n]]
    assert moved == []
    assert w.undo_stack.command(w.undo_stack.index() - 1).room is None


def test_room_made_among_folded_cards_works_out_no_wire_between_two_of_them_twice(qtbot, monkeypatch, lazy):
    """Opening one group among folded ones (benchmarks/bench_scaling.py's
    row "open a laid-out group (making room)": 499 folded cards moved): a
    wire between two folded cards is drawn from the cards, which are placed
    after the move and re-route it; the move worked each one's ends out
    first too, from the cards not yet moved (23,887 of 42,301 wires at
    50,000 nodes, ~0.35 s). Counted: only the wires at a plain card are
    asked of the cards, the moved cards' wires are read off the wire maps
    in one pass; every line still ends up where its wire runs."""
    m, _stack, sc, _view = far_canvas(qtbot, 900)
    ids = m.nodes()
    gids = [m.groups.add(set(ids[i : i + 50]), f"part {i}") for i in range(0, len(ids), 50)]
    for g in gids[1:]:
        m.groups.set_collapsed(g, True)
    QApplication.processEvents()
    staying = set(m.groups.nodes_in(gids[0]))  # the group opened: the folded ones make room
    shift = {g: (random.Random(i).uniform(-400, 400), 300.0) for i, g in enumerate(gids[1:])}
    moves = {}
    for g, (dx, dy) in shift.items():
        for n in m.groups.nodes_in(g):
            x, y = m.position(n)
            moves[n] = (x + dx, y + dy)
    at_cards = count_calls(monkeypatch, type(sc.folding), "wire_ends")  # (the folding layer's class)
    wires_of = count_calls(monkeypatch, SceneBatches, "wires_of")
    m.set_positions(moves)
    assert wires_of == []  # the moved cards' wires read off the wire maps, no set of them made and looked up
    asked = len(at_cards)
    QApplication.processEvents()  # the cards follow, and re-route their wires
    monkeypatch.undo()
    of = m.groups.group_of
    plain = [k for k in m.edges() if (k[0] in staying) != (k[1] in staying)]
    between = [k for k in m.edges() if k[0] not in staying and k[1] not in staying and of(k[0]) != of(k[1])]
    assert between  # (the test's point: there are such wires)
    assert asked <= len(plain)  # each wire between two folded cards not asked of them
    # (every node moved is folded away: its move held for its card, gui/canvas/folded_moves.py,
    # so no wire of it is worked out at all; before, those between two cards were skipped)
    assert sc.card_wires_skipped == 0 and sc.held_moves == len(moves)
    overview_follows(sc, m)  # each line drawn far out where its wire runs (at the cards' ports)


def test_a_tidy_group_opening_onto_a_jumble_opens_as_it_was(qtbot):
    """The same jittered graph, but the opened group's own cards happen to
    lie clear of each other (the benchmark's at 20,000 nodes): it opened
    onto cards lying on one another and pushed nearly every other card
    away, tidying nothing. It opens as it was now, as Expand All opens it;
    onto laid-out cards room is still made (tests/test_make_room*.py)."""
    w, m, ids = wide_window(qtbot)
    rnd = random.Random(5)
    m.set_positions({n: (x + rnd.uniform(-500, 500), y + rnd.uniform(-500, 500)) for n, (x, y) in
                     ((n, m.position(n)) for n in ids)})  # fmt: skip
    tidy = ids[:6]
    x0, y0 = m.position(ids[len(ids) // 2])  # among the others, in a column of its own
    m.set_positions({n: (x0, y0 + 120.0 * k) for k, n in enumerate(tidy)})
    gid = m.groups.add(set(tidy), "tidy", collapsed=True)
    QApplication.processEvents()
    sc = w.scene
    frame_nodes = [n for n in ids if n not in tidy]
    assert any(  # (it does land on others: room would be made for it)
        abs(m.position(n)[0] - x0) < 132 and y0 - 64 < m.position(n)[1] < y0 + 700 for n in frame_nodes
    )
    before = {n: m.position(n) for n in ids}
    w.grouping.set_collapsed([gid], False)
    QApplication.processEvents()
    assert not m.groups.get(gid).collapsed and sc.folding.frame(gid) is not None
    assert [n for n in ids if m.position(n) != before[n]] == []
    assert w.undo_stack.command(w.undo_stack.index() - 1).room is None
