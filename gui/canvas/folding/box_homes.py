"""Which group's box holds each card and each wire on the canvas.

A card lives in the box of its innermost group and a wire in the box of the
innermost group holding both its ends (``FoldIndex`` knows which), so
folding a group hides everything in it with one call (gui/canvas/folding/group_box.py).
Kept apart from the frames and cards the folding layer draws: this changes
only when groups are made, removed or re-parented, or a node or wire comes
or goes; folding and opening leave it alone.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from PySide6.QtWidgets import QGraphicsItem

from core.graph.groups import GroupSet
from gui.canvas.folding.fold_index import FoldIndex, Key
from gui.canvas.folding.group_box import GroupBox, adopt

#: From this many cards leaving their boxes at once, they go onto shelves
#: (gui/canvas/cards/card_shelves.py ``onto_fresh``), not Qt's top level.
TO_SHELVES = 1024


def _parents(gs: GroupSet) -> dict[str, str | None]:
    """Each group -> its parent (``BoxHomes.parents`` of the boxes made for them)."""
    return {g.id: g.parent for g in gs}


class BoxHomes:
    """The boxes of one scene's groups, and the box each card is in."""

    #: Cards of a delete's nodes re-homed without being filed or drawn again (tests count them).
    went_quietly = 0

    def __init__(self, scene) -> None:
        self._scene = scene
        #: group -> its box (a box for every group, folded or not)
        self.boxes: dict[str, GroupBox] = {}
        #: node -> the group whose box holds its card (None: the top level)
        self.home: dict[str, str | None] = {}

    def box(self, gid: str | None) -> GroupBox | None:
        return self.boxes.get(gid) if gid is not None else None

    def home_wire(self, e, index: FoldIndex) -> None:
        """``e``'s item into the box of its group (indexed now if it was not)."""
        home = index.home[e.key] if e.key in index.home else index.add(e.key)
        self._scene.detail.home_wire(e, self.box(home))

    def rehome(self, gs: GroupSet, index: FoldIndex, far: bool) -> bool:
        """The groups were added, removed or re-parented: every card and wire
        into the box of its innermost group; the boxes of groups gone leave.
        True if each is back in the box it was in before the last delete of
        every node (its undo: the index's tables it set aside taken back)."""
        sc = self._scene
        sc.wires.unghost()  # (drawn by the cells of the boxes they were in: filed again when revealed)
        self.boxes_for(gs, far)
        boxes, member, nodes = self.boxes, gs.membership(), sc.node_map()
        # each card into its box in C loops, in the scene's order (as they stack), no call a card:
        # the undo of deleting every grouped node puts 50,000 back (a delete of them, out)
        old = self.home
        home = dict(zip(nodes, map(member.get, nodes))) if member else dict.fromkeys(nodes)
        moved = [n for n, now, was in zip(nodes, home.values(), map(old.get, nodes)) if now != was]
        box_of: dict[str | None, Any] = {None: None}  # (None: Qt's top level)
        box_of.update(boxes)
        cards = list(map(nodes.__getitem__, moved))
        into = list(map(box_of.__getitem__, map(home.__getitem__, moved)))
        shelved = len(sc.shelves)
        if len(moved) >= TO_SHELVES:  # many out of their boxes: onto shelves, not Qt's top level
            sc.shelves.onto_fresh(cards, into)  # (their undo takes them off in C loops: no search)
        deque(map(QGraphicsItem.setParentItem, cards, into), 0)
        if len(moved) >= TO_SHELVES:
            sc.shelves.sweep(keep=len(sc.shelves) - shelved)  # (those emptied into boxes go)
        was = index.home  # (the index files every wire in a table of its own: the old one read, not copied)
        parked = index.parked
        back = member and parked is not None and parked.holds(home, _parents(gs), sc.model.whole_batch)
        if back:
            index.take_parked()  # the very graph back, each card in its group: the tables it went with
        else:
            every = not member and sc.model.removing_every()  # (a delete of every node: its undo may)
            parents = self.parents() if every else None  # (of the boxes, the groups told gone already)
            index.rebuild(sc.wires, keep=every)
            if index.parked is not None:
                index.parked.homes, index.parked.parents = old, parents
        now = index.home.get
        # the wires with an item moved to their box (one without goes into its box when made)
        for key, e in list(sc.wires.made_map().items()):
            if was.get(key) != (inner := now(key)):
                sc.detail.home_wire(e, boxes[inner] if inner is not None else None)
        self.home = home
        self.drop_gone(gs)
        return bool(back)

    def parents(self) -> dict[str, str | None]:
        """Each box's group -> the group whose box holds it (as the groups were when made)."""
        boxes = self.boxes
        return {gid: p.gid if isinstance(p := b.parentItem(), GroupBox) else None for gid, b in boxes.items()}

    def sync(self, gs: GroupSet, far: bool) -> list[str]:
        """Groups of nothing came or went (``GroupSet.revision`` unchanged:
        a delete dropped the groups it emptied, or its undo put them back):
        their boxes made or removed, nothing re-homed. The groups gone."""
        self.boxes_for(gs, far)
        return self.drop_gone(gs)

    def boxes_for(self, gs: GroupSet, far: bool) -> None:
        """A box for each group that has none, each in its parent's box."""
        sc, boxes = self._scene, self.boxes
        for g in gs:
            if g.id not in boxes:
                # in the scene before any box is put into it: a box put into
                # one not yet in the scene would leave the scene, and adding
                # it again would make it top-level (shown with its parent folded)
                box = boxes[g.id] = GroupBox(g.id, far)
                sc.addItem(box)
        for g in gs:
            box = boxes[g.id]
            parent = boxes[g.parent] if g.parent is not None else None
            if box.parentItem() is not parent:
                adopt(box, parent)

    def drop_gone(self, gs: GroupSet) -> list[str]:
        """The boxes of groups gone leave the scene (empty by now: their
        cards re-homed or parked, their wires gone). The groups gone."""
        boxes = self.boxes
        went = [k for k in boxes if k not in gs]
        if not went:
            return went
        self._scene.wires.unghost()  # (none left in a cell of a box that goes)
        self._scene.wires_leaving(went)
        gone = [boxes.pop(gid) for gid in went]
        for box in gone:
            adopt(box, None)
        for box in gone:
            self._scene.removeItem(box)
        return went

    def regroup_many(
        self, nodes: list[str], gs: GroupSet, index: FoldIndex, far: bool
    ) -> tuple[set[str], list[Key]]:
        """:meth:`regroup` of each of ``nodes``, the boxes of groups (of
        nothing) come back made first; each card shown unless folded away,
        filed in its box's bucket of the overview. The groups they left or
        joined, and their wires, each once (to re-route in one batch)."""
        self.boxes_for(gs, far)
        sc = self._scene
        touched: set[str] = set()
        keys: dict[Key, None] = {}
        going = sc.model.removing  # (a delete's nodes, told to their groups first: their cards go next)
        for node in nodes:
            old, new, ks = self.regroup(node, gs, index)
            touched.update(g for g in (old, new) if g is not None)
            if node in going:  # out of its box (which may go), not filed nor drawn again: it goes next
                self.went_quietly += 1
                continue
            keys.update(dict.fromkeys(ks))
            if node in sc.model:
                sc.card_shown(node, gs.folded_into(node) is None)
            it = sc.node_item(node)
            if it is not None:
                sc.overview_changed(it)  # into its new box's bucket
        if going and keys:  # (a wire of a going node goes with it: not drawn again first)
            keys = {k: None for k in keys if k[0] not in going and k[1] not in going}
        return touched, list(keys)

    def regroup(self, node: str, gs: GroupSet, index: FoldIndex) -> tuple[str | None, str | None, list[Key]]:
        """``node`` went into or out of a group (deleted, or put back): its
        card and wires into their boxes now. The group it was in, the one it
        is in, and the wires to draw again: those in another box now, or all
        of them if it is folded away or was (their ends move to a card's)."""
        sc = self._scene
        old, new = self.home.get(node), gs.group_of(node)
        m = sc.model
        keys = []
        if node in m:
            keys = [(s, node, p) for p, s in enumerate(m.inputs(node)) if s is not None]
            keys += [(node, t, p) for t, p in m.consumers(node)]
        was_box, homes = self.box(old), index.home
        folded = gs.folded_into(node) is not None or (was_box is not None and not was_box.isVisible())
        made = sc.wires.made  # (a wire without an item goes into its box when made: none made here)
        sc.wires.unghost(keys)  # (nor drawn by a cell: filed again when revealed)
        moved = []
        for key in keys:
            was = homes.get(key, key)  # (the key itself: not indexed)
            index.remove(key)
            home = index.add(key)
            if home != was or folded:
                moved.append(key)
                if (e := made(key)) is not None:
                    sc.detail.home_wire(e, self.box(home))
        it = sc.node_item(node)
        if it is not None:
            adopt(it, self.box(new))
        self.home[node] = new
        return old, new, moved

    def clear(self) -> None:
        """The scene is being rebuilt (its cards and wires have left the boxes)."""
        self._scene.wires.unghost()
        for box in self.boxes.values():
            if box.parentItem() is None:
                self._scene.removeItem(box)
        self.boxes, self.home = {}, {}
