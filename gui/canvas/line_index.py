"""The far-zoom overview's wires filed by region, to redraw only those a
repaint meets.

Zoomed far out, one item draws every wire as a line (gui/canvas/overview.py).
A change repaints just where it happened, but handing Qt every line anyway
costs a pass over all of them (50 ms at 20,000 nodes, for one moved card).
Here each line is filed in the grid cells its bounding box covers; a line
whose box covers very many cells (a wire across the whole graph) is kept in
a list of long lines instead, which a repaint tests one by one, box against
box. Either way a repaint gets a superset of the lines it meets, and the
painter's clip does the rest.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF

#: Cell size (scene units): a few cards; the overview is used below 30% zoom.
CELL = 1024.0
#: A line whose box covers more cells than this is a long one.
MAX_CELLS = 64

Key = tuple[str, str, int]


class LineIndex:
    """Wire key -> line, filed by the grid cells of the line's box."""

    __slots__ = ("_cells", "_where", "_long")

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], dict[Key, QLineF]] = {}
        self._where: dict[Key, tuple[int, int, int, int]] = {}  # key -> its cells (x1, y1, x2, y2)
        self._long: dict[Key, tuple[QLineF, float, float, float, float]] = {}  # key -> (line, box)

    def __len__(self) -> int:
        return len(self._where) + len(self._long)

    def put(self, key: Key, line: QLineF) -> None:
        """File ``line`` as ``key``'s (dropping what ``key`` had)."""
        self.drop(key)
        x1, x2 = sorted((line.x1(), line.x2()))
        y1, y2 = sorted((line.y1(), line.y2()))
        cx1, cx2 = math.floor(x1 / CELL), math.floor(x2 / CELL)
        cy1, cy2 = math.floor(y1 / CELL), math.floor(y2 / CELL)
        if (cx2 - cx1 + 1) * (cy2 - cy1 + 1) > MAX_CELLS:
            self._long[key] = (line, x1, y1, x2, y2)
            return
        self._where[key] = (cx1, cy1, cx2, cy2)
        cells = self._cells
        for cx in range(cx1, cx2 + 1):
            for cy in range(cy1, cy2 + 1):
                cell = cells.get((cx, cy))
                if cell is None:
                    cell = cells[(cx, cy)] = {}
                cell[key] = line

    def drop(self, key: Key) -> None:
        if self._long.pop(key, None) is not None:
            return
        where = self._where.pop(key, None)
        if where is None:
            return
        cx1, cy1, cx2, cy2 = where
        cells = self._cells
        for cx in range(cx1, cx2 + 1):
            for cy in range(cy1, cy2 + 1):
                cell = cells[(cx, cy)]
                del cell[key]
                if not cell:
                    del cells[(cx, cy)]

    def lines_in(self, region: QRectF) -> list[QLineF]:
        """The lines whose boxes meet ``region`` (and perhaps a few more)."""
        left, top, right, bottom = region.left(), region.top(), region.right(), region.bottom()
        found: dict[Key, QLineF] = {}
        cells = self._cells
        cx1, cx2 = math.floor(left / CELL), math.floor(right / CELL)
        cy1, cy2 = math.floor(top / CELL), math.floor(bottom / CELL)
        if (cx2 - cx1 + 1) * (cy2 - cy1 + 1) > len(cells):  # a big region: walk the cells instead
            for (cx, cy), cell in cells.items():
                if cx1 <= cx <= cx2 and cy1 <= cy <= cy2:
                    found.update(cell)
        else:
            for cx in range(cx1, cx2 + 1):
                for cy in range(cy1, cy2 + 1):
                    cell = cells.get((cx, cy))
                    if cell:
                        found.update(cell)
        out = list(found.values())
        out += [
            line
            for line, x1, y1, x2, y2 in self._long.values()
            if x1 <= right and x2 >= left and y1 <= bottom and y2 >= top
        ]
        return out
