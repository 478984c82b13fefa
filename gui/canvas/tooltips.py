"""Canvas tooltips: what a port, card or wire is, and what dragging does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF

from core.autograd import ops
from core.explain.format import fmt_full
from core.graph.model import GraphModel
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.painting import esc_html


def port_tooltip(m: GraphModel, node: str, kind: str, port: int) -> str:
    """Rich text for the port (``kind`` "in" or "out") of ``node``."""
    if kind == "out":
        return (
            f"output of <b>{esc_html(m.label(node))}</b>: drag to an input port to "
            f"wire it<br>value {fmt_full(m.value(node))}"
        )
    name = ops.OPS[m.op(node)].ports[port]
    src = m.inputs(node)[port]
    where = (
        f"from <b>{esc_html(m.label(src))}</b> (drag to rewire)"
        if src is not None
        else "empty: drag from an output port to here"
    )
    return f"input <b>{name}</b> of <b>{esc_html(m.label(node))}</b>, {where}"


def tooltip_text(
    m: GraphModel,
    port: tuple | None,
    node: Callable[[], NodeItem | None],
    wire: Callable[[], EdgeItem | None],
) -> str:
    """A port's tooltip, else the card's, else the wire's (each looked up only
    when the one before is missing), else ""."""
    if port is not None:
        return port_tooltip(m, *port)
    card = node()
    if card is not None:
        return card.tooltip_text()
    w = wire()
    return w.tooltip_text(m) if w is not None else ""


def tip_at(scene: Any, scene_pos: QPointF) -> str:
    """The tooltip for what is at ``scene_pos`` on ``scene`` (a GraphScene):
    a linked copy's, a folded card's or a frame tab's (the topmost, their
    items' own), else a port's, a card's or a wire's; "" for none."""
    return (
        scene.linked.tooltip_at(scene_pos)
        or scene.folding.tip_at(scene.items(scene_pos))
        or tooltip_text(
            scene.model,
            scene.port_at(scene_pos),
            lambda: scene.node_at(scene_pos),
            lambda: scene.wire_at(scene_pos),
        )
    )
