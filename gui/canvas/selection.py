"""The scene's selection, read from Qt at most once per change.

Select All on 50,000 cards emits one selectionChanged, but each of its
listeners (the scene's own styling, Properties, the window's actions and
status line, the Chain Rule panel) asked Qt for every selected item and
sorted the selected ids again: five lists of 50,000 wrappers and three
sorts for one gesture. Here the items, the selected cards' ids and the
ordered ids are kept until the selection changes (the scene resets them
first thing on selectionChanged, and wherever it changes the selection with
its signals blocked) or the graph does (the order of the ids follows the
wires: reset before anyone else hears of an edit).

When the scene selects a batch itself (Select All, Find, a paste) it knows
what is selected: the cache is told (``prime``) rather than Qt asked, whose
answer is a new wrapper per item and whose ids cost an attribute read each
(≈ 100 ms for 50,000 cards). The far-zoom overview is handed the selected
ids (a set) and draws their blocks in the selection's colour over the
others, so no block changes colour one by one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui.canvas.items import EdgeItem, NodeItem

if TYPE_CHECKING:
    from core.graph.model import GraphModel
    from gui.canvas.folding.fold_layer import FoldingLayer
    from gui.canvas.overview.overview import OverviewLayer
    from gui.canvas.wires.lazy_wires import LazyWires

    _Base = QGraphicsScene
else:
    _Base = object

#: Before any other listener of the model (psygnal calls higher priorities first).
_FIRST = 1000


class SelectionCache:
    """``scene.selectedItems()`` and the selected node ids in order, kept
    between changes."""

    __slots__ = (
        "_scene",
        "_ids_of",
        "_items",
        "_ids",
        "_cards",
        "_wires",
        "_model",
        "_primed",
        "_bare",
        "every",
        "reads",
    )

    def __init__(
        self,
        scene: QGraphicsScene,
        ids_of: Callable[[set[str]], list[str]],
        bare: Callable[[], bool] | None = None,
    ) -> None:
        """``ids_of``: the ordered node ids the selected cards' ids stand for;
        ``bare``: True while the scene has nothing that can be selected."""
        self._scene = scene
        self._ids_of = ids_of
        self._bare = bare
        self._items: list[QGraphicsItem] | None = None
        self._ids: list[str] | None = None
        self._cards: set[str] | None = None
        self._wires: set[tuple[str, str, int]] | None = None
        self._model: GraphModel | None = None
        self._primed = False
        #: True while every card is selected (Select All; until the selection
        #: or the graph changes): who needs to know is spared a pass over 50,000 ids.
        self.every = False
        #: How often Qt was asked for the selection (tests count it: at most once per change).
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
        self._cards = self._wires = None
        self._primed = self.every = False

    def prime(
        self,
        items: list[QGraphicsItem],
        cards: set[str],
        wires: set[tuple[str, str, int]],
        every: bool = False,
    ) -> None:
        """The scene selected these ``items`` itself: its selected cards'
        ids are ``cards`` (``every``: every card of the scene), its selected
        wires ``wires`` (kept through the selectionChanged the scene emits
        next: see ``take_primed``)."""
        self._items, self._cards, self._wires = items, cards, wires
        self._ids = None
        self._primed, self.every = True, every

    def take_primed(self) -> bool:
        """True once after ``prime``: the selectionChanged being handled is
        the scene's own, and the cache already holds its answer."""
        primed, self._primed = self._primed, False
        return primed

    def items(self) -> list[QGraphicsItem]:
        """The selected items (a list shared by the callers: do not change it)."""
        if self._items is None:
            if self._bare is not None and self._bare():
                # nothing to select (every card parked): nothing selected, Qt not asked, whose
                # answer then would drop each card it had selected (50,000 after Select All)
                self._items = []
            else:
                self.reads += 1
                self._items = QGraphicsScene.selectedItems(self._scene)  # Qt's own (the scene overrides it)
        return self._items

    def cards(self) -> set[str]:
        """The node ids of the selected cards (shared: do not change it)."""
        if self._cards is None:
            self._cards = {it.node_id for it in self.items() if isinstance(it, NodeItem)}
        return self._cards

    def wires(self) -> set[tuple[str, str, int]]:
        """The keys of the selected wires (shared: do not change it)."""
        if self._wires is None:
            self._wires = {it.key for it in self.items() if isinstance(it, EdgeItem)}
        return self._wires

    def ids(self) -> list[str]:
        """The selected node ids, inputs before consumers (shared: do not change it)."""
        if self._ids is None:
            self._ids = self._ids_of(self.cards())
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

    def selectedItems(self) -> list[QGraphicsItem]:
        """Qt's answer, asked once per change of the selection (gui/canvas/selection.py)."""
        return list(self._sel.items())

    def selected_ids(self) -> list[str]:
        """Ids of the selected nodes, inputs before consumers."""
        return list(self._sel.ids())

    def selected_node_set(self) -> set[str]:
        """The ids of :meth:`selected_ids`, unordered (shared: do not change
        it): for who needs only how many or which one, without putting
        50,000 ids in the graph's order at Select All."""
        if self.folding.selected_groups():  # a folded group stands for its nodes
            return set(self._sel.ids())
        return self._sel.cards()

    def selected_group(self, sel: set[str]) -> str | None:
        """The group whose nodes are exactly ``sel``, the selected nodes (a
        folded card selected, an open group's name tab clicked, a group Find
        found by its name, the folded cards just grouped), if any: looked for
        among the groups around one selected node or card, each group's nodes
        counted before they are compared (Select All at 50,000 nodes)."""
        gs = self.model.groups
        if len(sel) < 2 or not len(gs):
            return None
        cards = self.folding.selected_groups()
        g = cards[0] if cards else gs.group_of(next(iter(sel)))
        while g is not None:
            nodes = gs.nodes_in(g)
            if len(nodes) == len(sel) and nodes == sel:
                return g
            if len(nodes) > len(sel):
                return None
            g = gs.get(g).parent
        return None

    def _bare(self) -> bool:
        """True if the scene shows no card, no wire and no folded group (the
        whole graph deleted: its cards parked, hidden): nothing selectable."""
        return not self._nodes and not len(self._edges) and not self.folding.cards()

    def _ids_of(self, cards: set[str]) -> list[str]:
        # every card: in the order they were made, which is near the graph's
        # order (sorted in about one pass), not the set's
        ids = list(self._nodes) if len(cards) == len(self._nodes) else list(cards)
        for gid in self.folding.selected_groups():  # a folded group stands for its nodes
            ids.extend(self.model.groups.nodes_in(gid))
        return self.model.topological_order(ids)

    def selected_wires(self) -> list[tuple[str, str, int]]:
        return list(self._sel.wires())

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these nodes, with one selectionChanged."""
        nodes = self._nodes
        chosen = dict.fromkeys(n for n in ids if n in nodes)
        self._batch_select([nodes[n] for n in chosen], set(chosen), clear=True)

    def select_all(self) -> None:
        # the folded groups' cards too, each standing for its nodes (Ctrl+A, Delete took
        # the loose cards only and left every folded group: a trial's MLP of 10,720 nodes)
        folded = self.folding.cards()
        self._batch_select(list(self._nodes.values()), set(self._nodes), clear=False, every=True, also=folded)

    def all_selected(self) -> bool:
        """True if every card is selected (Select All, nothing changed since):
        known without a pass over the selected ids."""
        return self._sel.every

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

    def _batch_select(
        self, items: list[NodeItem], ids: set[str], clear: bool, every: bool = False, also: Sequence = ()
    ) -> None:
        """Select the cards ``items`` (of the node ids ``ids``; ``every``:
        every card) and the folded groups' cards ``also``, after clearing the
        selection if ``clear``, with one selectionChanged."""
        # Qt emits selectionChanged for every item; listeners that read the
        # whole selection would make selecting n nodes cost n^2.
        sel = self._sel
        if clear:
            before: list[QGraphicsItem] = []
            cards: set[str] = set()
            wires: set[tuple[str, str, int]] = set()
        else:  # what stays selected (read before the change, while the cache holds it; not changed)
            before, cards, wires = sel.items(), sel.cards(), set(sel.wires())
        was = self.signalsBlocked()
        self.blockSignals(True)
        try:
            if clear:
                self.clearSelection()
            # one C++ call a card, no Python loop around it (50,000 at Select All)
            deque(map(QGraphicsItem.setSelected, items, repeat(True)), maxlen=0)
            deque(map(QGraphicsItem.setSelected, also, repeat(True)), maxlen=0)
        finally:
            self.blockSignals(was)
        if self.folding.cards():  # a card folded into a group is hidden: Qt does not select it
            items = [it for it in items if it.isSelected()]
            ids = {it.node_id for it in items}
            every = False
        new = [it for it in before if not isinstance(it, NodeItem) and it not in also]  # wires, groups' cards
        new += also
        cards = cards | ids if cards else ids  # (no copy of 50,000 ids at Select All)
        nodes = self._nodes
        new += list(nodes.values()) if len(cards) == len(nodes) else [nodes[n] for n in cards]
        sel.prime(new, cards, wires, every)
        if not was:
            self.selectionChanged.emit()
        else:  # whoever blocked the signals changes more: read Qt's answer when asked
            sel.reset()

    def _selection_changed(self) -> None:
        # Guarded: also called while Qt tears the scene down item by item,
        # when the scene or its overview layer may already be gone.
        if not (shiboken6.isValid(self) and shiboken6.isValid(self._layer)):
            return
        if not self._sel.take_primed():  # Qt changed it (a click, a rubber band): ask Qt
            self._sel.reset()
        now = set(self._sel.wires())
        for key in self._styled_wires ^ now:
            e = self._edges.get(key)
            if e is not None:
                if key not in now:
                    e.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
                e.restyle()
                self._layer.wire_changed(e)
        self._styled_wires = now
        # only the cards whose selection changed are redrawn
        self._layer.set_picked(self._sel.cards(), self._sel.every)
