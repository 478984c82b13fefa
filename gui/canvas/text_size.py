"""The canvas's text size (View › Presentation Mode): every text a card,
group, note or caption draws ``scale`` times as large on screen at the same
zoom (card_text.set_text_scale), so a projector's audience reads the graph
fitted whole, not only zoomed in on a part of it."""

from __future__ import annotations

from gui.canvas.cards import card_text
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.view import GraphView


def set_text_scale(view: GraphView, scale: float) -> None:
    """The canvas's texts ``scale`` times their usual size (1: as usual),
    drawn again now (each item keeps its picture until told)."""
    if scale == card_text.text_scale():
        return
    card_text.set_text_scale(scale)
    scene = view.graph_scene()
    for item in scene.items():  # (their cached pictures, at the old size)
        item.update()
        if isinstance(item, NodeItem):  # (an "output" tag's room: as tall as its text)
            item.text_scaled()
    scene.detail.notes_resized()  # (their rooms measured at the new size)
    scene.set_view_zoom(view.zoom)  # far out, the groups' names laid out for the new size
    view.viewport().update()
