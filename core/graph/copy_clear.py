"""Wires between two columns kept out from under the linked copies there.

A card with linked copies (gui/canvas/linked/) has them in the gap on its
left, nearly as wide as that gap, at its ports' height and reaching above and
below it. A wire from the column on the left into another card of that column
crossed the gap through them where it rose or fell past the card (trial 71
#4, an opened MLP neuron: w1.1.2·x2[1] → n1.1.2[1] ran in at the top edge of
w1.1.3's copy, read as feeding it). The card with the copies, and the cards
beyond it in its column, move off the wire's heights.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.graph.card_sizes import NODE_H

#: Between a wire and a copy's edge (a copy's dashed border drawn over a wire touching it).
MARGIN = 8.0
#: Where a card's output port is, and its second input's, below its middle (gui/canvas/painting.py).
OUT_DY, IN2_DY = 11.0, 22.0


def clear_of_copies(
    order: list[list[str]],
    mid: dict[str, float],
    col_of: Mapping[str, int],
    pred: Mapping[str, Mapping[str, None]],
    plain: Mapping[str, bool],
    succ_of: Mapping,
    copies: Mapping[str, tuple[float, float]],
) -> None:
    """Move (``mid``, each column in ``order`` top first) the cards of
    ``copies`` (how far their copies reach above their tops and below their
    bottoms) off the heights a wire from the column before crosses to a
    neighbour of theirs, and the cards beyond them with them; ``plain``: a
    unit that is a card (else a lane, 0 high, or a block: no copies of its own)."""
    for c in range(1, len(order)):
        col = order[c]
        for _round in range(len(col)):
            if not _push_once(col, c, mid, col_of, pred, plain, succ_of, copies):
                break


def _push_once(col, c, mid, col_of, pred, plain, succ_of, copies) -> bool:
    for t in col:
        for u in pred[t]:
            if col_of.get(u) != c - 1:
                continue
            ports = [d.get("port", 0) for d in (succ_of.get(u) or {}).get(t, {}).values()] or [0]
            y_out = mid[u] + (OUT_DY if plain.get(u) else 0.0)
            ys = [y_out, *(mid[t] + (IN2_DY if p else 0.0) for p in ports)]
            lo, hi = min(ys), max(ys)
            for i, v in enumerate(col):
                if v == t or v not in copies or not plain.get(v):
                    continue
                up, down = copies[v]
                top, bottom = mid[v] - NODE_H / 2 - up, mid[v] + NODE_H / 2 + down
                if top >= hi + MARGIN or bottom <= lo - MARGIN:
                    continue
                if mid[v] > mid[t]:  # below the wire: it and the cards under it down
                    d = hi + MARGIN - top
                    for w in col[i:]:
                        mid[w] += d
                else:  # above it: it and the cards over it up
                    d = bottom - (lo - MARGIN)
                    for w in col[: i + 1]:
                        mid[w] -= d
                return True
    return False
