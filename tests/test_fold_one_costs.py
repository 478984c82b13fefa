"""Folding or opening one group of a big graph (issue 10): the graph's
bounds keep their extremes across the few cards folded away or shown (as a
single card hidden does), found again by a pass over every card only when
one of them held an edge. Counted, never timed; the bounds are checked
against every card's."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from scene_checks import Walked, brute_rect
from test_bulk_edits import grid_model

from gui.canvas.cards.card_bounds import CardBounds
from gui.groups.commands import FoldCommand


def test_folding_one_inner_group_finds_the_bounds_without_a_pass_over_every_card(qtbot):
    m = grid_model(800)  # 40 columns by 20 rows
    _, _, sc, _ = make_canvas(qtbot, m)
    inner = m.groups.add({f"v{r * 40 + c}" for r in range(8, 11) for c in range(15, 20)}, "inner")
    edge = m.groups.add({f"v{r * 40 + c}" for r in range(0, 3) for c in range(0, 4)}, "corner")
    QApplication.processEvents()
    bounds = sc._grid.bounds
    assert sc.graph_rect() == brute_rect(sc)
    found = bounds.recounts
    for collapsed in (True, False, True, False):  # folded, opened, again
        m.groups.set_collapsed(inner, collapsed)
        QApplication.processEvents()
        assert sc.graph_rect() == brute_rect(sc)
    assert bounds.recounts == found  # no pass over the cards
    m.groups.set_collapsed(edge, True)  # its cards held two edges: found again, right
    QApplication.processEvents()
    assert sc.graph_rect() == brute_rect(sc)
    m.groups.set_collapsed(edge, False)
    QApplication.processEvents()
    assert sc.graph_rect() == brute_rect(sc)


def test_every_card_folded_away_leaves_no_bounds_without_a_walk_over_the_cards():
    bounds = CardBounds(QRectF(-5.0, -5.0, 10.0, 10.0))
    bounds.take_all({f"v{i}": (float(i), float(-i)) for i in range(1000)})
    assert bounds.rect() == QRectF(-5.0, -1004.0, 1009.0, 1009.0)
    bounds._pos = Walked(bounds._pos)
    Walked.walks = 0
    bounds.set_hidden({f"v{i}" for i in range(1000)})  # Collapse All
    assert bounds.rect().isNull()
    assert Walked.walks <= 1  # (the hidden ones kept to the known: one intersection), no pass to find none
    bounds.set_hidden({f"v{i}" for i in range(990)})  # ten shown again: found from them
    assert bounds.rect() == QRectF(985.0, -1004.0, 19.0, 19.0)


def test_every_card_shown_again_where_it_was_finds_the_bounds_without_a_pass():
    """Expand All after Collapse All shows every card again where it was:
    the extremes from before any was hidden are kept until a card moves
    (a pass over 50,000 positions, ~15-20 ms of Expand All, found them again)."""
    bounds = CardBounds(QRectF(-5.0, -5.0, 10.0, 10.0))
    bounds.take_all({f"v{i}": (float(i), float(-i)) for i in range(1000)})
    whole = bounds.rect()
    every = {f"v{i}" for i in range(1000)}
    bounds._pos = Walked(bounds._pos)
    for _ in range(2):
        bounds.set_hidden(every)  # Collapse All
        assert bounds.rect().isNull()
        Walked.walks = 0
        bounds.set_hidden(set())  # Expand All
        assert bounds.rect() == whole
        assert Walked.walks <= 1  # (the shown ones kept to the known: one intersection), no pass to find them
    bounds.set_hidden(every)
    bounds.put("v3", 5000.0, 3.0)  # moved while folded away: found again, right
    bounds.set_hidden(set())
    assert bounds.rect() == QRectF(-5.0, -1004.0, 5010.0, 1012.0)


def test_expand_all_after_collapse_all_finds_the_bounds_without_a_pass(qtbot):
    m = grid_model(800)
    _, _, sc, _ = make_canvas(qtbot, m)
    columns = [{f"v{r * 40 + c}" for r in range(20) for c in range(k, k + 4)} for k in range(0, 40, 4)]
    gids = [m.groups.add(ids, f"g{k}") for k, ids in enumerate(columns)]
    QApplication.processEvents()
    bounds = sc._grid.bounds
    whole = sc.graph_rect()
    assert whole == brute_rect(sc)
    found = bounds.recounts
    for collapsed in (True, False):
        FoldCommand(m, gids, collapsed).apply()  # Collapse All, Expand All
        QApplication.processEvents()
        assert sc.graph_rect() == brute_rect(sc)
    assert sc.graph_rect() == whole
    assert bounds.recounts == found + 1  # the folded graph's: none for every card shown again


def test_a_folded_edge_is_found_again_from_the_outer_cells_not_every_card():
    """One group folded among many cards took an edge with it: the new
    extremes come from the grid's outermost cells holding a shown card
    (right, however the hidden cards lie), with no walk over every position."""
    import random

    from gui.canvas.cards.card_grid import CardGrid

    rng = random.Random(7)
    grid = CardGrid(QRectF(-5.0, -5.0, 10.0, 10.0))
    where = {f"v{i}": (rng.uniform(-3000, 3000), rng.uniform(-2000, 2000)) for i in range(4000)}
    for n, (x, y) in where.items():
        grid.put(n, x, y)
    bounds = grid.bounds
    bounds.rect()  # (found once, as the first Fit does)
    bounds._pos = Walked(bounds._pos)
    ids = sorted(where)
    edges = {min(ids, key=lambda n: where[n][k]) for k in (0, 1)} | {
        max(ids, key=lambda n: where[n][k]) for k in (0, 1)
    }
    for trial in range(30):
        hidden = set(rng.sample(ids, rng.choice((1, 20, 100)))) | set(rng.sample(sorted(edges), 2))
        if trial % 3 == 0:  # the outer cells' every card folded away: the next ones inward
            hidden |= {n for n, (x, _) in where.items() if x < -2700}
        bounds.set_hidden(hidden)
        Walked.walks = 0
        shown = [p for n, p in where.items() if n not in hidden]
        xs, ys = [p[0] for p in shown], [p[1] for p in shown]
        want = QRectF(-5.0, -5.0, 10.0, 10.0).translated(min(xs), min(ys))
        want = want.united(QRectF(-5.0, -5.0, 10.0, 10.0).translated(max(xs), max(ys)))
        assert bounds.rect() == want
        assert Walked.walks == 0
        bounds.set_hidden(set())
