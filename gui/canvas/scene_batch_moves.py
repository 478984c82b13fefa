"""The cards of a batch move placed and their wires re-routed: Auto Layout,
its undo, a group opened in place that pushes the others aside.

Each touched wire's ends are worked out once from the positions the card
grid keeps (a card is a top-level item at its position, its ports at fixed
offsets), most of the graph in one pass over the wire maps; a wire without
an item is filed again where it runs. Kept apart from the other batch
handlers (gui/canvas/scene_batches.py, which mixes this in) as the one
family that places moved cards and works out wire ends; the adds of many
wires use its ``_ends`` too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping
from operator import eq
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGraphicsItem

from gui.canvas import scene_build
from gui.canvas.folding.fold_routes import fold_map, give_up_hidden
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.canvas.scene_parts import SceneParts
from gui.canvas.wires.wire_item import set_ends_many

if TYPE_CHECKING:
    from gui.canvas.items import EdgeItem

#: From this share of the cards moved at once, the ends of every wire are
#: worked out in one pass (cheaper than asking for those of the moved ones).
MOST_MOVED = 0.75


class SceneBatchMoves(SceneParts):
    """The batch move's handler and the wire ends it works out, mixed into
    GraphScene with the other batch handlers."""

    if TYPE_CHECKING:  # GraphScene's own, used here
        batch_items: int  # (SceneBatches')

        def _hold_folded(self, positions: Mapping[str, tuple[float, float]]) -> Mapping: ...
        def wires_of(self, ids: Collection[str]) -> set[tuple[str, str, int]]: ...

    #: How many wire curves the last batch move made (hidden wires make none).
    batch_curves = 0
    #: How many wires between two folded cards a batch move left to the cards' placing (tests count them).
    card_wires_skipped = 0
    #: How many cards a batch move asked one by one whether they moved (tests count them).
    cards_checked_each = 0

    def _on_nodes_moved(self, positions: Mapping[str, tuple[float, float]]) -> None:
        self._moved_now(self._hold_folded(positions))  # (the cards folded away: held, folded_moves.py)

    def _moved_now(self, positions: Mapping[str, tuple[float, float]]) -> None:
        nodes = self._nodes
        filed = self._grid.bounds.positions().get
        moved: dict[str, tuple[float, float]]
        if (
            type(positions) is dict
            and 4 * len(positions) > len(nodes)
            and positions.keys() <= nodes.keys()
            and not any(map(eq, map(filed, positions), positions.values()))
        ):
            # many cards, each filed elsewhere (Auto Layout, its undo: only the nodes that move):
            # every one moves, found in C loops, not a Python test a card
            moved = positions
        else:
            # filed elsewhere: it moves (no question to Qt); else ask the card
            # (Qt's own drag may have moved it before the model did)
            moved = {
                n: xy
                for n, xy in positions.items()
                if (it := nodes.get(n)) is not None and (filed(n) != xy or it.pos().toTuple() != xy)
            }
            self.cards_checked_each += len(positions)
        if not moved:
            return
        self.batch_items += len(moved)
        xs, ys = zip(*moved.values())
        deque(map(QGraphicsItem.setPos, map(nodes.__getitem__, moved), xs, ys), 0)  # one C loop
        if 4 * len(moved) > len(nodes):  # most of the graph (Auto Layout, its undo)
            self._move_many(moved)
        else:
            self.nodes_moved(list(moved))  # wires, grid, overview, group frames: once

    def _move_many(self, moves: dict[str, tuple[float, float]]) -> None:
        """Cards moved to ``moves`` (id -> (x, y), already placed): the wires
        follow with their ends worked out from the positions (a card is a
        top-level item at its position, its ports at fixed offsets), the
        grid, the overview and the group frames in one loop each."""
        self._grid.put_many(moves)
        if len(moves) >= MOST_MOVED * len(self._nodes) and not self.folding.cards():
            # (nearly) every card, none folded: every wire in one pass over the wire maps
            # (those of the cards that stayed run where they did), not a look-up per wire
            # of the moved cards (opening one group in place moves all the others)
            ends = self._ends_of_all()
        else:
            ends = self._ends(self._wires_moved(moves))  # the pending ones (no item) filed again as they go
        made = [x for x in ends if x[1] is not None]
        if self._far and len(self._edges) >= scene_build.LAZY_FROM:  # hidden items given up, as a fold does
            given = give_up_hidden(self._edges, self._pool, self.folding.wire_box, self.hidden_wire, made)
            made = [x for x in given if x[1] is not None]
            ends = given + [x for x in ends if x[1] is None]
        self.batch_curves = set_ends_many(made)
        self.detail.rerouted([x[0] for x in made])  # far out: their curves at the switch
        self._layer.moved(moves, ends)
        self.folding.nodes_moved(moves)
        if self._far:
            self._layer.grow_to(self._grid.bounds.rect())

    def _wires_moved(self, moves: Mapping[str, object]) -> list[tuple[tuple[str, str, int], EdgeItem | None]]:
        """The wires into or out of the cards ``moves``, each with its item
        (None: pending, no item yet): most of the graph read off the wire
        maps in one pass (no set of their keys, each then looked up twice),
        a few from the model per card."""
        made, pending = self._edges.maps()
        if 4 * len(moves) > len(self._nodes):
            out: list[tuple[tuple[str, str, int], EdgeItem | None]] = [
                (k, e) for k, e in made.items() if k[0] in moves or k[1] in moves
            ]
            out += [(k, None) for k in pending if k[0] in moves or k[1] in moves]
            return out
        return [(k, e) for k in self.wires_of(moves) if (e := made.get(k)) is not None or k in pending]

    def _ends(self, wires: Iterable[tuple[tuple[str, str, int], EdgeItem | None]]) -> list[tuple]:
        """Each wire of ``wires`` (key, item) with where it runs now
        (set_ends_many's and the overview's ``(key, wire, x1, y1, x2, y2)``;
        wire None: it has no item yet, and is filed again where it runs: far
        out when a region is next asked for, at the zoom in)."""
        pos, nodes, edges = self._grid.bounds.positions(), self._nodes, self._edges
        hidden = self._folded_nodes()  # node -> the folded group's card showing it
        ends: list[tuple] = []
        later: dict[tuple[str, str, int], tuple[float, float, float, float]] = {}  # the pending ones
        add = ends.append
        ys: dict[str, list[float]] = {}  # each target's input ports' y offsets
        on_card = hidden.get
        skipped = 0
        for key, e in wires:
            s, t, p = key
            if hidden and (hs := on_card(s)) != (ht := on_card(t)):  # at a folded group's card
                if hs is not None and ht is not None:
                    # between two folded cards: drawn from the cards, which have not moved yet
                    # (its ends now are its ends before); placed, they re-route it (folding/fold_layer.py)
                    skipped += 1
                    continue
                p1, p2 = self.wire_ends(s, t, p)  # (one inside a card: hidden with it, kept between its ends)
                x1, y1, x2, y2 = p1.x(), p1.y(), p2.x(), p2.y()
            else:
                xs, y1 = pos[s]
                x2, y2 = pos[t]
                x1 = xs + W2
                x2 -= W2
                port_ys = ys.get(t)
                if port_ys is None:
                    port_ys = ys[t] = PORT_YS[nodes[t].arity]
                y1 += OUT_Y
                y2 += port_ys[p]
            add((key, e, x1, y1, x2, y2))
            if e is None:
                later[key] = (x1, y1, x2, y2)
        self.card_wires_skipped += skipped
        if later:
            if self._far:  # filed when a region is next asked for (the zoom in), in one go
                edges.note_moved_xy(later, {})
            else:
                edges.refile_many([(k, *xy) for k, xy in later.items()])
        return ends

    def _folded_nodes(self) -> dict[str, str]:
        """The nodes drawn as a folded group's card, each with that card
        (``folding.card_of``): from the folded groups' members, not a
        question per wire nor per node (a card is an outermost folded
        group: every node in it is drawn as it)."""
        groups = self.model.groups
        # group -> its card, up each group's nesting (not a scan of every group per card)
        shows = fold_map(groups, lambda g: [g, *groups.ancestors(g)], (c.gid for c in self.folding.cards()))
        get = shows.get
        return {n: c for n, g in groups.membership().items() if (c := get(g)) is not None} if shows else {}

    def _ends_of_all(self) -> list[tuple]:
        """``_ends`` of every wire (every card moved, none folded): those
        with an item and those without apart, the latter filed anew at once
        (far out: when a region is next asked for, as ``_ends``)."""
        pos, edges = self._grid.bounds.positions(), self._edges
        port_ys = {n: PORT_YS.get(it.arity, ()) for n, it in self._nodes.items()}  # (a leaf: none)
        ends: list[tuple] = []
        add = ends.append
        for key, e in edges.made_map().items():
            s, t, p = key
            xs, ys = pos[s]
            xt, yt = pos[t]
            add((key, e, xs + W2, ys + OUT_Y, xt - W2, yt + port_ys[t][p]))
        start, pending = len(ends), edges.pending()
        for key in pending:
            s, t, p = key
            xs, ys = pos[s]
            xt, yt = pos[t]
            add((key, None, xs + W2, ys + OUT_Y, xt - W2, yt + port_ys[t][p]))
        if self._far:  # each kept as it is: its last four are the ends
            edges.note_all(dict(zip(pending, ends[start:])))
        else:
            edges.refile_all([(x[0], x[2], x[3], x[4], x[5]) for x in ends[start:]])
        return ends
