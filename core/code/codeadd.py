"""Adding parsed code (:class:`core.code.codegraph.CodeGraph`) to a model.

One plan per add, worked out before anything changes: fresh ids, leaf
values, and positions from :func:`core.graph.layout.layered_positions` to the
right of what is there. The same plan is applied, reverted and re-applied,
which is all an undo command needs.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from core.autograd.ops import arity as op_arity
from core.code.codegraph import DEFAULT_LEAF_VALUE, CodeError, CodeGraph
from core.code.codegroups import declared_groups, problems
from core.code.codein import parse_code
from core.code.codetext import usable
from core.graph.add_room import Adding, clear_offset, clear_rows, crossed_inputs, crossings, crowded, tangled
from core.graph.drawn_canvas import DrawnCanvas
from core.graph.free_ids import id_stem
from core.graph.gradient_geometry import wire
from core.graph.group_layout import auto_positions, grouped_positions
from core.graph.layout import COLUMN, NODE_H, NODE_W, ROW, layered_positions
from core.graph.link_room import copies_due, spread_columns, step_right
from core.graph.model import GraphModel, check_finite


@dataclass
class AddPlan:
    """Adding a parsed text to a model, worked out in full before anything
    changes, so the same plan can be applied, reverted and re-applied (undo)."""

    nodes: list  # (id, attrs): op, label, value, exponent, x, y
    edges: list  # (source, target, port)
    output: str | None  # becomes the model's output; None leaves the output alone
    old_output: str | None
    needs_value: list  # ids of leaves the text gave no value (DEFAULT_LEAF_VALUE unless given)
    node_ids: list = field(default_factory=list)  # the id of each parsed node, reused ones included
    groups: list = field(default_factory=list)  # (group id, label, node ids): a statement's nodes
    folded: list = field(default_factory=list)  # the ids of the groups that come folded
    notes: list = field(default_factory=list)  # what the status line says was skipped (a group comment)
    #: the canvas's cards moved with the new ones, laid out anew: id -> (where it was, where it goes)
    moves: dict = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [n for n, _ in self.nodes]


def existing_names(model: GraphModel, graph: CodeGraph) -> dict[int, str]:
    """:func:`canvas_names`' first table: the reused leaves only."""
    return canvas_names(model, graph)[0]


def canvas_names(model: GraphModel, graph: CodeGraph) -> tuple[dict[int, str], dict[int, int]]:
    """The leaves ``graph`` only reads (``a`` in ``g = a * 2``, no value given)
    whose name is already on the canvas: parsed node index -> that node's id;
    and those whose name two or more cards show: index -> how many (none of
    them is guessed at: a new leaf is made, and the values table says why; a
    check of trial 49's fixes: a third x1 of value 1.0 without a word). A
    name is found by the label its card shows (a node with no label shows
    its id), never by a hidden id: a card labelled w with the id x1 is not
    the ``x1`` of a formula (trial 49 wired the card labelled x1, id x2, as
    ``x2``); a name no card shows is a new leaf, but the id of a node whose
    label is no Python name, which the Code panel and the exports call it
    by (``add1`` for "w*x1 + b"). The labels are read once for both."""
    by_label = _by_label(model)
    found: dict[int, str] = {}
    shared: dict[int, int] = {}
    for i, spec in enumerate(graph.nodes):
        if not _reads(spec):
            continue
        hits = by_label.get(spec.name, [])
        if not hits and spec.name in model and not usable(model.label(spec.name)):
            hits = [spec.name]  # the name the Code panel and the exports give it: "add1" of "w*x1 + b"
        if len(hits) == 1:
            found[i] = hits[0]
        elif hits:
            shared[i] = len(hits)
    return found, shared


def _by_label(model: GraphModel) -> dict[str, list[str]]:
    by_label: dict[str, list[str]] = {}
    for n in model.nodes():
        by_label.setdefault(model.label(n), []).append(n)
    return by_label


def _reads(spec: Any) -> bool:
    """A leaf the text only reads: no value, no constant, a name."""
    return spec.op == "leaf" and spec.value is None and not spec.constant and bool(spec.name)


def plan_add(
    model: GraphModel,
    graph: CodeGraph,
    values: dict | None = None,
    *,
    set_output: bool | None = None,
    reuse: dict[int, str] | None = None,
    group_statements: bool = False,
    relayout: bool = False,
    near: bool = False,
) -> AddPlan:
    """How ``graph`` would be added to ``model``: fresh ids (the variable name
    where it is free), leaf values (``values`` maps node index -> number and
    wins over the text; leaves still without one get DEFAULT_LEAF_VALUE, 1.0), and positions
    laid out by :func:`core.graph.layout.layered_positions`, to the right of what
    the model already holds. ``set_output``: True, False, or None for "when
    the text called .backward() or the model has no output yet". ``reuse``
    maps parsed nodes to existing ones to wire to instead of adding them
    (see :func:`existing_names`). ``relayout``: a small graph is laid out
    anew with the new cards where no row keeps their wires off its cards
    (``plan.moves``). ``near``: a side result, placed right of the canvas's
    cards it reads where a clear place is there (:func:`_near_reads`), not
    right of the whole graph. ``group_statements``: what one statement
    builds, when that is three operations or more, becomes a group named
    after what it assigns (``d += d * 2 + (b + a).relu()``: "d′ (line 4)"),
    and the groups the text's ``# ---`` comments name are made (the
    statements under one are not grouped by themselves:
    :mod:`core.code.codegroups`)."""
    values = values or {}
    reuse = reuse or {}
    taken = set(model.nodes())
    # Variable names keep their own name as id where they can, so made-up
    # ids (mul1, x1, ...) keep clear of names that come later in the text.
    wanted = {n.name for n in graph.nodes if n.name} - taken
    blocked = taken | wanted
    counters: dict[str, int] = {}
    ids: list[str] = []
    for i, n in enumerate(graph.nodes):
        if i in reuse:
            ids.append(reuse[i])
            continue
        if n.name in wanted:
            nid = n.name
            wanted.discard(nid)
        else:
            stem = n.name or ("const" if n.constant else id_stem(n.op))
            nid = fresh_id(stem, blocked, counters)
            blocked.add(nid)
        ids.append(nid)
    nodes = []
    needs = []
    for i, (nid, n) in enumerate(zip(ids, graph.nodes)):
        if i in reuse:
            continue
        a: dict = {"op": n.op}
        if n.label is not None:
            a["label"] = n.label
        if n.expr and n.name is None and n.expr != n.label:
            a["expr"] = n.expr  # the whole source text of a short-named intermediate
        if n.op == "leaf" and n.constant:
            a["trainable"] = False  # a number in the text is not a parameter
        if n.op == "leaf":
            v = values.get(i, n.value)
            if v is None:
                needs.append(nid)
                v = DEFAULT_LEAF_VALUE
            a["value"] = check_finite(f"value of {n.label or nid!r}", v)
        if n.op == "pow":
            a["exponent"] = n.exponent
        nodes.append((nid, a))
    edges = [(ids[e.source], ids[e.target], e.port) for e in graph.edges]
    new = {nid for nid, _ in nodes}
    groups: list = []
    folded: list[str] = []
    if group_statements:
        gids = set(model.groups.ids())
        groups, folded, inside = _commented_groups(graph, ids, reuse, gids)
        groups += _statement_groups(graph, ids, reuse, gids, inside)
    sub = GraphModel.from_records({}, nodes, [e for e in edges if e[0] in new])
    for gid, label, members in groups:  # laid out with its groups whole (one statement, one block)
        sub.groups.add(members, label, gid=gid)
    # the new cards that will have linked copies of the canvas's leaves beside them (or a badge)
    leaves = {nid for nid, a in nodes if a["op"] == "leaf"}
    arity = {nid: op_arity(a["op"]) for nid, a in nodes}
    due = copies_due(model, leaves, [e for e in edges if e[1] in new], groups, arity) if reuse else {}
    pos = grouped_positions(sub, due) if groups else spread_columns(layered_positions(sub), due)
    if folded:  # each folded group moved as its card, its nodes as they are inside it when opened
        sub.set_positions(pos)
        for gid in folded:
            sub.groups.set_collapsed(gid, True)
        pos = grouped_positions(sub, due)
    moves: dict = {}
    if len(model) and pos:  # (nothing new to place: every name the text uses is on the canvas)
        canvas = DrawnCanvas(model, [e for e in edges if e[1] in new])
        close = _near_reads(model, canvas, pos, edges, due, arity) if near and not groups else None
        pos = close or _beside(canvas, pos, edges, due)
        pos, tangles = (
            (close, 0) if close else _clear_rows(model, canvas, pos, edges, due, arity, bool(groups))
        )
        if relayout and tangles and not groups and not len(model.groups) and len(model) <= RELAYOUT_MAX:
            pos, moves = _laid_out_anew(model, nodes, edges, pos)
    for nid, a in nodes:
        a["x"], a["y"] = pos[nid]
    if set_output is None:
        set_output = graph.explicit_output or model.output is None
    out = ids[graph.output] if set_output and graph.output is not None else None
    notes = problems(graph.comments) if group_statements else []
    return AddPlan(nodes, edges, out, model.output, needs, ids, groups, folded, notes, moves)


#: A canvas of at most this many cards is laid out anew with what a text adds
#: where no row in reach keeps the new wires off its cards (a learner's few).
RELAYOUT_MAX = 40


def _laid_out_anew(model: GraphModel, nodes: list, edges: list, pos: dict) -> tuple[dict, dict]:
    """The new cards' places and the canvas's moves (id -> (was, goes)) with
    the whole small graph laid out as Auto Layout lays it out, its first
    card kept where it is: ``y = x**0.5`` then ``z = x + 1`` drew x's wire
    to z through y's ports, as z = y + 1, in every row in reach (t69 #1)."""
    whole = GraphModel.from_records(
        {},
        [
            *((n, dict(a)) for n, a in model.attr_table().items()),
            *((n, {**a, "x": 0.0, "y": 0.0}) for n, a in nodes),
        ],
        [*model.edges(), *edges],
    )
    laid = auto_positions(whole)
    first = min(model.nodes(), key=lambda n: (model.position(n)[0], model.position(n)[1]))
    (fx, fy), (lx, ly) = model.position(first), laid[first]
    laid = {n: (x + fx - lx, y + fy - ly) for n, (x, y) in laid.items()}
    wires, arity = whole.edges(), lambda n: op_arity(whole.op(n))
    if crossings(laid, wires, arity) >= crossings({**_at(model), **pos}, wires, arity):
        return pos, {}  # (no better laid out: the user's placement kept)
    moves = {n: (model.position(n), laid[n]) for n in model.nodes() if laid[n] != model.position(n)}
    return {n: laid[n] for n in pos}, moves


def _at(model: GraphModel) -> dict[str, tuple[float, float]]:
    return {n: model.position(n) for n in model.nodes()}


def _beside(canvas: DrawnCanvas, pos: dict, edges: list, due: dict) -> dict:
    """``pos`` (the new block, laid out on its own) moved right of the
    cards drawn on the canvas (a folded group's card, not the hidden cards
    in it), level with the canvas's cards it reads (on average; with none,
    top-aligned with the canvas)."""
    boxes = canvas.boxes.values()
    dx = max(b[2] for b in boxes) - NODE_W / 2 + step_right(pos, due)
    op = canvas.model.op
    into = [(s, t) for s, t, _p in edges if t in pos and s in canvas.pos]
    into = [(s, t) for s, t in into if not (op(s) == "leaf" and t in due)]  # (a linked copy: no wire)
    if into:
        dy = sum(canvas.source(s)[1] - pos[t][1] for s, t in into) / len(into)
    else:
        dy = min(b[1] for b in boxes) + NODE_H / 2 - min(y for _, y in pos.values())
    return {n: (x + dx, y + dy) for n, (x, y) in pos.items()}


def _near_reads(
    model: GraphModel, canvas: DrawnCanvas, pos: dict, edges: list, due: dict, arity: dict
) -> dict | None:
    """``pos`` (a side result's block) a column right of the canvas's cards
    it reads, below the graph or above it (the nearer first; its rows in
    between kept for what is typed next: a card replaced in place, t70's
    ``y = x - 1``), where its wires pass under no card and no card or wire
    lies under its cards, and where the wires into one of its cards keep
    that card's ports' order if either does; None where there is none
    (placed right of the graph then). Right of the whole graph, ``w = x + 1`` beside
    ``z = x*y + 3*x`` went past z, and the view scrolled x out of sight (t71)."""
    into = [(s, t) for s, t, _p in edges if t in pos and s in canvas.pos]
    into = [(s, t) for s, t in into if not (model.op(s) == "leaf" and t in due)]  # (a linked copy: no wire)
    boxes = canvas.boxes.values()
    if not into or not boxes:
        return None
    dx = max(canvas.source(s)[0] + COLUMN - pos[t][0] for s, t in into)
    if max(x for x, _ in pos.values()) + dx >= max(b[2] for b in boxes):
        return None  # (no nearer than right of the graph)
    reads = sum(canvas.source(s)[1] for s, _t in into) / len(into)
    ys = [y for _, y in pos.values()]
    below = max(b[3] for b in boxes) + ROW - NODE_H / 2 - min(ys)
    above = min(b[1] for b in boxes) - ROW + NODE_H / 2 - max(ys)
    crossed = None
    for dy in sorted((below, above), key=lambda d: abs(sum(ys) / len(ys) + d - reads)):
        moved = {n: (x + dx, y + dy) for n, (x, y) in pos.items()}
        placed, tangles = _clear_rows(model, canvas, moved, edges, due, arity, False)
        if not tangles and not crowded(_adding(model, canvas, placed, edges, due, arity), placed):
            # the nearer where the wires into a card keep its ports' order (above the graph,
            # ``w = x + 1``'s new 1 sat over x, into w's lower port: its wire crossed x's)
            if not _crossed_ins(model, canvas, placed, edges, due, arity):
                return placed
            crossed = crossed or placed
    return crossed


def _crossed_ins(
    model: GraphModel, canvas: DrawnCanvas, pos: dict, edges: list, due: dict, arity: dict
) -> int:
    """How many pairs of wires into one of the new cards at ``pos`` cross (``crossed_inputs``)."""
    wires = []
    for s, t, p in edges:
        if (
            t in pos
            and (s in pos or s in canvas.pos)
            and not (s not in pos and model.op(s) == "leaf" and t in due)
        ):
            wires.append((t, wire(pos[s] if s in pos else canvas.source(s), pos[t], p, arity[t])))
    return crossed_inputs(wires)


def _adding(model: GraphModel, canvas: DrawnCanvas, pos: dict, edges: list, due: dict, arity: dict) -> Adding:
    """The new cards at ``pos`` beside the canvas, as add_room takes them."""
    old = {n: canvas.source(n) for n in canvas.pos}

    def drawn(s: str, t: str) -> bool:
        leaf = (s in old and model.op(s) == "leaf") or (s in pos and arity.get(s) == 0)
        return not (leaf and t in due)

    def arity_of(n: str) -> int:
        return arity[n] if n in arity else op_arity(model.op(n))

    return Adding(
        pos, old, edges, arity_of, canvas.boxes, canvas.wires_of, canvas.card_of, drawn, canvas.frames, due
    )


def _clear_rows(
    model: GraphModel, canvas: DrawnCanvas, pos: dict, edges: list, due: dict, arity: dict, whole: bool
) -> tuple[dict, int]:
    """``pos`` with the new cards moved where their wires pass under no
    card drawn (:func:`core.graph.add_room.clear_rows`; ``whole``, the new
    groups' frames kept whole: the block moved as one, ``clear_offset``); a
    leaf's wire into a card due copies is drawn as a copy, not a wire."""
    add = _adding(model, canvas, pos, edges, due, arity)
    placed = clear_offset(add) if whole else clear_rows(add)
    return placed, tangled(add, placed)


def _commented_groups(graph: CodeGraph, ids: list, reuse: dict, taken: set) -> tuple[list, list, set]:
    """(group id, label, node ids) of each group the text's ``# ---``
    comments name, innermost first; the folded ones' ids; the statements in one."""
    declared, inside = declared_groups(graph)
    out: list = []
    folded: list[str] = []
    counters: dict[str, int] = {}
    for path, made, is_folded in declared:
        members = [ids[i] for i in made if i not in reuse]
        if not members:
            continue
        gid = fresh_id("group", taken, counters)
        taken.add(gid)
        out.append((gid, path[-1][0], members))
        if is_folded:
            folded.append(gid)
    return out, folded, inside


def _statement_groups(graph: CodeGraph, ids: list, reuse: dict, taken: set, skip: set) -> list:
    """(group id, label, node ids) for each statement that builds three
    operations or more: a long statement reads as one named part of the
    graph. (By statement, not by line: `L = a*b*b; M = c*c` on one line
    was one group "M (line 1)" holding L; a statement over two lines, none.)
    Not the statements ``skip`` (in a group the text names)."""
    by_statement: dict[int, list[int]] = {}
    for i, n in enumerate(graph.nodes):
        if i not in reuse and n.line and n.statement not in skip:
            by_statement.setdefault(n.statement or -n.line, []).append(i)
    found = []  # (statement, line, what, parsed nodes)
    for k, made in by_statement.items():
        if sum(graph.nodes[i].op != "leaf" for i in made) < 3:
            continue
        named = [graph.nodes[i] for i in made if graph.nodes[i].name and graph.nodes[i].op != "leaf"]
        what = (named[-1].label or named[-1].name) if named else None
        found.append((k, min(graph.nodes[i].line for i in made), what, made))
    per_line = Counter(line for _k, line, _w, _m in found)
    out = []
    for k, line, what, made in found:
        gid = fresh_id("line", taken, {})
        taken.add(gid)
        label = f"{what} (line {line})" if what else f"line {line}"
        if per_line[line] > 1:  # several on one line (a; b; c): "(line 1)" told them apart by nothing
            label = statement_label(graph, k, what)
        out.append((gid, label, [ids[i] for i in made]))
    return out


#: A statement's own text names its group up to this length ("d += d * 2 + (b + a).relu()").
MAX_STATEMENT_LABEL = 40


def statement_label(graph: CodeGraph, k: int, what: str | None) -> str:
    """The name of the group statement ``k`` builds, where other statements
    on its line build groups too: its text if short, else what it assigns
    and its place ("d′ (statement 7)")."""
    text = graph.texts[k - 1] if 0 < k <= len(graph.texts) else None
    if text and len(text) <= MAX_STATEMENT_LABEL:
        return text
    return f"{what} (statement {k})" if what else f"statement {k}"


def fresh_id(stem: str, taken: set, counters: dict) -> str:
    """``stem`` + the first unused number; ``counters`` remembers where to
    go on from, so making many ids is linear."""
    for k in itertools.count(counters.get(stem, 1)):
        cand = f"{stem}{k}"
        if cand not in taken:
            counters[stem] = k + 1
            return cand
    raise AssertionError  # pragma: no cover


def apply_plan(model: GraphModel, plan: AddPlan) -> None:
    """Add the plan's nodes and wires (all or nothing)."""
    done: list[str] = []
    try:
        for nid, a in plan.nodes:
            a = dict(a)
            model.add_node(a.pop("op"), nid, **a)
            done.append(nid)
        for s, t, p in plan.edges:
            model.connect(s, t, p)
        for gid, label, members in plan.groups:
            model.groups.add(members, label, gid=gid)
        for gid in plan.folded:
            model.groups.set_collapsed(gid, True)
        if plan.moves:
            model.set_positions({n: goes for n, (_was, goes) in plan.moves.items()})
        if plan.output is not None:
            model.set_output(plan.output)
    except BaseException:
        if plan.moves:
            model.set_positions({n: was for n, (was, _goes) in plan.moves.items() if n in model})
        for gid, _label, _members in reversed(plan.groups):
            if gid in model.groups:
                model.groups.remove(gid)
        for nid in reversed(done):
            model.remove_node(nid)
        if model.output != plan.old_output and (plan.old_output is None or plan.old_output in model):
            model.set_output(plan.old_output)
        raise


def revert_plan(model: GraphModel, plan: AddPlan) -> None:
    """Undo :func:`apply_plan`: remove the nodes (wires go with them) and
    give back the output the model had."""
    for gid, _label, _members in reversed(plan.groups):
        if gid in model.groups:
            model.groups.remove(gid)
    for nid in reversed(plan.ids):
        if nid in model:
            model.remove_node(nid)
    if plan.moves:
        model.set_positions({n: was for n, (was, _goes) in plan.moves.items() if n in model})
    if (
        plan.output is not None
        and model.output != plan.old_output
        and (plan.old_output is None or plan.old_output in model)
    ):
        model.set_output(plan.old_output)


def add_code(model: GraphModel, text: str, values: dict | None = None, **kw: Any) -> AddPlan:
    """Parse ``text`` and add it to ``model`` as planned by :func:`plan_add`."""
    plan = plan_add(model, parse_code(text), values, **kw)
    apply_plan(model, plan)
    return plan


def import_code(text: str, values: dict | None = None) -> tuple[GraphModel, AddPlan]:
    """A new model holding the graph ``text`` describes; ``values`` maps a
    leaf's label (or variable name) to a number. Grouped by statement as
    File › Import Code groups it, so the file is the one the app would make."""
    graph = parse_code(text)
    by_index = {}
    for key, v in (values or {}).items():
        hits = [i for i, n in enumerate(graph.nodes) if n.op == "leaf" and key in (n.name, n.label)]
        if not hits:
            raise CodeError(f"a value is given for {key!r}, but the code has no leaf of that name")
        for i in hits:
            by_index[i] = v
    model = GraphModel()
    plan = plan_add(model, graph, by_index, set_output=True, group_statements=True)
    apply_plan(model, plan)
    return model, plan
