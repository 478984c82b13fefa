"""Where the linked copies' pills are, made or not: asked by what must keep
clear of them or show them. A pass's captions are placed clear of them (a
trial's "x2[1].grad += …" sat over the very copy of x2[1] whose gradient
the step changed, hiding its value), and the camera keeps a step's input
drawn as a copy in view where the copy is, beside the step's card (it
reached for the original, far off outside the layer, and left the step at
the view's edge).

A pill is worked out from its card and port (copy_item.pill_rect), at the
zoom asked for, or its most room at any zoom; so it is found whether or not
the view has made its item yet (they are made as cards come near the view).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.canvas.cards.card_text import needed_px
from gui.canvas.linked.copy_item import REACH, pill_rect, pill_size, room_rect

Key = tuple[str, str, int]


def _local(widest: str, arity: int, port: int, zoom: float | None) -> QRectF:
    """The pill of input ``port`` in its card's coordinates: as drawn at
    ``zoom`` (every pill is as wide as the widest label shown), or its most room."""
    if zoom is None or not widest:  # (no copy made yet: its widest label unknown)
        return room_rect(arity, port)
    w, h, _px = pill_size(needed_px(zoom), widest)
    return pill_rect(arity, port, w, h)


def pill_of(scene, key: Key, zoom: float | None = None) -> QRectF | None:
    """The scene rect of the copy drawn for the wire ``key`` beside its
    target's card; None when the wire is drawn whole (or the card is hidden,
    or the overview draws the graph)."""
    lk = scene.linked
    if lk.far or not lk.is_linked(key):
        return None
    it = scene.node_item(key[1])
    if it is None or not it.isVisible():
        return None
    return it.mapRectToScene(_local(lk.widest, it.arity, key[2], zoom))


def pills_near(scene, regions: list[QRectF], zoom: float | None = None) -> list[QRectF]:
    """The scene rects of the copies (made or not) that meet any of
    ``regions``, each once: from the cards the card grid files near each
    region (a copy reaches ``REACH`` left of its card), never every card.
    None without groups (every wire then in one group: none is linked, as
    ``LinkedRule.every_key`` says), no card asked: a Backward step's
    captions look around their long wires' anchors (~500 cards at 50,000 nodes)."""
    lk = scene.linked
    if lk.far or not lk.on or not regions or len(scene.model.groups) == 0:
        return []
    nodes = scene.node_map()
    seen: set[str] = set()
    out = []
    for region in regions:
        for n in scene.card_ids_near(region.adjusted(-10, -70, REACH + 10, 70)):
            if n in seen:
                continue
            seen.add(n)
            ins = lk.rule.linked_inputs(n)
            it = nodes.get(n) if ins else None
            if it is None or not it.isVisible():
                continue
            for p, _s in ins:
                r = it.mapRectToScene(_local(lk.widest, it.arity, p, zoom))
                if any(r.intersects(q) for q in regions):
                    out.append(r)
    return out
