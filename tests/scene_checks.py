"""Checks of a scene by brute force, for tests that compare what the
scene keeps incrementally with a pass over every card."""

from __future__ import annotations

from PySide6.QtCore import QRectF


def brute_rect(scene) -> QRectF | None:
    """The bounds as a pass over every card finds them (what Fit used to do)."""
    items = scene.node_items()
    if not items:
        return None
    r = QRectF()
    for it in items:
        if it.isVisible():
            r = r.united(it.sceneBoundingRect())
    for card in scene.folding.cards():
        r = r.united(card.sceneBoundingRect())
    return r
