"""The wires that stay put while cards or a wire are dragged, drawn as one picture.

A card dragged at a readable zoom repaints, every frame, the area its wires
span; a wire to a card far away spans the whole view, so each frame would
stroke every wire on screen again (hundreds of antialiased curves: 70 ms a
frame at 5,000 nodes). When the drag starts, :class:`StillWires` paints the
wires that will not move, once, into a picture the size of the view, and
hides their items; the view draws the picture behind the cards (where those
wires are drawn anyway), and each frame paints only the cards and the wires
that move. When the drag ends, or the view scrolls or zooms, the wires are
shown again as they are now.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsView, QStyleOptionGraphicsItem

from gui.canvas.scene import GraphScene
from gui.canvas.wires import wire_paint
from gui.canvas.wires.wire_cells import WireBox
from gui.canvas.wires.wire_item import EdgeItem

Key = tuple[str, str, int]


class StillWires:
    """The still wires of ``view``'s scene while a drag goes on."""

    def __init__(self, view: QGraphicsView) -> None:
        self._view = view
        self._picture: QPixmap | None = None
        self._area = QRectF()  # the scene area the picture shows
        self._transform = QTransform()
        self._hidden: list[EdgeItem] = []
        #: How many wires the last freeze looked at (tests: those near the view, not all).
        self.looked_at = 0

    @property
    def active(self) -> bool:
        return self._picture is not None

    def hidden(self) -> list[EdgeItem]:
        """The wire items the picture stands for."""
        return list(self._hidden)

    def freeze(self, moving: set[Key]) -> None:
        """A drag starts: picture every shown wire in view but those of ``moving``."""
        view = self._view
        sc = view.scene()
        if self._picture is not None or not isinstance(sc, GraphScene) or sc.far:
            return
        sc.through.release(moving)  # those following the cards get items (through_wires.py)
        ghosts = sc.wires.ghosts  # and those drawn by their cells (cell_ghosts.py)
        for key in [k for k in moving if k in ghosts]:
            sc.wires.get(key)
        vp = view.viewport()
        area = view.mapToScene(vp.rect()).boundingRect()
        # the wires filed in the cells there (gui/canvas/wires/wire_cells.py), not every wire of the graph
        near = set(sc.detail.top.wires_near(area))
        for box in sc.folding.wire_boxes():
            if isinstance(box, WireBox) and box.isVisible():
                near.update(box.wires_near(area))
        still = [
            e
            for e in sc.wires.made_items()  # every wire in view has its item (lazy_wires.py); in their order
            if e in near
            and e.isVisible()
            and e.flow is None
            and e.key not in moving
            and e.sceneBoundingRect().intersects(area)
        ]
        self.looked_at = len(near)
        if not still:
            return
        dpr = vp.devicePixelRatioF()
        pm = QPixmap(round(vp.width() * dpr), round(vp.height() * dpr))
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHints(view.renderHints())
        p.setTransform(view.viewportTransform())
        option = QStyleOptionGraphicsItem()
        option.exposedRect = area
        with wire_paint.PASS.painting(area, view.transform().m11(), len(sc.wires), sc.linked):
            wire_paint.PASS.batched = sc.through.keys  # drawn by that layer, over the picture
            for e in still:  # as the item paints itself, in stacking order (all have z 0)
                e.paint(p, option, None)
        p.end()
        for e in still:
            e.setVisible(False)
        self._picture, self._area, self._hidden = pm, area, still
        self._transform = view.viewportTransform()
        view.resetCachedContent()  # the background (which draws the picture) is cached

    def thaw(self) -> None:
        """The drag ended (or the view moved): show the wires again, each as
        the scene would show it now (a wire removed meanwhile stays gone)."""
        if self._picture is None:
            return
        hidden, self._hidden, self._picture = self._hidden, [], None
        sc = self._view.scene()
        if isinstance(sc, GraphScene):
            for e in hidden:
                s, t, p = e.key
                if sc.edge_item(s, t, p) is e:
                    e.setVisible(not sc.far and e.key != sc.hidden_wire and not sc.folding.wire_hidden(s, t))
        self._view.resetCachedContent()

    def draw(self, painter: QPainter) -> None:
        """Draw the picture (from the view's background); if the view moved
        since, thaw instead (at the next turn: not while painting)."""
        if self._picture is None:
            return
        if self._view.viewportTransform() != self._transform:
            QTimer.singleShot(0, self._view, self.thaw)
        painter.drawPixmap(self._area, self._picture, QRectF(self._picture.rect()))
