"""Where a card made after the graph was built goes: a shelf, not Qt's top level.

Qt keeps the scene's top-level items in one list, sorted by stacking order
for each paint and by insertion order for each addition that follows a
paint: the first card added after a frame re-sorted all 50,000 cards of a
big graph (36-76 ms), and the frame after it sorted them again (issue 14: a
paste of 500 cards spent more in these two sorts than in everything else).
So cards made after the graph was built (a paste, an added node, a new
card for a node put back) go into a :class:`CardShelf`: an item at the
origin, untransformed and drawing nothing, holding up to ``SIZE`` cards. A
shelf sorts only its own cards; a new shelf (one top-level addition) every
``SIZE`` cards. Cards stack as before: a shelf has the cards' z and is
added after every card before it, and a card into the newest shelf, so a
later card is still above an earlier one (as the card grid files them).
A card leaving a group's box goes to the top level, as before; many at
once (their groups gone) go onto new shelves, stacked the same (``onto_fresh``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain, compress, repeat
from operator import and_, eq, is_

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

#: Cards a shelf takes before the next one is made (a shelf of a few
#: thousand cards sorts them in a fraction of a millisecond).
SIZE = 4096
#: A card's z (gui/canvas/cards/node_item.py): a shelf stacks as its cards would.
CARD_Z = 1.0
#: The highest z a card is raised to over others (``on_top``): under far names, lit wires.
CARDS_TOP = 1.4


class CardShelf(QGraphicsItem):
    """Holds cards; draws nothing, takes no clicks; at the origin, so a
    card's position is its scene position."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(CARD_Z)
        self.taken = 0  # cards put here (some may have left)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass


class CardShelves:
    """The shelves of one scene; ``put`` places a new card on the newest."""

    __slots__ = ("_scene", "_shelves", "_held")

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._shelves: list[CardShelf] = []
        #: The shelves made by :meth:`onto_fresh` (dropped once empty: ``sweep``).
        self._held: list[CardShelf] = []

    def ready(self) -> None:
        """Have a shelf with room (made right after the graph's cards are
        added: no frame between them, so Qt sorts nothing for it)."""
        shelves = self._shelves
        if not shelves or shelves[-1].taken >= SIZE:
            shelf = CardShelf()
            self._scene.addItem(shelf)
            shelves.append(shelf)

    def put(self, card: QGraphicsItem) -> None:
        """Add ``card`` (not in the scene yet) to the scene, on the newest shelf."""
        self.ready()
        shelf = self._shelves[-1]
        shelf.taken += 1
        card.setParentItem(shelf)  # into the scene with it

    def __len__(self) -> int:
        return len(self._shelves)

    def onto_fresh(self, cards: list[QGraphicsItem], into: list[QGraphicsItem | None]) -> None:
        """Of the ``cards`` (in the scene) about to be put into ``into``'s
        items (None: Qt's top level), in their order, those bound for the top
        level that stack as a card does (z ``CARD_Z``) go onto new shelves
        instead (``into`` changed in place), stacked as the top level would
        have them: each shelf added last, its cards in their order. Qt finds
        a top-level item it takes out by a search of its list of them, closed
        up behind it (50,000 cards out of the top level into their groups'
        boxes moved ~10 GB of it: ~0.24 s); out of a shelf, in the order put
        there, each is its first (nothing moved)."""
        if None not in into:  # (into boxes only: an undo's)
            return
        # (each step a C loop: a delete of every grouped card sends 50,000 here)
        stacks = map(eq, map(QGraphicsItem.zValue, cards), repeat(CARD_Z))
        top = list(compress(range(len(into)), map(and_, map(is_, into, repeat(None)), stacks)))
        shelves = []
        for at in range(0, len(top), SIZE):
            shelf = CardShelf()
            self._scene.addItem(shelf)
            shelf.taken = min(SIZE, len(top) - at)
            shelves.append(shelf)
        self._shelves += shelves
        self._held += shelves
        onto = chain.from_iterable(repeat(shelf, shelf.taken) for shelf in shelves)
        if len(top) == len(into):  # (every card: ``into`` made anew at once)
            into[:] = onto
        else:
            for i, shelf in zip(top, onto):
                into[i] = shelf

    def sweep(self, keep: int = 0) -> None:
        """Remove the shelves of :meth:`onto_fresh` left empty (their cards
        gone back into boxes), but the last ``keep`` made (just filled)."""
        held = self._held[: len(self._held) - keep] if keep else self._held
        gone = [shelf for shelf in held if not shelf.childItems()]
        if gone:
            went = set(gone)
            self._held = [x for x in self._held if x not in went]
            self._shelves = [x for x in self._shelves if x not in went]
            for shelf in gone:
                self._scene.removeItem(shelf)

    def clear(self) -> None:
        """Remove the shelves (a new document: their cards are gone by now)."""
        for shelf in self._shelves:
            self._scene.removeItem(shelf)
        self._shelves, self._held = [], []


#: The cards (and folded groups' cards) whose bounds meet a region, found
#: without a pass over the scene's items (GraphScene.cards_meeting).
Meeting = Callable[[QRectF], Iterable[QGraphicsItem]]


def on_top(card: QGraphicsItem, meeting: Meeting) -> None:
    """A card let go after a drag, over the cards it lies on (it went under one
    made after it, as Qt stacks items of one z: verify56), as a moved item is in
    any diagram editor: a z a little over theirs, still under what goes over the
    cards; a card on a shelf comes off it into Qt's top level (where the cards
    built with the graph are) for that. One in a group's box stacks among its
    own. Only when it lies on one: a z changed has Qt sort the top level again.
    The cards under it from ``meeting`` (the scene keeps no item index: Qt's
    ``collidingItems`` looked at every item, 0.2 s a card at 50,000 nodes)."""
    shelf = card.parentItem()
    near = [it for it in meeting(card.sceneBoundingRect()) if it is not card and it.isVisible()]
    if shelf is not None and not isinstance(shelf, CardShelf):
        under = [it.zValue() for it in near if it.parentItem() is shelf and CARD_Z <= it.zValue() < CARDS_TOP]
        if under and max(under) >= card.zValue():  # (in a group's box: among its own cards, verify 57)
            card.setZValue(min(max(under) + 1e-6, CARDS_TOP))
        return
    under = [t for it in near if CARD_Z <= (t := it.topLevelItem().zValue()) < CARDS_TOP]
    if under and (shelf is not None or max(under) >= card.zValue()):
        if shelf is not None:
            card.setParentItem(None)  # type: ignore[arg-type]  # (None: Qt's top level; the shelf at the origin)
        card.setZValue(min(max(under) + 1e-6, CARDS_TOP))
