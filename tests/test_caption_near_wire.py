"""A lit wire's caption sits close to its own wire (a new user's trial 48:
on the ``(a*b) * (a+b)`` example, at Backward's step 3 the caption
"b.grad += d.grad × (−2) = −2" sat ~180 px below the graph, its leader
running down past the ``e`` card, though the gap between the d and e cards
had room for it). Captions are placed clear of what each card draws (the
card, its ports and glow, its note), not of its bounding rect, which keeps
room above every card for an output tag few show."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.boxes import box, crosses
from gui.canvas.painting import CARD_RECT
from gui.canvas.wires.wire_item import EdgeItem
from gui.common import style as S

EXAMPLE = "resources/examples/accumulate_shared.mgraph"
#: How far (scene units) a caption may sit from its wire: about its own
#: height, or (where the wire runs in the narrow channel between two columns
#: of cards) just above the cards, as a→d's caption does.
NEAR, OVER_CARDS = 24.0, 50.0


def _to_rect(p: QPointF, r: QRectF) -> float:
    dx = max(r.left() - p.x(), 0.0, p.x() - r.right())
    dy = max(r.top() - p.y(), 0.0, p.y() - r.bottom())
    return math.hypot(dx, dy)


def _distance(e: EdgeItem, r: QRectF) -> float:
    """How far the caption's box ``r`` is from the wire drawn (0: on it)."""
    path = e.shown_path()
    return min(_to_rect(path.pointAtPercent(k / 200), r) for k in range(201))


def _drawn_cards(w) -> list[QRectF]:
    """What the cards draw: each card with its ports, and its note."""
    out = []
    for it in w.scene.node_items():
        if it.isVisible():
            out.append(it.mapRectToScene(CARD_RECT.adjusted(-S.PORT_R, 0, S.PORT_R, 0)))
            if it.drawn_note is not None:
                out.append(it.mapRectToScene(it.note_place[0]))
    return out


def _lit(w) -> list[EdgeItem]:
    return [e for e in w.scene.edge_items() if e.flow and e.caption_rect() is not None]


def _check_step(w) -> dict[str, float]:
    """Every caption of the step clear of the cards, of the other captions,
    its leader across no card; returns each caption's distance to its wire."""
    cards = _drawn_cards(w)
    lit = _lit(w)
    got = {}
    for e in lit:
        r = e.caption_rect()
        assert not any(r.intersects(c) for c in cards), (e.flow, r)
        others = [o.caption_rect() for o in lit if o is not e]
        assert not any(r.intersects(o) for o in others), (e.flow, r)
        leader = e.caption_item.leader()
        if leader is not None:
            (x1, y1), (x2, y2) = (leader[0].x(), leader[0].y()), (leader[1].x(), leader[1].y())
            assert not crosses(x1, y1, x2, y2, [box(c) for c in cards]), (e.flow, leader)
        got[e.flow] = _distance(e, r)
    return got


def test_the_caption_of_b_to_d_sits_by_its_wire_at_step_3(qtbot, window):
    w = window
    w.resize(1600, 1000)
    assert w.open_path(EXAMPLE)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)  # Step
        QApplication.processEvents()
    step = w.backward.replay.current(w.backward.animator.pos)
    assert step is not None and step.node == "d"
    far = _check_step(w)
    assert set(far) == {"a.grad += d.grad × 3 = 3", "b.grad += d.grad × (−2) = −2"}
    assert far["b.grad += d.grad × (−2) = −2"] <= NEAR, far
    assert far["a.grad += d.grad × 3 = 3"] <= OVER_CARDS, far


def test_every_steps_captions_sit_by_their_wires_clear_of_cards(qtbot, window):
    w = window
    w.resize(1600, 1000)
    assert w.open_path(EXAMPLE)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    seen = 0
    while not w.backward.animator.at_end:
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        for flow, far in _check_step(w).items():
            seen += 1
            assert far <= OVER_CARDS, (flow, far)
    assert seen >= 6  # f's two inputs, e's two, d's two
