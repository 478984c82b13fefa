"""The room that opening folded cards in place made, given back when they
fold again: a teacher opens a layer of the MLP to show it and folds it back,
and the rest of the graph returns to where it was (it stayed pushed away,
Fit at a third of the zoom, until Undo)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from core.graph.make_room import Moves
from core.graph.model import GraphModel

#: Openings remembered (the latest): enough for any back and forth by hand.
KEPT = 32


class RoomMemory:
    """Which nodes each opening moved out of the way, and from where."""

    def __init__(self) -> None:
        self._made: list[tuple[frozenset[str], Moves | Callable[[], Moves]]] = []

    def remember(self, gids: Iterable[str], moves: Moves | Callable[[], Moves]) -> None:
        """``gids`` were opened together and made room by ``moves`` (or
        what ``moves()`` tells, asked only when given back: 24,900 nodes
        made room at 50,000, as 249 units)."""
        if callable(moves):
            self._made.append((frozenset(gids), moves))
        elif moves:
            self._made.append((frozenset(gids), dict(moves)))
        del self._made[:-KEPT]

    def give_back(self, model: GraphModel, folding: Iterable[str]) -> Moves:
        """The moves that put back the room made for groups all folded once
        ``folding`` is: each node moved by it and still where the room put
        it (a node moved since, by hand or by Layout, stays; a room given
        back already is found again only if Undo made it again)."""
        folding = set(folding)
        gs = model.groups
        back: Moves = {}
        for gids, made in reversed(self._made):  # the latest room first
            if not all(g in folding or (g in gs and gs.get(g).collapsed) for g in gids):
                continue
            for n, (old, new) in (made() if callable(made) else made).items():
                if n in model and n not in back and model.position(n) == new:
                    back[n] = (new, old)
        return back

    def gone(self, gid: str) -> None:
        """``gid`` was ungrouped: the room made for it stays where it is (a
        new group given the same id would give it back, over other cards)."""
        self._made = [(gids, moves) for gids, moves in self._made if gid not in gids]

    def forget(self, *_: object) -> None:
        """Another document: nothing of this one's room to give back."""
        self._made.clear()
