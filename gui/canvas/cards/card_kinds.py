"""Zoomed out, cards of one kind write the same kind of text.

A compact card (card_text.py) writes its name large, or its number when the
name does not fit. Decided card by card, a trial read layer 1's products
with values beside layer 2's with names, and w1 … w9 named beside w10 …
w12 in numbers at one zoom. So the cards of a kind (one operator; the
leaves) write their names only where the widest name of the kind that is
shown fits whole, else every one its number. What is shown: the cards
revealed near (gui/canvas/zoom_detail.py), so a kind's widest name is
found among the few hundred cards around the view, not among every node.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Protocol

from gui.canvas.cards.card_text import metrics
from gui.canvas.cards.name_parts import formula

#: The size names are compared at (their widths scale with it: fonts are not hinted).
_REF = 100


@functools.lru_cache(maxsize=1 << 16)
def _width(label: str) -> float:
    return metrics(_REF, True).horizontalAdvance(label)


class KindCard(Protocol):
    op: str
    label: str
    kinds: KindNames | None


class KindNames:
    """The widest name shown of each kind of card (and of those that are no formula:
    the names a card writes after its sign, "× n13_10")."""

    def __init__(self) -> None:
        self._widest: dict[str, str] = {}
        self._plain: dict[str, str] = {}

    def widest(self, kind: str) -> str | None:
        """The widest name among the cards of ``kind`` shown (None: none shown)."""
        return self._widest.get(kind)

    def widest_plain(self, kind: str) -> str | None:
        """The widest name that is no formula among the cards of ``kind`` shown."""
        return self._plain.get(kind)

    def take(self, cards: Iterable[KindCard]) -> set[str]:
        """``cards`` are shown now (each told where to ask); the kinds whose widest name grew."""
        grown = set()
        widest, plain = self._widest, self._plain
        for it in cards:
            it.kinds = self
            was = widest.get(it.op)
            if was is None or (was != it.label and _width(it.label) > _width(was)):
                widest[it.op] = it.label
                grown.add(it.op)
            was = plain.get(it.op)
            if formula(it.label):
                continue
            if was is None or (was != it.label and _width(it.label) > _width(was)):
                plain[it.op] = it.label
                grown.add(it.op)
        return grown
