"""The view keeps the graph readable and in sight: Fit does not blow small
graphs up, and a canvas that changes size (window laid out, docks opened or
closed) keeps a fitted or wholly visible graph in view."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from core.files import fileio
from core.graph.model import GraphModel
from gui.canvas.painting import wire_curve_at
from gui.canvas.view import FIT_MAX
from gui.canvas.wires.curve_bounds import curve_span

EXAMPLES = "resources/examples"


def all_visible(scene, view) -> bool:
    vp = view.viewport().rect()
    return all(
        vp.contains(view.mapFromScene(it.sceneBoundingRect()).boundingRect()) for it in scene.node_items()
    )


def resize(view, w, h):
    view.resize(w, h)
    QApplication.processEvents()


def test_fit_does_not_blow_a_small_graph_up(qtbot):
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0, x=0, y=0)
    _, _, scene, view = make_canvas(qtbot, m, size=(1000, 700))
    view.fit_all()
    assert view.zoom == pytest.approx(FIT_MAX) and 1.0 <= FIT_MAX <= 1.25
    assert all_visible(scene, view)


def test_a_fitted_view_fits_again_when_the_canvas_changes_size(qtbot):
    model = fileio.load(f"{EXAMPLES}/neuron_exp.mgraph")
    _, _, scene, view = make_canvas(qtbot, model, size=(1000, 700))
    view.fit_all()
    z0 = view.zoom
    resize(view, 600, 500)  # e.g. a dock opened beside the canvas
    assert all_visible(scene, view) and view.zoom < z0
    resize(view, 1000, 700)  # and closed again: back to the same fit
    assert view.zoom == pytest.approx(z0) and all_visible(scene, view)


def test_the_first_fit_can_come_before_the_final_size(qtbot):
    """At start-up the window fits while its docks are still being laid
    out; the graph must end up wholly visible at the final size."""
    model = fileio.load(f"{EXAMPLES}/neuron_exp.mgraph")
    _, _, scene, view = make_canvas(qtbot, model, size=(1200, 800))
    view.fit_all()
    resize(view, 700, 520)
    assert all_visible(scene, view)


def test_a_wholly_visible_graph_stays_in_view(qtbot):
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, _, scene, view = make_canvas(qtbot, model, size=(1200, 800))
    view.fit_all()
    view.set_zoom(view.zoom * 0.8)  # the user zoomed: not "fitted" any more
    assert all_visible(scene, view) and not view.is_fitted
    z = view.zoom
    resize(view, 900, 700)  # still fits at this zoom: re-centred, same zoom
    assert all_visible(scene, view) and view.zoom == pytest.approx(z)
    resize(view, 400, 300)  # no longer fits: zoomed out to fit
    assert all_visible(scene, view) and view.zoom < z


def test_a_partly_visible_graph_keeps_its_centre(qtbot):
    model = fileio.load(f"{EXAMPLES}/neuron_exp.mgraph")
    _, _, scene, view = make_canvas(qtbot, model, size=(1000, 700))
    view.set_zoom(1.0)
    view.centerOn(scene.node_item("n").pos())
    assert not all_visible(scene, view)
    centre = view.center_scene_pos()
    resize(view, 700, 600)
    after = view.center_scene_pos()
    assert abs(after.x() - centre.x()) < 2 and abs(after.y() - centre.y()) < 2
    assert view.zoom == pytest.approx(1.0)


class _Paints(QObject):
    """Counts the viewport's paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.n += 1
        return False


def test_fit_on_a_fitted_view_repaints_nothing(qtbot):
    """Opening a file fits at once and again when the layout settles; the
    second must not repaint a whole (on a big graph, costly) frame."""
    model = fileio.load(f"{EXAMPLES}/neuron_exp.mgraph")
    _, _, scene, view = make_canvas(qtbot, model, size=(1000, 700))
    view.fit_all()
    QApplication.processEvents()
    paints = _Paints()
    view.viewport().installEventFilter(paints)
    view.fit_all()
    QApplication.processEvents()
    assert paints.n == 0 and view.is_fitted
    view.set_zoom(view.zoom * 1.5)
    QApplication.processEvents()
    paints.n = 0
    view.fit_all()  # a fit that changes the view still paints it
    QApplication.processEvents()
    assert paints.n >= 1 and view.is_fitted and all_visible(scene, view)


def test_fit_keeps_the_wires_running_back_to_the_next_row_in_view(qtbot):
    """vanishing_tanh wraps its chain into rows: the wire from a row's end
    back to the next row's start bulges out past both (Fit once cut it)."""
    m = fileio.load(f"{EXAMPLES}/vanishing_tanh.mgraph")
    _, _, scene, view = make_canvas(qtbot, m, size=(1000, 700))
    view.fit_all()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    back = 0
    for s, t, p in scene.wires:
        if scene.folding.wire_hidden(s, t):  # inside a folded layer
            continue
        a, b = scene.wire_ends(s, t, p)
        curve = wire_curve_at(a.x(), a.y(), b.x(), b.y()).boundingRect()
        back += b.x() < a.x()
        inside = seen.left() <= curve.left() and curve.right() <= seen.right()
        assert inside and seen.top() <= curve.top() and curve.bottom() <= seen.bottom(), (s, t, curve, seen)
    assert back >= 2


def test_curve_span_is_the_drawn_curves_extent():
    """``curve_span`` against Qt's own bounds of the same curve."""
    rng = random.Random(3)
    for _ in range(500):
        x1, x2 = rng.uniform(-900, 900), rng.uniform(-900, 900)
        r = wire_curve_at(x1, 0.0, x2, rng.uniform(-300, 300)).boundingRect()
        lo, hi = curve_span(x1, x2)
        assert lo == pytest.approx(r.left(), abs=1e-6) and hi == pytest.approx(r.right(), abs=1e-6)


def test_a_canvas_changing_size_keeps_the_wires_of_a_graph_wholly_in_view(qtbot):
    """A trial: the finished pass on vanishing_tanh framed its cards, then the
    tutorial's welcome page made room for the pass and the canvas changed size:
    the cards stayed in view but the wires bulging out right of them were cut."""
    m = fileio.load(f"{EXAMPLES}/vanishing_tanh.mgraph")
    _, _, scene, view = make_canvas(qtbot, m, size=(1000, 700))
    view.set_zoom(0.55)
    cards = scene.graph_rect()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    view.centerOn(cards.right() + 4 - seen.width() / 2, cards.center().y())  # cards just inside its right
    QApplication.processEvents()
    reach = view.wires_reach()
    assert reach.right() > cards.right() + 40  # the wires back to the next row bulge out that far
    resize(view, 1040, 700)  # a dock closed: the canvas grows
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(reach) and view.zoom == pytest.approx(0.55), (seen, reach)
