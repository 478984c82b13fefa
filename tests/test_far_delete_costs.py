"""Deleting cards far out (issue 14's "delete 500 nodes" at 50,000 nodes):
the overview's repaint of where they were is told, not found by a pass over
every card, and has the pixels of a direct paint."""

from __future__ import annotations

from scene_checks import brute_rect
from test_overview_cache import differing, direct, far_canvas, frame, local_grid

from gui.canvas.overview.overview import OverviewLayer


def test_a_big_repaint_after_deleting_edge_cards_asks_no_pass_over_the_cards(qtbot, monkeypatch):
    """The cards on the left and right edges go: the repaint of where they
    and their wires were spans the graph, too big to be a part of it,
    whatever the cards' bounds are now (not found again for it)."""
    scene, view, editor = far_canvas(qtbot, model=local_grid(800))
    bounds = scene._grid.bounds
    ids = scene.model.nodes()
    edges = [n for i, n in enumerate(ids) if i % 40 in (0, 39)]
    scene.select_ids(edges)
    found, swept = bounds.recounts, bounds.sweeps
    editor.delete_selection()
    shown = frame(view)
    assert (bounds.recounts, bounds.sweeps) == (found, swept)  # nothing found for the repaint
    assert differing(shown, direct(view, monkeypatch)) == []
    # Fit asks for them: found then, the lost edges from the grid's outer cells
    view.fit_all()
    frame(view)
    assert bounds.recounts == found and bounds.sweeps == swept + 4  # (the corners held top and bottom too)
    assert scene.graph_rect() == brute_rect(scene)


def test_a_batch_delete_gathers_where_its_cards_and_wires_were_in_one_pass(qtbot, monkeypatch):
    """Each card's block and wire's line is taken away, and where they were
    found by one pass over their corners, not a rect united per item."""
    scene, view, editor = far_canvas(qtbot, model=local_grid(800))
    calls: list[int] = []
    real = OverviewLayer._gone

    def counting(self, r, key):
        calls.append(1)
        real(self, r, key)

    monkeypatch.setattr(OverviewLayer, "_gone", counting)
    ids = scene.model.nodes()
    scene.select_ids(ids[-60:])
    editor.delete_selection()
    shown = frame(view)
    assert calls == []
    assert differing(shown, direct(view, monkeypatch)) == []
