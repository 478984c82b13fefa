"""The canvas's background grid as one small tile per scale: one fill a
repaint instead of hundreds of lines."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter, QPen

from gui.common import style as S


class GridTile:
    """The tile for the zoom last asked for, kept until the zoom needs another size."""

    def __init__(self) -> None:
        self._tile: tuple[int, QImage] | None = None  # (size, the grid tile of that size)

    def at(self, z: float) -> QImage:
        step = S.GRID
        while step * z < 16:  # keep grid lines at least 16 px apart
            step *= S.GRID_MAJOR
        key = max(1, round(step * z * S.GRID_MAJOR))
        if self._tile is not None and self._tile[0] == key:
            return self._tile[1]
        # a QImage, not a QPixmap: it may outlive the QApplication harmlessly
        pm = QImage(key, key, QImage.Format.Format_RGB32)
        pm.fill(S.BG)
        p = QPainter(pm)
        p.setPen(QPen(S.GRID_MINOR, 1.0))
        for i in range(1, S.GRID_MAJOR):
            x = round(i * key / S.GRID_MAJOR)
            p.drawLine(x, 0, x, key)
            p.drawLine(0, x, key, x)
        p.setPen(QPen(S.GRID_MAJOR_C, 1.0))
        p.drawLine(0, 0, key, 0)
        p.drawLine(0, 0, 0, key)
        p.end()
        self._tile = (key, pm)
        return pm
