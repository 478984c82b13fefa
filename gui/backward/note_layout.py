"""Where the notes under the cards go (the finished pass's ``x.grad = a +
… + d = total``), so that none covers a card or another note.

Cards that sit close (the expanded MLP's weights band) leave a note no room
under its own card: it would run under the next card and over its note.
Each note tries spots around its card, cheapest first: under it (slid
sideways while it still touches the card), above it, beside it, then a row
or more further off, joined to the card by a leader line. At each spot the
whole sum is tried first, then its shorter forms (the middle terms left
out, then their count: gui/canvas/note_text.py), so a short note close by
wins over a long one far away. The first spot that covers no card, no note
placed before and whose leader crosses no card wins; with none free, the
one covering least. Notes are placed top to bottom, left to right, so the
same picture gives the same places (the way wire captions are placed:
gui/backward/caption_layout.py). Geometry is at the notes' largest font
size (their room): drawn smaller when zoomed in, a note stays inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF

from gui.backward.caption_layout import crosses
from gui.canvas.card_decor import note_metrics
from gui.canvas.card_text import NOTE_PX
from gui.canvas.note_text import NOTE_MAX_W, NOTE_PAD, note_for_width, note_forms
from gui.canvas.painting import CARD_RECT, H2, MARGIN, TAG_H, W2

#: Room kept between a note and another card or note (scene units).
GAP = 4.0
#: Rows (a note's height each) a note may move away above or below its card.
ROWS = 4
#: Extra cost (scene units) of each shorter form of a sum.
SHORTER = 110.0
#: Extra costs of the places other than under the card.
ABOVE, BESIDE, OFF = 40.0, 90.0, 160.0
#: Up to this many cards, every note of the scene is placed at once (a pass
#: jump brings every card up to date first); beyond, the cards in view.
PLACE_ALL = 2000

Box = tuple[float, float, float, float]  # x1, y1, x2, y2


def place_notes(scene) -> int:
    """Place the notes of the scene's cards (every card on a graph of up to
    ``PLACE_ALL`` nodes, else those in view); returns how many."""
    items = scene.node_items()
    if len(items) > PLACE_ALL:
        items = [it for it in (scene.node_item(n) for n in scene.detail.in_view()) if it is not None]
    noted = [it for it in items if it.isVisible() and it.note is not None]
    if not noted:
        return 0
    noted.sort(key=lambda it: (it.scenePos().y(), it.scenePos().x()))
    mine = {id(it) for it in noted}
    fixed = _fixed(scene)
    placed: list[Box] = []
    for it in noted:
        placed.append(_place(scene, it, placed, mine, fixed))
    return len(noted)


def _fixed(scene) -> list[Box]:
    """What no note may cover besides the cards: the folded groups' cards
    and the open groups' name tabs."""
    out = [_box(c.sceneBoundingRect()) for c in scene.folding.cards() if c.isVisible()]
    for g in scene.model.groups:
        f = scene.folding.frame(g.id)
        if f is not None and f.isVisible():
            out.append(_box(f.mapRectToScene(f.title_rect())))
    return out


def _card_rect(it) -> QRectF:
    """What a note must not cover of a card (item coordinates): the card and
    its ports, and its output tag above it if it has one (a note may sit in
    the room kept for a tag the card does not show)."""
    return CARD_RECT.adjusted(-MARGIN, -_tag(it), MARGIN, 0.0)


def _tag(it) -> float:
    return TAG_H if it.output_badge is not None else 0.0


def _box(r: QRectF) -> Box:
    return r.left(), r.top(), r.right(), r.bottom()


def _hits(b: Box, boxes: list[Box], pad: float) -> float:
    """The area of ``b`` (grown by ``pad``) that ``boxes`` cover."""
    x1, y1, x2, y2 = b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad
    total = 0.0
    for a1, b1, a2, b2 in boxes:
        w, h = min(x2, a2) - max(x1, a1), min(y2, b2) - max(y1, b1)
        if w > 0 and h > 0:
            total += w * h
    return total


def _spots(w: float, h: float, tag: float) -> list[tuple[float, float, float, bool]]:
    """(cost, centre x, top, attached) of the note's spots around a card
    (item coordinates; ``tag``: the room its output tag takes above it),
    cheapest first; not attached: needs a leader."""
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
    out.sort(key=lambda s: s[0])
    return out


def _leader(rect: QRectF, tag: float) -> QLineF:
    """From the card's edge (bottom or top, middle) to the note's near edge."""
    cx = max(rect.left() + 8, min(0.0, rect.right() - 8))
    if rect.top() >= H2:
        return QLineF(QPointF(0.0, H2 + MARGIN), QPointF(cx, rect.top()))
    return QLineF(QPointF(0.0, -H2 - tag), QPointF(cx, rect.bottom()))


def _place(scene, it, placed: list[Box], mine: set[int], fixed: list[Box]) -> Box:
    """Place ``it``'s note; returns its scene box."""
    fm = note_metrics()
    h = fm.height() + 6
    widths = []
    note = it.note or ""
    for form in [note_for_width(note, NOTE_PX[1]), *note_forms(note)[1:]]:
        w = min(fm.horizontalAdvance(form) + NOTE_PAD, NOTE_MAX_W)
        if not widths or w < widths[-1] - 1:
            widths.append(w)
    pos = it.scenePos()
    px, py = pos.x(), pos.y()
    reach = QRectF(px - NOTE_MAX_W - W2, py - H2 - TAG_H - (ROWS + 1) * (h + GAP), 2 * (NOTE_MAX_W + W2), 0)
    reach.setBottom(py + H2 + (ROWS + 1) * (h + GAP) + 2 * h)
    cards: list[Box] = []
    others: list[Box] = []  # notes not placed by this pass, as they are
    for other in scene.node_items_in(reach):
        if other is it:
            continue
        cards.append(_box(other.mapRectToScene(_card_rect(other))))
        if id(other) not in mine and other.note is not None:
            others.append(_box(other.mapRectToScene(other.note_place[0])))
    x1, y1, x2, y2 = _box(reach)
    cards += [b for b in fixed if b[0] < x2 and x1 < b[2] and b[1] < y2 and y1 < b[3]]
    own = _box(it.mapRectToScene(_card_rect(it)))
    tag = _tag(it)
    blocking = placed + others
    best: tuple[float, QRectF, bool] | None = None
    fallback: tuple[float, QRectF, bool] | None = None
    for extra, w in enumerate(widths):
        for cost, cx, top, attached in _spots(w, h, tag):
            cost += extra * SHORTER
            if best is not None and cost >= best[0]:
                break
            rect = QRectF(cx - w / 2, top, w, h)
            b = (px + rect.left(), py + rect.top(), px + rect.right(), py + rect.bottom())
            bad = 2 * _hits(b, cards + [own], 0.0) + _hits(b, blocking, GAP)
            if bad == 0 and not attached:
                line = _leader(rect, tag)
                x1, y1, x2, y2 = px + line.x1(), py + line.y1(), px + line.x2(), py + line.y2()
                if crosses(x1, y1, x2, y2, cards):
                    bad = 1.0
            if bad == 0:
                best = (cost, rect, attached)
                break
            if fallback is None or bad + cost < fallback[0]:
                fallback = (bad + cost, rect, attached)
    chosen = best or fallback
    assert chosen is not None
    _cost, rect, attached = chosen
    it.place_note(rect, None if attached else _leader(rect, tag))
    return (px + rect.left(), py + rect.top(), px + rect.right(), py + rect.bottom())
