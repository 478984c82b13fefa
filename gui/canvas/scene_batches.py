"""The canvas's side of the model's batch edits (core.graph.bulk_edit).

Auto Layout, a paste or the delete of a big selection arrives as one signal
carrying every node or wire; the scene makes or drops the items in one loop
and then re-routes each touched wire once, re-files the cards in the card
grid, updates the far-zoom overview per item (one repaint for the batch),
and asks the group frames, the selection listeners and the overview's bounds
once for the whole batch.

A deleted node's card is hidden and parked for its undo, not removed
(gui/canvas/cards/card_parking.py); a deleted wire's item goes to the wire pool.
Putting them back shows the same items: nothing is added to Qt's scene,
which re-sorts every item for each addition and searches its item list for
each removal. Many wires are added in one pass, their ends worked out from
the cards' positions; into an empty canvas far out (the undo of deleting
everything: gui/canvas/whole_graph.py) the overview takes back the blocks,
lines and picture the delete kept. A batch move's cards and the wire ends
it works out: gui/canvas/scene_batch_moves.py, mixed in here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QLineF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from gui.canvas import scene_build
from gui.canvas.items import NodeItem
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.canvas.scene_batch_moves import SceneBatchMoves
from gui.canvas.scene_build import carries
from gui.canvas.scene_parts import SceneParts
from gui.canvas.whole_graph import WholeGraphBack
from gui.canvas.wires.wire_item import set_ends_many

if TYPE_CHECKING:
    from gui.canvas.items import EdgeItem
    from gui.canvas.pass_board import PassBoard


_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_OP = itemgetter("op")
_SERIAL = itemgetter(1)

#: From this many wires, a batch adds them in one pass (``_add_wires``).
_MANY_WIRES = 64

_Handler = TypeVar("_Handler", bound=Callable[..., None])


def one_repaint(handler: _Handler) -> _Handler:
    """The batch handler ``handler`` repaints the overview once, where its
    items were or are, not once per card and wire."""

    @functools.wraps(handler)
    def run(self, *args) -> None:
        layer = self._layer
        layer.hold()
        try:
            handler(self, *args)
        finally:
            layer.release()

    return run  # type: ignore[return-value]


def is_every(keys: Iterable, *maps: Mapping) -> bool:
    """True if ``keys`` are every key of ``maps`` (which share none), each
    at least once: in C, not a question a key (a batch of the whole graph)."""
    seen = set(keys)
    return len(seen) == sum(map(len, maps)) and all(m.keys() <= seen for m in maps)


class SceneBatches(SceneBatchMoves, WholeGraphBack, SceneParts):
    """Handlers of the batch signals, mixed into GraphScene."""

    if TYPE_CHECKING:  # GraphScene's own, used here
        board: PassBoard

        def _add_edge_item(self, s: str, t: str, p: int) -> EdgeItem: ...

    #: How many cards and wires the batch handlers made, moved or dropped
    #: (tests count them: a batch touches what it names, nothing more).
    batch_items = 0
    #: How often an undo far out put back the wires' filing and lines kept by the delete of every wire.
    parked_back = 0
    #: While a batch of wires is added: their lines go into the overview at once.
    _into_overview = False

    @one_repaint
    def _on_nodes_added(self, ids: list[str]) -> None:
        m = self.model
        attrs = m.attr_table()
        grid, layer, far, parking = self._grid, self._layer, self._far, self.parking
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        if far and not self._nodes and not self.folding.cards():  # the whole graph back far out
            self._add_whole(ids)
            return
        layer.drop_whole()  # (what the delete of every card kept: not these cards)
        self._overview_batch(len(ids), len(self._nodes) + len(ids))
        made = []
        for n in ids:
            a = attrs[n]
            back = parking.take(n)
            x, y = a.get("x", 0.0), a.get("y", 0.0)
            if back is None:
                it = NodeItem(m, n, contents=not far, attrs=a)  # far: cached when revealed
                it.setPos(x, y)
                self.shelves.put(it)  # not Qt's top level, which a new item re-sorts
                serial = None
            else:  # its card, hidden since the node was deleted: shown again as new
                it = back[0]
                it.reread(a)
                it.setPos(x, y)
                it.setFlag(flag, far)
                it.setVisible(True)
                serial = back[1]
            grid.put(n, x, y, serial)
            self.detail.added(n)
            self._nodes[n] = it
            layer.node_changed(it)
            made.append(it)
        self.batch_items += len(made)
        if far:
            layer.grow(made)

    @one_repaint
    def _on_nodes_removed(self, ids: list[str]) -> None:
        nodes, layer, grid, parking = self._nodes, self._layer, self._grid, self.parking
        lost_selection = False
        if len(ids) >= len(nodes) and not len(self.model):  # every card going: the layer kept for the undo
            layer.park_whole()  # (if not with the wires already)
        self._overview_batch(len(ids), len(nodes))
        parking.peak = max(parking.peak, len(nodes))
        # every card: the model is empty now, and the batch names as many as there are cards
        # (distinct, each a node the model had: no card is left), known without a set of the ids
        every = (len(ids) == len(nodes) and not len(self.model)) or (
            len(ids) >= len(nodes) and is_every(ids, nodes)
        )
        self._interaction.nodes_removing(nodes.keys() if every else set(ids))  # (asked of each gesture's)
        was = self.signalsBlocked()
        self.blockSignals(True)  # one selectionChanged for the batch, not one per card
        parked: list[tuple[NodeItem, int]] = []
        try:
            serial, wide = grid.serial, self._wide
            if every:  # every card: each step in one C loop over them all, not a Python step a card
                # in the model's order, as its undo names them (the scene's may differ: an undo that
                # put nodes back in their places in the model's order added their cards last, and the
                # undo of the next delete of everything made every card anew: +0.35 s at 50,000)
                taken = self.model.whole_batch
                order = taken.order() if taken is not None else []
                if len(order) == len(nodes):
                    cards = list(map(nodes.__getitem__, order))
                else:
                    order, cards = list(nodes), list(nodes.values())
                serials = grid.serials(order)
                self.folding.graph_gone(self.whole_ref())  # (what it set aside for the undo: of this graph)
                # hiding a card (park_all, park_many) takes it out of the selection, with no signal (blocked)
                lost_selection = any(map(QGraphicsItem.isSelected, cards))
                if wide:
                    wide.difference_update(order)
                layer.nodes_gone(ids)
                # in no group's box (no group has one): parked as one unit for the undo, not a card at a time
                whole = (  # (not mid-drag: the undo puts each card where the grid kept it, not moved)
                    bool(cards)
                    and not self.folding.wire_boxes()
                    and not self._interaction.dragging()
                    and parking.park_all(
                        order, cards, serials, nodes, self.board, self._far, self.whole_ref()
                    )
                )
                if whole:  # the map kept with them (for the undo), a new one here
                    self._nodes = {}
                    self.batch_items += len(cards)
                else:
                    nodes.clear()
                    parked, ids = list(zip(cards, serials)), order
            for n in () if every else ids:
                it = nodes.pop(n, None)
                if it is not None:
                    parked.append((it, serial(n)))
                    if it.isSelected():
                        lost_selection = True
                        it.setSelected(False)
                grid.remove(n)
                wide.discard(n)
            if not every:
                layer.nodes_gone(ids)  # (every card: told above)
            if parked or not every:
                self.batch_items += len(parked)
                # hidden, for the undo (removing them costs O(items) each); in a box only if a group has one
                boxed = bool(self.folding.wire_boxes())
                parking.park_many(parked, self.board, boxed, ids if every else None, self._far)
        finally:
            self.blockSignals(was)
            if every:  # the whole graph went: the grid emptied at once, not cell by cell (kept for the undo)
                grid.clear(keep=True)
        if lost_selection:
            self._sel.reset()
            self._selection_signal_later()

    @one_repaint
    def _on_edges_added(self, wires: list[tuple[str, str, int]]) -> None:
        # every wire, into a far-out overview that is up to date, in no group:
        # their lines are put in at once (``_add_wires``); else the usual rules
        self._into_overview = (
            self._far and not self._edges and self._layer.built and not self.model.groups.ids()
        )
        if not self._into_overview:
            self._overview_batch(len(wires), len(self._edges) + len(wires))
        if len(wires) < _MANY_WIRES and not self._into_overview:
            for s, t, p in wires:
                self._add_edge_item(s, t, p)
        else:
            self._add_wires(wires)
        self.batch_items += len(wires)
        self._update_cards(wires)

    def _add_wires(self, wires: list[tuple[str, str, int]]) -> None:
        """``_add_edge_item`` of many wires: each item taken from the pool,
        shown once and given its ends from the cards' positions (one curve
        each, none while far out), its colour from its source's value. Far
        out in a big graph without groups, or many at readable zoom, none gets an item (``_defer_wires``)."""
        if self._may_defer(wires):
            self._defer_wires(wires)
            return
        edges, values, pool = self._edges, self.model.values(), self._pool
        hidden = self.hidden_wire
        show = QGraphicsPathItem.setVisible  # Qt's own: no curve yet (set below, or when shown)
        kinds: dict[str, str] = {}
        folding = self.folding
        for key in wires:
            e = pool.take_hidden(*key)
            edges[key] = e
            show(e, key != hidden)
            folding.wire_added(e)  # into its group's box
            s = key[0]
            kind = kinds.get(s)
            if kind is None:
                kind = kinds[s] = carries(values[s])
            if kind != "ok":
                e.set_carries(kind)
        ends = self._ends([(key, edges[key]) for key in wires])
        self.detail.rerouted([x[0] for x in ends])
        set_ends_many(ends)  # far out (the box hidden) each curve is made when shown
        layer = self._layer
        if self._into_overview:  # plain lines at the top level: new wires are neither lit nor selected
            layer.take_lines({x[0]: QLineF(x[2], x[3], x[4], x[5]) for x in ends})
            return
        for key in wires:
            layer.wire_changed(edges[key])

    def _may_defer(self, wires: list[tuple[str, str, int]]) -> bool:
        """True if the new ``wires`` may stay without items, as those of a big
        graph opened far out (gui/canvas/wires/lazy_wires.py): far out in a big
        graph, or a big batch at readable zoom (the view makes the items of
        those it shows before it paints: ``ZoomDetail.reveal``; the undo of
        deleting a 20,001-node chain at 50 % made 20,000 items, 2-4 s, trial 53
        #3); no group folded (a wire may end at its card's port: made as ever), none picked up by its end.
        The groups' open boxes take them as they are made (``FoldingLayer.wires_deferred``: the undo of
        deleting five of 500 groups made 1,100 items far out, ~60 ms at 50,000 nodes)."""
        return (
            (self._far or len(wires) >= scene_build.LAZY_FROM)
            and len(self._edges) + len(wires) >= scene_build.LAZY_FROM
            and not self.folding.cards()
            and (self.hidden_wire is None or self.hidden_wire not in wires)  # (an EveryWire: its table asked)
        )

    def _defer_wires(self, wires: list[tuple[str, str, int]]) -> None:
        """New wires filed by where they run, each to get its item when it
        comes into view or is asked for (the undo of deleting a 50k graph
        made 70,000 items no one looks at far out); the overview draws
        their lines (plain: new, neither lit nor selected, in no group)."""
        pos, nodes = self._grid.bounds.positions(), self._nodes
        back = self._edges.take_parked(wires) if self._into_overview else None
        if back is not None:  # every wire back far out: filed and drawn as before the delete
            self.parked_back += 1
            wires, lines = back  # (those that had items then: filed below)
        ends = []
        for key in wires:
            s, t, p = key
            xs, ys = pos[s]
            xt, yt = pos[t]
            ends.append((key, xs + W2, ys + OUT_Y, xt - W2, yt + PORT_YS[nodes[t].arity][p]))
        self._edges.defer_many(ends)
        self.folding.wires_deferred(wires)  # (indexed: their lines filed in their groups' boxes below)
        layer = self._layer
        if back is not None:
            layer.take_lines(lines)
        elif self._into_overview:  # into an empty overview: its lines at once
            layer.take_lines({x[0]: QLineF(*x[1:]) for x in ends})
        else:
            for key, x1, y1, x2, y2 in ends:
                layer.line_moved(key, x1, y1, x2, y2)  # one repaint for the batch (one_repaint)

    @one_repaint
    def _on_edges_removed(self, wires: list[tuple[str, str, int]]) -> None:
        edges, layer, folding = self._edges, self._layer, self.folding
        # every wire: the model has none left (each the scene has is one the model had), known
        # without a set of 68,000 keys to compare
        every = (len(wires) == len(edges) and not self.model.edge_count()) or (
            len(wires) >= len(edges) and is_every(wires, *edges.maps())
        )
        lines = layer.plain_lines() if every else None  # (before the batch makes the layer out of date)
        if every and not len(self.model):  # the whole graph going: the layer kept whole for the undo
            layer.park_whole()
        self._overview_batch(len(wires), len(edges))
        folding.wires_removed(wires, every)  # (every wire: its index emptied at once)
        if every:  # every wire: forgotten at once
            made = edges.forget_all(lines, wires)  # their filing and lines kept for the undo
            for item in made:
                self._pool.give(item)  # hidden and kept: removing it would re-sort every item
            self.batch_items += len(made)
            layer.invalidate()  # (done already: every wire is over a quarter of them)
            if len(self.model):  # (else every card goes next: none repainted, no wire listed)
                self._update_cards(wires)
            return
        for key in wires:
            e = edges.pop(key, None)
            if e is not None:
                self.batch_items += 1
                self._pool.give(e)  # hidden and kept: removing it would re-sort every item
        layer.wires_gone(wires)
        self._update_cards(wires)

    def _overview_batch(self, count: int, total: int) -> None:
        """A batch of ``count`` of ``total`` items: over a quarter of them,
        the far-zoom overview is rebuilt once at its next paint rather than
        re-placing (and repainting) each item."""
        if 4 * count > total:
            self._layer.invalidate()

    def wires_of(self, ids: Collection[str]) -> set[tuple[str, str, int]]:
        """The keys of the wires into or out of the nodes ``ids``: from the
        model per node, or for most of the graph in one pass over the wires."""
        if len(ids) >= len(self._nodes) and all(n in self._nodes for n in ids):  # every card: every wire
            return set(self._edges)
        if 4 * len(ids) > len(self._nodes):
            some = set(ids)
            return {k for k in self._edges if k[0] in some or k[1] in some}
        m = self.model
        keys: set[tuple[str, str, int]] = set()
        for n in ids:
            if n not in m:
                continue
            keys.update((s, n, p) for p, s in enumerate(m.inputs(n)) if s is not None)
            keys.update((n, t, p) for t, p in m.consumers(n))
        return keys

    def _update_cards(self, wires: Iterable[tuple[str, str, int]]) -> None:
        """Repaint the card each of ``wires`` goes into once (its ports show
        what is wired); far out no card draws itself (the overview does), so
        none is asked (and the wires are not read: every wire of a graph put
        back is listed only if asked, core/graph/every_wire.py)."""
        if self._far:
            return
        nodes = self._nodes
        for n in {t for _, t, _ in wires}:
            it = nodes.get(n)
            if it is not None:
                it.update()
