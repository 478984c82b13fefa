"""What GraphScene's mixins (the per-edit and the batch handlers) may use of
it, declared once for the type checker; at run time, a plain base."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsScene

if TYPE_CHECKING:
    from core.graph.model import GraphModel
    from gui.canvas.cards.card_grid import CardGrid
    from gui.canvas.cards.card_parking import CardParking
    from gui.canvas.cards.card_shelves import CardShelves
    from gui.canvas.folding.fold_layer import FoldingLayer
    from gui.canvas.items import NodeItem
    from gui.canvas.overview.overview import OverviewLayer
    from gui.canvas.scene_interaction import SceneInteraction
    from gui.canvas.selection import SelectionCache
    from gui.canvas.wires.lazy_wires import LazyWires
    from gui.canvas.wires.wire_pool import WirePool
    from gui.canvas.zoom_detail import ZoomDetail

    _Base = QGraphicsScene
else:
    _Base = object


class SceneParts(_Base):
    """GraphScene's parts its mixins share (set in GraphScene.__init__)."""

    #: Every node's value as the whole graph's cards were just read with it
    #: (scene_batches.py: ``_add_whole``), till the batch's values_changed or
    #: its end: a card whose value is still the very same object shows it.
    _fresh: dict[str, float | None] | None = None
    #: True from the very graph's cards shown back (whole_graph.py) till its
    #: values_changed or its end: each card shows the value it showed, which
    #: is the model's (scene_mirror.py asks none).
    _shown_whole = False

    if TYPE_CHECKING:
        model: GraphModel
        _nodes: dict[str, NodeItem]
        _edges: LazyWires
        _grid: CardGrid
        _wide: set[str]
        _sel: SelectionCache
        _layer: OverviewLayer
        _far: bool
        _interaction: SceneInteraction
        folding: FoldingLayer
        _pool: WirePool
        parking: CardParking
        shelves: CardShelves
        hidden_wire: tuple[str, str, int] | None
        detail: ZoomDetail

        def nodes_moved(self, ids: Iterable[str]) -> None: ...
        def wire_ends(self, s: str, t: str, p: int) -> tuple[QPointF, QPointF]: ...
        def _selection_signal_later(self) -> None: ...
