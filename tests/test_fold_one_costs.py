"""Folding or opening one group of a big graph (issue 10): the graph's
bounds keep their extremes across the few cards folded away or shown (as a
single card hidden does), found again by a pass over every card only when
one of them held an edge. Counted, never timed; the bounds are checked
against every card's."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtWidgets import QApplication
from scene_checks import brute_rect
from test_bulk_edits import grid_model


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
