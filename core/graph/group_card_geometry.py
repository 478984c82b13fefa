"""The sizes of a folded group's card and an open group's frame, in one place.

The canvas draws them (gui/canvas/folding/group_card.py, kept_rows.py,
group_items.py) and core places cards and routes wires around them
(layout, scope_columns, group_layout, drawn_canvas): each read these
numbers, so a card drawn and a card placed around never differ.
"""

from __future__ import annotations

#: A folded card's width.
GROUP_W = 232.0
#: Its header: the ▸ toggle and the group's name.
GROUP_NAME_H = 26.0
#: The line under the header saying how many nodes it folds.
GROUP_COUNT_H = 18.0
#: A row per value crossing the group's boundary.
GROUP_ROW_H = 20.0
#: Below the last row.
GROUP_FOOT = 6.0
#: All of the card's height but its rows (50).
GROUP_HEAD_H = GROUP_NAME_H + GROUP_COUNT_H + GROUP_FOOT

#: An open group's frame: its margin around the cards inside, and its name tab above them.
FRAME_PAD = 14.0
FRAME_TITLE = 24.0


def group_card_h(rows: int) -> float:
    """The height of a folded card with ``rows`` rows."""
    return GROUP_HEAD_H + rows * GROUP_ROW_H


def group_row_y(i: int) -> float:
    """The middle of row ``i`` (from 0) below the card's top: where its port is."""
    return GROUP_NAME_H + GROUP_COUNT_H + i * GROUP_ROW_H + GROUP_ROW_H / 2
