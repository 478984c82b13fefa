"""The canvas scene: a live mirror of a GraphModel.

The model's psygnal signals drive everything shown here through one
id -> item map, so the canvas and any other view can never disagree. The
scene changes nothing itself: gestures go to the interaction handler a
higher layer installs (``set_interaction``), and edits go through the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import filterfalse

from PySide6.QtCore import QPointF, QRect, QRectF, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QToolTip

from core.graph.model import GraphModel
from core.graph.sinks import SinkWatch
from gui.canvas import hit_testing, scene_build
from gui.canvas.cards.card_grid import CardGrid
from gui.canvas.cards.card_parking import CardParking
from gui.canvas.cards.card_shelves import CardShelves
from gui.canvas.cards.grad_tint import TintWatch
from gui.canvas.cards.note_layout import NOTE_REACH
from gui.canvas.folded_moves import FoldedMoves
from gui.canvas.folding.fold_layer import FoldingLayer
from gui.canvas.hit_testing import PortHit
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.linked.copies import LinkedCopies
from gui.canvas.mark_layer import MarkLayer
from gui.canvas.overview.block_colors import TOP
from gui.canvas.overview.overview import OverviewLayer
from gui.canvas.painting import BOUNDS, ItemHost
from gui.canvas.pass_board import PassBoard
from gui.canvas.scene_batches import SceneBatches
from gui.canvas.scene_interaction import InteractiveScene
from gui.canvas.scene_mirror import SceneMirror
from gui.canvas.scene_routing import SceneRouting
from gui.canvas.selection import SceneSelection, SelectionCache
from gui.canvas.tooltips import tip_at
from gui.canvas.wires.curve_bounds import Box, curve_meets
from gui.canvas.wires.lazy_wires import LazyWires
from gui.canvas.wires.through_wires import ThroughWires
from gui.canvas.wires.wire_caption import CaptionLayer
from gui.canvas.wires.wire_pool import WirePool
from gui.canvas.zoom_detail import ZoomDetail
from gui.common import style as S
from gui.document import heap
from gui.document.heap import old_document_released

#: The drag-and-drop format of an operation name (palette -> canvas).
OP_MIME = "application/x-micrograd-op"


class GraphScene(
    SceneSelection, SceneMirror, SceneBatches, SceneRouting, FoldedMoves, InteractiveScene, ItemHost
):
    """Shows ``model``: one card per node, one wire per edge."""

    #: A card's shown gradient or highlight changed (at most once per event-loop turn).
    decorations_changed = Signal()
    board: PassBoard  # ItemHost's, always one here
    linked: LinkedCopies  # ItemHost's, always one here

    def __init__(self, model: GraphModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self._nodes: dict[str, NodeItem] = {}
        self._edges = LazyWires({}, self._make_wires)  # far out, wires get items as they come into view
        self._far = False
        # cards by position (the scene has no item index); the ids of cards
        # whose note makes them wider than the grid's reach are kept apart
        self._grid = CardGrid(NOTE_REACH, BOUNDS)  # a card's note stays within NOTE_REACH
        self._wide: set[str] = set()
        self.hidden_wire: tuple[str, str, int] | None = None  # a wire picked up by its loose end
        self._styled_wires: set[tuple[str, str, int]] = set()
        self._auto_output: str | None = None  # the single sink Backward starts from
        self._output: str | None = None  # the node whose card shows the output flag
        self._auto_timer = QTimer(self, singleShot=True, interval=0)
        self._auto_timer.timeout.connect(self._update_auto_output)
        # a new big graph's pending wires, and many noted as moved, filed a slice at a time when idle
        self._filing = QTimer(self, singleShot=True, interval=0)
        self._filing.timeout.connect(self._file_some_wires)
        self._edges.wake = self._filing.start  # (LazyWires.file_some)
        self._decor_pending = False
        #: pass_shown()'s answer, and whether it still holds (a card's decoration
        #: changed since, or a card went while some showed a pass: it may have been the one)
        self._shown, self._shown_known = False, False
        self.board = PassBoard()  # the pass its cards show, told once for all (gui/canvas/pass_board.py)
        self._selection_pending = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._layer = OverviewLayer(self)
        # (its line index filed anew after a fold, in the same idle slices: OverviewLayer._refile_top)
        self._layer.wake = self._filing.start
        self.addItem(self._layer)
        self._tint = TintWatch(self, self._layer)  # far out, blocks tinted by their gradients
        self._sel = SelectionCache(self, self._ids_of, self._bare)
        self._pool = WirePool(self)  # the items of removed wires, for new ones
        self.parking = CardParking(self)  # the cards of deleted nodes, for their undo
        self.shelves = CardShelves(self)  # where cards made after the build go (not Qt's top level)
        self.selectionChanged.connect(self._selection_changed)  # first: it resets _sel
        self._links: list = []
        self.sink_watch: SinkWatch | None = None  # the graph's sinks, for the auto output's badge
        self.detail = ZoomDetail(self)  # wire boxes, cards drawn near (gui/canvas/zoom_detail.py)
        self.through = ThroughWires(self)  # near: the long wires without items, as one picture
        self.addItem(self.through)
        self.captions: CaptionLayer = CaptionLayer(self)  # lit wires' captions, over them all
        self.marks = MarkLayer(self)  # marks over the graph, added without Qt sorting every card
        self.folding = FoldingLayer(self)
        self.linked = LinkedCopies(self, model)  # a shared leaf drawn beside its uses (gui/canvas/linked/)
        self.selectionChanged.connect(self.linked.unpick)  # (a card selected: no copy is)
        self._listen(model)
        self._build()
        # The model may outlive the scene: stop listening when the scene goes.
        self.destroyed.connect(lambda *_, links=self._links: _disconnect(links))

    # ------------------------------------------------------------ lifetime
    def _listen(self, model: GraphModel) -> None:
        self._links[:] = [
            *self._held_links(model),  # first: what is held applied before an edit (folded_moves.py)
            (model.node_added, self._on_node_added),
            (model.node_removed, self._on_node_removed),
            (model.edge_added, self._on_edge_added),
            (model.edge_removed, self._on_edge_removed),
            (model.node_changed, self._on_node_changed),
            (model.node_moved, self._on_node_moved),
            (model.values_changed, self._on_values_changed),
            (model.output_changed, self._on_output_changed),
            (model.graph_changed, self._auto_output_later),
            (model.graph_changed, self.through.edited),  # the views it kept: the latest only
            (model.values_changed, self.through.edited),
            (model.nodes_moved, self._on_nodes_moved),  # batches: scene_batches.py
            (model.nodes_added, self._on_nodes_added),
            (model.nodes_removed, self._on_nodes_removed),
            (model.edges_added, self._on_edges_added),
            (model.edges_removed, self._on_edges_removed),
            (model.node_removed, self._cards_gone),
            (model.nodes_removed, self._cards_gone),
            *self.linked.links(model),  # what the linked copies' rule reads again
            (model.values_changed, self.linked.values_changed),
            (model.groups.changed, self.linked.groups_changed),
        ]
        self.linked.set_model(model)
        for sig, slot in self._links:
            sig.connect(slot)
        self._sel.follow(model)
        if self.sink_watch is not None:
            self.sink_watch.close()
        self.sink_watch = SinkWatch(model)

    def mousePressEvent(self, event) -> None:
        self.linked.pressed(event.scenePos())  # (a click off the selected copy unselects it)
        super().mousePressEvent(event)

    def set_model(self, model: GraphModel, zoom: float | None = None) -> None:
        """Show ``model`` instead (New, Open): every card and wire is rebuilt,
        for ``zoom`` if given (the zoom the view will show it at)."""
        _disconnect(self._links)
        self.hidden_wire = None
        self._styled_wires = set()
        self._edges.ghosts.clear()  # (out of the cells, the top level's kept for the next document)
        self._auto_output = self._output = None
        had_selection = bool(self.selectedItems())
        was = self.signalsBlocked()
        self.blockSignals(True)  # one selectionChanged, not one per item
        try:
            self.clearSelection()
            self._interaction.nodes_removing(self._nodes.keys())  # once, not a call per card
            for wire in self._edges.made_items():  # first: out of the layers' boxes
                self.removeItem(wire)
            self._pool.clear()
            self.parking.clear()
            # in the order they were added, with no layer stacked under them:
            # Qt takes each card off the front of its top-level list (a layer
            # ahead of them made each removal move every card after it)
            layers = self._under_cards()
            for layer in layers:
                self.removeItem(layer)
            for card in self._nodes.values():
                self.removeItem(card)
            for layer in layers:
                self.addItem(layer)
            self.shelves.clear()
        finally:
            self.blockSignals(was)
        self.folding.clear()
        self.captions.clear()
        self.board = PassBoard()  # the old pass is not the new cards'
        self._nodes, self._edges = {}, LazyWires({}, self._make_wires)
        self._grid.clear()
        self._wide = set()
        self._layer.set_picked(set())
        # no blocks and lines now: the collection that frees the old document
        # (below) does not walk them (10^5 objects at 50,000 nodes)
        self._layer.take({}, [{} for _ in TOP], {})
        self._layer.invalidate()
        self.model = model
        self._listen(model)
        if zoom is not None:
            self._set_far(self.far_at(zoom))
        old_document_released()  # collected before the new cards exist (not walked with them)
        self._build()
        if had_selection:  # later: listeners follow the new document first
            self._selection_signal_later()

    def _under_cards(self) -> list[QGraphicsItem]:
        """The scene's own top-level items, kept from one document to the next."""
        layers = [self.through, self.detail.top, self._layer, self.folding.frame_layer, self.marks]
        return [*layers, self.detail.over, self.captions, self.folding.far_names]

    def _build(self) -> None:
        m = self.model
        built = scene_build.build(self, m, self._grid, self._far, self.detail.top, self._make_wires)
        self._nodes, self._edges = built.nodes, built.edges
        self._edges.wake = self._filing.start
        self._shown, self._shown_known = False, True  # new cards show no pass
        self.shelves.ready()  # for the cards made next: stacked above these
        self.detail.built(self._nodes.keys)
        self._pool.fill()
        self._on_output_changed(m.output)
        self.folding.attach(m)
        self._layer.invalidate()
        self._filing.start()  # after the first frame (its paint is queued before)
        if self._far:
            self._layer.refit()
            if not m.groups:  # as built (no node in a group's box): the overview needs no pass of its own
                self._layer.take(built.colors, built.blocks, built.lines, built.line_index)
                if m.output in self._nodes:
                    self._layer.node_changed(self._nodes[m.output])

    def _file_some_wires(self) -> None:
        if scene_build.file_idle(self._edges, self._layer.file_some):
            self._filing.start()
        elif self._edges.maps()[1]:  # all filed (~10^5 boxes and cells): frozen with a big document's heap
            heap.built_anew(len(self.model))

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if not self._far:  # zoomed far out, ports are too small to mark
            self._interaction.draw_foreground(painter, QRectF(rect))

    # ------------------------------------------------------------ lookup
    def node_item(self, node_id: str) -> NodeItem | None:
        return self._nodes.get(node_id)

    def edge_item(self, source: str, target: str, port: int) -> EdgeItem | None:
        return self._edges.get((source, target, port))

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def node_items_in(self, region: QRectF) -> list[NodeItem]:
        """The visible cards whose bounds meet ``region``, from the card grid
        (``items(region)`` would test every item of the scene)."""
        nodes = self._nodes
        near = {*self._grid.ids_near(region), *self._wide}
        return [
            it
            for it in (nodes[n] for n in near if n in nodes)
            if it.isVisible() and it.sceneBoundingRect().intersects(region)
        ]

    def card_ids_near(self, region: QRectF) -> set[str]:
        """The ids of the cards that may meet ``region`` (a superset), from the card grid."""
        return {*self._grid.ids_near(region), *self._wide}

    def card_ids_near_each(self, region: QRectF) -> Iterator[str]:
        """:meth:`card_ids_near` one at a time, each once: a question answered
        at the first few asks no more (no set of a frame's 50,000 made)."""
        wide = self._wide
        yield from filterfalse(wide.__contains__, self._grid.ids_near(region))
        yield from list(wide)

    def shown_ids_near_each(self, region: QRectF) -> Iterator[str]:
        """:meth:`card_ids_near_each` but the cards folded away, passed over
        in C (a group opened among 499 folded: none of their 49,900 cards asked for)."""
        return filterfalse(self._grid.bounds.hidden().__contains__, self.card_ids_near_each(region))

    def graph_rect(self) -> QRectF | None:
        """The scene rect of every card shown (a folded group's included), or
        None for an empty graph; kept as cards move (gui/canvas/cards/card_bounds.py)."""
        if not self._nodes:
            return None
        self.folding.settle()
        r = self._grid.bounds.rect()
        for card in self.folding.cards():
            r = r.united(card.sceneBoundingRect())
        return r

    ids_near = card_ids_near

    def cards_meeting(self, region: QRectF) -> list[QGraphicsItem]:
        """The cards shown and the folded groups' cards whose bounds meet
        ``region``, from the card grid: no pass over the scene's items."""
        nodes = self._nodes
        out: list[QGraphicsItem] = [
            it for n in self.shown_ids_near(region) if (it := nodes.get(n)) is not None
        ]
        out += [c for c in self.folding.cards() if c.isVisible()]
        return [it for it in out if it.sceneBoundingRect().intersects(region)]

    def shown_ids_near(self, region: QRectF) -> set[str]:
        """:meth:`card_ids_near` but the cards folded away (Fit beside the
        minimap after Collapse All: 50,000 hidden cards, none looked at)."""
        return self.card_ids_near(region) - self._grid.bounds.hidden()

    def cards_in(self, region: QRectF) -> list[NodeItem]:
        """:meth:`node_items_in`, topmost first (as Qt stacks them: by z, then the later added)."""
        serial = self._grid.serial
        return sorted(self.node_items_in(region), key=lambda it: (-it.zValue(), -serial(it.node_id)))

    def edge_items(self) -> list[EdgeItem]:
        return list(self._edges.values())

    def node_map(self) -> dict[str, NodeItem]:
        """Node id → card (the scene's own map: read, don't change)."""
        return self._nodes

    def edge_map(self) -> dict[tuple[str, str, int], EdgeItem]:
        """Wire key → item, every wire's (made now where it had none yet)."""
        return self._edges.as_dict()

    @property
    def wires(self) -> LazyWires:
        """The wires' items, made as they come into view or are asked for
        (far out, the overview draws lines: gui/canvas/wires/lazy_wires.py)."""
        return self._edges

    def _make_wires(self, keys: list[tuple[str, str, int]]) -> list[EdgeItem]:
        return scene_build.wire_items(self, keys)

    def ghost_wires(self, keys: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
        return scene_build.ghost_wires(self, keys)

    def spare_wire(self, source: str, target: str, port: int) -> EdgeItem | None:
        """A kept item of a removed wire standing for source -> target[port], hidden (None: none kept)."""
        return self._pool.take_spare(source, target, port)

    # ------------------------------------------------------------ decorations
    def decoration_changed(self, item: QGraphicsItem | None = None) -> None:
        """A card's gradient or highlight changed (None: any card's): one
        signal per event-loop turn (a pass repaints thousands of cards at
        once); the folded cards showing ``item`` follow."""
        self.folding.decorated(item)
        self._tint.decoration_changed(item)
        self._shown_known = False
        if not self._decor_pending:
            self._decor_pending = True
            QTimer.singleShot(0, self, self._emit_decorations)

    def _emit_decorations(self) -> None:
        self._decor_pending = False
        self.decorations_changed.emit()

    def pass_shown(self) -> bool:
        """True while some card shows a gradient or a highlight (a backward pass is on screen)."""
        if self.board.active:
            return True
        # Asked by Properties at every selection: the walk over every card is
        # kept until a card's decoration changes or a card goes while some
        # showed a pass (a new card shows none until decorated).
        if not self._shown_known:
            self._shown = any(it.grad is not None or it.highlight is not None for it in self._nodes.values())
            self._shown_known = True
        return self._shown

    def _cards_gone(self, *_: object) -> None:
        if self._shown:
            self._shown_known = False

    # ------------------------------------------------------------ level of detail
    @property
    def far(self) -> bool:
        """True while zoomed so far out that the overview layer draws the graph."""
        return self._far

    def far_at(self, zoom: float) -> bool:
        """Whether the overview draws the graph at ``zoom`` (a small graph's: farther out)."""
        return zoom < self.far_zoom()

    def far_zoom(self) -> float:
        """The zoom below which the overview draws the graph, its cards blank blocks."""
        few = self.model is not None and len(self.model) <= S.FEW_CARDS
        return S.FAR_ZOOM_FEW if few else S.FAR_ZOOM

    def set_view_zoom(self, zoom: float) -> None:
        """The view's scale changed: switch the overview layer on or off."""
        self._set_far(self.far_at(zoom))
        self.folding.zoomed(zoom)

    @contextmanager
    def far_meanwhile(self) -> Iterator[None]:
        """Far out while a change that refits the view after it runs (Expand
        or Collapse All of a fitted view): its cards and wires are moved and
        re-routed as numbers, the overview's lines, not as curves of wire
        items that the refit would hide or make again; then the view's zoom
        says again whether the scene is far."""
        if self._far or not self.views():
            yield
            return
        self._set_far(True)
        try:
            yield
        finally:
            self.set_view_zoom(self.views()[0].transform().m11())

    def _set_far(self, far: bool) -> None:
        if far == self._far:
            return
        self._far = far
        views = self.views()
        seen = views[0].mapToScene(views[0].viewport().rect()).boundingRect() if views else None
        self.detail.set_far(far, seen)  # cards keep no contents far out: still there to click and select
        self._layer.setVisible(far)
        self.folding.set_far(far)
        if far:
            self._layer.refit()

    def overview_redraw(self, keys: Iterable[tuple[str, str, int]] | None = None) -> None:
        """The overview leaves the lines of ``keys`` (None: any) out now, or back (gui/canvas/linked/)."""
        self._layer.update() if keys is None else self._layer.redraw_lines(map(self._layer.line_of, keys))

    def overview_changed(self, item: QGraphicsItem | None = None) -> None:
        """Something the overview shows of ``item`` (a highlight, a flow, a
        note) changed; None: anything."""
        if isinstance(item, NodeItem):
            self._layer.node_changed(item)
            self.card_bounds_changed(item)
        elif isinstance(item, EdgeItem):
            if item.width is not None:  # Gradient Flow's width: its item draws it alone
                self.through.forget((item.key,))
            self.detail.restack(item)  # lit: over the cards
            self._layer.wire_changed(item)
        else:
            self._layer.invalidate()

    def card_bounds_changed(self, item: QGraphicsItem) -> None:
        """The card ``item``'s bounds changed (its note): filed by them again."""
        if isinstance(item, NodeItem):
            self._grid.file_rect(item.node_id, item.rect(), self._wide)

    # ------------------------------------------------------------ hit testing, tooltips
    def tooltip_at(self, scene_pos: QPointF) -> str:
        """The tooltip for what is at ``scene_pos`` (``tooltips.tip_at``), or ""."""
        return tip_at(self, scene_pos)

    def helpEvent(self, event) -> None:
        text = self.tooltip_at(event.scenePos())
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
            event.setAccepted(True)
        else:
            QToolTip.hideText()
            event.setAccepted(False)

    def wire_at(self, scene_pos: QPointF) -> EdgeItem | None:
        """The wire under ``scene_pos`` (a few pixels of slack), unless a node covers it."""
        if not self._far:  # its item made, should no paint have asked for it yet (or a cell draw it)
            self._edges.take_in(QRectF(scene_pos.x() - 20, scene_pos.y() - 20, 40, 40), self._ghosts_meeting)
        e = hit_testing.wire_at(self, scene_pos)
        return None if e is not None and not e.drawn_near(scene_pos) else e  # (a linked copy's: its stub)

    def _ghosts_meeting(self, keys: list[tuple[str, str, int]], box: Box) -> list[tuple[str, str, int]]:
        """Of ``keys``, all but those drawn by a cell (gui/canvas/wires/cell_ghosts.py)
        whose curve passes ``box`` by: a click among thousands of long wires
        drawn so makes the items of the few under it, not of every wire whose box holds it."""
        at = self._edges.ghosts.at
        if not at:
            return keys
        out = []
        for k in keys:
            g = at.get(k)
            if g is None:
                out.append(k)
            else:
                x1, y1, x2, y2, _ = g.wires[k]
                if curve_meets(x1, y1, x2, y2, box):
                    out.append(k)
        return out

    def port_at(self, scene_pos: QPointF, radius: float | None = None) -> PortHit | None:
        """(node_id, "in"/"out", port) of the port nearest ``scene_pos``, if
        close; far out none (ports are not drawn: a press on a block moves it)."""
        return None if self._far else hit_testing.port_at(self, scene_pos, radius)

    def node_at(self, scene_pos: QPointF) -> NodeItem | None:
        return hit_testing.node_at(self, scene_pos)


def _disconnect(links: list) -> None:
    while links:
        sig, slot = links.pop()
        try:
            sig.disconnect(slot)
        except (ValueError, RuntimeError):
            pass
