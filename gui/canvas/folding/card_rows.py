"""What a folded group's card shows of its nodes: a row per value crossing
its boundary (with the gradient a pass shows on it) and its part in a pass
on screen. Kept apart from the folding layer, which decides when."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, overload

from core.autograd.floats import fmt_card, same_float, signed_zero
from core.graph.groups import MAX_PORT_ROWS
from gui.canvas.folding.group_rows import GRAD, Port, Summed
from gui.canvas.painting import esc_html
from gui.canvas.pass_board import Key

#: A folded card's crossing wires on one side, by the node each leaves (FoldIndex.wires_by_node).
Wires = Callable[[], Mapping[str, Sequence[Key]]]


def rows(scene: Any, ids: list[str], wires: Wires | None = None) -> Sequence[Port]:
    """The rows of the values ``ids`` (more than a card shows share one
    summary row, their count and the range of their gradients: no row is
    made for each); ``wires``: the card's crossing wires on their side, whose
    flow a row shows during a backward pass (``grad_of``)."""
    m = scene.model
    grad = grad_of(scene, wires)
    if len(ids) > MAX_PORT_ROWS:  # during a pass their gradients are read when drawn, once
        return Bundle(ids, grad if scene.board.active else None)
    if scene.board.active and scene.board.still is not None:  # forward mode: a tangent to come says so
        return [Port(n, m.label(n), m.value(n), g, g is None) for n, g in zip(ids, map(grad, ids))]
    return [Port(n, m.label(n), m.value(n), grad(n)) for n in ids]


def grad_of(scene: Any, wires: Wires | None) -> Callable[[str], float | None]:
    """What a row of a node shows: during a backward pass, what crossed the
    card's boundary on the node's ``wires`` (an input's row: what the group
    sends back to it, not its whole gradient, which its uses outside add to;
    an output's: what came back to it from outside), nothing before the
    step that sends it has run; else (no pass, forward mode's tangents) the
    gradient its own card shows. The graph's output, which no wire may
    leave, shows its own, as the root does (its seeded 1: the root of a pass
    feeds nothing the pass runs, so no input row is a root). Each row reads its own
    wires only: nothing walks the graph (a step refreshes a card's rows)."""
    flow = scene.board.flow
    still = scene.board.still if scene.board.active else None
    if still is not None:  # forward mode: a node that does not depend on the leaf has tangent 0 (a
        # trial's folded layer card wrote "d/dw1.1.1 0.706" over the bare values of its other rows)
        return lambda n: 0.0 if still(n) else _grad(scene, n)
    if flow is None or wires is None:
        return lambda n: _grad(scene, n)
    table: Mapping[str, Sequence[Key]] | None = None

    def grad(n: str) -> float | None:
        nonlocal table
        if table is None:
            table = wires()
        ws = table.get(n)
        if not ws:
            return _grad(scene, n)
        g = flow.sent_back(ws)
        return _grad(scene, n) if g is None and n == flow.root else g  # (the root's seeded 1)

    return grad


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


#: At most this many of a folded card's inputs and outputs are listed in its tooltip.
TIP_ROWS = 20
_CELL = "<td nowrap align=right>&nbsp;&nbsp;{}</td>"


def tooltip(scene: Any, card: Any, wires: Callable[[int], Mapping[str, Sequence[Key]]] | None = None) -> str:
    """A folded card's tooltip: what it is, and what comes out of it, each
    value with its gradient once a pass shows one, in the lecture's four
    decimals (a card folds a layer's sixteen weights into one row: hovering
    reads them one by one; a trial's full 17 digits wrapped each row).
    During a backward pass its inputs too, each with what the group sends
    back to it and, apart, the input's whole gradient, labelled as its total
    (``wires``: the card's crossing wires on a side, as its rows read them)."""
    ins, outs = nodes(card.inputs), nodes(card.outputs)
    if not outs and not ins and card.strip is None:
        return card.toolTip()
    flow = scene.board.flow if wires is not None else None
    tables = []
    if flow is not None and ins and wires is not None:
        tables.append(_table(scene, "in", ins, grad_of(scene, lambda: wires(0)), ("sent back",) * 2))
    if outs:
        back = grad_of(scene, (lambda: wires(1)) if wires is not None and flow is not None else None)
        tables.append(_table(scene, "out", outs, back, ("grad", "from outside")))
    note = (
        "<br><i>sent back: what the group passes back across its edge to each input;"
        " total grad: the node's whole gradient, every use added</i>"
        if flow is not None and any("total grad" in t for t in tables)
        else ""
    )
    strip = f"<br>{esc_html(card.strip[1])}" if card.strip is not None and card.strip[1] else ""
    return f"{esc_html(card.toolTip())}{''.join(tables)}{note}{strip}"


def _table(
    scene: Any, side: str, ids: Sequence[str], back: Callable[[str], float | None], what: tuple[str, str]
) -> str:
    """A tooltip's table of the first ``TIP_ROWS`` of ``ids``: name, value,
    gradient (``back``: what crossed the boundary), and where that is not
    the node's whole gradient, its total beside it; the gradient's column
    headed ``what[0]``, or ``what[1]`` with a total beside it."""
    m = scene.model
    shown = list(ids[:TIP_ROWS])
    grads = [back(n) for n in shown]
    totals = [_grad(scene, n) for n in shown]
    with_grads = any(g is not None for g in grads)
    apart = with_grads and any(
        t is not None and (g is None or not same_float(g, t)) for g, t in zip(grads, totals)
    )
    head = f"<tr><th align=left>{side}</th>" + _CELL.format("value")
    head += (_CELL.format(what[apart]) if with_grads else "") + (_CELL.format("total grad") if apart else "")
    rows = [head + "</tr>"]
    for n, g, t in zip(shown, grads, totals):
        cells = _CELL.format(signed_zero(m.value(n), fmt_card(m.value(n))))
        if with_grads:  # (— : not reached yet)
            cells += _CELL.format("—" if g is None else fmt_card(g))
        if apart:
            cells += _CELL.format("—" if t is None else fmt_card(t))
        rows.append(f"<tr><td nowrap>{esc_html(m.label(n))}</td>{cells}</tr>")
    more = len(ids) - TIP_ROWS
    tail = f"<br>… and {more} more: open the group to see them" if more > 0 else ""
    return f"<table cellspacing=0>{''.join(rows)}</table>{tail}"
