"""Every wire of a graph taken out whole, listed only if someone asks.

Deleting every node (core/graph/bulk_remove.py ``remove_nodes``) tells its
listeners that every wire went (``edges_removed``), and its undo that they
are all back (``edges_added``). The listeners of a whole graph want only
that (``len``: as many as the scene has, the model none left); none reads
the wires one by one. Listing them from networkx's tables is a pass over
50,000 nodes and 68,000 wires (30-50 ms: more than the rest of the model's
part of the delete). So these batches carry an :class:`EveryWire`: its
length at once, the list (in the graph's order, the list it stands for)
made from the successor table it was taken out with when first read. That
table is the graph's own, taken out whole and untouched while the graph is
out (put back whole by the undo, edited after): read it while you are
told, as any payload.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import count
from typing import Any, overload

Wire = tuple[str, str, int]  # source, target, port


class EveryWire(Sequence[Wire]):
    """The wires of the successor table ``succ`` (networkx's: source ->
    target -> key -> {"port": p}), ``size`` of them, as a read-only list."""

    __slots__ = ("_succ", "_size", "_list")

    #: How many times a whole graph's wires were listed (tests count them).
    listed = 0

    def __init__(self, succ: dict[str, dict[str, dict[int, dict[str, Any]]]], size: int) -> None:
        self._succ = succ
        self._size = size
        self._list: list[Wire] | None = None

    def __len__(self) -> int:
        return self._size

    def wires(self) -> list[Wire]:
        """Every wire, in the graph's order (listed once, when first asked)."""
        if self._list is None:
            EveryWire.listed += 1
            self._list = [
                (s, t, d["port"])
                for s, nbrs in self._succ.items()
                for t, keyed in nbrs.items()
                for d in keyed.values()
            ]
        return self._list

    def __iter__(self) -> Iterator[Wire]:
        return iter(self.wires())

    def __reversed__(self) -> Iterator[Wire]:
        return reversed(self.wires())

    def __contains__(self, wire: object) -> bool:
        """Asked of the table, not the list (no wire listed)."""
        if not (isinstance(wire, tuple) and len(wire) == 3):
            return False
        s, t, p = wire
        keyed = self._succ.get(s, {}).get(t, {})
        return any(d["port"] == p for d in keyed.values())

    @overload
    def __getitem__(self, i: int) -> Wire: ...
    @overload
    def __getitem__(self, i: slice) -> list[Wire]: ...
    def __getitem__(self, i: int | slice) -> Wire | list[Wire]:
        return self.wires()[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EveryWire):
            other = other.wires()
        return isinstance(other, list) and self.wires() == other

    __hash__ = None  # type: ignore[assignment]  # (a list's equality: unhashable, as a list)

    def __repr__(self) -> str:
        return f"EveryWire({self._size} wires)"

    def order_of(self, few: Iterable[Wire]) -> list[Wire]:
        """Those of ``few`` that are among these wires, in their order (of
        the list), found in the table: a handful sorted, not every wire listed."""
        few = [w for w in few if w in self]
        if len(few) < 2:
            return few
        succ = self._succ
        at = dict(zip(succ, count()))  # each source's place (one C loop over the nodes)

        def place(wire: Wire) -> tuple[int, int, int]:
            s, t, p = wire
            nbrs = succ[s]
            ports = [d["port"] for d in nbrs[t].values()]
            return at[s], list(nbrs).index(t), ports.index(p)

        return sorted(few, key=place)
