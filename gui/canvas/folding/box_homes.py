"""Which group's box holds each card and each wire on the canvas.

A card lives in the box of its innermost group and a wire in the box of the
innermost group holding both its ends (``FoldIndex`` knows which), so
folding a group hides everything in it with one call (gui/canvas/folding/group_box.py).
Kept apart from the frames and cards the folding layer draws: this changes
only when groups are made, removed or re-parented, or a node or wire comes
or goes; folding and opening leave it alone.
"""

from __future__ import annotations

from core.graph.groups import GroupSet
from gui.canvas.folding.fold_index import FoldIndex, Key
from gui.canvas.folding.group_box import GroupBox, adopt


class BoxHomes:
    """The boxes of one scene's groups, and the box each card is in."""

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

    def rehome(self, gs: GroupSet, index: FoldIndex, far: bool) -> None:
        """The groups were added, removed or re-parented: every card and wire
        into the box of its innermost group; the boxes of groups gone leave."""
        sc = self._scene
        for g in gs:
            if g.id not in self.boxes:
                # in the scene before any box is put into it: a box put into
                # one not yet in the scene would leave the scene, and adding
                # it again would make it top-level (shown with its parent folded)
                box = self.boxes[g.id] = GroupBox(g.id, far)
                sc.addItem(box)
        boxes = self.boxes
        for g in gs:
            box = boxes[g.id]
            parent = boxes[g.parent] if g.parent is not None else None
            if box.parentItem() is not parent:
                adopt(box, parent)
        old, home = self.home, {}
        for n, it in sc.node_map().items():
            inner = home[n] = gs.group_of(n)
            if old.get(n) != inner:
                adopt(it, boxes[inner] if inner is not None else None)
        was = dict(index.home)
        made = sc.wires.made  # a wire without an item goes into its box when made
        index.rebuild(sc.wires)
        for key, inner in index.home.items():
            if was.get(key) != inner and (e := made(key)) is not None:
                sc.detail.home_wire(e, boxes[inner] if inner is not None else None)
        self.home = home
        sc.wires_leaving([k for k in boxes if k not in gs])
        gone = [boxes.pop(gid) for gid in [k for k in boxes if k not in gs]]
        for box in gone:  # empty by now
            adopt(box, None)
        for box in gone:
            sc.removeItem(box)

    def regroup(self, node: str, gs: GroupSet, index: FoldIndex) -> tuple[str | None, str | None, list[Key]]:
        """``node`` went into or out of a group (deleted, or put back): its
        card and wires into their boxes now. The group it was in, the one it
        is in, and its wires."""
        sc = self._scene
        old, new = self.home.get(node), gs.group_of(node)
        m = sc.model
        keys = []
        if node in m:
            keys = [(s, node, p) for p, s in enumerate(m.inputs(node)) if s is not None]
            keys += [(node, t, p) for t, p in m.consumers(node)]
        for key in keys:
            index.remove(key)
            e = sc.edge_item(*key)
            if e is not None:
                sc.detail.home_wire(e, self.box(index.add(key)))
        it = sc.node_item(node)
        if it is not None:
            adopt(it, self.box(new))
        self.home[node] = new
        return old, new, keys

    def clear(self) -> None:
        """The scene is being rebuilt (its cards and wires have left the boxes)."""
        for box in self.boxes.values():
            if box.parentItem() is None:
                self._scene.removeItem(box)
        self.boxes, self.home = {}, {}
