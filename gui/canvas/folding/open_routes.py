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

The other way too: the overview's lines of a Collapse All from every group
open, handed back whole by the Expand All that puts the open ones back
(none read or moved since), are kept with what they were drawn for (the
cards shown, their places and rows: ``Folded``); the next Collapse All
that finds the same puts them back whole, no end worked out and no line
made (~70 ms of the 38,000 wires' 90 at 50,000 nodes).
"""

from __future__ import annotations

from typing import Any

from gui.document import heap

XY = tuple[float, float, float, float]
#: What a fold's lines were drawn for: (group -> card shown, card -> its rows
#: as ``fold_routes.card_rows`` reads them, the cards' count of moves, the fold
#: index's stamp, the groups' revision); only when each end is on a card.
Folded = tuple[dict, dict, int, int, int]


class OpenRoutes:
    """key -> (x1, y1, x2, y2) of many wires with every group open, and what they hold for."""

    __slots__ = ("_xy", "_moves", "_stamp", "kept", "reused", "lines", "_fold", "_fold_lines", "folds_reused")

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
        #: The last fold from every group open: its keys and what they were drawn for.
        self._fold: tuple[set, Folded] | None = None
        #: Its lines, handed back by Expand All: (keys, lines) in one order.
        self._fold_lines: tuple[list, list] | None = None
        #: Times a fold's lines were put back instead of worked out (tests count them).
        self.folds_reused = 0

    def keep(self, xy: dict[Any, Any], moves: int, stamp: int, lines: bool = False) -> None:
        """``xy`` is where those wires run with every group open, the cards
        as their count of moves ``moves`` says and the wires as the fold
        index's ``stamp`` says (``lines``: as the overview's lines of them)."""
        self._xy, self._moves, self._stamp, self.lines = xy, moves, stamp, lines
        self.kept += 1
        self.forget_fold()  # (Expand All worked them out: the fold's lines moved there)

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
        self.forget_fold()

    def folded(self, keys: set, drawn: Folded | None) -> None:
        """A fold from every group open drew new lines of the wires ``keys``
        for ``drawn`` (None: some end not on a card, where a node's ports
        may change unseen: kept for nothing)."""
        self.forget_fold()
        self._fold = None if drawn is None else (keys, drawn)

    def fold_handed(self, keys: set, lines: tuple[list, list] | None) -> None:
        """Expand All put the open lines of the wires ``keys`` back: the
        fold's ``lines`` (keys, lines), as the last fold drew them, or None
        (some moved or filed anew since)."""
        fold = self._fold
        if lines is None or fold is None or len(fold[0]) != len(keys) or keys.difference(fold[0]):
            self.forget_fold()
        else:
            self._fold_lines = lines

    def take_fold(self, keys: set, drawn: Folded) -> dict | None:
        """The lines of the last fold from every group open (key -> line) if it
        was of exactly ``keys`` drawn for ``drawn``, handed back since; else None
        (and none kept: this fold draws its own)."""
        fold, lines = self._fold, self._fold_lines
        if (
            fold is None
            or lines is None
            or len(fold[0]) != len(keys)
            or fold[1] != drawn
            or keys.difference(fold[0])  # (each key by the hash the set keeps)
        ):
            self.forget_fold()
            return None
        self._fold_lines = None  # (in the overview again: handed back by the next Expand All)
        self.folds_reused += 1
        return dict(zip(*lines))

    def forget_fold(self) -> None:
        heap.free_later(self._fold_lines)  # (~38,000 Qt objects: freed once idle)
        self._fold = self._fold_lines = None
