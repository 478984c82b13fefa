"""Shared helpers for the animation tests: an independent step-by-step
re-run of backward, and exact float comparison."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QRectF

from core.files import fileio
from core.graph.build import build_values
from core.graph.model import GraphModel
from gui.canvas.painting import CARD_RECT, TAG_H
from gui.common import style as S

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
#: every example the app ships (the lecture's five, and any added later)
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.mgraph"))


def load(name: str) -> GraphModel:
    return fileio.load(EXAMPLES / f"{name}.mgraph")


def engine_states(model: GraphModel, root: str) -> list[dict]:
    """Gradients after each step, by applying the op table's gradient rules
    one node at a time in the engine's order (None where nothing has arrived
    yet); grads start at -0.0 as the engine resets them."""
    import networkx as nx

    from core.autograd.ops import OPS

    past = nx.ancestors(model.graph, root) | {root}
    vals = build_values(model, past)
    order = [s.node for s in vals[root].backward()]  # the engine's order
    for v in vals.values():
        v.grad = -0.0
    vals[root].grad = 1.0
    touched = {root}
    name = {id(v): n for n, v in vals.items()}
    states = [{n: vals[n].grad if n in touched else None for n in past}]
    for v in order:
        if v._prev:
            cs = OPS[v._op].grad(tuple(c.data for c in v._prev), v.data, v._k, v.grad)
            for c, amount in zip(v._prev, cs):
                c.grad += amount
        touched.update(name[id(c)] for c in v._prev)
        states.append({n: vals[n].grad if n in touched else None for n in past})
    return states


def same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return (a == b and math.copysign(1, a) == math.copysign(1, b)) or (a != a and b != b)


def drawn_card(it) -> list[QRectF]:
    """The scene rects of what card ``it`` draws: the card with its ports and
    output tag (if it shows one), and its note. What a wire caption must not
    cover; not the card's bounding rect, which keeps room above for a tag few
    cards show (the gap between two cards of a column is where a caption of a
    wire through it belongs: trial 48)."""
    tag = TAG_H if it.output_badge is not None else 0.0
    out = [it.mapRectToScene(CARD_RECT.adjusted(-S.PORT_R, -tag, S.PORT_R, 0.0))]
    if it.drawn_note is not None:
        out.append(it.mapRectToScene(it.note_place[0]))
    return out
