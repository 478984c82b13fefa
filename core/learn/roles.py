"""Which leaves Train moves, which of them look like data, and marking leaves as data.

A leaf's role is its ``"trainable"`` attribute (core/learn/training.py): a
parameter unless marked ``false``. A Value made by hand, by the formula bar or
by ``import`` is a parameter, so a hand-built model's inputs and targets are
moved by Train unless marked; a trial's logistic regression "learned" its
labels (y1 went from 1 to 0.65). Two plain rules say which moved leaves look
like data, so the Train panel and ``train`` can warn before a run:

- a *target*: every wire out of the leaf goes into a subtraction whose other
  side is a computed node that depends on another parameter (a prediction),
  and whose difference goes on into a loss: squared (``**2``, or times
  itself) or made absolute, as y in ``((w*x + b) - y)**2``. A bias
  subtracted inside a prediction (``w*x - b``, then compared with y) is no
  target: its difference goes on into more arithmetic, not a loss;
- an *input*: its label is a data name: x, y, xs, ys, input, target, label or
  data, with an optional number or index (x1, y_2, x[3], target1).

The Insert MLP template's inputs and targets are already marked, so it draws
no warning. Nothing here blocks a run: the warning names the leaves.

Both rules run whenever the Train panel's list is read again (after each
structural, label or role edit) and before every ``train``, so they cost one
pass over the graph: which parameters a prediction depends on is worked out
once a node (at most two of them kept: "another than this leaf" needs no more).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.graph.errors import GraphError
from core.learn.training import TRAINABLE, parameters

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: A label that names data rather than a weight: x, y, xs, ys, input, target,
#: label, data, optionally followed by a number or an index (x1, y_2, x[3], x1[2]).
DATA_NAME = re.compile(r"(x|y|xs|ys|inputs?|targets?|labels?|data)(_?\d+)?(\[\d+\])*", re.IGNORECASE)
#: How many names a list shows before "and N more".
SHOWN = 8


@dataclass
class Moves:
    """What a training run of ``root`` moves, and which of those look like data."""

    root: str
    params: list[str]  # inputs-first order
    targets: list[str] = field(default_factory=list)  # subtracted from a prediction
    inputs: list[str] = field(default_factory=list)  # data names (and not targets)

    @property
    def data_like(self) -> list[str]:
        """The leaves that look like data, in the parameters' order."""
        flagged = set(self.targets) | set(self.inputs)
        return [p for p in self.params if p in flagged]


def moves(model: GraphModel, root: str | None = None) -> Moves:
    """The parameters a run on ``root`` moves and which of them look like data.
    Raises GraphError (no single root) as training would."""
    root = model.resolve_root(root)
    params = parameters(model, root)
    pset = set(params)
    table = model.input_table()
    uses: dict[str, list[tuple[str, int]]] = {}  # each parameter's consumers: (node, port)
    for node, sources in table.items():
        for port, src in enumerate(sources):
            if src in pset:
                uses.setdefault(src, []).append((node, port))
    found = _Targets(model, pset)
    targets = [p for p in params if found.is_target(p, uses.get(p, []))]
    tset = set(targets)
    inputs = [p for p in params if p not in tset and DATA_NAME.fullmatch(model.label(p).strip())]
    return Moves(root, params, targets, inputs)


class _Targets:
    """The target rule, with what it learns of the graph kept between leaves:
    each node's parameters (at most two), each subtraction's way into a loss."""

    def __init__(self, model: GraphModel, params: set[str]) -> None:
        self.model, self.params = model, params
        self.table = model.input_table()
        self.attrs = model.attr_table()
        self.depends: dict[str, tuple[str, ...]] = {}  # node -> up to 2 of the parameters it depends on
        self.lossy: dict[str, bool] = {}  # subtraction -> whether its difference goes into a loss

    def is_target(self, leaf: str, uses: list[tuple[str, int]]) -> bool:
        attrs = self.attrs
        if not uses or any(attrs[t]["op"] != "sub" for t, _ in uses):
            return False
        for t, port in uses:
            other = self.table[t][1 - port]
            if other is None or other == leaf or attrs[other]["op"] == "leaf":
                return False
            if not [p for p in self.parameters_of(other) if p != leaf]:
                return False  # (two kept: one of them is another parameter)
            if not self.into_loss(t):
                return False
        return True

    def parameters_of(self, node: str) -> tuple[str, ...]:
        """Up to two parameters ``node`` depends on: each node is worked out
        once (its inputs first, without recursion), whatever the leaves ask."""
        depends, table, params = self.depends, self.table, self.params
        stack = [node]
        while stack:
            n = stack[-1]
            if n in depends:
                stack.pop()
                continue
            todo = [s for s in table[n] if s is not None and s not in depends]
            if todo:
                stack.extend(todo)
                continue
            stack.pop()
            if n in params:
                depends[n] = (n,)
                continue
            seen: tuple[str, ...] = ()
            for s in table[n]:
                for p in depends[s] if s is not None else ():
                    if p not in seen:
                        seen += (p,)
                if len(seen) >= 2:
                    break
            depends[n] = seen[:2]
        return depends[node]

    def into_loss(self, sub: str) -> bool:
        """Whether the difference ``sub`` goes on into a loss-like node: a
        square (any even power), a product with itself (or with the same
        difference made again, as ``(w*x - y)*(w*x - y)`` imports: two
        subtractions of one y) or an abs."""
        if sub not in self.lossy:
            self.lossy[sub] = any(self._loss_like(c, sub) for c, _ in self.model.consumers(sub))
        return self.lossy[sub]

    def _loss_like(self, node: str, sub: str) -> bool:
        a = self.attrs[node]
        op = a["op"]
        if op == "abs":
            return True
        if op == "pow":
            k = a.get("exponent")
            return isinstance(k, (int, float)) and k > 0 and k % 2 == 0
        if op != "mul":
            return False
        left, right = self.table[node]
        if left == right:
            return True
        twin = right if left == sub else left
        if twin is None or self.attrs[twin]["op"] != "sub":
            return False
        return any(s is not None and s == t for s, t in zip(self.table[twin], self.table[sub]))


def names(model: GraphModel, ids: Iterable[str], shown: int = SHOWN) -> str:
    """ "w, b, x1" or, for many, "w1, w2, … and 37 more": the labels of ``ids``."""
    ids = list(ids)
    if len(ids) == shown + 1:  # (not "and 1 more": the one name is as short)
        shown += 1
    labels = [model.label(n) for n in ids[:shown]]
    if len(ids) <= shown:
        return ", ".join(labels)
    return ", ".join(labels) + f" and {len(ids) - shown} more"


def why_data(model: GraphModel, m: Moves) -> str:
    """ "y1, y2 are subtracted from a prediction, as a target is; x1, x2 are
    named like data", or "" when no moved leaf looks like data."""
    parts = []
    if m.targets:
        verb = "is" if len(m.targets) == 1 else "are"
        parts.append(f"{names(model, m.targets)} {verb} subtracted from a prediction, as a target is")
    if m.inputs:
        verb = "is" if len(m.inputs) == 1 else "are"
        parts.append(f"{names(model, m.inputs)} {verb} named like data")
    return "; ".join(parts)


def leaves_by_label(model: GraphModel) -> dict[str, list[str]]:
    """Every leaf's id under its label (one pass: read it once for many names)."""
    by_label: dict[str, list[str]] = {}
    for n, a in model.attr_table().items():
        if a["op"] == "leaf":
            by_label.setdefault(model.label(n), []).append(n)
    return by_label


def find_leaves(model: GraphModel, wanted: Iterable[str]) -> list[str]:
    """The leaves named ``wanted`` (a label, else an id), in that order; a name
    no leaf has, or that names several leaves, is a GraphError."""
    by_label = leaves_by_label(model)
    found = []
    for name in wanted:
        hits = by_label.get(name) or ([name] if name in model and model.op(name) == "leaf" else [])
        if not hits:
            named = name in model or any(model.label(n) == name for n in model.nodes())
            raise GraphError(f"{name!r} is not a leaf" if named else f"no leaf is named {name!r}")
        if len(hits) > 1:
            raise GraphError(f"{len(hits)} leaves are named {name!r} (ids {', '.join(hits)}); give an id")
        found.append(hits[0])
    return found


def data_names(model: GraphModel, ids: list[str], shown: int = SHOWN) -> str:
    """What ``--data`` would take for the leaves ``ids`` ("x1,y1"): each by its
    label where that finds it alone, else by its id; past ``shown`` of them,
    counted ("x0,…,x7 and 1577 more"). The labels are read once for them all."""
    by_label = leaves_by_label(model)

    def name(n: str) -> str:
        label = model.label(n)
        plain = "," not in label and label == label.strip()
        return label if plain and by_label.get(label) == [n] else n

    listed = ",".join(name(n) for n in ids[:shown])
    return listed if len(ids) <= shown else f"{listed} and {len(ids) - shown} more"


def mark_data(model: GraphModel, ids: Iterable[str]) -> None:
    """Mark leaves as data (``"trainable": false``): Train leaves them alone."""
    for n in ids:
        model.set_attr(n, TRAINABLE, False)


def mark_data_named(model: GraphModel, items: Iterable[str]) -> list[str]:
    """Mark the leaves that ``--data a,b --data c`` names as data; their ids."""
    wanted = list(dict.fromkeys(s.strip() for item in items for s in item.split(",") if s.strip()))
    try:
        ids = find_leaves(model, wanted)
    except GraphError as e:
        raise GraphError(f"--data: {e}") from None
    mark_data(model, ids)
    return ids
