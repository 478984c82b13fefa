"""Where the scene's wires run: re-routed as cards move, are folded into a
group's card or come out of it, and a wire hidden while dragged by its loose end.

Kept apart from GraphScene (gui/canvas/scene.py) so the scene module holds
its lifetime, lookups and level of detail; these methods are one family, the
wires' routing, mixed into GraphScene (no call goes through another object).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from gui.canvas import scene_build, wire_segments
from gui.canvas.folding.fold_routes import give_up_items
from gui.canvas.scene_parts import SceneParts
from gui.canvas.wires.wire_cells import WireBox
from gui.canvas.wires.wire_item import set_ends_many

if TYPE_CHECKING:
    from collections.abc import Collection

    from gui.canvas.linked.copies import LinkedCopies
    from gui.canvas.wires.through_wires import ThroughWires


class SceneRouting(SceneParts):
    """The wires' routing, mixed into GraphScene."""

    if TYPE_CHECKING:  # GraphScene's own, used here
        through: ThroughWires
        linked: LinkedCopies

        def wires_of(self, ids: Collection[str]) -> set[tuple[str, str, int]]: ...

    def node_item_moved(self, node_id: str) -> None:
        """A node item moved (drag or model): its wires follow."""
        self.nodes_moved((node_id,))

    def _route(self, ids) -> set[tuple[str, str, int]]:
        """Re-route the wires of the nodes ``ids`` (each wire once); their keys."""
        keys = self.wires_of(ids)
        self.reroute(keys)
        return keys

    def reroute(self, keys) -> None:
        """Draw the wires ``keys`` where their ends are now (also those
        hidden in a folded group, so they are right when it opens)."""
        edges, layer = self._edges, self._layer
        self.detail.rerouted(keys)
        each = len(keys) < 100  # else one repaint of the overview, not two per wire
        for key in keys:
            e = edges.made(key)
            if e is not None:
                e.set_ends(*self.wire_ends(*key))
                layer.wire_changed(e, each)
            elif key in edges:  # no item yet: filed (and drawn far out) where it runs now
                p1, p2 = self.wire_ends(*key)
                edges.refile(key, p1.x(), p1.y(), p2.x(), p2.y())
                layer.line_moved(key, p1.x(), p1.y(), p2.x(), p2.y(), each)
        if not each:
            layer.update()

    def nodes_moved(self, ids) -> None:
        """Re-route the wires of the nodes ``ids`` (each wire once); the
        groups' frames and the far-zoom layer follow."""
        if 4 * len(ids) > len(self._nodes):  # most of the graph: one rebuild, not a repaint each
            self._layer.invalidate()
        self._route(ids)
        self.folding.nodes_moved(ids)
        nodes, layer = self._nodes, self._layer
        moved = [nodes[n] for n in ids if n in nodes]
        for it in moved:
            self._grid.put(it.node_id, it.x(), it.y())
            layer.node_changed(it)
        self.linked.cards_moved(moved)  # (the badges beside them: their room)
        if self._far:
            layer.grow(moved)

    def wire_ends(self, s: str, t: str, p: int) -> tuple[QPointF, QPointF]:
        """Where the wire s→t[p] is drawn: between the cards' ports, or at
        the port of a folded group's card."""
        ends = self.folding.wire_ends(s, t, p)
        return ends if ends is not None else (self._nodes[s].output_pos(), self._nodes[t].input_pos(p))

    def wire_segments_in(self, region: QRectF) -> list[tuple[float, float, float, float]]:
        """The drawn wires near ``region`` as straight pieces: notes keep off them (wire_segments.py)."""
        folding = self.folding
        holders = [
            self.detail.top,
            *(b for b in folding.wire_boxes() if isinstance(b, WireBox) and b.isVisible()),
        ]
        pending = [
            k
            for k in self._edges.keys_in(region)
            if k != self.hidden_wire and folding.box_shown(folding.wire_box(k))
        ]
        return wire_segments.segments_in(region, holders, pending, self.wire_ends, self.linked.is_linked)

    def boxes_changed(
        self, regrouped: bool = True, toggled: list[str] | None = None, back: bool = False
    ) -> None:
        """Groups' boxes were shown or hidden (``toggled``: those, if known),
        or (``regrouped``) cards and wires moved into other boxes: the overview
        follows (``back``: into those they were in before the last time all
        went to the top level, the undo of deleting every grouped node)."""
        if regrouped:  # (each block and line filed again under its box: not a rebuild asking each item)
            flat = not self.folding.wire_boxes()  # (no group: every card and wire at the top level)
            self._layer.rehome(*self.folding.box_lookups(), flat, back)
        elif self._far:
            self._layer.boxes_toggled(toggled)
        else:  # (near: the cards shown changed, and with them each kind's widest name)
            self.detail.folds_changed()

    def card_shown(self, node_id: str, shown: bool) -> None:
        """``node_id``'s card was folded away into a group's card (or shown
        again): the graph's bounds leave it out."""
        self._grid.bounds.set_shown(node_id, shown)

    def reroute_ends(
        self, xy: dict, items: dict, before: dict | None = None, back: bool = False
    ) -> tuple[list, list] | None:
        """Draw many wires at ends worked out already (the folding layer's
        batches: gui/canvas/folding/fold_routes.py), key -> (x1, y1, x2, y2), those
        with an item in ``items`` (key -> item; every other is pending in the
        lazy wires); far out, where every wire item is hidden, the plain ones
        are given up, and every wire without one is filed by where it runs
        when a region is next asked for and made again when it comes into
        view. ``before``, ``back``: the overview's lines set aside, put back
        (``xy`` holds them: read when filed; OverviewLayer.rerouted, whose
        answer it returns: the fold's lines Expand All took out, if unmoved)."""
        if self._far and len(self._edges) >= scene_build.LAZY_FROM:  # a big graph's need no item far out
            # (filed by where they run: gui/canvas/wires/lazy_wires.py); a small graph keeps every wire's item
            # (every wire of ``xy`` is pending but those with an item: the wires' maps are not asked again)
            had = items
            items = give_up_items(self._pool, self.folding.wire_box, self.hidden_wire, items)
            self._edges.note_moved_xy(xy, items, [k for k in had if k not in items])
        else:
            ends = (v.toTuple() if back else v for v in xy.values())
            self._edges.refile_many([(k, *v) for k, v in zip(xy, ends) if k not in items])
        set_ends_many([(k, e, *(xy[k].toTuple() if back else xy[k])) for k, e in items.items()])
        self.detail.rerouted(list(items))
        return self._layer.rerouted(xy, items, before, back)

    def wires_leaving(self, gids: list[str]) -> None:
        """The boxes of the groups ``gids`` leave the scene: the spare wire
        items kept in them (gui/canvas/wires/wire_pool.py) move out first."""
        self._pool.rescue(gids)

    def hide_wire(self, key: tuple[str, str, int] | None) -> None:
        """Hide the wire ``key`` while it is dragged by its loose end (None: show it again)."""
        old, self.hidden_wire = self.hidden_wire, key
        self.through.forget([k for k in (old, key) if k is not None])
        if old is not None and old in self._edges:
            self.detail.wire_shown(old)
            self._layer.wire_changed(self._edges[old])
        if key is not None and key in self._edges:
            self._edges[key].setVisible(False)
            self._layer.wire_gone(key)
