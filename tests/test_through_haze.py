"""The layer of wires through a crowded view (gui/canvas/wires/through_wires.py)
draws them without antialiasing when they are so many for the view that
they read as a haze (issue 14: a Backward step at 50,000 nodes strokes
~7,000 hairlines across the view; antialiased, Qt blends two pixels a row
for each, twice the pixels). Checked on the pixels: an opaque hairline drawn
without antialiasing leaves no pixel between the wire's colour and what
is under it; fewer wires are drawn antialiased, as before."""

from __future__ import annotations

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QImage
from test_local_edit_costs import _differing, _render
from test_through_wires import _model

from gui.canvas import scene_build
from gui.canvas.wires import through_wires, wire_paint
from gui.common import style as S


@pytest.fixture
def near(qtbot, monkeypatch):
    """test_through_wires' graph zoomed in to 100 % in its middle, with only
    the layer's hairlines shown: (scene, view)."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = _model()
    _, _, sc, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    view.centerOn(QPointF(7800.0, 3800.0))
    view.set_zoom(1.0)
    view.viewport().repaint()
    for it in [*sc.node_items(), *sc.wires.made_items()]:
        it.setVisible(False)  # the layer's hairlines alone
    return sc, view


def _blended(img: QImage, background: QImage) -> int:
    """Pixels that are neither the background nor a wire's colour: the
    partly covered pixels of antialiased lines."""
    colours = {QColor(S.WIRE).rgb() & 0xFFFFFF, QColor(S.BAD).rgb() & 0xFFFFFF}
    n = 0
    for x in range(img.width()):
        for y in range(img.height()):
            c = img.pixel(x, y) & 0xFFFFFF
            if c not in colours and c != background.pixel(x, y) & 0xFFFFFF:
                n += 1
    return n


def _background(sc, view) -> QImage:
    sc.through.setVisible(False)
    img = _render(view)
    sc.through.setVisible(True)
    return img


def test_a_view_crossed_by_few_wires_draws_them_antialiased(near):
    sc, view = near
    layer = sc.through
    assert len(layer.keys) > 50 and not layer.hazy(view.zoom)  # a few hundred across 900 px: not a haze
    assert _blended(_render(view), _background(sc, view)) > 1000


def test_a_hazy_view_draws_its_wires_without_antialiasing(near, monkeypatch):
    sc, view = near
    layer = sc.through
    # as many wires a pixel as a Backward step's view at 50,000 nodes (~7,000 across ~750 px)
    monkeypatch.setattr(through_wires, "CROWDED_PER_PX", len(layer.keys) / 900 / 10)
    assert layer.hazy(view.zoom)
    layer._picture.dirty()
    view.viewport().repaint()
    drawn = layer.drawn
    img = _render(view)
    assert layer.drawn == drawn  # copied from the picture, drawn once
    assert _blended(img, _background(sc, view)) == 0
    # the rule is the view's: a part repainted alone draws what the whole did there
    part = QRect(300, 200, 200, 150)
    layer._picture.dirty(view.mapToScene(part).boundingRect())
    assert _differing(_render(view, part), img, part, 0) == 0


def test_the_haze_rule_counts_wires_per_pixel_of_the_view(near, monkeypatch):
    sc, view = near
    layer = sc.through
    n = len(layer.keys)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    px = max(seen.width(), seen.height()) * view.zoom  # the view's longer side, in device pixels
    monkeypatch.setattr(through_wires, "CROWDED_PER_PX", n / px * 0.99)
    assert layer.hazy(view.zoom)
    monkeypatch.setattr(through_wires, "CROWDED_PER_PX", n / px * 1.05)
    assert not layer.hazy(view.zoom)
    assert wire_paint.PASS.through is False  # (outside a paint: the items draw as before)
