"""Zoomed-out (compact) cards write a value in one form whatever its sign
(a trial: the gradient graph at 43 % read "2.0000" and "0.0000" beside
"−6" and "−3", four decimals on the positives only), as their gradients
already do (card_text.first_signed_fit)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from core.explain.format import fmt_card
from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_text import FULL_MAX, needed_px
from gui.canvas.cards.node_text import node_texts


def facts(value: float) -> CardFacts:
    return CardFacts(
        label="x1*w1", value=value, value_text=fmt_card(value), symbol="×", tag=None, arity=2,
        ports=("a", "b"), show_port_names=False, grad=None, grad_name="grad", badge=None, note=None,
        note_rect=QRectF(), widest="x1*w1",
    )  # fmt: skip


def shown_value(value: float, zoom: float) -> str:
    texts = node_texts(facts(value), needed_px(zoom))
    (v,) = [t.text for t in texts if t.kind == "value"]
    return v


def decimals(text: str) -> int:
    return len(text.partition(".")[2])


@pytest.mark.parametrize("zoom", [0.7, 0.6, 0.5, 0.45, 0.43])
def test_a_positive_and_a_negative_number_in_one_form(qapp, zoom):
    assert needed_px(zoom) > FULL_MAX  # (compact cards)
    pairs = [(v, -v) for v in (2.0, 0.7071, 6.8814, 1.5, 0.0094)] + [(2.0, -6.0)]
    for pos, neg in pairs:
        a, b = shown_value(pos, zoom), shown_value(neg, zoom)
        assert b.startswith(("−", "-")) and not a.startswith(("−", "-")), (a, b)
        assert decimals(a) == decimals(b), (zoom, a, b)
        assert float(a) == pytest.approx(pos, rel=0.05, abs=0.006), (zoom, a)
        assert float(b.replace("−", "-")) == pytest.approx(neg, rel=0.05, abs=0.006), (zoom, b)
