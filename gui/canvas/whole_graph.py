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

When the model says it puts back the very graph the delete took out (its
snapshot, ``GraphModel.whole_batch``, the one the cards were parked with:
each node's attributes and value the very objects the cards read, none
touched meanwhile), nothing is checked card by card: no card re-reads its
node or is looked at, no position is compared with where the grid kept it, no value
with what a card shows (``_shown_whole``). At 50,000 nodes those checks
were half the undo (~45 ms: a pass over 50,000 objects far apart in
memory costs 2-6 ms however it is written, a Python call a card 20 ms).
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

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
    #: How many cards the undo of deleting every node asked to read their node again (tests count them).
    reread_count = 0

    def whole_ref(self) -> weakref.ref | None:
        """The model's snapshot of the whole graph being taken out, if it is
        (core/graph/bulk_edit.py ``whole_batch``), weakly: parked with the cards."""
        whole = self.model.whole_batch
        return None if whole is None else weakref.ref(whole)

    def _add_whole(self, ids: list[str]) -> None:
        """``_on_nodes_added`` far out into an empty canvas (the undo of
        deleting everything): the parked cards back, each step in one C loop
        over them all, not a Python step a card; a card that still shows its
        node reads nothing (NodeItem.reread); the overview takes back what
        the delete kept of it (the cards back where they were: each one's
        block, the lines and the picture) or the blocks made here, as from
        the builder of a new document."""
        m, parking, grid = self.model, self.parking, self._grid
        whole = parking.take_all(ids)  # every card parked at once, in this order: taken back whole
        if whole is not None and whole[4] is not None and whole[4]() is m.whole_batch is not None:
            if grid.put_kept(ids, whole[1]):  # the very graph back: its cards, unchecked
                self._very_graph_back(ids, whole[0], whole[2], whole[3])
                return
        attrs, values = m.attr_table(), m.values()  # every node's: a copy, worth it for the whole graph
        table = list(map(attrs.__getitem__, ids))
        xs, ys = _positions(table)
        serials: Sequence[int | None]
        kept_map: dict[str, NodeItem] | None = None
        if whole is not None:
            cards, serials, bare, kept_map, _ = whole
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
        self.reread_count += len(cards)
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
            self._blocks_anew(ids, table, values, xs, ys, kept)
        layer.grow_to(grid.bounds.rect())  # the cards' bounds, kept as they were filed

    def _blocks_anew(
        self,
        ids: list[str],
        table: list[Mapping[str, Any]],
        values: Mapping[str, float | None],
        xs: list[float],
        ys: list[float],
        kept: dict[str, QRectF] | None,
    ) -> None:
        """The overview's blocks of the cards ``ids`` (attributes ``table``)
        made here, as from the builder of a new document; ``kept``: each
        block as the delete kept it, if the cards are where they were then."""
        layer = self._layer
        layer.drop_whole()
        if kept is not None and len(kept) == len(ids) and all(map(kept.__contains__, ids)):
            rects: Iterable[QRectF] = map(kept.__getitem__, ids)  # each card where its block was kept
        else:
            rects = map(CARD_RECT.translated, xs, ys)
        colors, blocks = plain_blocks(ids, map(_OP, table), list(map(values.get, ids)), rects)
        layer.take(colors, blocks, {})

    def _very_graph_back(
        self, ids: list[str], cards: list[NodeItem], bare: bool, where: dict[str, NodeItem]
    ) -> None:
        """``_add_whole`` of the very graph the cards were parked with (the
        grid has taken its filing back): shown again and mapped, each step
        one C loop; none re-reads its node (each shows it as it did, its
        badges too: the graph's output and single sink are the same again);
        the overview takes back what it kept, the cards being those it kept."""
        if not bare:  # (far out no card draws its contents)
            deque(map(QGraphicsItem.setFlag, cards, repeat(_NO_CONTENTS), repeat(True)), 0)
        deque(map(QGraphicsItem.setVisible, cards, repeat(True)), 0)
        self._nodes = where  # (the scene had none: the map the delete kept, of ids in their order)
        self.batch_items += len(cards)
        self._shown_whole = True
        layer = self._layer
        if not layer.take_whole(ids, known=True):  # (the overview kept none: made as for a new document)
            table = list(map(self.model.attr_table().__getitem__, ids))
            self._blocks_anew(ids, table, self.model.value_table(), *_positions(table), None)
        layer.grow_to(self._grid.bounds.rect())  # the cards' bounds, kept as they were filed


def _positions(table: list[Mapping[str, Any]]) -> tuple[list[float], list[float]]:
    """The x and the y of each of the attribute dicts ``table``, each a C
    loop over them all (``a.get("x", 0.0)`` of each)."""
    xs: list[float] = list(map(dict.get, table, repeat("x"), repeat(0.0)))  # type: ignore[arg-type]
    ys: list[float] = list(map(dict.get, table, repeat("y"), repeat(0.0)))  # type: ignore[arg-type]
    return xs, ys
