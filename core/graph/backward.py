"""A backward pass over the graph as it is now, by node id: what the headless
command prints and what the canvas animates.

The pass runs straight over the model's tables (no ``Value`` objects, as
core/graph/headless.py does for a file), with the op table's rules in
:meth:`Value.backward`'s order, so every number is the engine's bit for
bit: values as ``build_values`` would make the Values (the model's own,
which the same rules made from the same floats), the root's past walked
depth first as ``engine._past`` walks it (which gives the leaves' order),
the operators run latest-made first, every gradient in the past starting
at -0.0 and the root's at 1.0. A step's record (:class:`GraphStep`), and
what it added to each input, are made when read: a big graph's pass is
shown a few steps at a time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from math import isfinite
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

from core.autograd.engine import gc_paused
from core.autograd.ops import (
    FORWARD_RULES,
    GRAD_RULES,
    OPS,
    TIMES_OTHER,
    UPSTREAM,
    arity,
    explain_nonfinite_local,
    passes_of,
)

if TYPE_CHECKING:
    from core.graph.model import GraphModel

_OP_OF, _INS = itemgetter(0), itemgetter(1)


@dataclass
class GraphStep:
    """One chain-rule step of a backward pass, by node id."""

    node: str
    upstream: float  # the node's finished gradient
    inputs: tuple  # input node ids, in port order (may repeat)
    _local: Any = field(repr=False, compare=False)  # (op, input values, value, exponent), for locals
    contributions: tuple  # local x upstream, added (+=) to each input's grad

    @property
    def locals(self) -> tuple:
        """Local derivative per port; computed when read (the headless
        command and big graphs never need them)."""
        op, xs, y, k = self._local
        return OPS[op].local(xs, y, k) if xs else ()  # type: ignore[misc]  # xs: not a leaf

    @property
    def value(self) -> float | None:
        """The node's value the step ran on (None for a leaf)."""
        return self._local[2] if self._local[1] else None

    def local_why(self, port: int) -> str | None:
        """Why the local derivative at ``port`` is inf/nan where the node's
        inputs and value are finite ("vertical slope (0.5·0^−0.5)"), else None."""
        op, xs, _y, k = self._local
        return explain_nonfinite_local(op, xs, k, port) if xs else None


class PassSteps(Sequence[GraphStep]):
    """The steps of one pass, in order: a read-only list of
    :class:`GraphStep`, each made when first read from the flat records
    the pass keeps (node, its finished gradient, the inputs it ran on with
    its op and exponent, and, once asked, who sent what to whom). What a step added to
    each input is worked out again when first read: its rule on the same
    floats (the inputs' values, its own, its finished gradient) gives the
    same numbers the pass added, so the pass keeps none up front."""

    __slots__ = ("_order", "_inputs", "_grads", "_ops", "_ks", "_vals", "_contribs", "_made", "_senders")

    def __init__(self, order, inputs, grads, ops, ks, vals, senders=None) -> None:
        self._order: list[str] = order
        self._inputs: list[tuple] = inputs  # per operator step: its inputs, as they were
        self._ops: list[str] = ops  # per operator step: its op
        self._ks: dict[str, Any] = ks  # node -> its exponent (a float for pow), where the op table reads one
        self._grads, self._vals = grads, vals
        self._contribs: list[tuple | None] = [None] * len(inputs)  # per operator step, once read
        self._made: list[GraphStep | None] = [None] * len(order)
        self._senders: dict[str, list[int]] | None = senders  # (None: filed when first asked, or idle)

    def contributions(self, k: int) -> tuple:
        """What operator step ``k`` added to each input (local x upstream),
        as the pass added it."""
        c = self._contribs[k]
        if c is None:
            vals, n = self._vals, self._order[k]
            xs = tuple([vals[s] for s in self._inputs[k]])
            c = self._contribs[k] = GRAD_RULES[self._ops[k]](xs, vals[n], self._ks.get(n), self._grads[n])
        return c

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, i: int) -> GraphStep: ...
    @overload
    def __getitem__(self, i: slice) -> list[GraphStep]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._order)))]
        got = self._made[i]
        if got is None:
            k = i + len(self._order) if i < 0 else i
            n = self._order[k]
            vals = self._vals
            if k < len(self._inputs):
                ins, c = self._inputs[k], self.contributions(k)
                local = (self._ops[k], tuple([vals[s] for s in ins]), vals[n], self._ks.get(n))
            else:  # a leaf
                ins = c = ()
                local = ("leaf", (), vals[n], None)
            got = self._made[k] = GraphStep(n, self._grads[n], ins, local, c)
        return got

    def __iter__(self) -> Iterator[GraphStep]:
        return map(self.__getitem__, range(len(self._order)))

    @property
    def made(self) -> int:
        """How many steps were made into records so far (tests count them)."""
        return len(self._made) - self._made.count(None)

    def node(self, k: int) -> str:
        """Step ``k``'s node, without making its record."""
        return self._order[k]

    def is_leaf(self, k: int) -> bool:
        """Does step ``k`` pass nothing on (a leaf)?"""
        return k >= len(self._inputs)

    def sender_table(self) -> dict[str, list[int]]:
        """Who sent what to whom (node -> step * 2 + port, in the order
        added), filed when first asked: the press of Backward shows its
        start before any step has sent anything, and the app files it when
        idle after that first frame (~5 ms at 50,000 nodes)."""
        got = self._senders
        if got is None:
            with gc_paused():  # a list a node, no cycles
                got = self._senders = _senders(self._inputs)
        return got

    @property
    def senders_filed(self) -> bool:
        """Is :meth:`sender_table` made yet (tests, and the app's idle turn, ask)?"""
        return self._senders is not None

    def senders(self, node: str) -> list[tuple[int, int]]:
        """(step, port) of every contribution ``node`` received, in the
        order they were added."""
        return [(s >> 1, s & 1) for s in self.sender_table().get(node, ())]

    def received_count(self, node: str) -> int:
        """How many contributions ``node`` received in the whole pass."""
        return len(self.sender_table().get(node, ()))

    def amounts(self, node: str) -> list[float]:
        """What ``node`` received, in the order added (no records made)."""
        c = self.contributions
        return [c(s >> 1)[s & 1] for s in self.sender_table().get(node, ())]

    def grads(self) -> Mapping[str, float]:
        """Every finished gradient of the pass (node -> float), uncopied."""
        return MappingProxyType(self._grads)

    def final_grad(self, node: str) -> float:
        """``node``'s finished gradient (the sum of :meth:`amounts` from
        -0.0, as the pass added them; 1.0 for the root)."""
        return self._grads[node]

    def first_nonfinite(self, node: str) -> tuple[int, int, float, float] | None:
        """The first inf/nan contribution ``node`` received in the whole
        pass, as (step, port, amount, the sender's upstream); None if all
        are finite."""
        c, order, grads = self.contributions, self._order, self._grads
        for s in self.sender_table().get(node, ()):
            k, p = s >> 1, s & 1
            a = c(k)[p]
            if not isfinite(a):
                return k, p, a, grads[order[k]]
        return None

    def summed_nodes(self, limit: int | None = None) -> list[str]:
        """The nodes that received more than one contribution, in order (the
        first ``limit`` of them: the finished pass's sentence names six, and
        the first are near the root, not 50,000 nodes down)."""
        got = self.sender_table().get
        return list(islice((n for n in self._order if len(got(n, ())) > 1), limit))

    def leaf_nodes(self) -> list[str]:
        """The nodes of the steps that pass nothing on, in order."""
        return self._order[len(self._inputs) :]


class BackwardResult:
    """One pass: ``root``, ``order`` (node ids, each after all of its
    consumers), ``values`` (id -> float, None where incomplete), ``grads``
    and ``steps`` (:class:`GraphStep`, in order).

    ``grads`` (id -> float, 0.0 for the nodes the root does not depend on)
    is made when first read, from the graph's ids as they were: pressing
    Backward shows the pass's own gradients, and a table over every node of
    a 50,000-node graph cost ~5 ms of the press for the tools that read it."""

    __slots__ = ("root", "order", "values", "steps", "_grads", "_ids")
    #: How many whole-graph ``grads`` tables were made (tests count them).
    tables_made = 0

    def __init__(
        self,
        root: str,
        order: list,
        values: dict,
        grads: dict | None,
        steps: PassSteps,
        ids: list | None = None,
    ) -> None:
        self.root, self.order, self.values, self.steps = root, order, values, steps
        self._grads, self._ids = grads, ids  # (ids: every node's, in the graph's order, when grads is None)

    @property
    def grads(self) -> dict:
        got = self._grads
        if got is None:
            got = self._grads = dict.fromkeys(self._ids or (), 0.0)
            got.update(self.steps._grads)  # (a dict: updated in C)
            self._ids = None
            BackwardResult.tables_made += 1
        return got

    def __repr__(self) -> str:
        return f"BackwardResult(root={self.root!r}, {len(self.order)} steps)"


def backward(model: GraphModel, root: str | None = None) -> BackwardResult:
    """A fresh backward pass from the root (``root``, else the output, else
    the single sink); RootError or IncompleteGraphError if there is none."""
    root = model.resolve_root(root)
    inputs = model.input_table()
    attrs = model.attr_table()
    with gc_paused():  # many small tuples, no cycles (see engine.gc_paused)
        ins_of, leaves, complete = _past(root, inputs, attrs, model.forward_plan())
        if not complete:
            model.check_complete([*ins_of, *leaves])  # raises, naming the first empty port
        inner = model.topological_order(ins_of)  # inputs first: the Values' making order
        inner.reverse()  # latest made first
        # the model's values are the ones the rules make from its floats (a
        # leaf's value, a pow's exponent: it keeps them as floats), so they
        # are worked out again only if one is not a float or a batch is open
        settled = model.settled_values()  # (a copy: the result's values too, not copied again)
        vals: Mapping[str, Any] | None = settled
        got = None
        if vals is not None and all([type(vals[n]) is float for n in leaves]):
            got = _chain_rule(root, inner, leaves, ins_of, attrs, vals)  # None: an exponent not a float
        if got is None:
            vals = _forward([*leaves, *reversed(inner)], attrs, inputs)
            got = _chain_rule(root, inner, leaves, ins_of, attrs, vals, strict=False)
        assert got is not None
        grads, ins, ops, ks = got
        order = inner + leaves
        steps = PassSteps(order, ins, grads, ops, ks, vals)  # (who sent what: filed when asked)
        values = model.values() if settled is None else settled
        return BackwardResult(root, order, values, None, steps, list(attrs))  # (grads: made when read)


#: An operator's exponent not read yet (:func:`_past` read it from no plan).
_ASK = object()


def _past(
    root: str,
    inputs: Mapping[str, Sequence[str | None]],
    attrs: Mapping[str, Mapping[str, Any]],
    plan: Mapping[str, tuple | None],
) -> tuple[dict[str, tuple], list[str], bool]:
    """The root's past as ``engine._past`` walks it (depth first, inputs in
    port order): its operator nodes in the order met, each with its op, its
    inputs (a copy: the model's lists change with its wires) and its
    exponent (``_ASK``: not read), and its leaves in the order met; False if
    some port in it is empty. Each node is read from the forward pass's
    ``plan`` (a small tuple of just that) where it has an entry, else from
    its input list and attributes (a few dicts far apart in memory each).
    The root is read as any node: the walk starts from a list of it alone."""
    seen: set[str] = set()
    inner: dict[str, tuple] = {}
    leaves: list[str] = []
    stack: list[Sequence[str | None]] = [(root,)]
    push, pop, keep_leaf, mark, planned = stack.append, stack.pop, leaves.append, seen.add, plan.get
    complete = True
    while stack:
        for c in pop():
            if c is None:
                complete = False
            elif c not in seen:
                mark(c)
                got: Any = planned(c, _ASK)
                if got is _ASK:  # (the plan's entry, its exponent not read; None for a leaf)
                    ins = inputs[c]
                    got = (attrs[c]["op"], tuple(ins), _ASK) if ins else None
                if got is None:
                    keep_leaf(c)
                else:
                    inner[c] = got
                    push(got[1])
    return inner, leaves, complete


def _forward(topo: list[str], attrs, inputs) -> dict[str, float]:
    """Each node's value as ``build_values`` makes it (a leaf's value as a
    float, a pow's exponent as a float)."""
    vals: dict[str, float] = {}
    rules = FORWARD_RULES
    for n in topo:
        a = attrs[n]
        op = a["op"]
        if op == "leaf":
            vals[n] = float(a["value"])
            continue
        k = a.get("exponent")
        if op == "pow":
            k = float(k)  # a file's 2 is the model's 2.0
        vals[n] = rules[op](tuple([vals[s] for s in inputs[n]]), k)
    return vals


def _chain_rule(root, inner, leaves, ins_of, attrs, vals, strict=True):
    """Every gradient of the past, and per operator step its inputs (as
    ``ins_of`` has them: :func:`_past`'s copies) and its op, and the
    exponent of each node that goes through the op table and has one (a
    pow's as a float); ``strict``: None if a pow's exponent is not a float
    (the model's ``vals`` may then not be the ones ``_forward`` makes).

    A rule the table declares as what it passes each input (``ops.passes``:
    add, sub, mul and neg, most nodes; none is named here) is run as those
    parts, ``g``, ``-g`` or ``g`` times the other input, the rule's own
    products and negations (the same numbers; they read no gradient, so
    each is added as made), with no call and no tuple a node (a pass at
    50,000 nodes made 40,000 of each); such a rule takes no exponent, so
    only the others (called) read theirs. The inputs, the ops and each
    op's parts are copied by C loops before the one over the steps."""
    grad = dict.fromkeys(inner, -0.0)
    grad.update(dict.fromkeys(leaves, -0.0))
    grad[root] = 1.0
    rule = GRAD_RULES
    entries = list(map(ins_of.__getitem__, inner))
    ins_all = list(map(_INS, entries))
    ops = list(map(_OP_OF, entries))
    # per op, what its rule passes each input (one input: (part, None)); (None, None): its rule is
    # called, as is one declared with another number of parts than its op has inputs (review 62 #5:
    # add declared with one part would drop b's)
    plan = {
        name: ((*got, None) if len(got) == 1 else got)
        if (got := passes_of(r)) and len(got) == arity(name)
        else (None, None)
        for name, r in rule.items()
    }
    parts_all = list(map(plan.__getitem__, ops))
    ks: dict[str, Any] = {}
    up, times = UPSTREAM, TIMES_OTHER
    for v, ins, e, (p, q) in zip(inner, ins_all, entries, parts_all):
        g = grad[v]
        if q is not None:  # two inputs, each passed a part
            x, y = ins
            grad[x] += g * vals[y] if p is times else g if p is up else -g
            grad[y] += g * vals[x] if q is times else g if q is up else -g
            continue
        if p is not None:  # one input
            grad[ins[0]] += g if p is up else -g
            continue
        op, _, k = e
        if k is _ASK:
            k = attrs[v].get("exponent")
        if k is not None:
            if op == "pow" and type(k) is not float:
                if strict:
                    return None
                k = float(k)  # a file's 2 is the model's 2.0
            ks[v] = k
        if len(ins) == 2:
            x, y = ins
            cx, cy = rule[op]((vals[x], vals[y]), vals[v], k, g)
            grad[x] += cx
            grad[y] += cy
        else:
            (x,) = ins
            grad[x] += rule[op]((vals[x],), vals[v], k, g)[0]
    return grad, ins_all, ops, ks


def _senders(ins_all: list[tuple]) -> dict[str, list[int]]:
    """Who sent what to whom: node -> step * 2 + port, in the order added."""
    senders: dict[str, list[int]] = {}
    got = senders.get
    s = 0
    for ins in ins_all:
        for a in ins:
            to = got(a)
            if to is None:
                senders[a] = [s]
            else:
                to.append(s)
            s += 1
        if len(ins) == 1:
            s += 1
    return senders
