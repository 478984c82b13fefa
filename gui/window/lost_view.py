"""The view brought back to the graph when an edit, undo or redo leaves
none of it in view: an undo taking away what the f(x) bar had added
where the view was left the canvas an empty grid, the graph's other six
nodes out of view and nothing saying where (trial 49). Also when an undo
takes away most of the graph (Insert MLP undone) and leaves what is left
small in a corner of a view zoomed out for it: it is fitted (trial 50)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QUndoStack

from gui.canvas.items import CARD_RECT
from gui.canvas.view import GraphView

#: A card shows in view when this many screen pixels of the card itself (not the room kept round it
#: for its ports and tag) do, each way, or half of it: what a user sees as a card there and scrolls to.
SEEN_PX = 12.0


class LostView(QObject):
    """After each change of ``stack``'s index (once the scene has followed,
    at the next turn of the event loop), ``view`` shows the graph again if
    no part of it is in view: centred at this zoom if it fits, else fitted."""

    def __init__(self, view: GraphView, stack: QUndoStack) -> None:
        super().__init__(view)
        self._view = view
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._due)
        stack.indexChanged.connect(self._timer.start)
        #: Times the view was brought back (tests count them).
        self.brought_back = 0
        self._nodes = len(view.graph_scene().model)  # (how many at the last check: a big shrink is seen)

    def forget(self) -> None:
        """A new document: the count a shrink is measured from is its own (a
        review: an undo stack already at its start fired no change on opening)."""
        self._nodes = len(self._view.graph_scene().model)

    def _due(self) -> None:
        self.check()

    def check(self) -> None:
        view = self._view
        graph = view.graph_rect()
        before, self._nodes = self._nodes, len(view.graph_scene().model)
        if graph is None:
            return
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        if seen.contains(graph) and self._shrunk(before, graph, seen):
            self.brought_back += 1
            view.fit_all()
            return
        if seen.contains(graph) or (seen.intersects(graph) and self._shows_a_card(seen)):
            return
        self.brought_back += 1
        view.keep_whole(fitted=False)

    def _shrunk(self, before: int, graph: QRectF, seen: QRectF) -> bool:
        """Whether the graph lost most of its nodes (20 or more) and what is
        left fills under a quarter of the view each way, zoomed out below 100 %
        (where Fit would show it larger)."""
        now, view = self._nodes, self._view
        if before - now < max(20, now) or view.zoom >= 1.0:
            return False
        return graph.width() < seen.width() / 4 and graph.height() < seen.height() / 4

    def _shows_a_card(self, seen: QRectF) -> bool:
        """Whether a card, or a folded group's card, shows in ``seen`` (the view may
        sit in an empty stretch of the graph's bounds: between two far-apart parts):
        enough of the card itself, not its bounds' margin (verify 57: after deleting
        every card in view, the room over a card left for its tag reached a few pixels
        into the view and the canvas stayed an empty grid). A third of a card at the
        view's edge counts: Expand All of a view zoomed onto a part leaves it there."""
        sc, z = self._view.graph_scene(), max(self._view.zoom, 1e-6)

        def shows(card: QRectF) -> bool:
            part = card.intersected(seen)
            if part.isEmpty():
                return False
            wide = part.width() * 2 >= card.width() or part.width() * z >= SEEN_PX
            return wide and (part.height() * 2 >= card.height() or part.height() * z >= SEEN_PX)

        if any(c.isVisible() and shows(c.mapRectToScene(c.rect())) for c in sc.folding.cards()):
            return True
        # one at a time, till the first card that shows (a view of most of 50,000 cards: no set of them made)
        near = map(sc.node_item, sc.shown_ids_near_each(seen))
        return any(it is not None and shows(it.mapRectToScene(CARD_RECT)) for it in near)
