"""A micrograd-style scalar autograd engine, IEEE-754 safe and observable.

Differences from micrograd, each for a reason:
- ``backward()`` zeroes every gradient first, so a second call gives the
  same numbers instead of doubled ones;
- the order is found without recursion (a 100,000-node chain works);
- the pass is recorded as a list of :class:`Step` so the canvas can replay it;
- the gradient rules are the op table's (``core.autograd.ops``), which match PyTorch.

Like PyTorch's autograd engine, backward runs the operator nodes in reverse
creation order (a valid reverse topological order, since a node is always
made after its inputs), so when a node feeds three or more consumers its
gradient is summed in the same order as PyTorch sums it: bit for bit the
same result. The leaves come last, as the walk met them.

Nodes hold no closures (the rule is looked up by op name), so a graph has no
reference cycles and the garbage collector has little to do while building.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import NamedTuple

from core.autograd.ops import FORWARD_RULES, GRAD_GRAPH, GRAD_RULES, OPS

#: op name -> gradient rule ``grad(inputs, out, k, upstream) -> contributions``
#: (the op table's own dicts: a custom operator added there runs here too)
_GRAD = GRAD_RULES
_FORWARD = FORWARD_RULES
_seq = itertools.count()
_by_seq = attrgetter("_seq")
_get_grad = attrgetter("grad")
_new = object.__new__


class Value:
    """A scalar in a computation graph, with its gradient."""

    __slots__ = ("data", "grad", "_prev", "_op", "_k", "label", "_seq", "_mark")

    def __init__(
        self, data: float, _children: tuple = (), _op: str = "", label: str = "", _k: float | None = None
    ) -> None:
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)  # in port order; may repeat (a*a)
        self._op = _op or "leaf"
        self._k = _k
        self.label = label
        self._seq = next(_seq)  # creation order; backward runs it in reverse
        self._mark: object = None  # which backward pass last visited the node

    def __repr__(self) -> str:
        name = f"{self.label}, " if self.label else ""
        return f"Value({name}data={self.data!r}, grad={self.grad!r})"

    def _repr_svg_(self) -> str:
        """The graph behind this value, drawn as the app's cards (Jupyter shows
        it when a cell ends with the value, like micrograd's ``draw_dot``)."""
        from core.autograd import picture  # only for Jupyter's picture

        return picture.svg(picture.value_cards(self), f"graph of {self.label or 'a Value'}")

    # -------------------------------------------------------------- building
    @classmethod
    def apply(cls, op: str, inputs: tuple, exponent: float | None = None, label: str = "") -> Value:
        """The node ``op(inputs)``; every operator is built this way."""
        inputs = tuple(inputs)
        return _node(
            cls, _FORWARD[op](tuple([v.data for v in inputs]), exponent), inputs, op, exponent, label
        )

    @property
    def op(self) -> str:
        """The operator's name in the op table ("leaf" for a leaf)."""
        return self._op

    @property
    def exponent(self) -> float | None:
        """A pow node's exponent (None for other ops)."""
        return self._k

    @property
    def inputs(self) -> tuple[Value, ...]:
        """The node's inputs, in port order (micrograd's ``_prev``)."""
        return self._prev

    def contributions(self, upstream: float) -> tuple:
        """What this node adds to each input's gradient when its own is
        ``upstream``: the chain rule with PyTorch's formulas (() for a leaf)."""
        if not self._prev:
            return ()
        return OPS[self._op].grad(tuple([v.data for v in self._prev]), self.data, self._k, upstream)  # type: ignore[misc]  # _prev: not a leaf

    def recompute(self) -> None:
        """Set ``data`` from the inputs' data again (after a leaf changed)."""
        if self._prev:
            self.data = OPS[self._op].forward(tuple([v.data for v in self._prev]), self._k)  # type: ignore[misc]  # _prev: not a leaf

    def local_derivatives(self) -> tuple:
        """d(self)/d(input) for each input, in port order."""
        if not self._prev:
            return ()
        return OPS[self._op].local(tuple([v.data for v in self._prev]), self.data, self._k)  # type: ignore[misc]  # _prev: not a leaf

    # ------------------------------------------------------------ operators
    # Spelled out (not via ``apply``) because building is the hot path; the
    # values still come from the op table's forward rules.
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return _node(Value, _add((self.data, other.data), None), (self, other), "add", None, "")

    def __radd__(self, other):
        other = Value(other)
        return _node(Value, _add((other.data, self.data), None), (other, self), "add", None, "")

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return _node(Value, _sub((self.data, other.data), None), (self, other), "sub", None, "")

    def __rsub__(self, other):
        other = Value(other)
        return _node(Value, _sub((other.data, self.data), None), (other, self), "sub", None, "")

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return _node(Value, _mul((self.data, other.data), None), (self, other), "mul", None, "")

    def __rmul__(self, other):
        other = Value(other)
        return _node(Value, _mul((other.data, self.data), None), (other, self), "mul", None, "")

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return _node(Value, _div((self.data, other.data), None), (self, other), "div", None, "")

    def __rtruediv__(self, other):
        other = Value(other)
        return _node(Value, _div((other.data, self.data), None), (other, self), "div", None, "")

    def __neg__(self):
        return _node(Value, _neg((self.data,), None), (self,), "neg", None, "")

    def __pow__(self, k):
        if isinstance(k, Value) or not isinstance(k, (int, float)) or isinstance(k, bool):
            raise TypeError("only int/float exponents are supported (a ** 2, not a ** b)")
        k = float(k)
        return _node(Value, _pow((self.data,), k), (self,), "pow", k, "")

    def exp(self) -> Value:
        return _node(Value, _exp((self.data,), None), (self,), "exp", None, "")

    def log(self) -> Value:
        return _node(Value, _log((self.data,), None), (self,), "log", None, "")

    def tanh(self) -> Value:
        return _node(Value, _tanh((self.data,), None), (self,), "tanh", None, "")

    def relu(self) -> Value:
        return _node(Value, _relu((self.data,), None), (self,), "relu", None, "")

    def sigmoid(self) -> Value:
        return _node(Value, _sigmoid((self.data,), None), (self,), "sigmoid", None, "")

    # -------------------------------------------------------------- backward
    def backward(self, create_graph: bool = False) -> Steps:
        """Fresh backward pass from this node; returns the steps in order.

        Every gradient in the graph is first reset (to -0.0, which adds as an
        exact zero, so a lone contribution of -0.0 keeps its sign as in
        PyTorch), then the root's is set to 1 and each node, after all of its
        consumers, adds ``local x upstream`` to each input's gradient.

        With ``create_graph`` (as PyTorch's) every ``.grad`` in the past
        becomes a ``Value`` with its own graph (see :func:`grad_graph`), equal
        to the float it would have been; ``x.grad.backward()`` then gives
        second derivatives (it resets the floats it reaches, ``x.grad``
        included, so keep the Values first, or use :func:`grad`).
        """
        if create_graph:
            return _backward_graph(self)
        # The pass allocates a tuple per node and never a reference cycle, so
        # the cycle collector is paused meanwhile: otherwise every few
        # hundred tuples it would walk the whole (live) graph for nothing.
        with gc_paused():
            inner, leaves = _past(self, True)
            self.grad = 1.0
            grad = _GRAD
            contribs: list[tuple] = []
            record = contribs.append
            for v in inner:
                prev = v._prev
                if len(prev) == 2:
                    a, b = prev
                    c = grad[v._op]((a.data, b.data), v.data, v._k, v.grad)
                    ca, cb = c
                    a.grad += ca
                    b.grad += cb
                else:
                    (a,) = prev
                    c = grad[v._op]((a.data,), v.data, v._k, v.grad)
                    a.grad += c[0]
                record(c)
            contribs += [()] * len(leaves)
            order = inner + leaves
            # A node's gradient is final once it has run (only its inputs
            # change after that), so each step's upstream is read at the end.
            return Steps(order, list(map(_get_grad, order)), contribs)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector for a bulk build or pass over a big graph.

    Such work allocates many long-lived objects and (here) no reference
    cycles, so the collector would only walk the growing heap again and
    again; it is re-enabled afterwards (if it was on), even on an error."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _node(cls, data: float, prev: tuple, op: str, k, label: str) -> Value:
    """A new node without ``__init__``'s conversions (inputs are Values and
    ``data`` is already a float)."""
    v = _new(cls)
    v.data = data
    v.grad = 0.0
    v._prev = prev
    v._op = op
    v._k = k
    v.label = label
    v._seq = next(_seq)
    v._mark = None
    return v


_add, _sub, _mul, _div, _neg, _pow, _exp, _log, _tanh, _relu, _sigmoid = (
    _FORWARD[n] for n in ("add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid")
)


class Step(NamedTuple):
    """One application of the chain rule: ``node`` passes ``upstream`` (its
    finished gradient) to each input as ``local x upstream``.

    ``contributions`` are computed with PyTorch's formulas (``upstream / a``
    for log, ``upstream * (1 - y) * y`` for sigmoid), so for log, div and
    sigmoid they may differ from ``locals[i] * upstream`` in the last bit;
    the contributions are what was added to the gradients."""

    node: Value
    upstream: float
    contributions: tuple  # one per input port, in port order

    @property
    def inputs(self) -> tuple:
        return self.node._prev

    @property
    def locals(self) -> tuple:
        return self.node.local_derivatives()


class Steps(Sequence):
    """The steps of one backward pass, in order: a read-only list of
    :class:`Step`. The pass records three flat lists; a ``Step`` is built
    when it is read, which keeps recording nearly free on big graphs."""

    __slots__ = ("_nodes", "_ups", "_contribs")

    def __init__(self, nodes: list, upstreams: list, contributions: list) -> None:
        self._nodes, self._ups, self._contribs = nodes, upstreams, contributions

    def __len__(self) -> int:
        return len(self._nodes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(map(Step, self._nodes[i], self._ups[i], self._contribs[i]))
        return Step(self._nodes[i], self._ups[i], self._contribs[i])

    def __iter__(self):
        return map(Step, self._nodes, self._ups, self._contribs)

    def __eq__(self, other) -> bool:
        if isinstance(other, (Steps, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return f"<Steps: {len(self)} steps from {self._nodes[0]!r}>" if self._nodes else "<Steps: none>"

    @property
    def nodes(self) -> list[Value]:
        """The nodes in the order the chain rule ran (a copy)."""
        return list(self._nodes)

    @property
    def upstreams(self) -> Sequence[float]:
        """Each step's finished gradient, in order (read-only)."""
        return tuple(self._ups)

    @property
    def contributions(self) -> Sequence[tuple]:
        """Each step's contributions per input port, in order (read-only)."""
        return tuple(self._contribs)


def _past(root: Value, reset: bool) -> tuple[list, list]:
    """The root's past split in two: the operator nodes latest-made first,
    then the leaves in the order the walk met them (a leaf passes nothing
    on, so its place after every operator is as good as any). With
    ``reset`` every gradient is set to -0.0 on the way (see
    :meth:`Value.backward`)."""
    if not root._prev:
        if reset:
            root.grad = -0.0
        return [], [root]
    mark = object()  # unique to this walk: no stale flags to clear
    root._mark = mark
    inner = [root]
    leaves: list[Value] = []
    stack = [root]
    pop = stack.pop
    push = stack.append
    keep = inner.append
    keep_leaf = leaves.append
    if reset:
        root.grad = -0.0
    while stack:  # depth-first: the list comes out nearly sorted already
        for c in pop()._prev:
            if c._mark is not mark:
                c._mark = mark
                if reset:
                    c.grad = -0.0
                if c._prev:
                    keep(c)
                    push(c)
                else:
                    keep_leaf(c)
    inner.sort(key=_by_seq, reverse=True)
    return inner, leaves


def grad_graph(root: Value) -> dict[Value, Value]:
    """d root / d node for the root and every node in its past, each as a
    ``Value`` built with the op table's symbolic rules (``ops.GRAD_GRAPH``):
    the backward pass written down as a graph (reverse over reverse gives the
    Hessian). Contributions are summed in backward's order, so each value
    equals the gradient :meth:`Value.backward` computes (tanh: within an ulp).
    The gradients leave ``.grad`` alone."""
    return _grad_graph(root)[0]


def grad(root: Value, wrt: Sequence[Value], create_graph: bool = False) -> list:
    """d root / d w for each of ``wrt``, as ``torch.autograd.grad``: ``.grad``
    is left alone; with ``create_graph`` each is a ``Value`` (a constant 0
    leaf where the root does not depend on w), else a float."""
    acc = grad_graph(root)
    out = [acc.get(w) or _const(0.0) for w in wrt]
    return out if create_graph else [v.data for v in out]


def by_creation(values: Iterable[Value]) -> list[Value]:
    """``values`` in the order they were made: inputs before consumers."""
    return sorted(values, key=_by_seq)


def _const(x: float) -> Value:
    return Value(x, label=f"{x:g}")


def grad_graph_sums(root: Value) -> tuple[dict[Value, Value], dict[Value, tuple[Value, int]]]:
    """:func:`grad_graph`, and each sum backward's ``+=`` made on the way:
    the node whose gradient it adds up and how many contributions it holds
    (the last sum of a node's is its gradient: so many as it has)."""
    sums: dict[Value, tuple[Value, int]] = {}
    return _grad_graph(root, sums)[0], sums


def _grad_graph(
    root: Value, sums: dict[Value, tuple[Value, int]] | None = None
) -> tuple[dict[Value, Value], list, list]:
    inner, leaves = _past(root, False)
    acc = {root: _const(1.0)}
    made: list[tuple] = []
    rule = GRAD_GRAPH
    for v in inner:
        cs = rule[v._op](v._prev, v, v._k, acc[v], _const)
        for x, c in zip(v._prev, cs):
            have = acc.get(x)
            acc[x] = c if have is None else have + c  # backward's += as a node
            if sums is not None and have is not None:
                sums[acc[x]] = (x, sums[have][1] + 1 if have in sums else 2)
        made.append(cs)
    return acc, inner + leaves, made


def _backward_graph(root: Value) -> Steps:
    acc, order, made = _grad_graph(root)
    for v in order:
        v.grad = acc[v]  # create_graph: a Value, as in PyTorch
    made += [()] * (len(order) - len(made))
    return Steps(order, [acc[v].data for v in order], [tuple(c.data for c in cs) for cs in made])


def topological_order(root: Value) -> list[Value]:
    """Root and everything it depends on, each node after all its consumers,
    in the order backward uses (operators latest-made first, then leaves).
    Iterative, so depth is no limit. Unlike backward it leaves the
    gradients alone."""
    inner, leaves = _past(root, False)
    return inner + leaves
