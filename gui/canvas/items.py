"""The canvas items, by the names the rest of the app uses: a node card
(node_item.py), a wire (wire_item.py) and what they share (painting.py)."""

from gui.canvas.cards.node_item import NodeItem
from gui.canvas.painting import CARD_RECT, HIGHLIGHTS, esc_html, wire_path
from gui.canvas.wires.wire_item import EdgeItem

__all__ = ["CARD_RECT", "EdgeItem", "HIGHLIGHTS", "NodeItem", "esc_html", "wire_path"]
