"""Forward mode's folded cards: the tangent's name before each row's number
("h1.1[1]  d/dw1.1.1 0.7064"), or ∂ where that name leaves no room for the
rows' own names, as a narrow node card writes it (trial 55: "layer 2 [1]" read
"d/dw1.1.1 −0.0165" four times at 85 %, where Backward read "h2.1[1] ∇−0.0165")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from gui.canvas.cards.card_text import Text
from gui.canvas.folding.group_rows import MAX_ROWS, TANGENT, Port

#: The tangent a card is asked about as a model: a wide number, as most are.
MODEL = -1 / 3


class SignedCard(Protocol):
    """A folded card that lays its texts out with a sign given (group_card.GroupCard)."""

    inputs: Sequence[Port]
    outputs: Sequence[Port]

    @property
    def sign(self) -> str: ...

    def signed(
        self, sign: str, need: int, ports: tuple[Sequence[Port], Sequence[Port]] | None = None
    ) -> list[Text]: ...


def layout(card: SignedCard, need: int) -> list[Text]:
    """``card``'s texts at ``need``: with its tangent's name, or with ∂ where that
    names more of its rows, asked of the card as it is (its "—" rows are short) and
    with every row's tangent a model number (cards alike at one zoom alike, whatever
    their numbers)."""
    texts = card.signed(card.sign, need)
    short = card.signed(TANGENT, need)
    if shown(card, short) > shown(card, texts):
        return short
    model = tuple(
        p if len(p) > MAX_ROWS else [replace(x, grad=MODEL, pending=False) for x in p]
        for p in (card.inputs, card.outputs)
    )
    ports = (model[0], model[1])
    if shown(card, card.signed(TANGENT, need, ports)) > shown(card, card.signed(card.sign, need, ports)):
        return short
    return texts


def shown(card: SignedCard, texts: list[Text]) -> tuple[int, int]:
    """How many of ``texts``' rows name their row's node, and how many rows there are."""
    names = tuple(f"{p.name} " for p in (*card.inputs, *card.outputs) if p.name)
    rows = [t.text for t in texts if t.kind == "row"]
    return sum(1 for t in rows if t.startswith(names)), len(rows)
