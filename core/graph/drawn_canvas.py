"""The canvas as it is drawn where groups are folded: the cards a new card
and its wires must keep clear of, and where a wire from a node starts.

A node folded away with its group has a position (where its card is once
the group opens), but nothing is drawn there: the group's card stands for
it, top-left at its nodes' least x and y, and a wire from it leaves that
card's row for it (gui/canvas/folding/fold_placing.py, group_card.py). The
f(x) bar placed ``half = loss / 2`` on the lecture's MLP (loss inside the
folded group "loss") by loss's hidden position: its wire, drawn from the
"loss" card far left of it, ran under the new ``2`` card and out at its
port, read as ``half = 2 / 2``; the Code panel put ``w1_1_1**2`` one column
right of w1.1.1's hidden card, its wire to ``reg`` under another new card
(trial 68). Here each card drawn (a node's, or a folded group's with its
rows), keyed by node or group id, and the wires drawn between them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.graph.gradient_geometry import PORT_DY, W2, Box, Wire, card_box, wire
from core.graph.group_card_geometry import (
    FRAME_PAD,
    FRAME_TITLE,
    GROUP_ROW_H,
    GROUP_W,
    group_card_h,
    group_row_y,
)
from core.graph.groups import MAX_PORT_ROWS, boundary, outputs_in_order

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: A folded card's first row's middle below its top.
FIRST_ROW = group_row_y(0)
#: Room a new card keeps out of around an open group's cards: the frame as drawn, 10 more
#: at the sides and below, and its name tab above them (was 30 above: a card could cover the tab's foot).
FRAME_ROOM, FRAME_HEAD = FRAME_PAD + 10.0, FRAME_PAD + FRAME_TITLE

Pos = tuple[float, float]


class DrawnCanvas:
    """The cards of ``model`` as drawn, its folded groups as their cards;
    ``new_edges``: wires about to be added (source, target, port), whose
    sources in a folded group become rows of its card."""

    def __init__(self, model: GraphModel, new_edges: Iterable[tuple[str, str, int]] = ()) -> None:
        self.model = model
        gs = model.groups
        #: each group's groups directly inside it, read once (GroupSet.children scans every group:
        #: asked per group, an add beside 6,000 groups took 1.8 s)
        self._kids: dict[str | None, list[str]] = {}
        for g in gs:
            self._kids.setdefault(g.parent, []).append(g.id)
        #: node folded away -> the group whose card is drawn for it
        self.home: dict[str, str] = {}
        if len(gs):
            for g in gs:
                if gs.shown_as_card(g.id):
                    self.home.update(dict.fromkeys(self._nodes_in(g.id), g.id))
        pos = {n: model.position(n) for n in model.nodes()}
        self.pos = pos
        #: each card drawn: a node's (by its id) or a folded group's (by the group's)
        self.boxes: dict[str, Box] = {n: card_box(*p) for n, p in pos.items() if n not in self.home}
        self._out: dict[str, Pos] = {}  # a folded node -> its output row's port
        self._in: dict[tuple[str, str], Pos] = {}  # (group, outside source) -> its input row's port
        members: dict[str, set[str]] = {}
        for n, gid in self.home.items():
            members.setdefault(gid, set()).add(n)
        leaving = {s for s, _t, _p in new_edges if s in self.home}
        for gid, nodes in members.items():
            self._card(gid, nodes, leaving & nodes)
        self.frames = self._frames()
        self._members: dict[str, list[str]] | None = None

    def _card(self, gid: str, nodes: set[str], leaving: set[str]) -> None:
        """The folded card of ``nodes``: its box and the ports of its rows
        (as core.graph.groups.boundary orders them; a summary row past
        ``MAX_PORT_ROWS``)."""
        m, pos = self.model, self.pos
        x0 = min(pos[n][0] for n in nodes)
        y0 = min(pos[n][1] for n in nodes)
        rows_in, outs = boundary(m, nodes)  # (and the nodes new wires will leave from, rows too)
        rows_out = outputs_in_order(m, dict.fromkeys([*outs, *sorted(leaving)]), lambda n: (pos[n][1], n))
        rows = max(1, *(k if k <= MAX_PORT_ROWS else 1 for k in (len(rows_in), len(rows_out))))
        self.boxes[gid] = (x0, y0, x0 + GROUP_W, y0 + group_card_h(rows))
        for i, n in enumerate(rows_out):
            k = i if len(rows_out) <= MAX_PORT_ROWS else 0
            self._out[n] = (x0 + GROUP_W, y0 + FIRST_ROW + k * GROUP_ROW_H)
        for i, s in enumerate(rows_in):
            k = i if len(rows_in) <= MAX_PORT_ROWS else 0
            self._in[(gid, s)] = (x0, y0 + FIRST_ROW + k * GROUP_ROW_H)

    def _frames(self) -> list[Box]:
        """The frames of the open groups not folded away (a new card is not put in one)."""
        gs, out = self.model.groups, []
        for g in gs:
            if g.collapsed or any(gs.get(a).collapsed for a in gs.ancestors(g.id)):
                continue
            boxes = [self.boxes[n] for n in self._nodes_in(g.id) if n in self.boxes]
            boxes += [self.boxes[k] for k in self._kids.get(g.id, ()) if k in self.boxes]
            if boxes:
                out.append(
                    (
                        min(b[0] for b in boxes) - FRAME_ROOM,
                        min(b[1] for b in boxes) - FRAME_HEAD,
                        max(b[2] for b in boxes) + FRAME_ROOM,
                        max(b[3] for b in boxes) + FRAME_ROOM,
                    )
                )
        return out

    def _nodes_in(self, gid: str) -> set[str]:
        """Every node in ``gid`` or in a group nested in it (GroupSet.nodes_in, its children indexed)."""
        gs, out, stack = self.model.groups, set(), [gid]
        while stack:
            g = stack.pop()
            out |= gs.get(g).members
            stack.extend(self._kids.get(g, ()))
        return out

    def card_of(self, n: str) -> str:
        """The key of the card drawn for node ``n`` (its own, or its folded group's)."""
        return self.home.get(n, n)

    def source(self, n: str) -> Pos:
        """Where a card would be whose output port is where a wire from
        ``n`` leaves (its own card's centre; for a node folded away, the
        centre a card at its row would have), as ``gradient_geometry.wire`` takes it."""
        if n not in self.home:
            return self.pos[n]
        x, y = self._out.get(n) or self._first_out(n)
        return x - W2, y - PORT_DY

    def _first_out(self, n: str) -> Pos:
        b = self.boxes[self.home[n]]
        return b[2], b[1] + FIRST_ROW

    def centre(self, key: str) -> Pos:
        b = self.boxes[key]
        return (b[0] + b[2]) / 2, (b[1] + b[3]) / 2

    def linked(self, s: str, t: str) -> bool:
        """Whether the wire s → t is drawn as a linked copy beside t, not a
        wire (gui/canvas/linked/rule.py: a leaf used more than once, into a
        shown card in another group than the leaf's)."""
        m = self.model
        if t in self.home or m.op(s) != "leaf" or len(m.consumers(s)) < 2:
            return False
        return m.groups.group_of(s) != m.groups.group_of(t)

    def wire(self, s: str, t: str, p: int) -> Wire | None:
        """The wire s → t's port ``p`` as drawn; None where none is (inside
        one folded card, or a linked copy)."""
        ks, kt = self.card_of(s), self.card_of(t)
        if ks == kt or self.linked(s, t):
            return None
        m = self.model
        a = len(m.inputs(t))
        w = wire(self.source(s), self.pos[t] if kt == t else (0.0, 0.0), p, a)
        if kt != t:
            x, y = self._in.get((kt, s)) or (self.boxes[kt][0], self.boxes[kt][1] + FIRST_ROW)
            w = (w[0], w[1], x, y)
        return w

    def wires_of(self, key: str) -> list[tuple[Wire, tuple[str, str]]]:
        """The wires drawn into and out of the card ``key``, each with the
        keys of the cards it joins."""
        m = self.model
        nodes = [key] if key in self.pos and key not in self.home else self._nodes_of(key)
        out = []
        for n in nodes:
            ends = [(s, n, p) for p, s in enumerate(m.inputs(n)) if s is not None]
            ends += [(n, t, p) for t, p in m.consumers(n)]
            for s, t, p in ends:
                w = self.wire(s, t, p)
                if w is not None:
                    out.append((w, (self.card_of(s), self.card_of(t))))
        return out

    def _nodes_of(self, gid: str) -> list[str]:
        if self._members is None:
            self._members = {}
            for n, g in self.home.items():
                self._members.setdefault(g, []).append(n)
        return self._members.get(gid, [])
