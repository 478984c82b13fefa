"""The groups on the canvas: a frame around each open group and one card for
each collapsed one, mirrored from the model's groups (core.graph.groups)
through their ``changed`` signal and one id→item map.

A collapsed group hides its cards and the wires inside it; a wire that
crosses its boundary ends at the group card's port for that value. The
scene asks :meth:`FoldingLayer.wire_ends` where each wire goes and whether a
card or wire is shown, so nothing else needs to know about folding. What a
click on a frame or card means (fold, select, move: undoable edits) is
decided by whoever listens to the layer's signals, not here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QTimer, Signal

from core.graph.groups import GroupSet, boundary
from core.graph.model import GraphModel
from gui.canvas.group_items import PAD, TITLE_H, GroupCard, GroupFrame, Port
from gui.canvas.painting import CARD_RECT


class FoldingLayer(QObject):
    """The frames and cards of one scene's groups."""

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
        self._cards: dict[str, GroupCard] = {}
        self._hidden: dict[str, str] = {}  # node -> the card that shows it
        self._groups: GroupSet | None = None
        self._model_links: list = []
        self._pending = False
        self._far = False
        # gradients and highlights shown on cards, which the folded cards repeat
        self._decorated: set[str] | None = set()  # the nodes changed (None: any)
        self._decor_pending = False
        #: Folded cards refreshed for what a pass shows (tests count them).
        self.redecorated = 0

    # ------------------------------------------------------------ model
    def attach(self, model: GraphModel) -> None:
        """Mirror ``model``'s groups (a new document)."""
        self.detach()
        self._groups = model.groups
        self._groups.changed.connect(self._changed)
        # a folded card shows the values and the output crossing its boundary
        self._model_links = [
            (model.values_changed, self.geometry_later),
            (model.output_changed, self.geometry_later),
            (model.graph_changed, self.geometry_later),
        ]
        for sig, slot in self._model_links:
            sig.connect(slot)
        self.refresh()

    def detach(self) -> None:
        if self._groups is not None:
            self._groups.changed.disconnect(self._changed)
            self._groups = None
        for sig, slot in self._model_links:
            sig.disconnect(slot)
        self._model_links = []

    def set_far(self, far: bool) -> None:
        """Zoomed far out (the overview draws the nodes): open groups are
        drawn as labelled regions over it."""
        self._far = far
        for f in self._frames.values():
            f.set_far(far)

    def _changed(self, _gid: object = None) -> None:
        self.refresh()

    def geometry_later(self) -> None:
        """Cards moved: frames and folded cards follow, once per event-loop turn."""
        if self._frames or self._cards:
            if not self._pending:
                self._pending = True
                QTimer.singleShot(0, self, self._geometry_now)

    def _geometry_now(self) -> None:
        self._pending = False
        self._place()

    def decorated(self, item=None) -> None:
        """The gradient or highlight shown on the card ``item`` changed (None:
        on any card): the folded cards that show it follow, once per
        event-loop turn, and only those (a Backward step changes a few)."""
        if not self._cards:
            return
        if item is None or self._decorated is None:
            self._decorated = None
        else:
            self._decorated.add(item.node_id)
        if not self._decor_pending:
            self._decor_pending = True
            QTimer.singleShot(0, self, self._redecorate)

    def _redecorate(self) -> None:
        self._decor_pending = False
        nodes, self._decorated = self._decorated, set()
        if nodes is None:
            self._place(only=set(self._cards))
            return
        m, hidden = self._scene.model, self._hidden
        gids = set()
        for n in nodes:
            if n in hidden:  # its own card: the highlight, an output row
                gids.add(hidden[n])
            if n in m:  # the cards it feeds show it on an input row
                gids.update(hidden[t] for t, _p in m.consumers(n) if t in hidden)
        if gids:
            self._place(only=gids)

    # ------------------------------------------------------------ queries the scene asks
    def card_of(self, node: str) -> str | None:
        """The collapsed group whose card shows ``node`` in its place."""
        return self._hidden.get(node)

    def wire_ends(self, source: str, target: str, port: int) -> tuple[QPointF, QPointF] | None:
        """Where a wire touching a folded group is drawn (None: between the
        cards as usual); a wire wholly inside one card is not drawn."""
        cs, ct = self._hidden.get(source), self._hidden.get(target)
        if cs is None and ct is None:
            return None
        sc = self._scene
        a = self._cards[cs].output_pos(source) if cs is not None else sc.node_item(source).output_pos()
        b = self._cards[ct].input_pos(source) if ct is not None else sc.node_item(target).input_pos(port)
        return a, b

    def wire_hidden(self, source: str, target: str) -> bool:
        cs = self._hidden.get(source)
        return cs is not None and cs == self._hidden.get(target)

    def cards(self) -> list[GroupCard]:
        return list(self._cards.values())

    def card(self, gid: str) -> GroupCard | None:
        return self._cards.get(gid)

    def frame(self, gid: str) -> GroupFrame | None:
        return self._frames.get(gid)

    def at(self, scene_pos: QPointF) -> str | None:
        """The group whose folded card or name tab is under ``scene_pos``."""
        for c in self._cards.values():
            if c.isVisible() and c.sceneBoundingRect().contains(scene_pos):
                return c.gid
        for f in self._frames.values():
            if f.isVisible() and f.title_rect().contains(f.mapFromScene(scene_pos)):
                return f.gid
        return None

    def selected_groups(self) -> list[str]:
        return [c.gid for c in self._cards.values() if c.isSelected()]

    # ------------------------------------------------------------ building
    def refresh(self) -> None:
        """Frames, cards, hidden cards and wire ends, from the groups now."""
        gs, sc = self._groups, self._scene
        if gs is None:
            return
        hidden: dict[str, str] = {}
        for g in gs:
            if gs.shown_as_card(g.id):
                for n in gs.nodes_in(g.id):
                    hidden[n] = g.id
        open_ids = [
            g.id for g in gs if not g.collapsed and not any(gs.get(a).collapsed for a in gs.ancestors(g.id))
        ]
        card_ids = [g.id for g in gs if gs.shown_as_card(g.id)]
        for gid in [k for k in self._frames if k not in open_ids]:
            sc.removeItem(self._frames.pop(gid))
        for gid in [k for k in self._cards if k not in card_ids]:
            sc.removeItem(self._cards.pop(gid))
        for gid in open_ids:
            if gid not in self._frames:
                f = GroupFrame(gid, self.toggle_requested.emit, self.pick_requested.emit)
                f.set_far(self._far)
                self._frames[gid] = f
                sc.addItem(f)
        for gid in card_ids:
            if gid not in self._cards:
                c = GroupCard(gid, self.toggle_requested.emit, self.move_requested.emit, self._card_dragging)
                self._cards[gid] = c
                sc.addItem(c)
        changed = set(hidden) ^ set(self._hidden)
        changed |= {n for n in hidden if self._hidden.get(n) != hidden[n]}
        self._hidden = hidden
        for n in changed:
            it = sc.node_item(n)
            if it is not None:
                it.setVisible(n not in hidden)
                if n in hidden and it.isSelected():
                    it.setSelected(False)
        self._place(refold=False)
        sc.refold(changed | set(hidden))  # once: the cards may have moved too

    def _place(self, refold: bool = True, only: set[str] | None = None) -> None:
        """Cards at their groups' places, frames around what they hold;
        ``only``: just these cards (what a pass shows on them changed)."""
        gs, sc = self._groups, self._scene
        if gs is None:
            return
        m = sc.model
        shifted: set[str] = set()  # nodes of cards whose ports moved: their wires follow
        for gid, card in self._cards.items():
            if only is not None and gid not in only:
                continue
            self.redecorated += only is not None
            nodes = gs.nodes_in(gid)
            g = gs.get(gid)
            before = (card.pos(), [p.node for p in card.inputs], [p.node for p in card.outputs])
            card.set_content(g.label, len(nodes), *self._ports(m, nodes))
            card.set_highlight(_highlight(sc, nodes))
            xs = [m.position(n) for n in nodes if n in m]
            if xs:
                x, y = min(p[0] for p in xs), min(p[1] for p in xs)
                if card.pos() != QPointF(x, y):
                    card.setPos(x, y)
            if before != (card.pos(), [p.node for p in card.inputs], [p.node for p in card.outputs]):
                shifted |= nodes
        if only is not None:  # the frames hold no gradients
            if refold and shifted:
                sc.refold(shifted)
            return
        rects: dict[str, QRectF] = {}

        def rect_of(gid: str) -> QRectF:
            if gid in rects:
                return rects[gid]
            r = QRectF()
            if gid in self._cards:
                r = self._cards[gid].sceneBoundingRect()
            else:
                for n in gs.get(gid).members:
                    it = sc.node_item(n)
                    if it is not None:
                        r = r.united(it.mapRectToScene(CARD_RECT))
                for k in gs.children(gid):
                    kr = rect_of(k)
                    if not kr.isNull():
                        r = r.united(kr)
                if not r.isNull():
                    r = r.adjusted(-PAD, -PAD - TITLE_H, PAD, PAD)
            rects[gid] = r
            return r

        for gid, f in self._frames.items():
            r = rect_of(gid)
            f.setVisible(not r.isNull())
            f.set_frame(r, gs.get(gid).label, len(gs.ancestors(gid)))
        if refold and shifted:
            sc.refold(shifted)

    def _ports(self, m: GraphModel, nodes: set[str]) -> tuple[list[Port], list[Port]]:
        """A row per value crossing the boundary of ``nodes``."""
        ins, outs = boundary(m, nodes)
        sc = self._scene
        return (
            [Port(n, m.label(n), m.value(n), _grad(sc, n)) for n in ins],
            [Port(n, m.label(n), m.value(n), _grad(sc, n)) for n in outs],
        )

    def _card_dragging(self, gid: str) -> None:
        self._scene.refold(set(self._scene.model.groups.nodes_in(gid)))

    def clear(self) -> None:
        """The scene is being rebuilt: every item goes."""
        for f in self._frames.values():
            self._scene.removeItem(f)
        for c in self._cards.values():
            self._scene.removeItem(c)
        self._frames, self._cards, self._hidden = {}, {}, {}


def _grad(scene, node: str) -> float | None:
    it = scene.node_item(node)
    return None if it is None else it.grad


def _highlight(scene, nodes: set[str]) -> str | None:
    """A folded card's part in a pass on screen: "current" while one of its
    nodes is the step shown, "done" once all of them are."""
    marks = set()
    for n in nodes:
        it = scene.node_item(n)
        marks.add(None if it is None else it.highlight)
        if "current" in marks:
            return "current"
    return "done" if marks == {"done"} else None
