"""What a pass shows on a node card (gradient, highlight, note), and showing
it late on a card out of view.

A jump of the backward animation at 50,000 nodes changes the gradient,
highlight and note of tens of thousands of cards; most are out of view,
where they draw nothing (gui/canvas/zoom_detail.py). The jump retells the
scene's pass board (gui/canvas/pass_board.py) instead of telling each card:
a card that saw the board before its last retelling asks it what to show
when it comes into view (the scene's reveal calls ``catch_up``) or something
reads what it shows (every getter catches up first). The note is made and measured then too: the scene files a
card by its bounds, so the reveal catches a card up before it looks at them.
The far-zoom overview reads ``drawn_highlight``: the caller keeps a card
whose highlight is or becomes "current" (the board tracks which those are)
up to date at once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from operator import attrgetter
from typing import TypeVar

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsRectItem

from core.autograd.floats import same_float
from gui.canvas.cards.card_text import note_largest, text_scale
from gui.canvas.cards.note_text import NOTE_MAX_W, NOTE_PAD
from gui.canvas.painting import BOUNDS, H2, HIGHLIGHTS, ItemHost, tell_host
from gui.canvas.pass_board import CLOCK, Look, PassBoard
from gui.common import style as S

_NO_NOTE = QRectF()  # shared: a note gets a rect of its own (set_note), never changed in place
_CURRENT = "current"


def note_metrics() -> QFontMetricsF:
    """The notes' font metrics at their largest (at the text size now): a note's room under its card."""
    return _note_metrics(note_largest())


@functools.cache
def _note_metrics(px: int) -> QFontMetricsF:
    """Made once a size (Skip to End measures thousands of notes)."""
    return QFontMetricsF(S.font(px))


_Card = TypeVar("_Card", bound="DecoratedCard")
_LOOK = attrgetter("_grad", "_highlight", "_note")
_SEEN = attrgetter("_seen")
_PLAIN = (None, None, None)


def showing_pass(cards: Sequence[_Card], board: PassBoard) -> list[_Card]:
    """The cards of ``cards`` for which :meth:`DecoratedCard.shows_pass_on`
    is True; when none is out of date with ``board`` (none to catch up),
    read in C loops, not a Python call a card."""
    if cards and (board.epoch < 0 or board.epoch <= min(map(_SEEN, cards))):  # (never told: none is)
        looks = list(map(_LOOK, cards))
        if looks.count(_PLAIN) == len(looks):  # (the usual: none shows one, known in C)
            return []
        return [c for c, look in zip(cards, looks) if look != _PLAIN]
    return [c for c in cards if c.shows_pass_on(board)]


class DecoratedCard(QGraphicsRectItem):
    """The view-only state a pass shows on a card (the animation's API)."""

    # class-wide defaults (immutable), replaced per card when set
    _grad: float | None = None
    _grad_name = "grad"  # what the shown number is ("d/da" in forward mode)
    _highlight: str | None = None
    _note: str | None = None
    _note_rect = _NO_NOTE
    _note_leader: QLineF | None = None  # from the card to its note, when the note was moved off it
    _note_placed = False  # the note was placed clear of the cards and notes around (note_layout.py)
    _note_scale = 1.0  # the text scale its room was measured at (card_text.set_text_scale)
    _seen = -1  # the pass board's clock when the card last caught up (pass_board.CLOCK)
    node_id: str  # NodeItem's: what the board is asked about

    def _texts_changed(self) -> None:
        """What the card draws changed (NodeItem drops its cached texts)."""
        self.update()

    # ------------------------------------------------ told now
    @property
    def grad(self) -> float | None:
        self.catch_up()
        return self._grad

    @property
    def grad_name(self) -> str:
        self.catch_up()
        return self._grad_name

    def set_grad(self, value: float | None, name: str = "grad", quiet: bool = False) -> None:
        """Show (or with None, hide) a gradient on the card; ``name`` says
        what it is (a forward-mode tangent is shown as ``d/da``). ``quiet``:
        the caller tells the scene once for a whole batch of cards."""
        self.catch_up()
        self._grad = None if value is None else float(value)
        self._grad_name = name
        self._texts_changed()
        if not quiet:
            tell_host(self, decoration=True)

    @property
    def highlight(self) -> str | None:
        self.catch_up()
        return self._highlight

    def shows_pass(self) -> bool:
        """True if the card shows anything of a pass (a gradient, a
        highlight, a note): one catching up, not one a property read."""
        self.catch_up()
        return self._grad is not None or self._highlight is not None or self._note is not None

    def shows_pass_on(self, board: PassBoard) -> bool:
        """:meth:`shows_pass`, the scene's ``board`` given (a batch of
        thousands of cards asks for it once, not each card its scene)."""
        seen = self._seen
        if seen != CLOCK.now:
            self._seen = CLOCK.now
            if board.stale(seen):
                self.show_look(board.look(self.node_id))
        return self._grad is not None or self._highlight is not None or self._note is not None

    @property
    def drawn_highlight(self) -> str | None:
        """The highlight the card draws now (what the overview colours), not
        one it was told to show later."""
        return self._highlight

    def set_highlight(self, kind: str | None, quiet: bool = False) -> None:
        """Mark the card's part in a pass; ``quiet`` as for ``set_grad``."""
        if kind not in HIGHLIGHTS:
            raise ValueError(f"highlight must be one of {HIGHLIGHTS}, not {kind!r}")
        self.catch_up()
        self._show_highlight(kind)
        self.update()
        if not quiet:
            tell_host(self, overview=True, decoration=True)

    @property
    def note(self) -> str | None:
        self.catch_up()
        return self._note

    def set_note(self, text: str | None) -> None:
        """A small caption under the card (e.g. the chain-rule sum), in
        its usual place (``place_note`` moves it where it is free)."""
        self._note = text or None
        self._note_leader = None
        self._note_placed = False
        if self._note:
            self._note_scale = text_scale()
            fm = note_metrics()
            w = min(fm.horizontalAdvance(self._note) + NOTE_PAD, NOTE_MAX_W)
            self._note_rect = QRectF(-w / 2, H2 + 6, w, fm.height() + 6)
        self._note_bounds()

    @property
    def note_place(self) -> tuple[QRectF, QLineF | None]:
        """Where the note is kept (item coordinates, its room at its
        largest) and its leader line back to the card, if any."""
        return QRectF(self._note_rect), self._note_leader

    @property
    def drawn_note(self) -> str | None:
        """The note the card draws now (whole), not one it was told to show later."""
        return self._note

    @property
    def placed_note(self) -> QRectF | None:
        """The note's room if it was placed (item coordinates), as it is
        now: no catching up (a card out of view is not brought up to date)."""
        return self._note_rect if self._note is not None and self._note_placed else None

    @property
    def note_pending(self) -> bool:
        """The card shows a note not placed yet (as it is now)."""
        return self._note is not None and not self._note_placed

    def place_note(self, rect: QRectF, leader: QLineF | None = None) -> None:
        """Keep the note in ``rect`` (item coordinates; its width decides
        how much of a long sum is shown), joined to the card by ``leader``
        when it is off the card (gui/canvas/cards/note_layout.py)."""
        if self._note is None:
            return
        self._note_placed = True
        if rect != self._note_rect or leader != self._note_leader:
            self._note_rect, self._note_leader = QRectF(rect), leader
            self._note_bounds()

    def unplace_note(self) -> None:
        """Place the note again, where it is kept till then (its card moved)."""
        self._note_placed = False

    def _bare_bounds(self) -> QRectF:
        """Its bounds without a note (NodeItem's reach higher with an "output" tag)."""
        return BOUNDS

    def _note_bounds(self) -> None:
        bounds = self._bare_bounds()
        if self._note:
            bounds = bounds.united(self._note_rect.adjusted(-1, -1, 1, 1))
            if self._note_leader is not None:
                line = self._note_leader
                bounds = bounds.united(QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1))
        old = self.rect()
        sc = self.scene()
        if sc is not None and not bounds.contains(old):
            # where the note was is painted again: Qt alone left a caption dropped as a new pass
            # began on screen (a trial: Backward's "x.grad = 6" under the dimmed x of Forward Mode)
            sc.update(self.mapRectToScene(old))
        self.setRect(bounds)
        self._texts_changed()
        tell_host(self, bounds=True)  # the scene files cards by them (the overview draws no notes)

    def clear_view_state(self, quiet: bool = False) -> None:
        """Drop the shown gradient, highlight and note (each only if set,
        so an untouched card is not repainted); ``quiet`` as for ``set_grad``
        (the note's new bounds are filed all the same); what the pass board
        says is dropped as well."""
        self._seen = CLOCK.now
        if self._grad is not None:
            self.set_grad(None, quiet=quiet)
        if self._highlight is not None:
            self.set_highlight(None, quiet)
        if self._note is not None:
            self.set_note(None)

    def _show_highlight(self, kind: str | None) -> None:
        """Draw ``kind``: the opacity, and the board told of a "current" one."""
        was, self._highlight = self._highlight, kind
        self.setOpacity(S.DIM_OPACITY if kind == "dim" else 1.0)
        if (was == "dim") != (kind == "dim"):
            self._texts_changed()  # (a dimmed card's compact lines are chosen as a gradient's: node_layout)
        if _CURRENT in (was, kind):
            board = self._board()
            if board is not None:
                if kind == _CURRENT:
                    board.current.add(self.node_id)
                else:
                    board.current.discard(self.node_id)

    def _board(self) -> PassBoard | None:
        sc = self.scene()
        return sc.board if isinstance(sc, ItemHost) else None

    # ------------------------------------------------ told for later
    def grad_on(self, board: PassBoard) -> float | None:
        """The gradient the card shows, or is to show when it catches up
        (asked of ``board`` without making its note: the far overview's tint)."""
        return board.grad(self.node_id) if board.stale(self._seen) else self._grad

    def catch_up(self) -> bool:
        """Show what the pass board says if the card has not seen its last
        retelling (quietly: the caller told the scene for the batch); False
        if it was up to date."""
        if self._note is not None and self._note_scale != text_scale():
            self.set_note(self._note)  # (its room at the new text size, to be placed again)
        seen = self._seen
        if seen == CLOCK.now:
            return False
        self._seen = CLOCK.now
        board = self._board()
        if board is None or not board.stale(seen):
            return False
        self.show_look(board.look(self.node_id))
        return True

    def show_look(self, look: Look) -> None:
        """Show ``look`` (gradient, its name, highlight, note) now, quietly:
        only what differs is changed; the note's new bounds are filed."""
        g, name, hl, note = look
        if not same_float(self._grad, g) or name != self._grad_name:
            self._grad, self._grad_name = g, name
            self._texts_changed()
        if hl != self._highlight:
            self._show_highlight(hl)
            self.update()
        if note != self._note:
            self.set_note(note)
