"""Where the view goes when groups fold or open: questions about what it
shows, asked before and after (gui/groups/feature.py's ``_view_kept``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF

from gui.common import style as S


def readable_whole(view: Any, graph: QRectF | None) -> bool:
    """Whether ``graph`` fits the viewport (with Fit's margin) at a zoom
    where cards show their port names and gradients (a blog-sized graph
    after opening a group)."""
    return graph is not None and not graph.isEmpty() and view.fit_of(graph)[1] >= S.LOD_DETAIL


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
