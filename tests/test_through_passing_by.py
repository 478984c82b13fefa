"""Wires running back whose box meets a crowded view but whose curve passes
by it (gui/canvas/wires/curve_bounds.py ``curve_misses``): counted, never timed.
On a big graph nudged out of its columns half the long wires through a
Backward step's view run back, and half of those pass by it; the layer of
wires through the view (gui/canvas/wires/through_wires.py) halved each one's
curve a dozen times to find no part of it in view. Now it finds that from
the curve's equations, and only a wire that may draw in view is cut."""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter
from scene_checks import count_calls
from test_through_wires import near, random_wire_and_box  # noqa: F401  (the fixture)

from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires import curve_bounds, curve_clip, through_wires


def test_a_curve_said_to_pass_by_a_box_comes_nowhere_near_it():
    rnd = random.Random(5)
    said = 0
    for _ in range(20000):
        x1, y1, x2, y2, c, box = random_wire_and_box(rnd, back=True)
        if rnd.random() < 0.5:  # running back, steep or level, as the nudged graph's
            x2 = x1 - rnd.choice([0.0, rnd.uniform(0, 600)])
            c = wire_cubic_at(x1, y1, x2, y2)
        if not curve_bounds.curve_misses(x1, y1, x2, y2, box):
            continue
        said += 1
        left, top, right, bottom = box
        pad = curve_bounds.PAD * 0.99
        for k in range(801):  # the curve, densely: nowhere within PAD of the box
            px, py = curve_clip._point(c, k / 800)
            assert not (left - pad <= px <= right + pad and top - pad <= py <= bottom + pad), (
                x1,
                y1,
                x2,
                y2,
                box,
            )
    assert said > 2000  # and it says so often


def _draws_in(d: tuple, box: tuple) -> bool:
    """Does the curve of the wire ``d`` come into ``box``? Densely sampled
    (the pieces a cut keeps may lie a little past the curve: their control points' boxes)."""
    c = wire_cubic_at(*d[:4])
    left, top, right, bottom = box
    pts = (curve_clip._point(c, k / 2000) for k in range(2001))
    return any(left <= x <= right and top <= y <= bottom for x, y in pts)


def test_a_scroll_cuts_no_curve_of_a_wire_passing_by(near, monkeypatch):
    m, sc, view = near
    layer = sc.through
    cut: list[tuple] = []  # the wires running back the layer cut (not those the items cut)
    part_in = through_wires._part_in
    monkeypatch.setattr(
        through_wires, "_part_in", lambda d, b, at: (at is None and cut.append(d)) or part_in(d, b, at)
    )
    view.centerOn(QPointF(9000.0, 6000.0))
    view.viewport().repaint()
    box = layer._for[0]
    back = [d for d in layer.keys.values() if d[2] - d[0] < curve_clip.FORWARD]
    shown = [d for d in back if _draws_in(d, box)]
    passing = [d for d in back if curve_bounds.curve_misses(*d[:4], box)]
    assert len(back) > 20 and len(passing) > 5
    assert len(cut) <= len(back) - len(passing)  # (each of the others cut once)
    assert len(shown) <= len(back) - len(passing)
    assert not set(shown) & set(passing)  # none said to pass by draws in view


def test_a_picture_of_the_whole_view_tests_no_wire_against_it(near, monkeypatch):
    """The rect a picture of the whole view maps back from the device may
    fall short of the view by a rounding: each wire was then tested against
    it (~5,000 tests a Backward step that scrolled, on the bench's graph)."""
    m, sc, view = near
    layer = sc.through
    tested = count_calls(monkeypatch, through_wires, "curve_meets")
    left, top, right, bottom = layer._for[0]
    pad = 3.0 / view.zoom
    short = 1e-9 * max(abs(left), abs(right), 1.0)  # a rounding short of the view, on every side
    rect = QRectF(
        left + pad + short,
        top + pad + short,
        right - left - 2 * (pad + short),
        bottom - top - 2 * (pad + short),
    )
    img = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(0)
    painter = QPainter(img)
    painter.setWorldTransform(view.viewportTransform())
    drawn = layer.drawn
    layer._draw(painter, rect)
    painter.end()
    assert layer.drawn - drawn > 20
    assert not tested


def test_a_chain_cut_into_bands_runs_its_wrap_wires_between_the_bands(qtbot):
    """The vanishing-gradient example's twelve layers lie in three bands:
    the wire from the end of one band to the start of the next turns
    between them, over no card but its own two ends' (level with the ports
    it ran under the next band's first card)."""
    from test_cli import EXAMPLES

    from core.files import fileio
    from gui.canvas.scene import GraphScene

    m = fileio.load(EXAMPLES / "vanishing_tanh.mgraph")
    sc = GraphScene(m)
    f = sc.folding
    cards = {g: f.card(g) for g in m.groups.ids() if f.card(g) is not None}
    assert len(cards) == 12
    rects = {g: c.mapRectToScene(c.rect()) for g, c in cards.items()}
    back = 0
    for s, t, p in m.edges():
        a, b = sc.wire_ends(s, t, p)
        if b.x() >= a.x():
            continue
        back += 1
        c = wire_cubic_at(a.x(), a.y(), b.x(), b.y())
        pts = [curve_clip._point(c, k / 1000) for k in range(1, 1000)]
        own = {m.groups.group_of(s), m.groups.group_of(t)}
        for g, r in rects.items():
            inner = r.adjusted(4, 4, -4, -4)
            hit = [(x, y) for x, y in pts if inner.contains(QPointF(x, y))]
            if g in own:  # only at its ports: leaving or entering the card's side
                assert all(not r.adjusted(12, 4, -12, -4).contains(QPointF(x, y)) for x, y in hit), (s, t, g)
            else:
                assert not hit, (s, t, g)
    assert back == 2
