"""Placing a Backward step's captions on a big graph (gui/backward/
caption_layout.py): counted, never timed. Each spot's leader line is
tested against every card near the wire (hundreds; gui/canvas/boxes.py
``crosses``): a card clear of the line's bounds is passed by on compares,
with none of the clipping arithmetic, and the answer is the clipping's.
The cards near a caption are gathered from regions around its anchors,
which overlap: each card is asked where it is once, not once a region."""

from __future__ import annotations

import random

from canvas_helpers import make_canvas
from PySide6.QtCore import QRectF
from scene_checks import count_calls
from test_lazy_wires import wide_model

from gui.backward import caption_layout
from gui.canvas.boxes import box, crosses
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.cards.note_layout import card_boxes


def _clipping(x1: float, y1: float, x2: float, y2: float, boxes) -> bool:
    """The Liang-Barsky test of every box, as ``crosses`` did before it
    looked at the bounds first (the reference)."""
    dx, dy = x2 - x1, y2 - y1
    for a1, b1, a2, b2 in boxes:
        t0, t1 = 0.0, 1.0
        for p, q in ((-dx, x1 - a1), (dx, a2 - x1), (-dy, y1 - b1), (dy, b2 - y1)):
            if p == 0:
                if q < 0:
                    break
                continue
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                break
        else:
            return True
    return False


class Counted(float):
    """A coordinate that counts the arithmetic done with it."""

    done = 0

    def __sub__(self, other):
        Counted.done += 1
        return float(self) - other

    def __rsub__(self, other):
        Counted.done += 1
        return other - float(self)


def test_the_cards_clear_of_a_leader_line_get_no_clipping_arithmetic():
    rnd = random.Random(3)
    far = [
        tuple(Counted(v) for v in (x, y, x + 120.0, y + 60.0))
        for x, y in ((rnd.uniform(2000, 9000), rnd.uniform(-9000, 9000)) for _ in range(300))
    ]
    near = (Counted(40.0), Counted(-10.0), Counted(160.0), Counted(50.0))  # the line passes through it
    Counted.done = 0
    assert not crosses(0.0, 0.0, 500.0, 300.0, far)
    assert Counted.done == 0  # 300 cards passed by on their bounds
    assert crosses(0.0, 0.0, 500.0, 300.0, [*far, near])
    assert 0 < Counted.done <= 4  # the one near it clipped


def test_the_answer_is_the_clippings():
    rnd = random.Random(7)
    for _ in range(20000):
        x1, y1 = rnd.uniform(-500, 500), rnd.uniform(-500, 500)
        x2 = x1 + rnd.choice([0.0, rnd.uniform(-400, 400)])
        y2 = y1 + rnd.choice([0.0, rnd.uniform(-400, 400)])
        boxes = []
        for _ in range(rnd.randrange(1, 6)):
            # near the line's ends and bounds, touching them, or far
            a = rnd.choice([x1, x2, rnd.uniform(-900, 900)]) + rnd.choice(
                [0.0, 1e-9, -1e-9, rnd.uniform(-60, 60)]
            )
            b = rnd.choice([y1, y2, rnd.uniform(-900, 900)]) + rnd.choice(
                [0.0, 1e-9, -1e-9, rnd.uniform(-60, 60)]
            )
            boxes.append(
                (a, b, a + rnd.choice([0.0, rnd.uniform(0, 200)]), b + rnd.choice([0.0, rnd.uniform(0, 90)]))
            )
        assert crosses(x1, y1, x2, y2, boxes) == _clipping(x1, y1, x2, y2, boxes), (x1, y1, x2, y2, boxes)


def _parts(it) -> list[QRectF]:
    """A card's parts a caption keeps off: the card, its note, the rooms by its ports (no wire lit)."""
    return card_boxes(it) + caption_layout._port_rooms(it, frozenset())


def test_the_cards_near_a_caption_are_each_asked_where_they_are_once(qtbot, monkeypatch):
    m = wide_model(600, cols=30)
    _, _, sc, _view = make_canvas(qtbot, m)
    # seven regions around anchors along a wire, overlapping as a caption's do
    regions = [QRectF(1000.0 + 60.0 * k, 800.0 + 40.0 * k, 700.0, 900.0) for k in range(7)]
    want: dict[int, NodeItem] = {}  # what the regions meet, region by region (the reference)
    for r in regions:  # (a port's room reaches past the card's bounds)
        for it in sc.node_items_in(r.adjusted(-caption_layout.PORT_ROOM, 0.0, caption_layout.PORT_ROOM, 0.0)):
            if id(it) not in want and any(p.intersects(r) for p in _parts(it)):
                want[id(it)] = it
    asked: list[str] = []
    monkeypatch.setattr(caption_layout, "card_boxes", lambda it: asked.append(it.node_id) or card_boxes(it))
    got = caption_layout._cards_near(sc, regions)
    assert len(want) > 30
    assert sorted(got) == sorted(box(p, caption_layout.GAP) for it in want.values() for p in _parts(it))
    assert len(asked) == len(set(asked))  # each card once, however many regions it is near


def test_the_copies_near_a_caption_are_not_looked_for_in_a_graph_without_groups(qtbot, monkeypatch):
    """A linked copy is a use of a leaf in another group than the leaf's: a
    graph without groups has none, so a caption's anchors (around a long wire
    at 50,000 nodes, ~500 cards) ask no card for copies; with groups they do."""
    m = wide_model(600, cols=30)
    _, _, sc, _view = make_canvas(qtbot, m)
    regions = [QRectF(1000.0 + 60.0 * k, 800.0 + 40.0 * k, 700.0, 900.0) for k in range(7)]
    assert sc.linked.on and len(m.groups) == 0 and len(sc.card_ids_near(regions[0])) > 10
    asked = count_calls(monkeypatch, type(sc.linked.rule), "linked_inputs")
    assert caption_layout._pills_near(sc, regions) == []
    assert asked == []
    m.groups.add([m.nodes()[0]], "part")
    caption_layout._pills_near(sc, regions)
    assert asked  # (with a group, the cards near are asked again)
