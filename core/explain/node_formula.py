"""What an operator node computes and its local derivatives, in the node's
own names, for the Properties panel: ``L = d × f`` and ``∂L/∂d = f = −2``,
as the Chain Rule panel writes them. The op table's port names (``in₁``,
``in₂``) stand only where a port has nothing wired to it: its generic
``out = a · b`` and ``∂/∂a = b`` read as wrong maths beside the lecture's
leaves a and b (a trial: "∂/∂a = b" on L = d·f, where ∂L/∂a is 6)."""

from __future__ import annotations

from core.autograd import ops
from core.explain.names import SentenceNames, names_of, node_name
from core.explain.step_text import fill, local_lines
from core.graph.errors import IncompleteGraphError
from core.graph.model import GraphModel


def _operands(model: GraphModel, node: str, nm: SentenceNames) -> tuple[list[str], list[str], set[int]]:
    """Each input as an operand (``(x1*w1)``) and bare (``x1*w1``): its
    node's name where wired (told apart where another node has its label,
    "(a, id a)"), the port's name where not; and the ports told apart so."""
    ports = ops.OPS[model.op(node)].ports
    srcs = model.inputs(node)
    bare = [nm.bare(s) if s is not None else p for s, p in zip(srcs, ports)]
    told = {i for i, s in enumerate(srcs) if s is not None and nm.told(s)}
    return [nm(s) if s is not None else b for b, s in zip(bare, srcs)], bare, told


def computes(model: GraphModel, node: str, names: SentenceNames | None = None) -> str:
    """``L = d × f``; ``mul1 = d × in₂`` while its second port is empty;
    "" for a leaf. Two cards named a read "(a, id e) = (a, id a) × b"
    (trial 69 #6: "a = a × b")."""
    if model.op(node) == "leaf":
        return ""
    nm = names_of(model) if names is None else names
    return f"{nm.bare(node)} = {of_inputs(model, node, nm)}"


def of_inputs(model: GraphModel, node: str, names: SentenceNames | None = None) -> str:
    """What an operator node computes, in its inputs' names: ``d × f``,
    ``(p1 - y1)**2 + (q - y2)**2`` (bracketed only where needed)."""
    _ops, bare, told = _operands(model, node, names_of(model) if names is None else names)
    k = model.node(node).get("exponent")
    return fill(ops.OPS[model.op(node)].chain_text.value, bare, bare, k, names=True, atoms=told)


def derivatives(model: GraphModel, node: str) -> list[str]:
    """One line per input: ``∂L/∂d = f = −2`` with its numbers where every
    input is wired and has a value, else in names only (``∂mul1/∂in₂ = d``)."""
    op = model.op(node)
    if op == "leaf":
        return []
    srcs = model.inputs(node)
    nm = names_of(model)
    if all(s is not None for s in srcs) and model.value(node) is not None:
        lines = local_lines(model, node, names=nm)
        if lines:
            return lines
    operands, bare, told = _operands(model, node, nm)
    k = model.node(node).get("exponent")
    name = nm(node)
    text = ops.OPS[op].chain_text
    out = []
    for p, template in enumerate(text.local):
        which = f" (input {p + 1})" if srcs[p] is not None and srcs.count(srcs[p]) > 1 else ""
        got = fill(template, bare, bare, k, name, names=True, atoms=told)
        out.append(f"∂{name}/∂{operands[p]}{which} = {got}")
    return out


def called(model: GraphModel, node: str, kind: str = "") -> str:
    """``node`` as its card names it (its label), with ``kind`` ("Add")
    and its id in brackets after it, the id only where another node has
    that label too: "a (id a_2)", "L (Multiply, id mul1)"."""
    label = model.label(node)
    same = [n for n, a in model.attr_table().items() if (a.get("label") or n) == label]
    extra = ", ".join([*([kind] if kind else []), *([f"id {node}"] if len(same) > 1 else [])])
    return node_name(label) + (f" ({extra})" if extra else "")


def refusal_text(model: GraphModel, error: Exception, cannot: str, start: str) -> str:
    """``cannot`` ("Cannot run backward from") ``start``, and why: an empty
    port (an IncompleteGraphError that names it) in the names the canvas
    shows: the card's label, the port as the card names it, what the node
    computes; another error as it says it. Trial 54: "node 'mul1' (mul) has
    nothing connected to input port 1 (in₂)" for a card renamed L (the
    headless command's words, which name ids)."""
    why = empty_reason(model, error, start)
    if why is None:
        return f"{cannot} {called(model, start)}: {error}"
    return f"{cannot} {called(model, start)}: {why}. Wire a node into it."


def empty_reason(model: GraphModel, error: Exception, start: str) -> str | None:
    """Why a pass cannot start from ``start`` where ``error`` is an empty
    port of ``model`` (an IncompleteGraphError that names it): "its input
    in₂ is empty (L = a × in₂)" of ``start`` itself, "d (Add) has an empty
    input in₁ (d = in₁ + c)" of a node further up; else None."""
    empty = _empty_port(model, error)
    if empty is None:
        return None
    node, port = empty
    if node == start:
        return f"its input {ops.OPS[model.op(node)].ports[port]} is empty ({computes(model, node)})"
    return empty_input(model, node, port)


def blocked_starts(model: GraphModel, ends: list[str], most: int) -> dict[str, str]:
    """Those of ``ends`` a pass cannot start from, an empty input port in
    their past, each with :func:`empty_reason` (Backward's chooser leaves
    them out and says why, trial 54: picking L there gave a second dialog
    saying it could not run). Nothing is walked on a graph with no empty
    port, nor past ``most`` ends (each one's past is walked)."""
    out: dict[str, str] = {}
    if len(ends) > most:
        return out
    try:
        model.check_complete()
    except IncompleteGraphError:
        for end in ends:
            try:
                model.check_complete(model.past(end))
            except IncompleteGraphError as e:
                out[end] = empty_reason(model, e, end) or str(e)
    return out


def empty_input(model: GraphModel, node: str, port: int) -> str:
    """That ``node``'s ``port`` is empty, in the canvas's names: "d (Add)
    has an empty input in₁ (d = in₁ + c)"."""
    op = ops.OPS[model.op(node)]
    return f"{called(model, node, op.title)} has an empty input {op.ports[port]} ({computes(model, node)})"


def unwired(model: GraphModel, error: Exception) -> str | None:
    """``error`` as the window says it where it is an empty input port of
    ``model`` ("L (Multiply) has an empty input in₂ (L = a × in₂). Wire a
    node into it."), else None: Learn's tools and File › Export word it so
    (trial 54: "node 'mul1' (mul) has nothing connected to input port 1")."""
    empty = _empty_port(model, error)
    return None if empty is None else f"{empty_input(model, *empty)}. Wire a node into it."


def _empty_port(model: GraphModel, error: Exception) -> tuple[str, int] | None:
    """The (node, port) ``error`` says is empty, if it is one of ``model``'s."""
    if not isinstance(error, IncompleteGraphError) or error.node is None or error.port is None:
        return None
    return (error.node, error.port) if error.node in model else None
