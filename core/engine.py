"""A micrograd-style scalar autograd engine, IEEE-754 safe and observable.

Differences from micrograd, each for a reason:
- ``backward()`` zeroes every gradient first, so a second call gives the
  same numbers instead of doubled ones;
- the topological order is built without recursion (a 100,000-node chain
  works);
- the pass is recorded as a list of :class:`Step` so the canvas can replay it;
- the gradient rules are the op table's (``core.ops``), which match PyTorch.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from .ops import OPS


class Value:
    """A scalar in a computation graph, with its gradient."""

    __slots__ = ("data", "grad", "_prev", "_op", "_k", "label")

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "",
                 _k: float | None = None):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)  # in port order; may repeat (a*a)
        self._op = _op or "leaf"
        self._k = _k
        self.label = label

    def __repr__(self) -> str:
        name = f"{self.label}, " if self.label else ""
        return f"Value({name}data={self.data!r}, grad={self.grad!r})"

    # -------------------------------------------------------------- building
    @classmethod
    def apply(cls, op: str, inputs: tuple, exponent: float | None = None,
              label: str = "") -> "Value":
        """The node ``op(inputs)``; the one way every operator is built."""
        spec = OPS[op]
        out = cls(spec.forward(tuple(v.data for v in inputs), exponent), inputs, op, label, exponent)
        return out

    def _backward(self) -> tuple:
        """Add this node's contribution to each input's gradient (``+=``, so a
        node used twice gets both) and return the contributions."""
        prev = self._prev
        if not prev:
            return ()
        contribs = OPS[self._op].grad(tuple(v.data for v in prev), self.data, self._k, self.grad)
        for child, c in zip(prev, contribs):
            child.grad += c
        return contribs

    def local_derivatives(self) -> tuple:
        """d(self)/d(input) for each input, in port order."""
        if not self._prev:
            return ()
        return OPS[self._op].local(tuple(v.data for v in self._prev), self.data, self._k)

    # ------------------------------------------------------------ operators
    def __add__(self, other): return Value.apply("add", (self, _lift(other)))
    def __radd__(self, other): return Value.apply("add", (_lift(other), self))
    def __sub__(self, other): return Value.apply("sub", (self, _lift(other)))
    def __rsub__(self, other): return Value.apply("sub", (_lift(other), self))
    def __mul__(self, other): return Value.apply("mul", (self, _lift(other)))
    def __rmul__(self, other): return Value.apply("mul", (_lift(other), self))
    def __truediv__(self, other): return Value.apply("div", (self, _lift(other)))
    def __rtruediv__(self, other): return Value.apply("div", (_lift(other), self))
    def __neg__(self): return Value.apply("neg", (self,))

    def __pow__(self, k):
        if isinstance(k, Value) or not isinstance(k, (int, float)):
            raise TypeError("only int/float exponents are supported")
        return Value.apply("pow", (self,), float(k))

    def exp(self) -> "Value": return Value.apply("exp", (self,))
    def log(self) -> "Value": return Value.apply("log", (self,))
    def tanh(self) -> "Value": return Value.apply("tanh", (self,))
    def relu(self) -> "Value": return Value.apply("relu", (self,))
    def sigmoid(self) -> "Value": return Value.apply("sigmoid", (self,))

    # -------------------------------------------------------------- backward
    def backward(self) -> list["Step"]:
        """Fresh backward pass from this node; returns the steps in order."""
        order = topological_order(self)
        for v in order:
            v.grad = 0.0
        self.grad = 1.0
        steps = []
        append = steps.append
        for v in order:
            append(Step(v, v.grad, v._backward()))
        return steps


def _lift(x) -> Value:
    return x if isinstance(x, Value) else Value(x)


class Step(NamedTuple):
    """One application of the chain rule: ``node`` passes ``upstream`` (its
    finished gradient) to each input as ``local x upstream``."""

    node: Value
    upstream: float
    contributions: tuple  # one per input port, in port order

    @property
    def inputs(self) -> tuple:
        return self.node._prev

    @property
    def locals(self) -> tuple:
        return self.node.local_derivatives()


def topological_order(root: Value) -> list[Value]:
    """Root and everything it depends on, each node after all its consumers.

    Kahn's algorithm on the reachable subgraph: iterative, so depth is no
    limit, and each input is released only once every use has been counted.
    """
    pending: dict[int, int] = {id(root): 0}  # consumers not yet emitted
    stack = [root]
    while stack:
        v = stack.pop()
        for c in v._prev:
            key = id(c)
            n = pending.get(key)
            if n is None:
                pending[key] = 1
                stack.append(c)
            else:
                pending[key] = n + 1
    order = []
    ready = [root]
    while ready:
        v = ready.pop()
        order.append(v)
        for c in v._prev:
            key = id(c)
            n = pending[key] - 1
            pending[key] = n
            if n == 0:
                ready.append(c)
    return order


def leaves(nodes: Iterable[Value]) -> list[Value]:
    return [v for v in nodes if not v._prev]
