"""The groups on the canvas: a frame around each open group and one card for
each collapsed one, mirrored from the model's groups (core.graph.groups)
through their signals and one id→item map.

Each group's cards and inner wires are children of one container item (a
:class:`GroupBox`; which box holds what: gui/canvas/folding/box_homes.py), so
folding a group hides everything in it with one call and re-routes only the
wires crossing its boundary (``FoldIndex`` knows which): folding or opening
all the groups of a big graph costs the number of groups and boundary wires,
not the number of cards. The scene asks :meth:`FoldingLayer.wire_ends` where
each wire goes, so nothing else needs to know about folding. What a click on a
frame or card means (fold, select, move: undoable edits) is decided by whoever
listens to the layer's signals.
"""

from __future__ import annotations

from collections import deque
from contextlib import AbstractContextManager

from PySide6.QtCore import QObject, QTimer, Signal

from core.graph.groups import GroupSet
from core.graph.model import GraphModel
from gui.canvas.cards.card_shelves import on_top
from gui.canvas.folding.box_homes import BoxHomes
from gui.canvas.folding.far_names import FarNames, Region
from gui.canvas.folding.fold_index import FoldIndex, Key
from gui.canvas.folding.fold_placing import FoldPlacing
from gui.canvas.folding.fold_queries import FoldQueries
from gui.canvas.folding.fold_routes import shown_curves
from gui.canvas.folding.frame_layer import FrameLayer
from gui.canvas.folding.group_box import Bounds, Lead, kids_of
from gui.canvas.folding.group_card import GroupCard
from gui.canvas.folding.group_items import GroupFrame
from gui.document import heap


class FoldingLayer(FoldPlacing, FoldQueries, QObject):
    """The frames, cards and boxes of one scene's groups."""

    #: The user clicked a frame's ▾ or a card's ▸ (or double-clicked a card).
    toggle_requested = Signal(str)
    #: The user clicked a frame's name: select the group's nodes.
    pick_requested = Signal(str)
    #: A collapsed card was dragged by (dx, dy): move the group's nodes.
    move_requested = Signal(str, float, float)

    def __init__(self, scene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._frames: dict[str, GroupFrame] = {}
        self._parked: dict[str, GroupFrame] = {}  # of folded groups, hidden: opened again with their layout
        self._frame_layer = FrameLayer(lambda: self._frames.values())  # far out, every frame in one picture
        scene.addItem(self._frame_layer)
        self._cards: dict[str, GroupCard] = {}
        # of opened groups, out of the scene: taken back when folded again (a card is a
        # QObject, ~25 µs to make: 500 at each Collapse All, and at each undo of Expand All)
        self._spare: dict[str, GroupCard] = {}
        self._names = FarNames(self._regions, self._strip_of)  # far out, each group's name where it fits
        scene.addItem(self._names)
        self._homes = BoxHomes(scene)  # the box each card and wire is in
        self._groups: GroupSet | None = None
        self._index: FoldIndex | None = None
        self._revision = -1
        self._own: dict[str, Bounds | None] = {}  # group -> bounds of its direct members
        self._lead: dict[str, Lead | None] = {}  # and what their linked copies reach
        self._reach_dirty: set[str] = set()  # groups whose cards' copies reach elsewhere now
        self._told: set[str] | None = None  # the folded cards the graph's bounds were told of last
        self._dirty: set[str] | None = None  # groups whose members moved (None: all)
        self._rows_stale = True  # what cards show may have changed, not only where nodes are
        self._model_links: list = []
        self._pending = False
        self._far = False
        # gradients and highlights shown on cards, which the folded cards repeat
        self._decorated: set[str] | None = set()  # the nodes changed (None: any)
        self._decor_pending = False
        self._lit: set[str] | None = set()  # the nodes whose cards show a highlight (None: not known)
        #: Folded cards refreshed for what a pass shows (tests count them).
        self.redecorated = 0
        #: Wires re-routed to or from a card's ports (tests count them).
        self.routed = 0
        #: Every frame and card placed (``_place`` of all: tests count them).
        self.placings = 0

    def _card_dropped(self, gid: str, dx: float, dy: float) -> None:
        """A folded card let go after a drag: over the cards it lies on (it went
        under one made after it, as Qt stacks cards of one z: verify56), then moved."""
        card = self._cards.get(gid)
        if card is not None:
            on_top(card, self._scene.cards_meeting)
        self.move_requested.emit(gid, dx, dy)

    # ------------------------------------------------------------ model
    def attach(self, model: GraphModel) -> None:
        """Mirror ``model``'s groups (a new document)."""
        self.detach()
        self._spare = {}
        self._groups = model.groups
        self._index = FoldIndex(model.groups)
        self._revision = -1
        self._model_links = [
            (model.groups.changed, self._changed),
            (model.groups.nodes_regrouped, self._regrouped),
            # a folded card shows the values and the output crossing its boundary
            (model.values_changed, self._rows_later),
            (model.output_changed, self._rows_later),
            (model.graph_changed, self._rows_later),
        ]
        for sig, slot in self._model_links:
            sig.connect(slot)
        self.refresh()

    def detach(self) -> None:
        for sig, slot in self._model_links:
            sig.disconnect(slot)
        self._model_links = []
        self._groups = self._index = None

    @property
    def frame_layer(self) -> FrameLayer:
        """The item that draws every frame far out (one for the scene's life)."""
        return self._frame_layer

    def set_far(self, far: bool) -> None:
        """Zoomed far out (the overview draws the nodes): open groups are
        drawn as labelled regions over it."""
        self._far = far
        for f in self._frames.values():
            f.set_far(far)
        for c in self._cards.values():
            c.set_far(far)
        self._frame_layer.set_far(far)
        self._names.set_far(far)

    def zoomed(self, zoom: float) -> None:  # far out, the groups' names laid out for the scale
        self._names.zoomed(zoom)

    def names_held(self) -> AbstractContextManager[None]:
        """Far out, the groups' names laid out once, after a change and the view's move it brings."""
        return self._names.held()

    @property
    def far_names(self) -> FarNames:
        """The item that names the groups far out."""
        return self._names

    def _regions(self) -> list[Region]:
        """Every group shown, as a region to name far out (an open top-level
        group's frame names itself where its name fits in it)."""
        index = self._index
        out = [
            Region(gid, f.label, f.outline(), f.depth, f.far_name, f.strip is not None)
            for gid, f in self._frames.items()
            if f.isVisible()
        ]
        for gid, c in self._cards.items():
            depth = len(index.chain(gid)) - 1 if index is not None else 0
            out.append(Region(gid, c.label, c.sceneBoundingRect(), depth))
        return out

    def _strip_of(self, gid: str) -> float | None:
        """Gradient Flow's bar of the open group ``gid`` (a folded card is its own gauge far out)."""
        f = self._frames.get(gid)
        return f.strip[0] if f is not None and f.strip is not None else None

    def _changed(self, _gid: object = None) -> None:
        with heap.batch_heap(lambda: self.routed):  # a row and an end per boundary wire, for every group
            self.refresh()

    def geometry_later(self) -> None:
        """Cards moved or values changed: frames and folded cards follow,
        once per event-loop turn."""
        if self._frames or self._cards:
            if not self._pending:
                self._pending = True
                QTimer.singleShot(0, self, self._geometry_now)

    def _rows_later(self, *_args: object) -> None:
        """Values, the output or the wiring changed: what the folded cards'
        rows show. No frame shows any of it: with no card, nothing is placed
        (a delete's values placed every frame again, a loop turn after its own)."""
        self._rows_stale = True
        if self._cards:
            self.geometry_later()

    def _geometry_now(self) -> None:
        if not self._pending:  # settled already (an opened frame brought into view asked): done
            return
        self._pending = False
        self._place()

    def settle(self) -> None:
        """Frames and folded cards follow moves waiting for the next turn
        now (where the cards are is asked: Fit right after a fold moved them)."""
        self._geometry_now()

    def nodes_moved(self, ids) -> None:
        """Cards moved (a drag, a layout): the groups around them re-measure."""
        if self._groups is None or not self._groups:
            return
        dirty, of = self._dirty, self._groups.group_of
        if dirty is not None and 2 * len(ids) > len(self._homes.home):  # most cards: every group re-measured
            self._dirty = dirty = None  # (not a look-up per card: opening one in place moves the rest)
        if dirty is not None:
            for n in ids:
                g = of(n)
                if g is not None:
                    dirty.add(g)
        self.geometry_later()

    def cards_moved(self, gids) -> None:
        """The nodes folded away into the cards ``gids`` moved (held by the
        scene, gui/canvas/folded_moves.py): those cards re-measure."""
        if self._groups is None:
            return
        if self._dirty is not None:  # (None: every group re-measures)
            kids, stack = kids_of(self._groups), list(gids)
            while stack:  # each card's group and the groups folded inside it
                self._dirty.add(g := stack.pop())
                stack.extend(kids.get(g, ()))
        self.geometry_later()

    def decorated(self, item=None) -> None:
        """The gradient or highlight shown on the card ``item`` changed (None:
        on any card): the folded cards that show it follow, once per
        event-loop turn, and only those (a Backward step changes a few)."""
        lit = self._lit
        if item is None:
            self._lit = None
        elif lit is not None:
            if item.highlight is None:
                lit.discard(item.node_id)
            else:
                lit.add(item.node_id)
        if not self._cards:
            return
        if item is None or self._decorated is None:
            self._decorated = None
        else:
            self._decorated.add(item.node_id)
        if not self._decor_pending:
            self._decor_pending = True
            QTimer.singleShot(0, self, self._redecorate)

    def decorate_now(self) -> None:
        """The folded cards show the gradients and highlights their nodes
        were told to now, not a turn later (a picture drawn at once: the
        finished pass's kept the last step's ring on the card folding it)."""
        if self._decor_pending:
            self._redecorate()

    def _redecorate(self) -> None:
        self._decor_pending = False
        nodes, self._decorated = self._decorated, set()
        if nodes is None:
            self._place(only=set(self._cards))
            return
        m, card_of = self._scene.model, self.card_of
        gids = set()
        for n in nodes:
            g = card_of(n)
            if g is not None:  # its own card: the highlight, an output row
                gids.add(g)
            if n in m:  # the cards it feeds show it on an input row
                gids.update(c for c in (card_of(t) for t, _p in m.consumers(n)) if c is not None)
        if gids:
            self._place(only=gids)

    # ------------------------------------------------------------ wires and nodes
    def wire_added(self, e) -> None:
        """A new wire: into the box of the group holding both its ends."""
        if self._index is None or self._groups is None or self._revision != self._groups.revision:
            return  # the next refresh homes every wire
        self._homes.home_wire(e, self._index)  # a reused wire may sit in another box
        if self._cards:
            self._rows_later()  # it may cross a folded card's boundary

    def wires_deferred(self, keys: list[Key]) -> None:
        """New wires without an item yet (none folded away: ``SceneBatches._may_defer``):
        indexed now, as ``wire_added`` does a new item's (their lines are filed by their
        boxes); each item goes into its box when made (``wire_made``)."""
        if self._index is None or self._groups is None or self._revision != self._groups.revision:
            return  # the next refresh homes every wire
        if self._groups.ids():
            deque(map(self._index.add, keys), 0)

    def wire_made(self, e) -> bool:
        """A wire's item was made (it had none: gui/canvas/wires/lazy_wires.py):
        into its group's box; nothing about the groups changed. False if the
        groups changed since they were indexed (the next refresh homes every wire)."""
        if self._index is not None and self._groups is not None and self._revision == self._groups.revision:
            self._homes.home_wire(e, self._index)
            return True
        return False

    def wires_removed(self, keys: list[Key], every: bool = False) -> None:  # every: all the scene's
        self._rows_stale = True
        if self._index is not None:
            self._index.remove_many(keys, every)

    def graph_gone(self, whole: object) -> None:
        """Every node went (the scene's ``_on_nodes_removed``): what the
        fold index set aside for this delete's undo (``FoldIndex.parked``,
        kept as its groups were told) is of the model's snapshot ``whole``
        (weakly, or None), told once: the delete that set it aside."""
        parked = self._index.parked if self._index is not None else None
        if parked is not None and not parked.told:
            parked.whole, parked.told = whole, True

    def _regrouped(self, nodes: list[str]) -> None:
        """Nodes went into or out of a group (deleted, or put back)."""
        gs, sc, index = self._groups, self._scene, self._index
        if gs is None or index is None or self._revision != gs.revision:
            return  # (the groups were added or removed too: all re-homed at the refresh)
        if 4 * len(nodes) > len(self._homes.home):  # most cards: re-homed at the refresh (``changed`` next)
            self._revision = -1
            return
        sc.flush_held()  # (their wires re-routed from where the cards are)
        self._rows_stale = True
        touched, keys = self._homes.regroup_many(nodes, gs, index, self._far)
        if self._dirty is not None:
            self._dirty |= touched
        sc.reroute(keys)  # (in one batch)
        index.forget_chains(self._homes.drop_gone(gs))  # (groups emptied: their boxes last)

    # ------------------------------------------------------------ building
    def refresh(self) -> None:
        """Boxes, frames and cards from the groups now; the wires whose ends
        moved to or from a card are re-routed."""
        gs, sc = self._groups, self._scene
        if gs is None:
            return
        rehomed = gs.revision != self._revision and bool(len(gs) or self._homes.boxes)
        sc.flush_held(() if rehomed else self._still_folded(sc.held_cards()))  # what opens, where it is
        self._revision = gs.revision  # no groups before or now: nothing to re-home
        index = self._index
        assert index is not None
        # the wires drawn to the cards now (a card whose group goes leaves them drawn to it)
        was_crossing = index.crossing_all(self._cards) if rehomed else set()
        was_open = not self._cards  # (the wires run between their cards' ports: kept across the fold)
        if rehomed:
            self._rehome()
        else:  # (groups of nothing may have come or gone)
            index.forget_chains(self._homes.sync(gs, self._far))
        folded = {g.id for g in gs if g.collapsed}
        # in the groups' order, not a set's (string hashing): frames opened together stack the same every run
        shown: dict[str, None] = {}
        opened: dict[str, None] = {}
        held = set()  # the groups holding a node (one whose nodes were all deleted draws nothing)
        for g in gs:
            if g.members and g.id not in held:
                held.update(index.chain(g.id))
        for g in gs:  # a card when folded in no folded group, a frame when nothing around it is folded
            out = index.chain(g.id)[1:]
            if g.id in held and folded.isdisjoint(out):
                (shown if g.id in folded else opened)[g.id] = None
        was_cards = set(self._cards)
        toggled = set(shown) ^ was_cards
        for gid in [k for k in self._frames if k not in opened]:
            self._frame_layer.left(f := self._frames.pop(gid))
            f.setVisible(False)
            self._parked[gid] = f
        for gid in [k for k in self._parked if k not in gs]:
            sc.removeItem(self._parked.pop(gid))
        for gid in [k for k in self._spare if k not in gs]:
            del self._spare[gid]
        for gid in [k for k in self._cards if k not in shown]:
            self._put_aside(gid)
        for gid in opened:
            if gid not in self._frames:
                if gid in self._parked:  # kept hidden while folded: as if made anew (on top), its layout kept
                    f = self._parked.pop(gid)
                    f.setVisible(True)
                    f.set_strip(None)
                else:
                    f = GroupFrame(gid, self.toggle_requested.emit, self.pick_requested.emit)
                    sc.addItem(f)
                f.set_far(self._far)
                self._frames[gid] = f
                self._frame_layer.joined(f)
        for gid in shown:
            if gid not in self._cards:
                c = self._spare.pop(gid, None)
                if c is None:
                    c = GroupCard(gid, self.toggle_requested.emit, self._card_dropped, self._card_dragging)
                c.set_far(self._far)
                self._cards[gid] = c
                sc.addItem(c)  # (a card taken back: added last, on top, as a new one)
        boxes = self._homes.boxes
        was = {gid: b.isVisible() for gid, b in boxes.items()}  # (inside a folded one: hidden too)
        for g in gs:
            boxes[g.id].setVisible(not g.collapsed)
        # the boxes shown or hidden now: the overview repaints where their blocks and lines are
        toggled_boxes = [gid for gid, b in boxes.items() if b.isVisible() != was.get(gid, True)]
        self._tell_bounds(None if rehomed else was_cards)
        if rehomed:  # a group around hidden wires went (every wire was indexed anew anyway)
            for e in sc.wires.made_items():
                e.refresh_curve()
        else:
            self._curves_for(toggled - shown.keys())
        self._rows_stale = True
        # (their wires read once; the names laid out: frames and cards came or went)
        moved = self._place(reroute=False, names=True).union(shown if rehomed else toggled)
        # in the groups' order, not the set's (which follows the cards that moved: none when
        # taken back): the same groups folded again read their wires in the same order, so the
        # overview's lines looked up for the last batch are reused (OverviewLayer.rerouted)
        ordered = [g for g in gs.ids() if g in moved]
        self._reroute(index.crossing_all(ordered, was_crossing), was_open)
        sc.boxes_changed(regrouped=False, toggled=toggled_boxes)

    def _put_aside(self, gid: str) -> None:
        """The card of ``gid`` leaves the scene, kept while its group lives
        as a new one is (no strip, not selected; ``_place`` puts it in place)."""
        c = self._cards.pop(gid)
        if c.isSelected():
            c.setSelected(False)
        self._scene.removeItem(c)
        if self._groups is not None and gid in self._groups:
            if c.strip is not None:
                c.set_strip(None)
            self._spare[gid] = c

    def _curves_for(self, opened: set[str]) -> None:
        """The wires shown by opening ``opened`` make the curves they skipped while hidden."""
        if opened and self._groups is not None and self._index is not None:
            shown_curves(self._scene, self._groups, self._index.inner, opened)

    def _rehome(self) -> None:
        """The groups were added, removed or re-parented: every card and wire
        into the box of its innermost group."""
        gs, index = self._groups, self._index
        assert gs is not None and index is not None
        self._revision = gs.revision
        parked = index.parked  # (what a delete of every node set aside: taken back by its undo)
        measured = self._dirty is not None and not self._dirty and not self._pending  # (none waits)
        back = self._homes.rehome(gs, index, self._far)
        if index.parked is not None:
            index.parked.measured = measured
        # the very graph back, each card where and in the group it was: the bounds of each group's
        # cards measured before the delete hold (a pass over 50,000 positions), else all measured
        kept = back and parked is not None and parked.measured and all(map(self._own.__contains__, gs.ids()))
        self._dirty = set() if kept else None
        self._scene.boxes_changed(back=back)  # (back: the overview may take its filing by box back)

    def clear(self) -> None:
        """The scene is being rebuilt: every item goes (the cards and wires
        have left the boxes by now)."""
        for f in self._frames.values():
            self._frame_layer.left(f)
        for item in [*self._frames.values(), *self._parked.values(), *self._cards.values()]:
            self._scene.removeItem(item)
        self._parked, self._spare = {}, {}
        self._homes.clear()
        self._frames, self._cards, self._own = {}, {}, {}
        self._told = None
        self._dirty = None
        self._revision = -1
        self._lit = set()
        self._names.replan()
