"""A drag's start at readable zoom on a big graph (issue 14): the still
wires' picture (gui/canvas/still_wires.py) is made of the wires filed in the
cells around the view (gui/canvas/wires/wire_cells.py), not found by visiting every
wire of the graph, and it hides exactly the wires a visit of every wire would."""

from __future__ import annotations

import pytest
from canvas_helpers import _send, make_canvas, vp
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from test_local_edit_costs import _spread_model
from test_overview_cache import local_grid

HELD = "v1515"  # a card in the middle of the graph's first rows


@pytest.mark.parametrize("wires", ["local", "spread"])
def test_a_drag_start_looks_only_at_the_wires_near_the_view(qtbot, wires):
    # 6,000 / 3,000 cards in rows of 40 / 30: the view sees a few; the spread graph's
    # second inputs come from anywhere (long wires in big cells, which meet the view)
    m = local_grid(6000) if wires == "local" else _spread_model(3000)
    _, _stack, scene, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(1.0)
    scene.wires.make_all()  # every wire has its item: a scan of them all would visit 6,000
    card = scene.node_item(HELD)
    view.centerOn(card.sceneBoundingRect().center())
    view.viewport().repaint()
    moving = {(s, HELD, p) for p, s in enumerate(m.inputs(HELD))} | {
        (HELD, t, p) for t, p in m.consumers(HELD)
    }
    area = view.mapToScene(view.viewport().rect()).boundingRect()
    want = {
        e.key
        for e in scene.wires.made_items()
        if e.isVisible() and e.flow is None and e.key not in moving and e.sceneBoundingRect().intersects(area)
    }
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    p0 = vp(view, card.mapToScene(card.rect().center()))
    _send(view, QMouseEvent.Type.MouseButtonPress, p0, left, left)
    _send(view, QMouseEvent.Type.MouseMove, QPoint(p0.x() + 5, p0.y() + 2), none, left)
    assert view.still.active
    assert {e.key for e in view.still.hidden()} == want  # the wires a scan of all hides
    if wires == "local":
        assert len(want) < view.still.looked_at < len(scene.wires) / 4  # found by place
    _send(view, QMouseEvent.Type.MouseButtonRelease, QPoint(p0.x() + 5, p0.y() + 2), left, none)
    assert not view.still.active
