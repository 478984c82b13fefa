"""Room for a folded group to open in place.

An open group takes more space than its card, and may land on its
neighbours. When it does, space is inserted around it the way a spreadsheet
inserts rows and columns: everything right of the card moves right, below
it moves down, above it up and left of it left, each just enough to clear
the open group. Each axis moves by a non-decreasing function of position,
so nothing that was apart comes closer and nothing new overlaps; what is
drawn as one (a folded card, a node) moves as one. When the group opens
onto free space, nothing moves.
"""

from __future__ import annotations

from typing import Any

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Moves = dict[str, tuple[tuple[float, float], tuple[float, float]]]
#: From this many units, the nodes' positions are read from the graph's attributes directly.
_MANY = 1000


def make_room(
    opened: Rect, card: Rect, units: list[tuple[Rect, list[str]]], model: Any, gap: float = 24.0
) -> Moves:
    """Moves {node: (old, new)} clearing ``opened`` (the open group's frame,
    which was drawn as ``card``) of every unit (what is drawn as one: its
    rect and its nodes) it overlaps."""
    ol, ot, o_r, ob = opened
    cl, ct, cr, cb = card
    need = {"right": 0.0, "down": 0.0, "up": 0.0, "left": 0.0}
    sides = []
    for (ul, ut, ur, ub), _nodes in units:
        mx, my = (ul + ur) / 2, (ut + ub) / 2
        side = (
            "right" if mx > cr else "left" if mx < cl else None,
            "down" if my > cb else "up" if my < ct else None,
        )
        sides.append(side)
        if ul >= o_r or ur <= ol or ut >= ob or ub <= ot:
            continue  # clear of the open group
        h, v = side
        if h == "right":
            need["right"] = max(need["right"], o_r + gap - ul)
        elif h == "left":
            need["left"] = max(need["left"], ur - (ol - gap))
        if v == "down":
            need["down"] = max(need["down"], ob + gap - ut)
        elif v == "up":
            need["up"] = max(need["up"], ub - (ot - gap))
    shift = {"right": (need["right"], 0.0), "left": (-need["left"], 0.0)}
    shift |= {"down": (0.0, need["down"]), "up": (0.0, -need["up"])}
    moves: Moves = {}
    # most of a big graph may move: the nodes' attributes from one pass, not a checked lookup each
    attrs = dict(model.graph.nodes(data=True)) if len(units) > _MANY else None
    for (_rect, nodes), (h, v) in zip(units, sides):
        dx = shift[h][0] if h else 0.0
        dy = shift[v][1] if v else 0.0
        if dx or dy:
            for n in nodes:
                if attrs is None:
                    x, y = model.position(n)
                else:
                    a = attrs[n]
                    x, y = float(a.get("x", 0.0)), float(a.get("y", 0.0))  # as model.position reads them
                moves[n] = ((x, y), (x + dx, y + dy))
    return moves
