"""Folding or opening one group of a big grouped graph does work that
follows the group, not the graph (issue 10's 50,000-node rows:
benchmarks/bench_scaling.py). Counted at two sizes, never timed; what is
shown and undone is checked by the tests of each part."""

from __future__ import annotations

import random

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_bulk_edits import grid_model
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.graph.groups import Group
from gui.canvas.cards.card_bounds import CardBounds
from gui.canvas.cards.card_grid import CardGrid


def crowd(n: int):
    """A graph of ``n`` cards never laid out (each up to 300 px off a grid of
    40 columns: they overlap), and a group of 100 of them spread over all of
    it, apart from one another, as a group taken in a big graph's order
    spans it (the benchmark's rows; setup)."""
    m = grid_model(n)
    rows = n // 40
    mine = {f"v{(k * rows // 100) * 40 + (k * 7) % 40}" for k in range(100)}  # (rows and columns apart)
    rnd = random.Random(5)
    m.set_positions(
        {
            k: (x + rnd.uniform(-300, 300), y + rnd.uniform(-300, 300))
            for k, (x, y) in ((k, m.position(k)) for k in m.nodes() if k not in mine)
        }
    )
    m.groups.load([Group("g", "spread", mine)])
    return m


def cards_asked_opening_one(qtbot, w, tmp_path, n: int, monkeypatch) -> int:
    """How many cards the scene is asked for while one group, folded, opens
    in place onto the crowd (the room it would make tidies nothing: none made)."""
    open_saved(qtbot, w, crowd(n), tmp_path / f"g{n}.mgraph")
    one = "g"
    w.grouping.set_collapsed([one], True)
    QApplication.processEvents()
    before = {k: w.model.position(k) for k in w.model.nodes()}
    with monkeypatch.context() as mp:
        asked = count_calls(mp, w.scene, "node_item")
        assert w.grouping.set_collapsed([one], False)
        QApplication.processEvents()
    assert {k: w.model.position(k) for k in w.model.nodes()} == before  # (opened onto it as it is)
    assert not w.model.groups.get(one).collapsed
    return len(asked)


def test_opening_one_group_onto_a_crowd_asks_for_cards_the_group_holds_not_the_graph(
    qtbot, window, tmp_path, monkeypatch
):
    """The frame of a group spanning the graph lies over a jittered crowd:
    whether the cards there overlap is known at the first pair found, not
    after looking at each card under the frame (~0.15 s of the 50,000-node
    row "open it in place")."""
    small = cards_asked_opening_one(qtbot, window, tmp_path, 2000, monkeypatch)
    big = cards_asked_opening_one(qtbot, window, tmp_path, 8000, monkeypatch)
    # (its own cards, what they feed, and the crowd's first few: which few
    # follows the order string sets iterate in, not the graph's size)
    assert small < 500 and big < 500, (small, big)


class Read(dict):
    """Positions that count the cards read one by one."""

    reads = 0

    def __getitem__(self, key):
        Read.reads += 1
        return super().__getitem__(key)


def layered_grid(columns: int) -> CardGrid:
    """A graph laid out in ``columns`` layers of 30 cards, each topped by a
    card at y = 0: its top edge held by a card of every column."""
    grid = CardGrid(QRectF(-5.0, -5.0, 10.0, 10.0))
    for c in range(columns):
        for r in range(30):
            grid.put(f"c{c}r{r}", c * 300.0, r * 120.0)
    return grid


def test_folding_a_card_on_an_edge_many_share_finds_it_again_from_one_of_them():
    """A group folded from a laid-out graph took a card of its top row (every
    column's first): the edge is found again at the first card still on it,
    not from each card of the outer row of cells (~20 ms of "collapse one
    group" at 50,000 nodes), however many columns the graph has."""
    reads = []
    for columns in (50, 400):
        grid = layered_grid(columns)
        bounds = grid.bounds
        whole = bounds.rect()
        bounds._pos = Read(bounds._pos)
        hid = {f"c{columns // 2}r{r}" for r in range(10)}  # a group of the middle column's top
        bounds.change_hidden(hid, set())
        Read.reads = 0
        assert bounds.rect() == whole  # (the others' tops hold it)
        reads.append(Read.reads)
        assert bounds.sweeps == 1
    assert max(reads) <= 30, reads


def test_the_bounds_kept_through_folds_moves_and_openings_are_every_shown_cards():
    """Random folds, openings, moves and single cards shown or hidden in a
    graph with many cards on each edge: the bounds are always those of the
    shown cards, however the edges were lost and found (a card moved past
    a lost edge moves where it may be found)."""
    for seed in range(40):
        rng = random.Random(seed)
        grid = CardGrid(QRectF(-5.0, -5.0, 10.0, 10.0))
        n = rng.choice((30, 300, 1500))
        ids = [f"v{i}" for i in range(n)]
        for k in ids:  # (on a coarse lattice: many cards share each edge)
            grid.put(k, rng.randrange(40) * 100.0, rng.randrange(30) * 50.0)
        bounds = grid.bounds
        bounds.rect()
        for _ in range(60):
            op = rng.random()
            if op < 0.3:
                bounds.set_hidden(set(rng.sample(ids, rng.randrange(max(1, n // 10)))))
            elif op < 0.5:
                hid, shown = (set(rng.sample(ids, rng.randrange(max(1, n // 12)))) for _ in range(2))
                bounds.change_hidden(hid, shown)
            elif op < 0.75:
                grid.put(rng.choice(ids), rng.randrange(-5, 45) * 100.0, rng.randrange(-3, 33) * 50.0)
            elif op < 0.85:
                bounds.set_shown(rng.choice(ids), rng.random() < 0.5)
            elif op < 0.9:
                bounds.set_hidden(set())
            if rng.random() < 0.5:
                assert bounds.rect() == shown_rect(bounds), seed


def shown_rect(bounds: CardBounds) -> QRectF:
    """The rect of every shown card, by a pass over them all (the reference)."""
    pts = [p for k, p in bounds.positions().items() if k not in bounds.hidden()]
    if not pts:
        return QRectF()
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return bounds.card.translated(min(xs), min(ys)).united(bounds.card.translated(max(xs), max(ys)))


def test_expand_all_takes_back_how_far_the_open_graphs_copies_reach(qtbot, window, tmp_path, monkeypatch):
    """Collapse All, Expand All, again: the linked wires with every group
    open are the same set each time (the rule's, the wiring unchanged), so
    how far each card's copies reach is taken back as it was, not worked out
    and filed again card by card (~30 ms of Expand All at 50,000 nodes); the
    frames stand where they stood, the reach as a fresh count has it."""
    from test_fold_passes import grouped_dag

    from gui.canvas.linked.reach import MANY_LINES, CopyReach

    w = window
    open_saved(qtbot, w, grouped_dag(3000, nested=False), tmp_path / "g.mgraph")
    folding, reach = w.scene.folding, w.scene.linked.copy_reach
    gids = w.model.groups.ids()
    folding.settle()
    frames = {g: folding.frame(g).outline() for g in gids}
    assert len(w.scene.linked.rule.every_key()) > MANY_LINES  # (many leaves shared across groups)
    worked = count_calls(monkeypatch, CopyReach, "_whole_reach")
    for _ in range(2):
        w.grouping.set_collapsed(gids, True)
        QApplication.processEvents()
        w.grouping.action_expand_all.trigger()
        QApplication.processEvents()
        folding.settle()
        assert {g: folding.frame(g).outline() for g in gids} == frames
        assert reach._ends == CopyReach._whole_reach(reach, w.scene.linked.rule.every_key())
    assert len(worked) == 1 + 2  # the folded graph's once (and the two checks here)
