"""A node card's texts at a zoom: where they go (node_layout.py), its numbers
written as every card at that zoom writes them (zoom_digits.py)."""

from __future__ import annotations

from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_text import Text
from gui.canvas.cards.node_layout import laid_out
from gui.canvas.cards.zoom_digits import grad_forms_at, value_forms_at


def node_texts(f: CardFacts, need: int) -> list[Text]:
    """The card's texts when a readable text needs ``need`` font pixels."""
    values = value_forms_at(f.value, need) if f.value is not None else [f.value_text]
    return laid_out(f, need, grad_forms_at(f.grad, need), values)
