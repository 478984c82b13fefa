"""The graph's bounds on the canvas, kept between edits.

``GraphView.graph_rect`` (every card shown, a folded group's card included)
was a walk over every card, paid by each Backward step (the camera keeps the
step in view) and each fit: 130 ms at 20,000 nodes. The cards at their plain
size are walked again only after the model's change signals (a node added,
removed or moved, a group folded or opened) or a card dragged; the few cards
a note makes bigger (the steps shown) and the folded groups' cards are added
on each question, so the answer is the walk's own."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.painting import BOUNDS


class GraphBounds:
    """The scene rect of the cards of one scene's model."""

    def __init__(self, scene) -> None:
        self._scene = scene
        self._base: QRectF | None = None  # the shown cards at their plain size; None: walk again
        self._noted: dict[str, QGraphicsItem] = {}  # cards bigger than plain (a note below)
        self._links: list = []
        #: Walks over every card (tests check a step makes none).
        self.walks = 0

    def attach(self, model) -> None:
        """Follow ``model`` (a new document): nothing known is valid."""
        self.detach()
        self._links = [
            (model.node_added, self.invalidate),
            (model.node_removed, self._node_removed),
            (model.node_moved, self.invalidate),
            (model.groups.changed, self.invalidate),
        ]
        for sig, slot in self._links:
            sig.connect(slot)
        self._noted = {}
        self._base = None

    def detach(self) -> None:
        while self._links:
            sig, slot = self._links.pop()
            sig.disconnect(slot)

    def invalidate(self, *_args) -> None:
        """Cards moved, came, went, or were folded away: walk them again when asked."""
        self._base = None

    def _node_removed(self, node_id: str) -> None:
        self._noted.pop(node_id, None)
        self._base = None

    def card_changed(self, item) -> None:
        """A card's bounds may have changed (a note shown or dropped)."""
        if item.rect() != BOUNDS:
            self._noted[item.node_id] = item
        else:
            self._noted.pop(item.node_id, None)

    def rect(self) -> QRectF | None:
        """The scene rect of every card shown (a folded group's included),
        or None for an empty graph."""
        sc = self._scene
        if self._base is None:
            items = sc.node_items()
            if not items:
                return None
            self._base = _plain_bounds(items)
            self.walks += 1
        r = QRectF(self._base)
        for it in self._noted.values():
            if it.isVisible():
                r = r.united(it.sceneBoundingRect())
        for card in sc.folding.cards():
            r = r.united(card.sceneBoundingRect())
        return r


def _plain_bounds(items) -> QRectF:
    """The union of the visible cards' plain bounds (``BOUNDS`` at each
    position), as floats: one pass, no rectangle per card."""
    xs, ys = [], []
    for it in items:
        if it.isVisible():  # not folded into a group's card
            p = it.pos()
            xs.append(p.x())
            ys.append(p.y())
    if not xs:
        return QRectF()
    b = BOUNDS
    x1, y1 = min(xs) + b.left(), min(ys) + b.top()
    return QRectF(x1, y1, max(xs) + b.right() - x1, max(ys) + b.bottom() - y1)
