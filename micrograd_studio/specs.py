"""What the readers of Python objects share (micrograd_studio/convert.py,
micrograd_studio/torch_graph.py): the node records, the refusal, the walk."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from core.graph.errors import GraphError

#: What the op table has, said in the refusals.
SUPPORTED = "add, sub, mul, div, neg, pow by a number, exp, log, tanh, relu, sigmoid"


class BridgeError(GraphError):
    """An object whose graph cannot come across, with the reason."""


@dataclass
class Spec:
    """One node: ``inputs`` are indices of earlier specs, in port order."""

    op: str
    inputs: tuple[int, ...] = ()
    value: float | None = None  # a leaf's
    exponent: float | None = None  # a pow's
    label: str | None = None
    grad: float | None = None
    trainable: bool = True


def finite_or_refuse(v: float, what: str) -> float:
    if not math.isfinite(v):
        raise BridgeError(f"{what} is {v!r}; a graph's leaves must be finite numbers")
    return v


def post_order(roots: Iterable[Any], children: Callable[[Any], list]) -> list:
    """Every object reachable from ``roots``, each after its children
    (iterative: a graph may be deeper than Python's recursion limit)."""
    seen: set[int] = set()
    out = []
    for root in roots:
        stack = [(root, False)]
        while stack:
            v, done = stack.pop()
            if done:
                out.append(v)
                continue
            if id(v) in seen:
                continue
            seen.add(id(v))
            stack.append((v, True))
            stack.extend((c, False) for c in reversed(children(v)) if id(c) not in seen)
    return out
