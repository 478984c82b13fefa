"""Where the notes under the cards go (the finished pass's ``x.grad = a +
… + d = total``), so that none covers a card or another note.

Cards that sit close (the expanded MLP's weights band) leave a note no room
under its own card: it would run under the next card and over its note.
Each note tries spots around its card, cheapest first: under it (slid
sideways while it still touches the card), above it, beside it, then a row
or more further off, joined to the card by a leader line. At each spot the
whole sum is tried first, then its shorter forms (the middle terms left
out, then their count: gui/canvas/cards/note_text.py), so a short note close by
wins over a long one far away. A spot across a drawn wire costs about as much
as one beside the card (t72 #11a: the blog's "a.grad = 6 (final: …)" lay
across the wire from b to a*b), so the note goes above or beside rather than
over a wire, not shortened or off with a leader for one (the wires near are
asked of the scene: ``CardsHost.wire_segments_in``, gui/canvas/wire_segments.py).
The cheapest spot that covers no card, no
group name tab, no note placed before and whose leader crosses no card wins
(a spot reaching out past the cards around, into the canvas beside the
graph, costs its overhang: the view would scroll for it); with none free,
the one covering least (as the wire captions are placed:
gui/backward/caption_layout.py). Geometry is at the notes' largest font
size (their room): drawn smaller when zoomed in, a note stays inside it.

A note is placed once, when its card shows it in view: a pass's jump
places those in view, the view the others as they are revealed
(gui/canvas/zoom_detail.py), each batch top to bottom, left to right, clear
of the notes placed before. A placed note stays where it is until its text
changes or its card moves, so scrolling never moves a note on screen, and a
big graph's notes out of view cost nothing.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF

from core.graph.layout import LINK_ROOM
from gui.canvas.boxes import Box, box, crosses, overlap
from gui.canvas.cards.card_decor import note_metrics
from gui.canvas.cards.card_text import is_compact, needed_px, text_scale
from gui.canvas.cards.note_text import NOTE_MAX_W, NOTE_PAD, note_forms
from gui.canvas.painting import BOUNDS, CARD_RECT, H2, MARGIN, W2, tag_height

if TYPE_CHECKING:
    from gui.canvas.part_hosts import CardsHost

#: Room kept between a note and another note (scene units).
GAP = 4.0
#: Rows (a note's height each) a note may move away above or below its card.
ROWS = 2
#: Where a card's note may go, around its position: the scene files cards
#: by position within this reach (gui/canvas/cards/card_grid.py); a card reaching
#: beyond it is kept apart and looked at by every query.
NOTE_REACH = BOUNDS.adjusted(-300, -(ROWS + 1) * 27.0, 300, 60 + ROWS * 27.0)
#: Extra cost (scene units) of each shorter form of a sum.
SHORTER = 110.0
#: Extra costs of the places other than under the card.
ABOVE, BESIDE, OFF = 40.0, 90.0, 160.0
#: Extra cost of a note reaching out past the graph's left or right side (and
#: of each unit it does): a trial's neuron, x1's note centred under it, left of
#: every card, scrolled the output card half out of view at the step.
OUTSIDE = 30.0
#: Extra cost of a spot a drawn wire runs across: a spot above or beside the
#: card is cheaper, a shorter form of a sum or a spot off with a leader dearer.
WIRE = 105.0
#: Notes whose reaches share a square this big (scene units) are placed
#: around one region asked of the card grid.
REGION_CELL = 1024.0
#: With no spot free, this many of each width's nearest are weighed for the least covered.
_FALLBACK_TRIES = 16


def place_notes(scene: CardsHost, items: Iterable, drawn: bool | None = None) -> int:
    """Place the notes of the cards ``items`` that show one not placed yet
    (as they are now: the caller brought them up to date), if the cards
    draw their notes (``drawn``; None: if the view is near enough); returns
    how many."""
    views = scene.views()
    if drawn is None:
        drawn = not views or not is_compact(needed_px(views[0].transform().m11()))
    if not drawn:
        return 0  # the cards are compact and draw no note: placed when zoomed in (the view's reveal)
    todo = [it for it in items if it.note_pending and it.isVisible()]
    if not todo:
        return 0
    todo.sort(key=lambda it: (it.scenePos().y(), it.scenePos().x()))
    around = _Around(scene, todo)
    for it in todo:
        _place(it, around)
    return len(todo)


def clear_for(scene: CardsHost, cards: Iterable) -> int:
    """Place again the notes that cover what ``cards`` carry beside them
    now (linked copies just made: a note placed before them, x's while
    the group was folded, covered pow1's copy of x once it was opened; trial
    50); how many."""
    hit: dict[int, object] = {}
    for it in cards:
        for r in beside(it):
            for other in scene.node_items_in(r):
                room = other.placed_note
                if room is not None and id(other) not in hit and other.mapRectToScene(room).intersects(r):
                    other.unplace_note()
                    hit[id(other)] = other
    return place_notes(scene, hit.values()) if hit else 0


#: More moved cards than this (a batch move: Auto Layout, undo of one) unplace every note.
MANY_MOVED = 256


def unplace_moved(scene: CardsHost, moved: Iterable[str]) -> None:
    """Notes to place again after ``moved`` cards moved, wherever they are:
    their own, and any a moved card may now cover (placed again when shown:
    a note placed for a card's old neighbours would cover its new ones)."""
    nodes = scene.node_map()
    cards = [it for it in (nodes.get(n) for n in moved) if it is not None]
    if len(cards) > MANY_MOVED:  # most neighbourhoods changed: cheaper than asking around each card
        for it in nodes.values():
            it.unplace_note()
        return
    for it in cards:
        it.unplace_note()
        card = it.mapRectToScene(_card_rect(it))
        for other in scene.node_items_in(card):
            room = other.placed_note
            if room is not None and other.mapRectToScene(room).intersects(card):
                other.unplace_note()


class _Around:
    """The cards, group tabs and placed notes around a batch of notes, filed
    in cells: the scene's card grid is asked once for the batch, not once a
    note (which cost more than placing it)."""

    CELL = 256.0

    def __init__(self, scene: CardsHost, todo: list) -> None:
        self.cards: dict[tuple[int, int], list[tuple[object, Box]]] = {}
        self.notes: dict[tuple[int, int], list[tuple[object, Box]]] = {}
        self.beside: dict[tuple[int, int], list[tuple[object, Box]]] = {}  # (linked copies: ``beside``)
        self.wires: dict[tuple[int, int], list[tuple[int, Box]]] = {}  # (pieces of the drawn wires)
        #: the wires' pieces (x1, y1, x2, y2), filed in ``wires`` by their index here
        self.wires_seen: list[Box] = []
        regions = _regions([NOTE_REACH.translated(it.scenePos()) for it in todo])
        seen: set[int] = set()
        lo, hi = math.inf, -math.inf
        for region in regions:
            # (and the cards to its right whose linked copies reach into it, left of their ports:
            # a finished picture's note for x, used twice, lay over x*y's copy of x, trial 52)
            for other in scene.node_items_in(region.adjusted(0, 0, LINK_ROOM, 0)):
                if id(other) in seen:
                    continue
                seen.add(id(other))
                b = box(other.mapRectToScene(_card_rect(other)))
                self._file(self.cards, id(other), b)
                lo, hi = min(lo, b[0]), max(hi, b[2])
                for k, r in enumerate(beside(other)):  # (its own note keeps clear of them too)
                    self._file(self.beside, (id(other), k), box(r))
                room = other.placed_note
                if room is not None:
                    self._file(self.notes, id(other), box(other.mapRectToScene(room)))
            for x1, y1, x2, y2 in scene.wire_segments_in(region):
                self._file(
                    self.wires, len(self.wires_seen), (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
                )
                self.wires_seen.append((x1, y1, x2, y2))
        near = [box(r) for r in regions]
        for k, b in enumerate(_fixed(scene)):
            if any(b[0] < x2 and x1 < b[2] and b[1] < y2 and y1 < b[3] for x1, y1, x2, y2 in near):
                self._file(self.cards, ("fixed", k), b)
                lo, hi = min(lo, b[0]), max(hi, b[2])
        #: The left and right of the cards around (a note out past them, in the
        #: empty canvas beside the graph, moves the view for it)
        self.span = (lo, hi) if lo < hi else None

    def _cells(self, b: Box):
        c = self.CELL
        for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1):
            for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1):
                yield i, j

    def _file(self, cells: dict, key: object, b: Box) -> None:
        for cell in self._cells(b):
            cells.setdefault(cell, []).append((key, b))

    def near(self, cells: dict, b: Box, skip: object = None) -> list[Box]:
        """The boxes filed in ``cells`` that meet ``b`` (but ``skip``'s)."""
        seen: dict[object, Box] = {}
        x1, y1, x2, y2 = b
        for cell in self._cells(b):
            for key, a in cells.get(cell, ()):
                if key != skip and a[0] < x2 and x1 < a[2] and a[1] < y2 and y1 < a[3]:
                    seen[key] = a
        return list(seen.values())

    def wires_near(self, b: Box) -> list[Box]:
        """The pieces of drawn wires (x1, y1, x2, y2) whose bounds meet ``b``."""
        x1, y1, x2, y2 = b
        keys = {
            k
            for cell in self._cells(b)
            for k, a in self.wires.get(cell, ())
            if a[0] < x2 and x1 < a[2] and a[1] < y2 and y1 < a[3]
        }
        return [self.wires_seen[k] for k in sorted(keys)]

    def placed(self, it, b: Box) -> None:
        self._file(self.notes, id(it), b)


def _regions(rects: list[QRectF]) -> list[QRectF]:
    """``rects`` united where they lie together (sharing a cell of
    ``REGION_CELL``), not all into one: a step's notes sit by cards that may be
    thousands of units apart, and the box around all of them held every card
    between (~1,500 a step at 50,000 nodes)."""
    c = REGION_CELL
    owner: dict[tuple[int, int], int] = {}
    root = list(range(len(rects)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = i = root[root[i]]
        return i

    for i, r in enumerate(rects):
        for cx in range(math.floor(r.left() / c), math.floor(r.right() / c) + 1):
            for cy in range(math.floor(r.top() / c), math.floor(r.bottom() / c) + 1):
                j = owner.setdefault((cx, cy), i)
                if j != i:
                    root[find(i)] = find(j)
    out: dict[int, QRectF] = {}
    for i, r in enumerate(rects):
        k = find(i)
        out[k] = out[k].united(r) if k in out else QRectF(r)
    return list(out.values())


def _fixed(scene: CardsHost) -> list[Box]:
    """What no note may cover besides the cards: the folded groups' cards
    and the open groups' name tabs."""
    out = [box(c.sceneBoundingRect()) for c in scene.folding.cards() if c.isVisible()]
    for g in scene.model.groups:
        f = scene.folding.frame(g.id)
        if f is not None and f.isVisible():
            out.append(box(f.mapRectToScene(f.title_rect())))
    return out


def _card_rect(it) -> QRectF:
    """What a note must not cover of a card (item coordinates): the card and
    its ports, and its output tag above it if it has one (a note may sit in
    the room kept for a tag the card does not show)."""
    return CARD_RECT.adjusted(-MARGIN, -_tag(it), MARGIN, 0.0)


def card_boxes(it) -> list[QRectF]:
    """What of card ``it`` nothing placed beside it may cover (scene rects):
    the card with its ports and glow all round (and its output tag when it
    shows one), and its note when it has one. Not its bounding rect: that
    keeps room above for a tag most cards do not show, and spans the card
    and its note (and the note's leader) as one block; a wire caption found
    no room in the gap between two cards of a column and went far off (a
    trial)."""
    rects = [it.mapRectToScene(CARD_RECT.adjusted(-MARGIN, -max(_tag(it), MARGIN), MARGIN, MARGIN))]
    if it.drawn_note is not None:
        rects.append(it.mapRectToScene(it.note_place[0]))
    return rects  # (not its linked copies: captions keep off them apart, caption_layout._pills_near)


def beside(it) -> list[QRectF]:
    """What card ``it`` carries drawn beside it (scene rects): its children
    shown, the linked copies left of its ports and a leaf's "×2 copies"
    badge (gui/canvas/linked). A note or caption covered them: x's
    "x.grad = … (final)" over the name of pow1's copy of x (trial 50)."""
    return [c.sceneBoundingRect() for c in it.childItems() if c.isVisible()]


def _tag(it) -> float:
    return tag_height(text_scale()) if it.output_badge is not None else 0.0


@functools.cache
def _spots(w: float, h: float, tag: float) -> tuple[tuple[float, float, float, bool], ...]:
    """(cost, centre x, top, attached) of the note's spots around a card
    (item coordinates; ``tag``: the room its output tag takes above it),
    cheapest first; not attached: needs a leader. Made once per size."""
    out = []
    reach = w / 2 + W2 - 24.0  # slid sideways, still under the card
    dxs = [0.0]
    k = 1
    while k * 24.0 < reach:
        dxs += [k * 24.0, -k * 24.0]
        k += 1
    dxs += [reach, -reach]
    below, above = H2 + 6, -H2 - tag - 6 - h
    for dx in dxs:
        out.append((abs(dx), dx, below, True))
        out.append((ABOVE + abs(dx), dx, above, True))
    side = W2 + MARGIN + 4 + w / 2
    for top in (-h / 2, H2 - h, -H2):
        for dx in (side, -side):
            out.append((BESIDE + abs(top + h / 2), dx, top, True))
    for row in range(1, ROWS + 1):
        step = row * (h + GAP)
        for dx in (0.0, W2, -W2, 2 * W2, -2 * W2):
            out.append((OFF + step + abs(dx), dx, below + step, False))
            out.append((OFF + ABOVE + step + abs(dx), dx, above - step, False))
    r = NOTE_REACH  # the leader's end at the card is inside it
    inside = [
        s
        for s in out
        if r.left() <= s[1] - w / 2
        and s[1] + w / 2 <= r.right()
        and r.top() <= s[2]
        and s[2] + h <= r.bottom()
    ]
    return tuple(sorted(inside, key=lambda s: s[0]))


def _leader(rect: QRectF, tag: float) -> QLineF:
    """From the card's edge (bottom or top, middle) to the note's near edge."""
    cx = max(rect.left() + 8, min(0.0, rect.right() - 8))
    if rect.top() >= H2:
        return QLineF(QPointF(0.0, H2 + MARGIN), QPointF(cx, rect.top()))
    return QLineF(QPointF(0.0, -H2 - tag), QPointF(cx, rect.bottom()))


def _place(it, around: _Around) -> None:
    """Place ``it``'s note clear of the cards, the group tabs and the notes placed."""
    fm = note_metrics()
    h = fm.height() + 6
    widths: list[float] = []
    note = it.note or ""
    for form in note_forms(note):  # the first as wide as set_note keeps it: unmoved, as it was
        w = min(fm.horizontalAdvance(form) + NOTE_PAD, NOTE_MAX_W)
        if not widths or w < widths[-1] - 1:
            widths.append(w)
    pos = it.scenePos()
    px, py = pos.x(), pos.y()
    reach = box(NOTE_REACH.translated(px, py))
    cards = around.near(around.cards, reach, skip=id(it))
    notes = around.near(around.notes, reach, skip=id(it))
    pills = around.near(around.beside, reach)
    wires = around.wires_near(reach)
    own = box(it.mapRectToScene(_card_rect(it)))
    tag = _tag(it)
    rows: dict[float, tuple[list[Box], list[Box], list[Box]]] = {}
    wire_rows: dict[float, list[Box]] = {}

    def on_wire(x1: float, top: float, x2: float) -> bool:
        """Whether a drawn wire runs across the spot from ``x1`` to ``x2`` at ``top``."""
        y1, y2 = py + top, py + top + h
        got = wire_rows.get(top)
        if got is None:
            got = wire_rows[top] = [s for s in wires if min(s[1], s[3]) < y2 and y1 < max(s[1], s[3])]
        spot = [(x1, y1, x2, y2)]
        return any(min(s[0], s[2]) < x2 and x1 < max(s[0], s[2]) and crosses(*s, spot) for s in got)

    def row(top: float) -> tuple[list[Box], list[Box], list[Box]]:
        """What a spot at ``top`` may meet: the cards (its own too) and the
        notes (with the gap kept) its height meets; spots share a few tops."""
        got = rows.get(top)
        if got is None:
            y1, y2 = py + top, py + top + h
            got = rows[top] = (
                [b for b in (*cards, own) if b[1] < y2 and y1 < b[3]],
                [
                    (b[0] - GAP, b[1] - GAP, b[2] + GAP, b[3] + GAP)
                    for b in notes
                    if b[1] - GAP < y2 and y1 < b[3] + GAP
                ],
                [b for b in pills if b[1] < y2 and y1 < b[3]],
            )
        return got

    best: tuple[float, QRectF, bool] | None = None
    fallback: tuple[float, QRectF, bool] | None = None
    for extra, w in enumerate(widths):
        # the spots of the width rounded up (made once a size), the note in
        # each at its side nearest the card (as the text sits in its room)
        slot = math.ceil(w / 8) * 8
        for k, (cost, cx, top, attached) in enumerate(_spots(slot, h, tag)):
            cost += extra * SHORTER
            if best is not None and cost >= best[0]:
                break
            left = max(cx - slot / 2, min(-w / 2, cx + slot / 2 - w))
            x1, x2 = px + left, px + left + w
            if around.span is not None:  # out past the graph's left or right: the camera would
                out = max(around.span[0] - x1, x2 - around.span[1], 0.0)  # scroll the far side out
                if out > 1.0:
                    cost += OUTSIDE + out
                    if best is not None and cost >= best[0]:
                        continue
            on_cards, on_notes, on_pills = row(top)
            free = not any(b[0] < x2 and x1 < b[2] for b in (*on_cards, *on_notes, *on_pills))
            if not free:
                if extra == 0 and k < _FALLBACK_TRIES:  # no spot free: the nearest covering least
                    b = (x1, py + top, x2, py + top + h)  # (a copy's edge before a note, a card)
                    bad = 2 * overlap(b, on_cards) + overlap(b, on_notes) + overlap(b, on_pills) / 2
                    if fallback is None or bad + cost < fallback[0]:
                        fallback = (bad + cost, QRectF(left, top, w, h), attached)
                continue
            if wires and on_wire(x1, top, x2):
                cost += WIRE
                if best is not None and cost >= best[0]:
                    continue
            rect = QRectF(left, top, w, h)
            if not attached:
                line = _leader(rect, tag)
                if crosses(px + line.x1(), py + line.y1(), px + line.x2(), py + line.y2(), cards):
                    continue
            best = (cost, rect, attached)  # (the next spots cost more, but for a note out past the side)
    chosen = best or fallback
    assert chosen is not None  # the nearest spot is always weighed
    _cost, rect, attached = chosen
    it.place_note(rect, None if attached else _leader(rect, tag))
    around.placed(it, (px + rect.left(), py + rect.top(), px + rect.right(), py + rect.bottom()))
