"""What a card shows, as plain data: the item's view of its node. Its own
module, since both the layout (node_layout.py) and the header it lays out
first (card_header.py) read it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF


@dataclass(frozen=True)
class CardFacts:
    """What a card shows, as plain data (the item's view of its node)."""

    label: str
    value: float | None
    value_text: str
    symbol: str
    tag: str | None
    arity: int
    ports: tuple[str, ...]
    show_port_names: bool
    grad: float | None
    grad_name: str
    badge: str | None
    note: str | None
    note_rect: QRectF
    widest: str | None = None  # the widest name shown among the cards of its kind (card_kinds.py)
    widest_plain: str | None = None  # and among those that are no formula ("n13_10", not "1 + o")
    op: str = ""
    dimmed: bool = False  # a pass shows it dimmed, off its path (its lines chosen as a gradient's)
