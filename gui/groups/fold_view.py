"""Where the view goes when groups fold or open: questions about what it
shows, asked before and after (gui/groups/feature.py's ``_view_kept``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF

from gui.canvas.least_pan import pan_least
from gui.canvas.view import FIT_MARGIN
from gui.common import style as S

#: A fold's view stays where it is when no more than this many screen pixels of the
#: graph's cards are cut off: a few pixels are not worth the tab the user clicked moving
#: away from the pointer (verify 58: folding an inner group scrolled 40 px, the next click
#: hit a wire). More is a card out of view: moved, however little (t73 #4: a pan under
#: 120 px was left undone, and the MLP's top row, x1[1], stayed above the view's edge).
CUT_PX = 12.0
#: ... and up to this many it moves by the cut alone, no margin added: the tab moves as
#: little as shows the cards whole (review 72 #3: a 20 px cut moved it 40 px with Fit's
#: margin, verify 58's case again).
SMALL_CUT_PX = 120.0
#: The margin then (px): the cards' edges whole, not a pixel of them lost to rounding.
EDGE_PX = 3.0


def readable_whole(view: Any, graph: QRectF | None) -> bool:
    """Whether ``graph`` fits the viewport (with Fit's margin) at a zoom
    where cards show their port names and gradients (a blog-sized graph
    after opening a group)."""
    return graph is not None and not graph.isEmpty() and view.fit_of(graph)[1] >= S.LOD_DETAIL


def whole_once_it_fits(view: Any, before: QRectF | None, graph: QRectF | None) -> bool:
    """A graph that a fold shrank from ``before`` (too big for the view at
    this zoom) to ``graph`` (small enough now) comes wholly into view at
    this zoom, moved the least: the room the open group took is given back,
    and the view kept where the open graph was showed it cut off at one
    side, the other half of the view empty (verify 57). Whether it moved."""
    if before is None or graph is None or graph.isEmpty():
        return False
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    if before.width() <= seen.width() and before.height() <= seen.height():
        return False
    cut = max(
        0.0,
        seen.top() - graph.top(),
        graph.bottom() - seen.bottom(),
        seen.left() - graph.left(),
        graph.right() - seen.right(),
    )
    if cut * view.zoom <= CUT_PX:  # (a few pixels of the cards: the ▾ stays under the pointer)
        return False
    margin = EDGE_PX if cut * view.zoom <= SMALL_CUT_PX else FIT_MARGIN * view.zoom
    return bool(pan_least(view, graph, margin))


def shows_any(scene: Any, view: Any) -> bool:
    """Whether a card (a node's or a folded group's) is in view: from where
    they are, not whether they are drawn (far out the overview draws them)."""
    scene.folding.settle()  # (the folded cards where they go now, not a turn later)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    rects = scene.card_rects()  # (the cards not folded away)
    sl, st, sr, sb = seen.left(), seen.top(), seen.right(), seen.bottom()
    for n in scene.ids_near(seen):
        r = rects.get(n)
        if r is not None and r[0] < sr and r[2] > sl and r[1] < sb and r[3] > st:
            return True
    gs = scene.model.groups
    return any(
        c.gid in gs and gs.shown_as_card(c.gid) and c.sceneBoundingRect().intersects(seen)
        for c in scene.folding.cards()
    )


def show_grouped(scene: Any, view: Any, gid: str, fitted: bool, was_whole: bool) -> None:
    """After Ctrl+G: the new group's frame, the cards of the values it draws
    as linked copies and their badges ("×2 copies") whole in view (verify
    50: the x card cut at the view's left edge, its badge read "opies").
    A graph fitted or wholly in view before stays so while it is readable."""
    scene.folding.settle()  # (its frame around its cards, and the cards moved out of it, now)
    frame = scene.folding.frame(gid)
    if frame is None or not frame.isVisible():
        return
    bounds = scene.graph_rect()
    if (fitted or was_whole) and readable_whole(view, bounds):
        if fitted:
            view.keep_whole(True)  # (Fit's own rect holds the badges)
            return
        want = scene.linked.reach_past(bounds.united(view.wires_reach() or bounds))
    else:
        want = frame.sceneBoundingRect()
        linked, nodes = scene.linked, scene.model.groups.nodes_in(gid)
        if linked.on:  # the originals of its copies, beside it (their badges on their left)
            for s in {s for n in nodes for _p, s in linked.rule.linked_inputs(n)} - set(nodes):
                card = scene.node_item(s)
                if card is not None and card.isVisible():
                    want = want.united(card.sceneBoundingRect())
        want = linked.reach_past(want)
    view.bring_into_view(want)
