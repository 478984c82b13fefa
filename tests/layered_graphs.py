"""The big layered graph the Backward-scaling tests open: a tenth leaves in
rows, then ops on recent and earlier nodes in columns, and a third of it in a
branch the output does not depend on (dimmed in a pass)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from core.autograd.ops import OPS
from core.graph.model import GraphModel


def layered_graph(
    n: int, seed: int, ops: Sequence[str], leaf_value: Callable[[random.Random], float]
) -> GraphModel:
    """n nodes; each op's first input among the 30 latest nodes, its second
    (if it has one) anywhere before it."""
    rnd = random.Random(seed)
    m = GraphModel()
    leaves = max(4, n // 10)
    for i in range(leaves):
        m.add_node("leaf", f"x{i}", value=leaf_value(rnd), x=(i % 20) * 220.0, y=(i // 20) * 150.0)
    ids = [f"x{i}" for i in range(leaves)]
    for i in range(n - leaves - 1):
        nid, op = f"n{i}", rnd.choice(ops)
        m.add_node(op, nid, x=(20 + i // 30) * 220.0, y=(i % 30) * 150.0)
        m.connect(rnd.choice(ids[-30:]), nid, 0)
        if OPS[op].arity == 2:
            m.connect(rnd.choice(ids), nid, 1)
        ids.append(nid)
    m.add_node("add", "out", x=(22 + n // 30) * 220.0, y=0.0)
    m.connect(ids[-1], "out", 0)
    m.connect(ids[len(ids) * 2 // 3], "out", 1)
    m.set_output("out")
    return m
