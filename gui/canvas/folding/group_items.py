"""How a group looks: an open group is a frame behind its cards with a title
tab (here, with what it shares with the card); a collapsed group is one card
with its boundary as ports (group_card.py). The items hold no document
state: the folding layer (fold_layer.py) tells them what to show, and they
ask it (never the model) when clicked."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem

from core.graph.group_card_geometry import FRAME_PAD, FRAME_TITLE
from gui.canvas import picture_marks
from gui.canvas.cards import card_text
from gui.canvas.cards.card_text import CENTER, LEFT, Text, fit, line_height, metrics, needed_px, stack, wrap
from gui.canvas.folding.far_names import MAX_LINES
from gui.canvas.folding.frame_tab import FrameTab
from gui.canvas.folding.group_card import GroupCard
from gui.canvas.folding.group_strip import paint_strip
from gui.canvas.folding.group_strip import strip_h as _strip_h
from gui.common import style as S

#: Far out, a frame's line thinner than this many pixels changes no pixel (Qt
#: draws it from ~0.008: 2 levels of 255 at 0.012); it is not stroked.
BORDER_MIN_PX = 0.004
PAD = FRAME_PAD  # around the cards inside a frame
TITLE_H = FRAME_TITLE  # the frame's tab, above its cards
#: Under the tab, Gradient Flow's bar: 2 apart, at most ``PAD - 4`` high (``paint_tab``).
STRIP_ROOM = PAD - 2
#: The narrowest Gradient Flow's bar goes beside a tab (else under it, the name left out where
#: it needs that room).
BESIDE_MIN = 4 * (PAD - 4)
TAB_RISE = 36.0  # how far an outermost frame's tab may rise for a readable name (down to S.FAR_ZOOM_FEW)


REGION_BACK = QColor(255, 255, 255, 200)  # behind a region's name, zoomed far out
#: Far out, a frame's corners rounded by less than this many pixels: its tint
#: (and its name's box) is filled as whole pixels (``fill_pixels``).
SQUARE_PX = 0.1
_SCALE = QTransform.TransformationType.TxScale.value
_AA = QPainter.RenderHint.Antialiasing


class GroupFrame(QGraphicsObject):
    """An open group: a tinted frame around its cards, named on a tab whose
    ▾ folds it (the tab: its own item over the wires, frame_tab.py).
    Zoomed far out (``set_far``) it is a labelled region: drawn over the
    overview's blocks, an outermost group's name across its area."""

    def __init__(self, gid: str, on_toggle: Callable[[str], None], on_pick: Callable[[str], None]) -> None:
        super().__init__()
        self.gid = gid
        self.label = gid
        self.depth = 0
        self._rect = QRectF()
        self._far = False
        self._slide = 0.0  # near, how far the tab is moved right to stay in view (``slide_tab``)
        self._need = needed_px(1.0)  # of the last paint: the tab grows with it
        self._texts: tuple[int, list[Text]] | None = None
        self._strip: tuple[float, str] | None = None
        self._on_toggle, self._on_pick = on_toggle, on_pick
        #: Far out, what draws it (gui/canvas/folding/frame_layer.py), and its place among the frames there.
        self.layer: Any = None
        self.seq = 0
        self.setZValue(-10 + 0.01)  # behind wires and cards
        self.setToolTip("")
        self._tip = ""
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.tab = FrameTab(self)  # in the frame's scene, shown with it while near

    def itemChange(self, change, value):
        """The tab joins and leaves the scene with the frame, shows with it."""
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            old = self.tab.scene()
            if old is not None and old is not value:
                old.removeItem(self.tab)
            if value is not None and self.tab.scene() is None:
                value.addItem(self.tab)
            self._show_tab()
        elif change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            self._show_tab()
        return super().itemChange(change, value)

    def _show_tab(self) -> None:
        shown = self.isVisible() and not self._far
        if shown != self.tab.isVisible():
            self.tab.setVisible(shown)

    def set_frame(self, rect: QRectF, label: str, depth: int) -> bool:
        """Around ``rect``, named ``label``; True if any of it changed."""
        changed = rect != self._rect or label != self.label or depth != self.depth
        if changed:
            self._changed()
            if rect != self._rect or label != self.label:
                self.prepareGeometryChange()
                self.tab.prepareGeometryChange()
                self._rect, self.label = QRectF(rect), label
            self._texts = None  # (far out only an outermost group's name shows)
            self.depth = depth
            self.tab.update()
            self._changed()
        self._restack()
        tip = f"Group “{label}”: click the ▾ to fold it into one card, the name to select it"
        if tip != self._tip:  # (each change a call back of itemChange: Collapse All sets 500 frames)
            self._tip = tip
            self.setToolTip(tip)
            self.tab.setToolTip(tip)
        return changed

    def set_far(self, far: bool) -> None:
        """Zoomed far out: a labelled region over the overview layer."""
        if far != self._far:
            self._far = far
            self._texts = None
            self._restack()
            self._show_tab()
            self.update()
            self._changed()

    def _changed(self) -> None:
        """What it draws changed: the far-out picture follows where it is."""
        if self.layer is not None:
            self.layer.changed(self)

    def set_seq(self, seq: int) -> None:
        """Stacked over the frames of its depth with a lower ``seq`` (one order, far or near)."""
        self.seq = seq
        self._restack()

    def _restack(self) -> None:
        order = 1e-9 * self.seq  # (under a depth's 0.01 for 10^7 frames)
        if self._far:  # over the overview's blocks (z 0.5), outer names over inner regions
            z = 0.8 - 0.01 * self.depth + order
        else:  # behind wires and cards, an inner frame over its outer one
            z = -10 + 0.01 * self.depth + order
        if z != self.zValue():
            self.setZValue(z)
        self.tab.restack(self.depth)

    def set_strip(self, strip: tuple[float, str] | None) -> None:
        """A bar on the tab, ``(fraction 0..1, tooltip)``, or None (Gradient Flow's)."""
        if strip != self._strip:
            if (strip is None) != (self._strip is None):
                self._texts = None  # far out, the name's box makes room for the bar under it
            self._strip = strip
            self.update()
            self.tab.update()
            self._changed()

    @property
    def strip(self) -> tuple[float, str] | None:
        return self._strip

    def _tab_px(self) -> int | None:
        """The tab's font size now (None: no readable name fits the tab)."""
        return self._tab_fit()[0]

    def _tab_fit(self) -> tuple[int | None, bool]:
        """The tab's font size now (None: no readable name fits the tab) and
        whether Gradient Flow's bar goes under it. Where the name would not
        fit over the bar, the bar goes beside the tab: a nested tab cannot
        rise, and its name gave way to the bar below about 70 % (trial 55
        #5, verify 56: "neuron 2.x [1]" tabs read as slate bars alone)."""
        px = max(12, self._need)
        rise = TAB_RISE if self.depth == 0 else 0.0  # (a nested tab would cover its parent's)
        h = line_height(px, True) + 4
        under = self._strip is not None
        if under and h <= self._tab_room(True) + rise:
            return px, True
        if under and self._beside_room(px) < BESIDE_MIN:  # (a frame the tab fills: as before, the bar
            return None, True  # alone where the tab would be, never over the cards under a tall tab)
        return (px if h <= self._tab_room(False) + rise else None), False

    def _beside_room(self, px: int) -> float:
        """How wide a bar beside a tab whose name is ``px`` large may be."""
        r = self._rect
        tab_w = min(r.width(), metrics(px, True).horizontalAdvance(self.label) + 2 * px + 20)
        return r.right() - 8 - (r.left() + self._slide + tab_w + 6)

    def _tab_room(self, under: bool | None = None) -> float:
        """How tall the tab may be over the frame's top margin before it
        rises: that margin, less the room Gradient Flow's bar takes under it
        (grown down to the margin's foot, a taller tab put the bar on the
        linked copy under it, "x" of "inner c = x*y + x**2": trial 50).
        ``under`` None: as the bar goes now."""
        if under is None:
            under = self._tab_fit()[1]
        return PAD + TITLE_H - 2 - (STRIP_ROOM if under else 0.0)

    def title_rect(self) -> QRectF:
        """The name tab over the frame's top margin, rising above it when a
        readable name needs it; near, moved along the top to stay in view
        (``slide_tab``)."""
        r, (w, h) = self._rect, self._tab_size()
        rise = max(0.0, h - self._tab_room()) if h else 0.0
        return QRectF(r.left() + self._slide, r.top() - rise, w, h)

    def home_title_rect(self) -> QRectF:
        """``title_rect`` at the frame's corner, as if the view's left edge
        did not cut the frame: what the pass's camera brings into view with
        a step (the slid tab was always in view, so the frame's left part,
        the layer's first column, stayed cut off: a trial)."""
        return self.title_rect().translated(-self._slide, 0.0)

    def _tab_size(self) -> tuple[float, float]:
        """The tab's width and height (0 high: no readable name, no tab to
        draw or click, a blank strip's line)."""
        px = self._tab_px()
        if px is None:
            return min(self._rect.width(), 120.0), 0.0
        w = min(self._rect.width(), metrics(px, True).horizontalAdvance(self.label) + 2 * px + 20)
        return w, max(TITLE_H, line_height(px, True) + 4)

    @property
    def tab_slid(self) -> bool:
        return self._slide != 0.0

    def slide_tab(self, left: float) -> None:
        """Near, the view's left edge is at ``left``: a frame it cuts keeps
        its tab in view, moved along its top as far as the frame goes (a
        frame wider than the view showed no name: at a 1400 px canvas the
        expanded MLP's "layer 3 [4]", a trial); one it does not cut has it at
        its corner."""
        r = self._rect
        slide = 0.0
        if left > r.left() and not self._far:
            slide = min(left - r.left(), max(0.0, r.width() - self._tab_size()[0]))
        if slide != self._slide:
            self._slide = slide
            self._texts = None
            self.tab.update()

    def tab_area(self) -> QRectF:
        """Where the tab and the strip under it may draw, at any zoom."""
        r = self._rect
        return QRectF(r.left() - 2, r.top() - TAB_RISE - 2, r.width() + 4, TAB_RISE + TITLE_H + 2 * PAD + 4)

    def toggle_rect(self) -> QRectF:
        t = self.title_rect()
        s = t.height() - 6
        return QRectF(t.left() + 4, t.top() + 3, s, s)

    def laid_out(self) -> list[Text]:
        """The texts of its last layout, as last drawn (none laid out: none)."""
        return self._texts[1] if self._texts is not None else []

    def texts_at(self, zoom: float) -> list[Text]:
        """The texts the frame draws at ``zoom``; ``paint`` draws exactly these."""
        need = card_text.coarse_px(needed_px(zoom))
        if self._texts is None or self._texts[0] != need:
            self._need = need
            self._texts = (need, self._layout(need, zoom))
        return self._texts[1]

    def _layout(self, need: int, zoom: float) -> list[Text]:
        r = self._rect
        if self._far:
            if self.depth > 0 or r.isNull():
                return []
            area = r.adjusted(r.width() * 0.05, r.height() * 0.1, -r.width() * 0.05, -r.height() * 0.1)
            sizes = sorted({max(need, math.ceil(20 / zoom)), max(need, math.ceil(15 / zoom)), need})
            for px in reversed(sizes):
                rows = min(MAX_LINES, int(area.height() // line_height(px, True)))  # (more: far_names's one)
                lines = wrap(self.label, px, True, area.width(), rows)
                if " ".join(lines) == self.label:  # whole, never cut ("layer 3 weig…" at Fit, a trial)
                    texts = stack([("name", t, True) for t in lines], area, px)
                    back = _around(texts, px)
                    if self._strip is not None:  # Gradient Flow's bar under the lines, not over them
                        back.setBottom(back.bottom() + _strip_h(zoom) + 3 / max(zoom, 1e-6))
                    return [Text(t.kind, t.text, t.rect, t.px, True, CENTER, box=back) for t in texts]
            return []  # no room for all of it: the far names place it among the others, whole (far_names.py)
        tab_px = self._tab_px()
        if tab_px is None:
            return []
        px = tab_px
        t = self.title_rect()
        out = [Text("toggle", "▾", self.toggle_rect(), px, True, CENTER)]
        shown = fit(self.label, px, True, t.width() - t.height() - 10, elide=True)
        if shown is not None:
            out.append(Text("name", shown, t.adjusted(t.height(), 0, -6, 0), px, True, LEFT))
        return out

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2 - TAB_RISE, 2, 2)

    def outline(self) -> QRectF:
        """The frame in the scene without the room kept for a rising tab
        (what opening a group makes room for, what the minimap shows)."""
        return self.mapRectToScene(self._rect.adjusted(-2, -2, 2, 2))

    def shape(
        self,
    ):  # far out, the region's name takes clicks (near, the tab's item): the inside is the canvas
        p = QPainterPath()
        name = self.far_name_box()
        if name is not None:
            p.addRect(name)
        return p

    def _card_under(self, pos: QPointF) -> bool:
        from gui.canvas.cards.node_item import NodeItem

        sc = self.scene()
        return sc is not None and any(isinstance(it, (NodeItem, GroupCard)) for it in sc.items(pos))

    def far_texts(self) -> list[Text]:
        """Far out, the lines of the name it draws, as last drawn (none near)."""
        return self.laid_out() if self._far else []

    def far_name(self, zoom: float) -> QRectF | None:
        """Far out at ``zoom``, the box (in the scene) of the name it draws itself (None: none)."""
        texts = self.texts_at(zoom) if self._far else []
        return self.mapRectToScene(texts[0].box) if texts and texts[0].box is not None else None

    def far_name_box(self) -> QRectF | None:
        """Far out, the box of the region's name as last drawn (None near, or no name drawn)."""
        texts = self.laid_out() if self._far else []
        return texts[0].box if texts and texts[0].box is not None else None

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not (self._far and self.layer is not None):  # far out, the layer draws it
            self.paint_frame(painter)

    def paint_frame(self, painter: QPainter) -> None:
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        texts = self.texts_at(zoom) if self._far else []
        r = self._rect
        # far out a dash is under a pixel and the frame tens of thousands of
        # dashes long (ms a frame at 50,000 nodes): a solid line reads the same
        dashed = 1.2 * 6 * zoom >= 1.0  # a dash and its gap: 6 pen widths
        if 1.2 * zoom < BORDER_MIN_PX:  # too thin to change a pixel, yet as long to stroke as any line
            painter.setPen(Qt.PenStyle.NoPen)
        else:
            painter.setPen(
                QPen(S.GROUP_BORDER, 1.2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            )
        square = 10 * zoom < SQUARE_PX  # (its corners' radius: 10)
        if not (square and fill_pixels(painter, r, S.GROUP_FILL)):
            painter.setBrush(S.GROUP_FILL)
            painter.drawRoundedRect(r, 10, 10)
        elif painter.pen().style() != Qt.PenStyle.NoPen:  # (a line under a hundredth of a pixel)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(r)
        if self._far:
            for t in texts:
                if t.box is not None and t is texts[0]:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(REGION_BACK)
                    if not (square and fill_pixels(painter, t.box, REGION_BACK)):
                        painter.drawRoundedRect(t.box, 8, 8)
                painter.setPen(S.GROUP_TITLE)
                painter.setFont(card_text.font(t.px, t.bold))
                painter.drawText(t.rect, t.align, t.text)
            strip = self.far_strip_rect(zoom)
            if strip is not None and self._strip is not None:
                paint_strip(painter, strip, self._strip[0])

    def far_strip_rect(self, zoom: float) -> QRectF | None:
        """Far out, where Gradient Flow's bar goes: at the bottom of the
        name's box, under its last line (None: no bar, or no name drawn)."""
        texts = self.texts_at(zoom) if self._far and self._strip is not None else []
        if not texts or texts[0].box is None:
            return None
        b, h = texts[0].box, _strip_h(zoom)
        return QRectF(b.left() + 6, b.bottom() - h - 2 / max(zoom, 1e-6), b.width() - 12, h)

    def paint_tab(self, painter: QPainter) -> None:
        """The name tab and, under it, Gradient Flow's strip (near only)."""
        if self._far:
            return
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        texts = self.texts_at(zoom)
        tab = self.title_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(217, 223, 245))
        painter.drawRoundedRect(tab, 8, 8)
        painter.setPen(S.GROUP_TITLE)
        for x in texts:
            if x.kind == "toggle" and not picture_marks.shown:
                continue
            painter.setFont(card_text.font(x.px, x.bold))
            painter.drawText(x.rect, x.align, x.text)
        if self._strip is not None:
            paint_strip(painter, self.tab_strip_rect(zoom), self._strip[0])

    def tab_strip_rect(self, zoom: float) -> QRectF:
        """Near, where Gradient Flow's bar goes: in the gap between the tab and
        the cards, or beside the tab where the name needs that room (``_tab_fit``)."""
        tab, h = self.title_rect(), min(PAD - 4, max(3.0, 4.0 / max(zoom, 1e-6)))
        if self._tab_fit()[1]:
            return QRectF(tab.left() + 4, tab.bottom() + 2, tab.width() - 8, h)
        left = tab.right() + 6
        return QRectF(left, tab.center().y() - h / 2, min(tab.width() - 8, self._rect.right() - 8 - left), h)

    def mousePressEvent(self, event) -> None:
        if self._far and self._card_under(event.scenePos()):
            event.ignore()  # far out the name lies over the group's cards: a card under it takes the click
            return
        self.tab_pressed(event.pos())
        event.accept()

    def tab_pressed(self, pos: QPointF) -> None:
        """A click at ``pos`` on the tab (far out, on the region's name): its ▾ folds, its name selects."""
        if not self._far and self.toggle_rect().adjusted(-3, -3, 3, 3).contains(pos):
            self._on_toggle(self.gid)
        else:
            self._on_pick(self.gid)


def _around(texts: list[Text], px: int) -> QRectF:
    """A box around lines of text, with a margin of half a line."""
    r = QRectF()
    for t in texts:
        w = metrics(t.px, t.bold).horizontalAdvance(t.text)
        r = r.united(QRectF(t.rect.center().x() - w / 2, t.rect.top(), w, t.rect.height()))
    return r.adjusted(-px / 2, -px / 4, px / 2, px / 4)


def fill_pixels(painter: QPainter, rect: QRectF, color: QColor) -> bool:
    """Fill ``rect`` (the painter's coordinates) with ``color`` as whole
    device pixels, its edges at the nearest pixel's (Qt's fill without
    antialiasing), unless the painter rotates (False: nothing drawn). Far
    out a frame's corners are a hundredth of a pixel and it is hundreds of
    pixels tall: filled as a rounded shape, antialiased, Qt scans its whole
    outline however little of it the clip shows (~0.1 ms a frame, 250
    frames blended again over a fold at 50,000 nodes); as whole pixels, only
    what the clip shows. Only its edges' pixels differ (a part of a pixel's
    tint there: the whole of it or none)."""
    if painter.worldTransform().type().value > _SCALE:
        return False
    aa = painter.testRenderHint(_AA)
    painter.setRenderHint(_AA, False)
    painter.fillRect(rect, color)
    painter.setRenderHint(_AA, aa)
    return True
