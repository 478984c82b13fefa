"""The canvas view: zoom around the cursor, pan, fit, quick add; palette
drops and what adding a node asks of the editing layer are its base's
(gui/canvas/view_adding.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QContextMenuEvent, QCursor, QPainter, QPixmapCache, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from gui.canvas import fit_room, menu_point, scene_build
from gui.canvas.auto_pan import AutoPan
from gui.canvas.cards.card_text import FULL_ZOOM
from gui.canvas.grid_tile import GridTile
from gui.canvas.overlays import Overlays
from gui.canvas.pan import PanGestures
from gui.canvas.resize_cause import ResizeCause, readable_floor
from gui.canvas.scene import GraphScene
from gui.canvas.still_wires import StillWires
from gui.canvas.view_adding import NodeAdding
from gui.canvas.wires import wire_paint, wire_reach
from gui.common import style as S

if TYPE_CHECKING:
    from core.graph.model import GraphModel

ZOOM_MIN, ZOOM_MAX = 0.0002, 4.0  # 0.02%: Fit shows a 50,000-node graph whole
#: Fit never zooms in past this: a small graph is shown readable, not blown up to fill the canvas.
FIT_MAX = 1.25
#: Fit's margin round the graph: scene units, or screen pixels far out (``fit_of``).
FIT_MARGIN = 40.0
REACH_WIRES_MAX = 2_000  # Fit takes in the curves of graphs up to this many wires
WORLD = 100_000_000.0  # the view can pan anywhere (a 20,000-node chain in one row is 2.9 million wide; at the
# most zoom, 4, the scroll range is 8e8 px, inside a 32-bit int); the scene's own rect stays tight
#: (x scale, y scale, horizontal scroll, vertical scroll, the transform's x and y shift): what the view shows.
ViewState = tuple[float, float, int, int, float, float]
#: px spare_height leaves beyond the graph's least height (fit_room may zoom out a bit for a corner widget).
SPARE_SLACK = 8


class GraphView(NodeAdding):
    """A QGraphicsView on a GraphScene with the gestures of a node editor."""

    zoom_changed = Signal(float)
    #: A hint for the status line (how to pan, after a selection box that took nothing).
    said = Signal(str)

    def __init__(self, scene: GraphScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSceneRect(QRectF(-WORLD, -WORLD, 2 * WORLD, 2 * WORLD))
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: Middle drag, Space+drag, View › Pan with Left Drag, and the hint after an empty box (pan.py).
        self.pan = PanGestures(self)
        self._tile = GridTile()
        #: Where the zoom keys zoom about, if anywhere (a scene point; gui/backward/ sets it).
        self.zoom_focus: Callable[[], QPointF | None] | None = None
        self._over_port = False
        self.overlays = Overlays()  # the minimap and the Find bar over its corners
        # Cards cache their look as pixmaps; Qt's default 10 MB holds only a
        # few dozen zoomed-in cards, so raise it to keep them from thrashing.
        if QPixmapCache.cacheLimit() < 64 * 1024:
            QPixmapCache.setCacheLimit(64 * 1024)
        self._fit_state: ViewState | None = None  # right after the last fit
        self._resize_cause = ResizeCause(self)
        self._auto_pan = AutoPan(self)  # a drag near the edge scrolls
        #: While a drag goes on, the wires that stay put, as one picture (see still_wires).
        self.still = StillWires(self)
        self.centerOn(0, 0)

    def graph_scene(self) -> GraphScene:
        """The GraphScene shown (``scene()`` typed as what the view is given)."""
        sc = self.scene()
        assert isinstance(sc, GraphScene), sc
        return sc

    # ------------------------------------------------------------ zoom
    @property
    def zoom(self) -> float:
        """Current scale (1.0 = 100%)."""
        return self.transform().m11()

    def set_zoom(
        self,
        z: float,
        anchor_view_pos: QPointF | None = None,
        *,
        center: QPointF | None = None,
        then: Callable[[], object] | None = None,
    ) -> None:
        """Scale to ``z`` about the view's centre or ``anchor_view_pos``; then
        centred on scene point ``center`` if given, and moved by ``then``,
        before the scene hears of the zoom (a switch to near reveals that
        region only, not the old one's)."""
        self.still.thaw()  # its picture is of the view as it was
        z = min(ZOOM_MAX, max(ZOOM_MIN, z))
        f = z / self.zoom
        if anchor_view_pos is None:
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(f, f)
            self.setTransformationAnchor(old)
        else:
            before = self.mapToScene(anchor_view_pos.toPoint())
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            self.scale(f, f)
            after = self.mapToScene(anchor_view_pos.toPoint())
            d = after - before
            self.translate(d.x(), d.y())
            self.setTransformationAnchor(old)
        if center is not None:
            self.centerOn(center)
        if then is not None:
            then()
        self._zoomed()

    def _zoomed(self) -> None:
        self.graph_scene().set_view_zoom(self.zoom)
        self.zoom_changed.emit(self.zoom)

    def paintEvent(self, event) -> None:
        sc = self.scene()  # None for a last paint queued while the window closed
        if not isinstance(sc, GraphScene):
            super().paintEvent(event)
            return
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        if sc.far != sc.far_at(self.zoom):
            sc.set_view_zoom(self.zoom)
        elif not sc.far:  # the cards scrolled or zoomed into view draw their contents
            sc.detail.reveal(seen)
            sc.folding.seen(seen)  # (tabs of frames cut on the left kept in view)
        # the wires passing through a crowded view are drawn as hairlines (wire_paint)
        with wire_paint.PASS.painting(seen, self.zoom, len(sc.wires), sc.linked):
            sc.through.prepare()  # those without items: one layer (through_wires.py)
            super().paintEvent(event)

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(1 / 1.25)

    def zoom_by(self, f: float) -> None:
        """The keys' zoom: about ``zoom_focus()`` where that is in view (the
        step a pass shows: zoomed about the middle, a trial's step went off
        the edge), else about the middle."""
        at = self.zoom_focus() if self.zoom_focus is not None else None
        vp = self.mapFromScene(at) if at is not None else None
        self.set_zoom(
            self.zoom * f, QPointF(vp) if vp is not None and self.viewport().rect().contains(vp) else None
        )

    def zoom_reset(self) -> None:
        """Back to 100%, keeping the centre of the view where it is."""
        self.set_zoom(1.0)

    def graph_rect(self) -> QRectF | None:
        """The scene rect of every card shown (a folded group's included),
        or None for an empty graph (the scene keeps it: no pass over the cards)."""
        return self.graph_scene().graph_rect()

    def fit_chosen(self) -> None:
        """The user's Fit All: it fits again as panels open and close (resizeEvent), as the app's does."""
        self.fit_all()

    def fit_all(self) -> None:
        """Zoom and scroll so every node is in view, at most at ``FIT_MAX``,
        and no card under the widgets over the canvas's corners (fit_room)."""
        r = self.graph_rect()
        if r is None:
            self.resetTransform()
            self.centerOn(0, 0)
            self._zoomed()
            self._fit_state = self.view_state()
            return
        whole = r.united(self.wires_reach() or r)  # with the wires bulging out past the cards
        frames = self.graph_scene().folding.frames_rect()  # and nested frames reaching past them (t74)
        if frames is not None:
            whole = whole.united(frames)
        beside = self.graph_scene().linked.reach_past(whole)  # and the linked copies and badges
        centre, z = fit_room.fit_place(self, *self.fit_of(whole, beside), r)
        self.setTransform(QTransform.fromScale(z, z))  # unchanged (fitted already): no repaint
        self.centerOn(centre)
        self._zoomed()
        self._fit_state = self.view_state()

    def wires_reach(self, within: QRectF | None = None) -> QRectF | None:
        """``wire_reach.reach``: where a small graph's wires (ends in ``within``) bulge out past its cards."""
        return wire_reach.reach(self.graph_scene(), REACH_WIRES_MAX, within)

    def fit_of(self, r: QRectF, beside: QRectF | None = None) -> tuple[QRectF, float]:
        """``r`` with Fit's margin, and the zoom that shows it: 40 scene
        units, or 40 pixels far out (where 40 units are under a pixel and a
        card at the edge would be cut); and ``beside`` (fit_room.margined)."""
        m = FIT_MARGIN
        z = self._fit_zoom(fit_room.margined(r, beside, m))
        if z < S.FAR_ZOOM:
            m = FIT_MARGIN / z
            z = self._fit_zoom(fit_room.margined(r, beside, m))
        return fit_room.margined(r, beside, m), z

    def _fit_zoom(self, r: QRectF) -> float:
        """The zoom at which ``r`` (margins included) fills the view."""
        vp = self.viewport().rect()
        z = min(vp.width() / r.width(), vp.height() / r.height(), FIT_MAX)
        return min(ZOOM_MAX, max(ZOOM_MIN, z))

    def show_model(self, model: GraphModel) -> None:
        """Show a new document's ``model``: the scene builds its cards for the zoom the fit that
        follows will choose (a big graph is built far out, not near and then switched card by card)."""
        r = scene_build.extent(model)
        zoom = None if r is None else self.fit_of(r)[1]
        self.graph_scene().set_model(model, zoom)
        if zoom is not None:
            self.fit_all()  # now, so no frame shows the new cards at the old zoom

    def view_state(self) -> ViewState:
        """The zoom and scroll shown now (``restore`` puts them back)."""
        t, h, v = self.transform(), self.horizontalScrollBar(), self.verticalScrollBar()
        return (t.m11(), t.m22(), h.value(), v.value(), t.dx(), t.dy())  # (a zoom at the pointer shifts it)

    def restore(self, state: ViewState, fitted: bool = False) -> None:
        """Show ``state`` (``view_state``) again, exactly; ``fitted``: as a fit left it (resizes refit it)."""
        t = self.transform()
        if (state[0], state[1], state[4], state[5]) != (t.m11(), t.m22(), t.dx(), t.dy()):
            self.still.thaw()  # (its picture is of the view as it was)
            self.setTransform(QTransform(state[0], 0.0, 0.0, state[1], state[4], state[5]))
            self._zoomed()
        self.horizontalScrollBar().setValue(state[2])
        self.verticalScrollBar().setValue(state[3])
        self._fit_state = self.view_state() if fitted else self._fit_state

    @property
    def is_fitted(self) -> bool:
        """True while the view is as the last Fit left it (no zoom or pan since)."""
        return self._fit_state is not None and self._fit_state == self.view_state()

    def resizeEvent(self, event) -> None:
        """Keep the graph in view when the canvas changes size: a fitted view fits again, a graph wholly
        visible stays so; else the centre stays. When a panel did it (resize_cause), not below the zoom
        at which cards write their names, nor, where they did not, below the one at which they are blank
        blocks (a fit, which shows all of it: that one only); a fit so held
        stays one (kept_fit: the next resize, a panel closed, fits it again)."""
        fitted = self.is_fitted or self._resize_cause.kept_fit == self.view_state()
        by_panel = self._resize_cause.by_panel()
        whole_before = False
        old = event.oldSize()
        bounds = self.graph_rect()
        if bounds is not None and not fitted and old.width() > 0 and old.height() > 0:
            seen = self.mapToScene(QRect(0, 0, old.width(), old.height())).boundingRect()
            whole_before = seen.contains(bounds)
        super().resizeEvent(event)
        if bounds is not None and (fitted or whole_before):
            # a fit (the app's or the user's) stays one down to where the cards write a name or a
            # number: held where they write their names, it cut the cards at both edges (t67 #7)
            floor = readable_floor(self.zoom, self.graph_scene().far_zoom(), fitted) if by_panel else 0.0
            self.keep_whole(fitted, floor)
            self._resize_cause.kept_fit = self.view_state() if fitted and not self.is_fitted else None

    def shows_whole(self) -> bool:
        """Whether every card is in view (as Fit left it, or zoomed so)."""
        if self.is_fitted:
            return True
        bounds = self.graph_rect()
        return bounds is not None and self.mapToScene(self.viewport().rect()).boundingRect().contains(bounds)

    def spare_height(self, whole_cards: bool = False) -> int:
        """How many px a panel growing under or over the canvas may take from its height, a graph wholly
        in view staying whole (resizeEvent refits it, down to the zoom its cards write their names at,
        ``whole_cards``: all their parts, if they do now; past that it is cut); all if none is whole."""
        vp, bounds, z, scene = self.viewport().rect(), self.graph_rect(), self.zoom, self.graph_scene()
        floor = FULL_ZOOM if whole_cards and z >= FULL_ZOOM else readable_floor(z, scene.far_zoom())
        if bounds is None or floor <= 0.0 or not self.shows_whole():
            return vp.height()
        whole = bounds.united(self.wires_reach() or bounds)
        r, _ = self.fit_of(whole, self.graph_scene().linked.reach_past(whole))
        return max(0, vp.height() - math.ceil(r.height() * floor) - SPARE_SLACK)

    def keep_whole(self, fitted: bool, floor: float = 0.0) -> None:
        """After the canvas or the graph changed size (a dock, Expand All): a fitted view fits again;
        else the graph, wholly in view before, comes back whole (centred if it fits at this zoom, else
        fitted); never below ``floor``: there the middle of the graph in the middle."""
        bounds = self.graph_rect()
        if bounds is None:
            return
        z, vp = self.zoom, self.viewport().rect()
        # with the wires bulging past the cards (a canvas resized after the camera framed them: cut)
        for r in () if fitted else (bounds.united(self.wires_reach() or bounds), bounds):
            if self.mapToScene(vp).boundingRect().contains(r):
                return
            if r.width() * z <= vp.width() and r.height() * z <= vp.height():
                self.centerOn(r.center())
                return
        self.fit_all()
        if self.zoom < floor:
            self.set_zoom(floor, center=bounds.center())

    def bring_into_view(self, rect: QRectF) -> None:
        """``rect`` (with Fit's margin) wholly in view: centred at this zoom
        when it is not, zoomed out just enough when it is too big; never in."""
        r, z = self.fit_of(rect)
        if z < self.zoom:
            self.set_zoom(z, center=r.center())
        elif not self.mapToScene(self.viewport().rect()).boundingRect().contains(r):
            self.centerOn(r.center())

    def center_scene_pos(self) -> QPointF:
        """The scene point at the centre of the view."""
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event) -> None:
        d = event.angleDelta()
        if not d.y() and d.x():  # a tilted wheel or a sideways swipe moves along (a trial: it zoomed)
            self.pan.by(d.x() / 2, 0.0)
            event.accept()
            return
        if not d.y():
            return
        self.set_zoom(self.zoom * math.pow(1.0015, d.y()), event.position())
        event.accept()

    # ------------------------------------------------------------ mouse (the pan's first: pan.py)
    def mousePressEvent(self, event) -> None:
        if not self.pan.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self.pan.move(event):
            return
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._auto_pan.check(event)
        if not event.buttons() and not self.pan.space:
            # a crosshair over a port says "drag from here to wire"
            over = self.graph_scene().port_at(self.mapToScene(event.position().toPoint())) is not None
            if over != self._over_port:
                self._over_port = over
                self.viewport().setCursor(Qt.CursorShape.CrossCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event) -> None:
        self._auto_pan.stop()
        if self.pan.release(event):
            return
        box = event.button() == Qt.MouseButton.LeftButton and not self.rubberBandRect().isEmpty()
        super().mouseReleaseEvent(event)
        if box and not self.graph_scene().selectedItems():  # a box that took nothing: a pan meant?
            hint = self.pan.box_took_nothing()
            if hint:
                self.said.emit(hint)

    def mouseDoubleClickEvent(self, event) -> None:
        sc = self.graph_scene()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and sc.node_at(self.mapToScene(event.position().toPoint())) is None
            and sc.port_at(self.mapToScene(event.position().toPoint())) is None
            and sc.folding.at(self.mapToScene(event.position().toPoint())) is None
            and sc.linked.copy_at(self.mapToScene(event.position().toPoint())) is None
        ):
            self.open_quick_add(event.position().toPoint())
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # ------------------------------------------------------------ keys
    def event(self, event) -> bool:
        # Tab would move the focus; on the canvas it opens quick add.
        if (
            event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Tab
            and not self.graph_scene().is_typing()
        ):
            self.open_quick_add()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        # Edit, View and Graph keys are the window's actions; the scene's
        # gestures take Escape, F2/Enter and the arrows. Space pans (pan.py).
        if menu_point.asks_menu(event) and not self.graph_scene().is_typing():
            self._keyboard_menu()  # (accepted: the window sends no second, keyboard, menu event)
            return
        if not self.pan.key_press(event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard and not self.graph_scene().is_typing():
            self._keyboard_menu()
            event.accept()
            return
        super().contextMenuEvent(event)

    def _keyboard_menu(self) -> None:
        """The right-click menu of what is selected, opened at it (gui/canvas/menu_point.py)."""
        p = menu_point.menu_point(self, self.graph_scene(), self.bring_into_view)
        reason = QContextMenuEvent.Reason.Keyboard
        super().contextMenuEvent(QContextMenuEvent(reason, p, self.viewport().mapToGlobal(p)))

    def keyReleaseEvent(self, event) -> None:
        if not self.pan.key_release(event):
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:
        if self.pan.space:
            self.pan.space_up()
        super().focusOutEvent(event)

    # ------------------------------------------------------------ quick add
    def open_quick_add(self, view_pos: QPoint | None = None) -> QWidget | None:
        """Open the quick-add list at ``view_pos`` (default: the mouse, else the centre)."""
        if view_pos is None:
            p = self.viewport().mapFromGlobal(QCursor.pos())
            view_pos = p if self.viewport().rect().contains(p) else self.viewport().rect().center()
        if self._quick is not None:
            self._quick.close()
        self._quick = self._editing.quick_add(self, view_pos)
        return self._quick

    # ------------------------------------------------------------ background
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        # The grid is a small pixmap tile for the current scale, laid in
        # device pixels: one fill instead of hundreds of lines per repaint.
        t = painter.worldTransform()
        tile = self._tile.at(abs(t.m11()) or 1.0)
        origin = t.map(QPointF(0.0, 0.0))
        target = t.mapRect(QRectF(rect)).adjusted(-1, -1, 1, 1)
        painter.save()
        painter.resetTransform()
        brush = QBrush(tile)
        brush.setTransform(QTransform.fromTranslate(origin.x() % tile.width(), origin.y() % tile.height()))
        painter.fillRect(target, brush)
        painter.restore()
        self.still.draw(painter)  # behind the cards, where those wires are drawn anyway
