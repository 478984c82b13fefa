"""Where the view goes when code adds nodes (the f(x) bar, Import Code, the
Code panel's Apply): the new nodes in view, with the graph round them
where it reads."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF

from core.graph.model import GraphModel
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView

#: The least zoom the f(x) bar's new nodes are shown at with the graph round them (its names read).
READABLE = 0.6
#: ... and new nodes named apart from old ones with those (two copies of the blog post's graph read at 54 %).
BOTH_READABLE = 0.5
#: Scene room kept round new cards scrolled into view.
MARGIN = 40


def _cards_rect(scene: GraphScene, ids: Iterable[str]) -> QRectF | None:
    """The scene rect the cards of ``ids`` cover (None: none has a card)."""
    rect = None
    for it in filter(None, map(scene.node_item, ids)):
        r = it.sceneBoundingRect()
        rect = r if rect is None else rect.united(r)
    return rect


def _in_view_as_it_is(scene: GraphScene, view: GraphView, ids: list[str]) -> bool:
    """The cards of ``ids`` (the new ones, those they read) shown without a
    zoom: the view stays where they are in it, else scrolls the least that
    shows them where they fit at this zoom (t70 #8: `w = x + 1` beside the graph took the view from 94 % to
    62 %, where cards lose their port names). False: they don't fit."""
    cards = _cards_rect(scene, ids)
    if cards is None:
        return True
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    if seen.contains(cards):
        return True
    z = view.transform().m11()
    room = cards.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    if room.width() * z > view.viewport().width() or room.height() * z > view.viewport().height():
        return False
    view.ensureVisible(room, 0, 0)
    return True


def bring_into_view(scene: GraphScene, view: GraphView, ids: Iterable[str], zoom_out: bool = True) -> bool:
    """Scroll the nodes ``ids`` into view, zooming out if they don't fit
    (or, without ``zoom_out``, doing nothing then: False)."""
    items = [it for it in map(scene.node_item, ids) if it is not None]
    if not items:
        return True
    rect = items[0].sceneBoundingRect()
    for it in items[1:]:
        rect = rect.united(it.sceneBoundingRect())
    rect = rect.adjusted(-40, -40, 40, 40)
    vp = view.viewport().rect()
    z = view.transform().m11()
    if rect.width() * z > vp.width() or rect.height() * z > vp.height():
        if not zoom_out:
            return False
        fit = min(vp.width() / rect.width(), vp.height() / rect.height(), z)
        view.set_zoom(fit)
        view.centerOn(rect.center())
    else:
        view.ensureVisible(rect, 0, 0)
    return True


def show_added(
    model: GraphModel, scene: GraphScene, view: GraphView, ids: list[str], kept: Iterable[str] = ()
) -> bool:
    """The nodes ``ids`` just added in view: the whole graph if it reads
    there, else those with the canvas nodes they use (a trial: the f(x)
    bar's new nodes were shown, the w they multiply off the edge), else
    they alone, zoomed out as far as they need. ``kept``: old cards whose
    names the new ones were given apart from ("L2" beside "L"), shown with
    them down to :data:`BOTH_READABLE` (trial 58 #5: the blog post's code
    added beside its own graph showed only the copy, as if nothing had
    happened). False when ``kept`` is not in view."""
    new, kept = set(ids), [n for n in kept if n in model]
    used = [s for n in ids if n in model for s in model.inputs(n) if s is not None and s not in new]
    if _in_view_as_it_is(scene, view, [*ids, *used, *kept]) or _in_view_as_it_is(scene, view, [*ids, *kept]):
        return True  # (with the nodes they read where those fit at this zoom, else alone)
    floor = min(view.zoom, BOTH_READABLE if kept else READABLE)
    for rect in (view.graph_rect(), _cards_rect(scene, [*ids, *used, *kept])):
        if rect is not None and view.fit_of(rect)[1] >= floor:
            view.bring_into_view(rect)
            return True
    bring_into_view(scene, view, ids)
    return not kept
