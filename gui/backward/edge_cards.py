"""What the pass's camera leaves at the view's edges: whole cards, not
halves (trial 62: a column of linked copies cut to "2.0000" stubs at step
9, the gradient graph's start at 85 % with cards cut on three sides), and
the notes under the cards there."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.backward.camera_moves import MARGIN, fit_zoom, scroll, seen, with_room
from gui.backward.step_parts import _rect
from gui.canvas.linked.copy_item import BadgeItem, CopyItem
from gui.canvas.painting import BOUNDS
from gui.canvas.view import GraphView

#: The most a view is scrolled on for whole cards at its edges, a share of its width (or height).
EDGE_SHARE = 1 / 5

#: Cards looked at for the edges at most (a bigger view is far out: cards are blocks there).
MOST_CARDS = 400


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
        elif isinstance(kid, CopyItem):
            r = r.united(kid.scene_rect())
    return r


def _cut(spans: list[tuple[float, float]], r0: float, r1: float, m: float) -> tuple[list, list]:
    """The cards (their spans along one axis) cut at the edges: those that
    reach into the view (``m`` past ``r0``..``r1``, the room kept inside
    its edges) but not wholly into that room, at its near and far edge."""
    near = [(a, b) for a, b in spans if a < r0 and b > r0 - m]
    far = [(a, b) for a, b in spans if b > r1 and a < r1 + m]
    return near, far


def _scroll_for(spans: list[tuple[float, float]], r0: float, r1: float, keep: tuple[float, float], m: float):
    """The least scroll along one axis after which no card is cut at the
    view's edges (each shown whole in the room ``r0``..``r1`` or wholly out
    of view, ``m`` past it) and ``keep`` stays in that room; None where there
    is none (a few tries: a card shown or put out of view at one edge may
    bring another to the other edge). Never further than the widest card
    cut, and its room, nor than :data:`EDGE_SHARE` of the view (review 63
    #2: the scroll doubled a step's move, and leaf steps swung the view to
    and fro 258 px where 134 did: a card left cut reads better than that)."""
    near, far = _cut(spans, r0, r1, m)
    if not (near or far):
        return None
    e = 1.0  # (scene units: clear of rounding to whole pixels)
    most = (r1 - r0) * EDGE_SHARE
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
    fine = [d for d in fine if abs(d) <= most]
    return min(fine, key=abs) if fine else None


def whole_cards_in_view(scene, view: GraphView, keep: QRectF, top_margin: float) -> None:
    """Scroll the least, across and then down, so that no card is cut at the
    view's edges, each either shown whole or out of view, as far as ``keep``
    (the step's node and its neighbours) stays in view; an edge that cannot
    be made whole is left as it was (at the least readable zoom, the step's
    neighbours as wide as the view)."""
    z = view.transform().m11() or 1.0
    room = seen(view, top_margin, MARGIN / 2)
    near = room.adjusted(-room.width() / 2, -room.height() / 2, room.width() / 2, room.height() / 2)
    items = [it for it in scene.node_items_in(near) if it.isVisible()]
    if len(items) > MOST_CARDS:
        return
    rects = [shown_whole(it, z) for it in items]
    folded = (c.sceneBoundingRect() for c in scene.folding.cards() if c.isVisible())
    rects += [r for r in folded if r.intersects(near)]
    m = MARGIN / 2 / z  # (the room kept inside the view's edges)
    for axis in ("x", "y", "x"):  # (across again: the rows a scroll down brought in)
        room = seen(view, top_margin, MARGIN / 2)
        if axis == "x":
            xs = [
                (r.left(), r.right())
                for r in rects
                if r.top() < room.bottom() + m and r.bottom() > room.top() - m
            ]
            dx = _scroll_for(xs, room.left(), room.right(), (keep.left(), keep.right()), m)
            if dx is not None:
                scroll(view, dx, 0.0)
        else:
            ys = [
                (r.top(), r.bottom())
                for r in rects
                if r.left() < room.right() + m and r.right() > room.left() - m
            ]
            dy = _scroll_for(ys, room.top(), room.bottom(), (keep.top(), keep.bottom()), m)
            if dy is not None:
                scroll(view, 0.0, dy)


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


def notes_in_view(scene, view: GraphView, keep: QRectF, top_margin: float) -> None:
    """Scroll across so that the notes under the cards in view are not cut
    at its left or right edge (a column of leaves at the edge, their sums
    wider than their cards), if ``keep`` stays in view."""
    room = seen(view, top_margin, 0.0)
    cut_left = cut_right = 0.0
    for it in scene.node_items_in(room):
        if it.note is None or not room.left() <= it.scenePos().x() <= room.right():
            continue
        r = _rect(scene, [it.node_id])  # the card and the note under it, as drawn
        cut_left = max(cut_left, room.left() - r.left())
        cut_right = max(cut_right, r.right() - room.right())
    z = view.transform().m11() or 1.0
    dx = -(cut_left + MARGIN / z) if cut_left > 0 >= cut_right else 0.0
    dx = cut_right + MARGIN / z if cut_right > 0 >= cut_left else dx
    if dx and seen(view, top_margin).translated(dx, 0).contains(keep):
        scroll(view, dx, 0.0)
