"""Where a lit wire's caption may go (gui/backward/caption_layout.py): the
spots around the wire, cheapest first, are made as they are read, and a
Backward step reads few of each caption's thousands (counted, not timed)."""

from __future__ import annotations

import math
import random

from PySide6.QtWidgets import QApplication
from test_pass_costs import open_graph
from test_pass_records import layered_dag
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from gui.backward import caption_layout
from gui.canvas.painting import wire_curve_at


class _Wire:
    def __init__(self, *ends: float) -> None:
        self._path = wire_curve_at(*ends)

    def path(self):
        return self._path

    shown_path = path  # (what captions are placed by: the curve of a wire drawn whole)


def _every_spot_sorted(edge, w: float, h: float, below: bool) -> list:
    """The spots as the placement defines them, all made and sorted (the reference)."""
    path = edge.path()
    mid = path.pointAtPercent(0.5)
    side = 1.0 if below else -1.0
    step = max(h * 0.7, 8.0)
    dys = [0.0]
    k = 1
    while k * step <= caption_layout.REACH:
        dys += [k * step, -k * step]
        k += 1
    out = []
    for t in caption_layout._TS:
        p = path.pointAtPercent(t)
        along = 0.6 * math.hypot(p.x() - mid.x(), p.y() - mid.y())
        for dy in dys:
            bias = along + (0.0 if dy == 0 or dy * side > 0 else caption_layout.SIDE_BIAS)
            for dx in (0.0, -w / 4, w / 4, -w / 2, w / 2, -w, w):
                out.append((math.hypot(dx, dy) + bias, p.x() + dx, p.y() + dy, p.x(), p.y()))
    out.sort()
    return out


def test_the_spots_made_as_read_are_every_spot_in_cost_order(qapp):
    rnd = random.Random(7)
    for _ in range(40):
        wire = _Wire(*(rnd.uniform(-3000, 3000) for _ in range(4)))
        w, h, below = rnd.uniform(30, 220), rnd.choice([18.0, 19.5, 23.0]), rnd.random() < 0.5
        spots = caption_layout._candidates(wire, w, h, below)
        want = _every_spot_sorted(wire, w, h, below)
        assert len(spots) == len(want)
        assert spots[3] == want[3] and spots.made == 4  # read: made up to there, no further
        assert [spots[i] for i in range(len(spots))] == want


def test_a_step_makes_few_of_its_captions_spots(window):
    w = window
    open_graph(w, layered_dag(1500))
    made: list = []
    place = caption_layout._place_in_order

    def placing(order, cands, *a):
        got = place(order, cands, *a)
        made.extend(cands.values())
        return got

    caption_layout._place_in_order = placing
    try:
        w.backward.action_backward.trigger()
        QApplication.processEvents()
        for _ in range(10):
            w.backward.action_step.trigger()
            QApplication.processEvents()
    finally:
        caption_layout._place_in_order = place
    assert made
    shares = sorted(s.made / len(s) for s in {id(s): s for s in made}.values())
    # a caption with room near its wire makes a few spots (one in a dense place still weighs them all)
    assert len([f for f in shares if f <= 0.1]) >= len(shares) // 3, shares
