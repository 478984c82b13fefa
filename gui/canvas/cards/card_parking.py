"""Cards of deleted nodes, kept hidden in the scene for their undo.

Qt's scene keeps every item in one list that a removal searches and closes
up (QGraphicsScene without an index): removing the 50,000 cards of a
deleted graph one by one grows with the square of the graph, and undoing
the delete makes and adds 50,000 new cards. So the scene hides the card of
a deleted node and parks it here under its node id; when that node comes
back (undo, redo of an undo) the same card is shown again, re-reading the
node from the model, as a new card would. A card that shows anything a new
one would not (a gradient, a highlight, a note) is not parked but removed.
At most as many cards are parked as the scene has ever shown at once, the
oldest removed first; a new document removes them all.

Every card of the scene parked at once (the whole graph deleted) is kept as
one unit: its ids, cards and serials as lists, in the scene's order, which
the undo takes back whole when it names the same ids in the same order (a
list compare of the same string objects: no id looked up). At 50,000 cards
an entry a card, made and taken back, was a handful of passes over them
all, each 5-15 ms (their objects far apart in memory). Anything else asked
of the parking first spills the unit into entries, as they would have been.
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter

from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui.canvas.cards.card_decor import showing_pass
from gui.canvas.cards.card_shelves import CardShelf
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.pass_board import PassBoard

#: From this many cards, a batch without boxes is parked in C loops (``_park_plain``).
_MANY = 64
_NODE_ID = attrgetter("node_id")
#: Every card of a scene parked at once: (ids, cards, serials, parked far out, the scene's map of
#: them, the model's snapshot of the graph they showed or None: core/graph/bulk_edit.py whole_batch).
_Unit = tuple[list[str], list[NodeItem], Sequence[int], bool, dict[str, NodeItem], "weakref.ref | None"]


class CardParking:
    """Hidden cards of ``scene``'s deleted nodes, by node id (with the
    stacking serial they were filed under in the card grid)."""

    __slots__ = ("_scene", "_parked", "_bare", "_unit", "peak", "parked_count", "reused_count")

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._parked: dict[str, tuple[NodeItem, int]] = {}
        #: The ids whose card was parked far out, where no card draws its contents (the flag set).
        self._bare: set[str] = set()
        #: Every card of the scene parked at once, newer than any entry of ``_parked`` (park_all).
        self._unit: _Unit | None = None
        #: The most cards the scene has shown at once (the bound on the parked).
        self.peak = 0
        #: Cards parked and taken back (tests count them).
        self.parked_count = 0
        self.reused_count = 0

    def __len__(self) -> int:
        return len(self._parked) + (0 if self._unit is None else len(self._unit[0]))

    def __contains__(self, node_id: str) -> bool:
        self._spill()
        return node_id in self._parked

    def cards(self) -> list[NodeItem]:
        """Every parked card (tests look at them)."""
        unit = [] if self._unit is None else self._unit[1]
        return [card for card, _ in self._parked.values()] + unit

    def holds(self, card: NodeItem) -> bool:
        """True if ``card`` is parked (hidden, standing for no node now)."""
        self._spill()
        got = self._parked.get(card.node_id)
        return got is not None and got[0] is card

    def park(self, card: NodeItem, serial: int) -> None:
        """Hide ``card`` (already out of the selection) and keep it; a card
        that shows a pass's decoration is removed instead."""
        self.park_many([(card, serial)])

    def park_many(
        self,
        cards: list[tuple[NodeItem, int]],
        board: PassBoard | None = None,
        boxed: bool = True,
        ids: list[str] | None = None,
        far: bool = False,
    ) -> None:
        """:meth:`park` of each (card, serial) of a batch, in one loop;
        ``board``: the scene's pass board (asked once for the batch);
        ``boxed``: False if no card is in a group's box (no group has one);
        ``ids``: the cards' node ids, when at hand; ``far``: the scene is
        zoomed far out (no card draws its contents)."""
        self._spill()
        parked, scene = self._parked, self._scene
        if board is not None and not boxed and len(cards) >= _MANY:
            ids = self._park_plain(cards, board, ids)
            (self._bare.update if far else self._bare.difference_update)(ids)
            return
        for card, serial in cards:
            if far:
                self._bare.add(card.node_id)
            else:
                self._bare.discard(card.node_id)
            if card.shows_pass() if board is None else card.shows_pass_on(board):
                scene.removeItem(card)
                continue
            card.setVisible(False)
            box = card.parentItem() if boxed else None
            if box is not None and not isinstance(box, CardShelf):  # out of its group's box: the box may go
                card.setParentItem(None)  # type: ignore[arg-type]  # None is Qt's top level
            old = parked.pop(card.node_id, None)
            if old is not None:
                scene.removeItem(old[0])
            parked[card.node_id] = (card, serial)
            self.parked_count += 1
        self._bound()

    def _park_plain(
        self, cards: list[tuple[NodeItem, int]], board: PassBoard, ids: list[str] | None
    ) -> list[str]:
        """:meth:`park_many` of many cards in no group's box: each step in
        one C loop over them all (the whole graph deleted), not a Python
        call a card; the same cards parked, hidden or removed."""
        parked, scene = self._parked, self._scene
        items = [card for card, _ in cards]
        shown = showing_pass(items, board)
        if shown:
            for card in shown:
                scene.removeItem(card)
            drop = set(shown)
            cards = [x for x in cards if x[0] not in drop]
            items, ids = [card for card, _ in cards], None
        deque(map(QGraphicsItem.setVisible, items, repeat(False)), 0)
        if ids is None:
            ids = list(map(_NODE_ID, items))
        for old in parked.keys() & ids:  # a card parked before for one of these ids
            scene.removeItem(parked.pop(old)[0])
        parked.update(zip(ids, cards))
        self.parked_count += len(cards)
        self._bound()
        return ids

    def park_all(
        self,
        ids: list[str],
        cards: list[NodeItem],
        serials: Sequence[int],
        where: dict[str, NodeItem],
        board: PassBoard,
        far: bool,
        whole: weakref.ref | None = None,
    ) -> bool:
        """:meth:`park_many` of every card of the scene (the whole graph
        deleted, none in a group's box): ``ids``, ``cards`` and ``serials``
        in the scene's order, ``where``: the scene's map of them (asked
        whether a card parked before stands for one of them; kept whole, the
        scene taking a new one); kept as one unit (:meth:`take_all`), hidden
        in one C loop; ``whole``: the model's snapshot of the graph they
        showed, if it was taken out whole, weakly (given back by take_all). False,
        with nothing done, if a card shows a pass (park_many removes those)."""
        if showing_pass(cards, board):
            return False
        self._spill()
        parked, scene = self._parked, self._scene
        deque(map(QGraphicsItem.setVisible, cards, repeat(False)), 0)
        for old in [n for n in parked if n in where]:  # a card parked before for one of these ids
            scene.removeItem(parked.pop(old)[0])
        self._unit = (ids, cards, serials, far, where, whole)
        self.parked_count += len(cards)
        self._bound()
        return True

    def take_all(
        self, ids: list[str]
    ) -> tuple[list[NodeItem], Sequence[int], bool, dict[str, NodeItem], weakref.ref | None] | None:
        """The cards and serials of :meth:`park_all`, if ``ids`` are its ids
        in its order (the whole graph back), True if they were parked far
        out, the map it kept (id -> card, of ``ids`` in their order) and the
        snapshot it was told; else None, nothing taken."""
        unit = self._unit
        if unit is None or unit[0] != ids:  # (the same string objects: no string compared)
            return None
        self._unit = None
        self.reused_count += len(ids)
        return unit[1], unit[2], unit[3], unit[4], unit[5]

    def _spill(self) -> None:
        """The unit of :meth:`park_all` made entries of ``_parked``, the newest."""
        unit, self._unit = self._unit, None
        if unit is not None:
            ids, cards, serials, far, _, _ = unit
            self._parked.update(zip(ids, zip(cards, serials)))
            (self._bare.update if far else self._bare.difference_update)(ids)

    def _bound(self) -> None:
        """No more cards parked than ``peak``: the oldest removed first."""
        parked, scene = self._parked, self._scene
        while len(self) > self.peak:
            if not parked:
                self._spill()
            scene.removeItem(parked.pop(next(iter(parked)))[0])

    def take_many(self, ids: list[str]) -> tuple[list[tuple[NodeItem, int] | None], bool]:
        """:meth:`take` of each of ``ids`` (in one C loop; None where none
        is parked), and True if each card taken was parked far out."""
        self._spill()
        got = list(map(self._parked.pop, ids, repeat(None)))
        self.reused_count += len(got) - got.count(None)
        bare = self._bare.issuperset(ids)
        self._bare.difference_update(ids)
        return got, bare

    def take(self, node_id: str) -> tuple[NodeItem, int] | None:
        """The parked card of ``node_id`` and its serial (hidden: the caller
        re-reads, places and shows it), or None."""
        self._spill()
        got = self._parked.pop(node_id, None)
        self._bare.discard(node_id)
        if got is not None:
            self.reused_count += 1
        return got

    def clear(self) -> None:
        """Remove every parked card from the scene (a new document is shown)."""
        self._spill()
        for card, _ in self._parked.values():
            self._scene.removeItem(card)
        self._parked, self._bare = {}, set()
