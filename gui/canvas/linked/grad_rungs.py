"""The one form every linked copy at a zoom writes its gradient in (one line, after its label).

Each copy chose its own form by its own room, so side by side they disagreed
(trial 71 #3, an opened MLP neuron at 41–49 %): copies with a long label said
their names alone, shorter ones their number, "w1.4.2 ∇≈0" for −5.2e−4 beside
"x3[1] ∇1e−4" for 1.4e−4. Now a zoom picks one rung for all of them, the first
at which every gradient the copies carry in the pass fits after the widest
label: the zoom's digits (the cards' text), two significant digits ("−5.2e−4",
"0.0093"), then two decimal places where none of them rounds to "≈0" (the cards
beside write a smaller one out: "∇−1.7e−4"); where none fits, every copy says
its name alone.
"""

from __future__ import annotations

import functools
import re

from core.explain.format import number_forms
from gui.canvas.cards.card_text import metrics, text_scale
from gui.canvas.cards.zoom_digits import grad_forms_at

GRAD_SIGN = "∇"
_SEP = " "
#: The rungs: the zoom's digits, two significant digits, two decimal places.
RUNGS = 3


def _significant(text: str) -> int:
    """How many significant digits ``text`` (a number's form) says ("−0.080": 2, "5.2e−4": 2)."""
    return len(re.sub(r"\D", "", text.partition("e")[0]).lstrip("0"))


def rung_forms(g: float, need: int) -> tuple[str, ...]:
    """``g`` written at each rung where a readable text needs ``need`` px, without the ∇."""
    return _rung_forms(g, need, text_scale())


@functools.lru_cache(maxsize=8192)
def _rung_forms(g: float, need: int, _scale: float) -> tuple[str, ...]:
    zoom = grad_forms_at(g, need)[0]
    if g == 0:
        return (zoom,) * RUNGS
    every = grad_forms_at(g, None)
    two = (
        zoom
        if _significant(zoom) <= 2
        else next((t for t in every if t != "≈0" and 0 < _significant(t) <= 2), number_forms(g)[2])
    )
    cents = number_forms(g)[3] if abs(g) < 0.1 else two
    return zoom, two, cents


def line_width(label: str, number: str, px: int) -> float:
    """A one-line copy's text: its label in bold (none: the number alone), then its number."""
    head = metrics(px, True).horizontalAdvance(label + _SEP) if label else 0.0
    return head + metrics(px).horizontalAdvance(number)


def zoom_rung(grads: tuple[float, ...], need: int, px: int, inner: float, widest: str) -> int | None:
    """The first rung at which every one of ``grads``, negative, fits a line
    ``inner`` wide at ``px`` after ``widest`` (the widest label shown; "": no
    label); None where none does (every copy then says its name alone)."""
    for rung in range(RUNGS):
        texts = {GRAD_SIGN + rung_forms(-abs(g), need)[rung] for g in grads}
        if f"{GRAD_SIGN}≈0" in texts:  # (never "≈0" beside a card's "∇−1.7e−4" for a smaller number)
            return None
        if all(line_width(widest, t, px) <= inner for t in texts):
            return rung
    return None
