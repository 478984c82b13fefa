"""What a folded group's card shows of its nodes: a row per value crossing
its boundary (with the gradient a pass shows on it) and its part in a pass
on screen. Kept apart from the folding layer, which decides when."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, overload

from core.graph.groups import MAX_PORT_ROWS
from gui.canvas.folding.group_rows import Port


def rows(scene: Any, ids: list[str]) -> Sequence[Port]:
    """The rows of the values ``ids`` (more than a card shows share one
    summary row: only their count is shown, so no row is made for each)."""
    if len(ids) > MAX_PORT_ROWS:
        return Bundle(ids)
    m = scene.model
    return [Port(n, m.label(n), m.value(n), _grad(scene, n)) for n in ids]


def nodes(ports: Sequence[Port]) -> tuple[str, ...]:
    """The node of each row (of a bundle: without making its rows)."""
    return ports.nodes if isinstance(ports, Bundle) else tuple(p.node for p in ports)


class Bundle(Sequence[Port]):
    """The rows of more values than a card shows, which share one summary
    row: a folded group of a big graph has ~150 crossing its boundary, and
    folding 500 of them made a row for each (~25,000); here each is made
    only when asked for (nothing shown asks: only the count is drawn)."""

    __slots__ = ("nodes",)

    def __init__(self, ids: list[str]) -> None:
        self.nodes = tuple(ids)

    def __len__(self) -> int:
        return len(self.nodes)

    @overload
    def __getitem__(self, i: int) -> Port: ...
    @overload
    def __getitem__(self, i: slice) -> list[Port]: ...
    def __getitem__(self, i: int | slice) -> Port | list[Port]:
        if isinstance(i, slice):
            return list(map(_bare, self.nodes[i]))
        return _bare(self.nodes[i])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Bundle):
            return self.nodes == other.nodes
        return (
            isinstance(other, Sequence)
            and len(other) == len(self)
            and all(a == b for a, b in zip(self, other))
        )

    __hash__ = None  # type: ignore[assignment]


@lru_cache(maxsize=1 << 17)
def _bare(node: str) -> Port:
    """A row of a summary (only its node counts; one object per node, never
    changed: a card folding 100 nodes of a 50,000-node graph has some 150)."""
    return Port(node, "", None)


def _grad(scene: Any, node: str) -> float | None:
    it = scene.node_item(node)
    return None if it is None else it.grad


def highlight(scene: Any, nodes: list[str], lit: set[str] | None) -> str | None:
    """A folded card's part in a pass on screen: "current" while one of its
    nodes is the step shown, else "input" while one is what it passes back
    to, "done" once all of them are. ``lit``: the nodes
    whose cards show a highlight (None: not known), so a card none of whose
    nodes is lit (the usual case) costs no look at them."""
    if lit is not None and lit.isdisjoint(nodes):
        return None
    marks = set()
    for n in nodes:
        it = scene.node_item(n)
        marks.add(None if it is None else it.highlight)
        if "current" in marks:
            return "current"
    if "input" in marks:  # what the step passes back to (the root, at the start)
        return "input"
    return "done" if marks == {"done"} else None


def lit_nodes(scene: Any) -> set[str]:
    """The nodes whose cards show a highlight, from every card (after a
    change to any card's: a pass cleared or skipped to its end)."""
    return {n for n, it in scene.node_map().items() if it.highlight is not None}
