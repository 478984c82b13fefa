"""Where the lit wires' captions go, so that they cover no card (nor its
ports, badges and note), no other caption, and no room by the port of a
wire not lit (one there reads as that wire's label).

A card is what it draws, not its bounding rect: that rect keeps room above
every card for an output tag few show, and spans the card and its note as
one block, so the gap between two cards of a column, where a wire between
them runs, had no room for its caption (it went far below the graph).

Each caption tries spots near its wire, closest first: on the wire's middle,
then slid along the wire, then pushed off it (on its preferred side first).
The first free spot wins; a caption that had to leave its wire gets a leader
line back to it. The geometry is plain floats, so a step with many inputs
(a neuron of an MLP) stays quick.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterator

from PySide6.QtCore import QPointF, QRectF

from gui.canvas.boxes import Box, box, crosses, overlap
from gui.canvas.cards.note_layout import card_boxes
from gui.canvas.linked.pills import pill_of, pills_near
from gui.canvas.painting import MARGIN, OUT_Y, PORT_YS, W2

#: Room kept between a caption and a card or another caption (scene units).
GAP = 4.0
#: How far (scene units) a caption may be pushed away from its wire.
REACH = 420.0
#: Extra cost (scene units) of the side of the wire a caption does not
#: prefer: captions of wires into one card then fan out without crossing.
SIDE_BIAS = 60.0
#: Fractions of the wire tried as anchors, the middle first.
_TS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)

Segment = tuple[float, float, float, float]  # a leader line: x1, y1, x2, y2
#: A caption's place: cost, centre (cx, cy), the wire point it belongs to (ax, ay), its box.
Spot = tuple[float, float, float, float, float, Box]


def _hits(b: Box, boxes: list[Box]) -> bool:
    x1, y1, x2, y2 = b
    for a1, b1, a2, b2 in boxes:
        if x1 < a2 and a1 < x2 and y1 < b2 and b1 < y2:
            return True
    return False


#: Leaders closer than this across (scene units), one running on from the
#: other within ``LEADER_RUN``, read as one line through both wires.
LEADER_APART, LEADER_RUN = 40.0, 200.0


def _in_line(x1: float, y1: float, x2: float, y2: float, segs: list[Segment]) -> bool:
    """Does the leader (x1, y1)–(x2, y2) run on from a placed one (both
    upright, nearly at one x, their ends near)? Two captions pushed up and
    down from wires into one card had leaders on one vertical, read as one
    dashed line across both wires and a third."""
    if abs(x2 - x1) > 4.0:
        return False
    lo, hi = min(y1, y2) - LEADER_RUN, max(y1, y2) + LEADER_RUN
    for a1, b1, a2, b2 in segs:
        if abs(a2 - a1) <= 4.0 and abs((a1 + a2) / 2 - (x1 + x2) / 2) < LEADER_APART:
            if min(b1, b2) < hi and lo < max(b1, b2):
                return True
    return False


def _cuts(b: Box, segs: list[Segment]) -> bool:
    """Does any placed leader line run through box ``b``?"""
    return any(crosses(x1, y1, x2, y2, [b]) for x1, y1, x2, y2 in segs)


def _cards_near(scene, regions: list[QRectF], lit_ends: frozenset = frozenset()) -> list[Box]:
    """The scene rects of the node cards (with ports, glow and output tag)
    and of their notes, each apart (``card_boxes``: a card's bounding rect
    keeps empty room above it for a tag and spans its note as one block, so
    the gap between two cards of a column had no room for a caption, which
    went far below the graph, its leader past a card: a trial), and the
    folded groups' cards and name tabs that meet any of ``regions`` (from
    the scene's card grid: a step must not cost a pass over every item of a
    big graph). A caption's regions
    overlap (one around each anchor along its wire): each card met is
    asked whether it is shown and where once, not once a region."""
    nodes = scene.node_map()
    asked: dict[str, list[QRectF]] = {}  # id -> the card's parts' scene rects (none: hidden)
    found: dict[str, list[QRectF]] = {}  # in the order node_items_in finds them, region by region
    for r in regions:
        for n in scene.card_ids_near(r):
            if n in found:
                continue
            got = asked.get(n)
            if got is None:
                it = nodes.get(n)
                got = asked[n] = (
                    card_boxes(it) + _port_rooms(it, lit_ends) if it is not None and it.isVisible() else []
                )
            if _meets_any(got, r):
                found[n] = got
    rects = [part for parts in found.values() for part in parts]
    # folded groups' cards too (a caption between two of them covered both),
    # and open frames' name tabs (a caption sat on "▾ c″ (line 8)")
    folded = (c.sceneBoundingRect() for c in scene.folding.cards() if c.isVisible())
    rects += [r for r in folded if _meets(r, regions)]
    frames = (scene.folding.frame(g.id) for g in scene.model.groups)
    tabs = (f.mapRectToScene(f.title_rect()) for f in frames if f is not None and f.isVisible())
    rects += [r for r in tabs if _meets(r, regions)]
    return [box(r, GAP) for r in rects]


def _pills_near(scene, regions: list[QRectF]) -> list[Box]:
    """The linked copies beside the cards that meet any of ``regions``, as
    drawn at the view's zoom: children of their cards, not cards, so a
    caption sat over the copies of x2[1] and x3[1] whose gradients its step
    changed (a trial). A caption keeps off them; its leader crosses one
    only where it must (from the stub between a card's two copies, the way
    out of the column may be past one of them)."""
    views = scene.views()
    return [box(r, GAP) for r in pills_near(scene, regions, views[0].transform().m11() if views else None)]


#: The room (scene units) beside a card's port, outward past its margin,
#: that no caption of another wire takes: one there read as the label of
#: the port's own wire (a caption slid along its wire into the gap between
#: two cards ended at the next card's input, over the wire into it).
PORT_ROOM, PORT_HALF = 20.0, 8.0


def _port_rooms(it, lit_ends: frozenset) -> list[QRectF]:
    """The rooms beside ``it``'s ports (scene rects) but those where the
    caption's own wire ends (``lit_ends``: (node, port) of its ends, port
    -1 the output): a caption may sit by its own wire's end, not another's."""
    n = it.node_id
    x_in, x_out = -W2 - MARGIN - PORT_ROOM, W2 + MARGIN
    ys = PORT_YS.get(it.arity, ())
    rooms = [(x_in, y) for k, y in enumerate(ys) if (n, k) not in lit_ends]
    if (n, -1) not in lit_ends:
        rooms.append((x_out, OUT_Y))
    return [it.mapRectToScene(QRectF(x, y - PORT_HALF, PORT_ROOM, 2 * PORT_HALF)) for x, y in rooms]


def _meets_any(parts: list[QRectF], region: QRectF) -> bool:
    return any(p.intersects(region) for p in parts)


def _meets(r: QRectF, regions: list[QRectF]) -> bool:
    return any(r.intersects(q) for q in regions)


def _reach(edge, w: float, h: float) -> list[QRectF]:
    """Where the spots of ``edge``'s caption (w x h) and their leader lines
    can be: around each anchor of ``_candidates``, not the whole box of a
    long wire (thousands of cards on a big graph)."""
    path = edge.shown_path()
    out = []
    for t in _TS:
        p = path.pointAtPercent(t)
        out.append(
            QRectF(p.x() - 1.5 * w - GAP, p.y() - REACH - h - GAP, 3 * w + 2 * GAP, 2 * (REACH + h + GAP))
        )
    return out


#: Past this many spots read, a caption's remaining spots are made at once (sorted).
_LAZY_SPOTS = 200


class _Spots:
    """The spots of :func:`_candidates`, cheapest first, each made when it is
    first read: placing a caption with room near its wire stops at one of
    the first few of its thousands (sorting them all took ~15 ms a caption);
    one with no room reads them all, made then in one sort."""

    __slots__ = ("_anchors", "_offsets", "_more", "_got", "_n")

    def __init__(self, anchors: list[tuple[float, float, float]], offsets: list) -> None:
        self._anchors, self._offsets = anchors, offsets
        self._more: Iterator[tuple] = heapq.merge(*(_around(offsets, *a) for a in anchors))
        self._n = len(anchors) * len(offsets)
        self._got: list[tuple] = []

    def __len__(self) -> int:
        return self._n

    @property
    def made(self) -> int:
        """How many spots were made so far (tests count them)."""
        return len(self._got)

    def __getitem__(self, i: int) -> tuple:
        got = self._got
        if i >= len(got):
            if not 0 <= i < self._n:
                raise IndexError(i)
            if i < _LAZY_SPOTS:
                got += itertools.islice(self._more, i + 1 - len(got))
            else:  # all of them (the same order: the same numbers, sorted)
                got[:] = sorted(
                    (hd + (along + side), px + dx, py + dy, px, py)
                    for px, py, along in self._anchors
                    for hd, side, dx, dy in self._offsets
                )
        return got[i]


def _around(offsets: list, px: float, py: float, along: float) -> Iterator[tuple]:
    """The spots around the anchor (px, py), in ``offsets``' order."""
    for hd, side, dx, dy in offsets:
        yield hd + (along + side), px + dx, py + dy, px, py


def _candidates(edge, w: float, h: float, below: bool) -> _Spots:
    """(cost, centre x, centre y, anchor x, anchor y) for spots around the
    wire, cheapest first."""
    path = edge.shown_path()
    mid = path.pointAtPercent(0.5)
    mx, my = mid.x(), mid.y()
    side = 1.0 if below else -1.0
    step = max(h * 0.7, 8.0)
    dys = [0.0]
    k = 1
    while k * step <= REACH:
        dys += [k * step, -k * step]
        k += 1
    dxs = (0.0, -w / 4, w / 4, -w / 2, w / 2, -w, w)
    # the preferred side is cheaper; the wire itself (dy = 0) in between: the
    # same offsets, in the same order, around every anchor
    offsets = sorted(
        (
            (math.hypot(dx, dy), 0.0 if dy == 0 or dy * side > 0 else SIDE_BIAS, dx, dy)
            for dy in dys
            for dx in dxs
        ),
        key=lambda o: (o[0] + o[1], o[2], o[3]),
    )
    anchors = []
    for t in _TS:
        p = path.pointAtPercent(t)
        px, py = p.x(), p.y()
        anchors.append((px, py, 0.6 * math.hypot(px - mx, py - my)))
    return _Spots(anchors, offsets)


#: When no spot is free, only this many of the nearest are weighed for the
#: least overlap (a dense graph must not make a step slow).
_FALLBACK_TRIES = 40
#: Height (scene units) of the bands cards are filed in by ``blocked_spots``.
_BAND = 64.0


class Blocked:
    """Which spots of ``cands`` (a w x h caption centred there) meet one of
    ``cards``: ``_hits``' answers, found row by row and only for the spots
    asked about. A caption's thousands of spots lie on a few hundred rows,
    and a row meets a few cards, not the hundreds around a wire in a dense
    graph; placing it usually stops at one of the first spots. Each answer
    is kept, so every order of placing the captions reuses it. ``rows``:
    each spot row's centre y -> the cards its boxes' height meets, in
    ``cards``' order (the only ones a box on that row can overlap)."""

    def __init__(self, cands, w: float, h: float, cards: list[Box]) -> None:
        self.cands, self.cards = cands, cards
        self.hw, self.hh = w / 2, h / 2  # as _place_in_order makes the box: cx - w / 2, ...
        bands: dict[int, list[int]] = {}
        for i, card in enumerate(cards):
            for k in range(math.floor(card[1] / _BAND), math.floor(card[3] / _BAND) + 1):
                bands.setdefault(k, []).append(i)
        self._bands = bands
        self.rows: dict[float, list[Box]] = {}
        self._hit: dict[int, bool] = {}
        self.looked = 0  # spots looked at (tests count them)

    def row(self, cy: float) -> list[Box]:
        row = self.rows.get(cy)
        if row is None:
            cards, bands = self.cards, self._bands
            y1, y2 = cy - self.hh, cy + self.hh
            near = {
                i for k in range(math.floor(y1 / _BAND), math.floor(y2 / _BAND) + 1) for i in bands.get(k, ())
            }
            row = self.rows[cy] = [cards[i] for i in sorted(near) if y1 < cards[i][3] and cards[i][1] < y2]
        return row

    def hit(self, i: int) -> bool:
        got = self._hit.get(i)
        if got is None:
            self.looked += 1
            _cost, cx, cy, _ax, _ay = self.cands[i]
            got = False
            row = self.row(cy)
            if row:
                x1, x2 = cx - self.hw, cx + self.hw
                for a1, _b1, a2, _b2 in row:
                    if x1 < a2 and a1 < x2:
                        got = True
                        break
            self._hit[i] = got
        return got

    def free(self, start: int):
        """The spots from ``start`` on that no card covers, in order."""
        hit = self.hit
        return (i for i in range(start, len(self.cands)) if not hit(i))


def blocked_spots(cands: list, w: float, h: float, cards: list[Box]) -> tuple[list[bool], dict]:
    """:class:`Blocked`'s answer for every spot of ``cands``, and its rows."""
    b = Blocked(cands, w, h, cards)
    return [b.hit(i) for i in range(len(cands))], b.rows


#: How much worse a caption that can find no free spot finds covering the
#: cards (and copies) at the ends of the lit wires than covering others: the
#: step's own inputs and node, whose numbers the step changes, stay readable.
OWN_WEIGHT = 50.0


#: What a free spot costs more whose leader crosses a linked copy, a card,
#: or reads as one line with another caption's leader (two captions pushed
#: up and down from a card's two copies, their leaders on one vertical).
LEADER_COSTS = (500.0, 1_000.0, 2_000.0)
_NO_SPOTS: list[Spot | None] = [None, None, None]


def _place_in_order(
    order: list, cands: dict, sizes: dict, near: dict, pills: dict, blocked: dict, own: list[Box]
):
    """Place captions greedily in ``order``: (total cost, {edge id: spot});
    ``near`` and ``pills``: each caption's cards and linked copies
    (``blocked`` tells which spots they cover), ``own``: the cards at the
    ends of the lit wires, weighed ``OWN_WEIGHT`` times when no spot is free."""
    placed: list[Box] = []
    leaders: list[Segment] = []
    spots = {}
    total = 0.0
    for e in order:
        w, h = sizes[id(e)]
        cards = near[id(e)]
        best: Spot | None = None
        # the first free spot whose leader crosses a copy, a card, or runs as one line with another's
        firsts: list[Spot | None] = [None, None, None]
        fallback: Spot | None = None
        best_bad = math.inf
        spots_e, covered, copies = cands[id(e)], blocked[id(e)], pills[id(e)]
        hit = covered.hit
        # the nearest few (weighed when nothing is free), then only the spots no card covers
        for i in itertools.chain(range(min(_FALLBACK_TRIES, len(spots_e))), covered.free(_FALLBACK_TRIES)):
            cost, cx, cy, ax, ay = spots_e[i]
            b = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if not hit(i) and not _hits(b, placed):
                # its leader line crosses no card, copy or other caption; no
                # other leader runs under it, nor on from it
                if _cuts(b, leaders) or _in_line(cx, cy, ax, ay, leaders):
                    tier = 2
                elif crosses(cx, cy, ax, ay, cards + placed):
                    tier = 1
                elif crosses(cx, cy, ax, ay, copies):
                    tier = 0
                else:
                    best = (cost, cx, cy, ax, ay, b)
                    break
                if firsts[tier] is None:
                    firsts[tier] = (cost + LEADER_COSTS[tier], cx, cy, ax, ay, b)
            elif firsts == _NO_SPOTS and i < _FALLBACK_TRIES:
                # what the row meets: what cards meet
                bad = overlap(b, covered.row(cy)) + overlap(b, placed) + OWN_WEIGHT * overlap(b, own)
                if bad < best_bad:
                    best_bad, fallback = bad, (cost + 10_000.0 + bad, cx, cy, ax, ay, b)
        if best is None:
            best = next((f for f in firsts if f is not None), fallback)
        assert best is not None  # the nearest spot is always weighed
        cost, cx, cy, ax, ay, b = best
        total += cost
        spots[id(e)] = (cx, cy, ax, ay)
        placed.append((b[0] - GAP, b[1] - GAP, b[2] + GAP, b[3] + GAP))
        leaders.append((cx, cy, ax, ay))
    return total, spots


def _own(scene, lit: list) -> list[Box]:
    """The cards at both ends of the ``lit`` wires, and their copies drawn
    beside the step's card: the step's own node and inputs."""
    nodes = scene.node_map()
    ends = {n for e in lit for n in (e.source, e.target)}
    cards = [r for it in map(nodes.get, ends) if it is not None and it.isVisible() for r in card_boxes(it)]
    cards += [r for e in lit if (r := pill_of(scene, e.key)) is not None]
    return [box(r) for r in cards]


def place_captions(scene, edges: list) -> list[QRectF]:
    """Lay out the captions of ``edges`` (EdgeItems showing a flow); returns
    their scene rects in the same order. With a few captions every order of
    placing them is tried and the cheapest layout wins (so two wires that
    cross each keep their caption on their own side)."""
    lit = [e for e in edges if e.caption_rect() is not None]
    if not lit:
        return []
    # top to bottom, so each caption tends to keep its wire's vertical order
    lit.sort(key=lambda e: (e.shown_path().pointAtPercent(0.5).y(), e.port))
    sizes, cands, near, pills = {}, {}, {}, {}
    for e in lit:
        r = e.caption_rect()
        w, h = r.width(), r.height()
        sizes[id(e)] = (w, h)
        cands[id(e)] = _candidates(e, w, h, e.caption_below())
        regions = _reach(e, w, h)
        # by its own wire's ends only: y → mul1's caption sat by x's output port, on x → pow1, as
        # if it were that wire's, because x → mul1 was lit too (trial 50)
        near[id(e)] = _cards_near(scene, regions, frozenset(((e.source, -1), (e.target, e.port))))
        pills[id(e)] = _pills_near(scene, regions)
    blocked = {id(e): Blocked(cands[id(e)], *sizes[id(e)], near[id(e)] + pills[id(e)]) for e in lit}
    own = _own(scene, lit)
    orders = itertools.permutations(lit) if len(lit) <= 3 else [lit]
    best = min(
        (_place_in_order(list(o), cands, sizes, near, pills, blocked, own) for o in orders),
        key=lambda r: r[0],
    )
    spots = best[1]
    for e in lit:
        cx, cy, ax, ay = spots[id(e)]
        e.place_caption(QPointF(cx, cy), QPointF(ax, ay))
    return [e.caption_rect() for e in edges if id(e) in spots]
