"""The rect every shown card lies in, kept as cards come, go and move.

Fit, the view's resize and each Backward step ask for the graph's bounds;
uniting every card's rect costs a pass over the whole graph (50 ms at
20,000 nodes). Here the extreme positions are kept as cards are filed: a
card that arrives or moves outward widens them at once; only when a card
that sat on an edge moves inward, hides (folded into a group's card) or
goes is that edge found again, on the next question, from the card grid's
outermost cells holding a shown card (a pass over every card when a
quarter or more are hidden, or after a bulk change); every card
shown again (Expand All after Collapse All) with none moved since takes
back the extremes from before any was hidden.

A card covers ``card`` (its usual rect) around its position; the few whose
rect differs (a note under the card widens it) are kept apart and united in
when asked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from itertools import filterfalse
from operator import itemgetter

from PySide6.QtCore import QRectF

_X, _Y = itemgetter(0), itemgetter(1)

#: Up to one card in this many hidden or shown at once, the extremes are kept card by card.
FEW = 8
#: Up to one card in this many hidden, the extremes are found from the grid's outer cells.
SWEPT = 4
_LOST = math.nan


class CardBounds:
    """node id -> position (and an unusual rect), with the rect they cover."""

    __slots__ = ("_pos", "_hidden", "_odd", "_box", "_whole", "card", "recounts", "moves", "cells", "sweeps")

    def __init__(self, card: QRectF) -> None:
        self._pos: dict[str, tuple[float, float]] = {}
        self._hidden: set[str] = set()
        self._odd: dict[str, QRectF] = {}  # id -> its own rect, where not ``card``
        # [x1, y1, x2, y2] of the shown positions (None: to find), then for each edge lost (nan)
        # how far out a shown card may lie: where it was, or a card shown past it since
        self._box: list[float] | None = None
        # those of every position, hidden or not, kept from when none was hidden until one moves
        # (Expand All after Collapse All shows every card again where it was: no pass to find them)
        self._whole: list[float] | None = None
        self.card = card
        #: How often the extremes were found again by a pass over every card
        #: (tests count them: a move inside the graph needs none).
        self.recounts = 0
        #: How often an edge was found again from the grid's outer cells.
        self.sweeps = 0
        #: Bumped by every change of a position (or of the cards): what is
        #: kept for the positions now holds while it is the same (no copy
        #: of 50,000 positions kept to compare: gui/canvas/folding/open_routes.py).
        self.moves = 0
        #: The card grid's cells ((column, row) -> ids, filed by these
        #: positions), when a grid keeps them: the edges a few folded cards
        #: held are found again from the outermost cells inwards, not by a
        #: pass over every card (gui/canvas/cards/card_grid.py sets it).
        self.cells: Callable[[], Mapping[tuple[int, int], set[str]]] | None = None

    def clear(self) -> None:
        self._pos.clear()
        self._hidden.clear()
        self._odd.clear()
        self._box = self._whole = None
        self.moves += 1

    def set_aside(self) -> tuple[dict[str, tuple[float, float]], list[float] | None]:
        """:meth:`clear`, handing over the positions and their extremes
        (None: not known, or a card hidden or of a rect of its own)."""
        pos, box = self._pos, self._box if not (self._hidden or self._odd) else None
        self._pos, self._box, self._whole = {}, None, None
        self.moves += 1
        self._hidden.clear()
        self._odd.clear()
        return pos, box

    def put_back(self, pos: dict[str, tuple[float, float]], box: list[float] | None) -> None:
        """:meth:`take_all` of ``pos`` (from :meth:`set_aside`) into the
        empty bounds, the map itself, with its extremes ``box`` if known."""
        self._pos, self._box, self._whole = pos, None if box is None else list(box), None
        self.moves += 1

    def position(self, node_id: str) -> tuple[float, float] | None:
        return self._pos.get(node_id)

    def put(self, node_id: str, x: float, y: float) -> None:
        """``node_id``'s card is (now) at (x, y)."""
        old = self._pos.get(node_id)
        if old == (x, y):
            return
        self._pos[node_id] = (x, y)
        self._whole = None
        self.moves += 1
        if node_id not in self._hidden:
            if old is not None:
                self._leaving(old)
            self._arriving(x, y)

    def put_many(self, moves: Mapping[str, tuple[float, float]]) -> None:
        """:meth:`put` of many cards at once (Auto Layout: id -> (x, y)): the
        extremes are found again by one pass when next asked, not kept card by card."""
        if moves:
            self._pos.update(moves)
            self._box = self._whole = None
            self.moves += 1

    def take_all(self, pos: dict[str, tuple[float, float]]) -> None:
        """:meth:`put_many` of every card of a new graph (id -> position)."""
        self._pos.update(pos)
        if pos:
            self._box = self._whole = None
            self.moves += 1

    def hidden(self) -> set[str]:
        """The cards folded away (the bounds' own set: read, don't change)."""
        return self._hidden

    def positions(self) -> dict[str, tuple[float, float]]:
        """node id -> position (the bounds' own map: read, don't change)."""
        return self._pos

    def shown_coords(self, ids: Iterable[str] | None = None) -> dict[str, tuple[float, float, float, float]]:
        """node id -> (left, top, right, bottom) of each shown card in the
        scene (its ``sceneBoundingRect().getCoords()``), from the positions
        in one pass, no question to Qt per card; ``ids``: of those only."""
        card = self.card
        left, top, w, h = card.left(), card.top(), card.width(), card.height()
        hidden, odd = self._hidden, self._odd
        out: dict[str, tuple[float, float, float, float]] = {}
        pos = self._pos
        for n in filterfalse(
            hidden.__contains__, pos if ids is None else ids
        ):  # (in C: most may be folded away)
            if ids is not None and n not in pos:
                continue
            x, y = pos[n]
            own = odd.get(n)
            if own is None:
                a, b = left + x, top + y  # as Qt maps a rect by a translation
                out[n] = (a, b, a + w, b + h)
            else:
                r = own.translated(x, y)
                out[n] = (r.left(), r.top(), r.right(), r.bottom())
        return out

    def remove(self, node_id: str) -> None:
        old = self._pos.pop(node_id, None)
        self._odd.pop(node_id, None)
        self._whole = None
        self.moves += 1
        if node_id in self._hidden:
            self._hidden.discard(node_id)
        elif old is not None:
            self._leaving(old)

    def set_shown(self, node_id: str, shown: bool) -> None:
        """Show or hide ``node_id``'s card (a folded group hides its cards)."""
        pos = self._pos.get(node_id)
        if pos is None or shown == (node_id not in self._hidden):
            return
        if shown:
            self._hidden.discard(node_id)
            self._arriving(*pos)
        else:
            self._hidden.add(node_id)
            self._leaving(pos)

    def set_hidden(self, ids: set[str]) -> None:
        """Exactly the cards ``ids`` are hidden (:meth:`set_shown` of every
        card at once: folding every group); the extremes are found again
        when next asked, but for a few cards (one group folded or opened),
        or where they were before any was hidden if none moved since."""
        ids = ids & self._pos.keys()
        old = self._hidden
        if ids == old:
            return
        if not old and self._box is not None:  # every card shown until now
            self._whole = list(self._box)
        self._hidden = ids
        if not ids and self._whole is not None:  # every card shown again, none moved since
            self._box = list(self._whole)
            return
        if self._box is None:
            return
        # a few cards folded or shown (one group): the extremes kept, as
        # set_shown keeps them, unless a card hidden held an edge; many: found again
        if FEW * abs(len(ids) - len(old)) > len(self._pos):  # (folding every group: no set differences)
            self._box = None
            return
        hid, shown = ids - old, old - ids
        if FEW * (len(hid) + len(shown)) > len(self._pos):
            self._box = None
            return
        for n in shown:
            self._arriving(*self._pos[n])
        for n in hid:
            self._leaving(self._pos[n])

    def change_hidden(self, hid: set[str], shown: set[str]) -> None:
        """:meth:`set_hidden` of the cards hidden now but ``shown`` and
        with ``hid``: one group folded or opened among many folded (no set
        of every card folded away made, compared and told apart)."""
        old, pos = self._hidden, self._pos
        hid = pos.keys() & hid  # (set operations in C: Collapse All hides 50,000)
        hid.difference_update(old)
        shown = old.intersection(shown)
        if not hid and not shown:
            return
        if not old and self._box is not None:  # every card shown until now
            self._whole = list(self._box)
        if old:
            old.difference_update(shown)
            old.update(hid)
        else:  # (none hidden till now: the set made above is the cards hidden, not copied into another)
            old = self._hidden = hid
        if not old and self._whole is not None:  # every card shown again, none moved since
            self._box = list(self._whole)
            return
        if self._box is None:
            return
        if FEW * (len(hid) + len(shown)) > len(pos):
            self._box = None
            return
        for n in shown:
            self._arriving(*pos[n])
        for n in hid:
            self._leaving(pos[n])

    def set_rect(self, node_id: str, rect: QRectF) -> None:
        """``node_id``'s card covers ``rect`` around its position (a note widens it)."""
        if rect == self.card:
            self._odd.pop(node_id, None)
        else:
            self._odd[node_id] = QRectF(rect)

    def rect(self) -> QRectF:
        """The scene rect the shown cards cover (a null rect: none shown)."""
        box = self._box
        if box is None:
            box = self._box = self._find()
        elif box and (box[0] != box[0] or box[1] != box[1] or box[2] != box[2] or box[3] != box[3]):
            box = self._box = self._mended(box)
        if not box:
            r = QRectF()
        else:
            r = self.card.translated(box[0], box[1]).united(self.card.translated(box[2], box[3]))
        for n, own in self._odd.items():
            pos = self._pos.get(n)
            if pos is not None and n not in self._hidden:
                r = r.united(own.translated(*pos))
        return r

    def _find(self) -> list[float]:
        """The extremes, from every shown card ([] when none is shown)."""
        self.recounts += 1
        hidden = self._hidden
        if len(hidden) >= len(self._pos):  # every card folded away (Collapse All): none shown
            return []
        pts = self._pos.values() if not hidden else [p for n, p in self._pos.items() if n not in hidden]
        if not pts:
            return []
        xs, ys = list(map(_X, pts)), list(map(_Y, pts))  # (C loops: 50,000 cards put back)
        x1, y1, x2, y2 = min(xs), min(ys), max(xs), max(ys)
        return [x1, y1, x2, y2, x1, y1, x2, y2]

    def _mended(self, box: list[float]) -> list[float]:
        """``box`` with the edges a card took away (nan) found again, each from
        the grid's outermost cells holding a shown card (a folded group held
        one edge of 50,000 cards); by a pass over every card when a quarter are
        hidden or no grid keeps cells."""
        hidden, pos = self._hidden, self._pos
        if self.cells is None or SWEPT * len(hidden) >= len(pos):
            return self._find()
        cells = self.cells()
        for side in range(4):
            if box[side] != box[side]:  # (nan: lost)
                got = self._swept(cells, side, box[4 + side])
                if got is None:
                    return []
                box[side] = got
        return box

    def _swept(self, cells: Mapping[tuple[int, int], set[str]], side: int, was: float) -> float | None:
        """The shown cards' extreme on ``side`` (0 left, 1 top, 2 right, 3
        bottom), from the outermost column or row of cells holding a shown
        card (every card in a column lies left of the next column's). No
        shown card lies past ``was``: one there is the extreme, the first
        found (a layered graph's top row holds a card of every column: the
        group folded took one, the rest are looked at till one is found)."""
        self.sweeps += 1
        axis, outward = side % 2, side >= 2
        lines: dict[int, list[set[str]]] = {}
        for key, ids in cells.items():
            k = key[axis]
            got = lines.get(k)
            if got is None:
                lines[k] = [ids]
            else:
                got.append(ids)
        hidden, pos = self._hidden, self._pos
        at, pick = itemgetter(axis), max if outward else min
        for k in sorted(lines, reverse=outward):
            # each cell's shown cards by a set difference, their coordinates in C loops
            # (a layered graph's outermost column holds thousands of cards)
            shown = []
            for ids in lines[k]:
                s = ids - hidden if hidden else ids
                if s and was in map(at, map(pos.__getitem__, s)):  # (``in`` stops at the first)
                    return was
                if s:
                    shown.append(s)
            if shown:
                return pick(pick(map(at, map(pos.__getitem__, s))) for s in shown)
        return None

    def _arriving(self, x: float, y: float) -> None:
        box = self._box
        if box is None:
            return
        if not box:
            self._box = [x, y, x, y, x, y, x, y]
            return
        if x < box[0]:
            box[0] = x
        if x > box[2]:
            box[2] = x
        if y < box[1]:
            box[1] = y
        if y > box[3]:
            box[3] = y
        if box[0] != box[0] and x < box[4]:  # an edge lost: a card past it moves its bound out
            box[4] = x
        if box[1] != box[1] and y < box[5]:
            box[5] = y
        if box[2] != box[2] and x > box[6]:
            box[6] = x
        if box[3] != box[3] and y > box[7]:
            box[7] = y

    def _leaving(self, pos: tuple[float, float]) -> None:
        box = self._box
        if box:  # an edge it held is lost (nan), found again when asked
            x, y = pos
            if x == box[0]:
                box[0], box[4] = _LOST, x
            if x == box[2]:
                box[2], box[6] = _LOST, x
            if y == box[1]:
                box[1], box[5] = _LOST, y
            if y == box[3]:
                box[3], box[7] = _LOST, y
