"""Painting a near view that many long wires cross (issue 14): counted, never
timed. In a crowded view (a big graph) a plain wire passing through is drawn
as a 1 px hairline, whatever part of the view is repainted; highlighted,
selected and Gradient Flow wires keep their pens; a small graph is drawn as
before; a long wire keeps the part of it it last stroked until it moves."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_local_edit_costs import _differing, _render
from test_scaling_algorithms import grid_model

from core.graph.model import GraphModel
from gui.canvas.items import EdgeItem
from gui.canvas.wires import wire_paint
from gui.common import style as S


def _model(n: int = 400) -> GraphModel:
    return grid_model(n, seed=11)


@pytest.fixture
def strokes(monkeypatch):
    """Each wire painted, filed as stroked thin (a hairline) or thick."""
    seen: dict[str, set] = {"thin": set(), "thick": set()}
    paint = EdgeItem.paint

    def counting(e, *a):
        before = wire_paint.PASS.thin
        paint(e, *a)
        seen["thin" if wire_paint.PASS.thin > before else "thick"].add(e.key)

    # patched before any wire paints (PySide looks the override up once)
    monkeypatch.setattr(EdgeItem, "paint", counting)
    return seen


def _near_view(qtbot, m: GraphModel, strokes: dict | None = None):
    """A view at 100 % in the middle of ``m``'s cards, painted once (the
    strokes of what a test does next are counted afresh)."""
    _, _, scene, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(1.0)
    view.centerOn(QPointF(4400, 750))
    QApplication.processEvents()
    view.viewport().repaint()
    if strokes is not None:
        strokes["thin"].clear()
        strokes["thick"].clear()
    return scene, view


def _passes_through(e: EdgeItem, view) -> bool:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    b = e.sceneBoundingRect()
    return b.width() > 2 * seen.width() or b.height() > 2 * seen.height()


def test_a_crowded_view_strokes_the_wires_passing_through_as_hairlines(qtbot, monkeypatch, strokes):
    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)  # this graph's ~760 wires crowd the view
    scene, view = _near_view(qtbot, _model(), strokes)
    view.viewport().repaint()
    thin, thick = strokes["thin"], strokes["thick"]
    assert len(thin) > 100 and thick  # most of what crosses the view passes through
    for key in thin:
        assert _passes_through(scene.edge_item(*key), view), key
    for key in thick:  # a wire between cards near each other keeps its 2 px
        assert not _passes_through(scene.edge_item(*key), view), key


def test_highlighted_selected_and_weighted_wires_keep_their_pens(qtbot, monkeypatch, strokes):
    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)
    scene, view = _near_view(qtbot, _model(), strokes)
    view.viewport().repaint()
    flow_key, picked_key, weighted_key = sorted(strokes["thin"])[:3]

    def orange() -> int:
        img = _render(view)
        want = QColor(S.WIRE_FLOW)
        return sum(
            1
            for x in range(0, img.width(), 2)
            for y in range(img.height())
            if (c := QColor(img.pixel(x, y))).red() == want.red()
            and c.green() == want.green()
            and c.blue() == want.blue()
        )

    assert orange() == 0
    scene.edge_item(*flow_key).set_flow("a.grad += 1")  # Backward's highlight
    scene.select_wire(scene.edge_item(*picked_key))
    scene.edge_item(*weighted_key).set_width(4.0, "|grad| 2")  # View › Gradient Flow
    strokes["thin"].clear()
    strokes["thick"].clear()
    view.viewport().repaint()
    assert {flow_key, picked_key, weighted_key} <= strokes["thick"]
    assert not {flow_key, picked_key, weighted_key} & strokes["thin"]
    assert orange() > 200  # the highlighted wire is drawn across the view, at its width


def test_a_small_graph_is_drawn_as_before(qtbot, strokes):
    m = _model()
    assert len(m.edges()) < wire_paint.CROWDED_WIRES
    scene, view = _near_view(qtbot, m, strokes)
    view.viewport().repaint()
    # long wires cross the view, but a graph this small cannot crowd it: all keep their 2 px
    assert any(_passes_through(scene.edge_item(*k), view) for k in strokes["thick"])
    assert not strokes["thin"] and wire_paint.PASS.long_w == float("inf")  # and only while painting


def test_a_partial_repaint_of_a_crowded_view_draws_what_a_whole_one_draws(qtbot, monkeypatch):
    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)
    _, view = _near_view(qtbot, _model())
    whole = _render(view)
    rnd = random.Random(4)
    for _ in range(6):
        r = QRect(rnd.randrange(0, 800), rnd.randrange(0, 500), rnd.randrange(12, 90), rnd.randrange(12, 90))
        # the hairline rule looks at the view, not at the part repainted
        assert _differing(_render(view, r), whole, r, 40) <= 3, r


def test_a_long_wire_reuses_the_part_it_stroked_until_it_moves(qtbot, monkeypatch):
    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)
    cut: list = []
    part_in = EdgeItem._part_in
    monkeypatch.setattr(EdgeItem, "_part_in", lambda e, box: cut.append(e.key) or part_in(e, box))
    m = _model()
    scene, view = _near_view(qtbot, m)
    cut.clear()
    view.set_zoom(0.9)
    QApplication.processEvents()
    view.viewport().repaint()
    # the hairlines in view, each cut once (where the view ends: a repaint of
    # any part of it takes the same piece)
    shown = {k for k in cut if _passes_through(scene.edge_item(*k), view)}
    assert len(shown) > 100 and len(cut) == len(set(cut))
    cut.clear()
    view.viewport().repaint()  # the same view again (a step's highlight, a card's repaint)
    assert cut == []
    # a card whose wires pass through moves: those wires are cut again, where they now are
    node = next(n for n in m.nodes() if len(shown & set(_wires_of(m, n))) >= 2)
    x, y = m.position(node)
    m.set_position(node, x + 30.0, y + 20.0)
    QApplication.processEvents()
    view.viewport().repaint()
    moved = set(_wires_of(m, node))
    recut = {k for k in cut if _passes_through(scene.edge_item(*k), view)}
    assert recut and recut <= moved
    assert shown & moved <= recut
    fresh = _near_view(qtbot, m)[1]
    fresh.set_zoom(0.9)  # a new view of the moved graph draws the same pixels
    assert _differing(_render(view), _render(fresh), QRect(0, 0, 900, 600), 40) <= 3


def _wires_of(m: GraphModel, n: str) -> list[tuple[str, str, int]]:
    return [(s, n, p) for p, s in enumerate(m.inputs(n)) if s is not None] + [
        (n, t, p) for t, p in m.consumers(n)
    ]


def test_a_drag_pictures_the_still_wires_as_the_crowded_view_draws_them(qtbot, monkeypatch, strokes):
    from canvas_helpers import _send, vp
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QMouseEvent

    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)
    m = _model()
    scene, view = _near_view(qtbot, m, strokes)
    card = scene.cards_in(view.mapToScene(view.viewport().rect()).boundingRect())[0]
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    p0 = vp(view, card.mapToScene(card.rect().center()))
    _send(view, QMouseEvent.Type.MouseButtonPress, p0, left, left)
    _send(view, QMouseEvent.Type.MouseMove, QPoint(p0.x() + 5, p0.y() + 2), none, left)
    assert view.still.active and len(view.still.hidden()) > 100
    assert strokes["thin"]  # the picture has the hairlines too
    frozen = _render(view)
    _send(view, QMouseEvent.Type.MouseButtonRelease, QPoint(p0.x() + 5, p0.y() + 2), left, none)
    assert not view.still.active
    # the picture showed what the wires themselves show, hairlines included
    assert _differing(frozen, _render(view), QRect(0, 0, 900, 600), 40) < 900 * 600 // 1000


def test_a_wire_painting_in_a_view_asks_the_pass_not_its_scene(qtbot, monkeypatch, strokes):
    """Qt calls every wire in view each frame (9,500 on the folded 10,720-node
    MLP fitted): each asks the view's pass whether it is a linked copy and at
    what zoom it is drawn, not its scene (a walk through the scene's parts
    a wire) nor the painter's transform; the strokes are as before."""
    from gui.canvas.linked.copies import LinkedCopies

    scene, view = _near_view(qtbot, _model(), strokes)
    asked_scene, asked_pass = [], []
    linked, is_linked = EdgeItem.linked, LinkedCopies.is_linked
    monkeypatch.setattr(EdgeItem, "linked", lambda e: asked_scene.append(e.key) or linked(e))
    monkeypatch.setattr(LinkedCopies, "is_linked", lambda lk, k: asked_pass.append(k) or is_linked(lk, k))
    view.viewport().repaint()
    painted = strokes["thin"] | strokes["thick"]
    assert painted and not asked_scene
    assert set(asked_pass) == painted
    assert strokes["thick"]  # (the wires in view at 100 %: their own pens)
