"""A collapsed group's card: its name, how many nodes it folds, and a row
per value crossing its boundary, ports and all (the frame of an open group:
group_items.py, with what both share)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from core.explain.words import counted
from core.graph.group_card_geometry import GROUP_COUNT_H, GROUP_NAME_H, GROUP_W, group_card_h, group_row_y
from gui.canvas import picture_marks
from gui.canvas.cards import card_text
from gui.canvas.cards.card_text import (
    CENTER,
    LEFT,
    RIGHT,
    Text,
    first_words,
    fit,
    is_compact,
    line_height,
    metrics,
    needed_px,
    number_and_kind,
    one_line_px,
    stack,
    usual_px,
    wrap,
)
from gui.canvas.folding import tangent_rows
from gui.canvas.folding.group_rows import (
    GRAD,
    MAX_ROWS,
    Port,
    as_negative,
    column,
    compact_forms,
    cut_short,
    grad_span,
    named_rows,
    named_width,
    one_precision,
    row_texts,
    rows_width,
    span_forms,
    waiting,
    zeros_dropped,
    zeros_kept,
)
from gui.canvas.folding.group_strip import STRIP_FILL, paint_strip, strip_place
from gui.canvas.folding.kept_rows import (
    CLOSE,
    NAME_ROOM,
    ROW_H,
    SMALLEST_ROW,
    output_over_rows,
    over_if_negative,
    paint_spill,
    rows_kept,
    two_close,
)
from gui.common import style as S

CARD_W = GROUP_W
HEADER_H = GROUP_NAME_H

#: Above this many font pixels for a readable text, a folded card shows its name alone.
CARD_FULL_MAX = 15
#: Narrower than this many pixels on screen, a card is a plain block (no
#: rounded corners, ports or texts to see: ~40 µs a card, 20 ms a frame of
#: 500 folded groups far out, for what a fill shows the same).
BLOCK_PX = 16.0


#: A name two lines cannot hold is cut on one line where that keeps this many characters.
ONE_LINE_KEEPS = 10


class GroupCard(QGraphicsObject):
    """A collapsed group: its name, how many nodes it folds, and a row per
    value crossing its boundary (inputs on the left, outputs on the right),
    with the gradient each carries once Backward has shown one. Zoomed out,
    its name alone, large (``texts_at``)."""

    def __init__(
        self,
        gid: str,
        on_toggle: Callable[[str], None],
        on_moved: Callable[[str, float, float], None],
        on_dragging: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.gid = gid
        self.label = gid
        self.count = 0
        self.inputs: Sequence[Port] = []
        self.outputs: Sequence[Port] = []
        self._texts: tuple[int, list[Text]] | None = None
        self._size = self._bounds = QRectF()  # its rect and Qt's bounding rect, made with its rows
        self._sized()
        self._strip: tuple[float, str] | None = None
        self._on_toggle, self._on_moved, self._on_dragging = on_toggle, on_moved, on_dragging
        self._press: QPointF | None = None
        self.highlight: str | None = None  # view state: its part in a pass on screen
        self.far = False  # zoomed far out: a region, its name drawn over it (far_names.py)
        self._sign = GRAD
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)

    @property
    def sign(self) -> str:
        """What its rows write before a gradient: ∇, or a tangent's name (card_rows.sign)."""
        return self._sign

    @sign.setter
    def sign(self, sign: str) -> None:
        if sign != self._sign:
            self._sign, self._texts = sign, None
            self.update()

    def set_content(self, label: str, count: int, inputs: Sequence[Port], outputs: Sequence[Port]) -> None:
        if (label, count, inputs, outputs) == (self.label, self.count, self.inputs, self.outputs):
            return
        # (new gradients in the same rows, as a pass shows them: no new size, no new tooltip)
        resized = (_rows(inputs), _rows(outputs)) != (_rows(self.inputs), _rows(self.outputs))
        if resized:
            self.prepareGeometryChange()
        if (label, count) != (self.label, self.count):
            self.setToolTip(
                f"Group “{label}”, folded: {count} node{'s' * (count != 1)}. "
                "Double-click (or ▸) to open it; drag to move all of it."
            )
        self.label, self.count, self.inputs, self.outputs = label, count, inputs, outputs
        self._texts = None
        if resized:
            self._sized()
        self.update()

    def set_far(self, far: bool) -> None:
        """Far out the card is a region whose name the scene's far names draw."""
        if far != self.far:
            self.far = far
            self._texts = None
            self.update()

    def set_highlight(self, highlight: str | None) -> None:
        if highlight != self.highlight:
            self.highlight = highlight
            self.update()

    def set_strip(self, strip: tuple[float, str] | None) -> None:
        """A bar along the top of the card, ``(fraction 0..1, tooltip)``, or
        None (Gradient Flow's: how large the gradients in the group are)."""
        self._strip = strip
        self.update()

    @property
    def strip(self) -> tuple[float, str] | None:
        return self._strip

    def rect(self) -> QRectF:
        return QRectF(self._size)

    def _sized(self) -> None:
        """Its rect and bounding rect from its rows, once a change of them
        (Qt asks for the bounding rect some seven times a card as Collapse
        All makes 500 of them)."""
        rows = max(1, _rows(self.inputs), _rows(self.outputs))
        self._size = QRectF(0, 0, CARD_W, group_card_h(rows))
        self._spill = max(0.0, (NAME_ROOM - self._size.height()) / 2)  # (its name's, zoomed out)
        self._bounds = self._size.adjusted(-S.PORT_R - 5, -5 - self._spill, S.PORT_R + 5, 5 + self._spill)

    def input_pos(self, source: str) -> QPointF:
        return self.mapToScene(QPointF(0, self.row_y(_row_of(self.inputs, source))))

    def output_pos(self, node: str) -> QPointF:
        return self.mapToScene(QPointF(CARD_W, self.row_y(_row_of(self.outputs, node))))

    def row_y(self, i: int) -> float:
        return group_row_y(i)

    def port_ys(self) -> tuple[dict[str, float], dict[str, float], float]:
        """``input_pos`` and ``output_pos`` of every row at once, in the
        card: the y of each input (by its outside source) and each output
        (by its node), and the first row's (where any other value goes, and
        all of them past a summary row)."""

        def ys(ports: Sequence[Port]) -> dict[str, float]:
            if len(ports) > MAX_ROWS:
                return {}
            return {ports[i].node: self.row_y(i) for i in range(len(ports) - 1, -1, -1)}

        return ys(self.inputs), ys(self.outputs), self.row_y(0)

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def texts_at(self, zoom: float) -> list[Text]:
        """The texts the card draws at ``zoom``, each readable there (see
        gui/canvas/cards/card_text.py); ``paint`` draws exactly these."""
        if self.far and zoom < S.FAR_ZOOM:  # its name over it, where it fits among the others' (far_names.py)
            return []
        need = needed_px(zoom)
        if self._texts is None or self._texts[0] != need:
            self._texts = (need, self._layout(need))
        return self._texts[1]

    def _layout(self, need: int) -> list[Text]:
        if self._sign == GRAD:
            return self._layout_signed(need)
        return tangent_rows.layout(self, need)  # (forward mode: its tangent's name, or ∂)

    def signed(
        self, sign: str, need: int, ports: tuple[Sequence[Port], Sequence[Port]] | None = None
    ) -> list[Text]:
        """The texts at ``need`` with ``sign`` before each tangent (and rows ``ports``, if given)."""
        kept = self._sign, self.inputs, self.outputs
        self._sign = sign
        if ports is not None:
            self.inputs, self.outputs = ports
        try:
            return self._layout_signed(need)
        finally:
            self._sign, self.inputs, self.outputs = kept

    def _layout_signed(self, need: int) -> list[Text]:
        r = self.rect()
        if is_compact(need, CARD_FULL_MAX):
            # its rows beside their ports while each keeps its name, in fewer digits if it must
            # (a trial: below 70 %, the zoom a teacher's graph opened at, "x ∇1.3743, y ∇0.8745",
            # what the group sends back, were gone; the name and its output were left)
            rows = rows_kept(self, r, need)
            return rows if rows is not None else self._compact(r, need)
        texts = self.full(r, need)
        # (verify 51, 74 %: "x ∇1.4 / y ∇0.87" beside cards' "∇ 1.3499": its output over them; so too
        # where rows side by side lose their names: trial 64 #3's "0.4277 / … / ∇−1.1" at 85 %);
        # decided as if its numbers were negative, so like cards at one zoom lay out alike (trial 73 #9)
        if over_if_negative(self, r, need):
            over = output_over_rows(self, r, need)
            if over is not None:
                return over
        return texts

    def full(self, r: QRectF, need: int, fewer: int = 0, count: bool = True) -> list[Text]:
        """Its name, the count of nodes it folds (``count``) and a row per
        value crossing its edge, each number as the zoom writes it
        (zoom_digits.py), ``fewer`` forms shorter."""
        return self.full_cut(r, need, fewer, count)[0]

    def full_cut(self, r: QRectF, need: int, fewer: int = 0, count: bool = True) -> tuple[list[Text], bool]:
        """:meth:`full`'s texts, and whether a row's digits are fewer than its form's."""
        px = max(13, need)
        out = [Text("toggle", "▸", QRectF(6, 0, 18, HEADER_H), px, True, CENTER)]
        name = fit(self.label, px, True, r.width() - 32, elide=True)
        if name is not None:
            out.append(Text("name", name, QRectF(26, 0, r.width() - 32, HEADER_H), px, True, LEFT))
        px = max(11, need)
        if count:
            told = f"{self.count} node{'s' * (self.count != 1)} folded"
            out.append(
                Text("count", told, QRectF(8, HEADER_H, r.width() - 16, GROUP_COUNT_H), px, False, LEFT)
            )
        # (each number as every card beside it writes it: zoom_digits.py)
        left = row_texts(self.inputs, 0, self._sign, need, fewer)
        right = row_texts(self.outputs, 1, self._sign, need, fewer)
        fm = metrics(px)
        # the outputs' column as wide as its longest row needs: at most 60%,
        # or what the inputs' longest rows leave (a layer's one "9 values in")
        inner = r.width() - 20
        left_needs = max((fm.horizontalAdvance(t[0]) for t in left), default=0.0)
        most = max(inner * 0.6, inner - 8 - left_needs)
        right_w = min(most, max((fm.horizontalAdvance(t[0]) for t in right), default=0.0))
        cols = {0: column(left, px, inner - right_w - 8), 1: column(right, px, right_w)}
        # the outputs in a shorter form where that keeps the inputs' names (the folded loss read "0.4277 …"
        # beside "loss 6.005  ∇1.0000"), never so short the outputs lose their names: a bare "∇1" beside
        # the first input's row read as a second number of it
        narrow = max(inner - 8 - left_needs, named_width(fm, self.outputs, right))
        if 0 < narrow < right_w:
            other = {0: column(left, px, inner - narrow - 8), 1: column(right, px, narrow)}
            if named_rows(self.inputs, other[0]) + named_rows(self.outputs, other[1]) > named_rows(
                self.inputs, cols[0]
            ) + named_rows(self.outputs, cols[1]):
                cols, right_w = other, narrow
        left_w = inner - right_w - 8
        cols, (left_w, right_w) = one_precision((left, right), cols, (left_w, right_w), px)
        # (a whole number's zeros dropped too: "loss ∇1" beside "∇−1.0959", its row over theirs if it fits)
        cut = any(
            cut_short(f, t) or zeros_dropped(f, t)
            for side, rows in ((0, left), (1, right))
            for f, t in zip(rows, cols[side])
        )
        for side, rows in ((0, left), (1, right)):
            width = left_w if side == 0 else right_w
            for i, (candidates, shown) in enumerate(zip(rows, cols[side])):
                y = self.row_y(i)
                box = QRectF(10 if side == 0 else r.width() - 10 - width, y - ROW_H / 2, width, ROW_H)
                if shown is None:  # a form whole at a smaller size, else none: never a number's middle cut
                    size, shown = _smaller(candidates, px, width)  # (trial 52: "∇0…11" for 0.00011 read 0.11)
                else:  # (a whole number's zeros, "loss ∇1", kept in two digits where that fits: "∇1.0")
                    size, shown = zeros_kept(candidates, shown, px, width, SMALLEST_ROW)
                if shown is not None:
                    out.append(Text("row", shown, box, size, False, LEFT if side == 0 else RIGHT))
        return out, cut

    def _compact(self, r: QRectF, need: int) -> list[Text]:
        """The name, as large as it must be, and under it what comes out
        (each output's gradient once Backward shows one, else its value)
        when every output fits; else, where the name keeps a line to spare,
        the range of their gradients (before a pass, how many); else the
        name alone."""
        box = r.adjusted(8, 3, -8, -3)
        zoom = need  # (the zoom's digits, not the size a larger text is made to fit)
        need = one_line_px(need, box.height())  # (Presentation Mode's larger text: smaller, never blank)
        # Presentation Mode: its outputs listed, each named in the zoom's digits, as the usual size lists
        # them, as large as they fit, before fewer or their count (trial 73 #6: "layer 1 [1] / 4 values
        # out", the layer 3 cards' "ypred[1] 0.4277" gone, where the usual text at 52 % lists them)
        sizes = range(need, min(need, usual_px(zoom)) - 1, -1)
        at = next((s for s in sizes if self._listed(box, zoom, s, named=True)), None)
        if at is None:
            at = next((s for s in sizes if self._listed(box, zoom, s)), need)
        need = at
        outs = self._listed(box, zoom, need)
        lh = line_height(need, True)
        room = int(box.height() // lh)
        # too many to list: the range of their gradients (else how many) in a line the name can spare, the
        # name on one line cut where two would leave none ("layer 1 wei…": trial 71 #9, at 41 % no range)
        spare = room >= 2 and _whole(wrap(self.label, need, True, box.width(), room - 1))
        if not outs and self.outputs and (spare or (room == 2 and self._one_line(need, box.width()))):
            n = len(self.outputs)
            # (a range only where its model fits: alike cards at one zoom alike, whatever their numbers)
            spans = span_forms(self.outputs, self._sign, need, rows_width(box))
            has = grad_span(self.outputs, self._sign) is not None
            forms = [*spans, f"{n} out"] if has else [f"{counted(n, 'value')} out", f"{n} out"]
            outs = [t for t in column([forms], need, rows_width(box)) if t is not None]
        closer = bool(outs) and len(outs) >= room
        free = 1 if closer else room - len(outs)  # the name's lines
        names = wrap(self.label, need, True, box.width(), min(free, 2))  # (never three lines)
        if len(names) > 1 and not _whole(names):
            # a name two lines cannot hold (Import Code's statement "d = a * b + c * a - b * c + a * a")
            # on one line, cut at its end, where that keeps enough of it (its tooltip has it whole);
            # a short one kept "3 wei…" of "layer 3 weights": on two, "layer 3 / weig…"
            one = wrap(self.label, need, True, box.width(), 1)
            if one and len(one[0].rstrip("…").strip()) >= ONE_LINE_KEEPS:
                names = one
        if room == 1 and not outs and names != [self.label]:
            two = two_close(self.label, r, need, self._spill)
            if two:
                return two
        bold = True
        if len(names) <= 1 and names != [self.label] and free >= 1:  # one line cut: its first words
            # kept ("layer 1 wei…"), else its number and kind ("1 weights": too narrow for more)
            head = first_words(self.label, need, box.width())
            kept = head[0] if head is not None else number_and_kind(self.label, need, True, box.width())
            bold = head is None or head[1]
            names = [kept] if kept is not None else names
        lines = [("name", t, bold) for t in names] + [("row", t, False) for t in outs]
        pitch = (box.height() - lh) / len(outs) if closer and names else None
        return stack(lines, box, need, pitch) if names else []

    def _listed(self, box: QRectF, zoom: int, px: int, named: bool = False) -> list[str]:
        """Its outputs' rows at ``px`` (in the digits of the zoom ``zoom`` needs; ``named``: only
        so, each named) where every one fits under its name, clear of its ports; else []."""
        lh = line_height(px, True)
        room = int(box.height() // lh)
        # under a one-line name, rows closer than a line where that keeps them (a layer's four at 49 %)
        close = int((box.height() - lh) // (CLOSE * lh))
        if not 0 < len(self.outputs) <= min(MAX_ROWS, max(room - 1, close)):
            return []
        one = len(self.outputs) == 1
        rows = [compact_forms(p, self._sign, zoom, 0, one, waiting(p, self.outputs)) for p in self.outputs]
        width = rows_width(box)
        if named:  # (as if negative: one form whatever the signs)
            firsts = [r[0] for r in rows]
            return firsts if all(fit(as_negative(t), px, False, width) for t in firsts) else []
        shown = column(rows, px, width, signed=True)
        return [t for t in shown if t is not None] if None not in shown else []

    def _one_line(self, need: int, width: float) -> bool:
        """Whether its name fits one line, whole or its first words kept ("layer 1 wei…")."""
        return (
            wrap(self.label, need, True, width, 1) == [self.label]
            or first_words(self.label, need, width) is not None
        )

    def paint(self, painter: QPainter, option, widget=None) -> None:
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        r = self.rect()
        ring = {"current": S.HL_CURRENT, "input": S.HL_INPUT, "done": S.HL_DONE}.get(self.highlight or "")
        if self.highlight == "done" and not picture_marks.rings:  # (a finished pass's, in a plain picture)
            ring = None
        if zoom * CARD_W < BLOCK_PX:
            self._paint_block(painter, r, ring)
            return
        texts = self.texts_at(zoom)
        compact = is_compact(needed_px(zoom), CARD_FULL_MAX) and not any(t.kind == "toggle" for t in texts)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if ring is not None:  # its part in a pass on screen
            painter.setPen(QPen(ring, 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r.adjusted(-3, -3, 3, 3), S.RADIUS + 3, S.RADIUS + 3)
        painter.setPen(
            QPen(S.SELECT if self.isSelected() else S.GROUP_BORDER, 2 if self.isSelected() else 1.4)
        )
        painter.setBrush(S.GROUP_CARD)
        painter.drawRoundedRect(r, S.RADIUS, S.RADIUS)
        if not compact:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(S.GROUP_HEADER)
            painter.drawRoundedRect(QRectF(0, 0, r.width(), HEADER_H), S.RADIUS, S.RADIUS)
        elif self._strip is not None and self._strip[0] > 0:  # zoomed out: the card is the gauge
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(STRIP_FILL)
            inner = r.adjusted(1, 1, -1, -1)
            inner.setWidth(inner.width() * min(1.0, self._strip[0]))
            painter.drawRoundedRect(inner, S.RADIUS - 1, S.RADIUS - 1)
        paint_spill(painter, texts, r)  # (a name over its edges: two_close)
        for t in texts:
            if t.kind == "toggle" and not picture_marks.shown:
                continue
            painter.setPen(S.TEXT if t.kind == "row" else S.TEXT_DIM if t.kind == "count" else S.GROUP_TITLE)
            painter.setFont(card_text.font(t.px, t.bold))
            painter.drawText(t.rect, t.align, t.text)
        for side, ports in ((0, self.inputs), (1, self.outputs)):
            for i in range(_rows(ports) if ports else 0):
                painter.setPen(QPen(S.PORT_OUT if side else S.PORT_IN, 1.2))
                painter.setBrush(S.PORT_EMPTY if side == 0 else S.PORT_OUT)
                painter.drawEllipse(QPointF(0 if side == 0 else r.width(), self.row_y(i)), S.PORT_R, S.PORT_R)
        if self._strip is not None and not compact:
            bar, under_name = strip_place(texts, zoom, r.width(), HEADER_H)
            if under_name:
                paint_strip(painter, bar, self._strip[0])
            elif self._strip[0] > 0:  # the name too large for a bar under it: its header is the gauge
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(STRIP_FILL)
                bar.setWidth(bar.width() * min(1.0, self._strip[0]))
                painter.drawRoundedRect(bar, S.RADIUS, S.RADIUS)

    def _paint_block(self, painter: QPainter, r: QRectF, ring) -> None:
        """A few pixels wide: its part in a pass, its selection or its border's
        colour as one block, Gradient Flow's gauge over it."""
        painter.fillRect(r, ring if ring is not None else S.SELECT if self.isSelected() else S.GROUP_BORDER)
        if self._strip is not None and self._strip[0] > 0:
            gauge = QRectF(r.x(), r.y(), r.width() * min(1.0, self._strip[0]), r.height())
            painter.fillRect(gauge, STRIP_FILL)

    def mousePressEvent(self, event) -> None:
        if QRectF(0, 0, 26, HEADER_H).contains(event.pos()):
            self._on_toggle(self.gid)
            event.accept()
            return
        self._press = self.pos()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        self._on_dragging(self.gid)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is not None and start != self.pos():
            d = self.pos() - start
            self._on_moved(self.gid, d.x(), d.y())

    def mouseDoubleClickEvent(self, event) -> None:
        self._on_toggle(self.gid)
        event.accept()


def _smaller(forms: list[str], px: int, width: float) -> tuple[int, str | None]:
    """The largest size from ``px`` down to :data:`SMALLEST_ROW` of it at which a form of a row
    fits ``width`` whole, and that form (the first that does); ``(px, None)`` where none does."""
    for size in range(px - 1, max(8, int(px * SMALLEST_ROW)) - 1, -1):
        shown = next((f for f in forms if fit(f, size, False, width) is not None), None)
        if shown is not None:
            return size, shown
    return px, None


def _whole(names: list[str]) -> bool:
    """Whether wrapped name lines hold the whole name (no "…" cut in)."""
    return bool(names) and not any("…" in t for t in names)


def _rows(ports: Sequence[Port]) -> int:
    return len(ports) if len(ports) <= MAX_ROWS else 1


def _row_of(ports: Sequence[Port], node: str) -> int:
    if len(ports) > MAX_ROWS:
        return 0
    return next((i for i, p in enumerate(ports) if p.node == node), 0)
