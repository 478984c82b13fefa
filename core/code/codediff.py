"""Code edited in the Code panel, turned into an in-place edit of the graph.

:func:`plan_code_edit` reads the new text and matches each of its nodes to a
node of the model, so that applying it changes only what the text changed:

1. by name: a statement whose variable stood for a node (``names``, from
   :class:`core.code.codetext.CodeText` or the previous apply) is that node;
2. by structure, in the text's order: an operator with the same op fed by
   the same (matched) nodes is that node (``(a*b + c) * f`` typed again, or
   ``e = a*b`` renamed to ``g = a*b``); a matched operator's unmatched leaf
   inputs (a number, a renamed value) are the leaves in those ports.

A matched node keeps its id and place but takes the label the text gives it,
as a new graph made from the text would (an unnamed step: its code).

Nodes left over are new (ids as :mod:`core.code.codeadd` makes them, placed
by :mod:`core.code.codeplace`); nodes of the code's scope that no statement
matched are removed. Unfinished nodes (see :func:`core.code.codetext.in_code`)
are outside the code and left alone; a node keeps its group (made anew
when its op changes, or put back by undo). The result, :class:`EditPlan`, holds
the affected nodes and wires before and after, so :func:`apply_edit` can go
either way: the same function undoes it with :meth:`EditPlan.inverse`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from core.autograd import ops
from core.code.codeadd import fresh_id
from core.code.codegraph import DEFAULT_LEAF_VALUE, CodeGraph, NodeSpec
from core.code.codein import parse_code
from core.code.codeplace import place_new
from core.code.codetext import in_code, to_code
from core.graph.free_ids import id_stem
from core.graph.model import CORE_KEYS, GraphModel

Wire = tuple[str, str, int]


@dataclass
class EditPlan:
    """An in-place edit of a model, both ways.

    ``before``/``after`` hold the full attributes (op included) of every node
    the edit touches (a node only in ``before`` is removed, only in
    ``after`` added, in both changed); ``wires_before``/``wires_after`` every
    wire into a port whose source changes, or that touches such a node."""

    before: dict[str, dict] = field(default_factory=dict)
    after: dict[str, dict] = field(default_factory=dict)
    wires_before: list[Wire] = field(default_factory=list)
    wires_after: list[Wire] = field(default_factory=list)
    output_before: str | None = None
    output_after: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # the text's names -> node ids, after the edit
    node_ids: list[str] = field(default_factory=list)  # the node id of each parsed node
    defaulted: list[str] = field(default_factory=list)  # new leaves the text gave no value
    groups: dict[str, str] = field(default_factory=dict)  # a touched node -> its group (kept through it)

    @property
    def added(self) -> list[str]:
        return [n for n in self.after if n not in self.before]

    @property
    def removed(self) -> list[str]:
        return [n for n in self.before if n not in self.after]

    @property
    def changed(self) -> list[str]:
        return [n for n in self.after if n in self.before]

    @property
    def empty(self) -> bool:
        return (
            not self.before
            and not self.after
            and not self.wires_before
            and not self.wires_after
            and self.output_before == self.output_after
        )

    def inverse(self) -> EditPlan:
        """The edit that takes the model back."""
        return EditPlan(
            self.after,
            self.before,
            self.wires_after,
            self.wires_before,
            self.output_after,
            self.output_before,
            groups=self.groups,
        )

    def summary(self) -> str:
        """ "1 changed, 2 added, 1 removed" (or "no change")."""
        parts = [
            f"{len(xs)} {what}"
            for xs, what in ((self.changed, "changed"), (self.added, "added"), (self.removed, "removed"))
            if xs
        ]
        if not parts and (self.wires_before or self.wires_after):
            parts = ["wires changed"]
        if not parts and self.output_before != self.output_after:
            parts = ["output changed"]
        return ", ".join(parts) or "no change"


# ------------------------------------------------------------------ matching
def statement_keys(graph: CodeGraph) -> dict[int, str]:
    """Parsed node -> the name its statement bound (``g``, then ``g#1`` when
    ``g`` is bound again, as in ``g += x``)."""
    seen: dict[str, int] = {}
    keys = {}
    for i, spec in enumerate(graph.nodes):
        if spec.name:
            k = seen.get(spec.name, 0)
            seen[spec.name] = k + 1
            keys[i] = spec.name if k == 0 else f"{spec.name}#{k}"
    return keys


class _Matcher:
    def __init__(self, model: GraphModel, graph: CodeGraph, scope: set[str]) -> None:
        self.model, self.graph, self.scope = model, graph, scope
        self.ins: list[list[int | None]] = [[None] * ops.arity(n.op) for n in graph.nodes]
        for e in graph.edges:
            self.ins[e.target][e.port] = e.source
        self.match: dict[int, str] = {}
        self.taken: set[str] = set()

    def take(self, i: int, nid: str) -> None:
        self.match[i] = nid
        self.taken.add(nid)

    def free(self, nid: str | None) -> bool:
        return nid is not None and nid in self.scope and nid not in self.taken

    def by_names(self, keys: dict[int, str], names: dict[str, str]) -> None:
        for i, k in keys.items():
            nid = names.get(k)
            if nid is not None and self.free(nid):
                self.take(i, nid)

    def by_structure(self) -> None:
        m, nodes = self.model, self.graph.nodes
        for i, spec in enumerate(nodes):
            if spec.op == "leaf":
                continue
            if i not in self.match:
                found = self._candidate(i, spec)
                if found is not None:
                    self.take(i, found)
            if i in self.match and m.op(self.match[i]) == spec.op:
                # its unmatched leaf inputs are the leaves in those ports
                have = m.inputs(self.match[i])
                for p, j in enumerate(self.ins[i]):
                    if j is not None and j not in self.match and nodes[j].op == "leaf":
                        s = have[p]
                        if self.free(s) and m.op(s) == "leaf":
                            self.take(j, s)

    def _candidate(self, i: int, spec: NodeSpec) -> str | None:
        m, nodes = self.model, self.graph.nodes
        ins = self.ins[i]
        anchors = [(p, self.match[j]) for p, j in enumerate(ins) if j is not None and j in self.match]
        if not anchors:
            return None
        p0, a0 = anchors[0]
        best, best_score = None, -1
        for t, p in m.consumers(a0):
            if p != p0 or not self.free(t) or m.op(t) != spec.op:
                continue
            have = m.inputs(t)
            score = 0
            for q, j in enumerate(ins):
                if j is not None and j in self.match:
                    if have[q] != self.match[j]:
                        score = -1
                        break
                    score += 2
                elif j is not None and nodes[j].op == "leaf":
                    s = have[q]
                    if not (self.free(s) and m.op(s) == "leaf"):
                        score = -1
                        break
                    score += m.node(s).get("value") == nodes[j].value
            if score < 0:
                continue
            score += spec.label is not None and m.label(t) == spec.label
            score += spec.op == "pow" and m.node(t).get("exponent") == spec.exponent
            if score > best_score:
                best, best_score = t, score
        return best


# ------------------------------------------------------------------ the plan
def plan_code_edit(model: GraphModel, text: str, names: dict[str, str] | None = None) -> EditPlan:
    """How to make ``model`` what ``text`` describes, in place (see the
    module docstring). ``names`` maps the variables of the code shown
    before the edit to node ids (default: those of the model's own code).
    CodeError (with line and column) for text that cannot be read; nothing
    is changed here."""
    graph = parse_code(text, allow_empty=True)
    scope = in_code(model)
    if names is None:
        names = to_code(model).names
    keys = statement_keys(graph)
    mt = _Matcher(model, graph, scope)
    mt.by_names(keys, names)
    mt.by_structure()

    # ids for the new nodes: the variable's name where it is free
    blocked = set(model.nodes())
    wanted = {n.name for i, n in enumerate(graph.nodes) if n.name and i not in mt.match} - blocked
    counters: dict[str, int] = {}
    ids: list[str] = []
    for i, n in enumerate(graph.nodes):
        if i in mt.match:
            ids.append(mt.match[i])
        elif n.name in wanted:
            wanted.discard(n.name)
            ids.append(n.name)
        else:
            stem = n.name or ("const" if n.constant else id_stem(n.op))
            ids.append(fresh_id(stem, blocked | wanted, counters))
            blocked.add(ids[-1])

    plan = EditPlan(output_before=model.output, node_ids=ids)
    plan.names = {k: ids[i] for i, k in keys.items()}
    new_inputs = {ids[i]: [None if j is None else ids[j] for j in mt.ins[i]] for i in range(len(ids))}
    added: list[str] = []
    for i, spec in enumerate(graph.nodes):
        nid = ids[i]
        if i in mt.match:
            old = model.node(nid)
            new = _updated(nid, old, spec, named=i in keys)
            if new is None:  # an op changed and the value is not given: a new leaf's default
                new = _fresh_attrs(spec)
                new.update(x=old.get("x", 0.0), y=old.get("y", 0.0))
                plan.defaulted.append(nid)
            if new != old:
                plan.before[nid], plan.after[nid] = old, new
        else:
            attrs = _fresh_attrs(spec)
            if spec.op == "leaf" and spec.value is None:
                plan.defaulted.append(nid)
            plan.after[nid] = attrs
            added.append(nid)
    for nid in scope - mt.taken:
        plan.before[nid] = model.node(nid)
    for nid in plan.before:  # a node made anew (its op changed) or put back stays in its group
        gid = model.groups.group_of(nid)
        if gid is not None:
            plan.groups[nid] = gid

    _plan_wires(model, plan, scope, new_inputs)
    if graph.explicit_output and graph.output is not None:
        plan.output_after = ids[graph.output]
    elif model.output is not None and model.output not in scope:
        plan.output_after = model.output  # an unfinished output: not the code's to change
    else:
        plan.output_after = None
    positions = place_new(model, added, new_inputs, {n: plan.after[n].get("op", "") for n in added})
    for nid, (x, y) in positions.items():
        plan.after[nid]["x"], plan.after[nid]["y"] = x, y
    return plan


def _fresh_attrs(spec: NodeSpec) -> dict:
    a: dict[str, Any] = {"op": spec.op}
    if spec.label is not None:
        a["label"] = spec.label
    if spec.expr and spec.name is None and spec.expr != spec.label:
        a["expr"] = spec.expr
    if spec.op == "leaf":
        a["value"] = DEFAULT_LEAF_VALUE if spec.value is None else float(spec.value)
        if spec.constant:
            a["trainable"] = False
    if spec.op == "pow":
        a["exponent"] = float(spec.exponent if spec.exponent is not None else 2.0)
    return a


def _updated(nid: str, old: dict, spec: NodeSpec, named: bool) -> dict | None:
    """``old``'s attributes as ``spec`` says they are now; what the text does
    not say (position, unknown keys, a kept value) stays."""
    if old["op"] != spec.op:
        new = {k: v for k, v in old.items() if k not in CORE_KEYS and k not in ("trainable", "expr")}
        new.update(op=spec.op, x=old.get("x", 0.0), y=old.get("y", 0.0))
        if "label" in old:
            new["label"] = old["label"]
    else:
        new = dict(old)
    if (named or spec.constant or spec.op == "leaf") and spec.label is not None:
        if spec.label != (old.get("label") or nid):  # the model shows the id for no label
            new["label"] = spec.label
    elif spec.op != "leaf":
        # an unnamed step is called by its code, as Open as New Graph calls it: the node
        # matched to it keeps its id, not the name it had (trial 75: ``e + 1`` matched to
        # the old ``d = e + c`` stayed "d"; ``x1*w1 + x2*w2`` fed x2*x2 named a sum it no
        # longer computes)
        for key, v in (("label", spec.label), ("expr", spec.expr if spec.expr != spec.label else None)):
            if v is None:
                new.pop(key, None)
            else:
                new[key] = v
    if spec.op == "leaf":
        if spec.value is not None:
            new["value"] = float(spec.value)
        elif "value" not in new or old["op"] != "leaf":
            return None
        if spec.constant:
            new["trainable"] = False
    if spec.op == "pow":
        new["exponent"] = float(spec.exponent if spec.exponent is not None else 2.0)
    return new


def _plan_wires(model: GraphModel, plan: EditPlan, scope: set[str], new_inputs: dict) -> None:
    """The wires to cut and to make: every port whose source changes, and
    every wire of a removed node or of one whose op changes."""
    removed = set(plan.removed)
    remade = {n for n in plan.changed if plan.before[n]["op"] != plan.after[n]["op"]}
    table = model.input_table()
    before: set[Wire] = set()
    after: set[Wire] = set()
    # ports of the nodes the code describes
    for t, want in new_inputs.items():
        have = table.get(t) if t in model and t not in remade else None
        for p, s in enumerate(want):
            old = have[p] if have is not None else None
            if have is None or old != s or s in remade:
                if s is not None:
                    after.add((s, t, p))
    for t in scope:
        if t in remade or t in removed:
            before.update((s, t, p) for p, s in enumerate(table[t]) if s is not None)
            continue
        want = new_inputs.get(t)
        for p, s in enumerate(table[t]):
            if s is not None and (want is None or want[p] != s or s in remade):
                before.add((s, t, p))
    # wires out to unfinished nodes, which the code does not describe
    for t in model.nodes():
        if t in scope:
            continue
        for p, s in enumerate(table[t]):
            if s in removed or s in remade:
                before.add((s, t, p))
                if s in remade:
                    after.add((s, t, p))
    plan.wires_before = sorted(before, key=_wire_key)
    plan.wires_after = sorted(after, key=_wire_key)


def _wire_key(w: Wire) -> tuple[str, int, str]:
    return (w[1], w[2], w[0])


# ------------------------------------------------------------------ applying
def apply_edit(model: GraphModel, plan: EditPlan) -> None:
    """Make the edit (all of it, or with the GraphError raised, none)."""
    done: list[Callable[[], Any]] = []
    try:
        for s, t, p in plan.wires_before:
            model.disconnect(t, p)
            done.append(partial(model.connect, s, t, p))
        for n in plan.before:
            if n not in plan.after or plan.before[n]["op"] != plan.after[n]["op"]:
                snap = model.remove_node(n)
                done.append(partial(model.restore_node, snap))
        for n, a in plan.after.items():
            if n not in plan.before or plan.before[n]["op"] != a["op"]:
                attrs = dict(a)
                model.add_node(attrs.pop("op"), n, **attrs)
                done.append(partial(model.remove_node, n))
                model.groups.place_node(n, plan.groups.get(n))
            else:
                _set_attrs(model, n, plan.before[n], a, done)
        for s, t, p in plan.wires_after:
            model.connect(s, t, p)
            done.append(partial(model.disconnect, t, p))
        if model.output != plan.output_after:
            old = model.output
            model.set_output(plan.output_after)
            done.append(partial(model.set_output, old))
    except BaseException:
        for undo in reversed(done):
            undo()
        raise


def _set_attrs(model: GraphModel, n: str, old: dict, new: dict, done: list) -> None:
    def setter(key: str) -> Callable[[Any], None]:
        def put(v: Any) -> None:
            if key == "label":
                model.set_label(n, v)
            elif key == "value":
                model.set_value(n, v)
            elif key == "exponent":
                model.set_exponent(n, v)
            elif key in ("x", "y"):
                x, y = model.position(n)
                model.set_position(n, *((v, y) if key == "x" else (x, v)))
            else:
                model.set_attr(n, key, v)

        return put

    for key in sorted(set(old) | set(new)):
        if key == "op" or old.get(key) == new.get(key):
            continue
        put = setter(key)
        put(new.get(key))
        done.append(partial(put, old.get(key)))


def revert_edit(model: GraphModel, plan: EditPlan) -> None:
    """Undo :func:`apply_edit`."""
    apply_edit(model, plan.inverse())
