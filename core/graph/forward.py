"""Forward values: every node evaluated in order (inputs first), with the
reason a node has no value, and where an inf/nan came from.

:class:`core.graph.model.GraphModel` keeps the values in two dicts (id ->
value, id -> reason) and calls these functions after each edit, on the nodes
downstream of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, cast

from core.autograd import ops
from core.autograd.floats import MINUS, fmt, same_float
from core.graph.errors import IncompleteGraphError


class Changes(set):
    """The ids whose value or reason changed (a set, as ``values_changed``
    tells them), and of those the ``turned``: whose value went to or from
    None or inf/nan (a card's flag turns: its wires and block change colour).
    A listener of 36,000 new values then asks no card whether its flag turned."""

    __slots__ = ("turned",)

    def __init__(self, ids: Iterable[str] = (), turned: set[str] | None = None) -> None:
        super().__init__(ids)
        #: None: not known (the nodes are new: none had a flag to turn from).
        self.turned = turned


#: A node the plan has no entry for yet (None is a leaf's entry).
_UNPLANNED = ()


def evaluate(
    order: list,
    nodes: Mapping[str, dict[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    values: dict[str, float | None],
    reasons: dict[str, str | None],
    label: Callable[[str], str],
    fresh: bool = False,
    plan: dict[str, tuple | None] | None = None,
    starts: Collection[str] | None = None,
) -> set[str]:
    """Evaluate ``order`` (inputs first) into ``values`` and ``reasons``; the
    ids whose value or reason changed (``fresh``: the nodes are new, so all).
    ``plan``: what to read of each node, (op, its inputs, its exponent) or
    None for a leaf, kept by the caller until the node's wiring or exponent
    changes; a node without an entry is read from ``nodes`` and ``inputs``
    and gets one. ``starts``: evaluate only these and the nodes of ``order``
    with an input whose value or reason changed in this pass (the others
    keep the values their inputs gave them), so ``order`` may hold nodes
    the edit does not reach (a sweep of the whole order from ``starts``:
    cheaper than walking a cone of most of the graph, then sorting it);
    None: every node of ``order``.

    An edit feeding most of a 50,000-node graph runs this over every node it
    feeds, so the loop keeps to what each node needs: its plan, one lookup
    of its inputs' values, its rule (for add, sub, mul and neg the function
    of floats the op table offers, ``operator.add``...: no tuple made), a
    change told from the old value with ``==`` first (:func:`same_float`
    only when that cannot tell)."""
    turned: set[str] = set()
    changed = Changes(order) if fresh else Changes((), turned)
    add, turn, untouched = changed.add, turned.add, changed.isdisjoint
    every = starts is None
    rules = ops.OPS
    # each rule that is a function of the input floats (as the table is now: a test's counting rule is not)
    floats = {name: rule.of_floats for name, rule in rules.items()}
    vget, rget = values.get, reasons.get
    plan = {} if plan is None else plan
    planned = plan.get
    for n in order:
        p = planned(n, _UNPLANNED)
        if p is _UNPLANNED:
            p = plan[n] = _entry(nodes[n], inputs[n])
        if p is None:
            if not (every or n in starts):  # type: ignore[operator]
                continue
            old = vget(n)
            val = nodes[n]["value"]
        else:
            op, ins, k = p
            if untouched(ins) and not (every or n in starts):  # type: ignore[operator]
                continue
            old = vget(n)
            f = floats[op]  # (add: operator.add, no tuple made; None: the rule's own call)
            if len(ins) == 2:
                a: Any = vget(ins[0])  # (an empty port, None, has no value either)
                b: Any = vget(ins[1])
                missing = a is None or b is None
                if missing:
                    pass
                elif f is not None:
                    val = f(a, b)
                else:
                    val = rules[op].forward((a, b), k)  # type: ignore[misc]
            else:
                xs = tuple(map(vget, ins))
                missing = None in xs
                if missing:
                    pass
                elif f is not None:
                    val = f(*xs)
                else:
                    val = rules[op].forward(xs, k)  # type: ignore[misc]
            if missing:
                why = _why_none(n, op, ins, values, reasons, label)
                if why != rget(n):
                    add(n)
                values[n], reasons[n] = None, why
                if old is not None:
                    add(n)
                    turn(n)
                continue
        values[n] = val
        if rget(n) is not None:
            add(n)
        reasons[n] = None
        if val != old:  # (a number for None, or another number; nan for anything)
            if val == val or old == old:  # (not nan for nan)
                add(n)
                # (x - x is 0.0 for a finite x, nan for inf or nan)
                if old is None or (old - old == 0.0) != (val - val == 0.0):
                    turn(n)
        elif val == 0.0 and not same_float(val, old):  # -0.0 for 0.0
            add(n)
    return changed


def plan_of(
    order: Sequence[str], nodes: Mapping[str, Mapping[str, Any]], inputs: Mapping[str, Sequence[str | None]]
) -> dict[str, tuple | None]:
    """The plan :func:`evaluate` reads (each node's op, inputs and exponent;
    None for a leaf) for every node of ``order``, made in one pass: a file
    opened with its values worked out already (core/files/opening.py) is not
    evaluated, and its first edit would make each entry on the way."""
    return {n: _entry(nodes[n], inputs[n]) for n in order}


def _entry(a: Mapping[str, Any], ins: Sequence[str | None]) -> tuple | None:
    """What the pass reads of a node with attributes ``a`` and inputs ``ins``."""
    return None if a["op"] == "leaf" else (a["op"], tuple(ins), a.get("exponent"))


def _why_none(
    n: str,
    op: str,
    ins: Sequence[str | None],
    values: Mapping[str, float | None],
    reasons: Mapping[str, str | None],
    label: Callable[[str], str],
) -> str | None:
    """Why ``n`` has no value: its first empty port, or the reason of its
    first input without a value."""
    for p, s in enumerate(ins):
        if s is None:
            # (its port as its card names it)
            return f"input {ops.OPS[op].ports[p]} of {label(n)!r} is not connected"
        if values.get(s) is None:
            return reasons.get(s)
    return None


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
                f"node {n!r} ({op}) has nothing connected to input port {p} ({ops.OPS[op].ports[p]})",
                node=n,
                port=p,
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
        if bad is not None and vals[seen] != vals[seen] and _nan_made(srcs, vals):
            found = _met(seen, srcs, nodes, inputs, values, label, memo)
            break
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


def _nan_made(srcs: Sequence[str], vals: Mapping[str, float]) -> bool:
    """Whether a node whose value is nan made it from an infinity, no input nan:
    infinities meeting (inf + (−inf), inf/inf) or one meeting a 0 (inf × 0). Its
    nan is made there, and the inputs' causes are only part of why (trial 69:
    −inf × 0 named the −inf's cause alone, as if the product were −inf)."""
    infs = [s for s in srcs if not math.isfinite(vals[s])]
    return bool(infs) and all(vals[s] == vals[s] for s in infs)


def _met(
    node: str,
    srcs: Sequence[str],
    nodes: Mapping[str, Mapping[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    values: Mapping[str, float | None],
    label: Callable[[str], str],
    memo: dict[str, str | None],
) -> str:
    """The nan of ``node`` made from an infinity (:func:`_nan_made`), with
    what met there and where each infinity came from (trial 69 #11: p = s*s +
    1/t named the overflow only, not the −inf of 1/t): "inf + (−inf) at 'p':
    mul overflowed … at 's*s', and division by zero at '1/t'"; "−inf × 0 at
    'p': log of zero at 'a'". Each input's origin is asked with the same
    ``memo``: its walk made once."""
    vals = cast(Mapping[str, float], values)
    op = nodes[node]["op"]
    xs = [fmt(vals[s]) for s in srcs]
    sym = ops.OPS[op].symbol if op in ("add", "sub", "mul", "div") else ""
    made = f" {sym} ".join(f"({x})" if x.startswith(MINUS) else x for x in xs)
    made = made if sym else f"{op} of {', '.join(xs)}"
    why = [
        w
        for s in dict.fromkeys(srcs)
        if not math.isfinite(vals[s]) and (w := nonfinite_origin(s, nodes, inputs, values, label, memo))
    ]
    return f"{made} at {label(node)!r}" + (f": {', and '.join(dict.fromkeys(why))}" if why else "")
