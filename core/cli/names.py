"""How the headless commands' texts name nodes: as the canvas does (by
label), with the id only where two read the same; the JSON keeps ids."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from core.explain.names import constant_name, is_number

if TYPE_CHECKING:
    from core.graph.model import GraphModel


def shown_names(model: GraphModel, nodes: list[str]) -> dict[str, str]:
    """Each of ``nodes`` as the app shows it: its label (a constant's with
    where it is used, "1 (in e - 1)"), with its id where two read the same
    ("x (id x1)"; the ids are the JSON's, and --root's; said to be one: "x1 (x2)"
    read as another node's name, trial 49)."""
    named = {n: _shown(model, n) for n in dict.fromkeys(nodes)}
    count = Counter(named.values())
    return {n: lab if count[lab] == 1 else f"{lab} (id {n})" for n, lab in named.items()}


def _shown(model: GraphModel, n: str) -> str:
    label = model.label(n)
    if model.op(n) == "leaf" and is_number(label):
        return constant_name(label, [model.label(c) for c, _ in model.consumers(n)])
    return label
