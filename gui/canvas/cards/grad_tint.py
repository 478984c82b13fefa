"""Far out, each card's block tinted by the gradient it shows.

At a fitted MLP (10 % or less) a card is a block a few pixels wide: without
a tint, a finished Backward looked exactly like no Backward at all. The
tint is the card's own gradient colour (gui/common/grad_colors.py: hue by
sign, strength by size), made opaque and cut into a few steps, because the
overview draws in opaque colours only (gui/canvas/overview/overview_draw.py).

Up to ``TINT_MAX`` cards: each full repaint of the overview asks every
block's gradient (a lookup each, no note made), which is nothing for a
lecture's graph and tens of milliseconds per frame at 50,000 cards.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.cards.node_item import NodeItem
from gui.common import grad_colors
from gui.common import style as S

if TYPE_CHECKING:
    from gui.canvas.part_hosts import CardsHost

#: The most cards whose blocks are tinted.
TINT_MAX = 5000
#: Steps of strength per sign.
LEVELS = 4
#: A gradient of exactly zero (a vanishing one), and a non-finite one.
ZERO, NONFINITE = 2 * LEVELS, 2 * LEVELS + 1
#: How far inside its block a tint stays: the block's own colour (leaf
#: green, op grey) still rims it where a card is a few pixels wide.
INSET = 14.0

Tint = Callable[[str], "int | None"]


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@functools.cache
def colors() -> tuple[QColor, ...]:
    """The tints by index: negative ones weakest first, positive ones, zero, non-finite."""
    steps = [(k + 1) / LEVELS for k in range(LEVELS)]
    neg = [_mix(S.CARD, grad_colors.NEGATIVE, 0.2 + 0.7 * t) for t in steps]
    pos = [_mix(S.CARD, grad_colors.POSITIVE, 0.2 + 0.7 * t) for t in steps]
    return (*neg, *pos, _mix(S.CARD, grad_colors.ZERO, 0.35), QColor(grad_colors.NONFINITE))


def index(g: float | None) -> int | None:
    """Which of :func:`colors` tints a block showing ``g`` (None: no gradient, no tint)."""
    if g is None:
        return None
    if not math.isfinite(g):
        return NONFINITE
    if g == 0.0:
        return ZERO
    k = min(LEVELS - 1, int(grad_colors.strength(g) * LEVELS))
    return k if g < 0 else LEVELS + k


def tint_of(scene: CardsHost) -> Tint | None:
    """The tint of each node's block in ``scene`` now, or None when none is
    drawn (no pass on the board, or more cards than ``TINT_MAX``)."""
    board, nodes = scene.board, scene.node_map()
    if not board.active or len(nodes) > TINT_MAX:
        return None
    item = nodes.get

    def of(n: str) -> int | None:
        it = item(n)
        return None if it is None else index(it.grad_on(board))

    return of


class TintedLayer(Protocol):
    """The overview layer, as the tints tell it what to draw again."""

    def update(self) -> None: ...
    def node_changed(self, it: NodeItem) -> None: ...


class TintWatch:
    """Tells the overview ``layer`` of ``scene`` where its tints changed: a
    card's gradient (its block), or every block (a pass started, jumped or
    was cleared). Also while the layer is hidden (near): it keeps its
    picture up to date for the next time the view is far out."""

    def __init__(self, scene: CardsHost, layer: TintedLayer) -> None:
        self._scene, self._layer = scene, layer
        self._on = False  # tints were drawn at the last change of every block

    def decoration_changed(self, item: QGraphicsItem | None) -> None:
        on = tint_of(self._scene) is not None
        if item is None:
            if on or self._on:
                self._layer.update()
            self._on = on
        elif on and isinstance(item, NodeItem):
            self._layer.node_changed(item)
