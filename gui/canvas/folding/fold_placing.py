"""Where the folding layer puts what it shows: each folded card at its
group's place with the rows it shows, each open group's frame around what
it holds, the wires to or from a card whose ports moved re-routed, and the
graph's bounds told which cards are folded away (mixed into
:class:`~gui.canvas.folding.fold_layer.FoldingLayer`).

Kept apart from the layer, which mirrors the groups (what is shown: a frame,
a card, a box) and hears what changed; this is the one family that lays out
what it shows, run after each refresh and once per event-loop turn after moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF

from gui.canvas.folding import card_rows
from gui.canvas.folding.fold_index import Key
from gui.canvas.folding.fold_routes import reroute_many
from gui.canvas.folding.group_box import (
    Bounds,
    FrameRects,
    Lead,
    add_nodes,
    bounds,
    folded_nodes,
    kids_of,
    nodes_of,
    union,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from core.graph.groups import GroupSet
    from gui.canvas.folding.far_names import FarNames
    from gui.canvas.folding.fold_index import FoldIndex
    from gui.canvas.folding.frame_layer import FrameLayer
    from gui.canvas.folding.group_card import GroupCard
    from gui.canvas.folding.group_items import GroupFrame


class FoldPlacing:
    """``_place``, ``_tell_bounds`` and ``_reroute``, mixed into FoldingLayer."""

    if TYPE_CHECKING:  # FoldingLayer's own
        _scene: Any
        _groups: GroupSet | None
        _index: FoldIndex | None
        _cards: dict[str, GroupCard]
        _frames: dict[str, GroupFrame]
        _frame_layer: FrameLayer
        _names: FarNames
        _own: dict[str, Bounds | None]
        _lead: dict[str, Lead | None]
        _told: set[str] | None
        _dirty: set[str] | None
        _pending: bool
        _rows_stale: bool
        _lit: set[str] | None
        redecorated: int
        placings: int
        routed: int

        def _measure_reach(
            self, gs: GroupSet, pos: Mapping[str, tuple[float, float]], dirty: set[str]
        ) -> None: ...

    def _tell_bounds(self, was: set[str] | None) -> None:
        """Which cards are folded away, for the graph's bounds: one set; or,
        the groups as they were and the folded cards ``was`` those told last,
        the nodes of the cards come and gone (one opened among 499 folded:
        no set of the 49,900 others made and compared); none folded now
        (Expand All): none, no node of the cards gone read."""
        gs = self._groups
        assert gs is not None
        if was is None or was != self._told or not self._cards or not all(map(gs.__contains__, was)):
            self._scene.cards_folded(folded_nodes(gs, self._cards))  # (a card's group gone: deleted whole)
        else:  # (the cards are outermost folded groups: no node in two)
            kids = kids_of(gs)
            hid, shown = set[str](), set[str]()
            for g in self._cards.keys() - was:
                add_nodes(gs, g, kids, hid)
            for g in was - self._cards.keys():
                add_nodes(gs, g, kids, shown)
            if hid and shown:  # (cards of one group both ways: a card's group gone)
                hid, shown = hid - shown, shown - hid
            self._scene.cards_folded_change(hid, shown)  # (Collapse All: the 50,000 nodes' set, not a copy)
        self._told = set(self._cards)

    def _place(self, reroute: bool = True, only: set[str] | None = None, names: bool = False) -> set[str]:
        """Cards at their groups' places, frames around what they hold; the
        wires of cards that moved or changed ports are re-routed (or, with
        ``reroute`` False, those cards' groups returned). ``only``: just what these cards show
        (a pass's gradients and highlight on them changed; nothing moved). The
        groups' names far out laid out again if a card is shown or a frame
        changed, or (``names``) frames or cards came or went."""
        gs, sc, index = self._groups, self._scene, self._index
        if gs is None or index is None:
            return set()
        m = sc.model
        own = self._own
        if only is None:
            self.placings += 1
            pos = sc.card_positions_held()  # (of the cards folded away too, their moves held)
            dirty = self._dirty if self._dirty is not None else set(gs.ids())
            self._dirty, self._pending = set(), False  # (all placed: nothing waits)
            for gid in dirty:
                if gid in gs:
                    own[gid] = bounds(pos, gs.get(gid).members)
            self._measure_reach(gs, pos, dirty)
        kids = kids_of(gs)
        spans: dict[str, Bounds | None] = {}

        def span(gid: str) -> Bounds | None:  # of every node in gid, nested ones too
            if gid not in spans:
                b = own.get(gid)
                for k in kids.get(gid, ()):
                    b = union(b, span(k))
                spans[gid] = b
            return spans[gid]

        shifted: set[str] = set()  # cards whose ports moved
        rows = self._rows_stale or only is not None
        self._rows_stale &= only is not None
        sign = card_rows.sign(sc)
        if rows and only is None and self._cards:  # the nodes used nowhere: rows of their cards too
            index.tell_ends(set() if sc.sink_watch is None else sc.sink_watch.sinks())
        for gid, card in self._cards.items():
            if only is not None and gid not in only:
                continue
            card.sign = sign
            if not rows:  # nodes moved, nothing else: each card to its place, its rows kept
                if (b := span(gid)) is not None and card.pos() != QPointF(b[0], b[1]):
                    card.setPos(b[0], b[1])
                    shifted.add(gid)
                continue
            self.redecorated += only is not None
            g = gs.get(gid)
            before = (card.pos(), card_rows.nodes(card.inputs), card_rows.nodes(card.outputs))
            ins, outs = index.ports(m, gid)
            inside = nodes_of(gs, gid, kids)
            wires_in, wires_out = (lambda g=gid, s=side: index.wires_by_node(g, s) for side in (0, 1))
            card.set_content(
                g.label, len(inside), card_rows.rows(sc, ins, wires_in), card_rows.rows(sc, outs, wires_out)
            )
            if self._lit is None:
                self._lit = card_rows.lit_nodes(sc)
            card.set_highlight(card_rows.highlight(sc, inside, self._lit))
            b = span(gid) if only is None else None
            if b is not None and card.pos() != QPointF(b[0], b[1]):
                card.setPos(b[0], b[1])
            if before != (card.pos(), card_rows.nodes(card.inputs), card_rows.nodes(card.outputs)):
                shifted.add(gid)
        if only is not None:  # the frames hold no gradients
            if reroute and shifted:
                self._reroute(index.crossing_all(shifted))
            return set()
        rect_of = FrameRects(self._cards, own, kids, self._lead).rect_of
        names = names or bool(self._cards)
        for gid, f in self._frames.items():
            r = rect_of(gid)
            if f.isVisible() == r.isNull():
                self._frame_layer.changed(f)
                f.setVisible(not r.isNull())
                names = True
            names |= f.set_frame(r, gs.get(gid).label, len(index.chain(gid)) - 1)
        if names:  # (far out: the names where the groups are now, before the next paint; else as they were:
            self._names.replan()  # every frame's outline read for nothing, at each loop turn after a move)
        if reroute and shifted:
            self._reroute(index.crossing_all(shifted))
            return set()
        return shifted

    def _card_dragging(self, gid: str) -> None:
        if self._index is not None:
            self._reroute(self._index.crossing(gid))

    def _reroute(self, keys: set[Key], was_open: bool = False) -> None:
        """Draw the wires ``keys`` where they go now (their boxes unchanged), but
        those of nodes a delete is taking out (their groups told first)."""
        gone = self._scene.model.removing
        if gone:
            keys = {k for k in keys if k[0] not in gone and k[1] not in gone}
        self.routed += len(keys)
        if (index := self._index) is None or self._groups is None:
            self._scene.reroute(keys)
        else:
            reroute_many(
                self._scene, self._groups, index.chain, self._cards, keys, index.routes, index.stamp, was_open
            )
