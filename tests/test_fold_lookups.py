"""Folding every group of a big graph far out looks each wire crossing a
boundary up as few times as it must (gui/canvas/fold_routes.py,
gui/canvas/lazy_wires.py): at 50,000 nodes each look-up of ~38,000 wire
keys in a big map is a pass of ~20 ms (a key's hash is worked out anew each
time), so the lazy wires are asked once per wire whether it has an item,
not again when its new ends are noted. Counted, never timed; the wires given
up (those with a plain item) are still noted without one."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_fold_batches import crossing, open_grouped
from test_fold_lazy import FAR, lazy  # noqa: F401
from test_layout_moves import drawn
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.fold_routes import MANY


class Asked(dict):
    """A dict that counts the keys looked up in it with ``in``."""

    asked = 0

    def __contains__(self, key: object) -> bool:
        Asked.asked += 1
        return super().__contains__(key)


def test_folding_all_far_out_asks_the_lazy_wires_once_a_crossing_wire(lazy, window, tmp_path):
    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    sc = w.scene
    w.view.set_zoom(FAR)
    QApplication.processEvents()
    assert sc.far
    want = crossing(w)
    assert len(want) > 3 * MANY  # the batch
    wires = sc.wires
    for collapsed in (True, False, True):
        wires._pending = Asked(wires._pending)  # (the map itself, counted: its keys and values kept)
        Asked.asked = 0
        w.grouping.set_collapsed(gids, collapsed)
        assert Asked.asked <= len(want) + MANY, collapsed  # once a wire (twice before: ~2 x len(want))
        wires._pending = dict(wires._pending)
        QApplication.processEvents()
        assert not any(wires.made(k) for k in want)  # given up or never made: noted without an item
        moved = drawn(sc._layer)
        sc._layer._fill()  # what a rebuild from the items and the filed wires draws
        assert moved == drawn(sc._layer), collapsed
