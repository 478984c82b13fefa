"""Switching between the far-zoom overview and readable zoom at the cost of
what is on screen, not of the graph.

Far out, the overview layer draws every card as a block and every wire as a
line; the cards stay (without contents: still clickable and selectable) and
the wires are hidden. Visiting every card and wire at each switch cost 0.9 s
at 50,000 nodes. Instead:

- Every wire lives in a ``WireBox``: one for the top level, one inside
  each group's box (gui/canvas/folding/group_box.py). The switch hides or shows those
  boxes, not each wire. A wire showing a flow is lifted out of its box (it is
  drawn above the cards, which a box under them cannot do: a top-level one
  into ``LiftedWires``, over the cards) and switched on its own; there are a few.
- Near, a card draws its contents only once it has come into view: the
  switch to readable zoom gives them back to the cards in (a margin around)
  the view, found through the card grid, and the view reveals more as it
  scrolls or zooms, before it paints (``reveal``). Going far again takes the
  contents from the revealed cards only.
- A graph opened far out has no wire items yet (gui/canvas/wires/lazy_wires.py):
  ``reveal`` makes those of the wires that may cross the region, so a wire
  has its item before it can be seen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.cards.card_kinds import KindNames
from gui.canvas.cards.note_layout import place_notes
from gui.canvas.folding.group_box import GroupBox, WireBox
from gui.canvas.wires import cell_ink, wire_paint, wire_reach
from gui.canvas.wires.wire_cells import holder

Key = tuple[str, str, int]
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
#: Cards revealed around the view: this fraction of its size on each side.
MARGIN = 0.5


class LiftedWires(QGraphicsItem):
    """Holds the top level's wires that show a flow, over the cards; draws nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(_NO_CONTENTS)
        self.setZValue(2.0)  # as a lit wire's own: over the cards

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter, option, widget=None) -> None:
        pass


class ZoomDetail:
    """Which boxes, lifted wires and revealed cards one scene has.

    ``scene`` offers ``node_map``, ``edge_item``, ``edge_map``, ``wires``,
    ``hidden_wire``, ``card_ids_near`` and ``folding.wire_boxes``."""

    def __init__(self, scene) -> None:
        self._scene = scene
        self.top = WireBox()
        scene.addItem(self.top)
        # the top level's lit wires, over the cards: in an item of their own,
        # not Qt's top level, whose list (every card) each move in or out re-sorts
        self.over = LiftedWires()
        scene.addItem(self.over)
        self.far = False
        self.shown: set[str] = set()  # near: the cards drawn with contents
        self.kinds = KindNames()  # the widest name of each kind among them (cards/card_kinds.py)
        self.area: QRectF | None = None  # the region last revealed (its margin included)
        self._lifted: dict[Key, GroupBox | None] = {}  # lit wire -> the level it was lifted to
        self._stale: set[Key] = set()  # far: wires re-routed, whose curves wait (EdgeItem.refresh_curve)
        self._stale_sets: dict[int, Collection[Key]] = {}  # far: whole sets of such wires (by id), not copied

    # ------------------------------------------------------------ wires
    def home_wire(self, e, box: GroupBox | None) -> None:
        """Put the wire ``e`` into ``box`` (a group's box; None: the top
        level): into its wire box, or beside it while it shows a flow."""
        if e.flow is not None:
            self._lifted[e.key] = box
            e.setParentItem(self.over if box is None else box)
            e.setVisible(self._wire_shown(e.key))
        else:
            self._lifted.pop(e.key, None)
            (self.top if box is None else box.wires).hold(e)  # into the cell where it runs
            e.setVisible(e.key != self._scene.hidden_wire)

    def restack(self, e) -> None:
        """``e``'s flow was set or cleared: lifted over the cards, or back
        into its box."""
        lifted = e.key in self._lifted
        if (e.flow is not None) != lifted:
            box = self._lifted[e.key] if lifted else self._level_of(e)
            self.home_wire(e, box)

    def _level_of(self, e) -> GroupBox | None:
        p = holder(e)
        level = p.parentItem() if p is not None else None
        return level if isinstance(level, GroupBox) else None

    def rerouted(self, keys) -> None:
        """The wires ``keys`` were given new ends: far out (hidden) they make
        their curves only when shown, at the switch to readable zoom."""
        if self.far:
            self._stale.update(keys)
        else:
            self._scene.through.forget(keys)

    def shown_far(self, sets: Iterable[Collection[Key]]) -> None:
        """Far out, groups opened show the wires of ``sets`` (each group's
        own set of the wires inside it, kept as it is, not copied: ~30,000
        wires at Expand All): their curves wait for the switch, as
        :meth:`rerouted`'s do (one asked about then is at most made again)."""
        self._stale_sets.update((id(keys), keys) for keys in sets)

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
        if not far:  # shown by their boxes, without a call of their own
            # those with an item (one without makes its curve when made): the
            # stale are tens of thousands after a big edit far out, few have items
            made = self._scene.wires.made_map()
            for keys in (self._stale, *self._stale_sets.values()):
                for key in made.keys() & keys:
                    made[key].refresh_curve()
            self._stale, self._stale_sets = set(), {}
        if far:
            self.conceal(self.shown)
            self.shown, self.area = set(), None
            self.kinds = KindNames()  # (a card asks the one it was last taken by)
        elif region is not None:
            self.reveal(region, 0)

    def reveal(self, region: QRectF, margin: float = MARGIN) -> int:
        """Near: the cards in ``region`` (and ``margin`` of its size around
        it) draw their contents; how many were newly revealed."""
        if self.far:
            return 0
        dx, dy = region.width() * margin, region.height() * margin
        area = region.adjusted(-dx, -dy, dx, dy)
        self.area = area
        nodes, shown = self._scene.node_map(), self.shown
        near = [it for it in (nodes.get(n) for n in self._scene.card_ids_near(area)) if it is not None]
        for it in near:  # shown before or not: what a pass told it while out of view (card_decor.py)
            it.catch_up()  # first: its note makes its bounds
        place_notes(self._scene, near)  # a note shown now goes where it covers nothing
        new = [it for it in near if it.node_id not in shown and it.sceneBoundingRect().intersects(area)]
        for it in new:
            it.setFlag(_NO_CONTENTS, False)
            if it.cacheMode() != _DEVICE_CACHE:  # made far out: none yet (NodeItem); set again, it is purged
                it.setCacheMode(_DEVICE_CACHE)
            shown.add(it.node_id)
        kinds = self.kinds  # (a card made near, or shown before going far, is taken when it is near again;
        # one folded away when it is shown: the MLP's weights under their folded cards made its data
        # leaves, x1[1] … x3[4], write numbers alone at 31 %, a trial)
        self._kinds_grew(kinds.take([it for it in near if it.kinds is not kinds and it.isVisible()]), nodes)
        sc = self._scene
        sc.linked.reveal(near)  # their linked copies (gui/canvas/linked/copies.py)
        # the wires passing through the view are drawn without items (gui/canvas/wires/through_wires.py),
        # and zoomed out on a crowded view, those a cell can draw (gui/canvas/wires/cell_ghosts.py)
        ink = sc.ghost_wires if self._inking(region) else None
        sc.wires.take_in(
            area, lambda keys, box: wire_reach.meeting(sc, keys, box), sc.through.keeps(region), ink
        )
        return len(new)

    def _inking(self, region: QRectF) -> bool:
        """Will the view showing ``region`` have its cells draw the plain wires
        (``cell_ink.inking`` of its paint: zoomed out, a crowded scene)?"""
        views = self._scene.views()
        if not views:
            return False
        p = wire_paint.PaintPass()
        p.zoom, p.through = views[0].transform().m11(), wire_paint.crowded(len(self._scene.wires), region)
        return cell_ink.inking(p)

    def folds_changed(self) -> None:
        """Groups folded or opened: each kind's widest name found again among
        the cards shown now, and those cards' texts made anew (review 57: the
        weights opened then folded again at 31 % kept the data leaves writing
        numbers, their folded-away names still the widest)."""
        if self.far or not self.shown:
            return
        nodes = self._scene.node_map()
        cards = [it for n in self.shown if (it := nodes.get(n)) is not None and it.isVisible()]
        self.kinds = KindNames()
        self.kinds.take(cards)
        for it in cards:
            it.drop_texts()

    def _kinds_grew(self, kinds: set[str], nodes: dict) -> None:
        """A wider name of ``kinds`` came into view: their cards shown write names or numbers anew."""
        if kinds:
            for n in self.shown:
                it = nodes.get(n)
                if it is not None and it.op in kinds:
                    it.drop_texts()

    def in_view(self) -> set[str]:
        """The cards drawn with contents in the region last revealed (a pass's
        jump brings them up to date at once; the others when revealed again)."""
        if self.area is None:
            return set(self.shown)
        return self.shown.intersection(self._scene.card_ids_near(self.area))

    def notes_resized(self) -> None:
        """The canvas's text size changed (Presentation Mode, a picture's usual
        size and back): the notes in view measured and placed anew at it (the
        others as they come into view: DecoratedCard.catch_up)."""
        nodes = self._scene.node_map()
        shown = [it for n in self.in_view() if (it := nodes.get(n)) is not None]
        for it in shown:
            it.catch_up()
        place_notes(self._scene, shown)

    def reveal_all(self) -> set[str]:
        """Every card draws its contents (a picture of the whole graph); the
        ids that did not before, for ``conceal`` afterwards."""
        nodes = self._scene.node_map()
        self._scene.edge_map()  # every wire's item, too
        for it in nodes.values():  # what a pass told the cards out of view
            it.catch_up()
        place_notes(self._scene, nodes.values(), drawn=True)  # drawn in the picture
        new = {n for n in nodes if n not in self.shown}
        self._set_contents(nodes, new, True)
        self._scene.linked.reveal(nodes.values())
        self.shown |= new
        # (those folded away not taken: the picture shows what the view does, review 57)
        taken = [it for it in nodes.values() if it.kinds is not self.kinds and it.isVisible()]
        self._kinds_grew(self.kinds.take(taken), nodes)
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
                if on:
                    it.catch_up()

    def added(self, node_id: str) -> None:
        """A card was made for the zoom now (near: with contents)."""
        if not self.far:
            self.shown.add(node_id)

    def built(self, ids: Callable[[], Iterable[str]]) -> None:
        """A new document's cards were made for the zoom now."""
        self._lifted, self._stale, self._stale_sets = {}, set(), {}
        self.kinds = KindNames()
        self.shown, self.area = set() if self.far else set(ids()), None
