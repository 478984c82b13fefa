"""Which leaves Train moves, which of them look like data, and marking leaves as data.

A leaf's role is its ``"trainable"`` attribute (core/learn/training.py): a
parameter unless marked ``false``. A Value made by hand, by the formula bar or
by ``import`` is a parameter, so a hand-built model's inputs and targets are
moved by Train unless marked; a trial's logistic regression "learned" its
labels (y1 went from 1 to 0.65). Two plain rules say which moved leaves look
like data, so the Train panel and ``train`` can warn before a run:

- a *target*: every wire out of the leaf goes into a subtraction whose other
  side is a computed node that depends on a parameter (a prediction), as y in
  ``(w*x + b) - y``;
- an *input*: its label is a data name: x, y, xs, ys, input, target, label or
  data, with an optional number or index (x1, y_2, x[3], target1).

The Insert MLP template's inputs and targets are already marked, so it draws
no warning. Nothing here blocks a run: the warning names the leaves.
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
    uses: dict[str, list[tuple[str, int]]] = {}  # each parameter's consumers: (node, port)
    for node, sources in model.input_table().items():
        for port, src in enumerate(sources):
            if src in pset:
                uses.setdefault(src, []).append((node, port))
    targets = [p for p in params if _is_target(model, p, uses.get(p, []), pset)]
    tset = set(targets)
    inputs = [p for p in params if p not in tset and DATA_NAME.fullmatch(model.label(p).strip())]
    return Moves(root, params, targets, inputs)


def _is_target(model: GraphModel, leaf: str, uses: list[tuple[str, int]], params: set[str]) -> bool:
    if not uses or any(model.op(t) != "sub" for t, _ in uses):
        return False
    for t, port in uses:
        other = model.inputs(t)[1 - port]
        if other is None or other == leaf or model.op(other) == "leaf":
            return False
        if not (model.past(other) - {leaf}) & params:
            return False
    return True


def names(model: GraphModel, ids: Iterable[str], shown: int = SHOWN) -> str:
    """ "w, b, x1" or, for many, "w1, w2, … and 37 more": the labels of ``ids``."""
    ids = list(ids)
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


def find_leaves(model: GraphModel, wanted: Iterable[str]) -> list[str]:
    """The leaves named ``wanted`` (a label, else an id), in that order; a name
    no leaf has, or that names several leaves, is a GraphError."""
    by_label: dict[str, list[str]] = {}
    for n in model.nodes():
        if model.op(n) == "leaf":
            by_label.setdefault(model.label(n), []).append(n)
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
