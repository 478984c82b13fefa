"""What a view tells the wires while it paints: which of them pass through.

A readable (near) view of a big graph is crossed by thousands of wires whose
ends are far off screen (a node's input drawn from anywhere in the graph).
Qt strokes an antialiased 2 px curve at 0.2–0.6 ms, so a frame that repaints
the view strokes them all for most of a second. Such a wire, a plain one
(not selected, not carrying the backward pass's gradient, not weighted by
Gradient Flow) much longer than the view, is drawn as a 1 px hairline, the
pen a zoomed-out view uses already, which Qt's cosmetic stroker draws several
times faster. On a small graph nothing changes: a view cannot be crossed by
many wires when the graph has few.

The rule depends only on the view (its size in scene units) and the wire,
never on the part being repainted, so a partial repaint draws the same
pixels as a whole one. :class:`PaintPass` holds that view while the view
paints (``GraphView.paintEvent``, ``StillWires.freeze``); outside it (an
image export, a grab of another widget) every wire is drawn as before.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterator
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QRectF

#: From this many wires in the scene a view can be crowded with long wires.
CROWDED_WIRES = 2000
#: A wire wider or taller than this many views passes through the view.
THROUGH = 2.0
#: A linked copy's stub (gui/canvas/linked/copy_item.py's STUB): what its wire draws.
LINK_STUB = 12.0


class Linked(Protocol):
    """What a wire asks of its scene's linked copies as it paints."""

    def is_linked(self, key: tuple[str, str, int]) -> bool: ...

    @property
    def version(self) -> int: ...


class PaintPass:
    """The view being painted, as the wires need it (one at a time)."""

    __slots__ = ("long_w", "long_h", "through", "box", "thin", "thick", "batched", "zoom", "links")

    def __init__(self) -> None:
        self.long_w = self.long_h = math.inf  # no view painting: no wire is long
        #: True while a crowded view paints; ``box`` is then what a hairline
        #: passing through is cut to: the view's scene rect and a pixel or
        #: two (in a wire's own coordinates: wires and their boxes stay at the origin).
        self.through = False
        self.box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
        #: Wires stroked as hairlines / at their full width since the counts were reset (tests).
        self.thin = 0
        self.thick = 0
        #: The keys of the wires the view's through-wire layer draws this
        #: paint (gui/canvas/wires/through_wires.py): their items draw no hairline.
        self.batched: Container[tuple[str, str, int]] = frozenset()
        #: The view's scale while it paints (a wire's level of detail: wires sit at the
        #: scene's origin, untransformed); None outside a view's paint (an image rendered).
        self.zoom: float | None = None
        #: The painted scene's linked copies (gui/canvas/linked/copies.py), asked whether a
        #: wire is drawn as one: once a paint, not found through the scene by each wire.
        self.links: Linked | None = None

    def passes_through(self, bounds: QRectF) -> bool:
        """True for a wire with ``bounds`` (scene units) drawn as a hairline."""
        return bounds.width() > self.long_w or bounds.height() > self.long_h

    @contextmanager
    def painting(self, seen: QRectF, zoom: float, wires: int, links: Linked | None = None) -> Iterator[None]:
        """While the body runs, a view showing ``seen`` (scene rect) at
        ``zoom`` of a scene with ``wires`` wires (``links``: its linked copies) paints."""
        old = self.long_w, self.long_h, self.through, self.box, self.batched, self.zoom, self.links
        self.zoom, self.links = zoom, links
        self.through = crowded(wires, seen)
        if self.through:
            self.long_w, self.long_h = THROUGH * seen.width(), THROUGH * seen.height()
            pad = 3.0 / max(zoom, 1e-6)  # a hairline's width and a pixel either side
            self.box = (seen.left() - pad, seen.top() - pad, seen.right() + pad, seen.bottom() + pad)
        else:
            self.long_w = self.long_h = math.inf
        try:
            yield
        finally:
            self.long_w, self.long_h, self.through, self.box, self.batched, self.zoom, self.links = old


def crowded(wires: int, seen: QRectF) -> bool:
    """Is a view showing ``seen`` of a scene with ``wires`` wires crowded (``PaintPass.through``)?"""
    return wires >= CROWDED_WIRES and not seen.isEmpty()


#: The one pass (Qt paints one view at a time, on the GUI thread).
PASS = PaintPass()
