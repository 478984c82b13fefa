"""What a folded group's card shows of its nodes: a row per value crossing
its boundary (with the gradient a pass shows on it) and its part in a pass
on screen. Kept apart from the folding layer, which decides when."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from core.graph.groups import MAX_PORT_ROWS
from gui.canvas.group_items import Port


def rows(scene: Any, ids: list[str]) -> list[Port]:
    """The rows of the values ``ids`` (more than a card shows share one
    summary row: only their count is shown)."""
    if len(ids) > MAX_PORT_ROWS:
        return list(map(_bare, ids))
    m = scene.model
    return [Port(n, m.label(n), m.value(n), _grad(scene, n)) for n in ids]


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
    nodes is the step shown, "done" once all of them are. ``lit``: the nodes
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
    return "done" if marks == {"done"} else None


def lit_nodes(scene: Any) -> set[str]:
    """The nodes whose cards show a highlight, from every card (after a
    change to any card's: a pass cleared or skipped to its end)."""
    return {n for n, it in scene.node_map().items() if it.highlight is not None}
