"""Drawing a replay position on the canvas, through the items' view-only API
(NodeItem.set_grad/set_highlight/set_note, EdgeItem.set_flow), touching only
what changed, and keeping the current step on screen."""
from __future__ import annotations

import math

from PySide6.QtCore import QRectF

from . import style as S
from .caption_layout import place_captions
from .format import fmt
from .replay import Replay

#: Below this zoom the canvas hides gradients and captions (style.LOD_DETAIL).
READABLE_ZOOM = getattr(S, "LOD_DETAIL", 0.6)
FOLLOW_ZOOM = max(0.85, READABLE_ZOOM + 0.1)


class ReplayCanvas:
    """Paints replay positions onto one scene (the window's current one)."""

    def __init__(self) -> None:
        self._lit: list[tuple[str, str, int]] = []  # wires showing a flow

    def clear(self, scene, model) -> None:
        """No gradient, highlight, caption or lit wire anywhere."""
        for it in _node_items(scene, model):
            it.clear_view_state()
        self.clear_flows(scene)

    def forget(self) -> None:
        """The scene was replaced: its wires are gone with it."""
        self._lit = []

    def clear_flows(self, scene) -> None:
        for key in self._lit:
            e = scene.edge_item(*key)
            if e is not None:
                e.set_flow(None)
        self._lit = []

    def draw(self, replay: Replay, scene, model, pos: int, old: int) -> None:
        """Show ``pos``; ``old`` is what is on screen now (-1: unknown, redraw all)."""
        rp = replay
        nodes = rp.changed_between(old, pos) if old >= 0 else None
        if nodes is None:
            nodes = model.nodes()
        for n in nodes:
            it = scene.node_item(n)
            if it is None:
                continue
            g = rp.grad(n, pos)
            if not _same(it.grad, g):
                it.set_grad(g)
            hl = rp.highlight(n, pos)
            if it.highlight != hl:
                it.set_highlight(hl)
            note = rp.note(n, pos)
            if g is not None and not math.isfinite(g) and (note is not None or pos >= rp.last):
                why = rp.nonfinite_cause(n, pos)
                note = (note + "  ⚠ " if note else f"{model.label(n)}.grad = {fmt(g)}  ⚠ ") + (why or "")
            if it.note != note:
                it.set_note(note)
        self.clear_flows(scene)
        lit = []
        for s, t, p, text in rp.flows(pos):
            e = scene.edge_item(s, t, p)
            if e is not None:
                e.set_flow(text)
                self._lit.append((s, t, p))
                lit.append(e)
        place_captions(scene, lit)

    @staticmethod
    def follow(replay: Replay, scene, view, pos: int, zoom_in: bool) -> None:
        """Keep the current step on screen. At the start of a pass, also zoom
        in if the cards are too small to show their gradients and captions."""
        rp = replay
        if pos >= rp.last:
            return
        step = rp.current(pos)
        rect = QRectF()
        for n in ([rp.root] if step is None else [step.node, *step.inputs]):
            it = scene.node_item(n)
            if it is not None:
                rect = rect.united(it.sceneBoundingRect())
        if rect.isNull():
            return
        zoom = view.transform().m11()
        if zoom_in and zoom < READABLE_ZOOM and hasattr(view, "set_zoom"):
            view.set_zoom(FOLLOW_ZOOM)
            view.centerOn(rect.center())
            return
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        if not seen.contains(rect):
            view.centerOn(rect.center())


def _same(a, b) -> bool:
    """Equal as shown: nan equals nan, and -0.0 differs from 0.0."""
    if a is None or b is None:
        return a is b
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def _node_items(scene, model) -> list:
    items = getattr(scene, "node_items", None)
    if callable(items):
        return list(items())
    return [it for it in (scene.node_item(n) for n in model.nodes()) if it is not None]
