"""Auto Layout of a graph some of whose cards lead to no result.

Columns count back from the sinks, so a branch that feeds nothing (3*x and
x**2 left by "Replace y" in ``y = x**2 + 3*x``, ``z = y * x``; trial 70 #1)
took the right-hand column beside the output, read as a result, and its
wires from x made the lanes of the output's own wires give way: x → z ran
under y, as if z were y × y. Here the cards that lead to a result are laid
out alone, and the others as a block of their own under them, apart, each
card of it right of the inputs it takes from the first block.

A result is the output, every card it feeds (the output set on ``d`` of the
blog's example: ``f`` and ``L`` are still the graph's end), and every named
card that feeds nothing (``y2`` beside the output ``y1``): the learner built
it (review 71 #3: both went apart, and marking a node the output moved
cards). What a Replace leaves is unnamed or named by its formula (``x**2``),
so its branch still goes apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.graph.bands import in_bands
from core.graph.label_forms import is_plain_name
from core.graph.layout import COLUMN, NODE_H, ROW, layered_positions
from core.graph.topology import reachable

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: Between the output's block and the block of the rest: a row and a card more than a column's gap.
APART = ROW + NODE_H


def results(model: GraphModel, out: str) -> set[str]:
    """The cards that count as results: ``out``, the cards it feeds, the named sinks."""
    succ = model.use_table()
    attrs = model.attr_table()
    named = {n for n, uses in succ.items() if not uses and is_plain_name(str(attrs[n].get("label") or ""))}
    return reachable(succ, [out]) | named


def apart_positions(model: GraphModel) -> dict[str, tuple[float, float]] | None:
    """Every node's position, the cards that lead to no result (:func:`results`)
    under those that do; None where all lead to one (or no output is set)."""
    out = model.output
    if out is None or out not in model:
        return None
    inputs = model.input_table()
    live = reachable(inputs, results(model, out))
    if len(live) == len(model):
        return None
    succ = model.use_table()
    main = in_bands(layered_positions(model, live), succ)
    rest = [n for n in model.nodes() if n not in live]  # (graph order)
    below = in_bands(layered_positions(model, rest), succ)
    # each card of the rest right of the inputs it takes from the results' block
    dx = max((main[s][0] + COLUMN - below[n][0] for n in rest for s in inputs[n] if s in main), default=0.0)
    dy = max(y for _x, y in main.values()) + APART - min(y for _x, y in below.values())
    pos = dict(main)
    pos.update((n, (x + max(dx, 0.0), y + dy)) for n, (x, y) in below.items())
    return pos
