"""Which colour the overview files each card's block under: from what the
card shows (``color_of``), or from its op and value alone for a whole
graph at once (``plain_blocks``: C loops, no Python step a card)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import compress, repeat
from operator import eq, is_, itemgetter, not_

from PySide6.QtCore import QRectF

from gui.canvas.overview.overview_draw import COLORS

#: Where a card at the top level (in no group's box) is filed, per colour (shared by every such card).
TOP = tuple((i, None) for i in range(len(COLORS)))


def color_of(it) -> int:
    """Which of COLORS a card's block is filed under (an index; a selected
    card is drawn over it in the selection's colour: ``set_picked``)."""
    if it.drawn_highlight == "current":  # a card told to become current draws it at once
        return 5  # HL_CURRENT
    if it.is_output:
        return 4  # OUTPUT
    flag = it.wire_flag  # (as its wires carry it: a card out of view is not asked to catch up its value)
    if flag == "nonfinite":
        return 3  # BAD
    if flag == "incomplete":
        return 2  # INCOMPLETE
    return 1 if it.op == "leaf" else 0  # LEAF_BORDER, CARD_BORDER


#: ``plain_color`` of a card without a value.
INCOMPLETE_COLOR = 2


def plain_color(op: str, value: float | None) -> int:
    """``color_of`` a card that is not selected, lit or the output: from
    its op and value alone (a graph being built)."""
    if value is None:
        return INCOMPLETE_COLOR
    if not math.isfinite(value):
        return 3  # BAD
    return 1 if op == "leaf" else 0


_FIRST = itemgetter(0)
_NONE_AS_ZERO: dict[float | None, float | None] = {None: 0.0}


def plain_blocks(
    ids: list[str], ops: Iterable[str], values: list[float | None], rects: Iterable[QRectF]
) -> tuple[dict[str, tuple[int, str | None]], list[dict[str, QRectF]]]:
    """``TOP[plain_color(op, value)]`` of each card (id -> it) and, per
    colour, each card's block (id -> rect), for :meth:`OverviewLayer.take`:
    each step a C loop over them all (a whole graph put back), not a Python
    call a card; the few incomplete or non-finite cards set after."""
    tops: Iterable[tuple[int, str | None]] = map(TOP.__getitem__, map(eq, ops, repeat("leaf")))
    colors = dict(zip(ids, tops))  # a finite value's: a leaf's border or a card's
    finite = map(math.isfinite, map(_NONE_AS_ZERO.get, values, values))  # type: ignore[arg-type]  # (None as 0.0)
    for n in compress(ids, map(not_, finite)):
        colors[n] = TOP[3]  # BAD
    for n in compress(ids, map(is_, values, repeat(None))):
        colors[n] = TOP[2]  # INCOMPLETE
    shades = list(map(_FIRST, colors.values()))
    pairs = list(zip(ids, rects))
    blocks = [dict(compress(pairs, map(eq, shades, repeat(c)))) for c in range(len(TOP))]
    return colors, blocks
