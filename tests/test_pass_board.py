"""Backward at the cost of what is in view (issue 14): counted, never timed.

Starting a pass, Restart, Skip to End and Clear retell the scene's pass
board once (gui/canvas/pass_board.py): only the cards in view (and the one
the far overview colours as current) are brought up to date and have their
notes made and measured; every other card catches up when it comes into
view, and then shows exactly what a card decorated at once shows. A step
sets the few cards it changes. The region a step scrolls to makes the wire
items of the curves that may meet it, not of every wire whose box does
(gui/canvas/wires/wire_reach.py)."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication
from test_lazy_decoration import expected_card, graph, mismatches, scroll_everywhere
from test_lazy_wires import assert_region_drawn, crosses, ends, wide_model
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.autograd.floats import same_float
from gui.canvas import scene_build, zoom_detail
from gui.canvas.cards import card_decor
from gui.canvas.items import NodeItem
from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires.curve_bounds import curve_box, curve_meets
from gui.canvas.wires.curve_clip import _point
from gui.common import style as S


class CaughtUp:
    """The cards that were brought up to date from the pass board, and the
    notes measured (each one a text laid out in the note font)."""

    def __init__(self, monkeypatch) -> None:
        self.cards: list[str] = []
        self.measured = 0
        show = NodeItem.show_look

        def counted(item, look):
            self.cards.append(item.node_id)
            return show(item, look)

        monkeypatch.setattr(NodeItem, "show_look", counted)
        metrics = card_decor.note_metrics

        def measuring():
            self.measured += 1
            return metrics()

        monkeypatch.setattr(card_decor, "note_metrics", measuring)

    def take(self) -> tuple[list[str], int]:
        out = self.cards, self.measured
        self.cards, self.measured = [], 0
        return out


def open_near(w, m) -> None:
    """``m`` opened, then looked at at 100% on its first cards: most cards out of view."""
    w.open_model(m, "big")
    w.backward.action_autoplay.setChecked(False)
    w.backward.action_follow.setChecked(False)  # the view stays where it is put
    QApplication.processEvents()  # the window's fit
    w.view.set_zoom(1.0)
    w.view.centerOn(QPointF(300.0, 300.0))
    QApplication.processEvents()
    assert not w.scene.far and 0 < len(w.scene.detail.shown) < len(m) // 5


def near_view(w) -> set[str]:
    """The cards that may meet the view and the margin it reveals around it
    (a card's note, made when it is caught up, may reach into it)."""
    v = w.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    dx, dy = seen.width() * zoom_detail.MARGIN, seen.height() * zoom_detail.MARGIN
    return w.scene.card_ids_near(seen.adjusted(-dx, -dy, dx, dy))


@pytest.mark.parametrize("big", [False, True])
def test_a_jump_brings_up_to_date_only_the_cards_in_view(window, monkeypatch, big):
    w = window
    m = graph(1500, big)
    open_near(w, m)
    ctl, sc = w.backward, w.scene
    caught = CaughtUp(monkeypatch)
    retold = sc.board.retold
    for act in (ctl.action_backward, ctl.action_skip_end, ctl.action_restart, ctl.action_skip_end):
        was_current = set(sc.board.current)  # the block the far overview colours: up to date at once
        act.trigger()
        QApplication.processEvents()
        cards, measured = caught.take()
        # one retelling; the cards in view only (the current step's may be
        # another), each once, and only their notes measured
        assert sc.board.retold == retold + 1
        retold += 1
        rp = ctl.replay
        cur = rp.current(min(ctl.animator.pos, rp.last))
        near = near_view(w)
        assert set(cards) <= near | was_current | {rp.root, *([cur.node] if cur else [])}, act.text()
        assert len(cards) == len(set(cards)) < len(m) // 5
        assert measured <= len(cards) + 1
    rp, end = ctl.replay, ctl.replay.last
    with_notes = sum(1 for n in m.nodes() if expected_card(w, n, end).note is not None)
    if big:  # the test means something: most cards of the pass explain an inf/nan
        assert with_notes > len(rp.rank) // 2
    # out of view, not yet drawn; scrolled to, each card catches up once
    assert len(mismatches(w, lambda w, n: expected_card(w, n, end))) > len(m) // 2
    caught.take()  # (the expected cards measured their notes too)
    scroll_everywhere(w)
    cards, measured = caught.take()
    assert len(cards) == len(set(cards)) and measured <= with_notes
    assert mismatches(w, lambda w, n: expected_card(w, n, end)) == []
    # Clear: the cards in view at once, the rest when seen again
    w.view.set_zoom(1.0)
    w.view.centerOn(QPointF(300.0, 300.0))
    QApplication.processEvents()
    caught.take()
    was_current = set(sc.board.current)
    ctl.action_clear.trigger()
    QApplication.processEvents()
    cards, _measured = caught.take()
    assert set(cards) <= near_view(w) | was_current and len(cards) < len(m) // 5
    assert not sc.pass_shown()  # read from every card: each caught up
    assert all(sc.node_item(n).note is None for n in m.nodes())


def test_a_step_sets_the_cards_it_changes_and_catches_up_those_it_scrolls_to(window, monkeypatch):
    w = window
    m = graph(5000, True)
    w.open_model(m, "big")
    ctl, sc = w.backward, w.scene
    ctl.action_autoplay.setChecked(False)
    ctl.action_follow.setChecked(True)
    ctl.action_backward.trigger()
    QApplication.processEvents()
    caught = CaughtUp(monkeypatch)
    for _ in range(12):
        before = set(sc.detail.shown)
        ctl.action_step.trigger()
        QApplication.processEvents()
        cards, _measured = caught.take()
        assert ctl.canvas.cards_drawn <= 6  # the step before and this one: nodes and inputs
        # the cards brought up to date from the board: the step's own (set
        # now) and those the camera brought into view
        rp, pos = ctl.replay, ctl.animator.pos
        assert set(cards) <= (sc.detail.shown - before) | rp.touched(pos) | rp.touched(pos - 1)
    pos = ctl.animator.pos
    for n in m.nodes():  # read through the getters: every card says what the replay says
        it, ref = sc.node_item(n), expected_card(w, n, pos)
        assert same_float(it.grad, ref.grad) and (it.highlight, it.note) == (ref.highlight, ref.note), n


def test_curve_meets_never_misses_a_curve_and_rules_out_most_long_ones():
    rnd = random.Random(4)
    ruled_out = boxed = 0
    for _ in range(3000):
        x1, y1 = rnd.uniform(-3000, 3000), rnd.uniform(-3000, 3000)
        x2 = x1 + rnd.choice([rnd.uniform(-400, 400), rnd.uniform(0, 40000)])
        y2 = y1 + rnd.uniform(-30000, 30000) * rnd.random()
        left = rnd.uniform(min(x1, x2) - 3000, max(x1, x2) + 500)
        top = rnd.uniform(min(y1, y2) - 2000, max(y1, y2) + 500)
        r = QRectF(left, top, rnd.uniform(20, 3000), rnd.uniform(20, 2000))
        box = (r.left(), r.top(), r.right(), r.bottom())
        meets = curve_meets(x1, y1, x2, y2, box)
        if crosses(QPointF(x1, y1), QPointF(x2, y2), r):
            assert meets, (x1, y1, x2, y2, box)
        b = curve_box(x1, y1, x2, y2)
        if b[0] <= box[2] and b[2] >= box[0] and b[1] <= box[3] and b[3] >= box[1]:
            boxed += 1
            ruled_out += not meets
    assert boxed > 300 and ruled_out > boxed // 3  # many boxes met hold no curve there


def near_curve(p1: QPointF, p2: QPointF, r: QRectF) -> bool:
    """The drawn curve meets ``r``, sampled finely (a few units apart)."""
    c = wire_cubic_at(p1.x(), p1.y(), p2.x(), p2.y())
    steps = 4000
    return any(r.contains(QPointF(*_point(c, k / steps))) for k in range(steps + 1))


def test_a_region_makes_the_items_of_the_curves_that_may_meet_it(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is built lazily here
    m = wide_model(2400)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)  # what opening does: built far out
    assert sc.wires.made_items() == []
    view.centerOn(QPointF(8000.0, 4000.0))
    view.set_zoom(1.0)  # around the view's centre: one region revealed
    view.viewport().repaint()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(sc, m, seen) > 20  # every wire crossing the view is there
    dx, dy = seen.width() * zoom_detail.MARGIN, seen.height() * zoom_detail.MARGIN
    area = seen.adjusted(-dx, -dy, dx, dy)  # what the view reveals
    pad = 10.0
    reach = area.adjusted(-pad, -pad, pad, pad)
    made = sc.wires.made_items()

    def forward(key) -> bool:  # a wire judged by its curve (any other, by its box)
        p1, p2 = ends(sc, key)
        return p2.x() - p1.x() >= 80

    far = [e.key for e in made if forward(e.key) and not near_curve(*ends(sc, e.key), reach)]
    assert far == []  # no item for a forward wire whose box, not its curve, meets the region
    boxed = 0
    for key in filter(forward, m.edges()):
        p1, p2 = ends(sc, key)
        b = curve_box(p1.x(), p1.y(), p2.x(), p2.y())
        boxed += b[0] <= area.right() and b[2] >= area.left() and b[1] <= area.bottom() and b[3] >= area.top()
    # the test means something: many more boxes than curves meet it
    assert len([e for e in made if forward(e.key)]) < boxed * 3 // 4
