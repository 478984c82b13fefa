"""Forward values: every node evaluated in order (inputs first), with the
reason a node has no value, and where an inf/nan came from.

:class:`core.graph.model.GraphModel` keeps the values in two dicts (id ->
value, id -> reason) and calls these functions after each edit, on the nodes
downstream of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from core.autograd import ops
from core.autograd.floats import same_float
from core.graph.errors import IncompleteGraphError


def evaluate(
    order: list,
    nodes: Mapping[str, dict[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    values: dict[str, float | None],
    reasons: dict[str, str | None],
    label: Callable[[str], str],
    fresh: bool = False,
) -> set[str]:
    """Evaluate ``order`` (inputs first) into ``values`` and ``reasons``; the
    ids whose value or reason changed (``fresh``: the nodes are new, so all)."""
    changed = set(order) if fresh else set()
    evaluate_op = ops.evaluate
    for n in order:
        a = nodes[n]
        op = a["op"]
        if not fresh:
            old_val, old_why = values.get(n), reasons.get(n)
        if op == "leaf":
            val, why = a["value"], None
        else:
            val, why = None, None
            xs = []
            for p, s in enumerate(inputs[n]):
                if s is None:
                    # (its port as its card names it)
                    why = f"input {ops.OPS[op].ports[p]} of {label(n)!r} is not connected"
                    break
                x = values.get(s)
                if x is None:
                    why = reasons.get(s)
                    break
                xs.append(x)
            else:
                val = evaluate_op(op, tuple(xs), a.get("exponent"))
        values[n], reasons[n] = val, why
        if not fresh and (old_why != why or not same_float(old_val, val)):
            changed.add(n)
    return changed


def check_complete(
    order: Sequence[str], nodes: Mapping[str, Mapping[str, Any]], inputs: Mapping[str, Sequence[str | None]]
) -> None:
    """IncompleteGraphError naming the first node of ``order`` with an empty
    port, and the port."""
    for n in order:
        ins = inputs[n]
        if None in ins:
            p = ins.index(None)
            op = nodes[n]["op"]
            raise IncompleteGraphError(
                f"node {n!r} ({op}) has nothing connected to input port {p} ({ops.OPS[op].ports[p]})"
            )


def nonfinite_origin(
    node_id: str,
    nodes: Mapping[str, Mapping[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    values: Mapping[str, float | None],
    label: Callable[[str], str],
    memo: dict[str, str | None] | None = None,
) -> str | None:
    """Where ``node_id``'s inf/nan came from, e.g. 'log of a negative number
    at e'; None if its value is finite or missing. ``memo`` (kept by the
    caller while the values stay the same) remembers the answer for every
    node walked, so asking for each node of a long chain of infs is linear.

    The walk goes up each node's first inf/nan input; only the node where
    it stops (all its inputs finite: its own op made the inf/nan) is asked
    why (``ops.explain_nonfinite``, which has nothing to say of a node that
    inherits one): a chain of thousands of infs costs one explanation."""
    v = values.get(node_id)
    if v is None or math.isfinite(v):
        return None
    memo = {} if memo is None else memo
    isfinite = math.isfinite
    vals = cast(Mapping[str, float], values)  # (the inputs of a node with a value have values)
    seen = node_id
    path = []
    found = None
    while seen not in memo:
        path.append(seen)
        # ``seen`` has a value, so it has all its inputs and they have values too
        srcs = cast(Sequence[str], inputs[seen])
        bad = next((s for s in srcs if not isfinite(vals[s])), None)
        if bad is not None:  # inherited: explain_nonfinite would say nothing
            seen = bad
            continue
        a = nodes[seen]
        why = ops.explain_nonfinite(a["op"], tuple([vals[s] for s in srcs]), a.get("exponent"), vals[seen])
        if why is not None:
            found = f"{why} at {label(seen)!r}"
        break
    else:
        found = memo[seen]
    for n in path:
        memo[n] = found
    return found
