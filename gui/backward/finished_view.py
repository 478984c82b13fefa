"""Where the view goes once a pass is finished (gui/backward/replay_canvas.py
keeps each step in view): the root and the pass's leaves in view where
their cards read, then no card and no note cut at the view's edges
(edge_cards.py)."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.backward.camera_moves import (
    ENDS_ZOOM,
    READABLE_ZOOM,
    centre_toward,
    clear_of_overlays,
    fit_zoom,
    seen,
    whole_far_out,
    with_ports,
    with_room,
)
from gui.backward.edge_cards import notes_in_view, shown_notes, whole_cards_in_view
from gui.backward.step_parts import _rect, ends_cannot_fit, ends_zoom, with_numbers
from gui.canvas.cards.card_text import FULL_ZOOM


def show_ends(nodes: list[str], scene, view, top_margin: float) -> bool:
    """The finished picture: the root and every leaf of the pass in view
    (``nodes``), if they fit at a zoom where their cards read (zooming out if need be)."""
    if ends_cannot_fit(nodes, scene, view, top_margin):
        return False
    ends = _rect(scene, nodes, cards_only=True)  # (with_room: their notes)
    if ends.isNull():
        return False
    ends = ends.united(view.wires_reach(ends) or ends)  # (a wire back to the next row: not cut)
    ends = scene.linked.reach_past(ends)  # (the linked copies' badges beside the leaves: not cut)
    padded = with_room(ends)
    if seen(view, top_margin).contains(padded):
        _whole_edges(scene, view, with_ports(ends), top_margin)
        return True
    z, bare = fit_zoom(view, padded, top_margin), fit_zoom(view, ends, top_margin)
    if z < READABLE_ZOOM <= bare or bare < FULL_ZOOM:  # whole cards (values, notes) over room beside
        padded, z = ends, bare  # them; and no room for notes where none is drawn (the MLP's rows kept)
    elif z < FULL_ZOOM <= min(view.transform().m11(), fit_zoom(view, with_ports(ends), top_margin)):  # (as at
        # the start: the room cost the cards their
        z = FULL_ZOOM  # operators and notes: a trial's neuron finished at 76 %, its o no longer a tanh)
    z = with_numbers(scene, nodes, z) if z >= ENDS_ZOOM else z  # (their numbers drawn: t62 at 40 %)
    floor = ends_zoom(scene, nodes, ENDS_ZOOM)
    if z < ENDS_ZOOM and z < floor:
        return False
    far = whole_far_out(view, z, max(floor, scene.far_zoom()), top_margin)  # (not cut across: verify 59)
    padded, ends, z = (far[0], far[0], far[1]) if far is not None else (padded, ends, z)
    if z < view.transform().m11():
        view.set_zoom(z)
    keep = padded if seen(view, top_margin).contains(padded) else with_ports(ends)
    graph = view.graph_rect()  # (the ends placed in the view as the whole graph is: Backward's picture)
    centre_toward(view, keep, keep if graph is None else with_room(graph), top_margin)
    _whole_edges(scene, view, with_ports(ends), top_margin)
    return True


def _whole_edges(scene, view, ends: QRectF, top_margin: float) -> None:
    """The finished picture's edges, ``ends`` kept in view: the notes there
    whole (``a.grad = nan …`` under a leaf, slid left past the room kept
    for notes, began off the canvas: t64 #6), then the cards, those notes
    kept (the ``2n`` card cut at a 1100 × 700 window's right edge: t64 #4)."""
    notes_in_view(scene, view, ends, top_margin, zoom_out=True)
    whole_cards_in_view(scene, view, shown_notes(scene, view, ends, top_margin), top_margin)


#: Each step out while the finished picture's ends make room for the minimap or the Find bar.
CLEAR_STEP = 0.92


def ends_clear(scene, view, nodes: list[str], last: str, top_margin: float) -> None:
    """The finished picture's ends (``nodes``) out from under the widgets
    over the canvas's corners (the minimap, the Find bar), zoomed out a
    little where only that keeps them all in view (down to where their
    cards still read); else the last step's card (``last``: the root of a
    forward pass) alone. A forward pass on the MLP finished with the seeded
    leaf at the top left and its root, "loss", under the minimap (t68 #3)."""
    ends = _rect(scene, nodes, cards_only=True)
    if ends.isNull() or clear_of_overlays(view, ends, top_margin):
        return
    was, centre = view.transform().m11(), ends.center()
    z = was * CLEAR_STEP
    while z >= ENDS_ZOOM:
        view.set_zoom(z, center=centre)
        if seen(view, top_margin).contains(ends) and clear_of_overlays(view, ends, top_margin):
            return
        z *= CLEAR_STEP
    view.set_zoom(was, center=centre)
    clear_of_overlays(view, _rect(scene, [last], cards_only=True), top_margin)
