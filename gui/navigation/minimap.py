"""The minimap: the whole graph, small, in the canvas's bottom-right corner,
with the part the view shows as a rectangle; click or drag in it to move
the view there.

It is cheap by construction. The graph is drawn once into an image from
the model's positions (each card a block, a folded group its card, an open
group its frame) and drawn again only after an edit, a move or a fold, at
most once per ``REDRAW_MS`` however many edits came. Scrolling and zooming
the canvas only move the rectangle: one image blit and one rectangle per
frame, nothing per node."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QWidget

from core.graph.find import card_of_nodes, shown_cards
from gui.canvas.view import GraphView
from gui.common import style as S
from gui.document.document import Document

SIZE = QSize(240, 160)  # at most; a tall or wide graph gets a narrower map
#: ... and at most this share of the canvas each way (a third of a 1024×700 window's canvas: t73 #8)
SHARE = 0.22
MIN_SIDE = 72
MIN_VIEW = 8  # the view's rectangle is never smaller than this (px)
EDGE_IN = 2  # the view's rectangle stays this far inside the map's border (px)
MARGIN = 12
PAD = 6  # inside the border, around the graph
REDRAW_MS = 150
BG = QColor("#ffffff")
BORDER = QColor("#c5cad3")
NODE = QColor("#8b93a3")
LEAF = QColor("#6cc196")
CARD = QColor("#7b8fd8")
VIEW_FILL = QColor(59, 130, 246, 40)
VIEW_EDGE = QColor("#3b82f6")
MARKS = S.FIND_MARK


class Minimap(QWidget):
    """See the module docstring. ``redraws`` counts the pictures drawn."""

    def __init__(self, view: GraphView, document: Document) -> None:
        super().__init__(view)  # over the viewport, not in it: it must not scroll
        self.setObjectName("minimap")
        self._most = SIZE  # the size it may take in the canvas it was drawn for
        self.setFixedSize(SIZE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The whole graph: click or drag to move the view (View › Minimap hides it)")
        self._view, self._doc = view, document
        self._image: QImage | None = None
        self._world = QRectF()  # the scene rect the image shows
        self._scale = 1.0  # minimap pixels per scene unit
        self._offset = QPointF()  # where the world's top-left is drawn
        self._seen = QRectF()  # the view's scene rect at the last paint
        self._marks: list[QPointF] = []
        self._current: QPointF | None = None
        self._mark_pts: list[QPointF] = []
        self.redraws = 0
        self.wanted = False  # View › Minimap is on
        self._timer = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._timer.timeout.connect(self.redraw)
        document.structure_changed.connect(self.invalidate)
        document.nodes_moved.connect(self.invalidate)
        document.replaced.connect(self._replaced)
        self._groups = document.model.groups
        self._groups.changed.connect(self.invalidate)
        view.viewport().installEventFilter(self)
        self.hide()

    # ------------------------------------------------------------ when to draw
    def set_wanted(self, on: bool) -> None:
        """View › Minimap: shown while on and the graph is not empty."""
        self.wanted = on
        self.setVisible(on and len(self._doc.model) > 0)

    def fit_again(self) -> None:
        """A view as Fit left it fits again: its graph beside the map, not
        under it (gui/canvas/fit_room.py), or back in the map's room."""
        if self._view.is_fitted:
            self._view.fit_all()

    def invalidate(self, *_: object) -> None:
        """The graph changed: draw it again soon (many changes, one drawing)."""
        self._image = None
        if self.wanted and self.isVisible() != (len(self._doc.model) > 0):
            self.set_wanted(True)
        # (shown just now, by a graph in place of an empty one: drawn as it
        # showed, not again a moment later: 37 ms at 50,000 nodes)
        if self.isVisible() and self._image is None and not self._timer.isActive():
            self._timer.start()

    def _replaced(self) -> None:
        self._groups.changed.disconnect(self.invalidate)
        self._groups = self._doc.model.groups
        self._groups.changed.connect(self.invalidate)
        self._marks, self._current = [], None
        self.invalidate()
        if self.isVisible():  # now: the new graph's fit needs the map's size
            if self._image is None:
                self.redraw()
            self.fit_again()

    @property
    def marks(self) -> list[QPointF]:
        return list(self._marks)

    def set_current(self, point: QPointF | None) -> None:
        """The scene point of Find's current match (ringed), or None."""
        self._current = point
        self.update()

    def set_marks(self, points: list[QPointF]) -> None:
        """Scene points to mark on the map (Find's matches)."""
        self._marks = points
        self._map_marks()
        self.update()

    def showEvent(self, event) -> None:
        self._place()
        if self._image is None or self._room() != self._most:  # (the canvas resized while hidden)
            self.redraw()
        super().showEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        t = event.type()
        if t == QEvent.Type.Resize:
            if self._room() != self._most and self.isVisible():  # a smaller or larger canvas: drawn
                self._timer.start()  # to its share once the resizing rests (not at each of its steps)
            self._place()
        elif t == QEvent.Type.Paint and self.isVisible() and self._visible_rect() != self._seen:
            self.update()  # the view scrolled or zoomed: move the rectangle
        return False

    def _room(self) -> QSize:
        """The most the map may take: :data:`SIZE`, or less in a small canvas."""
        vp = self._view.viewport()
        w = max(MIN_SIDE, min(SIZE.width(), round(vp.width() * SHARE)))
        return QSize(w, max(MIN_SIDE, min(SIZE.height(), round(vp.height() * SHARE))))

    def _place(self) -> None:
        vp = self._view.viewport().geometry()
        self.move(vp.right() - self.width() - MARGIN + 1, vp.bottom() - self.height() - MARGIN + 1)
        self.raise_()

    # ------------------------------------------------------------ drawing the graph
    def redraw(self) -> None:
        """Draw the graph into the cached image (from the model's positions)."""
        self._timer.stop()
        self.redraws += 1
        m, folding = self._doc.model, self._view.graph_scene().folding
        hidden = card_of_nodes(m.groups, shown_cards(m.groups))  # drawn as their groups' cards
        leaves: list[tuple[float, float]] = []
        ops_: list[tuple[float, float]] = []
        for n, a in m.graph.nodes(data=True):
            if n not in hidden:
                (leaves if a["op"] == "leaf" else ops_).append((a.get("x", 0.0), a.get("y", 0.0)))
        world = QRectF()
        if leaves or ops_:
            xs = [p[0] for p in leaves] + [p[0] for p in ops_]
            ys = [p[1] for p in leaves] + [p[1] for p in ops_]
            x0, y0 = min(xs) - S.NODE_W / 2, min(ys) - S.NODE_H / 2
            world = QRectF(x0, y0, max(xs) - x0 + S.NODE_W / 2, max(ys) - y0 + S.NODE_H / 2)
        cards = [c.mapRectToScene(c.rect()) for c in folding.cards() if c.isVisible()]
        frames = [
            f.outline() for gid in m.groups.ids() if (f := folding.frame(gid)) is not None and f.isVisible()
        ]
        for r in cards + frames:
            world = r if world.isNull() else world.united(r)
        self._world = world
        most = self._most = self._room()
        if world.isNull() or world.width() <= 0 or world.height() <= 0:
            self.setFixedSize(most)
            self._image = QImage()
            self._map_marks()
            self.update()
            return
        # as wide and tall as the graph's shape needs, within SIZE
        room = QSizeF(most.width() - 2 * PAD, most.height() - 2 * PAD)
        s = min(room.width() / world.width(), room.height() / world.height())
        self.setFixedSize(
            max(MIN_SIDE, round(world.width() * s) + 2 * PAD),
            max(MIN_SIDE, round(world.height() * s) + 2 * PAD),
        )
        self._place()
        inner = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        self._scale = s
        self._offset = QPointF(
            inner.left() + (inner.width() - world.width() * s) / 2,
            inner.top() + (inner.height() - world.height() * s) / 2,
        )
        img = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(BG)
        p = QPainter(img)
        self._draw_blocks(p, [(NODE, ops_), (LEAF, leaves)])
        p.setPen(QPen(S.GROUP_BORDER, 1.0, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for r in frames:
            p.drawRect(self.to_map(r))
        p.setPen(QPen(CARD, 1.0))
        p.setBrush(S.GROUP_CARD)
        for r in cards:
            p.drawRect(self.to_map(r))
        p.end()
        self._image = img
        self._map_marks()
        self.update()

    def _draw_blocks(self, p: QPainter, kinds: list[tuple[QColor, list[tuple[float, float]]]]) -> None:
        """A block per card. When a card is under two pixels on the map, the
        cards become pixels of one mask image (many share a pixel): one pass
        of integer arithmetic per card and one image drawn, not a rectangle
        per card."""
        s, o, wr = self._scale, self._offset, self._world
        ox, oy = o.x() - wr.left() * s, o.y() - wr.top() * s  # map = scene * s + (ox, oy)
        bw, bh = S.NODE_W * s, S.NODE_H * s
        x_off, y_off = ox - bw / 2, oy - bh / 2  # a card's top-left
        if bw >= 2 and bh >= 2:
            p.setPen(Qt.PenStyle.NoPen)
            for color, pts in kinds:
                p.setBrush(color)
                p.drawRects([QRectF(x * s + x_off, y * s + y_off, bw, bh) for x, y in pts])
            return
        W, H = self.width(), self.height()
        mask = bytearray(W * H)
        for k, (_color, pts) in enumerate(kinds, start=1):
            for i in {int(y * s + y_off) * W + int(x * s + x_off) for x, y in pts}:
                if 0 <= i < len(mask):
                    mask[i] = k
        data = bytes(mask)  # alive while the image that borrows it is drawn
        img = QImage(data, W, H, W, QImage.Format.Format_Indexed8)
        img.setColorTable([0] + [c.rgba() for c, _ in kinds])
        p.drawImage(0, 0, img)

    def picture(self) -> QImage | None:
        """The cached drawing of the graph (None until drawn again)."""
        return self._image

    @property
    def seen(self) -> QRectF:
        """The view's scene rect as the rectangle last showed it."""
        return QRectF(self._seen)

    @property
    def scale(self) -> float:
        """Minimap pixels per scene unit."""
        return self._scale

    def to_map(self, r: QRectF) -> QRectF:
        """Where the scene rect ``r`` is on the minimap."""
        s, o, w = self._scale, self._offset, self._world
        return QRectF(
            o.x() + (r.left() - w.left()) * s, o.y() + (r.top() - w.top()) * s, r.width() * s, r.height() * s
        )

    def _map_marks(self) -> None:
        s, o, w = self._scale, self._offset, self._world
        self._mark_pts = [
            QPointF(o.x() + (p.x() - w.left()) * s, o.y() + (p.y() - w.top()) * s) for p in self._marks
        ]

    # ------------------------------------------------------------ painting a frame
    def _visible_rect(self) -> QRectF:
        v = self._view
        return v.mapToScene(v.viewport().rect()).boundingRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            self.redraw()
        p = QPainter(self)
        p.fillRect(self.rect(), BG)
        if self._image is not None and not self._image.isNull():
            p.drawImage(0, 0, self._image)
        if self._mark_pts:
            pen = QPen(MARKS, 4.0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawPoints(self._mark_pts)
        if self._current is not None and not self._world.isNull():
            p.setPen(QPen(MARKS, 2.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.drawEllipse(self.map_pos(self._current), 6.0, 6.0)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._seen = self._visible_rect()
        if not self._world.isNull():
            p.setPen(QPen(VIEW_EDGE, 1.5))
            p.setBrush(VIEW_FILL)
            if not (box := self.view_box()).isNull():
                p.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
        p.setPen(QPen(BORDER, 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def view_box(self) -> QRectF:
        """The view's rectangle as drawn: at least ``MIN_VIEW`` px (zoomed far
        in it stays findable) and kept inside the map, so that all four edges
        show when the view takes in space beyond the graph (a clipped
        rectangle read as a map with no view on it); null when the view is
        off the map."""
        r = self.to_map(self._seen)
        if r.width() < MIN_VIEW or r.height() < MIN_VIEW:
            c = r.center()
            r.setSize(QSizeF(max(r.width(), MIN_VIEW), max(r.height(), MIN_VIEW)))
            r.moveCenter(c)
        inside = QRectF(self.rect()).adjusted(EDGE_IN, EDGE_IN, -EDGE_IN, -EDGE_IN)
        if not r.intersects(inside):
            return QRectF()  # the view is off the map: a box at its edge would say it is there
        left = min(max(r.left(), inside.left()), inside.right() - MIN_VIEW)
        top = min(max(r.top(), inside.top()), inside.bottom() - MIN_VIEW)
        right = max(min(r.right(), inside.right()), left + MIN_VIEW)
        bottom = max(min(r.bottom(), inside.bottom()), top + MIN_VIEW)
        return QRectF(QPointF(left, top), QPointF(right, bottom))

    # ------------------------------------------------------------ moving the view
    def scene_pos(self, pos: QPointF) -> QPointF:
        """The scene point under minimap point ``pos``."""
        s, o, w = self._scale, self._offset, self._world
        return QPointF(w.left() + (pos.x() - o.x()) / s, w.top() + (pos.y() - o.y()) / s)

    def map_pos(self, scene: QPointF) -> QPointF:
        """Where scene point ``scene`` is on the minimap."""
        s, o, w = self._scale, self._offset, self._world
        return QPointF(o.x() + (scene.x() - w.left()) * s, o.y() + (scene.y() - w.top()) * s)

    def _go(self, event: QMouseEvent) -> None:
        if not self._world.isNull():
            self._view.centerOn(self.scene_pos(event.position()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self._go(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.accept()  # not passed on to the canvas, which would zoom about a wrong point
