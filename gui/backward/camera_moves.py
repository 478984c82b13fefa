"""How the pass's camera moves: the least scroll, or zoom out, that shows
a part of the scene below the banner, with room for the captions that grow
out of it, clear of the widgets over the canvas's corners."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.canvas.folding.group_items import GroupFrame
from gui.canvas.view import GraphView
from gui.common import style as S

#: Below this zoom the canvas hides gradients and captions (style.LOD_DETAIL).
READABLE_ZOOM = S.LOD_DETAIL
#: Down to this zoom a card still reads: its name, value and gradient drawn
#: large (semantic zoom, 11 px or more): the finished picture's root and
#: leaves may be shown this far out (the folded MLP's fit at 47 %).
ENDS_ZOOM = S.LOD_TEXT

#: Room (viewport pixels) kept between what a step shows and the view's edges.
MARGIN = 24.0
FIT_SLACK = 0.97  # zoomed out to fit a step's neighbours: a little room to spare


def seen(view: GraphView, top_margin: float = 0.0, margin: float = MARGIN) -> QRectF:
    """The scene rect the viewport shows, less the margins and the banner."""
    z = view.transform().m11() or 1.0
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return seen.adjusted(margin / z, (margin + top_margin) / z, -margin / z, -margin / z)


def fit_zoom(view: GraphView, graph: QRectF, top_margin: float) -> float:
    """The zoom at which ``graph`` would fill the viewport (below the banner)."""
    vp = view.viewport().rect()
    w = max(1.0, vp.width() - 2 * MARGIN)
    h = max(1.0, vp.height() - 2 * MARGIN - top_margin)
    return min(w / max(graph.width(), 1.0), h / max(graph.height(), 1.0))


def would_fit(view: GraphView, wanted: tuple[QRectF, ...], top_margin: float) -> QRectF | None:
    """The first of ``wanted`` that ``fitting`` would show, the view left as it is (None: none)."""
    room = seen(view, top_margin)
    for r in wanted:
        if r.width() <= room.width() and r.height() <= room.height():
            return r
        if READABLE_ZOOM <= fit_zoom(view, r, top_margin) < view.transform().m11():
            return r
    return None


def fitting(view: GraphView, wanted: tuple[QRectF, ...], focus: QRectF, top_margin: float) -> QRectF:
    """The first of ``wanted`` that fits in view, zooming out for it (never
    below a readable zoom, never in); else ``focus``."""
    r = would_fit(view, wanted, top_margin)
    if r is None:
        return focus
    room = seen(view, top_margin)
    if r.width() > room.width() or r.height() > room.height():
        view.set_zoom(max(READABLE_ZOOM, fit_zoom(view, r, top_margin) * FIT_SLACK))
    return r


def grown_while_readable(view: GraphView, focus: QRectF, rects: list[QRectF], top_margin: float) -> QRectF:
    """``focus`` with as many of ``rects`` as fit in view with it at a
    readable zoom, nearest first (a step whose shared weight is far off
    still shows its consumer and the input beside it)."""
    out, c = QRectF(focus), focus.center()
    for r in sorted(rects, key=lambda r: (r.center() - c).manhattanLength()):
        grown = out.united(r)
        if fit_zoom(view, grown, top_margin) >= READABLE_ZOOM:
            out = grown
    return out


#: A step's group's name tab is brought into view with it by zooming out at most this much.
TAB_ZOOM_OUT = 0.8


def with_tabs(view: GraphView, target: QRectF, tabs: list[QRectF], top_margin: float) -> QRectF:
    """``target`` with the name tabs of the groups around the step (innermost
    first) while each fits in view with it, zooming out a little if need be,
    when the view has to move for ``target`` at all (moved to just the
    step, the view cut the group's name and its left part, a learner lost
    which layer it was in, and the right half of the view was empty: a
    trial)."""
    if seen(view, top_margin, MARGIN / 2).contains(target):
        return target  # (the view stays: no move for a tab alone)
    z = view.transform().m11() or 1.0
    out = QRectF(target)
    for tab in tabs:
        grown = out.united(tab)
        room = seen(view, top_margin)
        if grown.width() <= room.width() and grown.height() <= room.height():
            out = grown
            continue
        fz = fit_zoom(view, grown, top_margin) * FIT_SLACK
        if fz >= max(READABLE_ZOOM, z * TAB_ZOOM_OUT):
            view.set_zoom(fz)
            z, out = fz, grown
            continue
        break  # (an outer tab that does not fit: the step centred as before, tests/test_camera_centres.py)
    return out


def ensure_visible(
    view: GraphView, whole: QRectF, focus: QRectF, top_margin: float, centre: bool = False
) -> None:
    """Scroll the least that brings ``whole`` into view, or ``focus`` if
    ``whole`` is bigger than the view; ``centre``: what is wanted did not
    fit, so a needed scroll centres ``whole`` on the way it moves (scrolled
    just to the edge, the node sat there with its neighbours cut off, and
    each next step nudged it again)."""
    # Hysteresis: what is on screen within half the margin needs no scroll;
    # a scroll that is needed brings it the whole margin in.
    if seen(view, top_margin, MARGIN / 2).contains(whole):
        return
    room = seen(view, top_margin)
    fits = whole.width() <= room.width() + 0.5 and whole.height() <= room.height() + 0.5  # (zoomed to fit)
    target = whole if fits else focus
    dx = dy = 0.0
    if target.width() > room.width():
        dx = target.center().x() - room.center().x()
    elif target.left() < room.left():
        dx = target.left() - room.left()
    elif target.right() > room.right():
        dx = target.right() - room.right()
    if target.height() > room.height():
        dy = target.top() - room.top()
    elif target.top() < room.top():
        dy = target.top() - room.top()
    elif target.bottom() > room.bottom():
        dy = target.bottom() - room.bottom()
    if centre:  # on the node, as far as what is shown with it stays in view, and the graph fills it
        t, f, r, g = target, focus, room, with_room(view.graph_rect() or target)
        if dx:
            dx = _centred(
                (t.left(), t.right()), f.center().x(), (r.left(), r.right()), dx, (g.left(), g.right())
            )
        if dy:
            dy = _centred(
                (t.top(), t.bottom()), f.center().y(), (r.top(), r.bottom()), dy, (g.top(), g.bottom())
            )
        scroll(view, dx, dy)
        return
    # Scrolling at all: a little further (as long as the step, and what of
    # the graph is in view on the far side, stays in view), so the next
    # steps that way don't nudge the view a few pixels each.
    z = view.transform().m11() or 1.0
    graph = view.graph_rect() or target
    dx = to_the_edge(dx, target, room, with_room(graph))  # (``room`` is inside the margin)
    t, g, r = target, graph, room
    dx = _further(dx, (t.left(), t.right()), (g.left(), g.right()), (r.left(), r.right()), SLACK / z)
    dy = _further(dy, (t.top(), t.bottom()), (g.top(), g.bottom()), (r.top(), r.bottom()), SLACK / z)
    scroll(view, dx, dy)


def _centred(
    target: tuple[float, float],
    at: float,
    room: tuple[float, float],
    least: float,
    graph: tuple[float, float],
) -> float:
    """The scroll along one axis that brings ``at`` to the middle of ``room``,
    held to the scrolls that keep ``target`` in it, and short of showing
    past the ``graph``'s end beyond the ``least`` scroll needed (a leaf at
    the graph's corner is not centred in a half empty view); each span: its
    low and high end. A target bigger than the room: centred on ``at``."""
    d = at - (room[0] + room[1]) / 2
    lo, hi = target[1] - room[1], target[0] - room[0]
    d = d if lo > hi else min(max(d, lo), hi)
    if d < 0:
        return max(d, min(least, graph[0] - room[0]))
    return min(d, max(least, graph[1] - room[1]))


def _further(
    d: float, target: tuple[float, float], graph: tuple[float, float], room: tuple[float, float], slack: float
) -> float:
    """A scroll of ``d`` along one axis, up to ``slack`` further while the
    target, and the graph's part in view on the far side, stay in ``room``
    (each span: its low and high end)."""
    if d < 0:
        far = max(target[1], min(graph[1], room[1]))
        return d - max(0.0, min(slack, room[1] + d - far))
    if d > 0:
        far = min(target[0], max(graph[0], room[0]))
        return d + max(0.0, min(slack, far - (room[0] + d)))
    return d


def to_the_edge(dx: float, target: QRectF, room: QRectF, graph: QRectF) -> float:
    """A scroll of ``dx`` towards the graph's side edge (with room for its
    captions), stretched to show that edge when ``target`` stays in view:
    one move there, not one for each wider caption near it."""
    if dx < 0 and graph.left() < room.left():
        edge = graph.left() - room.left()
        if edge < dx and target.right() <= room.right() + edge:
            return edge
    elif dx > 0 and graph.right() > room.right():
        edge = graph.right() - room.right()
        if edge > dx and target.left() >= room.left() + edge:
            return edge
    return dx


#: Room (scene units) the notes and captions under the cards take beyond the
#: graph's left and right edges and below it, at most in the examples.
CAPTION_ROOM_X = 96.0
CAPTION_ROOM_Y = 32.0


#: Room (viewport pixels) kept, beyond the margin, around the current node and
#: its captions where the graph goes on past them, when the view has to move:
#: moved the least, it left a step inside an opened MLP layer at its bottom
#: edge, the rest of its neuron (the next steps) cut off below it (a trial).
COMFORT = 64.0


def with_comfort(view: GraphView, rect: QRectF, graph: QRectF | None) -> QRectF:
    """``rect`` with ``COMFORT`` around it, as far as the ``graph`` (with room
    for its captions) reaches: a node at the graph's edge is shown at the
    view's edge, the view not moved past the graph's end for it."""
    z = view.transform().m11() or 1.0
    c = COMFORT / z
    out = rect.adjusted(-c, -c, c, c)
    return out if graph is None else out.intersected(with_room(graph)).united(rect)


def with_room(rect: QRectF) -> QRectF:
    """``rect`` with the room its notes and captions take beside and below it."""
    return rect.adjusted(-CAPTION_ROOM_X, 0, CAPTION_ROOM_X, CAPTION_ROOM_Y)


#: How far (viewport pixels) a needed scroll goes beyond the least.
SLACK = 48.0


def center_in_room(view: GraphView, rect: QRectF, top_margin: float) -> None:
    """Centre ``rect`` in what the view shows below the banner."""
    room = seen(view, top_margin)
    scroll(view, rect.center().x() - room.center().x(), rect.center().y() - room.center().y())


def centre_toward(view: GraphView, keep: QRectF, toward: QRectF, top_margin: float) -> None:
    """Centre ``toward`` (the graph) in what the view shows below the banner, as far as ``keep``
    stays in it; ``keep`` centred where it is bigger. Centred on its own, a forward pass's ends
    (the seeded leaf at the graph's top, the root) left the rest of the graph low in the view,
    its top third empty (a trial), where Backward's ends, the root and every leaf, frame it all."""
    room = seen(view, top_margin)

    def along(k0: float, k1: float, r0: float, r1: float, want: float) -> float:
        lo, hi = k1 - r1, k0 - r0  # (the scrolls that keep ``keep`` in the room)
        return (k0 + k1 - r0 - r1) / 2 if lo > hi else min(max(want - (r0 + r1) / 2, lo), hi)

    k, r, c = keep, room, toward.center()
    scroll(
        view,
        along(k.left(), k.right(), r.left(), r.right(), c.x()),
        along(k.top(), k.bottom(), r.top(), r.bottom(), c.y()),
    )


def clear_of_overlays(view: GraphView, keep: QRectF, top_margin: float) -> bool:
    """Scroll ``keep`` out from under the widgets over the canvas's corners
    (the minimap, the Find bar), the least way that keeps it in view; False
    when it stays under one."""
    vp = QRectF(view.viewport().rect()).adjusted(
        MARGIN / 2, MARGIN / 2 + top_margin, -MARGIN / 2, -MARGIN / 2
    )
    r = view.mapFromScene(keep).boundingRect().toRectF()
    z = view.transform().m11() or 1.0
    for over in view.overlays.covered(view.viewport()):
        c = QRectF(over).adjusted(-MARGIN / 2, -MARGIN / 2, MARGIN / 2, MARGIN / 2)
        if not c.intersects(r):
            continue
        moves = [(r.right() - c.left(), 0.0)]  # the view right: ``keep`` to the overlay's left
        if c.center().y() > vp.center().y():  # (at the bottom: ``keep`` above it)
            moves.append((0.0, r.bottom() - c.top()))
        else:  # (at the top: below it)
            moves.append((0.0, r.top() - c.bottom()))
        fits = [(dx, dy) for dx, dy in moves if vp.contains(r.translated(-dx, -dy))]
        if not fits:
            return False
        dx, dy = min(fits, key=lambda m: abs(m[0]) + abs(m[1]))
        scroll(view, dx / z, dy / z)
        r = r.translated(-dx, -dy)
    return True


def scroll(view: GraphView, dx: float, dy: float) -> None:
    """Move the view by (``dx``, ``dy``) scene units, in whole pixels."""
    if dx or dy:
        h, v = view.horizontalScrollBar(), view.verticalScrollBar()
        z = view.transform().m11() or 1.0
        h.setValue(h.value() + round(dx * z))
        v.setValue(v.value() + round(dy * z))


def over_opened(
    view: GraphView, frame: GroupFrame | None, tries: tuple[QRectF, ...], top_margin: float
) -> tuple[QRectF, QRectF]:
    """Where to centre the view after the group of ``frame`` opened mid-pass,
    and what it must then keep in view: the frame whole with the first of
    ``tries`` (the step and its neighbours, the step and its captions, the
    step) that fits with it at a readable zoom, zoomed out for it (never in);
    else the first of ``tries``, over as much of the frame as fits (only the
    step was kept in view and the opened layer ran off the canvas: a trial).
    No frame (none or many opened): the first of ``tries``, centred."""
    if frame is None:
        return tries[0], tries[0]
    outline = frame.outline()
    whole = would_fit(view, tuple(outline.united(t) for t in tries), top_margin)
    target = tries[0] if whole is None else fitting(view, (whole,), whole, top_margin)
    return over_frame(view, outline, target, top_margin), target


def over_frame(view: GraphView, frame: QRectF, target: QRectF, top_margin: float) -> QRectF:
    """Where to centre the view on ``target`` (a step and its neighbours)
    after the group of ``frame`` opened around it: centred on the target,
    then moved over the frame (all of it where it fits, else none of what
    lies outside it) as far as the target stays in view. Centred on the step
    alone, the opened layer lay off in a corner, cut by the view's edges,
    its name out of view (a trial)."""
    room = seen(view, top_margin)

    def start(f0: float, f1: float, t0: float, t1: float, size: float) -> float:
        v = (t0 + t1 - size) / 2
        if t1 - t0 > size:
            return v
        v = (f0 + f1 - size) / 2 if f1 - f0 <= size else min(max(v, f0), f1 - size)
        return min(max(v, t1 - size), t0)

    x = start(frame.left(), frame.right(), target.left(), target.right(), room.width())
    y = start(frame.top(), frame.bottom(), target.top(), target.bottom(), room.height())
    # (the room lies below the banner: the view's centre is the room's, moved by that)
    off = room.center() - view.mapToScene(view.viewport().rect().center())
    return QRectF(x, y, room.width(), room.height()).translated(-off)


def with_ports(cards: QRectF) -> QRectF:
    """``cards`` (their bodies) with the port dots sticking out of their sides."""
    return cards.adjusted(-2 * S.PORT_R, 0, 2 * S.PORT_R, 0)


def whole_far_out(
    view: GraphView, zoom: float, floor: float, top_margin: float
) -> tuple[QRectF, float] | None:
    """The whole graph (its wires' bulges, linked copies' badges and notes' room) and the zoom
    that shows it, where the finished picture is far out already at ``zoom`` (below ENDS_ZOOM:
    its cards read by their names) and the graph, cut there, fits a little further out, at
    ``floor`` or nearer: the root and weights kept at 33 % cut the last step's constant x1[1]
    at the top and an opened layer's last row at the bottom (verify 59, v59/93)."""
    graph = view.graph_rect()
    if graph is None or zoom >= ENDS_ZOOM:
        return None
    whole = with_room(graph.united(view.wires_reach(graph) or graph))
    whole = view.graph_scene().linked.reach_past(whole)
    z = fit_zoom(view, whole, top_margin) * FIT_SLACK
    return (whole, z) if floor <= z < zoom else None
