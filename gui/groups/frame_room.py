"""The cards a new group's frame takes in that are not its own, moved out
(core/graph/clear_frame.py): a frame around ``a``, ``b`` and ``e`` took the
blog's ``c`` in too, which read as grouped and was covered when it folded."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QRectF

from core.graph.clear_frame import clear_frame
from core.graph.gradient_geometry import Box, card_box, copy_box, wire, wire_meets
from core.graph.groups import GroupSet
from core.graph.make_room import Moves, Rect
from core.learn.roles import names
from gui.groups.copy_room import copied, copies_room

#: The space kept between the frame and what it moved out (as making room keeps).
GAP = 24.0


def frame_room(sc: Any, groups: GroupSet, gid: str) -> Moves:
    """Moves taking the cards of nodes in no group that lie in ``gid``'s
    frame out of it, and another group whose middle it takes in, as one
    (pushing what is in their way: a card, or another group's frame or
    folded card, as one); none when it takes none in, or it is inside
    another group."""
    sc.folding.settle()  # (its frame around its members now)
    frame = sc.folding.frame(gid)
    if frame is None or not frame.isVisible():
        return {}
    parent = groups.get(gid).parent
    if parent is not None:  # inside a group: what it would push lies in and out of the parent's frame,
        return {}  # which would grow over cards not its own (a review): left as it is, for Layout
    out = _corners(frame.outline())
    of = groups.membership()
    units: list[tuple[Rect, list[str]]] = [(r, [n]) for n, r in sc.card_rects().items() if of.get(n) is None]
    # the nodes' cards are taken out, and another group whose middle the frame takes in (grouping
    # "sample 1" round "sample 2", a review: one frame drawn inside the other, read as nested);
    # another group is pushed only if in their way (sibling frames may overlap at their edges)
    taken: list[tuple[Rect, list[str]]] = []
    pushed: list[tuple[Rect, list[str]]] = []
    for g in groups.children(None):
        folded = groups.get(g).collapsed
        item = None if g == gid else sc.folding.card(g) if folded else sc.folding.frame(g)
        if item is not None and item.isVisible():
            r = _corners(item.sceneBoundingRect() if folded else item.outline())
            cx, cy = (r[0] + r[2]) / 2, (r[1] + r[3]) / 2
            inside = out[0] < cx < out[2] and out[1] < cy < out[3]
            (taken if inside else pushed).append((r, sorted(groups.nodes_in(g))))
    units += taken
    takes = len(units)
    if not any(
        r[0] < out[2] and r[2] > out[0] and r[1] < out[3] and r[3] > out[1] for r, _n in units[:takes]
    ):
        return {}  # the usual case: no card in its frame but its own
    avoid = _wires_under(sc, groups.nodes_in(gid), units)
    return clear_frame(out, units + pushed, sc.model, GAP, takes=takes, avoid=avoid)


def _wires_under(sc: Any, members: Collection[str], units: list[tuple[Rect, list[str]]]) -> Callable:
    """``clear_frame``'s ``avoid``: whether a card moved out by (dx, dy)
    would send a wire to or from the group under a card (the group's, or
    another where the units are now) or under a linked copy beside the
    group's cards (Ctrl+G on f = x*y + x**2: y went below the frame, and its
    wire up to x*y ran through the copy of x beside x**2)."""
    m, rule = sc.model, sc.linked.rule if sc.linked.on else None
    boxes: list[tuple[str, Box, bool]] = []  # (the card's node, a box, a card?)
    for c in members:
        x, y = m.position(c)
        boxes.append((c, card_box(x, y), True))
        arity = len(m.inputs(c))
        for p, _s in rule.linked_inputs(c) if rule is not None else ():
            boxes.append((c, copy_box(x, y, p, arity), False))

    def avoid(i: int, dx: float, dy: float, rects: list[list[float]]) -> bool:
        nodes = units[i][1] if i < len(units) else []
        if len(nodes) != 1 or not boxes:
            return False
        n = nodes[0]
        x, y = m.position(n)
        at = (x + dx, y + dy)
        wires = [
            (t, wire(at, m.position(t), p, len(m.inputs(t))))
            for t, p in m.consumers(n)
            if t in members and (rule is None or not rule.is_linked((n, t, p)))
        ]
        wires += [
            (s, wire(m.position(s), at, p, len(m.inputs(n))))
            for p, s in enumerate(m.inputs(n))
            if s in members
        ]
        others = [("", (r[0], r[1], r[2], r[3]), True) for j, r in enumerate(rects) if j != i]
        return any(
            wire_meets(w, box, chord=card)
            for end, w in wires
            for c, box, card in boxes + others
            if not (card and c == end)
        )

    return avoid


class FrameRoom:
    """Moves what a new group's frame took in out of it, then the columns
    its new linked copies would cover a card in (gui/groups/copy_room.py),
    through ``editor`` (inside the group's own undo entry), and says how
    many it moved."""

    def __init__(self, scene: Any, editor: Any) -> None:
        self._scene, self._editor = scene, editor
        self.said = ""

    def clear(self, gid: str) -> None:
        moves = frame_room(self._scene, self._scene.model.groups, gid)
        if moves and self._editor.move_nodes(moves):
            k = len(moves)
            self.said = f"; {k} other node{'s' * (k != 1)} moved out of its frame"
        moves = copies_room(self._scene, gid)
        if moves and self._editor.move_nodes(moves):
            k = len(moves)
            self.said += f"; {k} node{'s' * (k != 1)} moved right to make room for the linked copies"
        shared = copied(self._scene, gid)
        if shared:
            verb = "is" if len(shared) == 1 else "are"
            said = names(self._scene.model, shared, shown=4)  # ("a, b, c, d and 2 more")
            self.said += f"; {said} {verb} drawn as linked copies (View › Linked Copies: wires instead)"


def _corners(r: QRectF) -> Rect:
    return r.left(), r.top(), r.right(), r.bottom()
