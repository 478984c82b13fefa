"""The canvas's side of the model's batch edits (core.graph.bulk_edit).

Auto Layout, a paste or the delete of a big selection arrives as one signal
carrying every node or wire; the scene makes or drops the items in one loop
and then re-routes each touched wire once, re-files the cards in the card
grid, updates the far-zoom overview per item (one repaint for the batch),
and asks the group frames, the selection listeners and the overview's bounds
once for the whole batch.

A deleted node's card is hidden and parked for its undo, not removed
(gui/canvas/card_parking.py); a deleted wire's item goes to the wire pool.
Putting them back shows the same items: nothing is added to Qt's scene,
which re-sorts every item for each addition and searches its item list for
each removal. Many wires are added in one pass, their ends worked out from
the cards' positions; into an empty canvas far out (the undo of deleting
everything) the overview takes the blocks and lines made here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene

from gui.canvas import scene_build
from gui.canvas.fold_routes import give_up_hidden
from gui.canvas.items import NodeItem
from gui.canvas.overview import plain_color
from gui.canvas.painting import CARD_RECT, OUT_Y, PORT_YS, W2
from gui.canvas.scene_build import carries
from gui.canvas.wire_item import set_ends_many

if TYPE_CHECKING:
    from core.graph.model import GraphModel
    from gui.canvas.card_grid import CardGrid
    from gui.canvas.card_parking import CardParking
    from gui.canvas.folding import FoldingLayer
    from gui.canvas.items import EdgeItem
    from gui.canvas.lazy_wires import LazyWires
    from gui.canvas.overview import OverviewLayer
    from gui.canvas.scene_interaction import SceneInteraction
    from gui.canvas.selection import SelectionCache
    from gui.canvas.wire_pool import WirePool
    from gui.canvas.zoom_detail import ZoomDetail

    _Base = QGraphicsScene
else:
    _Base = object


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


class SceneBatches(_Base):
    """Handlers of the batch signals, mixed into GraphScene."""

    if TYPE_CHECKING:  # GraphScene's own, used here
        model: GraphModel
        _nodes: dict[str, NodeItem]
        _edges: LazyWires
        _grid: CardGrid
        _wide: set[str]
        _sel: SelectionCache
        _layer: OverviewLayer
        _far: bool
        _interaction: SceneInteraction
        folding: FoldingLayer
        _pool: WirePool
        parking: CardParking
        hidden_wire: tuple[str, str, int] | None
        detail: ZoomDetail

        def nodes_moved(self, ids: Iterable[str]) -> None: ...
        def wire_ends(self, s: str, t: str, p: int) -> tuple[QPointF, QPointF]: ...
        def _add_edge_item(self, s: str, t: str, p: int) -> EdgeItem: ...
        def _selection_signal_later(self) -> None: ...

    #: How many cards and wires the batch handlers made, moved or dropped
    #: (tests count them: a batch touches what it names, nothing more).
    batch_items = 0
    #: How many wire curves the last batch move made (hidden wires make none).
    batch_curves = 0
    #: While a batch of wires is added: their lines go into the overview at once.
    _into_overview = False

    def _on_nodes_moved(self, positions: Mapping[str, tuple[float, float]]) -> None:
        nodes = self._nodes
        filed = self._grid.bounds.positions()
        moved = []
        for n, xy in positions.items():
            it = nodes.get(n)
            # filed elsewhere: it moves (no question to Qt); else ask the card
            # (Qt's own drag may have moved it before the model did)
            if it is not None and (filed.get(n) != xy or it.x() != xy[0] or it.y() != xy[1]):
                it.setPos(*xy)
                moved.append(n)
        self.batch_items += len(moved)
        if 4 * len(moved) > len(nodes):  # most of the graph (Auto Layout, its undo)
            self._move_many([(n, *positions[n]) for n in moved])
        elif moved:
            self.nodes_moved(moved)  # wires, grid, overview, group frames: once

    def _move_many(self, moves: list[tuple[str, float, float]]) -> None:
        """Cards moved to ``moves`` ((id, x, y), already placed): the wires
        follow with their ends worked out from the positions (a card is a
        top-level item at its position, its ports at fixed offsets), the
        grid, the overview and the group frames in one loop each."""
        self._grid.put_many(moves)
        ids = [n for n, _, _ in moves]
        ends = self._ends(self.wires_of(ids))
        if self._far and len(self._edges) >= scene_build.LAZY_FROM:  # hidden items given up, as a fold does
            ends = give_up_hidden(self._edges, self._pool, self.folding.wire_box, self.hidden_wire, ends)
        self.batch_curves = set_ends_many([x for x in ends if x[1] is not None])
        self.detail.rerouted([x[0] for x in ends])  # far out: their curves at the switch
        self._layer.moved(moves, ends)
        self.folding.nodes_moved(ids)
        if self._far:
            self._layer.grow_to(self._grid.bounds.rect())

    def _ends(self, keys: Iterable[tuple[str, str, int]]) -> list[tuple]:
        """Each wire of ``keys`` with where it runs now (set_ends_many's and
        the overview's ``(key, wire, x1, y1, x2, y2)``)."""
        pos, nodes = self._grid.bounds.positions(), self._nodes
        made, pending = self._edges.maps()
        folding = self.folding
        folded = bool(folding.cards())
        ends = []
        for key in keys:
            e = made.get(key)  # None: no item yet (gui/canvas/lazy_wires.py), filed where it runs
            if e is None and key not in pending:
                continue
            s, t, p = key
            if folded and (folding.card_of(s) is not None or folding.card_of(t) is not None):
                p1, p2 = self.wire_ends(s, t, p)  # at a folded group's card
                x1, y1, x2, y2 = p1.x(), p1.y(), p2.x(), p2.y()
            else:
                xs, ys = pos[s]
                xt, yt = pos[t]
                x1, y1, x2, y2 = xs + W2, ys + OUT_Y, xt - W2, yt + PORT_YS[nodes[t].arity][p]
            ends.append((key, e, x1, y1, x2, y2))
        edges = self._edges  # far out, filed when a region is next asked for (at the zoom in)
        (edges.note_moved if self._far else edges.refile_many)([(x[0], *x[2:]) for x in ends if x[1] is None])
        return ends

    @one_repaint
    def _on_nodes_added(self, ids: list[str]) -> None:
        m = self.model
        attrs = m.graph.nodes
        grid, layer, far, parking = self._grid, self._layer, self._far, self.parking
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        # far out into an empty canvas (the undo of deleting everything): the
        # overview takes the blocks made here, as from the builder of a new
        # document, not a pass over every item at its next paint
        whole = far and not self._nodes and not self.folding.cards()
        colors: dict[str, int] = {}
        blocks: dict[str, QRectF] = {}
        values = m.values() if whole else {}
        if not whole:
            self._overview_batch(len(ids), len(self._nodes) + len(ids))
        made = []
        for n in ids:
            a = attrs[n]
            back = parking.take(n) if parking else None
            x, y = a.get("x", 0.0), a.get("y", 0.0)
            if back is None:
                it = NodeItem(m, n, attrs=a)
                it.setPos(x, y)
                it.setFlag(flag, far)
                self.addItem(it)
                grid.put(n, x, y)
            else:  # its card, hidden since the node was deleted: shown again as new
                it = back[0]
                it.reread(a)
                it.setPos(x, y)
                it.setFlag(flag, far)
                it.setVisible(True)
                grid.put(n, x, y, back[1])
            self.detail.added(n)
            self._nodes[n] = it
            if whole:
                colors[n] = plain_color(a["op"], values[n])
                blocks[n] = CARD_RECT.translated(x, y)
            else:
                layer.node_changed(it)
            made.append(it)
        self.batch_items += len(made)
        if whole:
            layer.take(colors, blocks, {})
        if far:
            layer.grow(made)

    @one_repaint
    def _on_nodes_removed(self, ids: list[str]) -> None:
        nodes, layer, grid, parking = self._nodes, self._layer, self._grid, self.parking
        lost_selection = False
        self._overview_batch(len(ids), len(nodes))
        parking.peak = max(parking.peak, len(nodes))
        self._interaction.nodes_removing(set(ids))
        every = len(ids) >= len(nodes) and all(n in nodes for n in ids)
        was = self.signalsBlocked()
        self.blockSignals(True)  # one selectionChanged for the batch, not one per card
        try:
            for n in ids:
                it = nodes.pop(n, None)
                serial = grid.serial(n)
                if not every:
                    grid.remove(n)
                self._wide.discard(n)
                layer.node_gone(n)
                if it is not None:
                    self.batch_items += 1
                    if it.isSelected():
                        lost_selection = True
                        it.setSelected(False)
                    parking.park(it, serial)  # hidden, for the undo (removing it costs O(items))
        finally:
            self.blockSignals(was)
            if every:  # the whole graph went: the grid emptied at once, not cell by cell
                grid.clear()
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
        self._update_cards(t for _, t, _ in wires)

    def _add_wires(self, wires: list[tuple[str, str, int]]) -> None:
        """``_add_edge_item`` of many wires: each item taken from the pool,
        shown once and given its ends from the cards' positions (one curve
        each, none while far out), its colour from its source's value."""
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
        ends = self._ends(wires)
        self.detail.rerouted([x[0] for x in ends])
        set_ends_many(ends)  # far out (the box hidden) each curve is made when shown
        layer = self._layer
        if self._into_overview:  # plain lines at the top level: new wires are neither lit nor selected
            layer.take_lines({x[0]: QLineF(x[2], x[3], x[4], x[5]) for x in ends})
            return
        for key in wires:
            layer.wire_changed(edges[key])

    @one_repaint
    def _on_edges_removed(self, wires: list[tuple[str, str, int]]) -> None:
        edges, layer = self._edges, self._layer
        self._overview_batch(len(wires), len(edges))
        for key in wires:
            e = edges.pop(key, None)
            self.folding.wire_removed(key)
            if e is not None:
                self.batch_items += 1
                self._pool.give(e)  # hidden and kept: removing it would re-sort every item
            layer.wire_gone(key)
        self._update_cards(t for _, t, _ in wires)

    def _overview_batch(self, count: int, total: int) -> None:
        """A batch of ``count`` of ``total`` items: over a quarter of them,
        the far-zoom overview is rebuilt once at its next paint rather than
        re-placing (and repainting) each item."""
        if 4 * count > total:
            self._layer.invalidate()

    def wires_of(self, ids: Collection[str]) -> set[tuple[str, str, int]]:
        """The keys of the wires into or out of the nodes ``ids``: from the
        model per node, or for most of the graph in one pass over the wires."""
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

    def _update_cards(self, ids: Iterable[str]) -> None:
        """Repaint each card once (its ports show what is wired)."""
        nodes = self._nodes
        for n in set(ids):
            it = nodes.get(n)
            if it is not None:
                it.update()
