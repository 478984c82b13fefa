"""Moves of the cards folded away into a group's card, held till it opens.

Opening one group among 499 folded ones (benchmarks/bench_scaling.py's
"open a laid-out group (making room)") moves the folded cards on its far
sides: the 24,899 nodes inside them, each one's card, its cell in the card
grid, its overview block and the ~18,400 wires inside, were moved one by
one (~0.2 s at 50,000 nodes), none of them shown. The model moves them all
(its positions are the document); the scene keeps, per folded card, where
its hidden nodes are now, and moves their items when the card opens (its
box shown: ``FoldingLayer.refresh``), the groups change, or the graph is
edited (every edit signal applies what is held first). The folded card
itself moves at once: it is measured from the positions held
(:meth:`card_positions_held`). Whoever reads where every card is
(:meth:`card_positions`) has what is held applied first.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from itertools import filterfalse, islice
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF

from core.graph.unit_moves import MovedUnits
from gui.canvas.folding.fold_routes import fold_map
from gui.canvas.scene_parts import SceneParts

XY = tuple[float, float]


class FoldedMoves(SceneParts):
    """The held moves of cards folded away, mixed into GraphScene."""

    #: How many hidden cards' moves were held, not made (tests count them).
    held_moves = 0
    #: How many times every card's position was copied to read the moves held in (tests count them).
    overlays_made = 0
    _held: dict[str, dict[str, XY]] = {}  # folded card (group id) -> node -> where the model has it
    _overlay: tuple[int, dict[str, XY]] | None = None  # (the grid's move count, the positions read in)

    if TYPE_CHECKING:  # SceneBatchMoves' own (scene_batch_moves.py), mixed in beside this

        def _moved_now(self, positions: Mapping[str, XY]) -> None: ...

    def _held_links(self, model: Any) -> list[tuple[Any, Callable[..., None]]]:
        """Nothing held (a new model), and its edit signals, each applying
        what is held before the scene mirrors the edit (connected first)."""
        self._held, self._overlay = {}, None
        sigs = [model.node_added, model.node_removed, model.edge_added, model.edge_removed, model.node_moved]
        sigs += [model.nodes_added, model.nodes_removed, model.edges_added, model.edges_removed]
        return [(sig, self._flush_on_edit) for sig in sigs]

    def _flush_on_edit(self, *_args: object) -> None:
        self.flush_held()

    def _hold_folded(self, positions: Mapping[str, XY]) -> Mapping[str, XY]:
        """``positions`` (a batch move) but those of nodes folded away into
        a card, which are held for it; the cards they move are measured again."""
        cards = self.folding.cards()
        if not cards:
            return positions
        groups = self.model.groups
        shows = fold_map(groups, lambda g: [g, *groups.ancestors(g)], (c.gid for c in cards)).get
        of = groups.membership().get  # node -> its innermost group; that group -> the card showing it
        rest: dict[str, XY] = {}
        held, moved = self._held, set()
        each: Mapping[str, XY] = positions
        if isinstance(positions, MovedUnits):  # whole units, each drawn as one: its card found once
            each, get = {}, positions.__getitem__
            for nodes, _dx, _dy in positions.units:
                c = shows(of(nodes[0]))  # type: ignore[arg-type]
                dest = rest if c is None else held.setdefault(c, {})
                if c is not None:
                    moved.add(c)
                dest.update(zip(nodes, map(get, nodes)))
        for n, xy in each.items():
            c = shows(of(n))  # type: ignore[arg-type]  # (a node in no group: None, shown by no card)
            if c is None:
                rest[n] = xy
                continue
            into = held.get(c)
            if into is None:
                into = held[c] = {}
            into[n] = xy
            moved.add(c)
        if moved:
            self.held_moves += len(positions) - len(rest)
            kept = self._overlay
            if kept is not None and kept[0] == self._grid.bounds.moves:
                # read in where it is (the room an opening makes: ~25,000 of 50,000
                # held), not every position copied again; those of ``rest`` are moved
                # next, which makes the grid's count another (read in again then)
                kept[1].update(positions)
            self.folding.cards_moved(moved)
        return positions if not moved else rest

    def held_cards(self) -> list[str]:
        """The folded cards whose hidden nodes' moves are held."""
        return list(self._held)

    def flush_held(self, keep: Iterable[str] = ()) -> None:
        """Apply the moves held, but those of the cards ``keep`` (still
        folded as they were)."""
        held = self._held
        if not held:
            return
        kept = set(keep)
        gone = [c for c in held if c not in kept]
        if not gone:
            return
        moves: dict[str, XY] = {}
        for c in gone:
            moves.update(held.pop(c))
        self._overlay = None
        self._moved_now(moves)

    def card_positions(self) -> dict[str, XY]:
        """Node id → where its card is, kept as cards move (the card grid's
        own map: read, don't change), the moves held applied first."""
        self.flush_held()
        return self._grid.bounds.positions()

    def card_positions_held(self) -> Mapping[str, XY]:
        """:meth:`card_positions` with the moves held read in, not applied
        (the folding layer measures the folded cards from them)."""
        pos = self._grid.bounds.positions()
        if not self._held:
            return pos
        kept, moves = self._overlay, self._grid.bounds.moves
        if kept is None or kept[0] != moves:
            self.overlays_made += 1
            both = dict(pos)
            for into in self._held.values():
                both.update(into)
            kept = self._overlay = (moves, both)
        return kept[1]

    def card_moves(self) -> int:
        """A count bumped by every change of :meth:`card_positions` (no copy kept to compare)."""
        return self._grid.bounds.moves

    def card_rects(self, near: QRectF | None = None) -> dict[str, tuple[float, float, float, float]]:
        """Node id -> (left, top, right, bottom) of each card shown (not folded
        away), from the positions (gui/canvas/cards/card_bounds.py); ``near``:
        of those the card grid files near that region only (a superset of
        those meeting it)."""
        if near is None:
            return self._grid.bounds.shown_coords()
        got = self.card_rects_upto(near)
        assert got is not None  # (no cap: every card there)
        return got

    def card_rects_but(self, but: Container[str]) -> dict[str, tuple[float, float, float, float]]:
        """:meth:`card_rects` but the cards ``but`` (those of the open frames
        around a group folding: each moves as its frame), in the same order,
        none of theirs worked out (all but one group open at 50,000: ~50 ms)."""
        bounds = self._grid.bounds
        return bounds.shown_coords(filterfalse(but.__contains__, bounds.positions()))

    def card_rects_upto(
        self, near: QRectF, most: int | None = None
    ) -> dict[str, tuple[float, float, float, float]] | None:
        """:meth:`card_rects` near ``near``, or None where the grid files more
        than ``most`` cards there (the caller's answer for a crowded region,
        found without listing them all; None: no cap)."""
        found = self._grid.ids_near(near)
        ids = {*(found if most is None else islice(found, most + 1)), *self._wide}
        if most is not None and len(ids) > most:
            return None
        return self._grid.bounds.shown_coords(ids)

    def cards_folded(self, ids: set[str]) -> None:
        """Exactly the cards ``ids`` are folded away (``card_shown`` of every card at once)."""
        self._grid.bounds.set_hidden(ids)
        self._overview_takes_in()

    def cards_folded_change(self, hid: set[str], shown: set[str]) -> None:
        """:meth:`cards_folded` of the cards folded away but ``shown``, and ``hid``."""
        self._grid.bounds.change_hidden(hid, shown)
        if shown:
            self._overview_takes_in()

    def _overview_takes_in(self) -> None:
        """Far out, the overview's bounds take in the cards shown again: they
        may lie outside what it drew while they were folded away (trial 59:
        the undo of Collapse All moved them back out while they were hidden,
        and Qt drew none of their blocks and wires past the folded graph's
        right edge)."""
        if self._far:
            self._layer.grow_to(self._grid.bounds.rect())
