"""What the folding layer answers about where things are: which folded
card shows a node, where a wire touching one is drawn, which group's box
holds a card or a wire and whether it is shown (mixed into
:class:`~gui.canvas.folding.fold_layer.FoldingLayer`; what the layers
below it read of it is named in gui/canvas/part_hosts.py)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.cards.card_text import Text
from gui.canvas.folding import card_rows, fold_routes, group_box
from gui.canvas.folding.far_names import FarNames
from gui.canvas.folding.fold_index import FoldIndex, Key
from gui.canvas.folding.frame_tab import FrameTab
from gui.canvas.folding.group_card import GroupCard
from gui.canvas.folding.group_items import GroupFrame

if TYPE_CHECKING:
    from core.graph.groups import GroupSet
    from gui.canvas.folding.box_homes import BoxHomes


class FoldQueries:
    """The folding layer's answers (its maps are FoldingLayer's own)."""

    if TYPE_CHECKING:
        _lead: dict[str, group_box.Lead | None]
        _reach_dirty: set[str]

        def geometry_later(self) -> None: ...

        _scene: Any
        _groups: GroupSet | None
        _index: FoldIndex | None
        _revision: int
        _homes: BoxHomes
        _cards: dict[str, GroupCard]
        _frames: dict[str, GroupFrame]
        _names: FarNames

    #: node -> how far its linked copies reach left of it and below (set by gui/canvas/linked/).
    copy_reach: Callable[[], group_box.Reaches] = group_box.Reaches
    _measuring = False  # the frames being measured (``_measure_reach``)

    def reach_changed(self, ids: Collection[str]) -> None:
        """What the linked copies of the cards ``ids`` reach changed (a fold,
        the option): their groups' frames follow, their cards not measured again."""
        gs = self._groups
        if gs is None:
            return
        dirty = self._reach_dirty
        was = len(dirty)
        dirty.update(g for g in map(gs.membership().get, ids) if g is not None)
        # (cards in no group, or gone: no frame to place again; told while the frames
        # are measured: measured with them, not again a loop turn later)
        if len(dirty) > was and not self._measuring:
            self.geometry_later()

    def _measure_reach(self, gs: GroupSet, pos: Mapping[str, tuple[float, float]], dirty: set[str]) -> None:
        """What the copies of the cards of the groups ``dirty`` (moved) and of
        those told by ``reach_changed`` reach (a frame holds them)."""
        self._measuring = True
        try:  # (asked first: the cards whose reach it finds changed are told now, and measured here)
            reach = self.copy_reach()
        finally:
            self._measuring = False
        todo = dirty | self._reach_dirty if self._reach_dirty else dirty
        self._reach_dirty = set()
        if not todo:
            return
        for gid in todo:
            if gid in gs:
                self._lead[gid] = group_box.reach_bounds(pos, gs.get(gid).members, reach)

    def card_of(self, node: str) -> str | None:
        """The collapsed group whose card shows ``node`` in its place."""
        gid = self._groups.folded_into(node) if self._groups is not None else None
        return gid if gid in self._cards else None

    def wire_ends(self, source: str, target: str, port: int) -> tuple[QPointF, QPointF] | None:
        """Where a wire touching a folded group is drawn (None: between the
        cards as usual, also for a wire wholly inside one folded group,
        which is hidden with it)."""
        cs, ct = self.card_of(source), self.card_of(target)
        if cs == ct:
            return None
        sc = self._scene
        a = self._cards[cs].output_pos(source) if cs is not None else sc.node_item(source).output_pos()
        b = self._cards[ct].input_pos(source) if ct is not None else sc.node_item(target).input_pos(port)
        return a, b

    def wire_ends_many(self, keys: list[Key]) -> dict[Key, fold_routes.XY]:
        """:meth:`wire_ends` of many wires at once as numbers (x1, y1, x2, y2),
        each card's rows read once (a row looked up by a walk down the card,
        two a wire: a view of the folded MLP's 10,000 wires made at once)."""
        gs, index, sc = self._groups, self._index, self._scene
        assert gs is not None and index is not None
        fold = fold_routes.fold_map(gs, index.chain, self._cards)
        return fold_routes.ends_at(
            keys, sc.node_map(), sc.card_positions_held(), gs.membership(), fold, self._cards
        )

    def wire_hidden(self, source: str, target: str) -> bool:
        """True for a wire wholly inside one folded card (hidden with its box)."""
        cs = self.card_of(source)
        return cs is not None and cs == self.card_of(target)

    def node_box(self, node: str) -> str | None:
        """The group whose box holds ``node``'s card (None: the top level)."""
        return self._homes.home.get(node)

    def wire_box(self, key: Key) -> str | None:
        return self._index.home.get(key) if self._index is not None else None

    def box_lookups(self) -> tuple[Callable[[str], str | None], Callable[[Key], str | None]]:
        """``node_box`` and ``wire_box`` as their tables' own look-ups, in C
        (every card and wire filed again: no Python call each, 100,000s)."""
        index = self._index
        return self._homes.home.get, (index.home.get if index is not None else dict[Key, str | None]().get)

    def wire_homes(self) -> Callable[[Key], QGraphicsItem | None] | None:
        """key -> the wire box of the group holding both ends of the wire (None:
        the top level's), where its item would go (``wire_made``); None while
        the groups are not indexed (the next refresh homes every wire)."""
        gs, index = self._groups, self._index
        if index is None or gs is None or self._revision != gs.revision:
            return None
        home, add, box = index.home, index.add, self._homes.box

        def of(key: Key) -> QGraphicsItem | None:
            b = box(home[key] if key in home else add(key))
            return None if b is None else b.wires

        return of

    def wire_boxes(self) -> list[QGraphicsItem]:
        return [b.wires for b in self._homes.boxes.values()]

    def box_shown(self, gid: str | None) -> bool:
        """False while ``gid``'s box is hidden (it or a group around it is folded)."""
        box = self._homes.box(gid)
        return box is None or box.isVisible()

    def cards(self) -> list[GroupCard]:
        return list(self._cards.values())

    def card(self, gid: str) -> GroupCard | None:
        return self._cards.get(gid)

    def frame(self, gid: str) -> GroupFrame | None:
        return self._frames.get(gid)

    def frames_rect(self) -> QRectF | None:
        """The open groups' frames, their name tabs included (None: no group open). Nested frames
        reach past the cards they hold: Fit takes them in (trial 74: six levels' left edges cut)."""
        r: QRectF | None = None
        for f in self._frames.values():
            if f.isVisible():
                fr = f.sceneBoundingRect()
                r = fr if r is None else r.united(fr)
        return r

    def at(self, scene_pos: QPointF) -> str | None:
        """The group whose folded card or name tab is under ``scene_pos``."""
        for c in self._cards.values():
            if c.isVisible() and c.sceneBoundingRect().contains(scene_pos):
                return c.gid
        for f in self._frames.values():
            if f.isVisible() and f.title_rect().contains(f.mapFromScene(scene_pos)):
                return f.gid
        return None

    def seen(self, rect: QRectF) -> None:
        """Near, the view shows ``rect``: the tabs of the frames whose top it
        shows keep in view (``GroupFrame.slide_tab``); a few frames near, no
        work far out."""
        top, bottom = rect.top(), rect.bottom()
        for f in self._frames.values():
            r = f.outline()
            if f.isVisible() and (top <= r.top() <= bottom or f.tab_slid):
                f.slide_tab(rect.left() if r.intersects(rect) and top <= r.top() <= bottom else -math.inf)

    def tip_at(self, items: list[QGraphicsItem]) -> str:
        """The tooltip of a folded card or a frame's name tab topmost in
        ``items`` (the scene's under a point), unless a card is over it; ""."""
        for it in items:
            if isinstance(it, GroupCard):
                return card_rows.tooltip(self._scene, it, self._wires_of(it.gid))
            if isinstance(it, FrameTab):
                return it.toolTip()
            if it.acceptedMouseButtons() and not isinstance(it, GroupFrame):
                return ""  # (a card, a wire: the scene's own tooltip)
        return ""

    def _wires_of(self, gid: str) -> Callable[[int], dict[str, list[Key]]] | None:
        """The wires crossing ``gid``'s boundary on a side (0: in), by node."""
        index = self._index
        return None if index is None else (lambda side: index.wires_by_node(gid, side))

    def frames_at(self, scene_pos: QPointF) -> list[str]:
        """The open groups whose frames hold ``scene_pos``, innermost first."""
        around = [f for f in self._frames.values() if f.isVisible() and f.outline().contains(scene_pos)]
        return [f.gid for f in sorted(around, key=lambda f: -f.depth)]

    def far_texts_in(self, rect: QRectF) -> list[tuple[Text, bool]]:
        """Far out, the lines of the groups' names drawn over ``rect`` (scene
        coordinates), each with whether it is drawn at the view's pixel size
        (the names' layer) or scaled from the scene (an open frame's own):
        the step's ring draws them again over itself, not to hide them."""
        out = [(t, True) for lines in self._names.names().values() for t in lines if t.rect.intersects(rect)]
        for f in self._frames.values():
            if f.isVisible() and f.depth == 0:  # (far out only an outermost frame draws its name)
                for t in f.far_texts():
                    r = f.mapRectToScene(t.rect)
                    if r.intersects(rect):
                        out.append((dataclasses.replace(t, rect=r, box=None), False))
        return out

    def selected_groups(self) -> list[str]:
        """The groups of the selected folded cards: not one the model no
        longer has (a template's undo takes out folded groups one by one, and
        the document's listeners hear of each before this layer drops its card)."""
        gs = self._groups
        return [c.gid for c in self._cards.values() if c.isSelected() and gs is not None and c.gid in gs]

    def _still_folded(self, gids: list[str]) -> list[str]:
        """Those of the cards ``gids`` that stay folded cards (nothing around them folded)."""
        gs = self._groups
        assert gs is not None
        return [
            g
            for g in gids
            if g in gs and gs.get(g).collapsed and not any(gs.get(a).collapsed for a in gs.ancestors(g))
        ]
