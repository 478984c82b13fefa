"""Canvas items: a node card and a wire, both painted by hand.

Items hold no document state: a NodeItem reads what it shows from the model
(``refresh``) when the scene tells it something changed, and keeps only what
is the view's own (the gradient shown by the backward animation, highlight,
caption). Ports are painted, not child items, and hit-tested with
``port_at``; that keeps one QGraphicsItem per node, which matters at 5,000.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QStyle

from core.autograd import ops

from gui.common import grad_colors
from gui.common import style as S
from core.explain.format import fmt, fmt_full

if TYPE_CHECKING:
    from core.graph.model import GraphModel

HIGHLIGHTS = (None, "current", "input", "done", "dim")

_W2, _H2 = S.NODE_W / 2, S.NODE_H / 2
_BODY_TOP = -_H2 + S.HEADER_H
_BODY_MID = (_BODY_TOP + _H2) / 2
_CARD = QRectF(-_W2, -_H2, S.NODE_W, S.NODE_H)
CARD_RECT = _CARD  # the card, in item coordinates (centred on the node position)
_TAG_H = 15.0  # room above the card for the "output" tag
_MARGIN = 6.0  # room around the card for ports and glow
_BOUNDS = QRectF(-_W2 - _MARGIN, -_H2 - _TAG_H, S.NODE_W + 2 * _MARGIN, S.NODE_H + _TAG_H + _MARGIN)


def _port_ys(n: int) -> list[float]:
    if n == 1:
        return [_BODY_MID]
    gap = 22.0
    top = _BODY_MID - gap * (n - 1) / 2
    return [top + gap * i for i in range(n)]


PORT_YS = {n: _port_ys(n) for n in (1, 2)}
_OUT_Y = _BODY_MID


_PATHS: dict = {}


def _rounded(r: QRectF, radius: float) -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(r, radius, radius)
    return p


def _paths() -> dict:
    """The card's shapes, built once. Outlines are stroked here, once, and
    filled when painting: filling a ready path costs a fraction of stroking
    a rounded rectangle on every paint."""
    if not _PATHS:
        card = _rounded(_CARD, S.RADIUS)
        header = _rounded(QRectF(-_W2, -_H2, S.NODE_W, S.HEADER_H + S.RADIUS), S.RADIUS)
        clip = QPainterPath()
        clip.addRect(QRectF(-_W2, -_H2, S.NODE_W, S.HEADER_H))

        def outline(width: float, dashed: bool = False) -> QPainterPath:
            st = QPainterPathStroker()
            st.setWidth(width)
            st.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if dashed:
                st.setDashPattern([4.0, 3.0])
            return st.createStroke(card)

        _PATHS.update(
            card=card,
            header=header.intersected(clip),
            shadow=card.translated(0, 2.5),
            halo=_rounded(_CARD.adjusted(-4, -4, 4, 4), S.RADIUS + 3),
            glow=outline(7.0),
            thin=outline(1.2),
            thick=outline(2.5),
            dashed=outline(1.4, True),
            thick_dashed=outline(2.5, True),
        )
    return _PATHS


#: The animation's highlights, told apart by shape as well as colour: the
#: current step a thick saturated ring in a soft glow, its inputs a thin
#: amber ring, finished nodes a faint green glow.
HL_COLORS = {"current": QColor("#e8590c"), "input": QColor("#f0a30a"), "done": S.HL_DONE}
_HL_PATHS: dict = {}


def _paint_highlight(painter: QPainter, kind: str) -> None:
    if not _HL_PATHS:
        def ring(inset: float, width: float) -> QPainterPath:
            st = QPainterPathStroker()
            st.setWidth(width)
            st.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            return st.createStroke(_rounded(_CARD.adjusted(-inset, -inset, inset, inset),
                                            S.RADIUS + inset))
        _HL_PATHS.update(current_glow=ring(3.0, 6.0), current=ring(2.5, 4.0),
                         input=ring(2.0, 1.8), done=ring(1.5, 5.0))
    c = QColor(HL_COLORS[kind])
    if kind == "current":
        glow = QColor(c)
        glow.setAlpha(70)
        painter.setBrush(glow)
        painter.drawPath(_HL_PATHS["current_glow"])
    elif kind == "done":
        c.setAlpha(90)
    painter.setBrush(c)
    painter.drawPath(_HL_PATHS[kind])


_SUPER = str.maketrans("0123456789\u2212", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def superscript(text: str) -> str:
    """``text`` as an exponent: superscript digits when it is a whole number
    (x², x⁻¹), else "^text" (x^0.5), which stays readable."""
    if text and all(c in "0123456789\u2212" for c in text):
        return text.translate(_SUPER)
    return "^" + text


def wire_path(p1: QPointF, p2: QPointF) -> QPainterPath:
    """A smooth S-curve from an output port (p1) to an input port (p2)."""
    dx = max(40.0, abs(p2.x() - p1.x()) * 0.5)
    path = QPainterPath(p1)
    path.cubicTo(p1.x() + dx, p1.y(), p2.x() - dx, p2.y(), p2.x(), p2.y())
    return path


_F = QGraphicsItem.GraphicsItemFlag
_NODE_FLAGS = _F.ItemIsSelectable | _F.ItemIsMovable
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_PEN = QPen(Qt.PenStyle.NoPen)


class NodeItem(QGraphicsRectItem):
    """One node: a card with label, operator, value, ports (and gradient).

    A QGraphicsRectItem underneath only so Qt gets the bounds without a call
    into Python; everything visible is painted by ``paint``. It does not
    override itemChange: the scene moves the wires itself, which keeps
    thousands of Python calls out of building and moving.
    """

    def __init__(self, model: "GraphModel", node_id: str) -> None:
        super().__init__()
        self._model = model
        self.node_id = node_id
        self._grad: float | None = None
        self._highlight: str | None = None
        self._note: str | None = None
        self._note_rect = QRectF()
        self._is_output = False
        self._auto_output = False  # no output set: the single sink, where Backward starts
        self.setPen(_NO_PEN)
        self.setRect(_BOUNDS)
        self.setFlags(_NODE_FLAGS)
        self.setCacheMode(_DEVICE_CACHE)
        self.setZValue(1.0)
        self.refresh()

    # ------------------------------------------------------------ model view
    def refresh(self) -> None:
        """Re-read what the card shows from the model and repaint."""
        m, n = self._model, self.node_id
        a = m.graph.nodes[n]
        op = a["op"]
        self.op = op
        self.arity = ops.arity(op)
        self.label = a.get("label") or n
        v = m.value(n)
        self._value = v
        self._reason = m.reason(n)
        self._bad = v is not None and not math.isfinite(v)
        self._value_text = fmt(v)
        self._exponent = a.get("exponent")
        spec = ops.OPS[op]
        self._tag = None  # leaves: "param" or "const" (core/training.py: is_trainable)
        if op == "pow":
            self._symbol = "x" + superscript(fmt(self._exponent))
        elif op == "leaf":
            self._symbol = ""
            self._tag = "param" if a.get("trainable", True) is not False else "const"
        else:
            self._symbol = spec.symbol
        self._ports = spec.ports
        self.update()

    def set_output_flag(self, on: bool) -> None:
        if on != self._is_output:
            self._is_output = on
            self.update()

    @property
    def is_output(self) -> bool:
        return self._is_output

    def set_auto_output(self, on: bool) -> None:
        if on != self._auto_output:
            self._auto_output = on
            self.update()

    @property
    def is_auto_output(self) -> bool:
        return self._auto_output

    @property
    def output_badge(self) -> str | None:
        """The tag over the card: "output" (set), "output (auto)" (the single
        end node Backward starts from when none is set), else None."""
        if self._is_output:
            return "output"
        return "output (auto)" if self._auto_output else None

    @property
    def value_text(self) -> str:
        """The value as the card shows it."""
        return self._value_text

    @property
    def symbol_text(self) -> str:
        return self._symbol

    @property
    def flagged(self) -> str | None:
        """"nonfinite", "incomplete" or None: how the card is flagged."""
        if self._bad:
            return "nonfinite"
        if self._value is None:
            return "incomplete"
        return None

    # ------------------------------------------------ the animation's API
    @property
    def grad(self) -> float | None:
        return self._grad

    def set_grad(self, value: float | None) -> None:
        """Show (or with None, hide) a gradient on the card."""
        self._grad = None if value is None else float(value)
        self.update()

    @property
    def highlight(self) -> str | None:
        return self._highlight

    def set_highlight(self, kind: str | None) -> None:
        if kind not in HIGHLIGHTS:
            raise ValueError(f"highlight must be one of {HIGHLIGHTS}, not {kind!r}")
        self._highlight = kind
        self.setOpacity(S.DIM_OPACITY if kind == "dim" else 1.0)
        self.update()
        _overview_changed(self)

    @property
    def note(self) -> str | None:
        return self._note

    def set_note(self, text: str | None) -> None:
        """A small caption under the card (e.g. the chain-rule sum)."""
        self._note = text or None
        bounds = _BOUNDS
        if self._note:
            fm = QFontMetricsF(S.fonts()[2])
            w = fm.horizontalAdvance(self._note) + 14
            self._note_rect = QRectF(-w / 2, _H2 + 6, w, fm.height() + 6)
            bounds = bounds.united(self._note_rect.adjusted(-1, -1, 1, 1))
        self.setRect(bounds)
        self.update()

    def clear_view_state(self) -> None:
        """Drop the shown gradient, highlight and note (each only if set,
        so an untouched card is not repainted)."""
        if self._grad is not None:
            self.set_grad(None)
        if self._highlight is not None:
            self.set_highlight(None)
        if self._note is not None:
            self.set_note(None)

    # ------------------------------------------------------------ geometry
    def input_pos(self, port: int) -> QPointF:
        """Scene position of input ``port``."""
        return self.mapToScene(QPointF(-_W2, PORT_YS[self.arity][port]))

    def output_pos(self) -> QPointF:
        return self.mapToScene(QPointF(_W2, _OUT_Y))

    def local_port(self, kind: str, port: int = 0) -> QPointF:
        if kind == "out":
            return QPointF(_W2, _OUT_Y)
        return QPointF(-_W2, PORT_YS[self.arity][port])

    def port_at(self, scene_pos: QPointF, radius: float = S.PORT_HIT) -> tuple[str, int] | None:
        """("in", port) or ("out", 0) of the port within ``radius`` of ``scene_pos``."""
        p = self.mapFromScene(scene_pos)
        best, best_d = None, radius * radius
        cands = [("out", 0)] + [("in", i) for i in range(self.arity)]
        for kind, i in cands:
            q = self.local_port(kind, i)
            d = (p.x() - q.x()) ** 2 + (p.y() - q.y()) ** 2
            if d <= best_d:
                best, best_d = (kind, i), d
        return best

    def region_at(self, scene_pos: QPointF) -> str:
        """What a double-click at ``scene_pos`` edits: "label", "value" or "exponent"."""
        p = self.mapFromScene(scene_pos)
        if p.y() < _BODY_TOP:
            if self.op == "pow" and p.x() <= self.symbol_rect().right() + 2:
                return "exponent"  # the x^k pill
            return "label"
        if self.op == "leaf":
            return "value"
        if self.op == "pow":
            return "exponent"
        return "label"

    def editor_rect(self, what: str) -> QRectF:
        """Scene rect where the inline editor for ``what`` goes."""
        if what == "label":
            r = QRectF(-_W2 + 4, -_H2 + 2, S.NODE_W - 8, S.HEADER_H - 2)
        elif what == "exponent":
            r = QRectF(-_W2 + 4, -_H2 + 2, _W2, S.HEADER_H - 2)
        else:
            r = QRectF(-_W2 + 10, _BODY_MID - 12, S.NODE_W - 20, 24)
        return self.mapRectToScene(r)

    def symbol_rect(self) -> QRectF:
        """The operator's symbol pill at the left of the header (empty for a leaf)."""
        if not self._symbol:
            return QRectF()
        f = S.fonts()[3] if len(self._symbol) <= 2 else S.fonts()[0]
        w = max(22.0, QFontMetricsF(f).horizontalAdvance(self._symbol) + 10)
        return QRectF(-_W2 + 6, -_H2 + 3, w, S.HEADER_H - 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(_CARD.adjusted(-S.PORT_R, 0, S.PORT_R, 0), S.RADIUS, S.RADIUS)
        return path

    # ------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option, widget=None) -> None:
        # in device pixels: on a 150% screen, text is readable at a smaller zoom
        lod = (option.levelOfDetailFromTransform(painter.worldTransform())
               * painter.device().devicePixelRatioF())
        leaf = self.op == "leaf"
        flag = self.flagged
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if flag == "nonfinite":
            fill, border = S.BAD_FILL, S.BAD
        elif flag == "incomplete":
            fill, border = S.INCOMPLETE_FILL, S.INCOMPLETE
        elif leaf:
            fill, border = S.LEAF_CARD, S.LEAF_BORDER
        else:
            fill, border = S.CARD, S.CARD_BORDER
        if self._is_output:
            border = S.OUTPUT
        if selected:
            border = S.SELECT

        if lod < S.LOD_TEXT:  # tiny on screen: a plain block
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(border if (selected or self._is_output or flag) else
                             (S.LEAF_BORDER if leaf else S.CARD_BORDER))
            painter.drawRect(_CARD)
            return

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        P = _paths()
        hl = self._highlight
        painter.setPen(Qt.PenStyle.NoPen)
        if hl in ("current", "input", "done"):
            _paint_highlight(painter, hl)
        elif lod >= S.LOD_DETAIL:  # a soft shadow lifts the card off the grid
            painter.setBrush(S.SHADOW)
            painter.drawPath(P["shadow"])
        if selected:
            halo = QColor(S.SELECT)
            halo.setAlpha(45)
            painter.setBrush(halo)
            painter.drawPath(P["halo"])

        # card, header, outline
        painter.setBrush(fill)
        painter.drawPath(P["card"])
        painter.setBrush(S.LEAF_HEADER if leaf else S.OP_HEADER)
        painter.drawPath(P["header"])
        thick = selected or self._is_output
        dashed = flag == "incomplete" and not selected
        painter.setBrush(border)
        painter.drawPath(P[("thick" if thick else "thin") if not dashed else
                           ("thick_dashed" if thick else "dashed")])

        f_label, f_value, f_small, f_symbol = S.fonts()
        # header: the operator's symbol in a pill on the LEFT, then the label
        # (a glyph in the top-right corner reads as a close button)
        hdr = QRectF(-_W2 + 9, -_H2, S.NODE_W - 18, S.HEADER_H)
        right_w = 0.0
        if self._symbol:
            pill = self.symbol_rect()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(S.SYMBOL_PILL)
            painter.drawRoundedRect(pill, 5, 5)
            painter.setFont(f_symbol if len(self._symbol) <= 2 else f_label)
            painter.setPen(S.SYMBOL)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self._symbol)
            hdr.setLeft(pill.right() + 5)
        if self._tag and lod >= S.LOD_DETAIL:  # parameter or constant (learning tools)
            painter.setFont(f_small)
            painter.setPen(S.LEAF_TEXT if self._tag == "param" else S.TEXT_DIM)
            right_w = QFontMetricsF(f_small).horizontalAdvance(self._tag) + 6
            painter.drawText(hdr, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self._tag)
        painter.setFont(f_label)
        painter.setPen(S.LEAF_TEXT if leaf else S.OP_TEXT)
        fm = QFontMetricsF(f_label)
        label = fm.elidedText(self.label, Qt.TextElideMode.ElideRight, hdr.width() - right_w)
        painter.drawText(hdr, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

        # body: value (and gradient)
        detail = lod >= S.LOD_DETAIL
        show_grad = self._grad is not None and detail
        body_l = -_W2 + (20 if self.arity and detail else 8)
        body = QRectF(body_l, _BODY_TOP, _W2 - 14 - body_l, S.NODE_H - S.HEADER_H)
        vrect = QRectF(body.left(), _BODY_TOP + (2 if show_grad else 0), body.width(),
                       (S.NODE_H - S.HEADER_H) * (0.55 if show_grad else 1.0))
        painter.setFont(f_value)
        painter.setPen(S.BAD if flag == "nonfinite" else
                       S.INCOMPLETE if flag == "incomplete" else
                       S.LEAF_TEXT if leaf else S.TEXT)
        painter.drawText(vrect, Qt.AlignmentFlag.AlignCenter, self._value_text)
        if show_grad:
            painter.setFont(f_small)
            grect = QRectF(body.left(), vrect.bottom() - 2, body.width(), 16)
            text = "grad " + fmt(self._grad)
            # colour by sign and size (gui/grad_colors.py, shared with the legend)
            tw = QFontMetricsF(f_small).horizontalAdvance(text) + 10
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(grad_colors.fill_color(self._grad))
            painter.drawRoundedRect(QRectF(grect.center().x() - tw / 2, grect.top() + 1, tw, 14), 4, 4)
            painter.setPen(grad_colors.text_color(self._grad))
            painter.drawText(grect, Qt.AlignmentFlag.AlignCenter, text)

        # ports
        painter.setPen(QPen(S.PORT_IN, 1.3))
        ins = self._model.inputs(self.node_id) if self.arity else ()
        for i, y in enumerate(PORT_YS.get(self.arity, ())):
            painter.setBrush(S.PORT_IN if ins[i] is not None else S.PORT_EMPTY)
            painter.drawEllipse(QPointF(-_W2, y), S.PORT_R, S.PORT_R)
            if detail and (self.arity > 1 or self.op == "pow"):
                painter.setFont(f_small)
                painter.setPen(S.TEXT_DIM)
                painter.drawText(QRectF(-_W2 + 9, y - 8, 14, 16),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 self._ports[i])
                painter.setPen(QPen(S.PORT_IN, 1.3))
        painter.setPen(QPen(S.PORT_OUT, 1.3))
        painter.setBrush(S.PORT_OUT)
        painter.drawEllipse(QPointF(_W2, _OUT_Y), S.PORT_R, S.PORT_R)

        badge = self.output_badge
        if badge is not None:
            painter.setFont(f_small)
            fm = QFontMetricsF(f_small)
            w = fm.horizontalAdvance(badge) + 12
            tag = QRectF(_W2 - w - 8, -_H2 - _TAG_H + 1, w, _TAG_H - 1)
            path = QPainterPath()
            path.addRoundedRect(tag.adjusted(0, 0, 0, 6), 5, 5)
            painter.setPen(Qt.PenStyle.NoPen)
            if self._is_output:
                painter.setBrush(S.OUTPUT)
            else:  # chosen by the app, not the user: a lighter tag
                light = QColor(S.OUTPUT)
                light.setAlpha(45)
                painter.setBrush(light)
            painter.drawPath(path.intersected(_rect_path(tag)))
            painter.setPen(QColor("white") if self._is_output else S.OUTPUT)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, badge)

        if self._note and detail:
            painter.setPen(QPen(S.NOTE_BORDER, 1.0))
            painter.setBrush(S.NOTE_BG)
            painter.drawRoundedRect(self._note_rect, 5, 5)
            painter.setFont(f_small)
            painter.setPen(S.NOTE_TEXT)
            painter.drawText(self._note_rect, Qt.AlignmentFlag.AlignCenter, self._note)

    # ------------------------------------------------------------ tooltip
    def tooltip_text(self) -> str:
        m, n = self._model, self.node_id
        spec = ops.OPS[self.op]
        lines = []
        if self.op == "leaf":
            lines.append(f"<b>{_esc(self.label)}</b> — value (leaf)")
        else:
            names = [m.label(s) if s is not None else "∅" for s in m.inputs(n)]
            formula = spec.formula
            if self.op == "pow":
                formula = formula.replace("ᵏ", "^" + fmt_full(self._exponent))
            lines.append(f"<b>{_esc(self.label)}</b> = {_esc(formula)} &nbsp;({spec.title})")
            lines.append(", ".join(f"{p} = {_esc(x)}" for p, x in zip(spec.ports, names)))
        lines.append(f"value: {fmt_full(self._value)}")
        if self._grad is not None:
            lines.append(f"grad: {fmt_full(self._grad)}")
        if self._note:  # the animation's caption, e.g. where an inf gradient came from
            lines.append(_esc(self._note))
        if self._reason:
            lines.append(f"<span style='color:{S.INCOMPLETE.name()}'>incomplete: {_esc(self._reason)}</span>")
        if self._bad:
            why = m.nonfinite_reason(n) or "an input is not finite"
            lines.append(f"<span style='color:{S.BAD.name()}'>not finite: {_esc(why)}</span>")
        if self._is_output:
            lines.append("the graph's output (backward starts here)")
        elif self._auto_output:
            lines.append("the graph's only end node: with no output set, backward starts here")
        lines.append(f"<span style='color:{S.TEXT_DIM.name()}'>id: {_esc(n)}</span>")
        return "<br>".join(lines)


def _overview_changed(item: QGraphicsItem) -> None:
    sc = item.scene()
    if sc is not None and hasattr(sc, "overview_changed"):
        sc.overview_changed()


def _esc(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rect_path(r: QRectF) -> QPainterPath:
    p = QPainterPath()
    p.addRect(r)
    return p


class EdgeItem(QGraphicsPathItem):
    """One wire, from the source's output port to one input port of the target.

    A plain QGraphicsPathItem underneath, so Qt computes bounds and shape in
    C++; ``set_flow`` adds a caption item only while the animation needs one.
    """

    _pen = None
    _pen_sel = None
    _pen_flow = None
    _pen_bad = None
    _pen_none = None

    def __init__(self, source: str, target: str, port: int) -> None:
        super().__init__()
        self.source, self.target, self.port = source, target, port
        if EdgeItem._pen is None:
            EdgeItem._pen = _cosmetic(S.WIRE, S.WIRE_W)
            EdgeItem._pen_sel = _cosmetic(S.WIRE_SELECTED, 3.0)
            EdgeItem._pen_flow = _cosmetic(S.WIRE_FLOW, 3.5)
            EdgeItem._pen_bad = _cosmetic(S.BAD, S.WIRE_W)
            EdgeItem._pen_none = _cosmetic(S.WIRE_NONE, 1.6)
            EdgeItem._pen_none.setStyle(Qt.PenStyle.DashLine)
            # 1-pixel cosmetic pens take Qt's fast stroker: used when zoomed out
            EdgeItem._thin = {"ok": _cosmetic(S.WIRE, 1.0), "nonfinite": _cosmetic(S.BAD, 1.0),
                              "none": _cosmetic(S.WIRE_NONE, 1.0)}
            EdgeItem._thin["none"].setStyle(Qt.PenStyle.DashLine)
        self.setPen(EdgeItem._pen)
        self._carry = "ok"
        # Selectable only while clicked (the scene sets the flag), so a
        # rubber band picks nodes, not every wire crossing it.
        self._flow: str | None = None
        self._caption: _Caption | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        return self.source, self.target, self.port

    def set_ends(self, p1: QPointF, p2: QPointF) -> None:
        self._p1, self._p2 = p1, p2
        self.setPath(wire_path(p1, p2))
        if self._caption is not None:
            self._caption.place_default()

    @property
    def flow(self) -> str | None:
        return self._flow

    def set_flow(self, text: str | None) -> None:
        """Highlight the wire (a gradient flowing along it) with a caption;
        None puts it back to normal."""
        self._flow = text
        if text is None:
            if self._caption is not None:
                self._caption.setParentItem(None)
                if self._caption.scene() is not None:
                    self._caption.scene().removeItem(self._caption)
                self._caption = None
            self.setZValue(0.0)
        else:
            self.setZValue(2.0)  # above the cards, so the caption is never hidden
            if self._caption is None:
                self._caption = _Caption(self)
            self._caption.set_text(text)
            self._caption.place_default()
        self._restyle()
        _overview_changed(self)

    def caption_rect(self) -> QRectF | None:
        """The caption's box in scene coordinates (None: no caption)."""
        c = self._caption
        if c is None:
            return None
        return c.mapRectToScene(c.box())

    def caption_below(self) -> bool:
        """The side of the wire the caption prefers (True: below)."""
        return self._caption is not None and self._caption.below()

    def place_caption(self, center: QPointF, anchor: QPointF | None = None) -> None:
        """Put the caption's box centre at scene point ``center``; with an
        ``anchor`` (a scene point on the wire) a thin leader line joins them,
        so a caption moved off its wire still says which wire it explains."""
        if self._caption is not None:
            self._caption.place(self.mapFromScene(center), anchor)

    def tooltip_text(self, model: "GraphModel") -> str:
        """What the wire carries, for its tooltip."""
        # input 1 / 2, not the op table's port names a / b: those read as
        # the learner's own variables
        arity = ops.OPS[model.op(self.target)].arity
        port = f" (input {self.port + 1} of {arity})" if arity > 1 else ""
        v = model.value(self.source)
        text = (f"<b>{_esc(model.label(self.source))}</b> → <b>{_esc(model.label(self.target))}</b>"
                f"{port}<br>carries {fmt_full(v)}")
        if self._flow:
            text += f"<br>{_esc(self._flow)}"
        return text + "<br><span style='color:%s'>drag its end to rewire; click and Delete to remove</span>" \
            % S.TEXT_DIM.name()

    @property
    def carries(self) -> str:
        """"ok", "nonfinite" (an inf/nan flows here: red) or "none" (no value yet: dashed)."""
        return self._carry

    def set_carries(self, kind: str) -> None:
        if kind != self._carry:
            self._carry = kind
            self._restyle()

    def _restyle(self) -> None:
        """Pick the pen for the wire's state (the scene calls it when the selection changes)."""
        if self._flow is not None:
            self.setPen(EdgeItem._pen_flow)
        elif self.isSelected():
            self.setPen(EdgeItem._pen_sel)
        elif self._carry == "nonfinite":
            self.setPen(EdgeItem._pen_bad)
        elif self._carry == "none":
            self.setPen(EdgeItem._pen_none)
        else:
            self.setPen(EdgeItem._pen)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # Selection shows as a blue wire, not Qt's dashed box. Zoomed out, a
        # plain wire is drawn 1 px wide, which Qt strokes several times faster.
        if (self._flow is None and not self.isSelected()
                and option.levelOfDetailFromTransform(painter.worldTransform()) < S.LOD_THIN_WIRE):
            painter.setPen(EdgeItem._thin[self._carry])
        else:
            painter.setPen(self.pen())
        painter.drawPath(self.path())


def _cosmetic(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class _Caption(QGraphicsItem):
    """A small label riding on a wire (set by EdgeItem.set_flow). Its box is
    centred on its position; the animation may move it off the wire
    (EdgeItem.place_caption), then a leader line points back to the wire."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self._text = ""
        self._rect = QRectF()
        self._leader: QPointF | None = None  # in own coordinates
        self.setZValue(3.0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity)

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self._text = text
        fm = QFontMetricsF(S.fonts()[2])
        w = fm.horizontalAdvance(text) + 12
        h = fm.height() + 6
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self.update()

    def box(self) -> QRectF:
        return QRectF(self._rect)

    def place_default(self) -> None:
        """On the wire's middle, just above or below it (see ``_below``)."""
        edge = self.parentItem()
        mid = edge.path().pointAtPercent(0.5)
        h = self._rect.height()
        self._set_leader(None)
        self.setPos(mid + QPointF(0.0, h / 2 + 4 if self._below() else -h / 2 - 4))

    def place(self, pos: QPointF, anchor: QPointF | None) -> None:
        self.setPos(pos)
        self._set_leader(None if anchor is None else self.mapFromScene(anchor))

    def _set_leader(self, p: QPointF | None) -> None:
        if p is not None and self._rect.adjusted(-3, -3, 3, 3).contains(p):
            p = None  # the box already sits on its wire
        if p != self._leader:
            self.prepareGeometryChange()
            self._leader = p
            self.update()

    def _below(self) -> bool:
        """Which side of its wire the caption goes: away from the other wires
        into the same card. A wire from above gets it above, one from below
        below; level wires (the two of ``a + a``) split by port."""
        edge = self.parentItem()
        sc = edge.scene() if edge is not None else None
        target = sc.node_item(edge.target) if sc is not None and hasattr(sc, "node_item") else None
        if target is None or edge.path().isEmpty():
            return getattr(edge, "port", 0) % 2 == 1
        dy = edge.path().pointAtPercent(0.0).y() - target.scenePos().y()
        if abs(dy) < 12.0:
            return edge.port % 2 == 1
        return dy > 0

    def below(self) -> bool:
        """The side the caption prefers (True: below its wire)."""
        return self._below()

    def text(self) -> str:
        return self._text

    def boundingRect(self) -> QRectF:
        r = self._rect
        if self._leader is not None:
            r = r.united(QRectF(self._leader, self._leader).adjusted(-4, -4, 4, 4))
        return r.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._leader is not None:
            pen = QPen(S.WIRE_FLOW, 1.2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(QPointF(0.0, 0.0), self._leader)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(S.WIRE_FLOW)
            painter.drawEllipse(self._leader, 3.0, 3.0)
        painter.setPen(QPen(S.WIRE_FLOW, 1.0))
        painter.setBrush(S.NOTE_BG)
        painter.drawRoundedRect(self._rect, 5, 5)
        painter.setFont(S.fonts()[2])
        painter.setPen(S.NOTE_TEXT)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)
