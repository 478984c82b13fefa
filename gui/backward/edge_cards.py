"""What the pass's camera leaves at the view's edges: whole cards, not
halves (trial 62: a column of linked copies cut to "2.0000" stubs at step
9, the gradient graph's start at 85 % with cards cut on three sides), and
the notes under the cards there."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.backward.camera_moves import (
    FIT_SLACK,
    MARGIN,
    READABLE_ZOOM,
    center_in_room,
    fit_zoom,
    scroll,
    seen,
    with_room,
)
from gui.backward.step_parts import _rect
from gui.canvas.cards.card_text import FULL_ZOOM
from gui.canvas.linked.copy_item import BadgeItem, CopyItem
from gui.canvas.painting import BOUNDS
from gui.canvas.view import GraphView

#: The most a view is scrolled on for whole cards at its edges, a share of its width (or height).
EDGE_SHARE = 1 / 5

#: Cards looked at for the edges at most (a bigger view is far out: cards are blocks there).
MOST_CARDS = 400


def _reveal(scene, view: GraphView) -> None:
    """The cards the view shows now with their contents (linked copies, placed
    notes), as its next paint would give them: measured before, a card brought
    into view by the move had no copy beside it yet, and the copy was left
    cut at the edge (t64 #4: the expanded MLP's step 6)."""
    scene.detail.reveal(view.mapToScene(view.viewport().rect()).boundingRect())


def shown_whole(it, zoom: float) -> QRectF:
    """A card as drawn at ``zoom`` (not the room its bounds keep for a note),
    with the linked copies drawn beside its ports and its "×2 copies" badge."""
    r = it.mapRectToScene(BOUNDS)
    for kid in it.childItems():
        if not kid.isVisible():
            continue
        if isinstance(kid, BadgeItem):
            pill = kid.rect_at(zoom)[0]
            r = r if pill.isNull() else r.united(kid.mapRectToScene(pill))
        elif isinstance(kid, CopyItem):  # (as it will be drawn: one not painted yet is as small as it gets)
            r = r.united(kid.mapRectToScene(kid.rect_at(zoom)))
    return r


def _cut(spans: list[tuple[float, float]], r0: float, r1: float, m: float) -> tuple[list, list]:
    """The cards (their spans along one axis) cut at the edges: those that
    reach into the view (``m`` past ``r0``..``r1``, the room kept inside
    its edges) but not wholly into that room, at its near and far edge."""
    near = [(a, b) for a, b in spans if a < r0 and b > r0 - m]
    far = [(a, b) for a, b in spans if b > r1 and a < r1 + m]
    return near, far


def _scroll_for(
    spans: list[tuple[float, float]],
    r0: float,
    r1: float,
    keep: tuple[float, float],
    m: float,
    done: float = 0.0,
    way: float = 0.0,
    share: float = EDGE_SHARE,
    on: float | None = None,
):
    """The least scroll along one axis after which no card is cut at the
    view's edges (each shown whole in the room ``r0``..``r1`` or wholly out
    of view, ``m`` past it) and ``keep`` stays in that room; None where there
    is none (a few tries: a card shown or put out of view at one edge may
    bring another to the other edge). Never further than the widest card
    cut, and its room, nor than ``share`` of the view with ``done``,
    scrolled for it before (review 63 #2: the scroll doubled a step's move,
    and leaf steps swung the view to and fro 258 px where 134 did: a card
    left cut reads better than that); back against the ``way`` the view just
    moved, where it can, rather than on (that way at most ``on`` of the view, if given)."""
    near, far = _cut(spans, r0, r1, m)
    if not (near or far):
        return None
    e = 1.0  # (scene units: clear of rounding to whole pixels)
    most = (r1 - r0) * share
    starts = []
    if near:  # shown whole, or out of view
        starts += [min(a for a, _b in near) - r0 - e, max(b for _a, b in near) - r0 + m + e]
    if far:
        starts += [max(b for _a, b in far) - r1 + e, min(a for a, _b in far) - r1 - m - e]
    fine = []
    for d in starts:
        for _ in range(4):
            if not (r0 + d <= keep[0] and keep[1] <= r1 + d):
                break
            near, far = _cut(spans, r0 + d, r1 + d, m)
            if not (near or far):
                fine.append(d)
                break
            if d > 0 and far and not near:  # on the way: the next one shown whole too
                d = max(b for _a, b in far) - r1 + e
            elif d < 0 and near and not far:
                d = min(a for a, _b in near) - r0 - e
            else:
                break
    fine = [d for d in fine if abs(done + d) <= (most if on is None or d * way <= 0 else (r1 - r0) * on)]
    # (back against the ``way`` the view moved first: on that way, it swung to and fro between leaf steps)
    return min(fine, key=lambda d: (d * way > 0, abs(d))) if fine else None


def whole_cards_in_view(
    scene,
    view: GraphView,
    keep: QRectF,
    top_margin: float,
    moved: tuple[float, float] = (0.0, 0.0),
    centred: bool = False,
) -> None:
    """Scroll the least, across and then down, so that no card is cut at the
    view's edges, each either shown whole or out of view, as far as ``keep``
    (the step's node and its neighbours) stays in view; an edge that cannot
    be made whole is left as it was (at the least readable zoom, the step's
    neighbours as wide as the view); ``moved``: how far the view just moved
    across and down (a scroll back is taken before one on; a step ``centred`` stays near the
    middle, :func:`held_near_middle`, its move made longer by :data:`CENTRED_ON` at most)."""
    z = view.transform().m11() or 1.0
    _reveal(scene, view)
    room = seen(view, top_margin, MARGIN / 2)
    near = room.adjusted(-room.width() / 2, -room.height() / 2, room.width() / 2, room.height() / 2)
    items = [it for it in scene.node_items_in(near) if it.isVisible()]
    if len(items) > MOST_CARDS:
        return
    rects = [shown_whole(it, z) for it in items]
    folded = (c.sceneBoundingRect() for c in scene.folding.cards() if c.isVisible())
    rects += [r for r in folded if r.intersects(near)]
    done = {"x": 0.0, "y": 0.0}  # (scrolled so far along each: the share allowed is of them all)
    way, on = {"x": moved[0], "y": moved[1]}, CENTRED_ON if centred else None
    for axis in ("x", "y", "x"):  # (across again: the rows a scroll down brought in)
        # each card whole inside the room kept at the edges, or whole inside the view (cards
        # closer than that room, as the expanded MLP's with their copies: t64 #4), the lesser scroll
        ds = [
            _scroll_along(
                axis, rects, seen(view, top_margin, m), keep, m / z, (done[axis], way[axis], share, on)
            )
            for m, share in ((MARGIN / 2, EDGE_SHARE), (TIGHT, TIGHT_SHARE))
        ]
        d = min((d for d in ds if d is not None), key=abs, default=None)
        if d is not None:
            scroll(view, d, 0.0) if axis == "x" else scroll(view, 0.0, d)
            done[axis] += d


#: The room (viewport pixels) a card shown whole keeps from the view's edge where the usual does not fit,
#: and the most the view scrolls on for that, a share of its width or height (more, at 1000 × 700, swung
#: the view between the MLP's leaf steps x2 and w22 again: tests/test_pass_views_whole.py).
TIGHT, TIGHT_SHARE = 2.0, EDGE_SHARE / 2


def _scroll_along(
    axis: str,
    rects: list[QRectF],
    room: QRectF,
    keep: QRectF,
    m: float,
    how: tuple[float, float, float, float | None],
) -> float | None:
    """``_scroll_for`` across (``axis`` "x") or down, for the cards ``rects`` in the rows (or
    columns) ``room`` shows, ``m`` the room kept inside its edges; ``how``: scrolled for them
    before, the view's move along it, the share of the view it may scroll on at most and
    that on the way it moved (None: the same)."""
    if axis == "x":
        xs = [
            (r.left(), r.right())
            for r in rects
            if r.top() < room.bottom() + m and r.bottom() > room.top() - m
        ]
        return _scroll_for(xs, room.left(), room.right(), (keep.left(), keep.right()), m, *how)
    ys = [(r.top(), r.bottom()) for r in rects if r.left() < room.right() + m and r.right() > room.left() - m]
    return _scroll_for(ys, room.top(), room.bottom(), (keep.top(), keep.bottom()), m, *how)


#: A step centred stays this near the middle (a share of the view's width or height) as the view
#: scrolls on for whole cards (tests/test_camera_centres.py: within a tenth).
HELD = 0.095
#: The most a centred step's view scrolls on, the way it moved, for whole cards (a share of the view:
#: more, at 1000 × 700, swung the view between the MLP's leaf steps x2 and w22 again).
CENTRED_ON = 0.075


def held_near_middle(view: GraphView, focus: QRectF, top_margin: float) -> QRectF:
    """What a scroll for whole cards keeps in view so that ``focus``'s centre
    stays within :data:`HELD` of the middle of the view: a box around it, as
    much smaller than the room as that (a step off the middle by more already
    is not scrolled for whole cards: no scroll keeps the box in view)."""
    room, c = seen(view, top_margin, MARGIN / 2), focus.center()
    w, h = room.width() * (0.5 - HELD), room.height() * (0.5 - HELD)
    return QRectF(c.x() - w, c.y() - h, 2 * w, 2 * h)


#: The whole graph is the finished picture where it needs at most this much more zoom out than the ends.
WHOLE_COST = 0.8


def whole_graph_near(scene, view: GraphView, ends: list[str], top_margin: float) -> list[str] | None:
    """Every node, where the finished picture of the whole graph costs little
    more zoom than that of its root and leaves (``WHOLE_COST``, and no less
    than where cards read: ``_show_ends``): a card outside the pass was left
    past the view's edge (trial 62: the gradient graph's y.grad; the whole
    fits at 87 % of its ends' zoom). None else."""
    model = scene.model
    graph = view.graph_rect()
    if graph is None or len(model) > MOST_CARDS or scene.folding.cards():
        return None
    e = _rect(scene, ends, cards_only=True)
    if e.isNull():
        return None
    z = min(view.transform().m11(), fit_zoom(view, with_room(e), top_margin))
    return list(model.nodes()) if fit_zoom(view, with_room(graph), top_margin) >= WHOLE_COST * z else None


def notes_in_view(scene, view: GraphView, keep: QRectF, top_margin: float, zoom_out: bool = False) -> None:
    """Scroll across so that the notes under the cards in view are not cut
    at its left or right edge (a column of leaves at the edge, their sums
    wider than their cards), if ``keep`` stays in view; ``zoom_out`` (the
    finished picture): where no scroll does, out as far as they read, so
    that ``keep`` and those notes fit (a leaf's ``a.grad = nan …``, slid
    left clear of the card below, wider than the room left of it: t64 #6)."""
    _reveal(scene, view)
    room = seen(view, top_margin, 0.0)
    cut_left = cut_right = 0.0
    cards: list = []  # (those whose notes are cut, and the cards with them)
    cut = QRectF()
    for it in scene.node_items_in(room):
        if it.note is None or not room.left() <= it.scenePos().x() <= room.right():
            continue
        r = _rect(scene, [it.node_id])  # the card and the note under it, as drawn
        cut_left = max(cut_left, room.left() - r.left())
        cut_right = max(cut_right, r.right() - room.right())
        if r.left() < room.left() or r.right() > room.right():
            cut = cut.united(r)
            cards.append(it)
    z = view.transform().m11() or 1.0
    dx = -(cut_left + MARGIN / z) if cut_left > 0 >= cut_right else 0.0
    dx = cut_right + MARGIN / z if cut_right > 0 >= cut_left else dx
    if dx and seen(view, top_margin).translated(dx, 0).contains(keep):
        scroll(view, dx, 0.0)
        return
    if not (zoom_out and (cut_left > 0 or cut_right > 0)):
        return
    both = keep.united(cut)
    fz = fit_zoom(view, both, top_margin) * FIT_SLACK
    if (FULL_ZOOM if z >= FULL_ZOOM else READABLE_ZOOM) <= fz < z:  # (no further: the cards drop their notes)
        view.set_zoom(fz)
        center_in_room(view, both, top_margin)
        _reveal(scene, view)
        return
    # too wide for the view: as far that way as ``keep`` stays in view, the notes still cut
    # narrowed to their first words, what the view has room for
    k, r = keep, seen(view, top_margin)
    dx = max(dx, min(0.0, k.right() - r.right())) if dx < 0 else min(dx, max(0.0, k.left() - r.left()))
    scroll(view, dx, 0.0)
    for it in cards:
        narrow_note(it, seen(view, top_margin))


#: A note is narrowed to the view's room no narrower than this (scene units): its card's width.
NOTE_MIN_W = BOUNDS.width()


def narrow_note(it, room: QRectF) -> None:
    """The note under the card ``it`` (one beside it: no leader line) cut
    down to ``room`` across, its text the first words that fit (the card
    draws what its note's room holds); left as it is where that leaves
    less than a card's width."""
    placed = it.placed_note
    rect, leader = it.note_place
    if placed is None or leader is not None:
        return
    r = it.mapRectToScene(rect)
    left, right = max(r.left(), room.left()), min(r.right(), room.right())
    if right - left < min(NOTE_MIN_W, r.width()) or (left, right) == (r.left(), r.right()):
        return
    x0, x1 = it.mapFromScene(left, r.top()).x(), it.mapFromScene(right, r.top()).x()
    it.place_note(QRectF(x0, rect.top(), x1 - x0, rect.height()))


def shown_notes(scene, view: GraphView, keep: QRectF, top_margin: float) -> QRectF:
    """``keep`` with the cards whose notes the view shows whole (card and
    note): what a scroll for whole cards keeps in view, so that it does not
    cut again the notes ``notes_in_view`` brought in."""
    room = seen(view, top_margin, MARGIN / 2)
    out = QRectF(keep)
    for it in scene.node_items_in(room):
        if it.isVisible() and it.placed_note is not None:
            r = it.sceneBoundingRect()
            if room.contains(r):
                out = out.united(r)
    return out
