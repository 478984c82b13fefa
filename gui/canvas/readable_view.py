"""A view that opens on some cards with their names whole (Build Gradient
Graph's gradients): Fit shows the whole graph, but where that is too far out
for the cards that matter to write their names (trial 65 #5: at 43 % the
hand-built graph's gradients read "ad…·y", "pow1.…", "exp1.…"), the least
zoom at which they all do, those cards wholly in view, the rest as much as
fits beside them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF

from gui.canvas.cards import card_text
from gui.canvas.view import GraphView


def name_whole(card, zoom: float) -> bool:
    """Whether ``card`` writes its name whole at ``zoom``: on one line (after
    its op's sign: "+ x.grad") or broken over two ("exp1.grad·" over "exp1")."""
    lines = [t.text for t in card.texts_at(zoom) if t.kind == "label"]
    if not lines:
        return False
    symbol = card.symbol_text
    if symbol and lines[0].startswith(f"{symbol} "):
        lines[0] = lines[0][len(symbol) + 1 :]
    return "".join(lines).replace(" ", "") == card.label.replace(" ", "")


def show_names(view: GraphView, nodes: Iterable[str]) -> bool:
    """Zoom in from the view's fit, no further than ``nodes``' cards (their
    copies and badges too) stay wholly in view, to the least zoom at which
    each of them writes its name whole; those cards then at the right of the
    view (what they are computed from on their left). False, the view as it
    was, where they do already or at no such zoom."""
    sc = view.graph_scene()
    cards = [c for c in map(sc.node_item, nodes) if c is not None and c.isVisible()]
    if not cards:
        return False
    ids = {c.node_id for c in cards}
    rect = QRectF()
    for item in [*cards, *(c for c in sc.linked.copies() if c.key[1] in ids)]:  # (their copies' room)
        rect = rect.united(item.sceneBoundingRect())
    r, top = view.fit_of(rect)
    # a name too long for its card at any zoom in reach ("tanh(x*y + x**2).grad"): written at all,
    # cut, rather than every card's number alone (trial 68 #6: the whole gradient graph at 39 %)
    never = {c for c in cards if not name_whole(c, top)}

    def readable(c, z: float) -> bool:
        return name_whole(c, z) if c not in never else any(t.kind == "label" for t in c.texts_at(z))

    if all(readable(c, view.zoom) for c in cards):
        return False
    scale = card_text.text_scale()
    need = card_text.needed_px(view.zoom)
    while need > card_text.needed_px(top):
        need -= 1
        z = min(top, card_text.MIN_PX * scale / need * (1 + 1e-9))  # (the least that needs ``need`` px)
        if all(readable(c, z) for c in cards):
            width = view.viewport().width() / z
            left = _clear_left(sc, ids, r.right() - width, r.left())  # (their right edge at the view's)
            view.set_zoom(z, center=QPointF(left + width / 2, r.center().y()))
            return True
    return False


def _clear_left(sc, ids: set[str], left: float, most: float) -> float:
    """``left``, or a little right of the other cards it runs through, up
    to ``most``: the view's left edge in the gap between two columns, not
    through a card (the original leaves read "000")."""
    cut = [
        r.right()
        for c in sc.node_map().values()
        if c.node_id not in ids and c.isVisible() and (r := c.sceneBoundingRect()).left() < left < r.right()
    ]
    return min(max(cut) + GAP, most) if cut else left


#: How far right of a card the view's left edge passes, where it would run through it.
GAP = 12.0
