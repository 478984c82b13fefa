"""Big garbage freed once the event loop is idle, not inside the gesture
that made it (gui/document/heap.py's ``free_later``): a fold's old overview
lines (~38,000 Qt objects at 50,000 nodes, ~28 ms to free)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QLineF
from PySide6.QtWidgets import QApplication
from test_fold_lazy import lazy  # noqa: F401
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.document import heap


class Held:
    """Something weakly referable to watch."""


def test_what_is_handed_over_lives_until_the_loop_is_idle(qtbot):
    qtbot.waitUntil(lambda: not heap._LATER, timeout=3000)  # (what a test before handed over: gone)
    held = Held()
    gone = weakref.ref(held)
    heap.free_later([held])
    heap.free_later(None)  # (nothing: no error)
    del held
    gc.collect()
    assert gone() is not None  # kept past the gesture that dropped it
    qtbot.waitUntil(lambda: gone() is None, timeout=3000)


def test_expand_all_hands_the_folds_lines_over_instead_of_freeing_them(lazy, window, tmp_path, monkeypatch):
    """Far out, Expand All after Collapse All puts back the overview's lines
    of every group open; the fold's lines of those wires are not freed inside
    the gesture (~15 ms at 50,000 nodes): they are kept for the next Collapse
    All (gui/canvas/folding/open_routes.py), and handed to ``free_later`` when
    that finds the graph changed since and draws its own."""
    from test_fold_batches import crossing, open_grouped

    from gui.canvas.folding.fold_routes import MANY

    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    w.view.set_zoom(w.view.zoom * 0.98)  # not fitted (Collapse All would fit a fitted view again)
    QApplication.processEvents()
    assert w.scene.far and len(crossing(w)) >= MANY
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    folded = set(map(id, w.scene._layer._lines[None].values()))
    handed: list = []
    monkeypatch.setattr(heap, "free_later", lambda held: handed.append(held))
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    routes = w.scene.folding._index.routes
    assert routes.reused == 1  # (the lines of before put back)
    assert not [h for h in handed if isinstance(h, list) and len(h) >= MANY]  # (none freed: kept)
    m = w.model
    n = next(iter(m.nodes()))
    x, y = m.position(n)
    w.editor.move_nodes({n: ((x, y), (x + 400.0, y))})  # the graph changed: the kept lines are for nothing
    QApplication.processEvents()
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    lines = [h for h in handed if isinstance(h, tuple) and len(h) == 2 and len(h[1]) >= MANY]
    assert len(lines) == 1 and all(isinstance(x, QLineF) and id(x) in folded for x in lines[0][1])
