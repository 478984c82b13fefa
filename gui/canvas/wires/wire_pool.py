"""Wire items kept for reuse, so that a wire edit adds no item to Qt's scene.

QGraphicsScene keeps its top-level items in one list, sorted by stacking
order for painting. Adding an item after a paint sorts that list back into
insertion order, and the next paint sorts it by stacking order again: two
sorts of every card and wire (40 ms + 50 ms at 20,000 nodes, growing with
the graph) for one wire connected, undone or redone. So the scene hides the
item of a removed wire and keeps it here, and a new wire takes one: hiding
and showing sort nothing. When none is left, a new one is made with a few
spares (one sort, paid once per ``FILL`` wires). The wires, spares too,
are children of the top level's wire box (gui/canvas/zoom_detail.py), whose
list of children sorts the same way.
"""

from __future__ import annotations

from gui.canvas.wires.wire_cells import holder
from gui.canvas.wires.wire_item import EdgeItem

#: How many spare wire items are made at once.
FILL = 64
#: The key a spare item has (no wire has it: an id is never empty).
SPARE = ("", "", 0)


class WirePool:
    """Hidden wire items of ``scene`` (a GraphScene), ready to stand for a new wire."""

    def __init__(self, scene) -> None:
        self._scene = scene
        self._spare: list[EdgeItem] = []
        self._boxed: dict[str, list[EdgeItem]] = {}  # group -> spares retired in its box

    def __len__(self) -> int:
        return len(self._spare)

    def take(self, source: str, target: str, port: int) -> EdgeItem:
        """An item for the wire source -> target[port], in the scene and
        shown, as a new one would be (the caller sets its ends)."""
        if not self._spare:
            self.fill()
        e = self.take_hidden(source, target, port)
        e.setVisible(True)
        return e

    def take_hidden(self, source: str, target: str, port: int) -> EdgeItem:
        """:meth:`take` without showing it (a batch shows each wire once)."""
        if not self._spare:
            self.fill()
        e = self.take_spare(source, target, port)
        assert e is not None  # (filled above)
        home = self._scene.detail.top
        if self._boxed and holder(e) is not home:  # retired in a group's box: as any spare
            e.setParentItem(home)
        return e

    def take_spare(self, source: str, target: str, port: int) -> EdgeItem | None:
        """A spare standing for the wire source -> target[port], hidden,
        wherever it was kept (the caller homes and shows it), or None if
        there is none: the items of a graph deleted far out stand for it
        again when its undo is seen (it made as many new ones)."""
        if not self._spare:
            return None
        e = self._spare.pop()
        e.rebind(source, target, port)
        return e

    def give(self, e: EdgeItem) -> None:
        """The wire of ``e`` is gone: hide ``e`` and keep it."""
        if e.isSelected():
            e.setSelected(False)
        if e.flow is not None:
            e.set_flow(None)
        e.setVisible(False)
        home = self._scene.detail.top
        if e.parentItem() is not home:  # out of a group's box, which may go
            e.setParentItem(home)
        e.source, e.target, e.port = SPARE
        self._spare.append(e)

    def retire(self, e: EdgeItem, box: str | None) -> None:
        """``e``'s wire is filed without an item now (gui/canvas/wires/lazy_wires.py;
        it is hidden and plain, in ``box``'s wires, hidden far out): hide it
        and keep it where it is (a group's box that goes gives its spares
        back first: ``rescue``)."""
        e.setVisible(False)
        e.source, e.target, e.port = SPARE
        self._spare.append(e)
        if box is not None:
            self._boxed.setdefault(box, []).append(e)

    def rescue(self, gids) -> None:
        """The boxes of the groups ``gids`` are about to leave the scene: the
        spares retired into them move to the top level's wire box."""
        home = self._scene.detail.top
        for gid in gids:
            for e in self._boxed.pop(gid, ()):
                if e.source == SPARE[0] and holder(e) is not home:  # still a spare, still there
                    e.setParentItem(home)

    def fill(self, n: int = FILL) -> None:
        """Make ``n`` spares (hidden)."""
        sc = self._scene
        for _ in range(n):
            e = EdgeItem(*SPARE)
            e.setVisible(False)
            e.setParentItem(sc.detail.top)  # the top level's wire box (so into the scene)
            self._spare.append(e)

    def clear(self) -> None:
        """Take the spares out of the scene (a new graph is shown)."""
        for e in self._spare:
            self._scene.removeItem(e)
        self._spare, self._boxed = [], {}
