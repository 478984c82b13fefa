"""What a pass shows on a node card (gradient, highlight, note), and showing
it late on a card out of view.

A jump of the backward animation at 50,000 nodes changes the gradient and
highlight of tens of thousands of cards; most are out of view, where they
draw nothing (gui/canvas/zoom_detail.py). Such a card is only told what to
show (``show_later``): the repaint and opacity wait until the card comes
into view (the scene's reveal calls ``catch_up``) or something reads what it
shows (every getter catches up first). The note changes a card's bounds
(the scene files cards by them), so it is always set at once. The far-zoom
overview reads ``drawn_highlight``: the caller keeps a card whose highlight
is or becomes "current" (the one the overview colours) up to date at once.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsRectItem

from core.autograd.floats import same_float
from gui.canvas.painting import BOUNDS, H2, HIGHLIGHTS, tell_host
from gui.common import style as S

_NO_NOTE = QRectF()  # shared: a note gets a rect of its own (set_note), never changed in place
#: What a card out of view is to show: gradient, its name (None: keep it
#: unless the gradient changes), highlight.
Later = tuple[float | None, str | None, str | None]


@functools.cache
def note_metrics() -> QFontMetricsF:
    """The notes' font metrics, made once (Skip to End measures thousands of notes)."""
    return QFontMetricsF(S.fonts()[2])


class DecoratedCard(QGraphicsRectItem):
    """The view-only state a pass shows on a card (the animation's API)."""

    # class-wide defaults (immutable), replaced per card when set
    _grad: float | None = None
    _grad_name = "grad"  # what the shown number is ("d/da" in forward mode)
    _highlight: str | None = None
    _note: str | None = None
    _note_rect = _NO_NOTE
    _later: Later | None = None  # told, not yet shown (``show_later``)

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
        self._highlight = kind
        self.setOpacity(S.DIM_OPACITY if kind == "dim" else 1.0)
        self.update()
        if not quiet:
            tell_host(self, overview=True, decoration=True)

    @property
    def note(self) -> str | None:
        return self._note

    def set_note(self, text: str | None) -> None:
        """A small caption under the card (e.g. the chain-rule sum)."""
        self._note = text or None
        bounds = BOUNDS
        if self._note:
            fm = note_metrics()
            w = fm.horizontalAdvance(self._note) + 14
            self._note_rect = QRectF(-w / 2, H2 + 6, w, fm.height() + 6)
            bounds = bounds.united(self._note_rect.adjusted(-1, -1, 1, 1))
        self.setRect(bounds)
        self._texts_changed()
        tell_host(self, bounds=True)  # the scene files cards by them (the overview draws no notes)

    def clear_view_state(self, quiet: bool = False) -> None:
        """Drop the shown gradient, highlight and note (each only if set,
        so an untouched card is not repainted); ``quiet`` as for ``set_grad``
        (the note's new bounds are filed all the same)."""
        self._later = None
        if self._grad is not None:
            self.set_grad(None, quiet=quiet)
        if self._highlight is not None:
            self.set_highlight(None, quiet)
        if self._note is not None:
            self.set_note(None)

    # ------------------------------------------------ told for later
    def show_later(self, grad: float | None, name: str | None, highlight: str | None) -> None:
        """Show ``grad`` (named ``name``; None: the name is kept unless the
        gradient changes) and ``highlight`` once the card is caught up; the
        caller tells the scene for the batch, as for a quiet ``set_grad``."""
        self._later = (grad, name, highlight)

    def catch_up(self) -> bool:
        """Show what the card was told to show later; False if it was up to date."""
        later = self._later
        if later is None:
            return False
        self._later = None
        g, name, hl = later
        # as the quiet setters would (the caller told the scene for the batch)
        if not same_float(self._grad, g) or (name is not None and name != self._grad_name):
            self._grad, self._grad_name = g, name or "grad"
            self._texts_changed()
        if hl != self._highlight:
            self._highlight = hl
            self.setOpacity(S.DIM_OPACITY if hl == "dim" else 1.0)
            self.update()
        return True
