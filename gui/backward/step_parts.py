"""What of the canvas a step of the pass shows, as the camera keeps it in
view (gui/backward/replay_canvas.py): the step's card, its inputs as they are
drawn next to it, the captions on their wires, and its consumers.

An input drawn as a linked copy beside the step's card (a shared leaf: the
MLP's x2[1], used by every neuron of a layer; a weight whose card is folded
away with the layer's weights) is where its copy is. The camera reached for
the original, far off outside the opened layer, and left the step at the
view's edge with its captions cut (a trial).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.backward.camera_moves import ENDS_ZOOM, fit_zoom, seen, with_room
from gui.canvas.cards.card_text import MIN_PX, needed_px, text_scale
from gui.canvas.folding import card_rows
from gui.canvas.linked.pills import pill_of
from gui.canvas.painting import BOUNDS
from gui.common import style as S

#: A folded card fed by more values than this: its feeders are not looked
#: for (they could not all be in view at a readable zoom anyway).
CARD_INPUTS_MAX = 32


Rects = list[QRectF]


def step_parts(scene, rp, pos: int, step) -> tuple[QRectF, Rects, Rects, Rects]:
    """The step's card (the root's before the first step), the rects of its
    inputs as drawn beside it (what it passes to), of the captions on their
    wires, and of its consumers (what it heard from); a null card rect when
    the step's card is nowhere."""
    node = rp.root if step is None else step.node
    focus = _rect(scene, [node])
    if focus.isNull():
        return focus, [], [], []
    ins = [] if step is None else inputs_as_drawn(scene, node, step.inputs)
    ins += [_rect(scene, [n]) for n in _card_inputs(scene, node)]  # (a folded card's feeders)
    caps = []
    for s, t, p, _text in rp.flows(pos):
        e = scene.edge_item(s, t, p)
        r = e.caption_rect() if e is not None and e.isVisible() else None
        if r is not None:
            caps.append(r)
    used = [] if step is None else [_rect(scene, [t]) for t, _p in scene.model.consumers(node)]
    return focus, ins, caps, used


def inputs_as_drawn(scene, node: str, inputs) -> list[QRectF]:
    """Each of ``inputs`` (``node``'s, in port order) where it is drawn for
    ``node``: its linked copy beside ``node``'s card (the most room it
    takes at any zoom), else its own card."""
    out = []
    for p, s in enumerate(inputs):
        pill = pill_of(scene, (s, node, p))
        out.append(pill if pill is not None else _rect(scene, [s]))
    return out


def _card_inputs(scene, node: str) -> list[str]:
    """The nodes feeding the folded card that shows ``node`` from outside
    (its input rows: what a step in it passes back to), [] if it is shown
    itself (the MLP's pass began on the folded loss, its inputs cut off)."""
    gid = scene.folding.card_of(node)
    card = scene.folding.card(gid) if gid is not None else None
    if card is None:
        return []
    ins = card_rows.nodes(card.inputs)
    return list(ins) if len(ins) <= CARD_INPUTS_MAX else []


def _rect(scene, nodes, cards_only: bool = False) -> QRectF:
    """Where ``nodes`` are on screen: their cards with the notes under them
    (unless ``cards_only``), or the folded group cards that show them."""
    rect = QRectF()
    for n in nodes:
        it = scene.node_item(n)
        if it is not None and not it.isVisible():
            card = scene.folding.card(scene.folding.card_of(n) or "")
            it = card if card is not None else it
        if it is None:
            continue
        if it is not scene.node_item(n):  # a folded group's card
            rect = rect.united(it.sceneBoundingRect())
            continue
        # its bounds hold the note at its largest; asked of the item, not its
        # getters, which would bring a card the step did not touch up to date
        rect = rect.united(it.mapRectToScene(BOUNDS) if cards_only else it.sceneBoundingRect())
    return rect


def _united(r: QRectF, rects: list[QRectF]) -> QRectF:
    for x in rects:
        if not x.isNull():
            r = r.united(x)
    return r


def ends_zoom(scene, nodes: list[str], zoom: float) -> float:
    """How far out the finished picture may show ``nodes``: ``zoom`` (where a card's
    texts read), or, where every one of them is folded away, as far as a folded card's
    name is still drawn, large (style.FAR_ZOOM_FEW; below FAR_ZOOM over its block): the
    deep MLP's root and weights, all folded, fitted at 29 %, where its pass ended at 85 %
    on the constant x1[1] (trial 59, who pressed F after each End)."""
    for n in nodes:
        it = scene.node_item(n)
        if it is None or it.isVisible() or scene.folding.card(scene.folding.card_of(n) or "") is None:
            return zoom
    return min(zoom, S.FAR_ZOOM_FEW)


#: The finished picture is brought at most this much nearer for its cards to draw the pass's numbers.
NUMBERS_REACH = 1.05


def with_numbers(scene, nodes: list[str], zoom: float) -> float:
    """``zoom``, or the least a little nearer (``NUMBERS_REACH``) at which the cards of ``nodes``
    (the pass's ends) draw their gradient or tangent, where they do not at ``zoom``: a card has
    room for one line, its name, at 40 % and for its name over its number from about 41 %
    (t62: Forward Mode's end, fitted at 40 %, showed no d/dx1 on any card, Backward's at 41 % a ∇
    under every one)."""
    cards = [it for it in map(scene.node_item, nodes) if it is not None and it.isVisible()]
    cards = [it for it in cards if it.grad is not None]

    def numbered(z: float) -> bool:
        return all(any(t.kind == "grad" for t in it.texts_at(z)) for it in cards)

    if not cards or numbered(zoom):
        return zoom
    for need in range(needed_px(zoom) - 1, 0, -1):
        nearer = MIN_PX * text_scale() / need  # (the zoom at which a text needs ``need`` px)
        if nearer > zoom * NUMBERS_REACH:
            break
        if numbered(nearer):
            return nearer
    return zoom


def ends_cannot_fit(ends: list[str], scene, view, top_margin: float) -> bool:
    """True when the box of the ends' positions (inside their cards' rect:
    no card folded away) is out of view and too big to read whole: so is
    their rect, asked of each card (~10,000 leaves at 50,000 nodes)."""
    if scene.folding.cards():
        return False
    pos = scene.card_positions()
    at = [p for p in map(pos.get, ends) if p is not None]
    if not at:
        return False
    xs, ys = [p[0] for p in at], [p[1] for p in at]
    box = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    padded = with_room(box)
    return not seen(view, top_margin).contains(padded) and fit_zoom(view, padded, top_margin) < ENDS_ZOOM
