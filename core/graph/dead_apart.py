"""Auto Layout of a graph whose output some cards do not lead to.

Columns count back from the sinks, so a branch that feeds nothing (3*x and
x**2 left by "Replace y" in ``y = x**2 + 3*x``, ``z = y * x``; trial 70 #1)
took the right-hand column beside the output, read as a result, and its
wires from x made the lanes of the output's own wires give way: x → z ran
under y, as if z were y × y. Here the cards that lead to the output are laid
out alone, and the others as a block of their own under them, apart, each
card of it right of the inputs it takes from the first block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from core.graph.bands import in_bands
from core.graph.layout import COLUMN, NODE_H, ROW, layered_positions

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: Between the output's block and the block of the rest: a row and a card more than a column's gap.
APART = ROW + NODE_H


def leading_to(inputs: Mapping[str, Sequence[str | None]], out: str) -> set[str]:
    """``out`` and every node with a path to it (``inputs``: each node's input sources)."""
    seen, todo = {out}, [out]
    while todo:
        for s in inputs[todo.pop()]:
            if s is not None and s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


def apart_positions(model: GraphModel) -> dict[str, tuple[float, float]] | None:
    """Every node's position, the cards that do not lead to the output under
    those that do; None where all lead to it (or no output is set)."""
    out = model.output
    if out is None or out not in model:
        return None
    inputs = model.input_table()
    live = leading_to(inputs, out)
    if len(live) == len(model):
        return None
    succ = model.use_table()
    main = in_bands(layered_positions(model, live), succ)
    rest = [n for n in model.nodes() if n not in live]  # (graph order)
    below = in_bands(layered_positions(model, rest), succ)
    # each card of the rest right of the inputs it takes from the output's block
    dx = max((main[s][0] + COLUMN - below[n][0] for n in rest for s in inputs[n] if s in main), default=0.0)
    dy = max(y for _x, y in main.values()) + APART - min(y for _x, y in below.values())
    pos = dict(main)
    pos.update((n, (x + max(dx, 0.0), y + dy)) for n, (x, y) in below.items())
    return pos
