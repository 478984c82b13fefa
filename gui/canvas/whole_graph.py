"""The whole graph put back far out into an empty canvas: the undo of
deleting every node (gui/canvas/scene_batches.py's ``_on_nodes_added`` hands
it over).

The delete kept every card hidden as one unit (gui/canvas/cards/card_parking.py
``park_all``) with the scene's map of them, the card grid's filing
(``CardGrid.clear(keep=True)``), the wires' filing and lines
(gui/canvas/wires/lazy_wires.py ``forget_all``) and the overview's blocks, lines
and picture (gui/canvas/overview/overview_lines.py ``park_whole``). When the same
cards come back, in the same order, where they went, each of these is
taken back as it was; the cards are shown again, each step one C loop over
them all (a card that still shows its node reads nothing: NodeItem.reread).
Anything else (a card a pass showed on, removed; cards elsewhere) is made
and filed anew, as the builder of a new document does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from itertools import compress, repeat
from operator import itemgetter

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.items import NodeItem
from gui.canvas.overview.block_colors import plain_blocks
from gui.canvas.painting import CARD_RECT
from gui.canvas.scene_parts import SceneParts

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_OP = itemgetter("op")
_SERIAL = itemgetter(1)


class WholeGraphBack(SceneParts):
    """``_add_whole``, mixed into GraphScene (with the batch handlers)."""

    #: How many cards and wires the batch handlers made, moved or dropped (scene_batches.py).
    batch_items = 0

    def _add_whole(self, ids: list[str]) -> None:
        """``_on_nodes_added`` far out into an empty canvas (the undo of
        deleting everything): the parked cards back, each step in one C loop
        over them all, not a Python step a card; a card that still shows its
        node reads nothing (NodeItem.reread); the overview takes back what
        the delete kept of it (the cards back where they were: each one's
        block, the lines and the picture) or the blocks made here, as from
        the builder of a new document."""
        m, parking, grid = self.model, self.parking, self._grid
        attrs, values = m.attr_table(), m.values()  # every node's: a copy, worth it for the whole graph
        table = list(map(attrs.__getitem__, ids))
        # each step a C loop over them all (a.get("x", 0.0) of each)
        xs: list[float] = list(map(dict.get, table, repeat("x"), repeat(0.0)))  # type: ignore[arg-type]
        ys: list[float] = list(map(dict.get, table, repeat("y"), repeat(0.0)))  # type: ignore[arg-type]
        serials: list[int | None]
        whole = parking.take_all(ids)  # every card parked at once, in this order: taken back whole
        kept_map: dict[str, NodeItem] | None = None
        if whole is not None:
            cards, serials, bare, kept_map = whole  # type: ignore[assignment]
        else:
            back: list[tuple[NodeItem, int | None] | None]
            back, bare = parking.take_many(ids)  # type: ignore[assignment]
            for i in [i for i, got in enumerate(back) if got is None]:  # (a card a pass showed on: removed)
                it = NodeItem(m, ids[i], contents=False, attrs=table[i], values=values)  # cached when shown
                self.shelves.put(it)  # not Qt's top level, which a new item re-sorts
                back[i] = (it, None)
            cards = [got[0] for got in back]  # type: ignore[index]
            serials = list(map(_SERIAL, back))  # type: ignore[arg-type]
        read = list(compress(cards, list(map(NodeItem.reread, cards, table, repeat(values)))))  # (a few)
        back_where_they_were = grid.put_new(ids, xs, ys, serials)
        if whole is None or not back_where_they_were:  # (else each card is where the grid kept it)
            deque(map(QGraphicsItem.setPos, cards, xs, ys), 0)
        if not bare:  # (far out no card draws its contents)
            deque(map(QGraphicsItem.setFlag, cards, repeat(_NO_CONTENTS), repeat(True)), 0)
        deque(map(QGraphicsItem.setVisible, cards, repeat(True)), 0)
        if kept_map is not None and not self._nodes:  # the map the delete kept: of ids, in their order
            self._nodes = kept_map
        else:
            self._nodes.update(zip(ids, cards))  # (far: no card shown with contents for ZoomDetail)
        self.batch_items += len(cards)
        self._fresh = values
        layer = self._layer
        # every card back where it went: the overview takes back its blocks, lines and picture
        # as the delete kept them, those of the cards that read their node again filed anew
        if whole is not None and back_where_they_were and layer.take_whole(ids):
            layer.recolour(read)
        else:
            kept = layer.kept_rects() if back_where_they_were else None
            layer.drop_whole()
            if kept is not None and len(kept) == len(ids) and all(map(kept.__contains__, ids)):
                rects: Iterable[QRectF] = map(kept.__getitem__, ids)  # each card where its block was kept
            else:
                rects = map(CARD_RECT.translated, xs, ys)
            colors, blocks = plain_blocks(ids, map(_OP, table), list(map(values.get, ids)), rects)
            layer.take(colors, blocks, {})
        layer.grow_to(grid.bounds.rect())  # the cards' bounds, kept as they were filed
