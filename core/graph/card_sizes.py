"""The sizes Auto Layout and the geometry of cards and wires share (core/graph/layout.py,
gradient_geometry.py, clear_lanes.py), in one place each of them reads without the others."""

from __future__ import annotations

COLUMN = 240.0  # distance between columns
ROW = 110.0  # distance between nodes in a column
#: A card's height (scene units) and width, as the canvas draws it (gui/canvas: style.NODE_H).
NODE_H = 64.0
NODE_W = 132.0
#: Room left of a card one of whose inputs is drawn as a linked copy (a pill
#: at its widest, its stub to the port and a gap before the column to its
#: left: gui/canvas/linked/copy_item.py), and left of a shared leaf's card
#: for its badge. Auto Layout leaves it (core/graph/scope_columns.py): a pill
#: on the column gap (108) covered the output port of the card to its left.
LINK_ROOM = 208.0
#: A linked copy at its tallest, and the gap between a two-input card's two
#: copies (gui/canvas/linked/copy_item.py draws them so): the two span 108,
#: under ``ROW``, so two such cards one above the other keep their copies
#: apart (48 high, they overlapped by 2 from ~60 % out).
COPY_H = 46.0
COPY_GAP = 16.0
