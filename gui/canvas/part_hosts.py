"""What the canvas's layers (the overview, the through wires, the notes'
placing, the blocks' tints) ask of the scene that holds them, as Protocols.

They sit below the scene and the folding layer (import-linter keeps them
there) yet read both at run time; naming what they read lets mypy check,
where the scene hands itself over, that it still offers all of it, and
makes the reach into the folding visible in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from core.graph.model import GraphModel
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.pass_board import PassBoard

#: A wire's key: (source, target, port).
WireKey = tuple[str, str, int]


class FrameSeen(Protocol):
    """An open group's frame: notes keep clear of its name tab."""

    def isVisible(self) -> bool: ...
    def mapRectToScene(self, rect: QRectF) -> QRectF: ...
    def title_rect(self) -> QRectF: ...


class FoldsSeen(Protocol):
    """The folding layer (gui/canvas/folding/fold_layer.py), as the layers
    below it see it: which group's box holds a card or a wire, whether that
    box is shown, and the folded cards and frames that notes keep clear of."""

    def box_shown(self, gid: str | None) -> bool: ...
    def node_box(self, node: str) -> str | None: ...
    def wire_box(self, key: WireKey) -> str | None: ...
    def cards(self) -> Sequence[QGraphicsItem]: ...
    def frame(self, gid: str) -> FrameSeen | None: ...


class WiresSeen(Protocol):
    """The scene's wires (gui/canvas/wires/lazy_wires.py): some have an item, the rest are keys."""

    version: int

    def __len__(self) -> int: ...
    def made_items(self) -> Sequence[QGraphicsItem]: ...
    def pending(self) -> Sequence[WireKey]: ...
    def rescan(self) -> None: ...


class CardsHost(Protocol):
    """What placing notes and tinting blocks read of the scene: its cards."""

    @property
    def model(self) -> GraphModel: ...
    @property
    def folding(self) -> FoldsSeen: ...
    @property
    def board(self) -> PassBoard: ...
    def node_map(self) -> Mapping[str, NodeItem]: ...
    def node_items_in(self, region: QRectF) -> list[NodeItem]: ...
    def views(self) -> list: ...


class OverviewHost(CardsHost, Protocol):
    """What the zoomed-out overview (gui/canvas/overview/) reads of the scene."""

    @property
    def wires(self) -> WiresSeen: ...
    @property
    def hidden_wire(self) -> WireKey | None: ...
    def node_items(self) -> Iterable[NodeItem]: ...
    def graph_rect(self) -> QRectF | None: ...
    def ids_near(self, region: QRectF) -> set[str]: ...
    def wire_ends(self, s: str, t: str, p: int) -> tuple[QPointF, QPointF]: ...
