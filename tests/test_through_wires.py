"""The layer of wires passing through a crowded readable view (issue 14):
counted, never timed. A big graph opened far out has no wire items; zoomed
in, the wires that pass through the view are drawn by one layer from the
cards' positions, with no item each (a Backward step made ~6,000 at 50,000
nodes), and what it drew is copied while the view stays. The pixels are
those the wires' own items draw."""

from __future__ import annotations

import math
import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_lazy_wires import crosses, ends, wide_model
from test_local_edit_costs import _differing, _render

from core.graph.model import GraphModel
from gui.canvas import scene_build
from gui.canvas.items import EdgeItem
from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires import curve_bounds, curve_clip, wire_paint
from gui.canvas.wires.through_wires import ThroughWires
from gui.common import style as S


def _model() -> GraphModel:
    """test_lazy_wires' wide grid, every port wired (one flowing inf: another colour)."""
    return wide_model(2400, every_port=True)


def _passes_through(sc, view, key) -> bool:
    """Is ``key``'s wire longer than wire_paint's rule allows in ``view``
    (its bounds: the curve's control points, half a 2 px pen)?"""
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    p1, p2 = ends(sc, key)
    x1, y1, x2, y2 = p1.x(), p1.y(), p2.x(), p2.y()
    dx = max(40.0, abs(x2 - x1) * 0.5)
    w = max(x1 + dx, x2) - min(x1, x2 - dx) + S.WIRE_W
    h = abs(y2 - y1) + S.WIRE_W
    return w > wire_paint.THROUGH * seen.width() or h > wire_paint.THROUGH * seen.height()


@pytest.fixture
def near(qtbot, monkeypatch):
    """A 2,400-card graph whose second inputs come from anywhere, built far
    out as opening builds it (no wire item), then zoomed in to 100 % in its
    middle and painted: (model, scene, view)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = _model()
    assert len(m.edges()) >= wire_paint.CROWDED_WIRES  # a crowded view, as the app's big graphs
    _, _, sc, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    assert sc.wires.made_items() == []
    view.centerOn(QPointF(7800.0, 3800.0))
    view.set_zoom(1.0)
    view.viewport().repaint()
    return m, sc, view


def test_the_wires_passing_through_get_no_item_and_the_layer_draws_each(near):
    m, sc, view = near
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    through = [k for k in m.edges() if crosses(*ends(sc, k), seen) and _passes_through(sc, view, k)]
    assert len(through) > 100  # most wires crossing this view pass through it
    for k in through:  # no item was made for them: the layer draws them, where the model says
        assert sc.wires.made(k) is None, k
        p1, p2 = ends(sc, k)
        assert sc.through.keys[k][:4] == (p1.x(), p1.y(), p2.x(), p2.y()), k
    # the short wires in view got their items, as before; the layer holds no wire that misses the view
    made = {e.key for e in sc.wires.made_items()}
    assert made and not any(_passes_through(sc, view, k) for k in made)
    assert set(sc.through.keys) <= {k for k in m.edges() if _passes_through(sc, view, k)}
    bad = {k for k in through if not math.isfinite(m.value(k[0]))}
    assert bad and all(sc.through.keys[k][4] for k in bad)  # an inf flows: drawn red


def test_a_repaint_of_the_same_view_copies_the_picture(near):
    m, sc, view = near
    layer = sc.through
    found, drawn = layer.found, layer.drawn
    assert drawn > 20
    # a Backward step's kind of change: a wire the layer draws is lit (it gets its item), a card changes
    key = next(iter(layer.keys))
    sc.edge_item(*key).set_flow("a.grad += 1")
    sc.node_item(key[1]).set_highlight("current")
    view.viewport().repaint()
    view.viewport().repaint()
    assert (layer.found, layer.drawn) == (found, drawn)  # nothing found or stroked again
    assert key in layer.keys  # its item draws the flow over the hairline, and no hairline of its own


def test_the_layer_draws_what_the_wires_own_items_draw(near, monkeypatch):
    m, sc, view = near
    red = {k for k, d in sc.through.keys.items() if d[4]}
    m.set_value("v5", 0.5)  # no inf now: the wires it coloured are plain again (found anew)
    QApplication.processEvents()
    view.viewport().repaint()
    assert red and not any(sc.through.keys[k][4] for k in red if k in sc.through.keys)
    # the hairlines alone (cards and the other wires hidden: how wires of one
    # level happen to be stacked over each other shows nowhere then)
    for it in [*sc.node_items(), *sc.wires.made_items()]:
        it.setVisible(False)
    with_layer = _render(view)
    assert len(sc.through.keys) > 50
    monkeypatch.setattr(ThroughWires, "usable", lambda self: False)  # as before the layer: every wire an item
    sc.wires.rescan()
    view.viewport().repaint()
    assert not sc.through.keys
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(sc.wires.made(k) is not None for k in m.edges() if crosses(*ends(sc, k), seen))
    items_only = _render(view)
    # the same parts of the same curves, with the same pens (stacked in another order)
    assert _differing(with_layer, items_only, view.viewport().rect(), 40) <= 3


def test_a_moved_card_takes_its_wires_along_in_the_layer(near):
    m, sc, view = near
    layer = sc.through
    key = next(k for k in layer.keys if sc.wires.made(k) is None)
    s = key[0]
    x, y = m.position(s)
    found = layer.found
    m.set_position(s, x + 40.0, y + 30.0)
    QApplication.processEvents()
    view.viewport().repaint()
    assert layer.found == found + 1  # found again, once
    p1, p2 = ends(sc, key)
    drawn = layer.keys.get(key)
    assert drawn is not None or sc.wires.made(key) is not None
    if drawn is not None:
        assert drawn[:4] == (p1.x(), p1.y(), p2.x(), p2.y())


def test_a_drag_gives_the_dragged_cards_wires_their_items(near, qtbot):
    m, sc, view = near
    layer = sc.through
    key = next(k for k in layer.keys if sc.wires.made(k) is None)
    moving = {k for k in m.edges() if key[1] in (k[0], k[1])}
    view.still.freeze(moving)
    assert sc.wires.made(key) is not None  # it follows the card each frame, as an item
    view.still.thaw()
    view.viewport().repaint()
    assert key not in layer.keys


def test_a_wire_the_layer_draws_is_not_stroked_again_by_its_item(near, monkeypatch):
    """A wire lit by a step gets its item; its flow cleared, the item strokes
    nothing while the layer draws its hairline (lit, it strokes the flow)."""
    m, sc, view = near
    key = next(iter(sc.through.keys))
    e = sc.edge_item(*key)
    strokes: list[str] = []
    paint = EdgeItem.paint

    class Spy:  # the painter, its strokes counted
        def __init__(self, painter):
            self._p = painter

        def __getattr__(self, name):
            return getattr(self._p, name)

        def drawPath(self, path):
            strokes.append("flow" if e.flow is not None else "plain")
            self._p.drawPath(path)

    def spying(item, painter, *a):
        paint(item, Spy(painter) if item is e else painter, *a)

    monkeypatch.setattr(EdgeItem, "paint", spying)
    e.set_flow("x")
    view.viewport().repaint()
    assert strokes == ["flow"]
    e.set_flow(None)
    view.viewport().repaint()
    assert strokes == ["flow"] and key in sc.through.keys


def test_a_small_scroll_cuts_again_only_the_wires_whose_stretch_changed(near, monkeypatch):
    """A Backward step scrolls; each wire the layer draws is cut to the
    stretches of its curve in the view, found on points every forward wire
    shares (no points made per wire), its part the unit wire's stretch
    scaled (no cut: cheaper than keeping the part of each). Each colour's
    parts are stroked in one call."""
    m, sc, view = near
    layer = sc.through
    cuts: list[int] = []
    spans: list[int] = []
    strokes: list[int] = []
    cut, span_init = curve_clip.forward_stretch, curve_clip.Span.__init__
    monkeypatch.setattr(curve_clip, "forward_stretch", lambda *a: cuts.append(1) or cut(*a))
    monkeypatch.setattr(curve_clip.Span, "__init__", lambda s, c: spans.append(1) or span_init(s, c))

    class Spy:  # the picture's painter, its strokes counted
        def __init__(self, painter):
            self._p = painter

        def __getattr__(self, name):
            return getattr(self._p, name)

        def drawPath(self, path):
            strokes.append(1)
            self._p.drawPath(path)

    monkeypatch.setattr(
        layer._picture, "_draw", lambda painter, rect: ThroughWires._draw(layer, Spy(painter), rect)
    )
    found, drawn = layer.found, layer.drawn
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 3)
    view.viewport().repaint()
    assert layer.found == found + 1  # the view moved: the wires were found again
    drawn = layer.drawn - drawn
    assert drawn > 100
    assert len(cuts) < drawn / 4  # no cut per wire
    assert not spans  # no points made per wire
    assert 1 <= len(strokes) <= 2  # a call a colour (red: an inf flows), not one a wire


def random_wire_and_box(rnd: random.Random, back: bool = False) -> tuple:
    """(x1, y1, x2, y2, its curve, a box near a point of it): forward wires
    short to very long, flat to steep (``back``: some running back too)."""
    x1, y1 = rnd.uniform(-4e5, 4e5), rnd.uniform(-1e6, 1e6)
    runs = [80.0, rnd.uniform(80, 500), rnd.uniform(80, 4e5)] + ([rnd.uniform(-500, 80)] if back else [])
    x2 = x1 + rnd.choice(runs)
    y2 = y1 + rnd.choice([0.0, rnd.uniform(-50, 50), rnd.uniform(-1e6, 1e6)])
    c = wire_cubic_at(x1, y1, x2, y2)
    t, side = rnd.random(), rnd.choice([50.0, 900.0, 5000.0])
    px, py = curve_clip._point(c, t)
    left, top = px - rnd.uniform(-side, 2 * side), py - rnd.uniform(-side, 2 * side)
    return x1, y1, x2, y2, c, (left, top, left + side, top + 0.6 * side)


def test_the_shared_points_cut_the_stretches_the_points_of_each_curve_cut():
    rnd = random.Random(8)
    for _ in range(20000):
        x1, y1, x2, y2, c, box = random_wire_and_box(rnd)
        span = curve_clip.Span.of(c)
        assert span is not None
        at = curve_clip.forward_stretches(x1, y1, x2, y2, box)
        assert span.piece_in(box) == (None if at is None else curve_clip.stretch(c, *at))


def test_the_forward_wires_whose_curve_passes_by_are_not_looked_at_one_by_one(near, monkeypatch):
    """A long wire's box is most of the graph; its curve a thin S. The
    layer's search tests from the filed boxes which forward curves may
    meet the view, and cuts only those (a Backward step's view at 50,000
    nodes met ~10,000 boxes and ~300 curves)."""
    m, sc, view = near
    layer = sc.through
    cut = count_calls(monkeypatch, curve_clip, "forward_stretches")
    found = layer.found
    view.centerOn(QPointF(9000.0, 6000.0))
    view.viewport().repaint()
    assert layer.found == found + 1
    forward = [k for k in layer.keys if ends(sc, k)[1].x() - ends(sc, k)[0].x() >= curve_clip.FORWARD]
    boxes = [k for k in m.edges() if sc.wires.is_pending(k) and _passes_through(sc, view, k)]
    assert len(forward) > 20 and len(boxes) > 4 * len(forward)
    assert len(cut) <= len(forward) + 10  # each wire whose box meets the view: twice as many here
    # the same wires as a look at each box finds
    monkeypatch.setattr(type(sc.wires), "through_keys", lambda w, r, long: w.keys_in(r, long, want_long=True))
    assert layer._find(*layer._for[:3]) == layer.keys


def test_a_filed_box_tells_which_forward_curves_may_meet_a_box():
    """curve_clip.may_meet never drops a wire forward_stretches would cut."""
    rnd = random.Random(11)
    for _ in range(20000):
        x1, y1, x2, y2, c, box = random_wire_and_box(rnd, back=True)
        b = curve_bounds.curve_box(x1, y1, x2, y2)
        kept = curve_clip.may_meet(
            [{"k": (*b, curve_clip.run_of(x1, y1, x2, y2))}], box, (0.0, 0.0), curve_bounds.PAD
        )
        if x2 - x1 < curve_clip.FORWARD:  # judged by its box alone
            assert kept == (
                ["k"] if b[0] <= box[2] and b[2] >= box[0] and b[1] <= box[3] and b[3] >= box[1] else []
            )
        elif curve_clip.forward_stretches(x1, y1, x2, y2, box) is not None:
            assert kept == ["k"], (x1, y1, x2, y2, box)


def test_a_forward_wires_part_is_the_unit_wires_stretch_scaled(near, monkeypatch):
    """Each forward wire's part in a new view is a stretch of the unit wire
    cut once, scaled to the wire (no de Casteljau cut per wire: ~7,000 a
    Backward step at 50,000 nodes), the same curve to a rounding."""
    m, sc, view = near
    layer = sc.through
    stretch = curve_clip.stretch  # (the real one, for the reference below)
    cut = count_calls(monkeypatch, curve_clip, "stretch")
    drawn = layer.drawn
    view.centerOn(QPointF(9000.0, 6000.0))
    view.viewport().repaint()
    assert layer.drawn - drawn > 20
    assert not cut
    rnd = random.Random(4)
    for _ in range(5000):
        x1, y1 = rnd.uniform(-4e5, 4e5), rnd.uniform(-1e6, 1e6)
        x2, y2 = x1 + rnd.uniform(80, 4e5), y1 + rnd.uniform(-1e6, 1e6)
        i = rnd.randrange(curve_clip.STEPS)
        j = rnd.randrange(i + 1, curve_clip.STEPS + 1)
        want = stretch(wire_cubic_at(x1, y1, x2, y2), i, j)
        got = curve_clip.forward_stretch(x1, y1, x2, y2, i, j)
        assert all(abs(a - b) <= 1e-9 * (abs(x2 - x1) + abs(y2 - y1)) for a, b in zip(got, want))


def test_finding_the_wires_of_a_view_copies_no_table_of_every_nodes_value(near, monkeypatch):
    """A wire's colour (an inf flows) asks the model its source's value:
    no copy of every node's (~4 ms of the Backward press's first frame at
    50,000 nodes, on a model edited a while), for the few hundred wires found."""
    m, sc, view = near
    layer = sc.through
    copies = count_calls(monkeypatch, GraphModel, "values")
    found = layer.found
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + 40)
    view.viewport().repaint()
    assert layer.found == found + 1 and len(layer.keys) > 100  # found again, for the new view
    assert copies == []
    bad = {k for k in layer.keys if not math.isfinite(m.value(k[0]))}
    assert bad and all(layer.keys[k][4] for k in bad)  # an inf flows: drawn red, as before
    assert not any(layer.keys[k][4] for k in layer.keys if k not in bad)
