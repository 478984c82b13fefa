"""What a folded group's card shows of its nodes: a row per value crossing
its boundary (with the gradient a pass shows on it) and its part in a pass
on screen. Kept apart from the folding layer, which decides when."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, overload

from core.autograd.floats import fmt_card
from core.graph.groups import MAX_PORT_ROWS
from gui.canvas.folding.group_rows import GRAD, Port, Summed
from gui.canvas.painting import esc_html


def rows(scene: Any, ids: list[str]) -> Sequence[Port]:
    """The rows of the values ``ids`` (more than a card shows share one
    summary row, their count and the range of their gradients: no row is
    made for each)."""
    m = scene.model
    if len(ids) > MAX_PORT_ROWS:  # during a pass their gradients are read when drawn, once
        return Bundle(ids, (lambda n: _grad(scene, n)) if scene.board.active else None)
    return [Port(n, m.label(n), m.value(n), _grad(scene, n)) for n in ids]


def nodes(ports: Sequence[Port]) -> tuple[str, ...]:
    """The node of each row (of a bundle: without making its rows)."""
    return ports.nodes if isinstance(ports, Bundle) else tuple(p.node for p in ports)


class Bundle(Summed):
    """The rows of more values than a card shows, which share one summary
    row: a folded group of a big graph has ~150 crossing its boundary, and
    folding 500 of them made a row for each (~25,000); here each is made
    only when asked for. ``grad_of``: while a pass is on screen, the
    gradient each shows, read once, when the summary first asks for their
    range (a layer's folded weights showed none); None: no gradients."""

    __slots__ = ("nodes", "_grad_of", "_grads")

    def __init__(self, ids: list[str], grad_of: Callable[[str], float | None] | None = None) -> None:
        self.nodes = tuple(ids)
        self._grad_of = grad_of
        self._grads: list[float] | None = None

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

    def grads(self) -> list[float]:
        if self._grads is None:
            of = self._grad_of
            self._grads = [] if of is None else [g for g in map(of, self.nodes) if g is not None]
        return self._grads

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Bundle):  # (gradients read when drawn are never known to be the same)
            return self.nodes == other.nodes and self._grad_of is None and other._grad_of is None
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


def sign(scene: Any) -> str:
    """What a folded card writes before a row's gradient: ∇, or in forward
    mode the tangent's name as the cards write it ("d/da 3.0": a folded
    weights card said "∇1.0000" of a tangent)."""
    q = scene.board.quantity if scene.board.active else "grad"
    return GRAD if q == "grad" else f"{q} "


def _grad(scene: Any, node: str) -> float | None:
    """The gradient ``node``'s card shows (or is to show: asked of the pass
    board without catching the card up, which would make its note)."""
    it = scene.node_item(node)
    return None if it is None else it.grad_on(scene.board)


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


#: At most this many of a folded card's outputs are listed in its tooltip.
TIP_ROWS = 20


def tooltip(scene: Any, card: Any) -> str:
    """A folded card's tooltip: what it is, and what comes out of it, each
    value with its gradient once a pass shows one, in the lecture's four
    decimals (a card folds a layer's sixteen weights into one row: hovering
    reads them one by one; a trial's full 17 digits wrapped each row)."""
    outs = nodes(card.outputs)
    if not outs:
        return card.toolTip()
    head = esc_html(card.toolTip())
    m = scene.model
    grads = [_grad(scene, n) for n in outs[:TIP_ROWS]]
    shown = any(g is not None for g in grads)
    cell = "<td nowrap align=right>&nbsp;&nbsp;{}</td>"
    rows = [
        "<tr><th align=left>out</th>"
        + cell.format("value")
        + (cell.format("grad") if shown else "")
        + "</tr>"
    ]
    for n, g in zip(outs, grads):
        grad = cell.format("—" if g is None else fmt_card(g)) if shown else ""  # (— : not reached yet)
        rows.append(
            f"<tr><td nowrap>{esc_html(m.label(n))}</td>{cell.format(fmt_card(m.value(n)))}{grad}</tr>"
        )
    more = len(outs) - TIP_ROWS
    tail = f"<br>… and {more} more: open the group to see them" if more > 0 else ""
    return f"{head}<table cellspacing=0>{''.join(rows)}</table>{tail}"
