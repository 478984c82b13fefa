"""A wire between two cards, and the caption the backward animation puts on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from core.autograd import ops
from core.explain.format import fmt_full
from gui.canvas.painting import ItemHost, esc_html, tell_host, wire_curve_at, wire_path
from gui.canvas.wires import cell_ink, curve_clip, wire_cells, wire_paint
from gui.canvas.wires.curve_bounds import curve_meets
from gui.canvas.wires.wire_caption import Caption
from gui.canvas.wires.wire_pens import pens as _pens
from gui.common import style as S

if TYPE_CHECKING:
    from core.graph.model import GraphModel

LINK_STUB = wire_paint.LINK_STUB  # a linked copy's stub (gui/canvas/linked/copy_item.py's STUB)
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class EdgeItem(QGraphicsPathItem):
    """One wire, from the source's output port to one input port of the target.

    A plain QGraphicsPathItem underneath, so Qt computes bounds and shape in
    C++; ``set_flow`` adds a caption item only while the animation needs one
    (hidden, not removed, when the flow ends).
    """

    def __init__(self, source: str, target: str, port: int) -> None:
        super().__init__()
        self.source, self.target, self.port = source, target, port
        self.setPen(_pens().plain)
        self._stroke = S.WIRE_W  # its pen's width (screen pixels: cosmetic)
        # paint() is told the part being repainted: a long wire strokes only that part of it
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._carry = "ok"
        self._p1 = self._p2 = QPointF()
        self._xy: tuple[float, float, float, float] | None = None  # the ends, before _p1/_p2 are made
        self._piece: tuple[curve_clip.Box, QPainterPath | None] | None = None  # the part last painted
        # Selectable only while clicked (the scene sets the flag), so a
        # rubber band picks nodes, not every wire crossing it.
        self._flow: str | None = None
        self._caption: Caption | None = None
        self._width: float | None = None  # Gradient Flow's width (screen pixels)
        self._width_note = ""
        self._width_color: QColor | None = None  # and its colour (None: the plain gradient slate)
        self._stale = False  # set_ends skipped the curve while hidden
        #: Where the wire was last drawn, once its curve moved since (None: where it runs now).
        self._was: QRectF | None = None
        #: The part of its cell that draws it, without contents of its own (cell_ink.py), or None.
        self.ink_part: cell_ink.Part | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        return self.source, self.target, self.port

    def rebind(self, source: str, target: str, port: int) -> None:
        """Stand for another wire, looking as a new item would (the scene
        reuses the items of removed wires: see gui/canvas/wires/wire_pool.py)."""
        self.source, self.target, self.port = source, target, port
        self._stale = False  # no curve owed for the old wire's ends (the caller sets new ones)
        if self._flow is not None:
            self.set_flow(None)
        self._width, self._width_note, self._width_color = None, "", None
        self._carry = "ok"
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.restyle()

    def ends(self) -> tuple[QPointF, QPointF]:
        """Where the wire starts (an output port) and ends (an input port)."""
        return self._ends()

    def ends_xy(self) -> tuple[float, float, float, float]:
        """:meth:`ends` as numbers (x1, y1, x2, y2), without making the points."""
        xy = self._xy
        if xy is not None:
            return xy
        return (self._p1.x(), self._p1.y(), self._p2.x(), self._p2.y())

    def _ends(self) -> tuple[QPointF, QPointF]:
        xy = self._xy
        if xy is not None:  # moved in a batch: the points are made when asked for
            self._xy = None
            self._p1, self._p2 = QPointF(xy[0], xy[1]), QPointF(xy[2], xy[3])
        return self._p1, self._p2

    def set_ends(self, p1: QPointF, p2: QPointF, path: QPainterPath | None = None) -> None:
        """Run from ``p1`` to ``p2`` (``path``: their ``wire_path``, when made already)."""
        self._p1, self._p2, self._xy = p1, p2, None
        self._piece = None
        if self.isVisible() or self._caption is not None:
            self._stale = False
            if self._was is None:
                self._was = self.sceneBoundingRect()
            self.setPath(wire_path(p1, p2) if path is None else path)
        else:  # hidden (zoomed far out, folded): the curve is made when it is shown or asked for
            self._stale = True
        if self._caption is not None:
            self._caption.place_default()
        wire_cells.follow(self)  # into the cell where it runs now

    def start_at(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A new or spare item's ends and curve, while it is not shown
        (``set_ends`` without a place drawn before to repaint; the caller
        puts it into the cell where it runs)."""
        self._xy, self._piece = (x1, y1, x2, y2), None  # (the points made when asked for)
        self.setPath(wire_curve_at(x1, y1, x2, y2))

    def setVisible(self, visible: bool) -> None:
        if visible and self._stale:
            self._stale = False
            self.setPath(wire_path(*self._ends()))
        if self.ink_part is not None and visible != self.isVisible():
            self._ink_changed()
        super().setVisible(visible)
        if not visible and self.ink_part is not None:  # (a spare kept hidden: its cell forgets it)
            self.set_inked(None)
        if self._caption is not None:
            self._caption.setVisible(visible)

    def shown_path(self) -> QPainterPath:
        """The part of the wire drawn: its curve, or a linked copy's stub (captions are placed by it)."""
        return self.stub() if self.linked() else self.path()

    def setPath(self, path: QPainterPath) -> None:
        if self.ink_part is not None:  # its cell repaints where it was and where it runs now
            self._ink_changed()
            super().setPath(path)
            self._ink_changed()
        else:
            super().setPath(path)

    def setParentItem(self, parent: QGraphicsItem) -> None:
        if self.ink_part is not None:  # (its new cell takes it in when it paints)
            self._ink_changed()
            self.set_inked(None)
        super().setParentItem(parent)  # (None: Qt's top level)

    def inkable(self) -> bool:
        """True for a wire its cell may draw (cell_ink.py): shown, plain, with a value, not selected."""
        return (
            self._flow is None
            and self._width is None
            and self._carry != "none"
            and self.isVisible()
            and not self.isSelected()
        )

    def set_inked(self, part: cell_ink.Part | None) -> None:
        """Drawn by ``part`` of its cell (Qt skips this item's paint) or (None) by itself (cell_ink.py)."""
        if (part is None) != (self.ink_part is None):
            self.setFlag(_NO_CONTENTS, part is not None)
        self.ink_part = part
        if part is not None:
            self._was = None  # (its cell repaints where it was)

    def _ink_changed(self) -> None:
        """This wire, drawn by its cell, changes: the cell works its strokes out again
        and repaints the wire's place (Qt repaints no item without contents)."""
        part = self.ink_part
        if part is not None:
            part.dirty = True
            cell_ink.repaint(cast(wire_cells.WireCell, self.parentItem()), self)  # (in its cell)

    def _ink_offered(self) -> None:
        """This wire paints itself where its cell may draw it: the cell takes it
        in at its next paint (a wire shown, come in or plain again since)."""
        cell = self.parentItem()
        if type(cell) is wire_cells.WireCell:
            cell_ink.offer(cell, self)

    def path(self) -> QPainterPath:
        if self._stale:
            self._stale = False
            self.setPath(wire_path(*self._ends()))
        return super().path()

    def linked(self) -> bool:
        """True while the wire is drawn as a linked copy: only its stub (gui/canvas/linked/)."""
        sc = self.scene()
        lk = sc.linked if isinstance(sc, ItemHost) else None
        return lk is not None and lk.is_linked(self.key)

    def stub(self) -> QPainterPath:
        """The stub from the linked copy to the input port."""
        _, _, x2, y2 = self.ends_xy()
        p = QPainterPath()
        p.moveTo(x2 - LINK_STUB, y2)
        p.lineTo(x2, y2)
        return p

    def drawn_near(self, scene_pos: QPointF, slack: float = 6.0) -> bool:
        """False if the wire is a linked copy's and ``scene_pos`` is not by its stub (hit testing)."""
        if not self.linked():
            return True
        _, _, x2, y2 = self.ends_xy()
        return x2 - LINK_STUB - slack <= scene_pos.x() <= x2 + slack and abs(scene_pos.y() - y2) <= slack

    def refresh_curve(self) -> None:
        """Shown by its group's box opening (Qt shows it without a call to
        ``setVisible``): make the curve it skipped while hidden."""
        if self._stale and self.isVisible():
            self._stale = False
            self.setPath(wire_path(*self._ends()))

    @property
    def drawn_at(self) -> QRectF | None:
        """The scene rect where the wire was last drawn, if its curve has
        moved since (None: it is drawn where it runs, or not yet)."""
        return self._was

    @property
    def stale(self) -> bool:
        """True while the wire is hidden and its curve not yet made (tests)."""
        return self._stale

    @property
    def flow(self) -> str | None:
        return self._flow

    def set_flow(self, text: str | None) -> None:
        """Highlight the wire (a gradient flowing along it) with a caption;
        None puts it back to normal."""
        self._flow = text
        if text is None:
            if self._caption is not None:  # back to the scene's caption layer (wire_caption.py)
                self._caption.leave()
                self._caption = None
            self.setZValue(0.0)
        else:
            self.setZValue(2.0)  # above the cards
            if self._caption is None:
                self._caption = Caption.for_wire(self, self.target, self.port, self.shown_path)
            self._caption.set_text(text)
        self.restyle()
        tell_host(self, overview=True)  # lifted over the cards
        if self._caption is not None:
            self._caption.setVisible(self.isVisible())
            self._caption.place_default()

    @property
    def width(self) -> float | None:
        """The width Gradient Flow draws the wire with (screen pixels), or None."""
        return self._width

    @property
    def width_color(self) -> QColor | None:
        """The colour Gradient Flow draws the wire in (None: the plain slate)."""
        return self._width_color

    def set_width(self, px: float | None, note: str = "", color: QColor | None = None) -> None:
        """Draw the wire ``px`` screen pixels wide (None: as usual), in
        ``color`` (None: the gradient slate), with ``note`` (what the width
        stands for) in its tooltip. View state only."""
        px = None if px is None else round(float(px) * 2) / 2  # half pixels: few pens
        color = None if px is None or color is None else QColor(color)
        if px != self._width or note != self._width_note or color != self._width_color:
            self._width, self._width_note, self._width_color = px, note, color
            self.restyle()
            tell_host(self, overview=True)

    @property
    def caption_item(self) -> QGraphicsItem | None:
        """The caption's item while the wire shows a flow (tests look at its paint)."""
        return self._caption

    def caption_rect(self) -> QRectF | None:
        """The caption's box in scene coordinates (None: no caption)."""
        c = self._caption
        if c is None:
            return None
        return c.mapRectToScene(c.box())

    def caption_below(self) -> bool:
        """The side of the wire the caption prefers (True: below)."""
        return self._caption is not None and self._caption.below()

    def caption_room_px(self) -> int | None:
        """The font size the caption's box has room for (None: no caption)."""
        return None if self._caption is None else self._caption.room_px()

    def size_caption(self, px: int) -> None:
        """Keep room in the caption for its text at ``px`` (see ``caption_px``)."""
        if self._caption is not None:
            self._caption.set_px(px)

    def place_caption(self, center: QPointF, anchor: QPointF | None = None) -> None:
        """Put the caption's box centre at scene point ``center``; with an
        ``anchor`` (a scene point on the wire) a thin leader line joins them,
        so a caption moved off its wire still says which wire it explains."""
        if self._caption is not None:
            self._caption.place(center, anchor)

    def tooltip_text(self, model: GraphModel) -> str:
        """What the wire carries, for its tooltip."""
        # input 1 / 2, not the op table's port names a / b: those read as
        # the learner's own variables
        arity = ops.OPS[model.op(self.target)].arity
        port = f" (input {self.port + 1} of {arity})" if arity > 1 else ""
        v = model.value(self.source)
        text = (
            f"<b>{esc_html(model.label(self.source))}</b> → <b>{esc_html(model.label(self.target))}</b>"
            f"{port}<br>carries {fmt_full(v)}"
        )
        if self._flow:
            text += f"<br>{esc_html(self._flow)}"
        if self._width_note:
            text += f"<br>{esc_html(self._width_note)}"
        return (
            text + f"<br><span style='color:{S.TEXT_DIM.name()}'>drag its end to rewire; "
            "click and Delete to remove</span>"
        )

    @property
    def carries(self) -> str:
        """ "ok", "nonfinite" (an inf/nan flows here: red) or "none" (no value yet: dashed)."""
        return self._carry

    def set_carries(self, kind: str) -> None:
        if kind != self._carry:
            self._carry = kind
            self.restyle()

    def restyle(self) -> None:
        """Pick the pen for the wire's state (the scene calls it when the selection changes)."""
        pen = self._pen()
        self.setPen(pen)
        px, was = pen.widthF(), self._stroke
        if px != was:
            self._stroke = px
            self._repaint_stroke(max(px, was))
        if self.ink_part is not None:
            self._ink_changed()

    def _repaint_stroke(self, px: float) -> None:
        """Repaint where a stroke ``px`` screen pixels wide runs. The pens are
        cosmetic: zoomed out, a wide one runs past the bounds Qt gives the
        item (its width in scene units) and repaints as the pen changes
        (trial 55: a pass cleared with Gradient Flow on, at 30 %, left
        coloured stubs by the ports, where the curve runs level)."""
        sc = self.scene()
        if sc is None or not self.isVisible():
            return
        views = sc.views()
        zoom = views[0].transform().m11() if views else 1.0
        if zoom >= 1.0:  # (the bounds hold the stroke: its width in scene units is more)
            return
        pad = (px / 2 + 2) / max(zoom, 1e-6)
        sc.update(self.sceneBoundingRect().adjusted(-pad, -pad, pad, pad))

    def _pen(self) -> QPen:
        """The pen for the wire's state."""
        pens = _pens()
        if self._flow is not None and self._width is None:
            return pens.flow
        if self._flow is not None:  # Gradient Flow on: a halo (its pen: the bounds), sign colour over it
            return pens.halo(self._width or 1.0)
        if self.isSelected():
            return pens.selected
        if self._width is not None:
            return pens.weighted(self._width, self._carry == "nonfinite", self._width_color)
        if self._carry == "nonfinite":
            return pens.bad
        if self._carry == "none":
            return pens.none
        return pens.plain

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # Selection shows as a blue wire, not Qt's dashed box. Zoomed out, or
        # passing through a view of a big graph (see wire_paint), a plain wire
        # is drawn 1 px wide, which Qt strokes several times faster. (Qt calls
        # this for every wire in view each frame: the folded 10,720-node MLP
        # fitted shows 9,500, so the usual case asks as little as it can.)
        self._was = None
        counts = wire_paint.PASS
        links, key = counts.links, (self.source, self.target, self.port)
        plain = self._flow is None and self._width is None and not self.isSelected()
        if plain and cell_ink.inking(counts):
            self._ink_offered()  # (drawn by its cell from its next paint)
        if links.is_linked(key) if links is not None else self.linked():
            painter.setPen(self.pen())  # a linked copy beside the port stands for the long wire
            painter.drawPath(self.stub())
            return
        bounds = self.boundingRect()
        flow, carry = self._flow, self._carry
        if counts.through and plain and carry != "none":
            if key in counts.batched:
                counts.thin += 1  # the view's layer of wires passing through draws it (through_wires.py)
                return
            if counts.passes_through(bounds):
                self._paint_through(painter, counts)
                return
        lod = counts.zoom
        if lod is None:  # (not a view's paint: an image rendered)
            lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if plain and (lod < S.LOD_THIN_WIRE or (counts.through and counts.passes_through(bounds))):
            pen = _pens().thin[carry]
            counts.thin += 1
        else:
            pen = self.pen()
            counts.thick += 1
        painter.setPen(pen)
        seen = option.exposedRect
        if flow is not None:
            self._under_copies(painter, seen)
            if self._width is not None:  # (the step's orange read as "positive" beside the sign colours)
                painter.drawPath(self.path())  # the halo
                pen = _pens().weighted(self._width, carry == "nonfinite", self._width_color)
                painter.setPen(pen)
        # (a dashed pen, a plain wire's without a value, would restart its dashes where a part starts)
        if not (plain and carry == "none") and curve_clip.needs_clip(bounds, seen):
            # a long wire of which a little is repainted: stroke only that part
            pad = (pen.widthF() + 2.0) / max(lod, 1e-6)
            box = (seen.left() - pad, seen.top() - pad, seen.right() + pad, seen.bottom() + pad)
            piece = self._piece
            if piece is None or piece[0] != box:  # the same part is repainted again and again
                piece = self._piece = (box, self._part_in(box))
            if piece[1] is not None:
                painter.drawPath(piece[1])
            return
        painter.drawPath(self.path())

    def _paint_through(self, painter: QPainter, counts: wire_paint.PaintPass) -> None:
        """The many wires crossing a crowded view: a hairline, cut where the
        view ends (not where the repainted part does, so a part repainted
        alone has the pixels of a whole repaint), the piece kept while the
        view and the wire stay."""
        counts.thin += 1
        box = counts.box
        piece = self._piece
        if piece is None or (piece[0] is not box and piece[0] != box):
            piece = self._piece = (box, self._part_in(box))
        if piece[1] is not None:
            painter.setPen(_pens().thin[self._carry])
            painter.drawPath(piece[1])

    def _under_copies(self, painter: QPainter, seen: QRectF) -> None:
        """A lit wire is lifted over the cards (zoom_detail.py): it passes
        under the linked copies it crosses, whose text it covered."""
        sc = self.scene()
        lk = sc.linked if isinstance(sc, ItemHost) else None
        bounds = self.boundingRect()
        holes = [] if lk is None else lk.pills_in(bounds.intersected(seen))
        if holes:
            clip = QPainterPath()
            clip.addRect(bounds)
            for r in holes:
                hole = QPainterPath()
                hole.addRect(r)
                clip = clip.subtracted(hole)
            painter.setClipPath(clip, Qt.ClipOperation.IntersectClip)

    def _part_in(self, box: curve_clip.Box) -> QPainterPath | None:
        """The part of the curve that may meet ``box``, or None."""
        x1, y1, x2, y2 = self.ends_xy()
        if not curve_meets(x1, y1, x2, y2, box):  # most long wires Qt asks about pass by
            return None
        return curve_clip.part_in(x1, y1, x2, y2, box)


def set_ends_many(ends: list[tuple[tuple[str, str, int], EdgeItem, float, float, float, float]]) -> int:
    """``EdgeItem.set_ends`` of many wires (a batch move): each ``(key, wire,
    x1, y1, x2, y2)``. A shown wire's curve is made from the numbers; a hidden
    one (zoomed far out, folded) only notes them, and makes its points and
    curve when it is shown or asked. How many curves were made."""
    made, follow, cell_of, Cell = 0, wire_cells.follow, wire_cells.cell_of, wire_cells.WireCell
    for _, e, x1, y1, x2, y2 in ends:
        if e._caption is not None:
            e.set_ends(QPointF(x1, y1), QPointF(x2, y2))
            made += 1
            continue
        e._xy = (x1, y1, x2, y2)
        p = e.parentItem()  # wire_cells.follow, the common case inlined
        if type(p) is Cell:
            if cell_of(x1, y1, x2, y2) != p.cell:
                p.box.hold(e)
        elif p is not None:
            follow(e)
        e._piece = None
        if e.isVisible():
            e._stale = False
            if e._was is None:
                e._was = e.sceneBoundingRect()
            e.setPath(wire_curve_at(x1, y1, x2, y2))
            made += 1
        else:
            e._stale = True
    return made
