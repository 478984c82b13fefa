"""The room that opening folded cards in place made, given back when they
fold again: a teacher opens a layer of the MLP to show it and folds it back,
and the rest of the graph returns to where it was (it stayed pushed away,
Fit at a third of the zoom, until Undo)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from core.graph.make_room import Moves, Rect
from core.graph.model import GraphModel

#: A folded card's corners, and its place (the top left of its nodes).
Card = tuple[Rect, tuple[float, float]]
#: Openings remembered (the latest): enough for any back and forth by hand.
KEPT = 32


class RoomMemory:
    """Which nodes each opening moved out of the way, and from where."""

    def __init__(self) -> None:
        self._made: list[tuple[frozenset[str], Moves | Callable[[], Moves]]] = []
        #: group -> the card it was last opened from, and where it was (its nodes' top left)
        self._cards: dict[str, Card] = {}
        #: group -> the room its last fold made for its card (fold_room.py), and its nodes' top left then
        self._folds: dict[str, tuple[Moves | Callable[[], Moves], tuple[float, float] | None]] = {}

    def remember(
        self, gids: Iterable[str], moves: Moves | Callable[[], Moves], cards: Mapping[str, Card] | None = None
    ) -> None:
        """``gids`` were opened together and made room by ``moves`` (or
        what ``moves()`` tells, asked only when given back: 24,900 nodes
        made room at 50,000, as 249 units), from their ``cards`` (a group
        opened with others, laid out with them, has none: its card no more
        tells where its neighbours would be)."""
        for g in gids:
            self._cards.pop(g, None)
        self._cards.update(cards or {})
        if callable(moves):
            self._made.append((frozenset(gids), moves))
        elif moves:
            self._made.append((frozenset(gids), dict(moves)))
        del self._made[:-KEPT]

    def give_back(self, model: GraphModel, folding: Iterable[str]) -> Moves:
        """The moves that put back the room made for groups all folded once
        ``folding`` is: each node moved by it and still where the room put
        it (a node moved since, by hand or by Layout, stays; a room given
        back already is found again only if Undo made it again), from the
        latest room back (a room made for a group opened after another
        moved that one's room: both given back, each node to where it was
        before the first)."""
        folding = set(folding)
        gs = model.groups
        return self._back(
            model, lambda gids: all(g in folding or (g in gs and gs.get(g).collapsed) for g in gids)
        )

    def reopen(self, model: GraphModel, open_now: Iterable[str]) -> tuple[Moves, dict[str, Rect]]:
        """Of the open groups ``open_now``, those opened in place whose card
        is known and whose nodes, once the room made for them (and the
        groups in them) is given back as ``give_back`` does, are where they
        were when it opened (not moved since, by hand or by Layout): that
        room's moves, and each one's card."""
        gs = model.groups
        cards = {g: self._cards[g] for g in open_now if g in self._cards and g in gs}
        while cards:
            back = self._back(model, lambda gids: all(_in(gs, g, cards) for g in gids))
            moved = [g for g, card in cards.items() if _top_left(model, back, gs.nodes_in(g)) != card[1]]
            if not moved:  # (kept: Expand All undone and done again opens it again alike)
                return back, {g: card[0] for g, card in cards.items()}
            for g in moved:
                del cards[g]
        return {}, {}

    def folded(self, model: GraphModel, gids: Iterable[str], moves: Moves | Callable[[], Moves]) -> None:
        """``gids`` folded, one alone moving nodes by ``moves`` (the room fold_room.py made for
        its card, or an opening's room given back; or ``moves()``, asked only when given back),
        given back as it opens (``unfold``); several at once are not."""
        gids = list(gids)
        for g in gids:
            self._folds.pop(g, None)
        if len(gids) == 1 and (callable(moves) or moves):
            self._folds[gids[0]] = (moves, _top_left(model, {}, model.groups.nodes_in(gids[0])))

    def unfold(self, model: GraphModel, gid: str) -> Moves:
        """The moves that give back the room ``gid``'s last fold made, as it opens alone: each
        node the fold moved and still where it put it, back where it was (fold then open: the
        graph as before, as open then fold gives it); none where the group's nodes moved since
        (its card dragged elsewhere: what lay by its old place is no more in its way)."""
        kept = self._folds.get(gid)
        if kept is None or gid not in model.groups:
            return {}
        moves, at = kept
        if _top_left(model, {}, model.groups.nodes_in(gid)) != at:
            return {}
        made = moves() if callable(moves) else moves
        return {n: (new, old) for n, (old, new) in made.items() if n in model and model.position(n) == new}

    def _back(self, model: GraphModel, wanted: Callable[[frozenset[str]], bool]) -> Moves:
        back: Moves = {}
        for gids, made in reversed(self._made):  # the latest room first
            if not wanted(gids):
                continue
            for n, (old, new) in (made() if callable(made) else made).items():
                if n not in model:
                    continue
                now = back[n][1] if n in back else model.position(n)
                if now == new:
                    back[n] = (back[n][0] if n in back else now, old)
        return back

    def made_room(self, gid: str) -> bool:
        """Whether opening ``gid`` in place pushed other cards aside (room kept, not given back)."""
        return gid in self._cards or any(gid in gids for gids, _ in self._made)

    def gone(self, gid: str) -> None:
        """``gid`` was ungrouped: the room made for it stays where it is (a
        new group given the same id would give it back, over other cards)."""
        self._made = [(gids, moves) for gids, moves in self._made if gid not in gids]
        self._cards.pop(gid, None)
        self._folds.pop(gid, None)

    def forget(self, *_: object) -> None:
        """Another document: nothing of this one's room to give back."""
        self._made.clear()
        self._cards.clear()
        self._folds.clear()


def _in(gs, g: str, cards: Mapping[str, Card]) -> bool:
    """Whether ``g`` is one of the groups of ``cards`` or in one (or is gone)."""
    return g not in gs or g in cards or not cards.keys().isdisjoint(gs.ancestors(g))


def _top_left(model: GraphModel, back: Moves, nodes: Iterable[str]) -> tuple[float, float] | None:
    """Where the card of ``nodes`` sits once ``back`` is done: their top left."""
    at = [back[n][1] if n in back else model.position(n) for n in nodes]
    return (min(p[0] for p in at), min(p[1] for p in at)) if at else None
