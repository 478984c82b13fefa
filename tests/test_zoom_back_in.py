"""Zooming back in from far out to the view one came from (issue 14: "zoom
in from fit" at 50,000 nodes): counted, never timed. The long wires that
pass through that view (gui/canvas/wires/through_wires.py) were found when it was
last shown; unless one of them changed meanwhile, they are not looked for
again (finding them was most of the zoom's cost), and the view is drawn as
before."""

from __future__ import annotations

import math

from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF
from test_lazy_wires import wide_model
from test_local_edit_costs import _differing, _render

from gui.canvas import scene_build
from gui.common import style as S

MIDDLE = QPointF(7800.0, 3800.0)


def far_then_near(view) -> None:
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    view.centerOn(MIDDLE)
    view.set_zoom(1.0)
    view.viewport().repaint()


def test_back_in_to_the_same_view_finds_no_wire_anew_unless_one_drawn_there_changed(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = wide_model(2400, every_port=True)
    _, _, sc, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)  # built far out, as opening builds it
    far_then_near(view)
    layer = sc.through
    keys, found, before = dict(layer.keys), layer.found, _render(view)
    assert len(keys) > 100
    for _ in range(2):
        far_then_near(view)
        assert layer.found == found and layer.keys == keys
        assert _differing(before, _render(view), view.viewport().rect(), 0) == 0
    # far out, the inf some drawn wires carry goes (a value changes, no wire moves): looked for again
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    m.set_value("v5", 0.5)
    mended = [k for k, d in keys.items() if d[4] and math.isfinite(m.value(k[0]))]
    assert mended
    far_then_near(view)
    assert layer.found == found + 1 and not any(layer.keys[k][4] for k in mended)
    # one loses its value (drawn dashed, by its item)
    key = next(k for k in keys if m.op(k[0]) != "leaf" and m.inputs(k[0])[0] is not None)
    view.set_zoom(S.FAR_ZOOM / 4)
    view.viewport().repaint()
    m.disconnect(key[0], 0)
    far_then_near(view)
    assert m.value(key[0]) is None and layer.found == found + 2
    assert key not in layer.keys and sc.wires.made(key) is not None
    # a view elsewhere: found anew, as ever
    view.centerOn(MIDDLE + QPointF(3000.0, 0.0))
    view.viewport().repaint()
    assert layer.found == found + 3
