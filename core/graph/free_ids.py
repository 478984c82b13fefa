"""Fresh node ids (``mul1``, ``leaf12``): the first free number after a stem.

The first free number is found by trying 1, 2, ... in turn; a graph with
10,000 leaves ``x1``…``x10000`` tried 10,000 ids for each new leaf or each
paste (~5 ms at 50,000 nodes). Here the number below which every id of a
stem was taken is kept between asks; a node removed (which may free a
number below it) forgets them all.
"""

from __future__ import annotations

from collections.abc import Container

#: The stem of the ids the app makes for new leaves (``leaf1``, ``leaf2``…), as
#: an operation's is its op (``mul1``). It was ``x`` (``x1``, ``x2``…): the
#: lecture's names, which people type as labels, so a card labelled w had the
#: hidden id x1 and another labelled x1 the id x2 (trial 49). Ids in files
#: are any strings and stay as they are.
LEAF_STEM = "leaf"


def id_stem(op: str) -> str:
    """The stem of a new ``op`` node's id: ``leaf`` for a leaf, else the op."""
    return LEAF_STEM if op == "leaf" else op


class FreeIds:
    """Per stem, a number below which every id is known to be taken."""

    __slots__ = ("_from", "tried")

    def __init__(self) -> None:
        self._from: dict[str, int] = {}
        #: Ids tried so far (tests count them).
        self.tried = 0

    def number(self, stem: str, taken: Container[str], start: int = 1) -> int:
        """The first ``i >= start`` with ``f"{stem}{i}"`` not in ``taken``."""
        known = self._from.get(stem, 1)
        i = max(start, known)
        first = i
        while f"{stem}{i}" in taken:
            i += 1
        self.tried += i - first + 1
        if first == known:  # tried from the first that may be free: all below i are taken
            self._from[stem] = i
        return i

    def forget(self) -> None:
        """A node went: a number below a kept one may be free again."""
        self._from.clear()
