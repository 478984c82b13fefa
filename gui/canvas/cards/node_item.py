"""The node card: one QGraphicsItem per node, painted by hand (card_paint.py).

It holds no document state: it reads what it shows from the model
(``refresh``) when the scene says something changed, and keeps only what is
the view's own (the gradient shown by the backward animation, highlight,
note). Ports are painted, not child items, and hit-tested with ``port_at``;
that keeps one item per node, which matters at 5,000.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from core.autograd import ops
from core.autograd.floats import same_float, signed_zero
from core.explain.format import fmt, fmt_card
from core.explain.names import is_constant
from gui.canvas.cards import card_text
from gui.canvas.cards.card_decor import DecoratedCard
from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_geometry import CardGeometry
from gui.canvas.cards.card_kinds import KindNames
from gui.canvas.cards.card_paint import CardPaint
from gui.canvas.cards.card_text import Text, is_compact, needed_px
from gui.canvas.cards.card_tooltip import CardTooltip
from gui.canvas.cards.node_text import node_texts
from gui.canvas.painting import BOUNDS, CARD_RECT, TAGGED_BOUNDS, superscript
from gui.canvas.pass_board import VALUES

if TYPE_CHECKING:
    from core.graph.model import GraphModel

_F = QGraphicsItem.GraphicsItemFlag
_NODE_FLAGS = _F.ItemIsSelectable | _F.ItemIsMovable
_FAR_FLAGS = _NODE_FLAGS | _F.ItemHasNoContents
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_PEN = QPen(Qt.PenStyle.NoPen)
# Qt's own, called unbound: a card is made 50,000 times in opening a big
# file, and each lookup through the card's classes costs more than the call
_MAKE_RECT = QGraphicsRectItem.__init__
_SET_PEN = QGraphicsRectItem.setPen
_SET_FLAGS = QGraphicsRectItem.setFlags
_SET_Z = QGraphicsRectItem.setZValue
#: ``NodeItem._carried`` where its wires carry the flag it shows.
_AS_SHOWN = object()
#: What ``wire_flag`` reads of a card, read in C (``NodeItem.wire_flags``).
_WIRE_PARTS = attrgetter("_carried", "_bad", "_value")


class NodeItem(CardGeometry, CardTooltip, CardPaint, DecoratedCard):
    """One node: a card with label, operator, value, ports (and gradient).

    A QGraphicsRectItem underneath only so Qt gets the bounds without a call
    into Python; everything visible is painted by ``paint`` (CardPaint). It does not
    override itemChange: the scene moves the wires itself, which keeps
    thousands of Python calls out of building and moving.
    """

    # What a new card shows: class-wide defaults (immutable), replaced per
    # card when set, so making one sets none (the pass's: DecoratedCard).
    _is_output = False
    _vseen = -1  # the values clock when the card last took its node's value (catch_up_value)
    #: The flag its wires and block carry where it is not the one it shows (a
    #: card out of view whose flag turned, not told its value yet): ``wire_flag``.
    _carried: str | None | object = _AS_SHOWN
    _value: float | None  # (set by _read and take_value)
    _reason: str | None
    _bad: bool
    _value_text: str | None
    _auto_output = False  # no output set: the single sink, where Backward starts
    _texts: tuple[tuple[int, float], list[Text]] | None = None  # ((needed px, text scale), texts_at's answer)
    _attrs: Mapping[str, Any] | None = None  # the attributes last read (the node's own dict)
    kinds: KindNames | None = None  # near: the widest names shown of each kind (zoom_detail.py)

    def __init__(
        self,
        model: GraphModel,
        node_id: str,
        *,
        contents: bool = True,
        attrs: Mapping[str, Any] | None = None,
        values: Mapping[str, float | None] | None = None,
    ) -> None:
        """``contents=False``: made zoomed far out, where the overview draws it
        (the scene switches the flag with the zoom); ``attrs``, ``values``:
        the node's attributes and every node's value, when at hand (a whole
        graph being built)."""
        _MAKE_RECT(self, BOUNDS)  # DecoratedCard has no __init__ of its own
        self._model = model
        self.node_id = node_id
        _SET_PEN(self, _NO_PEN)
        _SET_FLAGS(self, _NODE_FLAGS if contents else _FAR_FLAGS)
        if contents:  # made far out: cached once the view reveals it (ZoomDetail.reveal)
            self.setCacheMode(_DEVICE_CACHE)
        _SET_Z(self, 1.0)
        self._read(model.graph.nodes[node_id] if attrs is None else attrs, values)

    # ------------------------------------------------------------ model view
    def refresh(self) -> None:
        """Re-read what the card shows from the model and repaint."""
        self._read(self._model.graph.nodes[self.node_id])
        self._texts_changed()

    def catch_up(self) -> bool:
        """The node's value first if retold since (``catch_up_value``), then the pass."""
        self.catch_up_value()
        return super().catch_up()

    def catch_up_value(self) -> None:
        """Take the node's value now if the scene's values were retold since
        (``PassBoard.values_retold``: a card out of view is not told one by
        one): each reader of the card's value asks first, the reveal too."""
        if self._vseen == VALUES.now:
            return
        board = self._board()
        if board is not None and board.values_at > self._vseen and self.node_id in self._model:
            m = self._model
            self.take_value(m.value(self.node_id), m.reason)  # (sets _vseen)
        else:
            self._vseen = VALUES.now

    def take_value(self, v: float | None, reason: Callable[[str], str | None]) -> bool:
        """Show ``v``, its node's value now (``reason``: why a node has none),
        unless it shows it (and its reason) already: only the value changed,
        not the node. True if its flag turned (its wires carry otherwise now)."""
        self._vseen = VALUES.now
        was, wires = self._value, self.wire_flag
        self._carried = _AS_SHOWN
        if same_float(v, was):  # (−0.0 is not 0.0; a nan shown is the nan)
            if self._reason is None if v is not None else reason(self.node_id) == self._reason:
                return self.shown_flag != wires
        self._value = v
        self._reason = None if v is not None else reason(self.node_id)
        self._bad = v is not None and not math.isfinite(v)
        self._value_text = None
        self._texts_changed()
        return self.shown_flag != wires

    def carry_flag(self, flag: str | None) -> None:
        """Its wires and block carry ``flag`` now, told before the card takes
        its value (out of view, it takes it as it comes into view: then what
        it shows is what they carry again)."""
        self._carried = flag

    @staticmethod
    def carry_flags(cards: Iterable[NodeItem], flags: Iterable[str | None]) -> None:
        """:meth:`carry_flag` of each of ``cards``, in C (no call a card: a delete tells 24,000)."""
        deque(map(setattr, cards, repeat("_carried"), flags), 0)

    def reread(self, a: Mapping[str, Any], values: Mapping[str, float | None] | None = None) -> bool:
        """Stand for the node (attributes ``a``) again as a new card would: a
        card kept hidden while its node was deleted (gui/canvas/cards/card_parking.py);
        ``values``: every node's, when at hand. False if it read nothing (it
        shows the node as it did: what the overview kept of it holds too)."""
        v = self._model.value(self.node_id) if values is None else values[self.node_id]
        if (
            a is self._attrs
            and v is self._value
            and v is not None
            and not (self._is_output or self._auto_output)
            and self._grad_name == "grad"
        ):
            return False  # its node as it read it, nothing else on it (parked with its graph, now back)
        tagged = self.output_badge is not None
        self._is_output = self._auto_output = False
        self._grad_name = "grad"
        self._read(a, values)
        self._tag_changed(tagged)
        return True

    def _read(self, a: Mapping[str, Any], values: Mapping[str, float | None] | None = None) -> None:
        """Take what the card shows from its attributes ``a`` and the model
        (``values``: every node's, when at hand)."""
        m, n = self._model, self.node_id
        self._attrs = a  # (what ``reread`` compares with)
        op = a["op"]
        spec = ops.OPS[op]
        self.op = op
        self.arity = len(spec.ports)
        self.label = a.get("label") or n
        v = m.value(n) if values is None else values[n]
        self._value = v
        if self._carried is not _AS_SHOWN:  # (its wires are made, or read again, from this value)
            self._carried = _AS_SHOWN
        self._reason = None if v is not None else m.reason(n)  # only a node without a value has one
        self._bad = v is not None and not math.isfinite(v)
        self._value_text = None
        self._exponent = a.get("exponent")
        self._tag = None  # leaves: "param", "const" or "data" (core/training.py: is_trainable)
        if op == "pow":
            self._symbol = "x" + superscript(fmt(self._exponent))
        elif op == "leaf":
            self._symbol = ""
            # not trained: a number of the code ("2") or a gradient graph's seed
            # is a constant, any other leaf data (x1, a target), as the Hessian says
            trained = a.get("trainable", True) is not False
            self._tag = "param" if trained else "const" if is_constant(self.label) else "data"
        else:
            self._symbol = spec.symbol
        self._ports = spec.ports

    def set_output_flag(self, on: bool) -> None:
        if on != self._is_output:
            tagged = self.output_badge is not None
            self._is_output = on
            self._tag_changed(tagged)

    def _tag_changed(self, tagged: bool) -> None:
        """Its "output" tag changed (``tagged``: it had one): its bounds hold one as tall as
        Presentation Mode draws it (painting.TAGGED_BOUNDS), if it has one now."""
        if (self.output_badge is not None) != tagged:
            self._note_bounds()  # (drawn again too)
        else:
            self._texts_changed()

    def _bare_bounds(self) -> QRectF:
        tall = self.output_badge is not None and card_text.text_scale() > 1  # (else as any card's)
        return TAGGED_BOUNDS if tall else BOUNDS

    def text_scaled(self) -> None:
        """The canvas's text size changed (Presentation Mode): its tag's room with it."""
        if self.output_badge is not None:
            self._note_bounds()

    @property
    def is_output(self) -> bool:
        return self._is_output

    def set_auto_output(self, on: bool) -> None:
        if on != self._auto_output:
            tagged = self.output_badge is not None
            self._auto_output = on
            self._tag_changed(tagged)

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

    def ringed_rect(self, zoom: float) -> QRectF:
        """Its card and the tag over it where ``zoom`` draws one (item coordinates): what a
        ring around the card keeps clear (Find's ring over h3999's "output" tag hid it)."""
        if self.output_badge is None or is_compact(needed_px(zoom)):  # (a compact card draws no tag)
            return CARD_RECT
        tags = [t.box for t in self.texts_at(zoom) if t.kind == "badge" and t.box is not None]
        return CARD_RECT.united(tags[0]) if tags else CARD_RECT

    @property
    def value_text(self) -> str:
        """The value as the card shows it."""
        self.catch_up_value()
        if self._value_text is None:  # as the lecture prints it: four decimals
            self._value_text = signed_zero(self._value, fmt_card(self._value))  # (−0.0000: 1/t is −inf)
        return self._value_text

    @property
    def symbol_text(self) -> str:
        return self._symbol

    @property
    def flagged(self) -> str | None:
        """ "nonfinite", "incomplete" or None: how the card is flagged."""
        self.catch_up_value()
        return self.shown_flag

    @property
    def shown_flag(self) -> str | None:
        """:attr:`flagged` as the card is drawn now (a value retold not taken yet)."""
        return "nonfinite" if self._bad else "incomplete" if self._value is None else None

    @property
    def wire_flag(self) -> str | None:
        """The flag its wires and block carry: :attr:`shown_flag` but where
        told ahead of its value (:meth:`carry_flag`)."""
        c = self._carried
        return self.shown_flag if c is _AS_SHOWN else c  # type: ignore[return-value]

    @staticmethod
    def wire_flags(cards: Iterable[NodeItem]) -> list[str | None]:
        """:attr:`wire_flag` of each of ``cards``, their fields read in C, no
        property a card (a delete leaves 24,000 without a value: two
        properties each were ~20 ms of the scene's answer)."""
        return [
            ("nonfinite" if bad else "incomplete" if v is None else None) if c is _AS_SHOWN else c
            for c, bad, v in map(_WIRE_PARTS, cards)
        ]

    # ------------------------------------------------------------ texts (drawn by CardPaint.paint)
    def texts_at(self, zoom: float) -> list[Text]:
        """The texts the card draws at ``zoom`` (screen pixels per scene
        unit), each readable there (gui/canvas/cards/card_text.py); ``paint``
        draws exactly these. Cached per needed size."""
        self.catch_up_value()
        return self._texts_for(needed_px(zoom))

    def _texts_for(self, need: int) -> list[Text]:
        key = (need, card_text.text_scale())  # (a card out of view when the text size changed: anew)
        if self._texts is None or self._texts[0] != key:
            facts = CardFacts(
                label=self.label,
                value=self._value,
                value_text=self.value_text,
                symbol=self._symbol,
                tag=self._tag,
                arity=self.arity,
                ports=tuple(self._ports),
                show_port_names=(self.arity > 1 and self.op not in ops.ORDERLESS) or self.op == "pow",
                grad=self._grad,
                grad_name=self._grad_name,
                badge=self.output_badge,
                note=self._note,
                note_rect=QRectF(self._note_rect),
                widest=self.kinds.widest(self.op) if self.kinds is not None else None,
                widest_plain=self.kinds.widest_plain(self.op) if self.kinds is not None else None,
                op=self.op,
                dimmed=self._highlight == "dim",
            )
            self._texts = (key, node_texts(facts, need))
        return self._texts[1]

    def _texts_changed(self) -> None:
        self._texts = None
        self.update()

    def drop_texts(self) -> None:
        """Lay its texts out again (what the cards of its kind write changed):
        drawn again only if they differ (most cards write what they did: a
        card with room for its name and value, or one not drawn yet)."""
        if self._texts is None:
            return
        key, old = self._texts
        self._texts = None
        if self._texts_for(key[0]) != old:
            self.update()
