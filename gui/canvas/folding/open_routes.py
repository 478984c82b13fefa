"""Where the wires crossing groups' boundaries run with every group open,
kept across a fold.

Expand All (or Collapse All undone) sends every wire crossing a boundary
back between its cards' ports: at 50,000 nodes in groups of 100, 38,000
wires whose ends cost ~0.3 s to work out again, one memory-bound step a
wire. Those ends are what they were before the fold unless a card moved or
a wire came or went meanwhile, so they are kept: the overview's own lines
of those wires, set aside whole when a fold starts from every group open
(the fold draws new ones: no line read, none moved back at Expand All), or
the ends worked out by the last Expand All; handed back whole when every group is open again and the
cards' positions and the wires are as they were (one count of the cards'
moves, gui/canvas/cards/card_bounds.py: no copy of 50,000 positions kept and
compared; one stamp of the fold index; gui/canvas/folding/fold_routes.py).
"""

from __future__ import annotations

from typing import Any

XY = tuple[float, float, float, float]


class OpenRoutes:
    """key -> (x1, y1, x2, y2) of many wires with every group open, and what they hold for."""

    __slots__ = ("_xy", "_moves", "_stamp", "kept", "reused", "lines")

    def __init__(self) -> None:
        self._xy: dict[Any, XY] | None = None
        self._moves = -1
        self._stamp = -1
        #: Times routes were kept / handed back instead of worked out (tests count them).
        self.kept = 0
        self.reused = 0
        #: True when the values kept are the overview's lines (QLineF) set
        #: aside at the fold, not (x1, y1, x2, y2): they go back whole.
        self.lines = False

    def keep(self, xy: dict[Any, Any], moves: int, stamp: int, lines: bool = False) -> None:
        """``xy`` is where those wires run with every group open, the cards
        as their count of moves ``moves`` says and the wires as the fold
        index's ``stamp`` says (``lines``: as the overview's lines of them)."""
        self._xy, self._moves, self._stamp, self.lines = xy, moves, stamp, lines
        self.kept += 1

    def holds(self, keys: set, moves: int, stamp: int) -> dict[Any, Any] | None:
        """The routes of exactly ``keys`` if they still hold (no card moved,
        the same wires), else None."""
        xy = self._xy
        # (``keys.difference(xy)``: each key looked up by the hash the set keeps, not worked out anew)
        if xy is None or stamp != self._stamp or moves != self._moves or len(xy) != len(keys):
            return None
        return None if keys.difference(xy) else xy

    def take(self, keys: set, moves: int, stamp: int) -> dict[Any, Any] | None:
        """:meth:`holds`, counted as reused when they do."""
        xy = self.holds(keys, moves, stamp)
        self.reused += xy is not None
        return xy

    def drop(self) -> None:
        self._xy = None
