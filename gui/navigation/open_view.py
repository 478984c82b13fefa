"""Where Find's Open group leaves the view: the whole opened group where it
fits at a readable zoom in the canvas's room clear of the Find bar and the
minimap; else the innermost group around the match; else the match with as
many of its neighbours as fit, nearest first; else the match alone. What is
shown is then moved over the opened group as far as it stays in view, so
its left column and name tab show rather than run off the canvas's edge.

A trial: centred on the match at the zoom it was found at, the opened
layer's left column (its w and x copies) was cut at the canvas's left edge
and the Find bar covered the layer's top right."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF

from gui.canvas.view import GraphView
from gui.common import style as S

#: The least zoom a group is fitted at: cards show their port names and gradients.
READABLE = S.LOD_DETAIL
#: Room (viewport pixels) kept between what is shown and the room's edges.
PAD = 16.0


def rooms(view: GraphView) -> list[QRectF]:
    """The parts of the viewport (its pixels) clear of every widget over it
    (each one's room above, below, left or right of them), less ``PAD``."""
    out = [QRectF(view.viewport().rect())]
    for over in view.overlays.covered(view.viewport()):
        c = QRectF(over)
        kept: list[QRectF] = []
        for r in out:
            if not r.intersects(c):
                kept.append(r)
                continue
            kept += [
                QRectF(r.left(), c.bottom(), r.width(), r.bottom() - c.bottom()),
                QRectF(r.left(), r.top(), r.width(), c.top() - r.top()),
                QRectF(r.left(), r.top(), c.left() - r.left(), r.height()),
                QRectF(c.right(), r.top(), r.right() - c.right(), r.height()),
            ]
        out = [r for r in kept if r.width() > 0 and r.height() > 0]
    padded = [r.adjusted(PAD, PAD, -PAD, -PAD) for r in out]
    return [r for r in padded if r.width() > PAD and r.height() > PAD] or [QRectF(view.viewport().rect())]


def _fit(rect: QRectF, room: QRectF) -> float:
    return min(room.width() / max(rect.width(), 1.0), room.height() / max(rect.height(), 1.0))


def _best(rect: QRectF, places: list[QRectF]) -> tuple[float, QRectF]:
    """The room that shows ``rect`` largest, and the zoom it takes."""
    return max(((_fit(rect, r), r) for r in places), key=lambda f: (f[0], f[1].width() * f[1].height()))


def grown(match: QRectF, near: Iterable[QRectF], places: list[QRectF]) -> QRectF:
    """``match`` with as many of ``near`` as fit with it at a readable zoom, nearest first."""
    out, c = QRectF(match), match.center()
    for r in sorted(near, key=lambda r: (r.center() - c).manhattanLength()):
        more = out.united(r)
        if _best(more, places)[0] >= READABLE:
            out = more
    return out


def show_opened(view: GraphView, wanted: list[QRectF], frame: QRectF) -> QRectF:
    """Show the first of ``wanted`` (scene rects, the last the match itself)
    that fits a room at a readable zoom (at the view's zoom, when that is
    readable and shows it: never zoomed in past it), over ``frame`` (the
    opened group) as far as it stays in view; the rect shown."""
    places = rooms(view)
    z0 = view.zoom
    rect, (fz, room) = wanted[-1], _best(wanted[-1], places)
    for r in wanted:
        fr, place = _best(r, places)
        if fr >= READABLE:
            rect, fz, room = r, fr, place
            break
    view.set_zoom(min(fz, max(z0, READABLE)) if fz >= READABLE else max(z0, READABLE))
    _place(view, frame, rect, room)
    return rect


def show_match(view: GraphView, match: QRectF, graph: QRectF | None) -> None:
    """Find's current ``match`` (a scene rect) in view at the view's zoom, in the room clear of
    the Find bar and the minimap that shows the most of the ``graph``: over the graph as far as
    the match stays in view (the graph centred where it fits, else the view kept over it, as
    near the match's middle as that allows). Centred on the match alone, a match near the
    graph's edge left the canvas beyond it empty: the MLP's first "w2" a third of the canvas
    empty above it and its bottom layers cut (a trial); the weights' card, in its middle
    column, its loss pushed off the right edge (52_find_repeat). A graph wholly in view with
    the match clear of those widgets: the view stays."""
    places = rooms(view)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    at = view.mapFromScene(match).boundingRect().toRectF()
    if graph is not None and seen.contains(graph) and any(r.contains(at) for r in places):
        return
    frame = match if graph is None else graph.united(match)
    _place(view, frame, match, _best(frame, places)[1])


def _place(view: GraphView, frame: QRectF, target: QRectF, room: QRectF) -> None:
    """Scroll so that ``room`` (viewport pixels) shows ``frame`` (scene) at the
    view's zoom, as far as ``target`` stays in it (:func:`_start` each way)."""
    z = view.zoom
    x = _start(frame.left(), frame.right(), target.left(), target.right(), room.width() / z)
    y = _start(frame.top(), frame.bottom(), target.top(), target.bottom(), room.height() / z)
    vc = QRectF(view.viewport().rect()).center()
    view.centerOn(x + (vc.x() - room.left()) / z, y + (vc.y() - room.top()) / z)


def _start(f0: float, f1: float, t0: float, t1: float, size: float) -> float:
    """Where a span of ``size`` starts along one axis: over the frame
    ``f0``..``f1`` (centred on it where it fits, else kept inside it), as
    far as the target ``t0``..``t1`` stays in it (a target bigger than
    ``size``: centred on it)."""
    v = (t0 + t1 - size) / 2
    if t1 - t0 > size:
        return v
    v = (f0 + f1 - size) / 2 if f1 - f0 <= size else min(max(v, f0), f1 - size)
    return min(max(v, t1 - size), t0)
