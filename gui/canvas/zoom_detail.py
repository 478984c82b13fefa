"""Switching between the far-zoom overview and readable zoom at the cost of
what is on screen, not of the graph.

Far out, the overview layer draws every card as a block and every wire as a
line; the cards stay (without contents: still clickable and selectable) and
the wires are hidden. Visiting every card and wire at each switch cost 0.9 s
at 50,000 nodes. Instead:

- Every wire lives in a :class:`WireBox`: one for the top level, one inside
  each group's box (gui/canvas/folding.py). The switch hides or shows those
  boxes, not each wire. A wire showing a flow is lifted out of its box (it is
  drawn above the cards, which a box under them cannot do) and switched on
  its own; there are a few.
- Near, a card draws its contents only once it has come into view: the
  switch to readable zoom gives them back to the cards in (a margin around)
  the view, found through the card grid, and the view reveals more as it
  scrolls or zooms, before it paints (``reveal``). Going far again takes the
  contents from the revealed cards only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

Key = tuple[str, str, int]
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
#: Cards revealed around the view: this fraction of its size on each side.
MARGIN = 0.5


class WireBox(QGraphicsItem):
    """Holds wires; draws nothing. Boxes stay at the origin untransformed,
    so a child's position is its scene position."""

    def __init__(self, parent: QGraphicsItem | None = None, z: float = 0.0) -> None:
        super().__init__(parent)
        self.setFlag(_NO_CONTENTS)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass


class GroupBox(QGraphicsItem):
    """Holds a group's cards, the boxes of the groups in it and (in its
    ``wires`` box) its inner wires; draws nothing (gui/canvas/folding.py).
    Boxes stay at the origin untransformed, so a child's position is its
    scene position."""

    def __init__(self, gid: str, far: bool = False) -> None:
        super().__init__()
        self.gid = gid
        self.setFlag(_NO_CONTENTS)
        self.setZValue(0.5)  # over the top-level wires, like the cards it holds
        self.wires = WireBox(self)
        self.wires.setVisible(not far)  # far out, the overview draws the wires

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass


class ZoomDetail:
    """Which boxes, lifted wires and revealed cards one scene has.

    ``scene`` offers ``node_map``, ``edge_item``, ``hidden_wire``,
    ``card_ids_near`` and ``folding.wire_boxes``."""

    def __init__(self, scene) -> None:
        self._scene = scene
        self.top = WireBox()
        scene.addItem(self.top)
        self.far = False
        self.shown: set[str] = set()  # near: the cards drawn with contents
        self._lifted: dict[Key, GroupBox | None] = {}  # lit wire -> the level it was lifted to

    # ------------------------------------------------------------ wires
    def home_wire(self, e, box: GroupBox | None) -> None:
        """Put the wire ``e`` into ``box`` (a group's box; None: the top
        level): into its wire box, or beside it while it shows a flow."""
        if e.flow is not None:
            self._lifted[e.key] = box
            e.setParentItem(box)  # None: Qt's top level
            e.setVisible(self._wire_shown(e.key))
        else:
            self._lifted.pop(e.key, None)
            e.setParentItem(self.top if box is None else box.wires)
            e.setVisible(e.key != self._scene.hidden_wire)

    def restack(self, e) -> None:
        """``e``'s flow was set or cleared: lifted over the cards, or back
        into its box."""
        lifted = e.key in self._lifted
        if (e.flow is not None) != lifted:
            box = self._lifted[e.key] if lifted else self._level_of(e)
            self.home_wire(e, box)

    def _level_of(self, e) -> GroupBox | None:
        level = e.parentItem().parentItem() if e.parentItem() is not None else None
        return level if isinstance(level, GroupBox) else None

    def forget(self, key: Key) -> None:
        """The wire ``key`` is gone."""
        self._lifted.pop(key, None)

    def _wire_shown(self, key: Key) -> bool:
        return not self.far and key != self._scene.hidden_wire

    def wire_shown(self, key: Key) -> None:
        """Show or hide ``key`` itself as it should be (its box aside)."""
        e = self._scene.edge_item(*key)
        if e is not None:
            e.setVisible(self._wire_shown(key) if key in self._lifted else key != self._scene.hidden_wire)

    # ------------------------------------------------------------ the switch
    def set_far(self, far: bool, region: QRectF | None) -> None:
        """Switch to far zoom or back; ``region``: the scene rect in view
        (None: no view), whose cards get their contents at once."""
        self.far = far
        boxes = [self.top, *self._scene.folding.wire_boxes()]
        for box in boxes:
            box.setVisible(not far)
        for key in self._lifted:
            self.wire_shown(key)
        if far:
            self.conceal(self.shown)
            self.shown = set()
        elif region is not None:
            self.reveal(region, 0)

    def reveal(self, region: QRectF, margin: float = MARGIN) -> int:
        """Near: the cards in ``region`` (and ``margin`` of its size around
        it) draw their contents; how many were newly revealed."""
        if self.far:
            return 0
        dx, dy = region.width() * margin, region.height() * margin
        area = region.adjusted(-dx, -dy, dx, dy)
        nodes, shown = self._scene.node_map(), self.shown
        new = [
            it
            for it in (nodes.get(n) for n in self._scene.card_ids_near(area) if n not in shown)
            if it is not None and it.sceneBoundingRect().intersects(area)
        ]
        for it in new:
            it.setFlag(_NO_CONTENTS, False)
            shown.add(it.node_id)
        return len(new)

    def reveal_all(self) -> set[str]:
        """Every card draws its contents (a picture of the whole graph); the
        ids that did not before, for ``conceal`` afterwards."""
        nodes = self._scene.node_map()
        new = {n for n in nodes if n not in self.shown}
        self._set_contents(nodes, new, True)
        self.shown |= new
        return new

    def conceal(self, ids: Iterable[str]) -> None:
        """The cards ``ids`` (those revealed) draw no contents again."""
        ids = list(ids)
        self._set_contents(self._scene.node_map(), ids, False)
        self.shown.difference_update(ids)

    @staticmethod
    def _set_contents(nodes: dict, ids: Iterable[str], on: bool) -> None:
        for n in ids:
            it = nodes.get(n)
            if it is not None:
                it.setFlag(_NO_CONTENTS, not on)

    def added(self, node_id: str) -> None:
        """A card was made for the zoom now (near: with contents)."""
        if not self.far:
            self.shown.add(node_id)

    def built(self, ids: Callable[[], Iterable[str]]) -> None:
        """A new document's cards were made for the zoom now."""
        self._lifted = {}
        self.shown = set() if self.far else set(ids())
