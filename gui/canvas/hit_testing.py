"""What is under a scene point: the nearest port, the card, or a wire.

Plain functions over the items of a scene, so they read only the cards and
wires (and the view's zoom, for the slack a hit gets); ``GraphScene`` offers
them as its ``port_at``, ``node_at`` and ``wire_at``. Ports and cards are
looked up in the scene's card grid (``cards_in``), which asks only the cards
near the point: the scene keeps no item index, so ``QGraphicsScene.items``
would test every card and wire, on every mouse move of a wire drag.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsScene

from gui.canvas.items import EdgeItem, NodeItem
from gui.common import style as S

#: A port found on the canvas: (node_id, "in" or "out", port number).
PortHit = tuple[str, str, int]


class CardScene(Protocol):
    """A scene that finds its cards by region (``GraphScene``)."""

    def cards_in(self, region: QRectF) -> list[NodeItem]:
        """The visible cards meeting ``region``, topmost first."""
        ...

    def views(self) -> list: ...


def wire_at(scene: QGraphicsScene, scene_pos: QPointF) -> EdgeItem | None:
    """The wire under ``scene_pos`` (a few pixels of slack), unless a node covers it."""
    r = 4.0 / view_scale(scene)
    area = QRectF(scene_pos.x() - r, scene_pos.y() - r, 2 * r, 2 * r)
    for it in scene.items(area, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder):
        if isinstance(it, NodeItem) and it.contains(it.mapFromScene(scene_pos)):
            return None
        if isinstance(it, EdgeItem) and it.isVisible():
            return it
    return None


def port_at(scene: CardScene, scene_pos: QPointF, radius: float | None = None) -> PortHit | None:
    """The port nearest ``scene_pos``, if close (within ``radius``, by default
    a few screen pixels)."""
    r = radius if radius is not None else hit_radius(scene)
    area = QRectF(
        scene_pos.x() - r - S.NODE_W / 2, scene_pos.y() - r - S.NODE_H / 2, 2 * r + S.NODE_W, 2 * r + S.NODE_H
    )
    best: PortHit | None = None
    best_d: float | None = None
    for it in scene.cards_in(area):
        hit = it.port_at(scene_pos, r)
        if hit is None:
            continue
        q = it.local_port(*hit)
        p = it.mapFromScene(scene_pos)
        d = (p.x() - q.x()) ** 2 + (p.y() - q.y()) ** 2
        if best_d is None or d < best_d:
            best, best_d = (it.node_id, *hit), d
    return best


def node_at(scene: CardScene, scene_pos: QPointF) -> NodeItem | None:
    """The topmost card under ``scene_pos``."""
    x, y = scene_pos.x(), scene_pos.y()
    for it in scene.cards_in(QRectF(x - 0.5, y - 0.5, 1.0, 1.0)):
        if it.contains(it.mapFromScene(scene_pos)):
            return it
    return None


def hit_radius(scene: CardScene | QGraphicsScene) -> float:
    """How far from a port a press still hits it, in scene units."""
    scale = view_scale(scene)
    # at least ~8 screen pixels, at most a generous 20 scene units
    return max(S.PORT_HIT, min(20.0, 8.0 / max(scale, 1e-6)))


def view_scale(scene: CardScene | QGraphicsScene) -> float:
    """The zoom of the scene's (first) view; 1.0 without one."""
    views = scene.views()
    return max(views[0].transform().m11(), 1e-6) if views else 1.0
