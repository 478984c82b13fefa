"""Cards for the nodes a file gives no position, among those it does.

``x`` and ``y`` are optional in the format, so a script that adds a node to
a laid-out file may leave them out. Laying the whole graph out again for it
moved every card the user had placed, and the next save wrote those moves
into the file (trial 66 #5). Here only the nodes without a position are
placed: each beside what it is wired to (a column left of its consumers,
else right of its inputs, level with them), moved the least way clear of
every card (``free_room.free_offset``); the nodes wired to nothing placed
(a whole new part) are laid out together as Auto Layout would, below the
graph. Nodes are placed from those next to placed ones outwards, so a chain
of new nodes grows from where it joins the graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from typing import TYPE_CHECKING

from core.graph.free_room import free_offset
from core.graph.gradient_geometry import Grid, card_box
from core.graph.layout import COLUMN, NODE_H, NODE_W, ROW, layered_positions
from core.graph.make_room import Rect, around, none_overlap

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: How far from the origin a file may put a card (scene units, either way):
#: past it (a hand-edited x = 1e300) the card is placed as one without a
#: position, and the window says so, naming it (trial 66 #8: the graph opened
#: at 0.02 % zoom with nothing visible, and the far card could not be reached).
#: Auto Layout of the biggest graphs stays well inside (Fit's least zoom,
#: 0.02 %, shows 8,000,000 across).
FARTHEST = 1e7


def far_out(model: GraphModel) -> dict[str, str]:
    """The nodes whose position is past ``FARTHEST``, each with the
    coordinate that is ("x = 1e+300"), in graph order."""
    far = {}
    for n, a in model.attr_table().items():
        for k in ("x", "y"):
            v = a.get(k)
            if isinstance(v, (int, float)) and not abs(v) <= FARTHEST:
                far[n] = f"{k} = {v:g}"
                break
    return far


#: The room kept between a placed card and the cards around it (a column's
#: cards are ``ROW`` apart: this gap between their edges).
GAP = ROW - NODE_H


def place_among_placed(model: GraphModel, missing: Collection[str]) -> None:
    """Give each node of ``missing`` a position near its wired neighbours,
    clear of every card; the other nodes keep theirs."""
    attrs = model.attr_table()
    todo = set(missing)
    pos = {n: (float(a["x"]), float(a["y"])) for n, a in attrs.items() if n not in todo}
    grid = Grid()
    for x, y in pos.values():
        grid.add(card_box(x, y), card_box(x, y))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    bounds = [min(xs), min(ys), max(xs), max(ys)]
    succ, pred = model.graph.succ, model.graph.pred

    def near(region: Rect) -> list[Rect]:
        return grid.near(region)

    def put(n: str, x: float, y: float) -> None:
        box = card_box(x, y)
        dx, dy = free_offset(box, near, GAP, (bounds[0], bounds[1], bounds[2], bounds[3]))
        x, y = x + dx, y + dy
        pos[n] = (x, y)
        grid.add(card_box(x, y), card_box(x, y))
        bounds[:] = [min(bounds[0], x), min(bounds[1], y), max(bounds[2], x), max(bounds[3], y)]

    queue = deque(n for n in attrs if n in todo and any(m in pos for m in (*succ[n], *pred[n])))
    queued = set(queue)
    while queue:
        n = queue.popleft()
        consumers = [pos[t] for t in succ[n] if t in pos]
        inputs = [pos[s] for s in pred[n] if s in pos]
        if consumers:  # (left of what it feeds, as Auto Layout puts inputs)
            put(n, min(x for x, _ in consumers) - COLUMN, sum(y for _, y in consumers) / len(consumers))
        else:
            put(n, max(x for x, _ in inputs) + COLUMN, sum(y for _, y in inputs) / len(inputs))
        todo.discard(n)
        for m in (*succ[n], *pred[n]):
            if m in todo and m not in queued:
                queued.add(m)
                queue.append(m)
    if todo:  # parts wired to nothing placed: laid out together, below the graph
        block = layered_positions(model, [n for n in attrs if n in todo])
        left = min(x for x, _ in block.values())
        top = min(y for _, y in block.values())
        dx, dy = bounds[0] - left, bounds[3] + ROW - top
        for n, (x, y) in block.items():
            pos[n] = (x + dx, y + dy)
    model.set_positions({n: pos[n] for n in missing})


def lying_on_each_other(model: GraphModel) -> tuple[str, str] | None:
    """Two nodes whose cards the file puts on one another (hand-written
    positions: trial 74 #11, a student's cards 40 px apart drawn as one
    heap, with nothing saying Layout tidies them), the first pair found, or
    None. Cards folded away into a group's card are not drawn, so not
    counted. A laid-out graph answers after one sort (``none_overlap``);
    others in a pass over cells the size of a card, stopping at the first."""
    gs = model.groups
    folded = any(gs.get(g).collapsed for g in gs.ids())
    hidden = {n for n in model.nodes() if gs.folded_into(n) is not None} if folded else set()
    cards = [
        (float(a["x"]), float(a["y"]), n)
        for n, a in model.attr_table().items()
        if n not in hidden and isinstance(a.get("x"), (int, float)) and isinstance(a.get("y"), (int, float))
    ]
    if none_overlap(((x, y) for x, y, _n in cards), NODE_W, NODE_H):
        return None
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for x, y, n in cards:
        cx, cy = int(x // NODE_W), int(y // NODE_H)
        for key in around(cx, cy):
            for x2, y2, n2 in cells.get(key, ()):
                if abs(x - x2) < NODE_W and abs(y - y2) < NODE_H:
                    return n2, n
        cells.setdefault((cx, cy), []).append((x, y, n))
    return None
