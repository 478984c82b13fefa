"""Cutting a wire that loops back into the pieces near a view
(gui/canvas/wires/curve_clip.py ``pieces_in``): the same pieces, bit for bit, as
halving with ``_split``, and no call per piece (the layer of wires through
a readable view cuts a thousand such wires at each scroll)."""

from __future__ import annotations

import random

from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires import curve_clip
from gui.canvas.wires.curve_clip import MAX_DEPTH, Box, Cubic, _split


def halved(c: Cubic, box: Box) -> list[Cubic]:
    """The pieces as the halving is defined: ``_split`` at 0.5 and the
    control points' box from ``min`` and ``max``."""
    left, top, right, bottom = box
    size = max(right - left, bottom - top)
    out: list[Cubic] = []
    stack = [(c, 0)]
    while stack:
        q, depth = stack.pop()
        xs, ys = q[0::2], q[1::2]
        lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)
        if hi_x < left or lo_x > right or hi_y < top or lo_y > bottom:
            continue
        inside = lo_x >= left and hi_x <= right and lo_y >= top and hi_y <= bottom
        if inside or depth >= MAX_DEPTH or max(hi_x - lo_x, hi_y - lo_y) <= size:
            out.append(q)
            continue
        first, second = _split(q, 0.5)
        stack += [(second, depth + 1), (first, depth + 1)]
    return out


def looping_wires(n: int, seed: int = 4) -> list[tuple[Cubic, Box]]:
    """Wires whose end is left of (or just right of) their start, far
    apart up or down, and views near them, some they cross."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        x1, y1 = rnd.uniform(0, 3e5), rnd.uniform(0, 7e5)
        x2 = x1 + rnd.uniform(-3000, 79)
        y2 = y1 + rnd.choice([0.0, 1.0, 1e3, 1.5e5]) * rnd.uniform(-1, 1)
        w, h = rnd.choice([(1650.0, 1060.0), (300.0, 200.0), (16000.0, 9000.0), (0.0, 0.0)])
        x = rnd.uniform(min(x1, x2) - w, max(x1, x2) + 100)
        y = rnd.uniform(min(y1, y2) - h, max(y1, y2))
        out.append((wire_cubic_at(x1, y1, x2, y2), (x, y, x + w, y + h)))
    return out


def test_the_pieces_are_the_halvings_pieces_bit_for_bit():
    cases = looping_wires(3000)
    got = [curve_clip.pieces_in(c, box) for c, box in cases]
    assert sum(len(p) > 1 for p in got) > 100  # many cut into several
    for (c, box), pieces in zip(cases, got):
        assert repr(pieces) == repr(halved(c, box))


def test_a_piece_costs_no_call(monkeypatch):
    """Halving a long wire through a view: no ``_split`` call, no ``min``
    or ``max`` per piece (one ``max``: the view's size)."""
    calls = {"split": 0, "max": 0, "min": 0}

    def counted(name, f):
        def g(*a, **k):
            calls[name] += 1
            return f(*a, **k)

        return g

    monkeypatch.setattr(curve_clip, "_split", counted("split", _split))
    monkeypatch.setattr(curve_clip, "max", counted("max", max), raising=False)
    monkeypatch.setattr(curve_clip, "min", counted("min", min), raising=False)
    c = wire_cubic_at(1000.0, 150_000.0, 200.0, 0.0)  # loops back, 150,000 units tall
    pieces = curve_clip.pieces_in(c, (0.0, 70_000.0, 1650.0, 71_060.0))
    assert pieces and repr(pieces) == repr(halved(c, (0.0, 70_000.0, 1650.0, 71_060.0)))
    assert calls["split"] == 0 and calls["min"] == 0
    assert calls["max"] == 1
