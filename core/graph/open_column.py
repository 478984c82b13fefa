"""A layer's weights opened alone beside folded consumers: one column.

Laid out with every group open, a layer's weights are a square of columns
(core/graph/scope_columns.py): their uses are drawn as linked copies beside
the neurons' ports, so no wire leaves the square. Opened alone, the layers
they feed stay folded and each weight sends a wire to every one of those
cards; from a square, the wires of its first columns left their ports level
and ran under the next columns' cards (trial 71 #4: w2.1.1's wires under
w2.2.1, reading as feeding it). In one column every wire leaves to the
right, where no card of the group is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.graph.card_sizes import NODE_H
from core.graph.scope_columns import WRAP

if TYPE_CHECKING:
    from core.graph.make_room import Moves
    from core.graph.model import GraphModel

#: From one card's top to the next's: a small gap, so the 20 weights of the MLP's
#: layer 2 show whole with their values at 1600 × 1000 (a pass notes each one's
#: sum beside its card, on the left: no room kept under it, as the square keeps).
PITCH = NODE_H + 16.0


def column_moves(model: GraphModel, gid: str) -> Moves:
    """The moves that stand the open group ``gid`` in one column, from
    its top left and in its reading order (column by column, top first),
    when it is a square of leaves (none feeding another, no group inside;
    cards side by side in a row) that sends a wire into a folded card;
    else none."""
    gs = model.groups
    if gs.children(gid):
        return {}
    nodes = gs.get(gid).members
    if len(nodes) <= WRAP:
        return {}
    if any(model.inputs(n) for n in nodes):
        return {}
    outs = {n: {t for t, _p in model.consumers(n)} for n in nodes}
    if any(t in nodes for n in nodes for t in outs[n]):
        return {}
    at = {n: model.position(n) for n in nodes}
    rows: dict[float, list[float]] = {}
    for x, y in at.values():
        rows.setdefault(y, []).append(x)
    if sum(len(xs) > 1 for xs in rows.values()) < 2:
        # not a square: one column already, or a row placed by hand (five inputs side by side
        # feeding a folded group were stacked: review 72 #2), left as they are
        return {}
    if not any(gs.folded_into(t) is not None for n in nodes for t in outs[n]):
        return {}  # its uses drawn as copies beside open consumers: no wire leaves it
    x0, y0 = min(x for x, _y in at.values()), min(y for _x, y in at.values())
    order = sorted(nodes, key=lambda n: (at[n][0], at[n][1], n))
    return {n: (at[n], (x0, y0 + i * PITCH)) for i, n in enumerate(order)}
