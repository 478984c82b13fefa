"""Where a node added at no place of the user's goes: the palette's
double-click or Enter, and Graph › Add Node; and where Quick Add's goes
when the mouse rests on a card (:func:`free_near`).

A trial: File › New, then double-clicking Value, Add, Value and Multiply
piled each card about 28 px below and right of the last, over its value and
output port (the old rule moved on only while the new card's centre was on
a card); the user dragged them apart before wiring. Now the card goes into
free room in view, near where the user works:

- beside the card they work on (the one selected, else the last placed,
  if in view): a Value below it (inputs stack in a column, as the layout
  puts them), an operation to its right (where a consumer goes);
- else as near the middle of the view as there is room.

Free means no card (a folded group's included), no open group's frame and
no wire within a gap around the new card, none of the widgets over the
canvas's corners on it, and all of it in view. With no such room in view,
the nearest room outside it, and the view brought to it (zoomed out just
enough when the whole graph was in view, so it stays so). Only the cards
and wires the card grid files near the candidates are looked at.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPainterPathStroker

from core.autograd import ops
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.painting import BOUNDS, H2, PORT_YS, W2
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.canvas.wires.curve_bounds import PAD, curve_misses
from gui.common import style as S
from gui.editing.editor import GraphEditor

#: Between the centres of neighbouring spots: a card and room for a wire beside it.
STEP_X, STEP_Y = S.NODE_W + 3 * S.GRID, S.NODE_H + 2 * S.GRID
#: Kept free around the new card (scene units), and inside the view's edge (pixels).
GAP_X, GAP_Y, EDGE_PX = S.GRID, S.GRID * 0.75, 12.0
#: Spots looked at each way from the first choice (a view far out holds thousands).
REACH = 12
#: Wires looked at up to this many; more (a huge graph): only the cards count.
WIRES_MAX = 2_000
#: Quick Add's spots round the mouse: this far apart, up to this far off (scene units); one over
#: a wire counts as this much farther; kept this far inside the view's edge (pixels: as far as
#: the card's scroll into view keeps it, so the view does not move).
NEAR_STEP, NEAR_REACH, WIRE_COST, NEAR_EDGE_PX = S.GRID, 2 * STEP_X, 3 * S.GRID, 26.0
#: Quick Add's spots: a move up or down counts this many times its length; one past the view's
#: left or right edge (the view moves on to it) counts this much farther (scene units).
UP_DOWN, PAST_EDGE_COST = 2.0, 3 * S.GRID
#: An operation's spot left of a card it would likely read (one that feeds nothing yet) counts
#: this much farther for each such card, up to this far above or below it (scene units).
BACK_COST, BACK_REACH = 2 * STEP_X, 2 * STEP_Y
#: ... and for each wire from the nearest of them into it that would pass under another card.
#: (A Value right in front of such a card's output counts ``BACK_COST`` farther: its wire on
#: to what reads it would pass under the Value.)
UNDER_COST = STEP_X
#: A Value above the loose end the mouse is on, rather than below it, counts this much farther.
ABOVE_COST = 2 * S.GRID


class Placer(QObject):
    """Adds nodes at a free spot in ``view``; remembers the last one placed."""

    def __init__(self, editor: GraphEditor, view: GraphView) -> None:
        super().__init__(editor)
        self.editor, self.view = editor, view
        self._last: str | None = None
        editor.node_placed.connect(self._placed)

    def _placed(self, node_id: str) -> None:
        self._last = node_id

    def add(self, op: str) -> str | None:
        """Add an ``op`` node at :func:`free_spot` and keep it in view; its id."""
        view, scene = self.view, self.editor.scene
        whole = view.shows_whole()
        spot = free_spot(view, op, self._beside())
        nid = self.editor.add_node_at(op, spot)
        it = scene.node_item(nid) if nid is not None else None
        if it is not None:
            card = it.sceneBoundingRect()
            if not _seen(view).contains(card):  # (no room in view: the nearest outside)
                graph = view.graph_rect()
                view.bring_into_view(graph.united(card) if whole and graph is not None else card)
            view.setFocus()
        return nid

    def _beside(self) -> QPointF | None:
        """The card the user works on, if in view: the one selected, else the last placed."""
        scene = self.editor.scene
        sel = scene.selected_ids()
        for n in (sel[0] if len(sel) == 1 else None, self._last):
            it = scene.node_item(n) if n is not None else None
            if it is not None and it.isVisible() and _seen(self.view).contains(it.pos()):
                return it.pos()
        return None


def free_spot(view: GraphView, op: str, beside: QPointF | None = None) -> QPointF:
    """Where a new ``op`` card goes (its centre): see the module docstring."""
    seen = _seen(view)
    if beside is None:
        first, origin = seen.center(), seen.center()
    else:
        first = beside + (QPointF(0.0, STEP_Y) if ops.arity(op) == 0 else QPointF(STEP_X, 0.0))
        origin = beside
    return _first_free(_Room(view, seen), origin, first, beside)


def free_near(view: GraphView, at: QPointF, op: str = "leaf") -> QPointF:
    """Where a card added at the mouse (Quick Add) goes: at ``at`` (its
    centre), moved in as far as it needs to be whole in view (trial 54: near
    the canvas's edge the view scrolled to it instead, and each card of a
    column typed one under the other moved the ones before ~40 px: a
    staircase); where a card or group is in the way there (a trial: Tab on a
    card put the new one on top of it), the nearest free spot round it, one
    over a wire counted a little farther (trial 54: the nearest clear of
    wires was ~380 px off, below another card). A move up or down counts
    double, and past the left or right edge (the view then moves on to it)
    counts a little farther: trial 67 #8, right of d at the edge, the card
    moved in met d and went ~170 px up, above d, and its wires from d and
    f ran behind d; beside d at the mouse's height they stay short.
    An operation ``op`` goes right of the cards near that feed nothing yet,
    the ones it will likely read, where the wires from the nearest of them
    pass clear of other cards: they then run forward and in sight (trial 70
    #9: Tab on d put the × above f, left of f's output, and f's wire to it
    turned back under f)."""
    room = _Room(view, _seen(view), NEAR_EDGE_PX)
    at = room.moved_in(at)
    if room.free(at, False):
        return at
    arity = ops.arity(op)
    ends = _loose_ends(room.scene, at)
    reads = ends[:arity]  # (the mouse's card first)
    best, best_cost = None, math.inf
    reach = round(NEAR_REACH / NEAR_STEP)
    offsets = [
        (i * NEAR_STEP, j * NEAR_STEP) for i in range(-reach, reach + 1) for j in range(-reach, reach + 1)
    ]
    for dx, dy in sorted(offsets, key=lambda d: math.hypot(d[0], UP_DOWN * d[1])):
        off = math.hypot(dx, UP_DOWN * dy)
        if off >= best_cost:
            break
        p = at + QPointF(dx, dy)
        past = 0.0 if room.in_view(p) else PAST_EDGE_COST if room.beside_view(p) else math.inf
        if past < math.inf and room.free(p, False):
            cost = off + past + (0.0 if room.free(p, True) else WIRE_COST)
            if ends and arity:
                cost += _back_cost(ends, arity, p) + _under_cost(room.scene, reads, p, arity)
            elif ends:
                cost += _block_cost(ends, p)
            if cost < best_cost:
                best, best_cost = p, cost
    return best if best is not None else _first_free(room, at, at, None)


def free_right_of(view: GraphView, op: str, sources: list[str], level: float) -> QPointF:
    """Where an ``op`` wired from ``sources`` goes (Quick Add with cards selected or
    named: t72 #5): the nearest free spot right of them all, about ``level`` high
    (its wires level), where their wires pass under no card; one in view counted
    nearer than one past its edge (the caller brings that into view)."""
    scene = view.graph_scene()
    reads = [it for it in map(scene.node_item, sources) if it is not None]
    room = _Room(view, _seen(view))
    right = max((it.pos().x() for it in reads), default=_seen(view).center().x())
    first = QPointF(right + STEP_X, level)
    arity = ops.arity(op)
    best, best_cost = first, math.inf
    for p in _spots(first, first, None):
        if math.hypot(p.x() - first.x(), p.y() - first.y()) >= best_cost:
            break  # (the spots come nearest first; a move up or down counts more below)
        off = math.hypot(p.x() - first.x(), UP_DOWN * (p.y() - first.y()))
        if p.x() < first.x() - 1 or not room.free(p, False):
            continue
        cost = off + (0.0 if room.in_view(p) else PAST_EDGE_COST) + (0.0 if room.free(p, True) else WIRE_COST)
        cost += _under_cost(scene, reads, p, arity) if arity else 0.0
        if cost < best_cost:
            best, best_cost = p, cost
    return best


def _loose_ends(scene: GraphScene, at: QPointF) -> list[NodeItem]:
    """The cards round ``at`` that feed nothing yet, their inputs all wired, nearest first: a
    new operation there likely reads them."""
    reach = NEAR_REACH + STEP_X
    region = BOUNDS.translated(at).adjusted(-reach, -reach, reach, reach)
    model = scene.model
    ends = [
        it
        for it in scene.node_items_in(region)
        if it.node_id in model and not model.consumers(it.node_id) and None not in model.inputs(it.node_id)
    ]
    return sorted(ends, key=lambda it: math.hypot(it.pos().x() - at.x(), it.pos().y() - at.y()))


def _back_cost(ends: list[NodeItem], reads: int, p: QPointF) -> float:
    """How much farther a card at ``p`` counts for the loose ends its inputs are left of: the
    ``reads`` nearest wherever they are, the others up to ``BACK_REACH`` above or below."""
    left = p.x() - W2
    back = [
        e
        for i, e in enumerate(ends)
        if left < e.output_pos().x() + GAP_X and (i < reads or abs(e.pos().y() - p.y()) <= BACK_REACH)
    ]
    return BACK_COST * len(back)


def _block_cost(ends: list[NodeItem], p: QPointF) -> float:
    """How much farther a Value at ``p`` counts for each loose end whose output it stands in
    front of (its wire to what reads it would have to pass under the Value)."""
    r = BOUNDS.translated(p).adjusted(-PAD, -GAP_X, PAD, GAP_X)  # (a wire a grid step clear of it)
    cost = 0.0
    for i, e in enumerate(ends):
        out = e.output_pos()
        if r.left() < out.x() + STEP_X and r.right() > out.x():
            if r.top() < out.y() < r.bottom():
                cost += BACK_COST
            elif i == 0 and p.y() < out.y():  # beside the mouse's card: below it rather than above
                cost += ABOVE_COST  # (read top to bottom, in₁ then in₂, as in L = d·f)
    return cost


def _under_cost(scene: GraphScene, reads: list[NodeItem], p: QPointF, arity: int) -> float:
    """How much farther a card at ``p`` counts for each wire from ``reads`` into it (at the
    input nearest in height) that would pass under another card."""
    ports = [p.y() + y for y in PORT_YS[min(arity, 2)]]
    cost = 0.0
    for end in reads:
        a = end.output_pos()
        x2, y2 = p.x() - W2, min(ports, key=lambda y: abs(y - a.y()))
        span = QRectF(QPointF(min(a.x(), x2), min(a.y(), y2)), QPointF(max(a.x(), x2), max(a.y(), y2)))
        for it in scene.node_items_in(span.adjusted(-W2, -H2, W2, H2)):
            if it is end:
                continue
            r = it.sceneBoundingRect()
            if not curve_misses(a.x(), a.y(), x2, y2, (r.left(), r.top(), r.right(), r.bottom())):
                cost += UNDER_COST
                break
    return cost


def _first_free(room: _Room, origin: QPointF, first: QPointF, beside: QPointF | None) -> QPointF:
    """The best spot of the grid through ``origin`` near ``first`` that is
    free: in view and clear of wires, else in view, else the nearest outside."""
    in_view = [p for p in _spots(origin, first, beside) if room.in_view(p)]
    for clear_of_wires in (True, False):
        for p in in_view:
            if room.free(p, clear_of_wires):
                return p
    return next((p for p in _spots(origin, first, beside, 3 * REACH) if room.free(p, False)), first)


def _seen(view: GraphView) -> QRectF:
    """The scene rect the view shows."""
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _spots(origin: QPointF, first: QPointF, beside: QPointF | None, reach: int = REACH) -> Iterator[QPointF]:
    """The spots of the grid through ``origin`` near ``first``, the best first:
    the nearest; beside a card, those left of or above it last."""

    def cost(i: int, j: int) -> float:
        p = origin + QPointF(i * STEP_X, j * STEP_Y)
        d = math.hypot(p.x() - first.x(), p.y() - first.y())
        if beside is not None:
            d += STEP_X * (i < 0) + STEP_Y * (j < 0) / 2
        return d

    i0, j0 = round((first.x() - origin.x()) / STEP_X), round((first.y() - origin.y()) / STEP_Y)
    grid = [(i, j) for i in range(i0 - reach, i0 + reach + 1) for j in range(j0 - reach, j0 + reach + 1)]
    for i, j in sorted(grid, key=lambda ij: cost(*ij)):
        yield origin + QPointF(i * STEP_X, j * STEP_Y)


class _Room:
    """What takes room in one view's scene, asked spot by spot."""

    def __init__(self, view: GraphView, seen: QRectF, edge_px: float = EDGE_PX) -> None:
        self.scene: GraphScene = view.graph_scene()
        z, vp = view.zoom, view.viewport()
        e = edge_px / max(z, 1e-9)
        self.seen = seen.adjusted(e, e, -e, -e)
        self.covered = [view.mapToScene(r).boundingRect() for r in view.overlays.covered(vp)]
        fold = self.scene.folding
        frames = (fold.frame(g) for g in self.scene.model.groups.ids())
        self.groups = _Rects(
            [c.sceneBoundingRect() for c in fold.cards() if c.isVisible()]
            + [f.outline() for f in frames if f is not None and f.isVisible()]
        )
        self._wires: list[tuple[QRectF, QPainterPath]] | None = None

    def moved_in(self, p: QPointF) -> QPointF:
        """``p`` moved as little as makes a card there whole in view (where it fits)."""
        r, seen = BOUNDS.translated(p), self.seen
        if r.width() > seen.width() or r.height() > seen.height():
            return p
        dx = max(0.0, seen.left() - r.left()) + min(0.0, seen.right() - r.right())
        dy = max(0.0, seen.top() - r.top()) + min(0.0, seen.bottom() - r.bottom())
        return p + QPointF(dx, dy)

    def in_view(self, p: QPointF) -> bool:
        r = BOUNDS.translated(p)
        return self.seen.contains(r) and not any(c.intersects(r) for c in self.covered)

    def beside_view(self, p: QPointF) -> bool:
        """A card at ``p`` past the view's left or right edge, not its top or bottom."""
        r, seen = BOUNDS.translated(p), self.seen
        sideways = r.left() < seen.left() or r.right() > seen.right()
        return sideways and r.top() >= seen.top() and r.bottom() <= seen.bottom()

    def free(self, p: QPointF, clear_of_wires: bool) -> bool:
        """No card, group or (``clear_of_wires``) wire near a new card at ``p``."""
        r = BOUNDS.translated(p).adjusted(-GAP_X, -GAP_Y, GAP_X, GAP_Y)
        if self.scene.node_items_in(r) or self.groups.meet(r):
            return False
        return not clear_of_wires or not any(
            box.intersects(r) and path.intersects(r) for box, path in self.wires()
        )

    def wires(self) -> list[tuple[QRectF, QPainterPath]]:
        """The wires shown near the view, as thin outlines (once, when first asked)."""
        if self._wires is None:
            sc, near = self.scene, self.seen.adjusted(-STEP_X, -STEP_Y, STEP_X, STEP_Y)
            ids = sc.card_ids_near(near)
            keys = sc.wires_of(ids) if len(ids) <= WIRES_MAX else ()
            self._wires = []
            stroke = QPainterPathStroker()
            stroke.setWidth(4.0)
            for key in keys if len(keys) <= WIRES_MAX else ():
                e = sc.edge_item(*key)
                if e is not None and e.isVisible():
                    path = e.sceneTransform().map(stroke.createStroke(e.shown_path()))
                    self._wires.append((path.boundingRect(), path))
        return self._wires


class _Rects:
    """Rects filed by cells of ``CELL`` units, so a spot asks only those near it
    (a big graph's groups: thousands of folded cards and frames, 625 spots)."""

    CELL, FEW = 1024.0, 16

    def __init__(self, rects: list[QRectF]) -> None:
        self.wide: list[QRectF] = []  # over more than ``FEW`` cells (an outer frame): always asked
        self.cells: dict[tuple[int, int], list[QRectF]] = {}
        for r in rects:
            cells = self._cells(r)
            if cells is None:
                self.wide.append(r)
            for cell in cells or ():
                self.cells.setdefault(cell, []).append(r)

    def _cells(self, r: QRectF) -> list[tuple[int, int]] | None:
        """The cells ``r`` meets; None past ``FEW`` of them."""
        c = self.CELL
        xs = range(math.floor(r.left() / c), math.floor(r.right() / c) + 1)
        ys = range(math.floor(r.top() / c), math.floor(r.bottom() / c) + 1)
        return [(i, j) for i in xs for j in ys] if len(xs) * len(ys) <= self.FEW else None

    def meet(self, r: QRectF) -> bool:
        """Whether a rect filed meets ``r`` (a spot's, a card's size: a cell or four)."""
        if any(b.intersects(r) for b in self.wide):
            return True
        cells = self._cells(r)
        if cells is None:
            return any(b.intersects(r) for near in self.cells.values() for b in near)
        return any(b.intersects(r) for cell in cells for b in self.cells.get(cell, ()))
