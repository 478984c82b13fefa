"""The scene's selection, read from Qt once per change.

Select All on 50,000 cards emits one selectionChanged, but each of its
listeners (the scene's own styling, Properties, the window's actions and
status line, the Chain Rule panel) asked Qt for every selected item and
sorted the selected ids again: five lists of 50,000 wrappers and three
sorts for one gesture. Here the items and the ordered ids are kept until the
selection changes (the scene resets them first thing on selectionChanged,
and wherever it changes the selection with its signals blocked) or the
graph does (the order of the ids follows the wires: reset before anyone
else hears of an edit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui.canvas.items import EdgeItem, NodeItem

if TYPE_CHECKING:
    from core.graph.model import GraphModel
    from gui.canvas.folding import FoldingLayer
    from gui.canvas.lazy_wires import LazyWires
    from gui.canvas.overview import OverviewLayer

    _Base = QGraphicsScene
else:
    _Base = object

#: Before any other listener of the model (psygnal calls higher priorities first).
_FIRST = 1000


class SelectionCache:
    """``scene.selectedItems()`` and the selected node ids in order, kept
    between changes."""

    __slots__ = ("_scene", "_ids_of", "_items", "_ids", "_model", "reads")

    def __init__(self, scene: QGraphicsScene, ids_of: Callable[[list[QGraphicsItem]], list[str]]) -> None:
        """``ids_of``: the ordered node ids a list of selected items stands for."""
        self._scene = scene
        self._ids_of = ids_of
        self._items: list[QGraphicsItem] | None = None
        self._ids: list[str] | None = None
        self._model: GraphModel | None = None
        #: How often Qt was asked for the selection (tests count it: once per change).
        self.reads = 0

    def follow(self, model: GraphModel) -> None:
        """Forget the order of the ids whenever ``model`` changes (and stop
        following the model before)."""
        if self._model is not None:
            self._model.graph_changed.disconnect(self.reset)
            self._model.groups.changed.disconnect(self.reset)
        self._model = model
        model.graph_changed.connect(self.reset, priority=_FIRST)
        model.groups.changed.connect(self.reset, priority=_FIRST)  # a folded card stands for its group
        self.reset()

    def reset(self) -> None:
        """The selection (or the graph) changed: read it again when asked."""
        self._items = None
        self._ids = None

    def items(self) -> list[QGraphicsItem]:
        """The selected items (a list shared by the callers: do not change it)."""
        if self._items is None:
            self.reads += 1
            self._items = QGraphicsScene.selectedItems(self._scene)  # Qt's own (the scene overrides it)
        return self._items

    def ids(self) -> list[str]:
        """The selected node ids, inputs before consumers (shared: do not change it)."""
        if self._ids is None:
            self._ids = self._ids_of(self.items())
        return self._ids


class SceneSelection(_Base):
    """Selecting on the canvas, mixed into GraphScene: batches of cards
    selected with one selectionChanged, and what follows a change (wire
    styles, the overview's colours) done once per change."""

    if TYPE_CHECKING:  # GraphScene's own, used here
        model: GraphModel
        folding: FoldingLayer
        _nodes: dict[str, NodeItem]
        _edges: LazyWires
        _layer: OverviewLayer
        _sel: SelectionCache
        _selection_pending: bool
        _styled_wires: set[tuple[str, str, int]]
        _selected_cards: set[NodeItem]

    def selectedItems(self) -> list[QGraphicsItem]:
        """Qt's answer, asked once per change of the selection (gui/canvas/selection.py)."""
        return list(self._sel.items())

    def selected_ids(self) -> list[str]:
        """Ids of the selected nodes, inputs before consumers."""
        return list(self._sel.ids())

    def _ids_of(self, items: list[QGraphicsItem]) -> list[str]:
        ids = [it.node_id for it in items if isinstance(it, NodeItem)]
        for gid in self.folding.selected_groups():  # a folded group stands for its nodes
            ids.extend(self.model.groups.nodes_in(gid))
        return self.model.topological_order(ids)

    def selected_wires(self) -> list[tuple[str, str, int]]:
        return [it.key for it in self.selectedItems() if isinstance(it, EdgeItem)]

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these nodes, with one selectionChanged."""
        items = [self._nodes[n] for n in ids if n in self._nodes]
        self._batch_select(items, clear=True)

    def select_all(self) -> None:
        self._batch_select(list(self._nodes.values()), clear=False)

    def select_wire(self, wire: EdgeItem, add: bool = False) -> None:
        """Select a wire (wires are selectable only while selected: a rubber
        band picks cards, not the wires crossing it); ``add`` toggles it."""
        if not add:
            self.clearSelection()
        wire.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        wire.setSelected(not (add and wire.isSelected()))

    def _selection_signal_later(self) -> None:
        if not self._selection_pending:
            self._selection_pending = True
            QTimer.singleShot(0, self, self._emit_selection)  # dropped if the scene goes

    def _emit_selection(self) -> None:
        self._selection_pending = False
        self.selectionChanged.emit()

    def _batch_select(self, items: list, clear: bool) -> None:
        # Qt emits selectionChanged for every item; listeners that read the
        # whole selection would make selecting n nodes cost n^2.
        was = self.signalsBlocked()
        self.blockSignals(True)
        try:
            if clear:
                self.clearSelection()
            for it in items:
                it.setSelected(True)
        finally:
            self.blockSignals(was)
            self._sel.reset()
        if not was:
            self.selectionChanged.emit()

    def _selection_changed(self) -> None:
        # Guarded: also called while Qt tears the scene down item by item,
        # when the scene or its overview layer may already be gone.
        if not (shiboken6.isValid(self) and shiboken6.isValid(self._layer)):
            return
        self._sel.reset()
        selected = self._sel.items()
        now = {it.key for it in selected if isinstance(it, EdgeItem)}
        for key in self._styled_wires ^ now:
            e = self._edges.get(key)
            if e is not None:
                if key not in now:
                    e.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
                e.restyle()
                self._layer.wire_changed(e)
        self._styled_wires = now
        cards = {it for it in selected if isinstance(it, NodeItem)}
        self._layer.nodes_changed(cards ^ self._selected_cards)  # only the cards whose selection changed
        self._selected_cards = cards
